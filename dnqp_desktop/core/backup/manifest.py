"""The manifest: what a backup holds, written first so that a preview needs only its first chunk.

It is also the checklist for verification: every later entry must appear in it, in order, with
the size and SHA-256 written here, and the database's row counts must equal ``counts``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from dnqp_desktop.core import db
from dnqp_desktop.core.backup.format import is_safe_entry_name
from dnqp_desktop.core.i18n import N_, _, format_datetime, format_number
from dnqp_desktop.core.messages import LIST_TITLES

#: Tables shown in a preview, with their labels (the rest are parts of these records).
PREVIEW_TABLES: tuple[tuple[str, str], ...] = (
    *LIST_TITLES.items(),
    ("attachment", N_("Attachments")),
    ("user_account", N_("User accounts")),
    ("audit_log", N_("Audit entries")),
)


@dataclass(frozen=True)
class EntryInfo:
    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    created_at: str
    app_version: str
    kind: str
    schema_revision: str | None
    machine: str
    source_unit: str
    counts: dict[str, int]
    entries: list[EntryInfo]
    #: Stored files the records refer to that were missing or damaged when the backup was written.
    missing_attachments: list[str] = field(default_factory=list)

    def to_bytes(self) -> bytes:
        data = {
            "format": 1,
            "created_at": self.created_at,
            "app_version": self.app_version,
            "kind": self.kind,
            "schema_revision": self.schema_revision,
            "machine": self.machine,
            "source_unit": self.source_unit,
            "counts": self.counts,
            "entries": [{"name": e.name, "size": e.size, "sha256": e.sha256} for e in self.entries],
            "missing_attachments": self.missing_attachments,
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes) -> Manifest:
        """Raises ValueError unless ``raw`` is a well-formed manifest with safe entry names."""
        try:
            data = json.loads(raw.decode("utf-8"))
            entries = [EntryInfo(str(e["name"]), int(e["size"]), str(e["sha256"])) for e in data["entries"]]
            manifest = cls(
                created_at=str(data["created_at"]),
                app_version=str(data["app_version"]),
                kind=str(data["kind"]),
                schema_revision=None if data["schema_revision"] is None else str(data["schema_revision"]),
                machine=str(data["machine"]),
                source_unit=str(data["source_unit"]),
                counts={str(k): int(v) for k, v in data["counts"].items()},
                entries=entries,
                missing_attachments=[str(x) for x in data.get("missing_attachments", [])],
            )
            datetime.fromisoformat(manifest.created_at)
        except (UnicodeDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"malformed manifest: {exc}") from exc
        names = [e.name for e in entries]
        if not all(is_safe_entry_name(name) for name in names) or len(set(names)) != len(names):
            raise ValueError("unexpected entry names")
        if not names or names[0] != "dnqp.sqlite3":
            raise ValueError("no database entry")
        return manifest


@dataclass(frozen=True)
class BackupSummary:
    """What a preview shows before anything is replaced."""

    path: Path
    created_at: datetime
    kind: str
    app_version: str
    schema_revision: str | None
    machine: str
    source_unit: str
    counts: dict[str, int]
    attachments: int
    attachment_bytes: int
    database_bytes: int
    file_size: int
    key_id: str
    missing_attachments: list[str]

    @property
    def schema_state(self) -> str:
        """Compared with this app: current, older (upgraded on restore) or newer (refused)."""
        if self.schema_revision == db.head_revision():
            return "current"
        if self.schema_revision is None or self.schema_revision in db.known_revisions():
            return "older"
        return "newer"

    def record_counts(self) -> list[tuple[str, str, int]]:
        """(table, label msgid, rows) for the tables a user knows, in display order."""
        return [(table, label, self.counts.get(table, 0)) for table, label in PREVIEW_TABLES]

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "created_at": self.created_at.isoformat(),
            "kind": self.kind,
            "app_version": self.app_version,
            "schema_revision": self.schema_revision,
            "schema_state": self.schema_state,
            "machine": self.machine,
            "source_unit": self.source_unit,
            "counts": self.counts,
            "attachments": self.attachments,
            "attachment_bytes": self.attachment_bytes,
            "database_bytes": self.database_bytes,
            "file_size": self.file_size,
            "key_id": self.key_id,
            "missing_attachments": self.missing_attachments,
        }


def summarise(path: Path, manifest: Manifest, file_size: int, key_id: str) -> BackupSummary:
    attachments = [e for e in manifest.entries if e.name.startswith("attachments/")]
    database = next(e for e in manifest.entries if e.name == "dnqp.sqlite3")
    return BackupSummary(
        path=path,
        created_at=datetime.fromisoformat(manifest.created_at),
        kind=manifest.kind,
        app_version=manifest.app_version,
        schema_revision=manifest.schema_revision,
        machine=manifest.machine,
        source_unit=manifest.source_unit,
        counts=dict(manifest.counts),
        attachments=len(attachments),
        attachment_bytes=sum(e.size for e in attachments),
        database_bytes=database.size,
        file_size=file_size,
        key_id=key_id,
        missing_attachments=list(manifest.missing_attachments),
    )


def summary_lines(summary: BackupSummary) -> list[str]:
    """The preview as translated lines of text (the CLI prints them; the restore window shows them)."""
    states = {
        "current": _("same as this version"),
        "older": _("older: it will be upgraded after restoring"),
        "newer": _("newer than this version: it cannot be restored here"),
    }
    lines = [
        _("Backup made {moment} on {machine}").format(
            moment=format_datetime(summary.created_at.astimezone()), machine=summary.machine or "-"
        ),
        _("Unit: {unit}").format(unit=summary.source_unit or "-"),
        _("Written by DNQP Desktop {version}; schema {revision} ({state})").format(
            version=summary.app_version, revision=summary.schema_revision or "-", state=states[summary.schema_state]
        ),
    ]
    for _table, label, count in summary.record_counts():
        lines.append(f"{_(label)}: {format_number(count)}")
    lines.append(
        _("Stored files: {count} ({size})").format(
            count=format_number(summary.attachments), size=format_size(summary.attachment_bytes)
        )
    )
    if summary.missing_attachments:
        lines.append(
            _("{count} stored files were missing or damaged when this backup was made.").format(
                count=format_number(len(summary.missing_attachments))
            )
        )
    return lines


def format_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB"):
        if value < 1024:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"
