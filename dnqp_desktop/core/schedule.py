"""The calendar of talks and delegations, and the double bookings in it.

Every live talk and delegation is a booking: a span of time (a talk from its start to its end,
or to the end of its local day when no end is given; a delegation over whole days, first to last)
and the people and units it takes up. Two bookings conflict when their spans overlap and they
share a person or a unit. One exception: a delegation attending a talk is not in conflict with
it, which is recognised when the talk's units include the delegation's own unit and one of its
partner units. Cancelled, rejected and postponed records hold no booking.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlmodel import Session

from dnqp_desktop.core.models import Delegation, Talk
from dnqp_desktop.core.services.base import LOCAL_ZONE
from dnqp_desktop.core.services.passport_check import travellers

INACTIVE = frozenset({"cancelled", "rejected", "postponed"})


@dataclass(frozen=True)
class Booking:
    kind: str  # "talk" or "delegation"
    record_id: str
    title: str
    start: datetime
    end: datetime
    status: str
    #: Talks: the host; delegations: "outgoing" or "incoming".
    host_unit_id: str | None = None
    direction: str = ""
    series_id: str | None = None
    people: frozenset[str] = frozenset()
    units: frozenset[str] = frozenset()
    #: Delegations: own unit and partner units, to recognise the talk they attend.
    own_unit_id: str | None = None
    partner_units: frozenset[str] = frozenset()

    @property
    def first_day(self) -> date:
        return self.start.astimezone(LOCAL_ZONE).date()

    @property
    def last_day(self) -> date:
        return (self.end.astimezone(LOCAL_ZONE) - timedelta(microseconds=1)).date()


@dataclass(frozen=True)
class Conflict:
    first: Booking
    second: Booking
    people: frozenset[str] = field(default_factory=frozenset)
    units: frozenset[str] = field(default_factory=frozenset)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=LOCAL_ZONE)


def talk_booking(talk: Talk) -> Booking:
    start = talk.start_at
    end = talk.end_at or _midnight(start.astimezone(LOCAL_ZONE).date() + timedelta(days=1))
    units = {row.unit_id for row in talk.units}
    if talk.host_unit_id:
        units.add(talk.host_unit_id)
    return Booking(
        "talk",
        talk.id,
        talk.title_vi or talk.title_lo,
        start,
        end,
        talk.status,
        host_unit_id=talk.host_unit_id,
        series_id=talk.series_id,
        people=frozenset(row.person_id for row in talk.participants),
        units=frozenset(units),
    )


def delegation_booking(delegation: Delegation) -> Booking:
    partners = frozenset(row.unit_id for row in delegation.partner_units)
    units = set(partners)
    if delegation.own_unit_id:
        units.add(delegation.own_unit_id)
    return Booking(
        "delegation",
        delegation.id,
        delegation.purpose_vi or delegation.purpose_lo,
        _midnight(delegation.start_date),
        _midnight(delegation.end_date + timedelta(days=1)),
        delegation.status,
        direction=delegation.direction,
        people=frozenset(travellers(delegation)),
        units=frozenset(units),
        own_unit_id=delegation.own_unit_id,
        partner_units=partners,
    )


def bookings(session: Session, first: date, last: date, *, include_inactive: bool = True) -> list[Booking]:
    """Talks and delegations touching the days ``first``..``last``, in time order."""
    start, end = _midnight(first), _midnight(last + timedelta(days=1))
    talks = select(Talk).where(
        Talk.deleted_at.is_(None), Talk.start_at < end, Talk.start_at >= start - timedelta(days=31)
    )
    delegations = select(Delegation).where(
        Delegation.deleted_at.is_(None), Delegation.start_date <= last, Delegation.end_date >= first
    )
    found = [talk_booking(t) for t in session.scalars(talks)] + [
        delegation_booking(d) for d in session.scalars(delegations)
    ]
    found = [b for b in found if b.start < end and b.end > start]
    if not include_inactive:
        found = [b for b in found if b.status not in INACTIVE]
    found.sort(key=lambda b: (b.start, b.kind, b.title))
    return found


def _attends(delegation: Booking, talk: Booking) -> bool:
    return bool(
        delegation.own_unit_id and delegation.own_unit_id in talk.units and delegation.partner_units & talk.units
    )


def conflicts_among(items: Iterable[Booking]) -> list[Conflict]:
    active = sorted((b for b in items if b.status not in INACTIVE), key=lambda b: b.start)
    found: list[Conflict] = []
    for index, first in enumerate(active):
        for second in active[index + 1 :]:
            if second.start >= first.end:
                break
            if first.end <= second.start or second.end <= first.start:
                continue
            pair = {first.kind: first, second.kind: second}
            if len(pair) == 2 and _attends(pair["delegation"], pair["talk"]):
                continue
            people, units = first.people & second.people, first.units & second.units
            if people or units:
                found.append(Conflict(first, second, frozenset(people), frozenset(units)))
    return found


def conflicts(session: Session, first: date, last: date) -> list[Conflict]:
    """Double bookings among the talks and delegations of ``first``..``last`` (a month shown)."""
    # Bookings a little outside the range can overlap those inside it.
    return [
        c
        for c in conflicts_among(bookings(session, first - timedelta(days=31), last + timedelta(days=31)))
        if c.first.start < _midnight(last + timedelta(days=1)) and c.second.end > _midnight(first)
    ]


def conflicts_of(session: Session, kind: str, record_id: str) -> list[Conflict]:
    """The double bookings one talk or delegation is part of."""
    model = Talk if kind == "talk" else Delegation
    record = session.get(model, record_id)
    if record is None:
        return []
    booking = talk_booking(record) if kind == "talk" else delegation_booking(record)  # type: ignore[arg-type]
    return [
        c
        for c in conflicts(session, booking.first_day, booking.last_day)
        if record_id in (c.first.record_id, c.second.record_id)
    ]
