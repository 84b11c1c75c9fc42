"""A list, as shown, out to Excel: same rows, same order, same columns, real dates and numbers.

The rows come from the very listing the window shows (``core/listing.py``: its filters, its sort
and its columns), so the workbook is what the clerk saw. Dates are written as Excel dates and
numbers as numbers (so colleagues can sort and sum them), enumerations as their label in the
user's language, Lao text as it is. openpyxl's write-only mode streams rows to the file, and the
file is written beside the target and renamed into place, so a failed export leaves no half file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from dnqp_desktop.core.backup.progress import Cancelled, Progress, never_cancelled, no_progress
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.i18n import _, translate
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.listing import DATE, DATETIME, ENUM, NUMBER, PERCENT, YEAR, Column, Listing
from dnqp_desktop.core.messages import list_title
from dnqp_desktop.core.xlsx.cells import LOCAL_ZONE

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
PAGE = 500


def export_listing(
    library: Library,
    listing: Listing,
    path: Path,
    *,
    filters: Mapping[str, Any] | None = None,
    sort: str | None = None,
    descending: bool = False,
    columns: Sequence[str] | None = None,
    lang: str | None = None,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
) -> int:
    """Write the rows ``listing`` shows with these filters and sort; returns how many were written."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    def tr(text: str) -> str:
        return translate(text, lang) if lang else _(text)

    shown = [listing.column(key) for key in columns] if columns else list(listing.columns)
    positions = [listing.columns.index(column) for column in shown]
    ids = listing.ordered_ids(library, filters=filters, sort=sort, descending=descending)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(_sheet_title(tr(list_title(listing.kind))))
    sheet.freeze_panes = "A2"
    for index, column in enumerate(shown):
        heading = tr(column.label)
        sheet.column_dimensions[_letter(index)].width = max(column.width, len(heading) + 2)
    bold = Font(bold=True)
    header = []
    for column in shown:
        cell = WriteOnlyCell(sheet, value=tr(column.label))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    formats = [_number_format(column) for column in shown]
    for start in range(0, len(ids), PAGE):
        if cancelled():
            raise DomainError("export_cancelled")
        page = ids[start : start + PAGE]
        rows = listing.load_rows(library, page)
        for record_id in page:
            values = rows.get(record_id)
            if values is None:  # deleted meanwhile
                continue
            out = []
            for column, position, number_format in zip(shown, positions, formats, strict=True):
                value = _cell_value(column, values[position], tr)
                cell = WriteOnlyCell(sheet, value=value)
                if number_format == NUMBER:  # 1,384 or 106.50: no stray decimal point on whole numbers
                    whole = not isinstance(value, float) or value.is_integer()
                    cell.number_format = "#,##0" if whole else "#,##0.00"
                elif number_format:
                    cell.number_format = number_format
                out.append(cell)
            sheet.append(out)
        progress(
            min(start + PAGE, len(ids)),
            len(ids),
            _("Writing rows: {done} of {total}").format(done=min(start + PAGE, len(ids)), total=len(ids)),
        )
    save_workbook(workbook, path)
    return len(ids)


def save_workbook(workbook: Any, path: Path) -> None:
    """Save next to ``path`` and rename into place: a failure leaves no half-written file."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".dnqp-", suffix=".xlsx", dir=path.parent)
        os.close(handle)
        try:
            workbook.save(temporary)
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except OSError as exc:
        raise DomainError("xlsx_write_failed", path=str(path), reason=exc.strerror or str(exc)) from exc


def _cell_value(column: Column, value: Any, tr: Any) -> Any:
    if value is None:
        return None
    if column.kind == ENUM and column.enum is not None:
        try:
            return tr(column.enum(value).label)  # type: ignore[attr-defined]
        except ValueError:
            return str(value)
    if column.kind == DATETIME and isinstance(value, datetime):
        local = value.astimezone(LOCAL_ZONE) if value.tzinfo else value
        return local.replace(tzinfo=None)
    if column.kind == DATE and isinstance(value, date):
        return value
    if column.kind == PERCENT and isinstance(value, Decimal | int | float):
        return float(value) / 100
    if isinstance(value, Decimal):
        return float(value)
    return value


def _number_format(column: Column) -> str | None:
    return {DATE: DATE_FORMAT, DATETIME: DATETIME_FORMAT, PERCENT: "0.00%", YEAR: "0", NUMBER: NUMBER}.get(column.kind)


def _letter(index: int) -> str:
    from dnqp_desktop.core.xlsx.reader import column_letter

    return column_letter(index)


def _sheet_title(text: str) -> str:
    """Excel refuses some characters in sheet names and more than 31 of them."""
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in text).strip()
    return cleaned[:31] or "Sheet1"
