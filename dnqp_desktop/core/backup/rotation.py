"""Backup file names, listing, and rotation: keep recent, daily, weekly and monthly copies.

Rotation is where backup tools lose data: they delete old copies before the new one is proven
good, or their rules leave nothing when the newest copies are bad. Here:

- only files under a final name are backups; a final name is given only after the file was read
  back and verified, so a half-written file (``.<name>.partial``) is never listed, kept or counted;
- ``rotate`` runs only after a new backup has been verified and renamed, and is given that file:
  if it is not there, nothing is deleted;
- the newest backup is always kept, whatever the settings say (counts of 0 included);
- copies made before a restore (kind ``pre-restore``) are never rotated away: they are the way
  back from restoring the wrong file, and restores are rare;
- names carry the installation key's id, and rotation only ever touches backups of the
  installation that just wrote one: two workstations sharing a USB stick never thin out each
  other's backups.

The periods follow the usual "keep the newest backup of each of the last N days / ISO weeks /
months that have one" rule, in the machine's local time.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from dnqp_desktop.core.backup.format import SUFFIX
from dnqp_desktop.core.config import Settings
from dnqp_desktop.core.fileio import fsync_directory

log = logging.getLogger(__name__)

KINDS = ("manual", "auto", "pre-restore")
NEVER_ROTATED = frozenset({"pre-restore"})
_NAME = re.compile(
    r"^dnqp-(\d{8}T\d{6}\.\d{6})Z-(manual|auto|pre-restore)-([0-9a-f]{8})(?:-(\d{1,4}))?" + re.escape(SUFFIX) + "$"
)
#: A partial file this old belongs to a writer that died; a live one is never anywhere near it.
STALE_AFTER_SECONDS = 6 * 3600


@dataclass(frozen=True)
class BackupFile:
    path: Path
    created_at: datetime
    kind: str
    #: Which installation wrote it (the start of its key id).
    installation: str


@dataclass(frozen=True)
class KeepPolicy:
    recent: int = 5
    daily: int = 7
    weekly: int = 4
    monthly: int = 12

    @classmethod
    def from_settings(cls, settings: Settings) -> KeepPolicy:
        return cls(
            recent=settings.backup_keep_recent,
            daily=settings.backup_keep_daily,
            weekly=settings.backup_keep_weekly,
            monthly=settings.backup_keep_monthly,
        )


def backup_name(created_at: datetime, kind: str, installation: str, serial: int = 0) -> str:
    """``dnqp-<UTC time>Z-<kind>-<installation>[-<serial>].dnqpbak``: sorted by name is sorted by time."""
    if kind not in KINDS or not re.fullmatch(r"[0-9a-f]{8}", installation):
        raise ValueError(f"bad backup kind {kind!r} or installation {installation!r}")
    stamp = created_at.astimezone(UTC).strftime("%Y%m%dT%H%M%S.%f")
    return f"dnqp-{stamp}Z-{kind}-{installation}{f'-{serial}' if serial else ''}{SUFFIX}"


def partial_name(final_name: str) -> str:
    """Where a backup is written before it is verified: hidden, and never matching ``_NAME``."""
    return f".{final_name}.partial"


def parse_name(name: str) -> tuple[datetime, str, str] | None:
    """(created at, kind, installation) of a backup's file name; None for any other name."""
    match = _NAME.match(name)
    if match is None:
        return None
    created = datetime.strptime(match[1], "%Y%m%dT%H%M%S.%f").replace(tzinfo=UTC)
    return created, match[2], match[3]


def list_backups(directory: Path) -> list[BackupFile]:
    """The verified backups in ``directory``, newest first (by the time in their names)."""
    try:
        entries = list(directory.iterdir())
    except OSError:
        return []
    found = []
    for path in entries:
        parsed = parse_name(path.name)
        if parsed is not None and path.is_file():
            found.append(BackupFile(path, *parsed))
    found.sort(key=lambda backup: (backup.created_at, backup.path.name), reverse=True)
    return found


def plan_rotation(
    backups: list[BackupFile], policy: KeepPolicy, *, newest: Path, zone: tzinfo | None = None
) -> list[BackupFile]:
    """Which backups to delete; empty unless ``newest`` (the file just verified) is among them."""
    written = next((backup for backup in backups if backup.path == newest), None)
    if written is None:
        return []
    ours = [backup for backup in backups if backup.installation == written.installation]
    ordered = sorted(ours, key=lambda backup: (backup.created_at, backup.path.name), reverse=True)
    candidates = [backup for backup in ordered if backup.kind not in NEVER_ROTATED]
    keep: set[Path] = {newest, ordered[0].path}
    keep.update(backup.path for backup in candidates[: max(policy.recent, 0)])
    buckets = (
        (policy.daily, lambda moment: moment.date()),
        (policy.weekly, lambda moment: moment.isocalendar()[:2]),
        (policy.monthly, lambda moment: (moment.year, moment.month)),
    )
    for count, period_of in buckets:
        seen: set[object] = set()
        for backup in candidates:
            if len(seen) >= count:
                break
            period = period_of(backup.created_at.astimezone(zone))
            if period not in seen:
                seen.add(period)
                keep.add(backup.path)
    return [backup for backup in candidates if backup.path not in keep]


def rotate(directory: Path, policy: KeepPolicy, *, newest: Path, zone: tzinfo | None = None) -> list[Path]:
    """Delete what the policy lets go, after ``newest`` was verified; returns what was deleted.

    A file that cannot be deleted stays (logged): keeping too much is never a loss.
    """
    deleted = []
    for backup in plan_rotation(list_backups(directory), policy, newest=newest, zone=zone):
        try:
            backup.path.unlink()
            deleted.append(backup.path)
        except FileNotFoundError:
            pass  # another program rotated the same folder at the same time
        except OSError:
            log.warning("could not delete old backup %s", backup.path, exc_info=True)
    if deleted:
        try:
            fsync_directory(directory)
        except OSError:
            pass
    return deleted


def remove_stale_partials(directory: Path, *, now: float | None = None) -> None:
    """Remove unfinished files left by a writer that was killed or lost power."""
    limit = (time.time() if now is None else now) - STALE_AFTER_SECONDS
    try:
        entries = list(directory.iterdir())
    except OSError:
        return
    for path in entries:
        name = path.name
        if name.startswith(".dnqp-") and parse_name(name) is None:  # our scratch files (and their journals)
            try:
                if path.stat().st_mtime < limit:
                    path.unlink()
            except OSError:
                pass
