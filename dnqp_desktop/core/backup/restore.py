"""Restoring a backup: nothing of the current data is touched until the backup has proven itself.

Order, and why:

1. preview (header and manifest): a foreign file, damage, a wrong password or a database from a
   newer version is refused here, before anything else happens;
2. full verification into a staging folder inside the data folder (same file system, so the
   final step is a rename): every chunk, every hash, ``integrity_check``, counts;
3. an older schema is upgraded in the staging folder with the same migrations ``dnqp init`` runs;
4. the caller releases its connections; switching the live database out of WAL mode needs sole
   access, so another program still holding it is detected and the restore refused (checked
   again just before the replace);
5. the current data is backed up (kind ``pre-restore``, never rotated away). If the current
   database is too damaged to back up, its raw files are copied aside instead;
6. stored files are added (content-addressed, so nothing existing is overwritten), the old WAL
   is removed and the staged database renamed over the live one in one atomic step.

A failure before step 6 leaves the data as it was (at most, a safety backup more); the caller then
reloads (``Library.reload``).
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from dnqp_desktop.core import db
from dnqp_desktop.core.backup import keys
from dnqp_desktop.core.backup.format import DATABASE_NAME, SETTINGS_NAME, read_prelude
from dnqp_desktop.core.backup.manifest import BackupSummary
from dnqp_desktop.core.backup.progress import Cancelled, Progress, never_cancelled, no_progress
from dnqp_desktop.core.backup.reader import Secret, preview_backup, verify_backup
from dnqp_desktop.core.backup.snapshot import check_space
from dnqp_desktop.core.backup.writer import database_file, write_backup
from dnqp_desktop.core.config import DataFolder, Settings
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.fileio import fsync_directory
from dnqp_desktop.core.i18n import _

log = logging.getLogger(__name__)
_STAGE_PREFIX = ".restore-"
_STALE_AFTER_SECONDS = 6 * 3600


@dataclass(frozen=True)
class RestoreResult:
    summary: BackupSummary
    #: The backup of the data that was replaced (None when there was no database before).
    safety_backup: Path | None
    #: Where the raw files of a database too damaged to back up were copied instead.
    damaged_copy: Path | None
    upgraded_from: str | None
    #: This installation had no backup password and now uses the restored backup's.
    adopted_key: bool


def _scaled(progress: Progress, start: int, end: int) -> Progress:
    """Map a phase's own progress onto [start, end] of 100 so the bar only moves forward."""

    def report(done: int, total: int, message: str) -> None:
        share = start if total <= 0 else start + (end - start) * min(done, total) // total
        progress(share, 100, message)

    return report


def restore_backup(
    folder: DataFolder,
    source: Path,
    secret: Secret,
    *,
    settings: Settings,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
    release_database: Callable[[], None] = lambda: None,
) -> RestoreResult:
    """Replace the data in ``folder`` with the backup ``source``; the caller holds the writer lock."""
    database = database_file(folder)
    summary, unlocked = preview_backup(source, secret)
    if summary.schema_state == "newer":
        raise DomainError("backup_schema_newer", path=str(source), revision=summary.schema_revision or "-")
    _remove_stale_stages(folder.root)
    check_space(folder.root, read_prelude(source).payload_size)
    stage = folder.root / f"{_STAGE_PREFIX}{uuid.uuid4().hex}"
    adopted = installed = False
    try:
        _make_stage(stage)
        summary, _unlocked = verify_backup(
            source, unlocked, progress=_scaled(progress, 0, 45), cancelled=cancelled, stage=stage
        )
        upgraded_from = _upgrade_staged(stage / DATABASE_NAME, source, summary)
        if cancelled():
            raise DomainError("restore_cancelled")
        release_database()
        _take_sole_access(database)  # before anything is written: another program has it open
        adopted = keys.adopt_key(folder.root, keys.sealed_key_of(read_prelude(source).header["key"]))
        safety, damaged_copy = _keep_current(folder, database, settings, _scaled(progress, 45, 90), cancelled)
        progress(90, 100, _("Replacing the data…"))
        release_database()
        _take_sole_access(database)
        try:
            _install(stage, folder, database)
        except OSError as exc:
            raise DomainError("restore_failed", reason=exc.strerror or str(exc)) from exc
        installed = True
    except BaseException:
        if adopted and not installed:  # leave the installation as it was found
            keys.key_path(folder.root).unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    progress(100, 100, _("The backup was restored."))
    log.info("restored %s into %s (safety backup %s)", source, folder.root, safety or damaged_copy)
    return RestoreResult(summary, safety, damaged_copy, upgraded_from, adopted)


def _make_stage(stage: Path) -> None:
    try:
        stage.mkdir()
    except OSError as exc:
        raise DomainError("restore_failed", reason=f"{stage}: {exc.strerror or exc}") from exc


def _upgrade_staged(staged: Path, source: Path, summary: BackupSummary) -> str | None:
    if summary.schema_state != "older":
        return None
    engine = db.make_engine(f"sqlite:///{staged.as_posix()}")
    try:
        db.upgrade_to_head(engine, None)
    except Exception as exc:
        raise DomainError("restore_upgrade_failed", path=str(source), reason=str(exc)) from exc
    finally:
        engine.dispose()
    connection = sqlite3.connect(staged)
    try:
        connection.execute("PRAGMA journal_mode=DELETE")  # fold the WAL in: one file to move
    finally:
        connection.close()
    return summary.schema_revision or "-"


def _keep_current(
    folder: DataFolder, database: Path, settings: Settings, progress: Progress, cancelled: Cancelled
) -> tuple[Path | None, Path | None]:
    """Back up the data about to be replaced; copy its raw files aside if it is too damaged for that."""
    if not database.exists():
        return None, None
    try:
        result = write_backup(
            folder,
            folder.backups,
            settings=settings,
            kind="pre-restore",
            progress=progress,
            cancelled=cancelled,
            rotate=False,
        )
        return result.path, None
    except DomainError as exc:
        if exc.message_id == "backup_cancelled":
            raise DomainError("restore_cancelled") from exc
        if exc.message_id != "backup_source_damaged":
            raise
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = folder.backups / f"damaged-{stamp}-{uuid.uuid4().hex[:6]}"
    aside.mkdir(parents=True)
    for suffix in ("", "-wal", "-shm"):
        path = database.with_name(database.name + suffix)
        if path.exists():
            shutil.copy2(path, aside / path.name)
    fsync_directory(aside)
    return None, aside


def _take_sole_access(database: Path) -> None:
    """Leave WAL mode (which folds the WAL into the file); SQLite allows it only to a sole user."""
    if not database.exists():
        return
    try:
        connection = sqlite3.connect(database, timeout=1.0)
    except sqlite3.Error:
        return  # not openable at all: a damaged file, already copied aside
    try:
        mode = connection.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            raise DomainError("restore_busy", path=str(database)) from exc
        return  # damaged: nothing to protect that was not copied aside
    except sqlite3.DatabaseError:
        return
    finally:
        connection.close()
    if str(mode).lower() != "delete":
        raise DomainError("restore_busy", path=str(database))


def _install(stage: Path, folder: DataFolder, database: Path) -> None:
    staged_attachments = stage / "attachments"
    if staged_attachments.is_dir():
        for blob in sorted(staged_attachments.glob("*/*")):
            target = folder.attachments / blob.parent.name / blob.name
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(blob, target)
        for directory in {p.parent for p in folder.attachments.glob("*/*")}:
            fsync_directory(directory)
    # A WAL left beside the old file would be replayed into the new one: remove it first.
    for suffix in ("-wal", "-shm", "-journal"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)
    os.replace(stage / DATABASE_NAME, database)
    fsync_directory(database.parent)
    staged_settings = stage / SETTINGS_NAME
    if staged_settings.exists() and not folder.settings.exists():
        try:
            os.replace(staged_settings, folder.settings)  # a new machine takes the backed-up settings
        except OSError:
            log.warning("settings from the backup were not installed", exc_info=True)


def _remove_stale_stages(root: Path) -> None:
    limit = time.time() - _STALE_AFTER_SECONDS
    for stage in root.glob(f"{_STAGE_PREFIX}*"):
        try:
            if stage.is_dir() and stage.stat().st_mtime < limit:
                shutil.rmtree(stage, ignore_errors=True)
        except OSError:
            pass
