"""The two arrangements of an agreement as rows for the page flow.

Two originals: a complete Vietnamese document, then on a new page a complete partner-language
document, each with its own national heading and its own side named first (in the heading, the
title and the signatures), as the equal-validity rule suggests (DOCUMENTS.md §3).

Side by side: one edition, Vietnamese left and the partner language right. Each section (title,
preamble, chapter, article heading, article body) is one row of two cells, so every article
starts on the same line in both columns, page break or not.
"""

from __future__ import annotations

from dnqp_desktop.documents.compose import MM, Composer
from dnqp_desktop.documents.flow import Cell, GapItem, Item, Row

#: Share of the text width taken by the agency cell of the Vietnamese heading (the Quốc hiệu,
#: 12 pt bold, needs the rest).
AGENCY_SHARE = 0.42


def originals(composer: Composer, width: float) -> list[Row]:
    rows: list[Row] = []
    for language in ("vi", composer.partner):
        part = _heading_vi(composer, width) if language == "vi" else _heading_partner(composer, language, width)
        part[0] = Row(part[0].cells, splittable=False, new_part=True)
        rows += part
        rows += _body_rows(composer, [language], [(0.0, width)])
        rows += _signature_rows(composer, language, width)
        if language == "vi":
            rows += _single(composer.recipients(width), width, space_before=6.0)
    return rows


def side_by_side(composer: Composer, width: float) -> list[Row]:
    gap = composer.layout.column_gap * MM
    column = (width - gap) / 2
    frames = [(0.0, column), (column + gap, column)]
    languages = ["vi", composer.partner]
    heading = []
    for (x, w), language in zip(frames, languages, strict=True):
        items = composer.national(language, w, fit=True)
        items.append(GapItem(8.0))
        party = composer.doc.vietnamese_party if language == "vi" else composer.doc.partner_party
        size = 12.0 if language == "vi" else composer.size[language]
        items += composer.agency(language, party, w, size)
        items += composer.number_items(language, w)
        items += composer.date_items(language, w)
        heading.append(Cell(x, w, tuple(items)))
    rows = [Row(tuple(heading), splittable=False, new_part=True)]
    rows += _body_rows(composer, languages, frames)
    rows.append(_signatures_side_by_side(composer, frames))
    rows += _single(composer.recipients(column), column, space_before=6.0)
    return rows


# --- shared sections ----------------------------------------------------------------------------


def _body_rows(composer: Composer, languages: list[str], frames: list[tuple[float, float]]) -> list[Row]:
    """Title, preamble, then chapters and articles: one row per section, one cell per language."""

    def row(build, *, splittable: bool = True, space_before: float = 0.0, keep: float = 0.0) -> Row:
        cells = tuple(Cell(x, w, tuple(build(language, w))) for (x, w), language in zip(frames, languages, strict=True))
        return Row(cells, splittable=splittable, space_before=space_before, keep_with_next=keep)

    doc = composer.doc
    rows = [row(composer.title, splittable=False, space_before=18.0)]
    if doc.preamble:
        rows.append(row(composer.preamble))
    chapter = None
    for index, article in enumerate(doc.articles):
        if article.chapter is not None and article.chapter != chapter and article.chapter < len(doc.chapters):
            chapter = article.chapter
            rows.append(
                row(lambda lang, w, c=chapter: composer.chapter(lang, c, w), splittable=False, space_before=12.0)
            )
        body = row(lambda lang, w, i=index: composer.article_body(lang, i, w))
        rows.append(
            row(
                lambda lang, w, i=index: composer.article_heading(lang, i, w),
                splittable=False,
                space_before=6.0,
                keep=_first_lines(body),
            )
        )
        rows.append(body)
    return rows


def _first_lines(row: Row, count: int = 2) -> float:
    heights = [sum(item.space_before + item.height for item in cell.items[:count]) for cell in row.cells]
    return max(heights, default=0.0)


def _single(items: list[Item], width: float, *, space_before: float = 0.0) -> list[Row]:
    return [Row((Cell(0.0, width, tuple(items)),), splittable=True, space_before=space_before)] if items else []


# --- originals ----------------------------------------------------------------------------------


def _heading_vi(composer: Composer, width: float) -> list[Row]:
    """Agency (left) beside Quốc hiệu and Tiêu ngữ (right); then Số beside place and date."""
    left = width * AGENCY_SHARE
    right = width - left
    agency = composer.agency("vi", composer.doc.vietnamese_party, left, 12.0)
    national = composer.national("vi", right, fit=False)
    top = Row((Cell(0.0, left, tuple(agency)), Cell(left, right, tuple(national))), splittable=False)
    number = composer.number_items("vi", left)
    when = composer.date_items("vi", right)
    second = Row((Cell(0.0, left, tuple(number)), Cell(left, right, tuple(when))), splittable=False, space_before=2.0)
    return [top, second]


def _heading_partner(composer: Composer, language: str, width: float) -> list[Row]:
    """National heading centred over the page; the partner's agency and number left, place and date right."""
    national = composer.national(language, width, fit=True)
    half = width / 2
    size = composer.size[language]
    agency = composer.agency(language, composer.doc.partner_party, half, size)
    rows = [Row((Cell(0.0, width, tuple(national)),), splittable=False)]
    rows.append(Row((Cell(0.0, half, tuple(agency)),), splittable=False, space_before=8.0))
    number = composer.number_items(language, half)
    when = composer.date_items(language, half)
    rows.append(Row((Cell(0.0, half, tuple(number)), Cell(half, half, tuple(when))), splittable=False))
    return rows


def _signature_rows(composer: Composer, language: str, width: float) -> list[Row]:
    order = composer.doc.parties_for(language)
    if not order:
        return []
    share = width / len(order)
    cells = [Cell(share * n, share, tuple(composer.signature(language, party, share))) for n, party in enumerate(order)]
    return [Row(_level_names(cells), splittable=False, space_before=18.0)]


def _signatures_side_by_side(composer: Composer, frames: list[tuple[float, float]]) -> Row:
    """Each side signs in its own language: Vietnamese parties left, partner parties right."""
    doc = composer.doc
    cells = []
    for (x, w), language in zip(frames, ("vi", composer.partner), strict=True):
        own = [i for i in doc.parties_for(language) if (doc.parties[i].country == "VN") == (language == "vi")]
        items: list[Item] = []
        for party in own:
            items += composer.signature(language, party, w)
        cells.append(Cell(x, w, tuple(items)))
    return Row(_level_names(cells), splittable=False, space_before=18.0)


def _level_names(cells: list[Cell]) -> tuple[Cell, ...]:
    """Stretch each block's signing space so that the signatories' names share a baseline.

    A longer post ("Phó Chỉ huy trưởng kiêm Tham mưu trưởng") takes two lines; the names
    below still stand level, as they do on a signed page.
    """
    ascent = max((cell.items[0].ascent for cell in cells if cell.items), default=0.0)
    targets = []
    for cell in cells:
        gap = next((i for i, item in enumerate(cell.items) if isinstance(item, GapItem)), None)
        if gap is None or gap + 1 >= len(cell.items):
            targets.append(None)
            continue
        above = ascent - cell.items[0].ascent + sum(_height(item) for item in cell.items[:gap])
        targets.append((gap, above + cell.items[gap + 1].space_before + cell.items[gap + 1].ascent))
    lowest = max((t[1] for t in targets if t), default=0.0)
    levelled = []
    for cell, target in zip(cells, targets, strict=True):
        if target is None:
            levelled.append(cell)
            continue
        gap, name = target
        items = list(cell.items)
        items[gap] = GapItem(items[gap].height + lowest - name, keep_with_next=True)
        levelled.append(Cell(cell.x, cell.width, tuple(items)))
    return tuple(levelled)


def _height(item: Item) -> float:
    return item.space_before + item.height + item.space_after
