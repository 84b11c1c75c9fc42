"""``dnqp pdf`` and the font lines of ``dnqp check``."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from dnqp_desktop.cli import EXIT_OK, EXIT_USAGE, EXIT_USER_ERROR, main
from dnqp_desktop.core.library import Library
from dnqp_desktop.documents import fonts as fonts_module
from dnqp_desktop.documents.model import Arrangement
from tests.helpers import make_agreement, make_lao_unit, make_unit


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("arrangement", [Arrangement.ORIGINALS, Arrangement.SIDE_BY_SIDE])
def test_pdf_writes_the_agreement(capsys, demo_folder, demo_ids, rendered, arrangement, tmp_path: Path) -> None:
    target = tmp_path / "quy-che.pdf"
    code, out, err = run(
        capsys, "--lang", "en", "pdf", demo_ids["twinning_regulation"], "--layout", str(arrangement),
        "-o", str(target), "--data-dir", str(demo_folder), "--json",
    )  # fmt: skip
    assert code == EXIT_OK, err
    result = json.loads(out)
    data = target.read_bytes()
    assert result["pages"] >= 3 and result["bytes"] == len(data) and result["layout"] == str(arrangement)
    assert result["fonts"] == {"vi": "Liberation Serif", "lo": "Phetsarath OT"}
    # the same bytes as the renderer gives the same document: the digest identifies the content
    assert result["sha256"] == hashlib.sha256(data).hexdigest()
    assert data == rendered[("twinning_regulation", arrangement)]


def test_pdf_of_an_unknown_agreement(capsys, demo_folder, tmp_path: Path) -> None:
    code, _, err = run(
        capsys, "--lang", "en", "pdf", "nope", "-o", str(tmp_path / "x.pdf"), "--data-dir", str(demo_folder)
    )
    assert code == EXIT_USER_ERROR and err.strip() == "This agreement does not exist or is in the trash."
    assert not (tmp_path / "x.pdf").exists()


def test_pdf_needs_an_output_and_a_known_layout(capsys, demo_folder, demo_ids) -> None:
    assert run(capsys, "pdf", demo_ids["memorandum"], "--data-dir", str(demo_folder))[0] == EXIT_USAGE
    code, _, _ = run(capsys, "pdf", demo_ids["memorandum"], "--layout", "two-up", "-o", "x.pdf")
    assert code == EXIT_USAGE


def test_pdf_refuses_what_it_cannot_print(capsys, data_dir: Path, tmp_path: Path) -> None:
    with Library.open(data_dir) as library:
        own, partner = make_unit(library), make_lao_unit(library)
        agreement = make_agreement(
            library,
            parties=[{"unit_id": own.id}, {"unit_id": partner.id}],
            articles=[{"title_vi": "Trao đổi", "body_vi": "Hai bên trao đổi ✈ đoàn.", "body_lo": "ສອງຝ່າຍແລກປ່ຽນ."}],
        )
    target = tmp_path / "refused.pdf"
    code, out, err = run(capsys, "--lang", "en", "pdf", agreement.id, "-o", str(target), "--data-dir", str(data_dir))
    assert code == EXIT_USER_ERROR and out == "" and not target.exists()
    assert err.startswith("Article 1: Text (Vietnamese) of “Thỏa thuận hợp tác năm 2025”: the character “✈” (U+2708")


def test_check_lists_the_font_of_each_script(capsys, data_dir: Path) -> None:
    code, out, _ = run(capsys, "--lang", "en", "check", "--data-dir", str(data_dir))
    assert code == EXIT_OK
    assert "[PASS] Font for Vietnamese: Liberation Serif (" in out
    assert "[PASS] Font for Lao: Phetsarath OT (" in out and "[PASS] Font for Khmer: Noto Serif Khmer (" in out
    code, out, _ = run(capsys, "--lang", "en", "check", "--data-dir", str(data_dir), "--json")
    report = json.loads(out)
    assert report["ok"] and [f["script"] for f in report["fonts"]] == ["vi", "lo", "km"]
    assert report["fonts"][1]["files"]["regular"].endswith("Phetsarath_OT.ttf")


def test_check_fails_clearly_when_a_script_has_no_font(capsys, data_dir: Path, monkeypatch) -> None:
    monkeypatch.setattr(fonts_module, "font_dirs", lambda: [Path("/usr/share/fonts/truetype/liberation2")])
    code, out, _ = run(capsys, "--lang", "en", "check", "--data-dir", str(data_dir))
    assert code == EXIT_USER_ERROR
    assert "[PASS] Font for Vietnamese: Liberation Serif" in out
    assert "[FAIL] Font for Lao: No installed font can print Lao text. Install fonts-lao (Phetsarath OT)" in out
    assert "[FAIL] Font for Khmer: No installed font can print Khmer text." in out
    code, out, err = run(capsys, "--lang", "en", "check", "--data-dir", str(data_dir), "--json")
    report = json.loads(out)
    assert code == EXIT_USER_ERROR and not report["ok"] and not report["fonts"][1]["ok"]
    assert err.strip().startswith("No installed font can print Lao text")
