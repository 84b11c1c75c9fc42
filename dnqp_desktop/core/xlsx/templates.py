"""An empty workbook per importable kind, ready to fill in and import back.

The headings are the columns' labels in the user's language (Vietnamese by default) — the import
recognises them in any language anyway. Enumerations get a drop-down list (Excel data validation
over a hidden sheet of values, as a list written inline is limited to 255 characters), required
columns are shaded, and a second sheet explains how to fill in each column.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from dnqp_desktop.core.i18n import N_, _, translate
from dnqp_desktop.core.xlsx.export import save_workbook
from dnqp_desktop.core.xlsx.kinds import (
    BOOLEAN,
    CHOICE,
    DATE,
    IMPORT_KINDS,
    INTEGER,
    LIST,
    MOMENT,
    NUMBER,
    PEOPLE,
    PERSON,
    TEXT,
    UNIT,
    UNITS,
    ImportColumn,
)
from dnqp_desktop.core.xlsx.reader import column_letter

#: Rows of the data sheet that get the drop-down lists.
VALIDATED_ROWS = 5000
LISTS_SHEET = "Lists"

_HOW: dict[str, str] = {
    TEXT: N_("Text"),
    LIST: N_("Several entries, separated by semicolons (;)"),
    DATE: N_("A date, for example 24/04/2025"),
    MOMENT: N_("A date and time, for example 24/04/2025 08:30 (Vietnam and Laos time)"),
    INTEGER: N_("A whole number, for example 1.384"),
    NUMBER: N_("A number, for example 1.384 or 106,5"),
    CHOICE: N_("One of the values of the drop-down list"),
    BOOLEAN: N_("Yes or no"),
    UNIT: N_("The name of a unit already recorded (any of its names, accents optional)"),
    UNITS: N_("Names of units already recorded, separated by semicolons (;)"),
    PERSON: N_("The name of a person already recorded"),
    PEOPLE: N_("Names of people already recorded, separated by semicolons (;)"),
}

_GUIDANCE = (
    N_("One row per record. Keep the headings in the first row of the first sheet."),
    N_("The order of the columns does not matter; columns you do not need may be left empty or removed."),
    N_("Dates: 24/04/2025 or a date cell. Numbers: 1.384 or 1384. Do not use formulas or merged cells."),
    N_("Rows matching records already recorded are shown before importing: update them or skip them."),
    N_("Nothing is imported while any row has a problem; the preview lists each one by row and column."),
)


def template_filename(kind: str, lang: str = "vi") -> str:
    return f"{kind}-template.xlsx" if lang == "en" else f"{kind}-mau.xlsx"


def write_template(kind: str, path: Path, *, lang: str = "vi") -> Path:
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    def tr(text: str) -> str:
        return translate(text, lang)

    spec = IMPORT_KINDS[kind]
    workbook = openpyxl.Workbook()
    data = workbook.active
    data.title = tr(spec.title)[:31]
    lists = workbook.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    guide = workbook.create_sheet(tr(N_("Instructions"))[:31])
    bold = Font(bold=True)
    required_fill = PatternFill("solid", fgColor="FFF2CC")
    list_column = 0
    for index, column in enumerate(spec.columns):
        letter = column_letter(index)
        cell = data.cell(row=1, column=index + 1, value=tr(column.label))
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if column.required:
            cell.fill = required_fill
        data.column_dimensions[letter].width = max(column.width, len(cell.value) + 2)
        values = _choices(column, tr)
        if values:
            list_letter = column_letter(list_column)
            for row, value in enumerate(values, start=1):
                lists.cell(row=row, column=list_column + 1, value=value)
            rule = DataValidation(
                type="list",
                formula1=f"={LISTS_SHEET}!${list_letter}$1:${list_letter}${len(values)}",
                allow_blank=True,
                showErrorMessage=False,
            )
            rule.add(f"{letter}2:{letter}{VALIDATED_ROWS}")
            data.add_data_validation(rule)
            list_column += 1
    data.freeze_panes = "A2"
    _write_guide(guide, spec.columns, tr, bold)
    save_workbook(workbook, path)
    return path


def _choices(column: ImportColumn, tr: Callable[[str], str]) -> list[str]:
    if column.parse == CHOICE and column.enum is not None:
        return [tr(member.label) for member in column.enum]  # type: ignore[attr-defined]
    if column.parse == BOOLEAN:
        return [tr(N_("Yes")), tr(N_("No"))]
    return []


def _write_guide(sheet: Any, columns: tuple[ImportColumn, ...], tr: Callable[[str], str], bold: Any) -> None:
    for letter, width in (("A", 34), ("B", 12), ("C", 80)):
        sheet.column_dimensions[letter].width = width
    sheet.cell(row=1, column=1, value=tr(N_("How to fill in this workbook"))).font = bold
    row = 2
    for line in _GUIDANCE:
        sheet.cell(row=row, column=1, value=tr(line))
        row += 1
    row += 1
    for index, heading in enumerate((N_("Column"), N_("Required"), N_("What to write"))):
        sheet.cell(row=row, column=index + 1, value=tr(heading)).font = bold
    for column in columns:
        row += 1
        sheet.cell(row=row, column=1, value=tr(column.label))
        sheet.cell(row=row, column=2, value=tr(N_("Yes")) if column.required else "")
        sheet.cell(row=row, column=3, value=tr(_HOW[column.parse]))


def template_title(kind: str) -> str:
    return _(IMPORT_KINDS[kind].title)
