"""The yearly figures a command reports, computed from the records.

For one year and one unit with all its subordinate units: delegations and person-trips by
direction (and per month, for the chart), talks held, agreements signed, twinned pairs, and the
plan items with their percent achieved. The same ``YearlyReport`` feeds the PDF, the workbook,
the report screen and ``dnqp report --json``, so they always agree.

What counts:
- a delegation counts in the year it starts, when it went ahead (approved or completed) and is
  sent or received by a unit in scope; its person-trips are its travellers (members, and the head
  when not listed among them);
- a talk counts when it was held that year and a unit in scope took part or hosted it;
- an agreement counts when it was signed that year (signed, later superseded or expired) and a
  unit in scope is a party;
- a twinned pair counts when a unit in scope is in it and it was in force during the year;
- a plan item counts when it is for that year and belongs to a unit in scope, or to an agreement
  one of whose parties is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.models import Agreement, AgreementParty, Delegation, PlanItem, Talk, Twinning, Unit
from dnqp_desktop.core.plan_progress import is_behind
from dnqp_desktop.core.search.text import fold
from dnqp_desktop.core.services.base import LOCAL_ZONE, year_bounds
from dnqp_desktop.core.services.passport_check import travellers

COUNTED_DELEGATIONS = ("approved", "completed")
SIGNED_AGREEMENTS = ("signed", "superseded", "expired")


@dataclass(frozen=True)
class DirectionFigures:
    delegations: int = 0
    person_trips: int = 0


@dataclass(frozen=True)
class PlanLine:
    record_id: str
    title: str
    measure: str
    target: float | None
    result: float | None
    percent: Decimal | None
    behind: bool
    #: The activity in Lao, for a Lao reader of the report screen ("" when not recorded).
    title_lo: str = ""


@dataclass(frozen=True)
class TwinnedPair:
    record_id: str
    first: str
    second: str
    since: date | None


@dataclass(frozen=True)
class YearlyReport:
    year: int
    unit_id: str
    unit_name: str
    parent_name: str
    unit_names: tuple[str, ...]
    outgoing: DirectionFigures
    incoming: DirectionFigures
    #: (outgoing, incoming) delegations per month, January first.
    per_month: tuple[tuple[int, int], ...]
    talks_held: int
    agreements_signed: int
    twinned_pairs: tuple[TwinnedPair, ...]
    plan: tuple[PlanLine, ...] = field(default=())

    @property
    def delegations(self) -> int:
        return self.outgoing.delegations + self.incoming.delegations

    @property
    def person_trips(self) -> int:
        return self.outgoing.person_trips + self.incoming.person_trips

    def to_json(self) -> dict[str, object]:
        return {
            "year": self.year,
            "unit_id": self.unit_id,
            "unit": self.unit_name,
            "units": list(self.unit_names),
            "delegations": {
                "total": self.delegations,
                "person_trips": self.person_trips,
                "outgoing": {"delegations": self.outgoing.delegations, "person_trips": self.outgoing.person_trips},
                "incoming": {"delegations": self.incoming.delegations, "person_trips": self.incoming.person_trips},
                "per_month": [
                    {"month": m + 1, "outgoing": o, "incoming": i} for m, (o, i) in enumerate(self.per_month)
                ],
            },
            "talks_held": self.talks_held,
            "agreements_signed": self.agreements_signed,
            "twinned_pairs": [
                {"id": p.record_id, "units": [p.first, p.second], "since": p.since.isoformat() if p.since else None}
                for p in self.twinned_pairs
            ],
            "plan_items": [
                {
                    "id": line.record_id,
                    "title": line.title,
                    "measure": line.measure,
                    "target": line.target,
                    "result": line.result,
                    "percent": str(line.percent) if line.percent is not None else None,
                    "behind": line.behind,
                }
                for line in self.plan
            ],
        }


def unit_name(unit: Unit | None) -> str:
    return (unit.name_vi or unit.name_lo or unit.short_name) if unit else ""


def subordinate_ids(session: Session, unit_id: str) -> list[str]:
    """The unit and every unit under it, at any depth (trashed units included: their records count)."""
    children: dict[str | None, list[str]] = {}
    for row_id, parent in session.execute(select(Unit.id, Unit.parent_id)):
        children.setdefault(parent, []).append(row_id)
    found, queue = [unit_id], [unit_id]
    while queue:
        for child in children.get(queue.pop(), []):
            if child not in found:
                found.append(child)
                queue.append(child)
    return found


def find_unit(session: Session, text: str) -> Unit:
    """A live unit by id, short name or full name (accents and case ignored); DomainError otherwise."""
    unit = session.get(Unit, text)
    if unit is not None and unit.deleted_at is None:
        return unit
    wanted = fold(text)
    units = session.scalars(select(Unit).where(Unit.deleted_at.is_(None))).all()

    def names(unit: Unit) -> list[str]:
        return [fold(n) for n in (unit.short_name, unit.name_vi, unit.name_lo, unit.name_en) if n]

    matches = [u for u in units if wanted and wanted in names(u)]
    if not matches:  # a part of a name: "thanh hoa" for "Bộ CHQS Thanh Hóa", when only one unit has it
        matches = [u for u in units if wanted and any(wanted in name for name in names(u))]
    if not matches:
        raise DomainError("unit_not_found", value=text)
    if len(matches) > 1:
        raise DomainError("unit_ambiguous", value=text, names=", ".join(f"{unit_name(u)} [{u.id}]" for u in matches))
    return matches[0]


def yearly_report(session: Session, year: int, unit_id: str, *, today: date | None = None) -> YearlyReport:
    unit = session.get(Unit, unit_id)
    if unit is None or unit.deleted_at is not None:
        raise DomainError("not_found", kind="unit")
    scope = set(subordinate_ids(session, unit_id))
    names = tuple(unit_name(session.get(Unit, uid)) for uid in subordinate_ids(session, unit_id))
    parent = session.get(Unit, unit.parent_id) if unit.parent_id else None

    first, after = date(year, 1, 1), date(year + 1, 1, 1)
    counts = {"outgoing": [0, 0], "incoming": [0, 0]}
    months = [[0, 0] for _ in range(12)]
    statement = select(Delegation).where(
        Delegation.deleted_at.is_(None),
        Delegation.start_date >= first,
        Delegation.start_date < after,
        Delegation.status.in_(COUNTED_DELEGATIONS),
        Delegation.own_unit_id.in_(scope),
    )
    for delegation in session.scalars(statement):
        direction = delegation.direction
        if direction not in counts:
            continue
        counts[direction][0] += 1
        counts[direction][1] += len(travellers(delegation))
        months[delegation.start_date.month - 1][0 if direction == "outgoing" else 1] += 1

    start, end = year_bounds(year, Talk.start_at)
    talks = select(Talk).where(
        Talk.deleted_at.is_(None), Talk.status == "held", Talk.start_at >= start, Talk.start_at < end
    )
    talks_held = sum(
        1 for t in session.scalars(talks) if (t.host_unit_id in scope) or any(u.unit_id in scope for u in t.units)
    )

    signed = (
        select(Agreement.id)
        .join(AgreementParty, AgreementParty.agreement_id == Agreement.id)
        .where(
            Agreement.deleted_at.is_(None),
            Agreement.status.in_(SIGNED_AGREEMENTS),
            Agreement.signed_on >= first,
            Agreement.signed_on < after,
            AgreementParty.unit_id.in_(scope),
        )
        .distinct()
    )
    agreements_signed = len(session.scalars(signed).all())

    pairs = []
    twinnings = select(Twinning).where(
        Twinning.deleted_at.is_(None), (Twinning.unit_a_id.in_(scope)) | (Twinning.unit_b_id.in_(scope))
    )
    for twinning in session.scalars(twinnings):
        began = twinning.since is None or twinning.since < after
        still = twinning.ended_on is None or twinning.ended_on >= first
        if began and still:
            a, b = session.get(Unit, twinning.unit_a_id), session.get(Unit, twinning.unit_b_id)
            pairs.append(TwinnedPair(twinning.id, unit_name(a), unit_name(b), twinning.since))

    agreement_ids = select(AgreementParty.agreement_id).where(AgreementParty.unit_id.in_(scope))
    plan_items = select(PlanItem).where(
        PlanItem.deleted_at.is_(None),
        PlanItem.year == year,
        PlanItem.unit_id.in_(scope) | PlanItem.agreement_id.in_(agreement_ids),
    )
    check_day = today or datetime.now(LOCAL_ZONE).date()
    plan = tuple(
        PlanLine(
            item.id,
            item.title_vi or item.title_lo,
            item.measure,
            item.target,
            item.result,
            item.percent,
            is_behind(item, check_day),
            item.title_lo,
        )
        for item in sorted(session.scalars(plan_items), key=lambda i: (i.title_vi, i.id))
    )
    return YearlyReport(
        year=year,
        unit_id=unit_id,
        unit_name=unit_name(unit),
        parent_name=unit_name(parent),
        unit_names=names,
        outgoing=DirectionFigures(*counts["outgoing"]),
        incoming=DirectionFigures(*counts["incoming"]),
        per_month=tuple((o, i) for o, i in months),
        talks_held=talks_held,
        agreements_signed=agreements_signed,
        twinned_pairs=tuple(sorted(pairs, key=lambda p: (p.first, p.second))),
        plan=plan,
    )
