"""The data folder and the settings kept in it.

The data folder is chosen, in order, by ``--data-dir``, ``DNQP_DATA_DIR``, and the platform's
per-user data folder. Settings live in ``settings.toml`` inside it so that a backup or a copied
folder carries them along; the file is written atomically because power can fail at any moment.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from dnqp_desktop.core.i18n import DEFAULT_LANGUAGE, LANGUAGES

APP_NAME = "DNQP Desktop"
DATABASE_FILENAME = "dnqp.sqlite3"
SETTINGS_FILENAME = "settings.toml"

ENV_DATA_DIR = "DNQP_DATA_DIR"
ENV_DATABASE_URL = "DNQP_DATABASE_URL"
ENV_LANG = "DNQP_LANG"
#: ``dnqp gui`` logs in as this user with the password in that file (automated runs, no dialog).
ENV_USER = "DNQP_USER"
ENV_PASSWORD_FILE = "DNQP_PASSWORD_FILE"


def default_data_dir() -> Path:
    import platformdirs  # only when no folder was given: start-up time

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    chosen = explicit or os.environ.get(ENV_DATA_DIR) or default_data_dir()
    return Path(chosen).expanduser().resolve()


def resolve_language(explicit: str | None = None, settings: Settings | None = None) -> str:
    """``--lang`` beats ``DNQP_LANG`` beats the saved setting beats Vietnamese."""
    return explicit or os.environ.get(ENV_LANG) or (settings.language if settings else None) or DEFAULT_LANGUAGE


@dataclass(frozen=True)
class DataFolder:
    """The fixed layout inside the data folder (ARCHITECTURE.md §3)."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / DATABASE_FILENAME

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def settings(self) -> Path:
        return self.root / SETTINGS_FILENAME

    def database_url(self) -> str:
        return os.environ.get(ENV_DATABASE_URL) or f"sqlite:///{self.database.as_posix()}"

    def create(self) -> None:
        for folder in (self.root, self.attachments, self.backups, self.logs):
            folder.mkdir(parents=True, exist_ok=True)


@dataclass(frozen=True)
class Settings:
    """User-adjustable values; every window or margin the issues call "a setting" lives here."""

    language: str = DEFAULT_LANGUAGE
    #: Outgoing members' passports must stay valid this many months after the return date.
    passport_margin_months: int = 6
    dashboard_talks_days: int = 30
    dashboard_agreements_days: int = 90
    dashboard_passport_months: int = 6
    backup_keep_recent: int = 5
    backup_keep_daily: int = 7
    backup_keep_weekly: int = 4
    backup_keep_monthly: int = 12
    backup_every_hours: int = 4
    idle_lock_minutes: int = 15
    own_unit_id: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)


class SettingsError(ValueError):
    """The settings file cannot be read; the message names the file."""


def load_settings(path: Path) -> Settings:
    """Read ``settings.toml``; unknown keys are kept, wrong types fall back to defaults."""
    if not path.exists():
        return Settings()
    import tomllib  # only when there is a file: 5 ms of the start-up otherwise

    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(str(path)) from exc
    defaults = Settings()
    known = {f.name for f in fields(Settings)} - {"extra"}
    values: dict[str, Any] = {}
    for name in known:
        if name in raw and isinstance(raw[name], type(getattr(defaults, name))):
            values[name] = raw[name]
    if values.get("language") not in (None, *LANGUAGES):
        values.pop("language")
    extra = {key: value for key, value in raw.items() if key not in known}
    return Settings(**values, extra=extra)


def save_settings(path: Path, settings: Settings) -> None:
    import tomli_w

    from dnqp_desktop.core.fileio import atomic_write_bytes

    data = asdict(settings)
    extra = data.pop("extra")
    atomic_write_bytes(path, tomli_w.dumps({**extra, **data}).encode("utf-8"))
