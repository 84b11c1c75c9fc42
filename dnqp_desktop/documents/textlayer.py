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
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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
        self._codes: dict[tuple[int, str], int] = {}
        self._texts: dict[int, str] = {}
        self._lock = threading.Lock()
        self._extents: dict[int, tuple[int, int]] = {}

    def covers(self, char: str) -> bool:
        return ord(char) in self.coverage

    def extents(self, glyph: int) -> tuple[int, int]:
        """Top and bottom of a glyph's ink above the baseline, in font units."""
        found = self._extents.get(glyph)
        if found is None:
            extents = self.hb_font.get_glyph_extents(glyph)
            found = (extents.y_bearing, extents.y_bearing + extents.height) if extents else (0, 0)
            self._extents[glyph] = found
        return found

    def code_point(self, glyph: int, text: str) -> int:
        """The code under which ``glyph`` is drawn when it stands for ``text``.

        A glyph that is the font's own glyph for a single character keeps that character, so the
        ToUnicode map stays ordinary for Latin text; anything else gets a private code whose
        ToUnicode entry is ``text`` (possibly empty, for marks whose text sits on their base).
        """
        if len(text) == 1 and self._cmap.get(ord(text)) == glyph:
            return ord(text)
        key = (glyph, text)
        code = self._codes.get(key)
        if code is not None:
            return code
        with self._lock:
            code = self._codes.get(key)
            if code is None:
                code = _PRIVATE_BASE + len(self._codes)
                self._codes[key] = code
                self._texts[code] = text
                self.face.charToGlyph[code] = glyph
                self.face.charWidths[code] = self.face._pdfScale(self.face.hmetrics[glyph][0])
        return code

    def addObjects(self, doc):  # noqa: N802 - ReportLab's name
        """Let ReportLab embed the subsets, then replace each ToUnicode map with ours."""
        subsets = [list(subset) for subset in self.state[doc].subsets]
        super().addObjects(doc)
        for number, subset in enumerate(subsets):
            base_name = b"".join((SUBSETN(number), b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")
            stream = doc.idToObject["toUnicodeCMap:" + base_name]
            stream.content = _to_unicode_cmap(base_name, [self._texts.get(code, chr(code)) for code in subset])


def _to_unicode_cmap(name: str, texts: Sequence[str]) -> str:
    entries = [f"<{code:02X}> <{text.encode('utf-16-be').hex().upper()}>" for code, text in enumerate(texts)]
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


@dataclass(frozen=True, slots=True)
class Shaped:
    """One same-font run after shaping; positions in font units, codes from ``code_point``."""

    font: ShapedFont
    text: str
    codes: tuple[int, ...]
    advances: tuple[int, ...]
    x_offsets: tuple[int, ...]
    y_offsets: tuple[int, ...]
    glyphs: tuple[int, ...]
    advance: int
    #: Highest and lowest ink above / below the baseline (font units): stacked Lao marks and Khmer
    #: subscripts reach beyond the font's nominal ascent and descent.
    ink_top: int = 0
    ink_bottom: int = 0
    #: Drawing order: glyph indexes sorted by position within each cluster unit.
    order: tuple[int, ...] = ()
    #: Where each glyph is drawn, from the run's start (font units).
    xs: tuple[int, ...] = ()

    def width(self, size: float) -> float:
        return self.advance * size / self.font.units_per_em

    def depth(self, size: float) -> float:
        """How far the ink goes below the baseline, in points."""
        return -self.ink_bottom * size / self.font.units_per_em


@lru_cache(maxsize=100_000)
def shape(font: ShapedFont, text: str) -> Shaped:
    """Shape one run of one font (never a mixed-font word: ReportLab defect 1)."""
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    hb.shape(font.hb_font, buffer, {})
    infos, positions = buffer.glyph_infos, buffer.glyph_positions
    glyphs = [info.codepoint for info in infos]
    clusters = [info.cluster for info in infos]
    advances = [pos.x_advance for pos in positions]
    x_offsets = [pos.x_offset for pos in positions]
    y_offsets = [pos.y_offset for pos in positions]
    starts = list(itertools.accumulate(advances, initial=0))
    xs = [start + offset for start, offset in zip(starts, x_offsets, strict=False)]
    if clusters == list(range(len(text))) and all(advances):
        texts = list(text)  # one glyph per character (Vietnamese): each glyph is its own text
        order = list(range(len(glyphs)))
    else:
        texts = [""] * len(glyphs)
        order = []
        for first, end, part in cluster_units(text, clusters, advances):
            unit = sorted(range(first, end), key=lambda i: (xs[i], i)) if end - first > 1 else [first]
            order += unit
            _distribute(part, unit, advances, texts)
    top = bottom = 0
    for glyph, y_offset in zip(glyphs, y_offsets, strict=True):
        glyph_top, glyph_bottom = font.extents(glyph)
        top, bottom = max(top, y_offset + glyph_top), min(bottom, y_offset + glyph_bottom)
    return Shaped(
        font=font,
        text=text,
        codes=tuple([font.code_point(glyph, part) for glyph, part in zip(glyphs, texts, strict=True)]),
        advances=tuple(advances),
        x_offsets=tuple(x_offsets),
        y_offsets=tuple(y_offsets),
        glyphs=tuple(glyphs),
        advance=starts[-1],
        ink_top=top,
        ink_bottom=bottom,
        order=tuple(order),
        xs=tuple(xs),
    )


def join_shaped(parts: Sequence[tuple[float, Shaped]], size: float) -> Shaped:
    """Runs of one font placed at offsets (points) on a line, as one run: fewer text operators."""
    first = parts[0][1]
    if len(parts) == 1:
        return first
    font = first.font
    units = font.units_per_em / size
    codes: list[int] = []
    xs: list[int] = []
    y_offsets: list[int] = []
    order: list[int] = []
    advances: list[int] = []
    glyphs: list[int] = []
    start = parts[0][0]
    for x, shaped in parts:
        base = len(codes)
        shift = round((x - start) * units)
        codes += shaped.codes
        glyphs += shaped.glyphs
        advances += shaped.advances
        y_offsets += shaped.y_offsets
        xs += [shift + value for value in shaped.xs]
        order += [base + index for index in shaped.order]
    end = parts[-1][0] + parts[-1][1].width(size)
    return Shaped(
        font=font,
        text="".join(shaped.text for _, shaped in parts),
        codes=tuple(codes),
        advances=tuple(advances),
        x_offsets=(),
        y_offsets=tuple(y_offsets),
        glyphs=tuple(glyphs),
        advance=round((end - start) * units),
        ink_top=max(shaped.ink_top for _, shaped in parts),
        ink_bottom=min(shaped.ink_bottom for _, shaped in parts),
        order=tuple(order),
        xs=tuple(xs),
    )


def cluster_units(text: str, clusters: Sequence[int], advances: Sequence[int]) -> list[tuple[int, int, str]]:
    """The glyphs grouped into units, each with the text it stands for (ReportLab defect 3).

    A unit starts at a glyph that advances the pen and takes in the zero-width glyphs (marks)
    after it and every glyph sharing a cluster with it; its text is the text of its clusters.
    """
    groups: list[list[int]] = []
    for index, cluster in enumerate(clusters):
        if groups and (advances[index] == 0 or clusters[groups[-1][-1]] == cluster):
            groups[-1].append(index)
        else:
            groups.append([index])
    starts = sorted(set(clusters))
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    units = []
    for group in groups:
        first, last = min(clusters[i] for i in group), max(clusters[i] for i in group)
        units.append((group[0], group[-1] + 1, text[first : ends[last]]))
    return units


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


@dataclass(frozen=True, slots=True)
class PlacedRun:
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
    order = shaped.order or range(len(codes))
    chunks = font.splitString("".join([chr(codes[i]) for i in order]), doc)
    bold = (run.fake_bold, size)
    if bold != state.bold:
        ops.append(f"{_num(size * 0.03)} w 2 Tr" if run.fake_bold else "0 Tr")
        state.bold = bold
    ops.append(f"1 0 0 1 {_num(run.x)} {_num(run.y)} Tm")
    items: list[str] = []  # TJ array elements
    glyph_hex: list[str] = []  # glyphs not yet closed into a <…> string
    pen = 0.0  # where the PDF's own pen stands, font units from the run's start
    widths = font.face.charWidths
    positions = iter(order)
    for subset, data in chunks:
        name = font.getSubsetInternalName(subset, doc)
        if (name, size) != state.font:
            _flush(ops, items, glyph_hex)
            ops.append(f"{name} {_num(size)} Tf")
            state.font = (name, size)
        for byte in data:
            index = next(positions)
            target = xs[index] if xs else pen
            y_offset = y_offsets[index]
            if y_offset:
                _flush(ops, items, glyph_hex)
                ops.append(f"{_num(y_offset * size / font.units_per_em)} Ts")
            if target - pen > 0.5 or pen - target > 0.5:
                if glyph_hex:
                    items.append(f"<{''.join(glyph_hex)}>")
                    glyph_hex.clear()
                items.append(_num((pen - target) * scale))
            glyph_hex.append(_HEX[byte])
            pen = target + widths[codes[index]] / scale
            if y_offset:
                _flush(ops, items, glyph_hex)
                ops.append("0 Ts")
    _flush(ops, items, glyph_hex)


def _flush(ops: list[str], items: list[str], glyph_hex: list[str]) -> None:
    if glyph_hex:
        items.append(f"<{''.join(glyph_hex)}>")
        glyph_hex.clear()
    if items:
        ops.append(f"[{' '.join(items)}] TJ")
        items.clear()
