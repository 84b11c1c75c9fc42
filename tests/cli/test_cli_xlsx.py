"""dnqp import-xlsx and export-xlsx: templates, dry runs, all-or-nothing imports, JSON for scripts."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from dnqp_desktop.cli import EXIT_OK, EXIT_USAGE, EXIT_USER_ERROR, main
from dnqp_desktop.core.library import Library
from tests.helpers import database_dump, make_unit
from tests.xlsx_helpers import sheet_values, write_workbook


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def folder(data_dir: Path) -> Path:
    with Library.open(data_dir) as library:
        make_unit(library, short_name="Bộ CHQS Thanh Hóa")
    return data_dir


def test_template_is_written_in_vietnamese(tmp_path: Path, folder: Path, capsys) -> None:
    path = tmp_path / "mau.xlsx"
    code, out, _err = run(capsys, "--data-dir", str(folder), "export-xlsx", "--template", "people", "-o", str(path))
    assert code == EXIT_OK and str(path) in out
    assert sheet_values(path)[0][:2] == ("Tên (tiếng Việt)", "Tên (tiếng Lào)")
    assert openpyxl.load_workbook(path).sheetnames[-1] == "Hướng dẫn"


def test_dry_run_then_import_then_export(tmp_path: Path, folder: Path, capsys) -> None:
    path = write_workbook(
        tmp_path / "people.xlsx",
        [["Họ và tên", "Đơn vị", "Ngày sinh"], ["Đặng Văn Long", "bo chqs thanh hoa", "24/4/1970"]],
    )
    with Library.open(folder) as library:
        before = database_dump(library)
    code, out, _err = run(capsys, "--data-dir", str(folder), "import-xlsx", "person", str(path), "--dry-run", "--json")
    result = json.loads(out)
    assert code == EXIT_OK and (result["to_add"], result["imported"], result["problems"]) == (1, False, [])
    with Library.open(folder) as library:
        assert database_dump(library) == before
    code, out, _err = run(capsys, "--lang", "en", "--data-dir", str(folder), "import-xlsx", "person", str(path))
    assert code == EXIT_OK and out.strip() == "Imported: 1 added, 0 updated, 0 skipped."
    code, out, _err = run(capsys, "--data-dir", str(folder), "import-xlsx", "person", str(path), "--json")
    assert code == EXIT_OK and (json.loads(out)["matching"], json.loads(out)["skipped"]) == (1, 1)
    exported = tmp_path / "out.xlsx"
    code, out, _err = run(capsys, "--data-dir", str(folder), "export-xlsx", "people", "-o", str(exported), "--json")
    assert code == EXIT_OK and json.loads(out)["rows"] == 1
    assert sheet_values(exported)[1][0] == "Đặng Văn Long"


def test_problems_are_listed_and_nothing_is_imported(tmp_path: Path, folder: Path, capsys) -> None:
    path = write_workbook(
        tmp_path / "bad.xlsx", [["Họ và tên", "Đơn vị", "Ngày sinh"], ["A", "Bộ CHQS Nghệ An", "30/2/1970"]]
    )
    with Library.open(folder) as library:
        before = database_dump(library)
    code, _out, err = run(capsys, "--lang", "en", "--data-dir", str(folder), "import-xlsx", "person", str(path))
    assert code == EXIT_USER_ERROR
    lines = err.strip().splitlines()
    assert lines[0].startswith("row 2, column B (Đơn vị): ") and "Bộ CHQS Nghệ An" in lines[0]
    assert lines[1].startswith("row 2, column C (Ngày sinh): ")
    assert lines[-1] == "Problems found in the workbook: 2. Nothing was imported."
    with Library.open(folder) as library:
        assert database_dump(library) == before


def test_refusals_and_usage(tmp_path: Path, folder: Path, capsys) -> None:
    text = tmp_path / "list.xlsx"
    text.write_text("not a workbook", encoding="utf-8")
    code, _out, err = run(capsys, "--lang", "en", "--data-dir", str(folder), "import-xlsx", "unit", str(text))
    assert code == EXIT_USER_ERROR and "is not an Excel workbook (.xlsx)" in err and len(err.strip().splitlines()) == 1
    code, _out, _err = run(capsys, "--data-dir", str(folder), "import-xlsx", "agreement", str(text))
    assert code == EXIT_USAGE
    code, _out, _err = run(capsys, "--data-dir", str(folder), "export-xlsx", "units")
    assert code == EXIT_USAGE
