"""Who sat at a talk, as they were that day, and what was signed there.

A talk's chairs and participants are people records; the rank and post shown are those held on
the talk's local date (``Person.rank_on``), so talks of 2015 show 2015 ranks. The documents signed
at a talk are the agreements that name it (``Agreement.talk_id``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from dnqp_desktop.core.models import Agreement, Person, Talk, Unit
from dnqp_desktop.core.services.base import LOCAL_ZONE


@dataclass(frozen=True)
class TalkPerson:
    person_id: str
    name: str
    role: str
    unit: str
    country: str
    rank: str | None
    position: str


@dataclass(frozen=True)
class SignedDocument:
    agreement_id: str
    title: str
    number: str
    signed_on: date | None
    status: str


def talk_day(talk: Talk) -> date:
    return talk.start_at.astimezone(LOCAL_ZONE).date()


def people_at(session: Session, talk: Talk) -> list[TalkPerson]:
    day = talk_day(talk)
    found = []
    for row in talk.participants:
        person = session.get(Person, row.person_id)
        if person is None:
            continue
        rank, post = person.rank_on(day), person.position_on(day)
        unit = session.get(Unit, (post.unit_id if post and post.unit_id else None) or person.unit_id or "")
        found.append(
            TalkPerson(
                person.id,
                person.name_vi or person.name_lo,
                row.role,
                (unit.short_name or unit.name_vi) if unit else "",
                unit.country if unit else "",
                rank.rank if rank else None,
                (post.title_vi or post.title_lo) if post else "",
            )
        )
    return found


def documents_of(session: Session, talk_id: str) -> list[SignedDocument]:
    statement = (
        select(Agreement)
        .where(Agreement.talk_id == talk_id, Agreement.deleted_at.is_(None))
        .order_by(Agreement.signed_on, Agreement.title_vi)
    )
    return [
        SignedDocument(
            a.id, a.title_vi or a.title_lo, "/".join(p for p in (a.number, a.symbol) if p), a.signed_on, a.status
        )
        for a in session.scalars(statement)
    ]
