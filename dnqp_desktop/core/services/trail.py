"""Reading the audit trail: the audit viewer's filters and a record's History tab.

Rows come back as plain objects with their changes decoded and masked for the reader's role
(``redaction.py``), so no screen can show a viewer a passport number by reading the trail.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from dnqp_desktop.core.models import AuditLog, UserAccount
from dnqp_desktop.core.search.index import search_doc
from dnqp_desktop.core.services.base import LOCAL_ZONE, ServiceHost
from dnqp_desktop.core.services.policy import Actor, Permission, require
from dnqp_desktop.core.services.redaction import redact_changes

DEFAULT_LIMIT = 5000


@dataclass(frozen=True)
class TrailEntry:
    seq: int
    at: datetime
    actor_name: str
    action: str
    record_kind: str
    record_id: str
    #: {field: [before, after]}, masked for the reader.
    changes: dict[str, Any]
    #: The record's name or title as it is now ("" when it is gone or has none).
    record_title: str = ""
    #: Names of the records the changes refer to by id (a unit_id, a member's person_id).
    names: dict[str, str] = field(default_factory=dict)


def entries(
    host: ServiceHost,
    reader: Actor,
    *,
    person: str | None = None,
    kind: str | None = None,
    record_id: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = DEFAULT_LIMIT,
) -> list[TrailEntry]:
    """Newest first; ``since``/``until`` are days in Indochina time (UTC+7), both included."""
    require(reader, Permission.READ)
    statement = select(AuditLog)
    if person:
        statement = statement.where(AuditLog.actor_name == person)
    if kind:
        statement = statement.where(AuditLog.record_kind == kind)
    if record_id:
        statement = statement.where(AuditLog.record_id == record_id)
    if since is not None:
        statement = statement.where(AuditLog.at >= datetime.combine(since, time(), LOCAL_ZONE))
    if until is not None:
        statement = statement.where(AuditLog.at < datetime.combine(until + timedelta(days=1), time(), LOCAL_ZONE))
    statement = statement.order_by(AuditLog.seq.desc()).limit(limit)
    with host.read() as session:
        rows = list(session.scalars(statement))
        changes = {row.seq: redact_changes(reader, json.loads(row.changes or "{}")) for row in rows}
        referred = {row.seq: set(_ids_in(changes[row.seq])) for row in rows}
        titles = _titles(session, {row.record_id for row in rows}.union(*referred.values()))
        by_id = {record_id: title for (_kind, record_id), title in titles.items()}
        return [
            TrailEntry(
                row.seq,
                row.at,
                row.actor_name,
                row.action,
                row.record_kind,
                row.record_id,
                changes[row.seq],
                titles.get((row.record_kind, row.record_id), ""),
                {record_id: by_id[record_id] for record_id in referred[row.seq] if record_id in by_id},
            )
            for row in rows
        ]


_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _ids_in(value: Any) -> list[str]:
    """Record ids among the changed values (fields ending in _id, and inside child rows)."""
    if isinstance(value, str):
        return [value] if _ID.fullmatch(value) else []
    if isinstance(value, dict):
        return [found for key, item in value.items() if key != "id" for found in _ids_in(item)]
    if isinstance(value, list):
        return [found for item in value for found in _ids_in(item)]
    return []


def _titles(session: Session, ids: set[str]) -> dict[tuple[str, str], str]:
    """Titles from the search index (live records) and user names, looked up in chunks."""
    titles: dict[tuple[str, str], str] = {}
    wanted = sorted(ids)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        for kind, record_id, title in session.execute(
            select(search_doc.c.kind, search_doc.c.record_id, search_doc.c.title).where(
                search_doc.c.record_id.in_(chunk)
            )
        ):
            titles[(kind, record_id)] = title
        for record_id, username in session.execute(
            select(UserAccount.id, UserAccount.username).where(UserAccount.id.in_(chunk))
        ):
            titles[("user", record_id)] = username
    return titles


def people(host: ServiceHost) -> list[str]:
    """Every name that appears as the author of an audit row, for the viewer's filter."""
    with host.read() as session:
        return sorted(session.scalars(select(AuditLog.actor_name).distinct()))


def kinds(host: ServiceHost) -> list[str]:
    with host.read() as session:
        return sorted(session.scalars(select(AuditLog.record_kind).distinct()))
