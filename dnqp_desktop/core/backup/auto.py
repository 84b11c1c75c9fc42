"""Automatic backups into the data folder: on exit and every few hours of use, without a password.

They are ordinary backups (kind ``auto``), written, verified and rotated like any other. One is
skipped when no backup password was ever set (there is no key to encrypt to: the UI says so) and
when nothing changed since the newest backup in the folder, so that opening and closing the app
all day does not push real history out of the rotation.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime, timedelta

from dnqp_desktop.core.backup import keys
from dnqp_desktop.core.backup.format import read_prelude
from dnqp_desktop.core.backup.progress import Cancelled, Progress, never_cancelled, no_progress
from dnqp_desktop.core.backup.rotation import BackupFile, list_backups
from dnqp_desktop.core.backup.snapshot import live_fingerprint
from dnqp_desktop.core.backup.writer import BackupResult, database_file, write_backup
from dnqp_desktop.core.config import DataFolder, Settings
from dnqp_desktop.core.errors import DomainError

log = logging.getLogger(__name__)


def newest_backup(folder: DataFolder) -> BackupFile | None:
    backups = list_backups(folder.backups)
    return backups[0] if backups else None


def backup_due(folder: DataFolder, settings: Settings, now: datetime | None = None) -> bool:
    """True when the newest backup in the data folder is older than ``backup_every_hours``."""
    newest = newest_backup(folder)
    moment = now or datetime.now(UTC)
    return newest is None or moment - newest.created_at >= timedelta(hours=max(settings.backup_every_hours, 1))


def unchanged_since_newest(folder: DataFolder, settings: Settings) -> bool:
    newest = newest_backup(folder)
    if newest is None:
        return False
    try:
        previous = read_prelude(newest.path).header.get("fingerprint")
        return previous == live_fingerprint(folder, database_file(folder), settings)
    except (DomainError, OSError, sqlite3.Error):
        return False  # when in doubt, back up


def automatic_backup(
    folder: DataFolder,
    settings: Settings,
    *,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
) -> BackupResult | None:
    """Write an automatic backup if there is a key and something changed; None when skipped."""
    if keys.load_key(folder.root) is None:
        log.info("automatic backup skipped: no backup password set")
        return None
    if unchanged_since_newest(folder, settings):
        log.info("automatic backup skipped: nothing changed since the newest backup")
        return None
    return write_backup(folder, folder.backups, settings=settings, kind="auto", progress=progress, cancelled=cancelled)
