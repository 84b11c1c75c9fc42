"""Which column is which: headings matched in any language, with or without accents, in any order.

A heading is folded like a name in the search index ("Ngày sinh", "ngay sinh", "NGAY SINH" and
"Ngày  sinh:" all become "ngaysinh") and compared with each column's label in Vietnamese, Lao and
English and with the other headings older workbooks use. The heading row is the first of the top
rows that names at least two known columns, so a title row or two above it are skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from dnqp_desktop.core.i18n import LANGUAGES, translate
from dnqp_desktop.core.xlsx.cells import fold_key, text
from dnqp_desktop.core.xlsx.kinds import ImportKind

#: How far down the heading row may be.
HEADER_SEARCH_ROWS = 10


@dataclass
class HeaderMatch:
    row_index: int  # 0-based within the rows searched
    #: column key → 0-based column index in the sheet
    columns: dict[str, int] = field(default_factory=dict)
    #: headings written in the sheet, by column index
    headings: dict[int, str] = field(default_factory=dict)
    #: headings that name no column we know (ignored), and headings repeated (first one wins)
    ignored: list[tuple[int, str]] = field(default_factory=list)
    repeated: list[tuple[int, str]] = field(default_factory=list)


def spellings(spec: ImportKind) -> dict[str, str]:
    """Folded heading → column key, for every spelling of every column."""
    table: dict[str, str] = {}
    for column in spec.columns:
        names = [column.key, column.label, *(translate(column.label, lang) for lang in LANGUAGES), *column.aliases]
        for name in names:
            table.setdefault(fold_key(name), column.key)
    return table


def match_row(spec: ImportKind, cells: Sequence[Any], known: dict[str, str]) -> HeaderMatch:
    found = HeaderMatch(row_index=-1)
    for index, value in enumerate(cells):
        heading = text(value)
        if not heading:
            continue
        found.headings[index] = heading
        key = known.get(fold_key(heading))
        if key is None:
            found.ignored.append((index, heading))
        elif key in found.columns:
            found.repeated.append((index, heading))
        else:
            found.columns[key] = index
    return found


def find_header(spec: ImportKind, rows: Sequence[Sequence[Any]]) -> HeaderMatch | None:
    """The heading row among the first rows: the first naming two known columns (or the best one)."""
    known = spellings(spec)
    best: HeaderMatch | None = None
    for row_index, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        match = match_row(spec, cells, known)
        match.row_index = row_index
        if len(match.columns) >= 2:
            return match
        if match.columns and (best is None or len(match.columns) > len(best.columns)):
            best = match
    return best
