"""Writing a backup so that a failure at any moment leaves every earlier backup as it was.

The order is what makes it safe:

1. a consistent snapshot of the live database with SQLite's backup API (never a copy of the live
   file, which may be mid-transaction), into a hidden scratch file in the data folder; its row
   counts, schema revision and the hashes of the stored files it refers to go into the manifest;
2. free space is checked on the target before anything is written there;
3. the backup is written to a hidden ``.partial`` name, flushed and fsynced, while SQLite's
   ``integrity_check`` runs on the snapshot in a second thread (a damaged database is not backed up);
4. the file is read back from the drive (its cached pages dropped first) and every chunk
   decrypted and every entry hashed against the manifest. The database bytes read back are thus
   proven identical to the snapshot that passed ``integrity_check`` and gave the counts;
5. only then is it renamed to its final name (and the directory synced), and only after that may
   rotation delete older backups.

Any error removes the partial file and the scratch snapshot and raises a DomainError that says
what happened; earlier backups are never touched before step 5.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dnqp_desktop import __version__
from dnqp_desktop.core import db
from dnqp_desktop.core.backup import keys, rotation
from dnqp_desktop.core.backup.format import (
    CHUNK_SIZE,
    CIPHER,
    MANIFEST_NAME,
    ChunkWriter,
    PayloadReader,
    body_size,
    encode_prelude,
    end_overhead,
    entry_overhead,
    read_prelude,
)
from dnqp_desktop.core.backup.manifest import Manifest, format_size
from dnqp_desktop.core.backup.progress import Cancelled, Progress, never_cancelled, no_progress
from dnqp_desktop.core.backup.reader import drop_cached_pages, read_entries, read_manifest
from dnqp_desktop.core.backup.snapshot import Source, check_space, os_problem, take_snapshot
from dnqp_desktop.core.config import DataFolder, Settings
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.fileio import fsync_directory
from dnqp_desktop.core.i18n import _, format_number

log = logging.getLogger(__name__)
_READ = 1 << 20


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    created_at: datetime
    kind: str
    seconds: float
    deleted: list[Path] = field(default_factory=list)
    missing_attachments: list[str] = field(default_factory=list)


def result_lines(result: BackupResult) -> list[str]:
    """The outcome in translated sentences, as the CLI prints and the backup window shows it."""
    lines = [_("Backup written and verified: {path} ({size})").format(path=result.path, size=format_size(result.size))]
    if result.deleted:
        lines.append(_("Older backups removed by rotation: {count}").format(count=format_number(len(result.deleted))))
    if result.missing_attachments:
        text = _("{count} stored files were missing or damaged and are not in the backup; run “dnqp check”.")
        lines.append(text.format(count=format_number(len(result.missing_attachments))))
    return lines


def database_file(folder: DataFolder) -> Path:
    path = db.sqlite_path(folder.database_url())
    if path is None:
        raise DomainError("backup_sqlite_only", path=folder.database_url())
    return path


def write_backup(
    folder: DataFolder,
    target_dir: Path,
    *,
    settings: Settings,
    kind: str = "manual",
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
    rotate: bool = True,
) -> BackupResult:
    """Write, verify and (with ``rotate``) rotate one backup of ``folder`` into ``target_dir``."""
    started = time.monotonic()
    sealed = keys.load_key(folder.root)
    if sealed is None:
        raise DomainError("backup_password_not_set")
    database = database_file(folder)
    created_at = datetime.now(UTC)
    scratch_dir = folder.backups
    for directory in (scratch_dir, target_dir):
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise os_problem(exc, directory) from exc
        rotation.remove_stale_partials(directory)
    progress(0, 0, _("Copying the database…"))
    source = take_snapshot(folder, database, scratch_dir, settings, created_at, kind)
    try:
        if cancelled():
            raise DomainError("backup_cancelled")
        return _write_verified(
            source, sealed, target_dir, settings, created_at, kind, progress, cancelled, rotate, started
        )
    finally:
        source.checker.join()  # it reads the snapshot we are about to delete
        source.snapshot.unlink(missing_ok=True)


def _write_verified(
    source: Source,
    sealed: keys.SealedKey,
    target_dir: Path,
    settings: Settings,
    created_at: datetime,
    kind: str,
    progress: Progress,
    cancelled: Cancelled,
    rotate: bool,
    started: float,
) -> BackupResult:
    content_key, key_block = keys.new_content_key(sealed)
    manifest_bytes = source.manifest.to_bytes()
    payload_size = (
        entry_overhead(MANIFEST_NAME)
        + len(manifest_bytes)
        + sum(entry_overhead(info.name) + info.size for info, _path in source.files)
        + end_overhead()
    )
    header: dict[str, Any] = {
        "created_at": source.manifest.created_at,
        "app_version": __version__,
        "kind": kind,
        "backup_id": uuid.uuid4().hex,
        "fingerprint": source.fingerprint,
        "cipher": CIPHER,
        "chunk_size": CHUNK_SIZE,
        "payload_size": payload_size,
        "key": key_block,
    }
    prelude, checksum = encode_prelude(header)
    file_size = len(prelude) + body_size(payload_size, CHUNK_SIZE)
    check_space(target_dir, file_size)
    final = _free_name(target_dir, created_at, kind, sealed.key_id[:8])
    partial = target_dir / rotation.partial_name(final.name)
    total, done = 2 * payload_size, 0
    try:
        try:
            with partial.open("xb") as out:
                out.write(prelude)
                writer = ChunkWriter(out, content_key, checksum)
                writer.entry(MANIFEST_NAME, len(manifest_bytes))
                writer.write(manifest_bytes)
                message = _("Writing the backup…")
                for info, path in source.files:
                    writer.entry(info.name, info.size)
                    with path.open("rb") as src:
                        while piece := src.read(_READ):
                            writer.write(piece)
                            done += len(piece)
                            progress(done, total, message)
                            if cancelled():
                                raise DomainError("backup_cancelled")
                writer.end()
                writer.finish()
                if writer.written != payload_size:
                    raise DomainError("backup_write_failed", path=str(target_dir), reason="a file changed while copied")
                out.flush()
                os.fsync(out.fileno())
        except OSError as exc:
            raise os_problem(exc, target_dir) from exc
        verdict = source.checker.result()
        if verdict != "ok":
            raise DomainError("backup_source_damaged", detail=verdict)
        _read_back(partial, manifest_bytes, content_key, source.manifest, payload_size, progress, cancelled)
        try:
            os.replace(partial, final)
            fsync_directory(target_dir)
        except OSError as exc:
            raise os_problem(exc, target_dir) from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    log.info("backup written and verified: %s (%d bytes)", final, file_size)
    deleted: list[Path] = []
    if rotate:
        deleted = rotation.rotate(target_dir, rotation.KeepPolicy.from_settings(settings), newest=final)
    return BackupResult(
        path=final,
        size=file_size,
        created_at=created_at,
        kind=kind,
        seconds=time.monotonic() - started,
        deleted=deleted,
        missing_attachments=list(source.manifest.missing_attachments),
    )


def _read_back(
    partial: Path,
    manifest_bytes: bytes,
    content_key: bytes,
    manifest: Manifest,
    payload_size: int,
    progress: Progress,
    cancelled: Cancelled,
) -> None:
    """Read the partial file back from the drive and check all of it; any doubt deletes it."""
    message = _("Reading the backup back to check it…")
    done = [payload_size]

    def on_chunk(size: int) -> None:
        done[0] = min(done[0] + size, 2 * payload_size)
        progress(done[0], 2 * payload_size, message)

    try:
        prelude = read_prelude(partial)
        with partial.open("rb") as fp:
            drop_cached_pages(fp)
            reader = PayloadReader(fp, prelude, content_key, on_chunk)
            if read_manifest(reader, partial).to_bytes() != manifest_bytes:
                raise DomainError("backup_damaged", path=str(partial), detail="contents list")
            read_entries(
                reader,
                manifest,
                partial,
                sink=lambda info: None,
                cancelled=cancelled,
                cancel_message="backup_cancelled",
            )
    except DomainError as exc:
        if exc.message_id == "backup_cancelled":
            raise
        detail = str(exc.params.get("detail") or exc.params.get("reason") or exc.message_id)
        raise DomainError("backup_verify_failed", path=str(partial.parent), detail=detail) from exc
    except OSError as exc:
        raise DomainError("backup_verify_failed", path=str(partial.parent), detail=exc.strerror or str(exc)) from exc


def _free_name(directory: Path, created_at: datetime, kind: str, installation: str) -> Path:
    for serial in range(1000):
        candidate = directory / rotation.backup_name(created_at, kind, installation, serial)
        if not candidate.exists() and not (directory / rotation.partial_name(candidate.name)).exists():
            return candidate
    raise DomainError("backup_write_failed", path=str(directory), reason="no free file name")
