"""Are an outgoing delegation's passports good enough to travel on?

A border post refuses a passport that is expired, and partner countries commonly want it valid
for some months beyond the return (six by default; ``Settings.passport_margin_months``). The rule
lives here so that submission, approval, the form and the start-up dashboard all judge alike:

- ``missing``: the member has no passport recorded;
- ``expired``: the best passport expires before the departure day;
- ``too_short``: it expires before ``return date + margin`` (on that very day it is good enough);
- ``ok``: otherwise.

A member's "best" passport is the one that expires last: a newer passport supersedes the old one.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from dnqp_desktop.core.i18n import N_
from dnqp_desktop.core.models import Delegation, Person

OK, MISSING, EXPIRED, TOO_SHORT = "ok", "missing", "expired", "too_short"

#: What each finding says, as English msgids (translated where shown).
FINDING_TEXTS = {
    OK: N_("valid until {expires}"),
    MISSING: N_("no passport recorded"),
    EXPIRED: N_("passport {number} expired on {expires}, before the departure"),
    TOO_SHORT: N_("passport {number} expires on {expires}, less than {months} months after the return"),
}


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months; the 31st becomes the last day of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class PassportFinding:
    person_id: str
    person_name: str
    status: str
    number: str = ""
    expires_on: date | None = None
    #: The passport must be valid at least until this day.
    needed_until: date | None = None

    @property
    def ok(self) -> bool:
        return self.status == OK


def judge(person: Person, start: date, end: date, margin_months: int) -> PassportFinding:
    """The finding for one traveller on a trip from ``start`` to ``end``."""
    needed = add_months(end, margin_months)
    name = person.name_vi or person.name_lo or person.name_en
    if not person.passports:
        return PassportFinding(person.id, name, MISSING, needed_until=needed)
    best = max(person.passports, key=lambda passport: passport.expires_on)
    if best.expires_on < start:
        status = EXPIRED
    elif best.expires_on < needed:
        status = TOO_SHORT
    else:
        status = OK
    return PassportFinding(person.id, name, status, best.number, best.expires_on, needed)


def travellers(delegation: Delegation) -> list[str]:
    """Ids of everyone who travels: the members, and the head if not listed among them."""
    ids = [member.person_id for member in delegation.members]
    if delegation.head_person_id and delegation.head_person_id not in ids:
        ids.insert(0, delegation.head_person_id)
    return ids


def check_delegation(session: Session, delegation: Delegation, margin_months: int) -> list[PassportFinding]:
    """One finding per traveller of an outgoing delegation ([] for an incoming one)."""
    if delegation.direction != "outgoing":
        return []
    return check_people(session, travellers(delegation), delegation.start_date, delegation.end_date, margin_months)


def check_people(
    session: Session, person_ids: Iterable[str], start: date, end: date, margin_months: int
) -> list[PassportFinding]:
    findings = []
    for person_id in person_ids:
        person = session.get(Person, person_id)
        if person is not None:
            findings.append(judge(person, start, end, margin_months))
    return findings


def problems(findings: Iterable[PassportFinding]) -> list[PassportFinding]:
    return [finding for finding in findings if not finding.ok]
