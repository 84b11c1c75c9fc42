"""What each list shows: columns, filters and sort order, independent of Qt.

A list is two steps so that it stays fast on a large database: ``ordered_ids`` fetches only ids
(and the sort value) of every matching record, then ``load_rows`` loads the full records of the
few rows on screen. Text columns are sorted in Python with the Vietnamese/Lao collation, because
the database only knows code-point order. The same definitions serve the Excel export, so a list
goes out exactly as it is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from dnqp_desktop.core.collation import sort_key
from dnqp_desktop.core.i18n import N_
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.models import (
    Agreement,
    Delegation,
    Person,
    PersonPosition,
    PersonRank,
    PlanItem,
    Record,
    Talk,
    Twinning,
    Unit,
)
from dnqp_desktop.core.models.enums import (
    AgreementKind,
    AgreementStatus,
    Country,
    DelegationStatus,
    Direction,
    Rank,
    TalkKind,
    TalkStatus,
    TwinningStatus,
    UnitLevel,
)
from dnqp_desktop.core.services.base import local_today

#: How a column's values are shown and sorted.
TEXT, LAO, DATE, DATETIME, ENUM, NUMBER, PERCENT, YEAR = (
    "text",
    "lao",
    "date",
    "datetime",
    "enum",
    "number",
    "percent",
    "year",
)


class Lookups:
    """Names of linked records, loaded once per page rather than once per cell."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._units: dict[str, Unit] | None = None
        self._people: dict[str, str] = {}

    def unit(self, unit_id: str | None) -> str:
        if not unit_id:
            return ""
        if self._units is None:
            self._units = {unit.id: unit for unit in self._session.scalars(select(Unit))}
        unit = self._units.get(unit_id)
        return (unit.short_name or unit.name_vi or unit.name_lo) if unit else ""

    def people(self, person_ids: Sequence[str]) -> None:
        missing = [pid for pid in person_ids if pid and pid not in self._people]
        if missing:
            rows = self._session.execute(
                select(Person.id, Person.name_vi, Person.name_lo).where(Person.id.in_(missing))
            )
            self._people.update({row.id: row.name_vi or row.name_lo for row in rows})

    def person(self, person_id: str | None) -> str:
        if not person_id:
            return ""
        self.people([person_id])
        return self._people.get(person_id, "")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str
    value: Callable[[Any, Lookups], Any]
    #: SQL expression for the sort value; None means "sort by the displayed value in Python".
    sort_sql: Callable[[], Any] | None = None
    enum: type[StrEnum] | None = None
    width: int = 20


@dataclass(frozen=True)
class Filter:
    key: str
    label: str
    enum: type[StrEnum] | None = None  # None: a year filter
    #: For filters the service does not know by this name (e.g. a person's unit's country).
    clause: Callable[[Any], Any] | None = None


@dataclass(frozen=True)
class Listing:
    kind: str
    service: str
    model: type[Record]
    columns: tuple[Column, ...]
    filters: tuple[Filter, ...] = ()
    default_sort: str = ""
    #: How one record is named in the trash and in messages.
    title: Callable[[Any, Lookups], str] = field(default=lambda record, _lookups: record.name_vi or record.name_lo)

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)

    # --- step 1: ids in order ----------------------------------------------------------------

    def ordered_ids(
        self,
        library: Library,
        *,
        filters: Mapping[str, Any] | None = None,
        sort: str | None = None,
        descending: bool = False,
    ) -> list[str]:
        service = getattr(library, self.service)
        column = self.column(sort or self.default_sort or self.columns[0].key)
        statement = service._select(self._service_filters(filters), trash=False)
        for flt in self.filters:
            value = (filters or {}).get(flt.key)
            if flt.clause is not None and value not in (None, ""):
                statement = statement.where(flt.clause(getattr(value, "value", value)))
        with library.read() as session:
            if column.sort_sql is not None:
                expression = column.sort_sql()
                rows = session.execute(statement.with_only_columns(self.model.id, expression)).all()
                if column.kind in (TEXT, LAO):
                    key: Callable[[Any], Any] = lambda row: (sort_key(row[1]), row[0])  # noqa: E731
                elif column.kind == ENUM and column.enum is not None:
                    order = {member.value: index for index, member in enumerate(column.enum)}
                    key = lambda row: (row[1] is None, order.get(row[1], len(order)), row[0])  # noqa: E731
                else:
                    key = lambda row: (row[1] is None, row[1] if row[1] is not None else 0, row[0])  # noqa: E731
                rows.sort(key=key, reverse=descending)
                return [row[0] for row in rows]
            # Values only Python can compute (percent): load the records once, sort, keep the ids.
            records = list(session.scalars(statement))
            lookups = Lookups(session)
            keyed = [(column.value(record, lookups), record.id) for record in records]
            keyed.sort(key=lambda item: (item[0] is None, item[0] if item[0] is not None else 0, item[1]))
            if descending:
                keyed.reverse()
            return [record_id for _value, record_id in keyed]

    def _service_filters(self, filters: Mapping[str, Any] | None) -> dict[str, Any]:
        own = {flt.key for flt in self.filters if flt.clause is not None}
        return {key: value for key, value in (filters or {}).items() if key not in own and value not in (None, "")}

    # --- step 2: the rows on screen ------------------------------------------------------------

    def load_rows(self, library: Library, ids: Sequence[str]) -> dict[str, tuple[Any, ...]]:
        if not ids:
            return {}
        with library.read() as session:
            records = list(session.scalars(select(self.model).where(self.model.id.in_(list(ids)))))
            lookups = Lookups(session)
            return {record.id: tuple(column.value(record, lookups) for column in self.columns) for record in records}

    def year_range(self, library: Library) -> list[int]:
        """The years that have records, newest first, for the year filter."""
        service = getattr(library, self.service)
        column_name = "year" if self.model is PlanItem else service.year_field
        if column_name is None:
            return []
        column = getattr(self.model, column_name)
        with library.read() as session:
            low, high = session.execute(select(func.min(column), func.max(column))).one()
        if low is None:
            return []
        first = low if isinstance(low, int) else low.year
        last = high if isinstance(high, int) else high.year
        return list(range(last, first - 1, -1))


def _attr(name: str) -> Callable[[Any, Lookups], Any]:
    return lambda record, _lookups: getattr(record, name)


def _sql(model: type[Record], name: str) -> Callable[[], Any]:
    return lambda: getattr(model, name)


def _unit_name_sql(column: Any) -> Callable[[], Any]:
    def expression() -> Any:
        return (
            select(func.coalesce(func.nullif(Unit.short_name, ""), Unit.name_vi))
            .where(Unit.id == column)
            .scalar_subquery()
        )

    return expression


def _current_rank(person: Person, _lookups: Lookups) -> str | None:
    held = person.rank_on(local_today()) or (person.ranks[-1] if person.ranks else None)
    return held.rank if held else None


def _current_rank_sql() -> Any:
    return (
        select(PersonRank.rank)
        .where(PersonRank.person_id == Person.id)
        .order_by(PersonRank.since.desc())
        .limit(1)
        .scalar_subquery()
    )


def _current_position(person: Person, _lookups: Lookups) -> str:
    held = person.position_on(local_today()) or (person.positions[-1] if person.positions else None)
    return (held.title_vi or held.title_lo) if held else ""


def _current_position_sql() -> Any:
    return (
        select(func.coalesce(func.nullif(PersonPosition.title_vi, ""), PersonPosition.title_lo))
        .where(PersonPosition.person_id == Person.id)
        .order_by(PersonPosition.since.desc())
        .limit(1)
        .scalar_subquery()
    )


def _person_country_clause(value: Any) -> Any:
    return Person.unit_id.in_(select(Unit.id).where(Unit.country == value))


UNITS = Listing(
    kind="unit",
    service="units",
    model=Unit,
    default_sort="name_vi",
    columns=(
        Column("name_vi", N_("Name (Vietnamese)"), TEXT, _attr("name_vi"), _sql(Unit, "name_vi"), width=40),
        Column("name_lo", N_("Name (Lao)"), LAO, _attr("name_lo"), _sql(Unit, "name_lo"), width=36),
        Column("short_name", N_("Short name"), TEXT, _attr("short_name"), _sql(Unit, "short_name")),
        Column("country", N_("Country"), ENUM, _attr("country"), _sql(Unit, "country"), Country, width=10),
        Column("level", N_("Level"), ENUM, _attr("level"), _sql(Unit, "level"), UnitLevel),
        Column(
            "parent",
            N_("Parent unit"),
            TEXT,
            lambda r, lk: lk.unit(r.parent_id),
            _unit_name_sql(Unit.parent_id),
            width=24,
        ),
    ),
    filters=(Filter("country", N_("Country"), Country), Filter("level", N_("Level"), UnitLevel)),
)

PEOPLE = Listing(
    kind="person",
    service="people",
    model=Person,
    default_sort="name_vi",
    title=lambda person, _lookups: person.name_vi or person.name_lo,
    columns=(
        Column("name_vi", N_("Name (Vietnamese)"), TEXT, _attr("name_vi"), _sql(Person, "name_vi"), width=28),
        Column("name_lo", N_("Name (Lao)"), LAO, _attr("name_lo"), _sql(Person, "name_lo"), width=28),
        Column("rank", N_("Rank"), ENUM, _current_rank, _current_rank_sql, Rank, width=16),
        Column("position", N_("Position"), TEXT, _current_position, _current_position_sql, width=28),
        Column("unit", N_("Unit"), TEXT, lambda r, lk: lk.unit(r.unit_id), _unit_name_sql(Person.unit_id), width=28),
    ),
    filters=(Filter("country", N_("Country"), Country, clause=_person_country_clause),),
)

TWINNINGS = Listing(
    kind="twinning",
    service="twinnings",
    model=Twinning,
    default_sort="since",
    title=lambda twinning, lookups: f"{lookups.unit(twinning.unit_a_id)} – {lookups.unit(twinning.unit_b_id)}",
    columns=(
        Column(
            "unit_a",
            N_("First unit"),
            TEXT,
            lambda r, lk: lk.unit(r.unit_a_id),
            _unit_name_sql(Twinning.unit_a_id),
            width=30,
        ),
        Column(
            "unit_b",
            N_("Second unit"),
            TEXT,
            lambda r, lk: lk.unit(r.unit_b_id),
            _unit_name_sql(Twinning.unit_b_id),
            width=30,
        ),
        Column("since", N_("Twinned since"), DATE, _attr("since"), _sql(Twinning, "since"), width=12),
        Column("status", N_("Status"), ENUM, _attr("status"), _sql(Twinning, "status"), TwinningStatus, width=12),
    ),
    filters=(Filter("status", N_("Status"), TwinningStatus),),
)

TALKS = Listing(
    kind="talk",
    service="talks",
    model=Talk,
    default_sort="start_at",
    title=lambda talk, _lookups: talk.title_vi or talk.title_lo,
    columns=(
        Column("start_at", N_("Starts"), DATETIME, _attr("start_at"), _sql(Talk, "start_at"), width=16),
        Column("title_vi", N_("Subject (Vietnamese)"), TEXT, _attr("title_vi"), _sql(Talk, "title_vi"), width=40),
        Column("kind", N_("Kind"), ENUM, _attr("kind"), _sql(Talk, "kind"), TalkKind),
        Column("place_vi", N_("Place (Vietnamese)"), TEXT, _attr("place_vi"), _sql(Talk, "place_vi")),
        Column("host", N_("Host unit"), TEXT, lambda r, lk: lk.unit(r.host_unit_id), _unit_name_sql(Talk.host_unit_id)),
        Column("status", N_("Status"), ENUM, _attr("status"), _sql(Talk, "status"), TalkStatus, width=12),
    ),
    filters=(
        Filter("kind", N_("Kind"), TalkKind),
        Filter("status", N_("Status"), TalkStatus),
        Filter("year", N_("Year")),
    ),
)

DELEGATIONS = Listing(
    kind="delegation",
    service="delegations",
    model=Delegation,
    default_sort="start_date",
    title=lambda delegation, _lookups: delegation.purpose_vi,
    columns=(
        Column("start_date", N_("Start date"), DATE, _attr("start_date"), _sql(Delegation, "start_date"), width=12),
        Column("end_date", N_("Return date"), DATE, _attr("end_date"), _sql(Delegation, "end_date"), width=12),
        Column(
            "direction", N_("Direction"), ENUM, _attr("direction"), _sql(Delegation, "direction"), Direction, width=12
        ),
        Column(
            "purpose_vi",
            N_("Purpose (Vietnamese)"),
            TEXT,
            _attr("purpose_vi"),
            _sql(Delegation, "purpose_vi"),
            width=40,
        ),
        Column("head", N_("Head of delegation"), TEXT, lambda r, lk: lk.person(r.head_person_id), None, width=24),
        Column("members", N_("Members"), NUMBER, lambda r, _lk: len(r.members), None, width=8),
        Column("status", N_("Status"), ENUM, _attr("status"), _sql(Delegation, "status"), DelegationStatus, width=12),
    ),
    filters=(
        Filter("direction", N_("Direction"), Direction),
        Filter("status", N_("Status"), DelegationStatus),
        Filter("year", N_("Year")),
    ),
)

AGREEMENTS = Listing(
    kind="agreement",
    service="agreements",
    model=Agreement,
    default_sort="signed_on",
    title=lambda agreement, _lookups: agreement.title_vi or agreement.title_lo,
    columns=(
        Column("signed_on", N_("Signing date"), DATE, _attr("signed_on"), _sql(Agreement, "signed_on"), width=12),
        Column("kind", N_("Kind"), ENUM, _attr("kind"), _sql(Agreement, "kind"), AgreementKind, width=24),
        Column(
            "number",
            N_("Document number"),
            TEXT,
            lambda r, _lk: "/".join(part for part in (r.number, r.symbol) if part),
            _sql(Agreement, "number"),
            width=16,
        ),
        Column("title_vi", N_("Title (Vietnamese)"), TEXT, _attr("title_vi"), _sql(Agreement, "title_vi"), width=44),
        Column("status", N_("Status"), ENUM, _attr("status"), _sql(Agreement, "status"), AgreementStatus, width=12),
        Column("valid_to", N_("Valid until"), DATE, _attr("valid_to"), _sql(Agreement, "valid_to"), width=12),
    ),
    filters=(
        Filter("kind", N_("Kind"), AgreementKind),
        Filter("status", N_("Status"), AgreementStatus),
        Filter("year", N_("Year")),
    ),
)

PLAN_ITEMS = Listing(
    kind="plan_item",
    service="plan_items",
    model=PlanItem,
    default_sort="year",
    title=lambda item, _lookups: item.title_vi or item.title_lo,
    columns=(
        Column("year", N_("Year"), YEAR, _attr("year"), _sql(PlanItem, "year"), width=8),
        Column("period", N_("Period"), TEXT, _attr("period"), _sql(PlanItem, "period"), width=18),
        Column("title_vi", N_("Activity (Vietnamese)"), TEXT, _attr("title_vi"), _sql(PlanItem, "title_vi"), width=44),
        Column("target", N_("Target"), NUMBER, _attr("target"), _sql(PlanItem, "target"), width=18),
        Column("result", N_("Result"), NUMBER, _attr("result"), _sql(PlanItem, "result"), width=18),
        Column("measure", N_("Unit of measure"), TEXT, _attr("measure"), _sql(PlanItem, "measure"), width=14),
        Column("percent", N_("Achieved"), PERCENT, lambda r, _lk: r.percent, None, width=10),
    ),
    filters=(Filter("year", N_("Year")),),
)

LISTINGS: dict[str, Listing] = {
    listing.kind: listing for listing in (UNITS, PEOPLE, TWINNINGS, TALKS, DELEGATIONS, AGREEMENTS, PLAN_ITEMS)
}


@dataclass(frozen=True)
class TrashEntry:
    kind: str
    record_id: str
    title: str
    deleted_at: Any


def trash_entries(library: Library) -> list[TrashEntry]:
    """Everything in the trash, most recently deleted first."""
    entries = []
    for listing in LISTINGS.values():
        service = getattr(library, listing.service)
        with library.read() as session:
            lookups = Lookups(session)
            for record in service.list(trash=True):
                entries.append(TrashEntry(listing.kind, record.id, listing.title(record, lookups), record.deleted_at))
    entries.sort(key=lambda entry: entry.deleted_at, reverse=True)
    return entries


_CHOICE_COLUMNS: dict[str, tuple[type[Record], tuple[str, ...]]] = {
    "unit": (Unit, ("short_name", "name_vi", "name_lo")),
    "person": (Person, ("name_vi", "name_lo")),
    "agreement": (Agreement, ("title_vi", "title_lo")),
    "talk": (Talk, ("title_vi", "title_lo")),
}


def choices(library: Library, kind: str) -> list[tuple[str, str]]:
    """(id, name) of every live record of ``kind``, in alphabetical order, for pickers.

    Only two columns are read, so a picker over 100 000 people costs a fraction of a second.
    """
    model, names = _CHOICE_COLUMNS[kind]
    columns = [getattr(model, name) for name in names]
    with library.read() as session:
        rows = session.execute(select(model.id, *columns).where(model.deleted_at.is_(None))).all()
    named = []
    for row in rows:
        parts = [value for value in row[1:] if value]
        if kind == "unit" and len(parts) > 1 and parts[0] != parts[1]:
            title = f"{parts[0]} — {parts[1]}"  # "Bộ CHQS Phongsaly — Bộ Chỉ huy quân sự tỉnh Phongsaly"
        else:
            title = parts[0] if parts else row[0]
        named.append((row[0], title))
    named.sort(key=lambda item: sort_key(item[1]))
    return named
