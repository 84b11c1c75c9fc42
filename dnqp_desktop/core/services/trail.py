"""Reading the audit trail: the audit viewer's filters and a record's History tab.

Rows come back as plain objects with their changes decoded and masked for the reader's role
(``redaction.py``), so no screen can show a viewer a passport number by reading the trail.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select

from dnqp_desktop.core.models import AuditLog
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
        return [
            TrailEntry(
                row.seq,
                row.at,
                row.actor_name,
                row.action,
                row.record_kind,
                row.record_id,
                redact_changes(reader, json.loads(row.changes or "{}")),
            )
            for row in rows
        ]


def people(host: ServiceHost) -> list[str]:
    """Every name that appears as the author of an audit row, for the viewer's filter."""
    with host.read() as session:
        return sorted(session.scalars(select(AuditLog.actor_name).distinct()))


def kinds(host: ServiceHost) -> list[str]:
    with host.read() as session:
        return sorted(session.scalars(select(AuditLog.record_kind).distinct()))
