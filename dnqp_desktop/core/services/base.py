"""The shared shape of every aggregate's service: validate, authorise, write, audit, announce.

A service describes its aggregate declaratively (which fields, with which rules; which child
collections) and adds the rules that span fields in ``check``. This base does the rest the same way
for all of them, so that "nothing is saved until the record is valid" and "every write is audited
in its own transaction" hold everywhere by construction rather than by care in each module.

Callers pass plain mappings: the keys they give are the fields they change. A child collection
(passports, members, articles…) is given whole; rows carrying an ``id`` update that row, rows
without one are new, and rows left out are removed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, ClassVar, Generic, Protocol, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, select
from sqlalchemy import inspect as sa_inspect
from sqlmodel import Session

from dnqp_desktop.core import search
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.models.base import Record, Timestamped, UTCDateTime, utcnow
from dnqp_desktop.core.services.audit import append_audit
from dnqp_desktop.core.services.policy import Actor, Permission, require
from dnqp_desktop.core.services.rules import Invalid, Rule

M = TypeVar("M", bound=Record)

#: Vietnam and Laos share UTC+7; years and days of records are counted in it.
LOCAL_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class Change:
    """What a write did, so the UI can refresh every view that shows it from one place."""

    kind: str
    record_id: str
    action: str  # "created", "updated", "deleted", "restored"


class ServiceHost(Protocol):
    """What a service needs from the Library (kept narrow so services stay testable)."""

    def read(self) -> AbstractContextManager[Session]: ...

    def write(self) -> AbstractContextManager[Session]: ...

    def announce(self, changes: Sequence[Change]) -> None: ...

    def batch(self) -> AbstractContextManager[None]: ...


@dataclass(frozen=True)
class Children:
    """A collection owned by the aggregate (a person's passports, an agreement's articles)."""

    kind: str
    model: type[Timestamped]
    fields: Mapping[str, Rule]
    #: Set from the row's place in the list, so order survives without the caller numbering rows.
    position_field: str | None = None


@dataclass
class Draft:
    """Cleaned values of one aggregate, as ``check`` sees them before anything is written."""

    values: dict[str, Any]
    children: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    record_id: str | None = None

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)


class RecordService(Generic[M]):
    kind: ClassVar[str]
    model: ClassVar[type[Record]]
    fields: ClassVar[Mapping[str, Rule]]
    children: ClassVar[Mapping[str, Children]] = {}
    #: Columns that ``list``/``count`` accept as equality filters.
    filterable: ClassVar[frozenset[str]] = frozenset()
    #: The date column behind the ``year`` filter, if the aggregate has one.
    year_field: ClassVar[str | None] = None
    default_order: ClassVar[tuple[str, ...]] = ("created_at",)

    def __init__(self, host: ServiceHost) -> None:
        self._host = host

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "search_texts" in cls.__dict__:
            search.register(cls)

    # --- reading --------------------------------------------------------------------------

    def get(self, record_id: str, *, include_deleted: bool = False) -> M:
        with self._host.read() as session:
            return self._load(session, record_id, include_deleted=include_deleted)

    def get_for(self, record_id: str, *, actor: Actor) -> M:
        """The record as ``actor`` may read it (``redact``): for showing, never to be written back."""
        require(actor, Permission.READ)
        record = self.get(record_id)
        if sa_inspect(record).session is not None:  # inside a batch: a masked value would be committed
            raise RuntimeError("get_for reads for display; call it outside library.batch()")
        return self.redact(record, actor)

    def redact(self, record: M, actor: Actor) -> M:
        """Hide from ``actor`` what the role may not read; aggregates with such fields override this."""
        return record

    def list(
        self,
        *,
        filters: Mapping[str, Any] | None = None,
        trash: bool = False,
        order_by: Sequence[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[M]:
        statement = self._select(filters, trash)
        for name in order_by or self.default_order:
            column = getattr(self.model, name.lstrip("-"))
            statement = statement.order_by(column.desc() if name.startswith("-") else column)
        statement = statement.order_by(self.model.id).offset(offset)
        if limit is not None:
            statement = statement.limit(limit)
        with self._host.read() as session:
            return list(session.scalars(statement).all())

    def count(self, *, filters: Mapping[str, Any] | None = None, trash: bool = False) -> int:
        statement = self._select(filters, trash).with_only_columns(func.count()).order_by(None)
        with self._host.read() as session:
            return int(session.scalar(statement) or 0)

    def _select(self, filters: Mapping[str, Any] | None, trash: bool) -> Any:
        model = self.model
        deleted = model.deleted_at.is_not(None) if trash else model.deleted_at.is_(None)
        statement = select(model).where(deleted)
        for name, value in (filters or {}).items():
            statement = statement.where(self.filter_clause(name, getattr(value, "value", value)))
        return statement

    def filter_clause(self, name: str, value: Any) -> Any:
        """The WHERE clause for one filter; aggregates add their own names by overriding."""
        if name == "year" and self.year_field:
            column = getattr(self.model, self.year_field)
            start, end = year_bounds(int(value), column)
            return and_(column >= start, column < end)
        if name in self.filterable:
            return getattr(self.model, name) == value
        raise ValueError(f"{self.kind} cannot be filtered by {name!r}")

    def _load(self, session: Session, record_id: str, *, include_deleted: bool = False) -> M:
        record = session.get(self.model, record_id) if isinstance(record_id, str) else None
        if record is None or (record.deleted_at is not None and not include_deleted):
            raise DomainError("not_found", kind=self.kind)
        return record  # type: ignore[return-value]

    # --- writing --------------------------------------------------------------------------

    def create(self, data: Mapping[str, Any], *, actor: Actor) -> M:
        require(actor, self.permission("create"))
        with self._host.write() as session:
            draft = self._clean(session, data, existing=None)
            self._check(session, draft)
            record = self.model(**draft.values)
            session.add(record)
            for name, rows in draft.children.items():
                setattr(record, name, [self._new_child(name, row, index) for index, row in enumerate(rows)])
            session.flush()
            search.record_written(session, type(self), record)
            append_audit(session, actor, "create", self.kind, record.id, {}, self.snapshot(record))
            record_id = record.id
        self._host.announce([Change(self.kind, record_id, "created")])
        return self.get(record_id)

    def update(self, record_id: str, data: Mapping[str, Any], *, actor: Actor) -> M:
        require(actor, self.permission("update"))
        with self._host.write() as session:
            record = self._load(session, record_id)
            before = self.snapshot(record)
            draft = self._clean(session, data, existing=record)
            self._check(session, draft)
            self._apply(session, record, draft)
            after = self.snapshot(record)
            changed = before != after
            if changed:
                record.updated_at = utcnow()
                session.flush()
                search.record_written(session, type(self), record, dependents=True)
                append_audit(session, actor, "update", self.kind, record.id, before, self.snapshot(record))
        if changed:
            self._host.announce([Change(self.kind, record_id, "updated")])
        return self.get(record_id)

    def delete(self, record_id: str, *, actor: Actor) -> M:
        """Move to the trash; the record and everything it owns stay restorable."""
        require(actor, self.permission("delete"))
        with self._host.write() as session:
            record = self._load(session, record_id)
            now = utcnow()
            record.deleted_at = now
            record.updated_at = now
            search.record_removed(session, self.kind, record.id)
            append_audit(session, actor, "delete", self.kind, record.id, {"deleted_at": None}, {"deleted_at": now})
        self._host.announce([Change(self.kind, record_id, "deleted")])
        return self.get(record_id, include_deleted=True)

    def restore(self, record_id: str, *, actor: Actor) -> M:
        require(actor, self.permission("restore"))
        with self._host.write() as session:
            record = self._load(session, record_id, include_deleted=True)
            if record.deleted_at is None:
                raise DomainError("not_in_trash", kind=self.kind)
            # What was valid when deleted may clash with what was created since (a duplicate pair).
            self._check(session, self._draft_of(record))
            deleted_at = record.deleted_at
            record.deleted_at = None
            record.updated_at = utcnow()
            search.record_written(session, type(self), record)
            append_audit(
                session, actor, "restore", self.kind, record.id, {"deleted_at": deleted_at}, {"deleted_at": None}
            )
        self._host.announce([Change(self.kind, record_id, "restored")])
        return self.get(record_id)

    def permission(self, action: str) -> Permission:
        return Permission.EDIT_RECORDS

    # --- hooks for subclasses -------------------------------------------------------------

    def check(self, session: Session, draft: Draft) -> Iterator[DomainError]:
        """Rules across fields and records; yield every problem found."""
        return iter(())

    def check_many(self, session: Session, drafts: Mapping[int, Draft]) -> Iterator[tuple[int, DomainError]]:
        """``check`` for many new records at once (bulk import), as (index, problem) pairs.

        Services whose ``check`` queries the database per record override this to prefetch.
        """
        for index, draft in drafts.items():
            for error in self.check(session, draft):
                yield index, error

    @classmethod
    def search_texts(cls, session: Session, record: Any) -> search.SearchText | None:
        """What the search box finds a record by; a kind that does not override this is not searched."""
        return None

    @classmethod
    def search_dependents(cls, session: Session, kind: str, record_id: str) -> Sequence[str]:
        """Ids of this kind's live records whose search text includes that record's (a twinning's units)."""
        return ()

    # --- machinery ------------------------------------------------------------------------

    def _clean(self, session: Session, data: Mapping[str, Any], existing: M | None) -> Draft:
        unknown = [name for name in data if name not in self.fields and name not in self.children]
        if unknown:
            raise ValueError(f"{self.kind} has no field(s) {sorted(unknown)}")
        errors: list[DomainError] = []
        values: dict[str, Any] = {}
        for name, rule in self.fields.items():
            if existing is not None and (name not in data or data[name] == getattr(existing, name)):
                # An unchanged value is kept as stored: a person still belongs to a unit that was
                # trashed since, and editing their phone number must not be refused for it.
                values[name] = getattr(existing, name)
                continue
            raw = data.get(name)
            try:
                values[name] = rule.clean(raw, session)
            except Invalid as problem:
                errors.append(DomainError(problem.message_id, field=name, kind=self.kind, **problem.params))
        children: dict[str, list[dict[str, Any]]] = {}
        for name, spec in self.children.items():
            if name in data:
                children[name] = self._clean_children(session, spec, name, data[name] or [], existing, errors)
            elif existing is not None:
                children[name] = [self._child_values(spec, row) for row in getattr(existing, name)]
            else:
                children[name] = []
        if errors:
            raise DomainError.combine(errors)
        return Draft(values, children, existing.id if existing is not None else None)

    def _clean_children(
        self,
        session: Session,
        spec: Children,
        collection: str,
        rows: Sequence[Mapping[str, Any]],
        existing: M | None,
        errors: list[DomainError],
    ) -> list[dict[str, Any]]:
        current = {row.id: row for row in getattr(existing, collection)} if existing is not None else {}
        cleaned: list[dict[str, Any]] = []
        for index, row in enumerate(rows):
            unknown = [name for name in row if name not in spec.fields and name != "id"]
            if unknown:
                raise ValueError(f"{spec.kind} has no field(s) {sorted(unknown)}")
            row_id = row.get("id")
            if row_id is not None and row_id not in current:
                errors.append(DomainError("not_found", kind=spec.kind, collection=collection, row=index + 1))
                continue
            values: dict[str, Any] = {"id": row_id} if row_id else {}
            for name, rule in spec.fields.items():
                if row_id and (name not in row or row[name] == getattr(current[row_id], name)):
                    values[name] = getattr(current[row_id], name)  # unchanged, as for root fields
                    continue
                raw = row.get(name)
                try:
                    values[name] = rule.clean(raw, session)
                except Invalid as problem:
                    errors.append(
                        DomainError(
                            problem.message_id,
                            field=name,
                            kind=spec.kind,
                            collection=collection,
                            row=index + 1,
                            **problem.params,
                        )
                    )
            cleaned.append(values)
        return cleaned

    def _check(self, session: Session, draft: Draft) -> None:
        errors = list(self.check(session, draft))
        if errors:
            raise DomainError.combine(errors)

    def _apply(self, session: Session, record: M, draft: Draft) -> None:
        for name, value in draft.values.items():
            if getattr(record, name) != value:
                setattr(record, name, value)
        for name, rows in draft.children.items():
            spec = self.children[name]
            current = {row.id: row for row in getattr(record, name)}
            kept = []
            for index, values in enumerate(rows):
                row_id = values.get("id")
                if row_id is None:
                    kept.append(self._new_child(name, values, index))
                    continue
                child = current[row_id]
                for key, value in values.items():
                    if key != "id" and getattr(child, key) != value:
                        setattr(child, key, value)
                        child.updated_at = utcnow()
                if spec.position_field and getattr(child, spec.position_field) != index:
                    setattr(child, spec.position_field, index)
                kept.append(child)
            if [row.id for row in kept] != list(current):
                setattr(record, name, kept)

    def _new_child(self, collection: str, values: Mapping[str, Any], index: int) -> Timestamped:
        spec = self.children[collection]
        fields = {key: value for key, value in values.items() if key != "id"}
        if spec.position_field:
            fields[spec.position_field] = index
        return spec.model(**fields)

    def _draft_of(self, record: M) -> Draft:
        values = {name: getattr(record, name) for name in self.fields}
        children = {
            name: [self._child_values(spec, row) for row in getattr(record, name)]
            for name, spec in self.children.items()
        }
        return Draft(values, children, record.id)

    @staticmethod
    def _child_values(spec: Children, row: Timestamped) -> dict[str, Any]:
        return {"id": row.id, **{name: getattr(row, name) for name in spec.fields}}

    def snapshot(self, record: M) -> dict[str, Any]:
        """The record as the audit log stores it: fields and child rows, without timestamps."""
        data: dict[str, Any] = {name: _plain(getattr(record, name)) for name in self.fields}
        for name, spec in self.children.items():
            data[name] = [
                {"id": row.id, **{key: _plain(getattr(row, key)) for key in spec.fields}}
                for row in getattr(record, name)
            ]
        return data


def year_bounds(year: int, column: Any) -> tuple[Any, Any]:
    """[1 January, next 1 January) of ``year``; for moments, at midnight in Indochina time (UTC+7)."""
    if isinstance(column.type, UTCDateTime):
        return datetime(year, 1, 1, tzinfo=LOCAL_ZONE), datetime(year + 1, 1, 1, tzinfo=LOCAL_ZONE)
    return date(year, 1, 1), date(year + 1, 1, 1)


def local_today() -> date:
    """Today where the records are kept (UTC+7), whatever the workstation's clock zone."""
    return datetime.now(LOCAL_ZONE).date()


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        # One spelling per moment, so an unchanged time never shows up as a change in the audit.
        return value.astimezone(UTC).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return list(value)
    return value
