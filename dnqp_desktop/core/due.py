"""What is due: the lines of the start-up dashboard, each naming the record it opens.

One function per kind of line, all reading through one session, so the dashboard is a single
short read even on a large database. The windows (30 days of talks, 90 days of agreements, six
months of passports) and the passport margin are settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlmodel import Session

from dnqp_desktop.core.config import Settings
from dnqp_desktop.core.i18n import N_
from dnqp_desktop.core.models import Agreement, Delegation, Passport, Person, PlanItem, Talk
from dnqp_desktop.core.plan_progress import is_behind
from dnqp_desktop.core.services import passport_check
from dnqp_desktop.core.services.base import LOCAL_ZONE, local_today
from dnqp_desktop.core.services.passport_check import add_months

TALKS_SOON = "talks_soon"
AWAITING_APPROVAL = "awaiting_approval"
PASSPORTS = "passports"
AGREEMENTS_EXPIRING = "agreements_expiring"
PLAN_BEHIND = "plan_behind"
MINUTES_MISSING = "minutes_missing"

#: Each kind of line, in the order the dashboard shows them, with its heading (an English msgid).
CATEGORIES: tuple[tuple[str, str], ...] = (
    (TALKS_SOON, N_("Talks in the next {days} days")),
    (AWAITING_APPROVAL, N_("Delegations waiting for approval")),
    (PASSPORTS, N_("Passports expiring before a planned trip or within {months} months")),
    (AGREEMENTS_EXPIRING, N_("Agreements expiring within {days} days")),
    (PLAN_BEHIND, N_("Plan items behind schedule")),
    (MINUTES_MISSING, N_("Talks held without minutes")),
)


@dataclass(frozen=True)
class DueItem:
    category: str
    #: The record the line opens.
    kind: str
    record_id: str
    title: str
    day: date | None
    #: What is due about it, as a msgid with ``params`` (translated where shown).
    detail: str = ""
    params: tuple[tuple[str, object], ...] = ()


def due_items(session: Session, settings: Settings, today: date | None = None) -> list[DueItem]:
    today = today or local_today()
    items: list[DueItem] = []
    items += talks_soon(session, today, settings.dashboard_talks_days)
    items += awaiting_approval(session)
    items += passports(session, today, settings.dashboard_passport_months, settings.passport_margin_months)
    items += agreements_expiring(session, today, settings.dashboard_agreements_days)
    items += plan_behind(session, today)
    items += minutes_missing(session, today)
    return items


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=LOCAL_ZONE)


def talks_soon(session: Session, today: date, days: int) -> list[DueItem]:
    start, end = _local_midnight(today), _local_midnight(today + timedelta(days=days + 1))
    statement = (
        select(Talk)
        .where(Talk.deleted_at.is_(None), Talk.start_at >= start, Talk.start_at < end)
        .where(Talk.status.in_(("planned", "confirmed")))
        .order_by(Talk.start_at)
    )
    return [
        DueItem(TALKS_SOON, "talk", t.id, t.title_vi or t.title_lo, t.start_at.astimezone(LOCAL_ZONE).date())
        for t in session.scalars(statement)
    ]


def awaiting_approval(session: Session) -> list[DueItem]:
    statement = (
        select(Delegation)
        .where(Delegation.deleted_at.is_(None), Delegation.status == "submitted")
        .order_by(Delegation.start_date)
    )
    return [
        DueItem(AWAITING_APPROVAL, "delegation", d.id, d.purpose_vi or d.purpose_lo, d.start_date)
        for d in session.scalars(statement)
    ]


def passports(session: Session, today: date, months: int, margin_months: int) -> list[DueItem]:
    """Travellers of planned outgoing trips whose passport will not do, then passports running out soon."""
    items: list[DueItem] = []
    named: set[str] = set()
    trips = select(Delegation).where(
        Delegation.deleted_at.is_(None),
        Delegation.direction == "outgoing",
        Delegation.status.in_(("draft", "submitted", "approved")),
        Delegation.end_date >= today,
    )
    for trip in session.scalars(trips.order_by(Delegation.start_date)):
        for finding in passport_check.problems(passport_check.check_delegation(session, trip, margin_months)):
            if finding.person_id in named:
                continue
            named.add(finding.person_id)
            items.append(
                DueItem(
                    PASSPORTS,
                    "person",
                    finding.person_id,
                    finding.person_name,
                    finding.expires_on,
                    N_("{finding} — trip from {start}"),
                    (("finding", finding), ("start", trip.start_date)),
                )
            )
    limit = add_months(today, months)
    soon = (
        select(Passport, Person)
        .join(Person, Person.id == Passport.person_id)
        .where(Person.deleted_at.is_(None), Passport.expires_on >= today, Passport.expires_on < limit)
        .order_by(Passport.expires_on)
    )
    for passport, person in session.execute(soon):
        newest = max(p.expires_on for p in person.passports)
        if person.id in named or newest >= limit:  # a newer passport has replaced it
            continue
        named.add(person.id)
        items.append(
            DueItem(
                PASSPORTS,
                "person",
                person.id,
                person.name_vi or person.name_lo,
                passport.expires_on,
                N_("passport {number} expires on {expires}"),
                (("number", passport.number), ("expires", passport.expires_on)),
            )
        )
    return items


def agreements_expiring(session: Session, today: date, days: int) -> list[DueItem]:
    statement = (
        select(Agreement)
        .where(Agreement.deleted_at.is_(None), Agreement.status == "signed")
        .where(Agreement.valid_to >= today, Agreement.valid_to <= today + timedelta(days=days))
        .order_by(Agreement.valid_to)
    )
    return [
        DueItem(AGREEMENTS_EXPIRING, "agreement", a.id, a.title_vi or a.title_lo, a.valid_to)
        for a in session.scalars(statement)
    ]


def plan_behind(session: Session, today: date) -> list[DueItem]:
    statement = (
        select(PlanItem)
        .where(PlanItem.deleted_at.is_(None), PlanItem.year <= today.year, PlanItem.target.is_not(None))
        .order_by(PlanItem.year, PlanItem.title_vi)
    )
    items = []
    for item in session.scalars(statement):
        if is_behind(item, today):
            items.append(
                DueItem(
                    PLAN_BEHIND,
                    "plan_item",
                    item.id,
                    item.title_vi or item.title_lo,
                    item.due_date or date(item.year, 12, 31),
                    N_("{result} of {target} {measure}"),
                    (("result", item.result or 0), ("target", item.target), ("measure", item.measure)),
                )
            )
    return items


def minutes_missing(session: Session, today: date) -> list[DueItem]:
    statement = (
        select(Talk)
        .where(Talk.deleted_at.is_(None), Talk.status == "held", Talk.minutes == "")
        .order_by(Talk.start_at.desc())
    )
    return [
        DueItem(MINUTES_MISSING, "talk", t.id, t.title_vi or t.title_lo, t.start_at.astimezone(LOCAL_ZONE).date())
        for t in session.scalars(statement)
    ]
