"""The consistent snapshot a backup is made from, and what the manifest says about it.

A live SQLite file may be in the middle of a transaction or have committed pages still in its WAL,
so it is never copied as a file: SQLite's backup API copies all pages in one read transaction into
a hidden scratch file in the data folder. Everything the manifest states (row counts, schema
revision, the source unit, the hashes of the stored files the records refer to) is read from that
snapshot, never from the live database, so the manifest and the backed-up data always agree.
"""

from __future__ import annotations

import errno
import hashlib
import platform
import shutil
import sqlite3
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from dnqp_desktop import __version__
from dnqp_desktop.core import db
from dnqp_desktop.core.backup.format import DATABASE_NAME, SETTINGS_NAME, attachment_name
from dnqp_desktop.core.backup.manifest import EntryInfo, Manifest, format_size
from dnqp_desktop.core.backup.reader import schema_revision, table_counts
from dnqp_desktop.core.config import DataFolder, Settings
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.fileio import sha256_file

_FULL_ERRNOS = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
#: Room left over beyond the file itself (directory entries, the file system's own needs).
SPACE_MARGIN = 1 << 20


@dataclass
class Source:
    """The snapshot and its manifest, gathered before a byte is written to the target."""

    snapshot: Path
    manifest: Manifest
    #: Every entry after the manifest, in order, with the file its bytes come from.
    files: list[tuple[EntryInfo, Path]]
    #: Changes whenever the data does: an automatic backup of unchanged data is skipped.
    fingerprint: str
    checker: IntegrityCheck


def check_space(directory: Path, needed: int) -> None:
    try:
        free = shutil.disk_usage(directory).free
    except OSError as exc:
        raise os_problem(exc, directory) from exc
    if free < needed + SPACE_MARGIN:
        raise DomainError(
            "backup_no_space", path=str(directory), needed=format_size(needed + SPACE_MARGIN), free=format_size(free)
        )


def os_problem(exc: OSError, directory: Path) -> DomainError:
    reason = exc.strerror or str(exc)
    if exc.errno in _FULL_ERRNOS:
        return DomainError("backup_disk_full", path=str(directory), reason=reason)
    return DomainError("backup_write_failed", path=str(directory), reason=reason)


def take_snapshot(
    folder: DataFolder, database: Path, scratch_dir: Path, settings: Settings, created_at: datetime, kind: str
) -> Source:
    """Snapshot ``database`` into ``scratch_dir`` and describe it; the caller deletes the snapshot."""
    if not database.exists():
        raise DomainError("database_missing", path=str(database))
    snapshot = scratch_dir / f".dnqp-snapshot-{uuid.uuid4().hex}.tmp"
    wal = database.with_name(database.name + "-wal")
    check_space(scratch_dir, database.stat().st_size + (wal.stat().st_size if wal.exists() else 0))
    try:
        src = sqlite3.connect(f"file:{database.as_posix()}?mode=ro", uri=True, timeout=db.BUSY_TIMEOUT_MS / 1000)
        try:
            dst = sqlite3.connect(snapshot)
            try:
                src.backup(dst)  # all pages in one step: one consistent read transaction
                dst.execute("PRAGMA journal_mode=DELETE")  # a self-contained file, openable anywhere
                counts, revision = table_counts(dst), schema_revision(dst)
                facts = _facts(dst, settings)
            finally:
                dst.close()
        finally:
            src.close()
        checker = IntegrityCheck(snapshot)
        checker.start()  # runs while the files are hashed below and while the backup is written
        try:
            return _describe(folder, snapshot, counts, revision, facts, created_at, kind, checker)
        except BaseException:
            checker.join()
            raise
    except sqlite3.Error as exc:
        snapshot.unlink(missing_ok=True)
        raise _sqlite_problem(exc, database, scratch_dir) from exc
    except OSError as exc:
        snapshot.unlink(missing_ok=True)
        raise os_problem(exc, scratch_dir) from exc
    except BaseException:
        snapshot.unlink(missing_ok=True)
        raise


def _sqlite_problem(exc: sqlite3.Error, database: Path, scratch_dir: Path) -> DomainError:
    """Say which side failed: the live database (damaged, busy) or the scratch copy (disk full)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name == "SQLITE_FULL":
        return DomainError("backup_disk_full", path=str(scratch_dir), reason=str(exc))
    if name in ("SQLITE_BUSY", "SQLITE_LOCKED") or name.startswith(("SQLITE_BUSY_", "SQLITE_LOCKED_")):
        return DomainError("database_busy", path=str(database))
    if name.startswith("SQLITE_IOERR") and not name.startswith(("SQLITE_IOERR_READ", "SQLITE_IOERR_SHORT_READ")):
        return DomainError("backup_write_failed", path=str(scratch_dir), reason=str(exc))
    return DomainError("backup_source_damaged", detail=str(exc))


def _facts(connection: sqlite3.Connection, settings: Settings) -> dict[str, Any]:
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    facts: dict[str, Any] = {"unit": "", "audit_head": "", "attachments": []}
    if "audit_log" in tables:
        row = connection.execute("SELECT entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        facts["audit_head"] = row[0] if row else ""
    if "attachment" in tables:
        rows = connection.execute("SELECT DISTINCT sha256 FROM attachment ORDER BY sha256").fetchall()
        facts["attachments"] = [row[0] for row in rows]
    if "unit" in tables and settings.own_unit_id:
        query = "SELECT short_name, name_vi FROM unit WHERE id = ?"
        row = connection.execute(query, (settings.own_unit_id,)).fetchone()
        facts["unit"] = (row[0] or row[1]) if row else ""
    return facts


def _describe(
    folder: DataFolder,
    snapshot: Path,
    counts: dict[str, int],
    revision: str | None,
    facts: dict[str, Any],
    created_at: datetime,
    kind: str,
    checker: IntegrityCheck,
) -> Source:
    """Hash what goes in. A stored file that is missing, or no longer matches its hash, is left out
    and named in the manifest, so that one damaged scan never blocks every later backup."""
    files = [(EntryInfo(DATABASE_NAME, snapshot.stat().st_size, sha256_file(snapshot)), snapshot)]
    if folder.settings.is_file():
        info = EntryInfo(SETTINGS_NAME, folder.settings.stat().st_size, sha256_file(folder.settings))
        files.append((info, folder.settings))
    missing = []
    for sha in facts["attachments"]:
        blob = folder.attachments / sha[:2] / sha
        try:
            if len(sha) == 64 and sha256_file(blob) == sha:
                files.append((EntryInfo(attachment_name(sha), blob.stat().st_size, sha), blob))
                continue
        except OSError:
            pass
        missing.append(sha)
    manifest = Manifest(
        created_at=created_at.isoformat(),
        app_version=__version__,
        kind=kind,
        schema_revision=revision,
        machine=platform.node(),
        source_unit=facts["unit"],
        counts=counts,
        entries=[info for info, _path in files],
        missing_attachments=missing,
    )
    settings_hash = next((info.sha256 for info, _path in files if info.name == SETTINGS_NAME), "")
    return Source(snapshot, manifest, files, fingerprint(revision, facts, counts, settings_hash), checker)


def fingerprint(revision: str | None, facts: dict[str, Any], counts: dict[str, int], settings_hash: str) -> str:
    """Equal for equal data: every write appends to the audit chain, so its head moves with it."""
    parts = [revision or "", facts["audit_head"], repr(sorted(counts.items())), ",".join(facts["attachments"])]
    return hashlib.sha256("|".join([*parts, settings_hash]).encode("utf-8")).hexdigest()


def live_fingerprint(folder: DataFolder, database: Path, settings: Settings) -> str:
    """The fingerprint the next backup would carry, read from the live database in one transaction."""
    connection = sqlite3.connect(f"file:{database.as_posix()}?mode=ro", uri=True, timeout=db.BUSY_TIMEOUT_MS / 1000)
    try:
        connection.execute("BEGIN")
        counts, revision, facts = table_counts(connection), schema_revision(connection), _facts(connection, settings)
        connection.execute("COMMIT")
    finally:
        connection.close()
    settings_hash = sha256_file(folder.settings) if folder.settings.is_file() else ""
    return fingerprint(revision, facts, counts, settings_hash)


class IntegrityCheck(threading.Thread):
    """``PRAGMA integrity_check`` on the snapshot, alongside the writing (SQLite releases the GIL)."""

    def __init__(self, snapshot: Path) -> None:
        super().__init__(name="dnqp-integrity-check", daemon=True)
        self._snapshot = snapshot
        self._verdict = "not run"

    def run(self) -> None:
        try:
            connection = sqlite3.connect(f"file:{self._snapshot.as_posix()}?mode=ro", uri=True)
            try:
                self._verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                connection.close()
        except sqlite3.Error as exc:
            self._verdict = str(exc)

    def result(self) -> str:
        self.join()
        return self._verdict
