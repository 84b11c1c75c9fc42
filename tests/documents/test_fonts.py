"""Font discovery and the coverage check: bundle first, then the system; a missing script says so."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.documents.fonts import discover, font_dirs, load_fonts
from dnqp_desktop.documents.text import uncovered_chars

LIBERATION = Path("/usr/share/fonts/truetype/liberation2")
NOTO = Path("/usr/share/fonts/truetype/noto")


def _link(folder: Path, name: str, target: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).symlink_to(target)


def test_the_installed_fonts_cover_every_script() -> None:
    choices = discover()
    assert {script: choice.fonts.family for script, choice in choices.items() if choice.fonts} == {
        "vi": "Liberation Serif",
        "lo": "Phetsarath OT",
        "km": "Noto Serif Khmer",
    }


def test_the_bundle_comes_before_the_system(tmp_path: Path, monkeypatch) -> None:
    _link(tmp_path / "fonts", "LiberationSerif-Regular.ttf", LIBERATION / "LiberationSerif-Regular.ttf")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert font_dirs()[0] == tmp_path / "fonts"
    choice = discover()["vi"]
    assert choice.fonts.paths["regular"] == tmp_path / "fonts" / "LiberationSerif-Regular.ttf"
    assert choice.fonts.paths["bold"].parent == LIBERATION  # styles the bundle lacks come from the system


def test_times_new_roman_wins_where_installed(tmp_path: Path) -> None:
    """Windows names it times.ttf; any letter case matches."""
    _link(tmp_path, "TIMES.TTF", LIBERATION / "LiberationSerif-Regular.ttf")
    choice = discover([tmp_path, LIBERATION])["vi"]
    assert choice.fonts.family == "Times New Roman"


def test_windows_font_folders() -> None:
    dirs = font_dirs(system="nt", environ={"WINDIR": r"C:\Windows", "LOCALAPPDATA": r"C:\Users\a\AppData\Local"})
    assert [str(d).replace("\\", "/") for d in dirs] == [
        "C:/Windows/Fonts",
        "C:/Users/a/AppData/Local/Microsoft/Windows/Fonts",
    ]


def test_noto_serif_lao_serves_when_phetsarath_is_missing() -> None:
    fonts = load_fonts("lo", [NOTO, LIBERATION])
    assert fonts.families == {"vi": "Liberation Serif", "lo": "Noto Serif Lao"}
    assert not fonts.face("lo", bold=True).fake_bold  # Noto Serif Lao has a real bold


def test_phetsarath_bold_is_drawn_synthetically() -> None:
    fonts = load_fonts("lo")
    assert fonts.face("lo", bold=True).fake_bold and fonts.face("lo").font is fonts.face("lo", bold=True).font


@pytest.mark.parametrize(("script", "name"), [("lo", "Lao"), ("km", "Khmer")])
def test_a_missing_script_font_is_named(script: str, name: str) -> None:
    with pytest.raises(DomainError) as caught:
        load_fonts(script, [LIBERATION])
    assert caught.value.message_id == "font_missing"
    assert f"No installed font can print {name} text" in caught.value.message("en")


def test_coverage_finds_characters_no_font_has() -> None:
    fonts = load_fonts("lo")
    assert uncovered_chars("Hà Nội ປີ 2025 – “ok”", fonts) == []
    assert uncovered_chars("ສະບາຍດີ 漢 ✈", fonts) == [(8, "漢"), (10, "✈")]
