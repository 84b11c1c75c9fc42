"""Reading backups: the preview (manifest only) and full verification, shared by ``dnqp verify``,
restore and the writer's read-back.

Full verification proves what a restore relies on: every chunk decrypts and authenticates, the
entries are exactly those the manifest lists with their SHA-256, and the database copy passes
SQLite's ``integrity_check`` with the row counts the manifest recorded. Before reading, the
file's cached pages are dropped where the OS allows it, so a freshly written backup is read from
the drive itself and a stick that only pretends to store data is caught.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from dnqp_desktop.core.backup import keys
from dnqp_desktop.core.backup.format import (
    DATABASE_NAME,
    MANIFEST_NAME,
    PayloadReader,
    Prelude,
    read_prelude,
)
from dnqp_desktop.core.backup.keys import UnlockedKey
from dnqp_desktop.core.backup.manifest import BackupSummary, EntryInfo, Manifest, summarise
from dnqp_desktop.core.backup.progress import Cancelled, Progress, never_cancelled, no_progress
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.i18n import _

#: The password, or a key already unlocked with it (a preview followed by a restore asks once).
Secret = str | UnlockedKey
_MAX_MANIFEST = 64 << 20


def damaged(path: Path, detail: str) -> DomainError:
    return DomainError("backup_damaged", path=str(path), detail=detail)


def drop_cached_pages(fp: BinaryIO) -> None:
    """Ask the OS to forget its cached copy, so the next read comes from the drive (POSIX only)."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is not None:
        try:
            advise(fp.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        except OSError:
            pass


def unlock_backup(prelude: Prelude, secret: Secret) -> tuple[UnlockedKey, bytes]:
    """The installation key (unlocked) and this file's content key; wrong password is its own error."""
    block = prelude.header.get("key")
    try:
        sealed = keys.sealed_key_of(block)
    except ValueError:
        raise damaged(prelude.path, "key") from None
    if isinstance(secret, UnlockedKey):
        if secret.public != sealed.public:
            raise DomainError("backup_wrong_password", path=str(prelude.path))
        unlocked = secret
    else:
        unlocked = keys.unlock(sealed, secret, shown=str(prelude.path))
    try:
        return unlocked, keys.content_key_of(block, unlocked)
    except ValueError:
        raise damaged(prelude.path, "key") from None


def read_manifest(reader: PayloadReader, path: Path) -> Manifest:
    entry = reader.next_entry()
    if entry is None or entry[0] != MANIFEST_NAME or entry[1] > _MAX_MANIFEST:
        raise damaged(path, "contents list")
    try:
        return Manifest.from_bytes(reader.read(entry[1]))
    except ValueError:
        raise damaged(path, "contents list") from None


def preview_backup(path: Path, secret: Secret) -> tuple[BackupSummary, UnlockedKey]:
    """What the backup holds, from its header and manifest only (fast, even on a slow stick)."""
    prelude = read_prelude(path)
    unlocked, content_key = unlock_backup(prelude, secret)
    try:
        with path.open("rb") as fp:
            manifest = read_manifest(PayloadReader(fp, prelude, content_key), path)
    except OSError as exc:
        raise DomainError("backup_unreadable", path=str(path), reason=exc.strerror or str(exc)) from exc
    return summarise(path, manifest, prelude.file_size, keys.sealed_key_of(prelude.header["key"]).key_id), unlocked


def read_entries(
    reader: PayloadReader,
    manifest: Manifest,
    path: Path,
    *,
    sink: Callable[[EntryInfo], BinaryIO | None],
    cancelled: Cancelled,
    cancel_message: str,
) -> None:
    """Read every entry after the manifest, checking names, sizes and hashes; ``sink`` may keep them."""
    for info in manifest.entries:
        if reader.next_entry() != (info.name, info.size):
            raise damaged(path, "contents list")
        digest = hashlib.sha256()
        out = sink(info)
        try:
            for piece in reader.pieces(info.size):
                digest.update(piece)
                if out is not None:
                    out.write(piece)
                if cancelled():
                    raise DomainError(cancel_message)
        finally:
            if out is not None:
                out.close()
        if digest.hexdigest() != info.sha256:
            raise damaged(path, info.name)
    if reader.next_entry() is not None:
        raise damaged(path, "contents list")
    reader.finish()


class _Extracted:
    """A file being extracted; a failure to write it is this machine's problem, not the backup's."""

    def __init__(self, path: Path) -> None:
        self._path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._fp = path.open("wb")
        except OSError as exc:
            raise self._problem(exc) from exc

    def _problem(self, exc: OSError) -> DomainError:
        return DomainError("restore_failed", reason=f"{self._path}: {exc.strerror or exc}")

    def write(self, data: bytes | memoryview) -> None:
        try:
            self._fp.write(data)
        except OSError as exc:
            raise self._problem(exc) from exc

    def close(self) -> None:
        try:
            self._fp.close()
        except OSError as exc:
            raise self._problem(exc) from exc


@dataclass(frozen=True)
class DatabaseFacts:
    integrity: str
    counts: dict[str, int]
    revision: str | None


def database_facts(path: Path) -> DatabaseFacts:
    """``integrity_check``, rows per table and schema revision of a database file at rest."""
    connection = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        return DatabaseFacts(integrity, table_counts(connection), schema_revision(connection))
    finally:
        connection.close()


def table_counts(connection: sqlite3.Connection) -> dict[str, int]:
    names = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    return {name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def schema_revision(connection: sqlite3.Connection) -> str | None:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None
    return None if row is None else str(row[0])


def verify_backup(
    path: Path,
    secret: Secret,
    *,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
    stage: Path | None = None,
    cancel_message: str = "restore_cancelled",
) -> tuple[BackupSummary, UnlockedKey]:
    """Check everything; with ``stage``, also leave the verified contents there for a restore."""
    prelude = read_prelude(path)
    unlocked, content_key = unlock_backup(prelude, secret)
    total = prelude.file_size
    done = [prelude.body_offset]
    message = _("Checking the backup…")

    def on_chunk(size: int) -> None:
        done[0] += size
        progress(done[0], total, message)

    with ExitStack() as stack:
        folder = stage or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="dnqp-verify-")))

        def sink(info: EntryInfo) -> BinaryIO | None:
            if stage is None and info.name != DATABASE_NAME:
                return None
            return _Extracted(folder / info.name)  # type: ignore[return-value]

        try:
            with path.open("rb") as fp:
                drop_cached_pages(fp)
                reader = PayloadReader(fp, prelude, content_key, on_chunk)
                manifest = read_manifest(reader, path)
                read_entries(reader, manifest, path, sink=sink, cancelled=cancelled, cancel_message=cancel_message)
        except OSError as exc:
            raise DomainError("backup_unreadable", path=str(path), reason=exc.strerror or str(exc)) from exc
        progress(total, total, _("Checking the database in the backup…"))
        try:
            facts = database_facts(folder / DATABASE_NAME)
        except sqlite3.DatabaseError as exc:
            raise damaged(path, f"database: {exc}") from exc
    if facts.integrity != "ok":
        raise damaged(path, f"database: {facts.integrity}")
    if facts.counts != manifest.counts:
        raise damaged(path, "record counts differ from the contents list")
    if facts.revision != manifest.schema_revision:
        raise damaged(path, "schema revision differs from the contents list")
    key_id = keys.sealed_key_of(prelude.header["key"]).key_id
    return summarise(path, manifest, prelude.file_size, key_id), unlocked
