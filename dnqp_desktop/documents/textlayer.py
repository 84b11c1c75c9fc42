"""Our text layer: glyphs shaped by HarfBuzz, drawn by id at HarfBuzz's positions, text mapped back.

ReportLab 5.1's own shaping path has three defects (TECH_NOTES.md) that we avoid here rather than
patch in ReportLab:

1. It shapes a space-delimited word that mixes fonts with the first font's face. We never hand it
   mixed words: ``text.font_runs`` splits text into same-font runs and ``shape`` shapes each run
   on its own, with its own face.
2. It raises glyphs with the text rise (``Ts``) for mark offsets and fails to reset it after a
   stacked vowel + tone mark. ``draw_runs`` sets the rise for a single offset glyph and always
   resets it to 0 right after, so no later glyph can inherit it.
3. Glyphs that substitution produces and the font's cmap lacks get private-use code points in
   ToUnicode, so copied text loses its marks. ``ShapedFont`` gives every drawn glyph a code whose
   ToUnicode entry is text from its HarfBuzz cluster (``cluster_units``, ``_distribute``): the
   text sits on the glyphs on the baseline and the marks carry none, so text extraction returns
   what was typed (pdfminer and poppler exactly, or equal under NFKC).

ReportLab still embeds and subsets the fonts; we only address glyphs through our own code points.
"""

from __future__ import annotations

import itertools
import operator
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import uharfbuzz as hb
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont
from reportlab.pdfgen.canvas import Canvas

#: Private code points we give to glyphs that have no code of their own; plane 15 so that they can
#: never clash with a font's cmap. Their values never reach the PDF (ToUnicode holds the text).
_PRIVATE_BASE = 0xF0000
#: PDF caps a bfchar section at 100 entries.
_BFCHAR_CHUNK = 100


class ShapedFont(TTFont):
    """A TrueType font drawn glyph by glyph, with a ToUnicode map built from HarfBuzz clusters."""

    def __init__(self, name: str, path: Path) -> None:
        # ReportLab's own shaping stays off: it is the path with the defects above.
        super().__init__(name, str(path), shapable=False)
        self.path = path
        #: The characters the font itself maps, before any private code is added.
        self.coverage: frozenset[int] = frozenset(self.face.charToGlyph)
        self._cmap = dict(self.face.charToGlyph)
        self.hb_font = hb.Font(hb.Face(hb.Blob.from_file_path(str(path))))
        self.units_per_em: int = self.hb_font.face.upem
        extents = self.hb_font.get_font_extents("ltr")
        self.ascender = extents.ascender / self.units_per_em
        self.descender = extents.descender / self.units_per_em
        self.line_gap = extents.line_gap / self.units_per_em
        #: (glyph, text) -> the code it is drawn under; private codes also map back to their text.
        self._codes: dict[tuple[int, str], int] = {}
        self._texts: dict[int, str] = {}
        #: Code -> its text in UTF-16BE hex, as ToUnicode maps write it.
        self._unicode_hex = _UnicodeHex(self._texts)
        self._lock = threading.Lock()
        #: Glyph -> its own advance (hmtx), in font units.
        self.advances = _Advances(self.face.hmetrics)
        self.ink_tops = _InkExtents(self.hb_font, top=True)
        self.ink_bottoms = _InkExtents(self.hb_font, top=False)

    def covers(self, char: str) -> bool:
        return ord(char) in self.coverage

    def code_point(self, glyph: int, text: str) -> int:
        """The code under which ``glyph`` is drawn when it stands for ``text``.

        A glyph that is the font's own glyph for a single character keeps that character, so the
        ToUnicode map stays ordinary for Latin text; anything else gets a private code whose
        ToUnicode entry is ``text`` (possibly empty, for marks whose text sits on their base).
        """
        key = (glyph, text)
        code = self._codes.get(key)
        if code is None:
            code = self._new_code(key)
        return code

    def _new_code(self, key: tuple[int, str]) -> int:
        glyph, text = key
        with self._lock:
            code = self._codes.get(key)
            if code is not None:
                return code
            if len(text) == 1 and self._cmap.get(ord(text)) == glyph:
                code = ord(text)
            else:
                code = _PRIVATE_BASE + len(self._texts)
                self._texts[code] = text
                self.face.charToGlyph[code] = glyph
                self.face.charWidths[code] = self.face._pdfScale(self.face.hmetrics[glyph][0])
            self._codes[key] = code
        return code

    def addObjects(self, doc):  # noqa: N802 - ReportLab's name
        """Let ReportLab embed the subsets, then replace each ToUnicode map with ours."""
        subsets = [list(subset) for subset in self.state[doc].subsets]
        super().addObjects(doc)
        for number, subset in enumerate(subsets):
            base_name = b"".join((SUBSETN(number), b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")
            stream = doc.idToObject["toUnicodeCMap:" + base_name]
            stream.content = _to_unicode_cmap(base_name, [self._unicode_hex[code] for code in subset])


def _to_unicode_cmap(name: str, texts: Sequence[str]) -> str:
    """A ToUnicode CMap; ``texts``: each byte's text in UTF-16BE hex, from byte 0 up."""
    entries = [f"<{code:02X}> <{text}>" for code, text in enumerate(texts)]
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
        f"/CMapName /{name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(texts) - 1:02X}>",
        "endcodespacerange",
    ]
    for start in range(0, len(entries), _BFCHAR_CHUNK):
        chunk = entries[start : start + _BFCHAR_CHUNK]
        lines += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


class _UnicodeHex(dict):
    """Code -> the UTF-16BE hex of the text it stands for: a private code's text, else itself."""

    def __init__(self, texts: dict[int, str]) -> None:
        super().__init__()
        self._texts = texts

    def __missing__(self, code: int) -> str:
        value = self[code] = self._texts.get(code, chr(code)).encode("utf-16-be").hex().upper()
        return value


class _Advances(dict):
    """Glyph -> its advance in the font's hmtx table, in font units."""

    def __init__(self, hmetrics: Sequence[tuple[int, int]]) -> None:
        super().__init__()
        self._hmetrics = hmetrics

    def __missing__(self, glyph: int) -> int:
        value = self[glyph] = self._hmetrics[glyph][0]
        return value


class _InkExtents(dict):
    """Glyph -> top (or bottom) of its ink above the baseline in font units, asked of HarfBuzz once.

    A dict so that a run's extremes are ``max(map(tops.__getitem__, glyphs))``: no Python call per
    glyph once the font's glyphs have been seen.
    """

    def __init__(self, hb_font: hb.Font, *, top: bool) -> None:
        super().__init__()
        self._hb_font = hb_font
        self._top = top

    def __missing__(self, glyph: int) -> int:
        extents = self._hb_font.get_glyph_extents(glyph)
        value = 0 if not extents else extents.y_bearing if self._top else extents.y_bearing + extents.height
        self[glyph] = value
        return value


class Shaped(NamedTuple):
    """One same-font run after shaping, its glyphs in drawing order; positions in font units.

    Drawing order is left to right within each cluster unit (a Lao vowel drawn before its
    consonant comes first), which is the order text extractors read; ``codes`` come from
    ``ShapedFont.code_point``, so each carries its share of the run's text.

    A named tuple, like the engine's other records made per word or line (Piece, Line, Run,
    PlacedRun, TextItem): as immutable as a frozen dataclass, and made four times faster, which
    counts at several thousand per document.
    """

    font: ShapedFont
    text: str
    codes: tuple[int, ...]
    #: Where each glyph is drawn, from the run's start.
    xs: tuple[int, ...]
    y_offsets: tuple[int, ...]
    advance: int
    #: Highest and lowest ink above / below the baseline (font units): stacked Lao marks and Khmer
    #: subscripts reach beyond the font's nominal ascent and descent.
    ink_top: int = 0
    ink_bottom: int = 0
    #: The glyphs that may need operators of their own when drawn: the first, and those the PDF's
    #: pen would not reach by itself (kerned, marks) or that are raised or lowered.
    moved: tuple[int, ...] = ()

    def width(self, size: float) -> float:
        return self.advance * size / self.font.units_per_em

    def depth(self, size: float) -> float:
        """How far the ink goes below the baseline, in points."""
        return -self.ink_bottom * size / self.font.units_per_em


_buffers = threading.local()


def _buffer() -> hb.Buffer:
    """This thread's HarfBuzz buffer, emptied: one per thread, its cluster level set once.

    ``clear_contents`` keeps the cluster level (HarfBuzz resets it only in ``reset``).
    """
    buffer = getattr(_buffers, "buffer", None)
    if buffer is None:
        buffer = _buffers.buffer = hb.Buffer()
        buffer.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    else:
        buffer.clear_contents()
    return buffer


@lru_cache(maxsize=100_000)
def shape(font: ShapedFont, text: str) -> Shaped:
    """Shape one run of one font (never a mixed-font word: ReportLab defect 1)."""
    buffer = _buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(font.hb_font, buffer)
    infos, positions = buffer.glyph_infos, buffer.glyph_positions
    glyphs = [info.codepoint for info in infos]
    clusters = [info.cluster for info in infos]
    advances = [pos.x_advance for pos in positions]
    y_offsets = [pos.y_offset for pos in positions]
    x_offsets = [pos.x_offset for pos in positions]
    starts = list(itertools.accumulate(advances, initial=0))
    xs = list(map(operator.add, starts, x_offsets))
    if not glyphs:
        return Shaped(font, text, (), (), (), 0)
    # Placed exactly where the PDF's pen goes by itself: each glyph after the one before, by its
    # own width (no kerning, no marks). Then only the first glyph needs a position when drawn.
    plain = not any(x_offsets) and not any(y_offsets) and advances == list(map(font.advances.__getitem__, glyphs))
    if clusters == list(range(len(text))) and 0 not in advances:
        texts: Sequence[str] = text  # one glyph per character in order (Vietnamese): its own text
    else:
        order: list[int] = []
        parts = [""] * len(glyphs)
        for first, end, part in cluster_units(text, clusters, advances):
            if end - first == 1:  # one glyph (most Lao syllables' parts): it carries the text
                order.append(first)
                parts[first] = part
            else:  # glyphs left to right, ties in glyph order
                unit = sorted(range(first, end), key=xs.__getitem__)
                order += unit
                _distribute(part, unit, advances, parts)
        if order == list(range(len(order))):  # marks already right of their bases: nothing moves
            texts = parts
        else:
            glyphs, xs, y_offsets = [glyphs[i] for i in order], [xs[i] for i in order], [y_offsets[i] for i in order]
            texts = [parts[i] for i in order]
    if texts is text and list(map(font._cmap.get, map(ord, text))) == glyphs:
        codes = list(map(ord, text))  # each glyph is the font's own for its character
    else:
        code_of, new_code = font._codes.get, font._new_code
        codes = [code_of(key) or new_code(key) for key in zip(glyphs, texts, strict=True)]
    if any(y_offsets):
        top = max(map(operator.add, y_offsets, map(font.ink_tops.__getitem__, glyphs)))
        bottom = min(map(operator.add, y_offsets, map(font.ink_bottoms.__getitem__, glyphs)))
    else:
        top, bottom = max(map(font.ink_tops.__getitem__, glyphs)), min(map(font.ink_bottoms.__getitem__, glyphs))
    # Where the PDF's pen stands after each glyph (it advances by the glyph's own width), and so
    # which glyphs it would not reach by itself by more than half a font unit.
    moved = [0]
    if not plain:
        widths, scale = font.face.charWidths, 1000 / font.units_per_em
        pens = [x + widths[code] / scale for x, code in zip(xs, codes, strict=True)]
        for index, (pen, x, y_offset) in enumerate(zip(pens, xs[1:], y_offsets[1:], strict=False), start=1):
            if y_offset or pen - x > 0.5 or pen - x < -0.5:
                moved.append(index)
    return Shaped(
        font, text, tuple(codes), tuple(xs), tuple(y_offsets), starts[-1], max(top, 0), min(bottom, 0), tuple(moved)
    )


def join_shaped(parts: Sequence[tuple[float, Shaped]], size: float) -> Shaped:
    """Runs of one font placed at offsets (points) on a line, as one run: fewer text operators."""
    start, first = parts[0]
    if len(parts) == 1:
        return first
    units = first.font.units_per_em / size
    codes: list[int] = []
    xs: list[int] = []
    y_offsets: list[int] = []
    moved: list[int] = []
    for x, shaped in parts:
        shift = round((x - start) * units)
        base = len(codes)
        moved += [base + index for index in shaped.moved] if base else shaped.moved
        codes += shaped.codes
        y_offsets += shaped.y_offsets
        xs += [shift + value for value in shaped.xs] if shift else shaped.xs
    end = parts[-1][0] + parts[-1][1].width(size)
    return Shaped(
        first.font,
        "".join([shaped.text for _, shaped in parts]),
        tuple(codes),
        tuple(xs),
        tuple(y_offsets),
        round((end - start) * units),
        max([shaped.ink_top for _, shaped in parts]),
        min([shaped.ink_bottom for _, shaped in parts]),
        tuple(moved),
    )


def cluster_units(text: str, clusters: Sequence[int], advances: Sequence[int]) -> list[tuple[int, int, str]]:
    """The glyphs grouped into units, each with the text it stands for (ReportLab defect 3).

    A unit starts at a glyph that advances the pen and takes in the zero-width glyphs (marks)
    after it and every glyph sharing a cluster with it; its text is the text of its clusters.
    Clusters never decrease from glyph to glyph (left-to-right text, monotone cluster level), so
    a unit's text runs from its first glyph's cluster to the cluster after its last glyph's.
    """
    starts: list[int] = []  # first glyph of each unit
    for index, cluster in enumerate(clusters):
        if not starts or (advances[index] and clusters[index - 1] != cluster):
            starts.append(index)
    ends = [*starts[1:], len(clusters)]
    return [
        (first, end, text[clusters[first] : clusters[end] if end < len(clusters) else len(text)])
        for first, end in zip(starts, ends, strict=True)
    ]


def _distribute(text: str, unit: Sequence[int], advances: Sequence[int], texts: list[str]) -> None:
    """Give a unit's characters to its glyphs that advance the pen, in the order of their positions.

    Extractors read glyphs left to right on a baseline. Zero-width glyphs (marks, drawn raised or
    left of their base) carry no text, so no extractor can misplace them; the unit's characters
    go to its advancing glyphs, the last taking what is left: ຄ່ຳ drawn as ຄ ໍ ່ າ reads ຄ + ່ຳ.
    Spreading the text keeps each advancing glyph's box filled, so no extractor sees a gap (a
    Khmer vowel drawn before its consonant). Where a unit has more advancing glyphs than
    characters even decomposed (Khmer split vowels), the rightmost carry nothing.
    """
    carriers = [i for i in unit if advances[i]] or list(unit[:1])
    chars = list(text)
    if len(chars) < len(carriers):
        decomposed = list(unicodedata.normalize("NFKD", text))  # equal to the text under NFKC
        chars = decomposed if len(decomposed) > len(chars) else chars
        carriers = carriers[: len(chars)]
    for k, glyph in enumerate(carriers):
        texts[glyph] = chars[k] if k < len(carriers) - 1 else "".join(chars[k:])


class PlacedRun(NamedTuple):
    """A shaped run at a baseline position, in points."""

    shaped: Shaped
    size: float
    x: float
    y: float
    fake_bold: bool = False


def draw_runs(canvas: Canvas, runs: Iterable[PlacedRun]) -> None:
    """Write the runs as PDF text operators: each glyph at its HarfBuzz position.

    One text object per call; each run starts with an absolute text matrix. Within a run, glyphs
    go into TJ arrays whose numbers move the PDF's pen (which advances by the glyph's width) to
    HarfBuzz's position. A glyph with a vertical offset is drawn alone with the rise set for it
    and reset to 0 immediately after (ReportLab defect 2). Bold that a font lacks is drawn as
    fill and stroke (text render mode 2).
    """
    doc = canvas._doc  # ReportLab keeps font subsets per document; pinned to reportlab 5.1.0
    state = _TextState()
    ops: list[str] = ["BT"]
    for run in runs:
        _run_operators(run, doc, state, ops)
    if len(ops) > 1:
        ops.append("ET")
        canvas.addLiteral("\n".join(ops))


class _TextState:
    """What the text object has set so far, so that operators are written only on change."""

    def __init__(self) -> None:
        self.font: tuple[str, float] | None = None
        self.bold: tuple[bool, float] = (False, 0.0)


def _num(value: float) -> str:
    """A PDF number with at most three decimals (ReportLab's fp_str is pure Python here, and slow)."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


_HEX = [f"{value:02X}" for value in range(256)]


def _run_operators(run: PlacedRun, doc: object, state: _TextState, ops: list[str]) -> None:
    shaped, size = run.shaped, run.size
    font = shaped.font
    scale = 1000 / font.units_per_em  # font units -> thousandths of the text size
    codes, xs, y_offsets = shaped.codes, shaped.xs, shaped.y_offsets
    widths = font.face.charWidths
    # Only the run's moved glyphs may need operators of their own: a gap for the PDF's pen, which
    # advances by each glyph's own width, or a rise. Those that do are the run's events; the
    # glyphs between two events are one hex string.
    events: list[tuple[int, float]] = []
    for index in shaped.moved:
        gap = (xs[index - 1] + widths[codes[index - 1]] / scale if index else 0.0) - xs[index]
        if gap > 0.5 or gap < -0.5 or y_offsets[index]:
            events.append((index, gap))
    events.append((len(codes), 0.0))
    bold = (run.fake_bold, size)
    if bold != state.bold:
        ops.append(f"{_num(size * 0.03)} w 2 Tr" if run.fake_bold else "0 Tr")
        state.bold = bold
    ops.append(f"1 0 0 1 {_num(run.x)} {_num(run.y)} Tm")
    items: list[str] = []  # TJ array elements
    glyph_hex: list[str] = []  # glyphs not yet closed into a <…> string
    start = 0  # index of the chunk's first glyph in the run
    next_event = iter(events)
    special, gap = next(next_event)
    for subset, data in _subset_chunks(font, codes, doc):
        name = font.getSubsetInternalName(subset, doc)
        if (name, size) != state.font:
            _flush(ops, items, glyph_hex)
            ops.append(f"{name} {_num(size)} Tf")
            state.font = (name, size)
        end = start + len(data)
        done = start
        while special < end:
            if special > done:
                glyph_hex.append(data[done - start : special - start].hex().upper())
            y_offset = y_offsets[special]
            if y_offset:
                _flush(ops, items, glyph_hex)
                ops.append(f"{_num(y_offset * size / font.units_per_em)} Ts")
            if gap > 0.5 or gap < -0.5:
                if glyph_hex:
                    items.append(f"<{''.join(glyph_hex)}>")
                    glyph_hex.clear()
                items.append(_num(gap * scale))
            glyph_hex.append(_HEX[data[special - start]])
            if y_offset:
                _flush(ops, items, glyph_hex)
                ops.append("0 Ts")
            done = special + 1
            special, gap = next(next_event)
        if end > done:
            glyph_hex.append(data[done - start :].hex().upper())
        start = end
    _flush(ops, items, glyph_hex)


def _subset_chunks(font: ShapedFont, codes: Sequence[int], doc: object) -> list[tuple[int, bytes]]:
    """The run's codes as (subset, bytes) chunks: what ReportLab's ``splitString`` returns.

    ``splitString`` also gives each new code its place in the document's font subsets. Once every
    code of a run has one (most runs after the first page), the bytes are read from its table.
    """
    state = font.state.get(doc)
    if state is not None:
        try:
            numbers = list(map(state.assignments.__getitem__, codes))
        except KeyError:
            numbers = []
        if numbers and max(numbers) >> 8 == min(numbers) >> 8:
            return [(numbers[0] >> 8, bytes(map((0xFF).__and__, numbers)))]
    return font.splitString("".join(map(chr, codes)), doc)


def _flush(ops: list[str], items: list[str], glyph_hex: list[str]) -> None:
    if glyph_hex:
        items.append(f"<{''.join(glyph_hex)}>")
        glyph_hex.clear()
    if items:
        ops.append(f"[{' '.join(items)}] TJ")
        items.clear()
