"""`dnqp report`: the Military Region 2 figures, read back from the PDF (pdftotext) and the workbook."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dnqp_desktop.cli import EXIT_OK, EXIT_USAGE, EXIT_USER_ERROR, main
from dnqp_desktop.core.library import Library
from tests.report_records import mr2_records


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def mr2(library: Library, data_dir: Path) -> Path:
    mr2_records(library)
    library.close()
    return data_dir


def test_the_figures_as_json(mr2: Path, capsys) -> None:
    code, out, err = run(capsys, "report", "--data-dir", str(mr2), "--year", "2025", "--unit", "QK2", "--json")
    assert (code, err) == (EXIT_OK, "")
    figures = json.loads(out)["delegations"]
    assert (figures["total"], figures["person_trips"]) == (166, 2071)
    assert figures["outgoing"] == {"delegations": 75, "person_trips": 687}
    assert figures["incoming"] == {"delegations": 91, "person_trips": 1384}
    assert sum(m["outgoing"] + m["incoming"] for m in figures["per_month"]) == 166


def test_the_pdf_reads_back(mr2: Path, tmp_path: Path, capsys) -> None:
    pdf = tmp_path / "bao-cao-2025.pdf"
    code, out, err = run(
        capsys,
        "--lang",
        "en",
        "report",
        "--data-dir",
        str(mr2),
        "--year",
        "2025",
        "--unit",
        "Quân khu 2",
        "-o",
        str(pdf),
    )
    assert (code, err) == (EXIT_OK, "")
    assert "166 delegations, 2071 person-trips" in out
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "QUÂN KHU 2 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines  # issuing unit left, heading right
    assert "BÁO CÁO" in lines
    assert "Đoàn ra 75 687" in lines
    assert "Đoàn vào 91 1.384" in lines
    assert "Tổng cộng 166 2.071" in lines
    flat = " ".join(" ".join(text.split()).split())
    assert "166 đoàn với 2.071 lượt người" in flat
    assert "75 đoàn ra với 687 lượt người" in flat and "91 đoàn vào với 1.384 lượt người" in flat
    assert "Biểu đồ 1. Số đoàn ra, đoàn vào theo tháng" in flat


def test_the_workbook_reads_back(mr2: Path, tmp_path: Path, capsys) -> None:
    path = tmp_path / "bao-cao-2025.xlsx"
    code, _out, err = run(
        capsys, "report", "--data-dir", str(mr2), "--year", "2025", "--unit", "QK2", "--format", "xlsx", "-o", str(path)
    )
    assert (code, err) == (EXIT_OK, "")
    book = load_workbook(path)
    rows = {row[0]: row[1:3] for row in book["Tổng hợp"].iter_rows(values_only=True) if row and row[0]}
    assert rows["Đoàn ra"] == (75, 687)
    assert rows["Đoàn vào"] == (91, 1384)
    assert rows["Tổng cộng"] == (166, 2071)
    months = list(book["Theo tháng"].iter_rows(min_row=2, values_only=True))
    assert len(months) == 12 and sum(o + i for _m, o, i in months) == 166
    assert len(book["Theo tháng"]._charts) == 1


def test_a_unit_must_be_found(mr2: Path, tmp_path: Path, capsys) -> None:
    code, _out, err = run(capsys, "report", "--data-dir", str(mr2), "--year", "2025", "--unit", "QK9", "--json")
    assert code == EXIT_USER_ERROR and "QK9" in err
    code, _out, err = run(capsys, "report", "--data-dir", str(mr2), "--year", "2025", "--unit", "QK2")
    assert code == EXIT_USAGE
