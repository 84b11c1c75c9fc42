"""Paragraph layout: measured line filling with explicit lines, in every script.

ReportLab's paragraphs break only at whitespace (and chop Lao mid-syllable), so lines are made
here: the text is cut at break opportunities (``text.break_opportunities``), every piece is shaped
with its own font and measured, and lines are filled greedily. Vietnamese lines are justified by
widening the spaces (Nghị định 30: body text justified); Lao and Khmer lines, which have few spaces,
are justified only when the spaces need not stretch much, else left ragged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from dnqp_desktop.documents.fonts import Face, FontSet
from dnqp_desktop.documents.text import (
    ZERO_WIDTH_BREAKS,
    KeptNames,
    Run,
    break_opportunities,
    font_runs,
    grapheme_boundaries,
    word_boundaries,
)
from dnqp_desktop.documents.textlayer import Shaped, join_shaped, shape

#: How far a space may stretch when justifying partner-language text, in ems.
MAX_PARTNER_STRETCH = 0.6
#: Least line height per language, in ems, where the font's own spacing lets stacked Khmer
#: subscripts touch the next line's vowels.
MIN_LINE_HEIGHT = {"km": 1.75}
_EPSILON = 0.01
#: What a segment may end with that is not drawn at a line's end: spaces and zero-width breaks.
_GLUE = " " + "".join(ZERO_WIDTH_BREAKS)


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class ParagraphStyle:
    size: float = 14.0
    align: str = "justify"  # justify, left, center, right
    first_indent: float = 0.0
    indent: float = 0.0
    space_before: float = 0.0
    space_after: float = 0.0
    line_spacing: float = 1.0
    #: Centred headings: make the lines as even as possible ("BỘ CHỈ HUY QUÂN SỰ / TỈNH THANH HÓA").
    balance: bool = False


class Piece(NamedTuple):
    """A shaped run placed within its line; ``x`` from the line's left edge."""

    x: float
    shaped: Shaped
    size: float
    fake_bold: bool


class Line(NamedTuple):
    pieces: tuple[Piece, ...]
    width: float
    leading: float
    ascent: float
    descent: float
    #: Offset of the first character of the line in the paragraph text (for checks and tests).
    start: int = 0
    #: How far the ink reaches below the baseline (Khmer subscripts go below the descent).
    depth: float = 0.0


@dataclass(slots=True)
class _Segment:
    start: int
    content: list[tuple[Face, str, int]] = field(default_factory=list)  # face, text, start index
    glue: list[tuple[Face, str, int]] = field(default_factory=list)
    content_width: float = 0.0
    glue_width: float = 0.0
    spaces: int = 0


@dataclass
class _Measured:
    """A paragraph's text cut into segments, each measured once."""

    text: str
    segments: list[_Segment]


class ParagraphLayout:
    """Lays out paragraphs for one language with one font set and one set of kept names."""

    def __init__(self, fonts: FontSet, language: str, kept: KeptNames | None = None) -> None:
        self.fonts = fonts
        self.language = language
        self.kept = kept

    def metrics(self, size: float, line_spacing: float = 1.0) -> tuple[float, float, float]:
        """(leading, ascent, descent) of a line in this language: the language font's own spacing."""
        font = self.fonts.face(self.language if self.language in self.fonts.scripts else "vi").font
        ascent, descent = font.ascender * size, -font.descender * size
        natural = max(ascent + descent + font.line_gap * size, MIN_LINE_HEIGHT.get(self.language, 0.0) * size)
        ascent += (natural - ascent - descent - font.line_gap * size) / 2
        return natural * line_spacing, ascent, descent

    def width(self, spans: Sequence[Span], size: float) -> float:
        """Natural width of the spans on one line."""
        return sum(seg.content_width + seg.glue_width for seg in self._measure(spans, size).segments)

    def lay_out(self, spans: Sequence[Span], style: ParagraphStyle, width: float) -> list[Line]:
        # Vietnamese phrases are kept whole in headings only: in justified body text, holding
        # "Thanh Hóa" together would stretch the line before it.
        kept = self.kept if self.language != "vi" or style.balance else None
        measured = self._measure(spans, style.size, kept)
        first_indent = style.first_indent
        rest = width - style.indent
        segments = self._fit_overlong(measured.text, measured.segments, rest, style.size)
        if segments and segments[0].content_width > rest - first_indent + _EPSILON:
            # A name that opens the paragraph and fits a line, but not the indented one: the
            # indent gives way rather than the name being cut.
            first_indent = max(0.0, rest - segments[0].content_width)
        first = rest - first_indent
        groups = _fill(segments, first, rest)
        if style.balance and len(groups) > 1:
            groups = _balance(segments, first, rest, len(groups))
        leading, ascent, descent = self.metrics(style.size, style.line_spacing)
        lines = []
        for number, group in enumerate(groups):
            available = first if number == 0 else rest
            offset = style.indent + (first_indent if number == 0 else 0.0)
            last = number == len(groups) - 1
            lines.append(self._line(group, style, available, offset, last, (leading, ascent, descent)))
        return lines

    # --- measuring --------------------------------------------------------------------------

    def _measure(self, spans: Sequence[Span], size: float, kept: KeptNames | None = None) -> _Measured:
        text = "".join(span.text for span in spans)
        runs: list[Run] = []
        offset = 0
        for span in spans:
            for run in font_runs(span.text, self.language, self.fonts, bold=span.bold, italic=span.italic):
                runs.append(Run(run.start + offset, run.end + offset, run.face))
            offset += len(span.text)
        bounds = [0, *break_opportunities(text, self.language, kept), len(text)]
        if len(runs) == 1 and ZERO_WIDTH_BREAKS.isdisjoint(text):
            segments = _one_face_segments(text, runs[0].face, bounds, size)
        else:
            segments = [_segment(text, runs, a, b, size) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]
        return _Measured(text, segments)

    def _fit_overlong(self, text: str, segments: list[_Segment], width: float, size: float) -> list[_Segment]:
        """Segments no wider than ``width``: a too-long one is cut at word, then grapheme bounds.

        Only a name or word longer than a whole line is cut, and then at an ICU word boundary if
        one will do.
        """
        result: list[_Segment] = []
        for segment in segments:
            if segment.content_width <= width + _EPSILON:
                result.append(segment)
                continue
            result.extend(self._split(text, segment, width, size))
        return result

    def _split(self, text: str, segment: _Segment, width: float, size: float) -> list[_Segment]:
        content_end = segment.content[-1][2] + len(segment.content[-1][1]) if segment.content else segment.start
        piece = text[segment.start : content_end]
        cuts: list[int] = []
        for finder in (word_boundaries, lambda t, _lang: grapheme_boundaries(t)):
            positions = [segment.start + p for p in finder(piece, self.language)[:-1]]
            cuts = _greedy_cuts(
                positions, segment.start, content_end, lambda a, b: self._width(text, segment, a, b, size), width
            )
            if cuts is not None:
                break
        bounds = [segment.start, *(cuts or []), content_end]
        parts = []
        for a, b in zip(bounds, bounds[1:], strict=False):
            part = _Segment(a)
            part.content = _cut_pieces(segment.content, a, b)
            part.content_width = sum(shape(face.font, t).width(size) for face, t, _ in part.content)
            parts.append(part)
        parts[-1].glue, parts[-1].glue_width, parts[-1].spaces = segment.glue, segment.glue_width, segment.spaces
        return parts

    def _width(self, text: str, segment: _Segment, a: int, b: int, size: float) -> float:
        return sum(shape(face.font, t).width(size) for face, t, _ in _cut_pieces(segment.content, a, b))

    # --- building lines ---------------------------------------------------------------------

    def _line(
        self,
        group: list[_Segment],
        style: ParagraphStyle,
        available: float,
        offset: float,
        last: bool,
        metrics: tuple[float, float, float],
    ) -> Line:
        natural = sum(s.content_width + s.glue_width for s in group[:-1]) + group[-1].content_width
        inner_spaces = sum(s.spaces for s in group[:-1])
        extra = max(0.0, available - natural)
        per_space = 0.0
        if style.align == "justify" and not last and inner_spaces:
            per_space = extra / inner_spaces
            if self.language != "vi" and per_space > MAX_PARTNER_STRETCH * style.size:
                per_space = 0.0
        if style.align == "center":
            offset += extra / 2
        elif style.align == "right":
            offset += extra
        x = offset
        pieces: list[Piece] = []
        parts: list[tuple[float, Shaped]] = []  # neighbouring parts in one face: drawn as one run
        parts_face: Face | None = None
        for segment in group:
            for face, text, _ in (*segment.content, *segment.glue):
                if parts and face is not parts_face and face != parts_face:
                    pieces.append(_joined(parts, parts_face, style.size))
                    parts = []
                parts_face = face
                shaped = shape(face.font, text)
                parts.append((x, shaped))
                x += shaped.advance * style.size / shaped.font.units_per_em
            x += per_space * segment.spaces
        if parts:
            pieces.append(_joined(parts, parts_face, style.size))
        leading, ascent, descent = metrics
        width = natural + per_space * inner_spaces
        depth = max((piece.shaped.depth(piece.size) for piece in pieces), default=0.0)
        return Line(tuple(pieces), width, leading, ascent, descent, group[0].start, depth)


def _segment(text: str, runs: list[Run], start: int, end: int, size: float) -> _Segment:
    content_end = start + len(text[start:end].rstrip(_GLUE))
    segment = _Segment(start)
    segment.content = _cut(text, runs, start, content_end)
    segment.content_width = _width(segment.content, size)
    if content_end < end:
        segment.glue = _cut(text, runs, content_end, end)
        segment.glue_width = _width(segment.glue, size)
        segment.spaces = text.count(" ", content_end, end)
    return segment


def _one_face_segments(text: str, face: Face, bounds: list[int], size: float) -> list[_Segment]:
    """``_segment`` for a paragraph that one face draws whole: most of them, so made direct."""
    font = face.font
    segments = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        if end <= start:
            continue
        segment = _Segment(start)
        content_end = start + len(text[start:end].rstrip(" "))
        if content_end > start:
            content = text[start:content_end]
            segment.content = [(face, content, start)]
            segment.content_width = shape(font, content).advance * size / font.units_per_em
        if content_end < end:
            glue = text[content_end:end]
            segment.glue = [(face, glue, content_end)]
            segment.glue_width = shape(font, glue).advance * size / font.units_per_em
            segment.spaces = len(glue)
        segments.append(segment)
    return segments


def _width(parts: list[tuple[Face, str, int]], size: float) -> float:
    total = 0.0
    for face, text, _ in parts:
        shaped = shape(face.font, text)
        total += shaped.advance * size / shaped.font.units_per_em
    return total


def _joined(parts: list[tuple[float, Shaped]], face: Face | None, size: float) -> Piece:
    """Neighbouring parts in one face as one piece: one run to draw, not dozens."""
    assert face is not None
    return Piece(parts[0][0], join_shaped(parts, size), size, face.fake_bold)


def _cut(text: str, runs: list[Run], start: int, end: int) -> list[tuple[Face, str, int]]:
    """The parts of ``text[start:end]`` with the face each is drawn in."""
    parts = []
    for run in runs:
        a, b = max(start, run.start), min(end, run.end)
        if a < b:
            chunk = text[a:b]
            if "\u200b" in chunk:
                chunk = "".join(ch for ch in chunk if ch not in ZERO_WIDTH_BREAKS)
            if chunk:
                parts.append((run.face, chunk, a))
    return parts


def _cut_pieces(pieces: list[tuple[Face, str, int]], start: int, end: int) -> list[tuple[Face, str, int]]:
    result = []
    for face, text, at in pieces:
        a, b = max(start, at), min(end, at + len(text))
        if a < b:
            result.append((face, text[a - at : b - at], a))
    return result


def _greedy_cuts(positions, start, end, measure, width) -> list[int] | None:
    """Cut points so that every part of [start, end) fits ``width``, or None if one cannot."""
    cuts: list[int] = []
    line_start = start
    previous = None
    for position in [*positions, end]:
        if measure(line_start, position) <= width + _EPSILON:
            previous = position
            continue
        if previous is None or previous == line_start:
            return None
        cuts.append(previous)
        line_start = previous
        if measure(line_start, position) > width + _EPSILON:
            return None
        previous = position
    return [c for c in cuts if start < c < end]


def _fill(segments: list[_Segment], first: float, rest: float) -> list[list[_Segment]]:
    groups: list[list[_Segment]] = []
    current: list[_Segment] = []
    used = 0.0
    available = first
    for segment in segments:
        if current and used + segment.content_width > available + _EPSILON:
            groups.append(current)
            current, used, available = [], 0.0, rest
        current.append(segment)
        used += segment.content_width + segment.glue_width
    if current:
        groups.append(current)
    return groups


def _balance(segments: list[_Segment], first: float, rest: float, count: int) -> list[list[_Segment]]:
    """The narrowest fill that still needs only ``count`` lines, found by bisection."""
    low = max(s.content_width for s in segments)
    high = max(first, rest)
    best = _fill(segments, first, rest)
    for _ in range(20):
        middle = (low + high) / 2
        groups = _fill(segments, min(first, middle), min(rest, middle))
        if len(groups) <= count:
            best, high = groups, middle
        else:
            low = middle
    return best
