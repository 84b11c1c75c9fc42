"""Where the files that ship beside the code live.

A source checkout keeps ``i18n/``, ``migrations/`` and ``resources/`` at the repository root; a
PyInstaller bundle unpacks them under ``sys._MEIPASS``. Everything that needs one of those folders
asks here, so the two layouts never leak into the rest of the code.
"""

from __future__ import annotations

import sys
from pathlib import Path


def app_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parents[2]


def i18n_dir() -> Path:
    return app_root() / "i18n"


def migrations_dir() -> Path:
    return app_root() / "migrations"


def resources_dir() -> Path:
    return app_root() / "resources"
