"""A small page builder for reports: text lines, ruled tables and drawings, top to bottom.

Agreements need the row-aligned flow of ``flow.py``; a report is simpler: a cursor moves down the
page, and whatever does not fit starts the next one. Text still goes through our paragraph layout
and text layer (HarfBuzz shaping, exact copy-out), so report text reads back as typed.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from dnqp_desktop.documents.compose import MM
from dnqp_desktop.documents.flow import Frame
from dnqp_desktop.documents.fonts import FontSet
from dnqp_desktop.documents.paragraphs import Line, ParagraphLayout, ParagraphStyle, Span
from dnqp_desktop.documents.textlayer import PlacedRun, draw_runs

Drawing = Callable[[Canvas], None]
PAGE_NUMBER_SIZE = 13.0
CELL_PAD = 3.0


@dataclass
class ReportPage:
    runs: list[PlacedRun] = field(default_factory=list)
    drawings: list[Drawing] = field(default_factory=list)


@dataclass(frozen=True)
class Column:
    width: float  # share of the table width
    align: str = "left"


class ReportCanvas:
    def __init__(self, fonts: FontSet, *, margins: tuple[float, float, float, float] = (20, 20, 30, 15)) -> None:
        top, bottom, left, right = margins
        self.frame = Frame(left=left * MM, right=A4[0] - right * MM, top=A4[1] - top * MM, bottom=bottom * MM)
        self.fonts = fonts
        self.layout = ParagraphLayout(fonts, "vi")
        self.pages: list[ReportPage] = [ReportPage()]
        self.y = self.frame.top

    @property
    def width(self) -> float:
        return self.frame.right - self.frame.left

    @property
    def page(self) -> ReportPage:
        return self.pages[-1]

    def new_page(self) -> None:
        self.pages.append(ReportPage())
        self.y = self.frame.top

    def ensure(self, height: float) -> None:
        if self.y - height < self.frame.bottom and self.y < self.frame.top - 0.01:
            self.new_page()

    # --- text -----------------------------------------------------------------------------------

    def lines(
        self, text: str, style: ParagraphStyle, width: float, *, bold: bool = False, italic: bool = False
    ) -> list[Line]:
        if not text:
            return []
        return self.layout.lay_out([Span(text, bold=bold, italic=italic)], style, width)

    def place_lines(self, lines: Sequence[Line], x: float, top: float) -> float:
        """Draw ``lines`` from ``top`` down at ``x`` (absolute); returns the y below them."""
        y = top
        for line in lines:
            baseline = y - line.ascent
            for piece in line.pieces:
                self.page.runs.append(PlacedRun(piece.shaped, piece.size, x + piece.x, baseline, piece.fake_bold))
            y -= line.leading
        return y

    def paragraph(
        self,
        text: str,
        style: ParagraphStyle,
        *,
        bold: bool = False,
        italic: bool = False,
        x: float = 0.0,
        width: float | None = None,
        keep: float = 0.0,
    ) -> None:
        lines = self.lines(text, style, width or self.width - x, bold=bold, italic=italic)
        if not lines:
            return
        self.y -= style.space_before
        self.ensure(lines[0].leading * min(2, len(lines)) + keep)
        for line in lines:
            self.ensure(line.leading)
            self.y = self.place_lines([line], self.frame.left + x, self.y)
        self.y -= style.space_after

    def label(self, text: str, size: float, x: float, y: float, *, align: str = "left", bold: bool = False) -> None:
        """One line of text with its baseline at absolute ``y``; ``x`` is its left, centre or right."""
        lines = self.lines(text, ParagraphStyle(size=size, align="left"), 10_000, bold=bold)
        if not lines:
            return
        line = lines[0]
        width = sum(piece.shaped.width(piece.size) for piece in line.pieces[-1:]) + line.pieces[-1].x
        left = x - width / 2 if align == "center" else x - width if align == "right" else x
        for piece in line.pieces:
            self.page.runs.append(PlacedRun(piece.shaped, piece.size, left + piece.x, y, piece.fake_bold))

    def rule(self, x0: float, x1: float, *, drop: float = 2.0, thickness: float = 0.6) -> None:
        y = self.y - drop
        left = self.frame.left
        self.page.drawings.append(lambda c: (c.setLineWidth(thickness), c.line(left + x0, y, left + x1, y)))
        self.y = y - thickness

    def gap(self, size: float) -> None:
        self.y -= size

    # --- tables ---------------------------------------------------------------------------------

    def table(
        self,
        columns: Sequence[Column],
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        size: float = 12.0,
        bold_rows: frozenset[int] = frozenset(),
    ) -> None:
        """A ruled table; the header row is repeated at the top of every page the table runs onto."""
        total = sum(column.width for column in columns)
        widths = [self.width * column.width / total for column in columns]

        def laid(cells: Sequence[str], aligns: Sequence[str], bold: bool) -> tuple[list[list[Line]], float]:
            out = [
                self.lines(cell, ParagraphStyle(size=size, align=align), width - 2 * CELL_PAD, bold=bold)
                for cell, width, align in zip(cells, widths, aligns, strict=True)
            ]
            height = max((sum(line.leading for line in lines) for lines in out), default=0.0) + 2 * CELL_PAD
            return out, height

        head, head_height = laid(header, ["center"] * len(columns), True)
        aligns = [column.align for column in columns]
        first = laid(rows[0], aligns, 0 in bold_rows)[1] if rows else 0.0
        self.ensure(head_height + first)
        self._table_row(head, head_height, widths)
        for index, row in enumerate(rows):
            cells, height = laid(row, aligns, index in bold_rows)
            if self.y - height < self.frame.bottom:
                self.new_page()
                self._table_row(head, head_height, widths)
            self._table_row(cells, height, widths)

    def _table_row(self, cells: Sequence[Sequence[Line]], height: float, widths: Sequence[float]) -> None:
        x = self.frame.left
        top = self.y
        for lines, width in zip(cells, widths, strict=True):
            self.place_lines(lines, x + CELL_PAD, top - CELL_PAD)
            left = x
            self.page.drawings.append(
                lambda c, at=left, w=width: (c.setLineWidth(0.5), c.rect(at, top - height, w, height))
            )
            x += width
        self.y = top - height

    # --- drawings -------------------------------------------------------------------------------

    def drawing(self, height: float, draw: Callable[[ReportCanvas, float, float, float], None]) -> None:
        """Reserve ``height`` and let ``draw(canvas, left, bottom, width)`` fill it (charts)."""
        self.ensure(height)
        bottom = self.y - height
        draw(self, self.frame.left, bottom, self.width)
        self.y = bottom

    # --- output ---------------------------------------------------------------------------------

    def write(self, *, title: str, author: str, creator: str, stamp: str) -> bytes:
        buffer = io.BytesIO()
        regular = self.fonts.face("vi").font
        canvas = Canvas(
            buffer, pagesize=A4, invariant=1, pageCompression=1, initialFontName=regular.fontName, lang="vi"
        )
        canvas.setTitle(title)
        canvas.setAuthor(author)
        canvas.setCreator(creator)
        canvas.setDateFormatter(lambda *_: stamp)
        for number, page in enumerate(self.pages, start=1):
            for drawing in page.drawings:
                canvas.saveState()
                drawing(canvas)
                canvas.restoreState()
            runs = list(page.runs)
            if number > 1:  # Nghị định 30: page numbers from page 2, centred in the top margin
                line = self.lines(str(number), ParagraphStyle(size=PAGE_NUMBER_SIZE, align="center"), self.width)[0]
                baseline = (A4[1] + self.frame.top) / 2 - PAGE_NUMBER_SIZE * 0.3
                runs += [PlacedRun(p.shaped, p.size, self.frame.left + p.x, baseline, p.fake_bold) for p in line.pieces]
            draw_runs(canvas, runs)
            canvas.showPage()
        canvas.save()
        return buffer.getvalue()
