"""The audit trail: one row per write, in the write's own transaction, chained by hash.

Each row's hash covers its content and the previous row's hash, so that editing, deleting or
reordering rows with plain SQL breaks the chain at the first row touched; ``verify_chain`` names it.
Deleting rows from the *end* leaves a valid shorter chain, so the number and hash of the last row
are also kept in ``audit_anchor``, written in the same transaction: a chain that stops short of its
anchor (or an anchor that does not match its row) is reported too.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from dnqp_desktop.core.bulk_insert import insert_rows
from dnqp_desktop.core.models.accounts import AuditAnchor, AuditLog
from dnqp_desktop.core.models.base import new_id, utcnow
from dnqp_desktop.core.services.policy import Actor

GENESIS_HASH = "0" * 64


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot audit a {type(value).__name__}")


#: What ``json.dumps`` with these arguments builds on every call; made once, it keeps no state.
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_json_default)


def canonical_json(value: Any) -> str:
    return _CANONICAL.encode(value)


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """{field: [before, after]} for every field that changed; blanks of a new record are left out."""
    changes: dict[str, list[Any]] = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old == new or (name not in before and new in (None, "", [])):
            continue
        changes[name] = [old, new]
    return changes


def entry_hash(entry: AuditLog) -> str:
    content = [
        entry.seq,
        entry.id,
        entry.at.isoformat(),
        entry.actor_id,
        entry.actor_name,
        entry.action,
        entry.record_kind,
        entry.record_id,
        entry.changes,
        entry.prev_hash,
    ]
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


def append_audit(
    session: Session,
    actor: Actor,
    action: str,
    record_kind: str,
    record_id: str,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
) -> AuditLog:
    last = session.scalars(select(AuditLog).order_by(AuditLog.seq.desc()).limit(1)).first()
    entry = AuditLog(
        id=new_id(),
        seq=(last.seq + 1) if last else 1,
        at=utcnow(),
        actor_id=actor.user_id,
        actor_name=actor.username,
        action=action,
        record_kind=record_kind,
        record_id=record_id,
        changes=canonical_json(diff(before, after)),
        prev_hash=last.entry_hash if last else GENESIS_HASH,
        entry_hash="",
    )
    entry.entry_hash = entry_hash(entry)
    session.add(entry)
    _move_anchor(session, entry.seq, entry.entry_hash)
    session.flush()
    return entry


def _move_anchor(session: Session, last_seq: int, last_hash: str) -> None:
    """The chain's end, kept apart from it in the same transaction: rows cut from the end show."""
    anchor = session.get(AuditAnchor, 1)
    if anchor is None:
        anchor = AuditAnchor(id=1)
        session.add(anchor)
    anchor.last_seq, anchor.last_hash = last_seq, last_hash


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    entry_id: str
    reason: str  # "gap", "hash", "link", "truncated", "anchor"
    #: For "truncated": the number of the last row the anchor says was written.
    last_seq: int = 0


def verify_chain(session: Session) -> ChainBreak | None:
    """The first row where the chain no longer holds, or None when it is intact."""
    expected_seq, previous, last_id = 1, GENESIS_HASH, "-"
    for entry in _entries(session):
        if entry.seq != expected_seq:
            return ChainBreak(expected_seq, entry.id, "gap")
        if entry.prev_hash != previous:
            return ChainBreak(entry.seq, entry.id, "link")
        if entry_hash(entry) != entry.entry_hash:
            return ChainBreak(entry.seq, entry.id, "hash")
        expected_seq, previous, last_id = entry.seq + 1, entry.entry_hash, entry.id
    return _check_anchor(session, expected_seq - 1, previous, last_id)


def _check_anchor(session: Session, last_seq: int, last_hash: str, last_id: str) -> ChainBreak | None:
    """The chain must end where the anchor says; rows cut from the end are named by number."""
    anchor = session.get(AuditAnchor, 1)
    anchor_seq, anchor_hash = (anchor.last_seq, anchor.last_hash) if anchor else (0, GENESIS_HASH)
    if anchor_seq > last_seq:
        return ChainBreak(last_seq + 1, "-", "truncated", last_seq=anchor_seq)
    if anchor_seq < last_seq or anchor_hash != last_hash:
        # Rows added after the anchor by hand, or the anchor itself edited: the last row is suspect.
        return ChainBreak(last_seq, last_id, "anchor", last_seq=anchor_seq)
    return None


def _entries(session: Session) -> Iterator[AuditLog]:
    yield from session.scalars(select(AuditLog).order_by(AuditLog.seq).execution_options(yield_per=1000))


def history(session: Session, record_kind: str, record_id: str) -> list[AuditLog]:
    statement = select(AuditLog).where(AuditLog.record_kind == record_kind, AuditLog.record_id == record_id)
    return list(session.scalars(statement.order_by(AuditLog.seq)))


def count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(AuditLog)) or 0)


_BLANK = (None, "", [])


def append_audit_many(
    session: Session, actor: Actor, action: str, record_kind: str, entries: list[tuple[str, Mapping[str, Any]]]
) -> None:
    """One entry per (record id, after) of a bulk creation, chained in memory and inserted at once."""
    if not entries:
        return
    last = session.scalars(select(AuditLog).order_by(AuditLog.seq.desc()).limit(1)).first()
    seq, previous = (last.seq, last.entry_hash) if last else (0, GENESIS_HASH)
    at = utcnow()
    hash_entry = _run_hasher(at, actor, action, record_kind)
    rows = []
    for record_id, after in entries:
        seq += 1
        entry_id = new_id()
        # diff({}, after), without comparing each field with a "before" that is empty
        changes = canonical_json({name: [None, value] for name, value in after.items() if value not in _BLANK})
        row = {
            "id": entry_id,
            "seq": seq,
            "at": at,
            "actor_id": actor.user_id,
            "actor_name": actor.username,
            "action": action,
            "record_kind": record_kind,
            "record_id": record_id,
            "changes": changes,
            "prev_hash": previous,
        }
        previous = row["entry_hash"] = hash_entry(seq, entry_id, record_id, changes, previous)
        rows.append(row)
    insert_rows(session, AuditLog.__table__, rows)
    _move_anchor(session, seq, previous)


def _run_hasher(at: datetime, actor: Actor, action: str, record_kind: str) -> Callable[[int, str, str, str, str], str]:
    """``entry_hash`` for a run of entries sharing their moment, actor, action and kind.

    ``entry_hash`` serialises a flat list of plain values, which JSON spells as each value's own
    spelling between commas and brackets. The five shared values are spelt once for the whole run,
    and each entry's own values are spelt one by one into the same text, instead of building an
    entry object and a list and serialising them afresh for every entry of a large import: the
    text hashed, and so the hash, is the same (tests/core/test_audit.py compares the two).
    """
    encode = _CANONICAL.encode
    shared = encode([at.isoformat(), actor.user_id, actor.username, action, record_kind])[1:-1]

    def hash_entry(seq: int, entry_id: str, record_id: str, changes: str, prev_hash: str) -> str:
        # str(seq): JSON spells a whole number as Python does, without the encoder's set-up per call
        spelt = (str(seq), encode(entry_id), shared, encode(record_id), encode(changes), encode(prev_hash))
        content = "[" + ",".join(spelt) + "]"
        return hashlib.sha256(content.encode("utf-8")).hexdigest()

    return hash_entry
