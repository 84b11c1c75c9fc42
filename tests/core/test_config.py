"""Where the data folder is, and settings that survive a damaged or foreign file."""

from __future__ import annotations

from pathlib import Path

import pytest

from dnqp_desktop.core import config
from dnqp_desktop.core.config import Settings, load_settings, resolve_data_dir, resolve_language, save_settings
from dnqp_desktop.core.library import Library


def test_data_folder_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(config.ENV_DATA_DIR, raising=False)
    assert resolve_data_dir() == config.default_data_dir().resolve()
    monkeypatch.setenv(config.ENV_DATA_DIR, str(tmp_path / "from-env"))
    assert resolve_data_dir() == tmp_path / "from-env"
    assert resolve_data_dir(tmp_path / "explicit") == tmp_path / "explicit"


def test_language_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(config.ENV_LANG, raising=False)
    assert resolve_language() == "vi"
    assert resolve_language(settings=Settings(language="lo")) == "lo"
    monkeypatch.setenv(config.ENV_LANG, "en")
    assert resolve_language(settings=Settings(language="lo")) == "en"
    assert resolve_language("lo") == "lo"


def test_opening_makes_the_documented_layout(tmp_path: Path) -> None:
    with Library.open(tmp_path / "data") as library:
        root = library.folder.root
    assert {p.name for p in root.iterdir()} >= {"dnqp.sqlite3", "attachments", "backups", "logs"}


def test_settings_round_trip_keeps_unknown_keys(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('language = "lo"\nfuture_option = 3\npassport_margin_months = "six"\n', encoding="utf-8")
    settings = load_settings(path)
    assert settings.language == "lo"
    assert settings.passport_margin_months == 6  # a wrong type falls back to the default
    save_settings(path, settings.with_changes(backup_keep_daily=10))
    again = load_settings(path)
    assert again.backup_keep_daily == 10 and again.language == "lo"
    assert again.extra == {"future_option": 3}
    assert not list(tmp_path.glob(".settings.toml.*"))  # no temporary files left


def test_damaged_settings_do_not_stop_the_library(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text("language = [unclosed", encoding="utf-8")
    with Library.open(tmp_path) as library:
        assert library.settings == Settings()
        assert library.settings_problem is not None
        assert library.settings_problem.message_id == "settings_damaged"
        assert str(tmp_path / "settings.toml") in library.settings_problem.message("en")
    assert (tmp_path / "settings.toml").read_text(encoding="utf-8") == "language = [unclosed"
