"""Creating many records of one kind at once, with the same rules, audit and index as ``create``.

An import of 10 000 people must not take minutes: ``RecordService.create`` flushes, queries the
audit chain's last entry and indexes each record on its own, which is right for a form and far too
slow for a workbook. Here the rows are cleaned by the very same field rules and checked by the
service's ``check_many`` (which prefetches what ``check`` would query row by row), then written
with one multi-row INSERT per table, one audit entry per record chained in memory, and one bulk
index write. Call it inside ``Library.batch()`` so that the whole lot commits or nothing does.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from dnqp_desktop.core import search
from dnqp_desktop.core.bulk_insert import insert_rows
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.models.base import utcnow
from dnqp_desktop.core.services.audit import append_audit_many
from dnqp_desktop.core.services.base import Change, Draft, RecordService, _plain
from dnqp_desktop.core.services.policy import Actor, require
from dnqp_desktop.core.services.rules import PRELOADED_KEY, Reference


@dataclass
class Validated:
    """Drafts of the rows that passed, and every problem of those that did not, by row index."""

    drafts: dict[int, Draft] = field(default_factory=dict)
    errors: dict[int, list[DomainError]] = field(default_factory=dict)


def validate_new(service: RecordService[Any], session: Session, rows: Sequence[Mapping[str, Any]]) -> Validated:
    """Clean and check each row as ``create`` would, without writing anything."""
    result = Validated()
    # Linked records loaded once and held here, so each row's Reference rule finds them in the
    # session's identity map instead of querying the database row by row.
    held = _preload_references(service, session, rows)
    session.info[PRELOADED_KEY] = {(type(record), record.id): record for record in held}
    try:
        for index, data in enumerate(rows):
            try:
                result.drafts[index] = service._clean(session, data, existing=None)
            except DomainError as error:
                result.errors[index] = list(error.errors)
        for index, error in service.check_many(session, result.drafts):
            result.errors.setdefault(index, []).append(error)
    finally:
        session.info.pop(PRELOADED_KEY, None)
    for index in result.errors:
        result.drafts.pop(index, None)
    return result


def _preload_references(service: RecordService[Any], session: Session, rows: Sequence[Mapping[str, Any]]) -> list[Any]:
    wanted: dict[Any, set[str]] = {}

    def references(rules: Mapping[str, Any]) -> list[tuple[str, Any]]:
        return [(name, rule.model) for name, rule in rules.items() if isinstance(rule, Reference)]

    own = references(service.fields)
    owned = [(name, references(spec.fields)) for name, spec in service.children.items()]
    owned = [(name, refs) for name, refs in owned if refs]
    for data in rows:
        for name, model in own:
            value = data.get(name)
            if isinstance(value, str):
                wanted.setdefault(model, set()).add(value)
        for collection, refs in owned:
            for child in data.get(collection) or ():
                for name, model in refs:
                    value = child.get(name)
                    if isinstance(value, str):
                        wanted.setdefault(model, set()).add(value)
    held: list[Any] = []
    for model, ids in wanted.items():
        ordered = sorted(ids)
        for start in range(0, len(ordered), 500):
            held.extend(session.scalars(select(model).where(model.id.in_(ordered[start : start + 500]))))
    return held


def insert_new(service: RecordService[Any], session: Session, drafts: Sequence[Draft], *, actor: Actor) -> list[str]:
    """Write validated drafts; returns the new ids in the order given. Announces the creations."""
    require(actor, service.permission("create"))
    model = service.model
    now = utcnow()
    roots: list[dict[str, Any]] = []
    children: dict[str, list[dict[str, Any]]] = {name: [] for name in service.children}
    shadows: list[SimpleNamespace] = []
    audits: list[tuple[str, dict[str, Any]]] = []
    child_count = sum(len(rows) for draft in drafts for rows in draft.children.values())
    ids = iter(_new_ids(len(drafts) + child_count))
    collections = [
        (name, spec.position_field, _foreign_key(model, name), tuple(spec.fields), children[name])
        for name, spec in service.children.items()
    ]
    fields = tuple(service.fields)
    for draft in drafts:
        record_id = next(ids)
        values = draft.values
        roots.append({"id": record_id, "created_at": now, "updated_at": now, "deleted_at": None, **values})
        shadow = SimpleNamespace(id=record_id, **values)
        snapshot = {name: _as_audited(values[name]) for name in fields}  # a few fields: the plain call
        for name, position_field, foreign_key, child_fields, written in collections:
            rows = []
            audited = []
            for position, given in enumerate(draft.children.get(name, ())):
                row = {key: given[key] for key in child_fields}
                child_id = next(ids)
                audited.append(
                    {"id": child_id}
                    | {key: value if value.__class__ in _AS_IS else _as_audited(value) for key, value in row.items()}
                )
                if position_field:
                    row[position_field] = position
                row["id"], row["created_at"], row["updated_at"], row[foreign_key] = child_id, now, now, record_id
                rows.append(row)
            written.extend(rows)
            setattr(shadow, name, [SimpleNamespace(**row) for row in rows])
            snapshot[name] = audited
        shadows.append(shadow)
        audits.append((record_id, snapshot))
    insert_rows(session, model.__table__, roots)
    for name, rows in children.items():
        insert_rows(session, service.children[name].model.__table__, rows)
    searchable = search.providers().get(service.kind)
    if searchable is not None:
        texts = ((service.kind, shadow.id, searchable.search_texts(session, shadow)) for shadow in shadows)
        search.add_documents(session, [entry for entry in texts if entry[2] is not None])
    append_audit_many(session, actor, "create", service.kind, audits)
    service._host.announce([Change(service.kind, record_id, "created") for record_id, _snapshot in audits])
    return [record_id for record_id, _snapshot in audits]


_AS_IS = (str, int, float, bool, type(None))


def _as_audited(value: Any) -> Any:
    """The audit's spelling of a value (services/base.py ``_plain``); most values are already plain."""
    kind = value.__class__
    if kind in _AS_IS:
        return value
    return value.isoformat() if kind is date else _plain(value)


def _new_ids(count: int) -> list[str]:
    """``count`` random (version 4) UUIDs as ``new_id`` spells them, from one read of the OS's random source."""
    pool = bytearray(os.urandom(16 * count))
    ids = []
    for start in range(0, 16 * count, 16):
        pool[start + 6] = pool[start + 6] & 0x0F | 0x40
        pool[start + 8] = pool[start + 8] & 0x3F | 0x80
        h = pool[start : start + 16].hex()
        ids.append(f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}")
    return ids


def _foreign_key(model: Any, collection: str) -> str:
    relationship = model.__mapper__.relationships[collection]
    return next(iter(relationship.remote_side)).name
