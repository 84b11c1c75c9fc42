"""Placing laid-out lines on pages: rows of cells that start together, across page breaks.

Everything on a page is a row of one or more cells. A cell is a column of items (text lines,
rules, gaps). All cells of a row start at the same height and put their first baseline on the
same line, whatever their fonts (a Lao line is taller than a Vietnamese one), which is what keeps
"Điều 3" and "ມາດຕາ 3" side by side. A splittable row lets each cell run on over page breaks on
its own; the next row then starts below the lower of the two, so every article starts level
again. Drawing is deferred: placement produces a list of operations per page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from dnqp_desktop.documents.paragraphs import Line
from dnqp_desktop.documents.textlayer import PlacedRun

_EPSILON = 0.01


class TextItem(NamedTuple):
    line: Line
    space_before: float = 0.0
    space_after: float = 0.0
    #: Keep this item on the same page as the next one (orphans, headings).
    keep_with_next: bool = False

    @property
    def height(self) -> float:
        return self.line.leading

    @property
    def ascent(self) -> float:
        return self.line.ascent


@dataclass(frozen=True)
class RuleItem:
    """A horizontal rule, ``x0``..``x1`` from the cell's left edge, ``drop`` below the cursor."""

    x0: float
    x1: float
    drop: float = 2.0
    thickness: float = 0.6
    space_before: float = 0.0
    space_after: float = 0.0
    keep_with_next: bool = True

    @property
    def height(self) -> float:
        return self.drop + self.thickness

    @property
    def ascent(self) -> float:
        return 0.0


@dataclass(frozen=True)
class GapItem:
    size: float
    keep_with_next: bool = False
    space_before: float = 0.0
    space_after: float = 0.0

    @property
    def height(self) -> float:
        return self.size

    @property
    def ascent(self) -> float:
        return 0.0


Item = TextItem | RuleItem | GapItem


@dataclass(frozen=True)
class Cell:
    x: float
    width: float
    items: tuple[Item, ...]

    def height(self) -> float:
        return sum(item.space_before + item.height + item.space_after for item in self.items)


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    splittable: bool = True
    space_before: float = 0.0
    #: Height of the next row's start that must fit on the same page (an article heading's body).
    keep_with_next: float = 0.0
    #: Start on a new page (the second original).
    new_part: bool = False


@dataclass(frozen=True)
class Frame:
    """The text area of a page, in PDF points from the bottom-left corner."""

    left: float
    right: float
    top: float
    bottom: float


@dataclass
class Page:
    part: int
    number_in_part: int
    runs: list[PlacedRun] = field(default_factory=list)
    rules: list[tuple[float, float, float, float]] = field(default_factory=list)  # x0, y, x1, thickness


@dataclass
class _Cursor:
    page: int
    y: float


class Flow:
    """Places rows top-down on as many pages as they need."""

    def __init__(self, frame: Frame) -> None:
        self.frame = frame
        self.pages: list[Page] = []
        self._part = -1
        self._cursor = _Cursor(-1, frame.top)

    def place(self, rows: Sequence[Row]) -> list[Page]:
        for index, row in enumerate(rows):
            following = rows[index + 1] if index + 1 < len(rows) else None
            self._place_row(row, following)
        return self.pages

    # --- pages ----------------------------------------------------------------------------------

    def _new_page(self, *, new_part: bool = False) -> int:
        if new_part or not self.pages:
            self._part += 1
            number = 1
        else:
            number = self.pages[-1].number_in_part + 1
        self.pages.append(Page(self._part, number))
        return len(self.pages) - 1

    def _page(self, index: int) -> int:
        while index >= len(self.pages):
            self._new_page()
        return index

    def _at_top(self, cursor: _Cursor) -> bool:
        return cursor.y >= self.frame.top - _EPSILON

    # --- rows -----------------------------------------------------------------------------------

    def _place_row(self, row: Row, following: Row | None) -> None:
        if row.new_part or self._cursor.page < 0:
            self._cursor = _Cursor(self._new_page(new_part=True), self.frame.top)
        cursor = _Cursor(self._cursor.page, self._cursor.y)
        if not self._at_top(cursor):
            cursor.y -= row.space_before
        needed = max(cell.height() for cell in row.cells) if not row.splittable else self._head(row)
        needed += row.keep_with_next
        if not self._at_top(cursor) and cursor.y - needed < self.frame.bottom - _EPSILON:
            cursor = _Cursor(self._page(cursor.page + 1), self.frame.top)
        ascent = max((cell.items[0].ascent for cell in row.cells if cell.items), default=0.0)
        ends = [self._place_cell(cell, cursor, ascent, row.splittable) for cell in row.cells]
        lowest = max(ends, key=lambda c: (c.page, -c.y))
        self._cursor = lowest

    def _head(self, row: Row) -> float:
        """What must fit for a splittable row to start on this page: its first two lines."""
        heads = []
        for cell in row.cells:
            heads.append(sum(item.space_before + item.height for item in cell.items[:2]))
        return max(heads, default=0.0)

    def _place_cell(self, cell: Cell, start: _Cursor, row_ascent: float, splittable: bool) -> _Cursor:
        cursor = _Cursor(start.page, start.y)
        items = cell.items
        for index, item in enumerate(items):
            top_of_page = self._at_top(cursor)
            before = 0.0 if top_of_page else item.space_before
            needed = before + item.height + (self._kept_chain(items, index) if splittable else 0.0)
            if splittable and not top_of_page and cursor.y - needed < self.frame.bottom - _EPSILON:
                cursor = _Cursor(self._page(cursor.page + 1), self.frame.top)
                before = 0.0
            cursor.y -= before
            pad = row_ascent - item.ascent if index == 0 and isinstance(item, TextItem) else 0.0
            self._draw(cell, item, cursor, pad)
            cursor.y -= pad + item.height + item.space_after
        return cursor

    def _kept_chain(self, items: Sequence[Item], index: int) -> float:
        """Height of the items this one must stay with (those after it while keep_with_next holds)."""
        total = 0.0
        position = index
        while position < len(items) - 1 and items[position].keep_with_next:
            position += 1
            total += items[position].space_before + items[position].height
        return total

    def _draw(self, cell: Cell, item: Item, cursor: _Cursor, pad: float) -> None:
        page = self.pages[self._page(cursor.page)]
        if isinstance(item, TextItem):
            baseline = cursor.y - pad - item.ascent
            for piece in item.line.pieces:
                x = self.frame.left + cell.x + piece.x
                page.runs.append(PlacedRun(piece.shaped, piece.size, x, baseline, piece.fake_bold))
        elif isinstance(item, RuleItem):
            y = cursor.y - item.drop - item.thickness / 2
            left = self.frame.left + cell.x
            page.rules.append((left + item.x0, y, left + item.x1, item.thickness))
