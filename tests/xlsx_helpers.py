"""Workbooks built in the tests: clean ones, "near" ones, broken ones, and files that are no workbook."""

from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import openpyxl


def write_workbook(
    path: Path,
    rows: Iterable[Sequence[Any]],
    *,
    title_rows: Sequence[Sequence[Any]] = (),
    merged: Sequence[str] = (),
    sheet: str = "Sheet1",
) -> Path:
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for row in [*title_rows, *rows]:
        worksheet.append(list(row))
    for ref in merged:
        worksheet.merge_cells(ref)
    workbook.save(path)
    return path


def fill_template(template: Path, path: Path, rows: Iterable[dict[str, Any]]) -> Path:
    """Rows given by heading (as written in the template), appended under its heading row."""
    workbook = openpyxl.load_workbook(template)
    worksheet = workbook.worksheets[0]
    headings = [cell.value for cell in worksheet[1]]
    for values in rows:
        unknown = set(values) - set(headings)
        assert not unknown, f"not in the template: {unknown}"
        worksheet.append([values.get(heading) for heading in headings])
    workbook.save(path)
    return path


def sheet_values(path: Path) -> list[tuple[Any, ...]]:
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        return [tuple(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def compound_file(path: Path, streams: Sequence[str]) -> Path:
    """A minimal OLE compound file (what Excel writes for a password-protected .xlsx, or an old .xls)."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHH", header, 24, 0x3E, 3, 0xFFFE, 9)  # minor, major version, byte order, sector shift
    struct.pack_into("<I", header, 48, 1)  # first directory sector
    directory = bytearray()
    for name in ("Root Entry", *streams):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entry[: len(encoded)] = encoded
        struct.pack_into("<H", entry, 64, len(encoded))
        entry[66] = 5 if name == "Root Entry" else 2
        directory += entry
    path.write_bytes(bytes(header) + bytes(512) + bytes(directory) + bytes(512 - len(directory) % 512))
    return path
