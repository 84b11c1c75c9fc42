"""The index tables and their upkeep: written with each record, rebuilt, compared with the records."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.orm import Session

from dnqp_desktop.core.bulk_insert import insert_rows, insert_values
from dnqp_desktop.core.search.text import KEY_LENGTH, fields, index_keys, joined, words

#: The kinds of record the search box covers, in the order their groups are shown.
KINDS: tuple[str, ...] = ("unit", "person", "twinning", "talk", "delegation", "agreement", "plan_item")
#: Stored with each key instead of the kind's name (a byte, not a word, on millions of keys); fixed.
KIND_CODES = {"unit": 1, "person": 2, "twinning": 3, "talk": 4, "delegation": 5, "agreement": 6, "plan_item": 7}
#: Tables kept by this module: derived data, not mapped models (alembic autogenerate skips them).
INDEX_TABLES = frozenset({"search_doc", "search_key"})

_metadata = MetaData()
search_doc = Table(
    "search_doc",
    _metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("record_id", String(36), nullable=False),
    Column("title", Text, nullable=False),
    #: Folded names, words separated by one space, fields by "|": "|dang van long|".
    Column("names", Text, nullable=False),
    Column("other", Text, nullable=False),
    #: Every field without spaces, for checking candidates: "|dangvanlong|chihuytruong|".
    Column("text", Text, nullable=False),
)
search_key = Table(
    "search_key",
    _metadata,
    Column("key", String(KEY_LENGTH), primary_key=True),
    Column("doc_id", Integer, primary_key=True),
    Column("kind_code", SmallInteger, nullable=False),
    Column("weight", SmallInteger, nullable=False),
)

# --- what the services declare -----------------------------------------------------------------


@dataclass(frozen=True)
class SearchText:
    """What one record is found by: its title as shown, its names (ranked first) and other text."""

    title: str
    names: Sequence[str]
    other: Sequence[str] = ()


class Provider(Protocol):
    """A service class whose records are searchable (see RecordService.search_texts)."""

    kind: str
    model: Any

    @classmethod
    def search_texts(cls, session: Session, record: Any) -> SearchText | None: ...

    @classmethod
    def search_dependents(cls, session: Session, kind: str, record_id: str) -> Sequence[str]: ...


_PROVIDERS: dict[str, type[Provider]] = {}
_PROVIDER_MODULES = ("units", "people", "talks", "delegations", "agreements", "plans")


def register(provider: type[Provider]) -> None:
    if provider.kind not in KIND_CODES:
        raise ValueError(f"give {provider.kind!r} a code in KIND_CODES and a place in KINDS to make it searchable")
    _PROVIDERS[provider.kind] = provider


def providers() -> Mapping[str, type[Provider]]:
    """Every searchable kind's service class (importing the service modules registers them)."""
    for name in _PROVIDER_MODULES:
        importlib.import_module(f"dnqp_desktop.core.services.{name}")
    return _PROVIDERS


# --- writing ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Doc:
    title: str
    names: str
    other: str
    text: str

    @classmethod
    def of(cls, text: SearchText) -> _Doc:
        names = [spaced for spaced in map(words, text.names) if spaced]
        other = [spaced for spaced in map(words, text.other) if spaced]
        return cls(
            title=text.title,
            names=joined(names),
            other=joined(other),
            text=joined(spaced.replace(" ", "") for spaced in [*names, *other]),
        )

    def keys(self) -> dict[str, int]:
        """Every key of the entry with its weight (the best, when two fields give the same key)."""
        found: dict[str, int] = {}
        for column, name in ((self.names, True), (self.other, False)):
            for field in fields(column):
                for key, weight in index_keys(field, name=name).items():
                    if key not in found or weight < found[key]:
                        found[key] = weight
        return found

    def key_rows(self, doc_id: int, kind: str) -> list[dict[str, Any]]:
        code = KIND_CODES[kind]
        return [{"key": k, "doc_id": doc_id, "kind_code": code, "weight": w} for k, w in self.keys().items()]

    def values(self) -> dict[str, str]:
        return {"title": self.title, "names": self.names, "other": self.other, "text": self.text}


def record_written(session: Session, provider: type[Any], record: Any, *, dependents: bool = False) -> None:
    """After a create, update or restore: index the record and, with ``dependents`` (after an update),
    the records whose text includes it (a twinning shows its units' names)."""
    known = providers()
    if provider.kind in known:
        put(session, provider.kind, record.id, provider.search_texts(session, record))
    if not dependents:
        return
    for other in known.values():
        for dependent_id in other.search_dependents(session, provider.kind, record.id):
            dependent = session.get(other.model, dependent_id)
            if dependent is not None and dependent.deleted_at is None:
                put(session, other.kind, dependent_id, other.search_texts(session, dependent))


def record_removed(session: Session, kind: str, record_id: str) -> None:
    """After a move to the trash: the record is no longer found."""
    if kind in providers():
        put(session, kind, record_id, None)


def put(session: Session, kind: str, record_id: str, text: SearchText | None) -> None:
    """Make the index hold ``text`` for the record (None: nothing); unchanged rows are not rewritten."""
    found = session.execute(
        select(search_doc.c.id, search_doc.c.title, search_doc.c.names, search_doc.c.other).where(
            search_doc.c.kind == kind, search_doc.c.record_id == record_id
        )
    ).first()
    old = _Doc(found.title, found.names, found.other, "") if found is not None else None
    new = _Doc.of(text) if text is not None else None
    if old is not None and new is not None and (old.title, old.names, old.other) == (new.title, new.names, new.other):
        return
    if old is not None:
        # Keys are derived again from the stored words, so no second index on doc_id is needed.
        old_keys = sorted(old.keys())
        for start in range(0, len(old_keys), 500):
            chunk = old_keys[start : start + 500]
            session.execute(delete(search_key).where(search_key.c.doc_id == found.id, search_key.c.key.in_(chunk)))
    if new is None:
        if found is not None:
            session.execute(delete(search_doc).where(search_doc.c.id == found.id))
        return
    if found is not None:
        doc_id = found.id
        session.execute(update(search_doc).where(search_doc.c.id == doc_id).values(**new.values()))
    else:
        statement = insert(search_doc).values(kind=kind, record_id=record_id, **new.values())
        doc_id = session.execute(statement.returning(search_doc.c.id)).scalar_one()
    keys = new.key_rows(doc_id, kind)
    if keys:
        session.execute(insert(search_key), keys)


def add_documents(session: Session, entries: Iterable[tuple[str, str, SearchText]], *, batch: int = 2000) -> int:
    """Index many records at once into an index that holds none of them (rebuilds, the benchmark)."""
    count = 0
    chunk: list[tuple[str, str, _Doc]] = []

    def flush() -> None:
        rows = [{"kind": kind, "record_id": record_id, **doc.values()} for kind, record_id, doc in chunk]
        ids: Sequence[int]
        if session.get_bind().dialect.name == "sqlite":
            # The write transaction holds SQLite's lock: the next ids are ours, no RETURNING round trip.
            first = (session.scalar(select(func.max(search_doc.c.id))) or 0) + 1
            ids = range(first, first + len(rows))
            insert_rows(session, search_doc, [{"id": doc_id, **row} for doc_id, row in zip(ids, rows, strict=True)])
        else:
            statement = insert(search_doc).returning(search_doc.c.id, sort_by_parameter_order=True)
            ids = session.execute(statement, rows).scalars().all()
        pairs = zip(ids, chunk, strict=True)
        keys = [
            (key, doc_id, KIND_CODES[kind], weight)
            for doc_id, (kind, _, doc) in pairs
            for key, weight in doc.keys().items()
        ]
        keys.sort()  # in primary-key order: SQLite appends to its B-tree instead of splitting pages all over
        insert_values(session, search_key, ("key", "doc_id", "kind_code", "weight"), keys)
        chunk.clear()

    for kind, record_id, text in entries:
        chunk.append((kind, record_id, _Doc.of(text)))
        count += 1
        if len(chunk) >= batch:
            flush()
    if chunk:
        flush()
    return count


def _live_texts(session: Session) -> Iterable[tuple[str, str, SearchText]]:
    for kind, provider in providers().items():
        statement = select(provider.model).where(provider.model.deleted_at.is_(None))
        for record in session.scalars(statement.execution_options(yield_per=500)):
            text = provider.search_texts(session, record)
            if text is not None:
                yield kind, record.id, text


def rebuild(session: Session) -> int:
    """Empty the index and index every live record again; returns how many records it holds."""
    session.execute(delete(search_key))
    session.execute(delete(search_doc))
    return add_documents(session, list(_live_texts(session)))


class _Writable(Protocol):
    def write(self) -> AbstractContextManager[Session]: ...


def fill_if_empty(host: _Writable) -> int | None:
    """Build the index of a database that has records but no index yet (just upgraded, or emptied).

    Returns the number of records indexed, or None when nothing had to be done.
    """
    with host.write() as session:
        if session.execute(select(search_doc.c.id).limit(1)).first() is not None:
            return None
        if not any(_live_ids(session, provider, limit=1) for provider in providers().values()):
            return None
        return rebuild(session)


def _live_ids(session: Session, provider: type[Provider], *, limit: int | None = None) -> set[str]:
    statement = select(provider.model.id).where(provider.model.deleted_at.is_(None)).limit(limit)
    return set(session.scalars(statement))


@dataclass(frozen=True)
class IndexStatus:
    indexed: int
    #: Live records the index does not hold, and entries for records that are gone or trashed.
    missing: int
    extra: int

    @property
    def ok(self) -> bool:
        return self.missing == 0 and self.extra == 0


def index_status(session: Session) -> IndexStatus:
    """Compare the index with the live records, kind by kind (what ``dnqp check`` reports)."""
    rows = session.execute(select(search_doc.c.kind, search_doc.c.record_id)).all()
    indexed: dict[str, set[str]] = {}
    for kind, record_id in rows:
        indexed.setdefault(kind, set()).add(record_id)
    missing = extra = 0
    known = providers()
    for kind, provider in known.items():
        live, held = _live_ids(session, provider), indexed.get(kind, set())
        missing += len(live - held)
        extra += len(held - live)
    extra += sum(len(ids) for kind, ids in indexed.items() if kind not in known)
    orphan = select(search_key.c.doc_id).where(search_key.c.doc_id.not_in(select(search_doc.c.id))).limit(1)
    if session.execute(orphan).first() is not None:
        extra += 1  # keys of a removed entry: only a rebuild clears them
    return IndexStatus(indexed=len(rows), missing=missing, extra=extra)
