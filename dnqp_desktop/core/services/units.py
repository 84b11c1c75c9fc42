"""Units and twinnings."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, ClassVar

from sqlalchemy import and_, or_, select
from sqlmodel import Session

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.models import Agreement, Twinning, Unit
from dnqp_desktop.core.models.enums import Country, TwinningStatus, UnitLevel
from dnqp_desktop.core.search import SearchText
from dnqp_desktop.core.services.base import Draft, RecordService
from dnqp_desktop.core.services.checks import date_order
from dnqp_desktop.core.services.rules import Boolean, Choice, DateValue, LaoText, Reference, Text, TextList

NOTES = Text(max_length=20_000, multiline=True)


class UnitService(RecordService[Unit]):
    kind = "unit"
    model = Unit
    fields = {
        "country": Choice(enum=Country, required=True),
        "level": Choice(enum=UnitLevel, required=True),
        "is_own": Boolean(),
        "parent_id": Reference(model=Unit, kind="unit"),
        "name_vi": Text(max_length=300, required=True),
        "name_lo": LaoText(max_length=300),
        "name_en": Text(max_length=300),
        "short_name": Text(max_length=80),
        "aliases": TextList(max_length=300),
        "address": Text(max_length=500, multiline=True),
        "contact": Text(max_length=500, multiline=True),
        "active_from": DateValue(),
        "active_to": DateValue(),
        "notes": NOTES,
    }
    filterable = frozenset({"country", "level", "is_own", "parent_id"})
    default_order = ("name_vi",)

    @classmethod
    def search_texts(cls, session: Session, record: Unit) -> SearchText:
        return SearchText(title=unit_title(record), names=unit_names(record), other=[record.address])

    def check(self, session: Session, draft: Draft) -> Iterator[DomainError]:
        yield from date_order(draft, "active_from", "active_to", kind=self.kind)
        parent_id = draft.get("parent_id")
        if parent_id and draft.record_id and self._is_descendant_or_self(session, parent_id, draft.record_id):
            yield DomainError("parent_cycle", field="parent_id", kind=self.kind)

    @staticmethod
    def _is_descendant_or_self(session: Session, candidate_id: str, unit_id: str) -> bool:
        """Walk up from the proposed parent; meeting ``unit_id`` means the tree would loop."""
        seen: set[str] = set()
        current: str | None = candidate_id
        while current is not None and current not in seen:
            if current == unit_id:
                return True
            seen.add(current)
            current = session.scalar(select(Unit.parent_id).where(Unit.id == current))
        return False


class TwinningService(RecordService[Twinning]):
    kind = "twinning"
    model = Twinning
    fields = {
        "unit_a_id": Reference(model=Unit, kind="unit", required=True),
        "unit_b_id": Reference(model=Unit, kind="unit", required=True),
        "since": DateValue(),
        "ended_on": DateValue(),
        "status": Choice(enum=TwinningStatus, default=TwinningStatus.ACTIVE.value),
        "regulation_id": Reference(model=Agreement, kind="agreement"),
        "notes": NOTES,
    }
    filterable = frozenset({"status", "unit_a_id", "unit_b_id"})
    year_field = "since"
    default_order: ClassVar[tuple[str, ...]] = ("since",)

    @classmethod
    def search_texts(cls, session: Session, record: Twinning) -> SearchText:
        # A twinning has no name of its own: it is found by the names of its two units.
        units = [unit for unit in (session.get(Unit, record.unit_a_id), session.get(Unit, record.unit_b_id)) if unit]
        return SearchText(
            title=" – ".join(unit_title(unit) for unit in units),
            names=[name for unit in units for name in unit_names(unit)],
        )

    @classmethod
    def search_dependents(cls, session: Session, kind: str, record_id: str) -> Sequence[str]:
        if kind != "unit":
            return ()
        either_side = or_(Twinning.unit_a_id == record_id, Twinning.unit_b_id == record_id)
        return session.scalars(select(Twinning.id).where(either_side, Twinning.deleted_at.is_(None))).all()

    def filter_clause(self, name: str, value: Any) -> Any:
        if name == "unit_id":  # either side of the pair
            return or_(Twinning.unit_a_id == value, Twinning.unit_b_id == value)
        return super().filter_clause(name, value)

    def check(self, session: Session, draft: Draft) -> Iterator[DomainError]:
        yield from date_order(draft, "since", "ended_on", kind=self.kind)
        a, b = draft["unit_a_id"], draft["unit_b_id"]
        if a == b:
            yield DomainError("twinning_same_unit", field="unit_b_id", kind=self.kind)
            return
        same_pair = or_(
            and_(Twinning.unit_a_id == a, Twinning.unit_b_id == b),
            and_(Twinning.unit_a_id == b, Twinning.unit_b_id == a),
        )
        statement = select(Twinning.id).where(same_pair, Twinning.deleted_at.is_(None))
        if draft.record_id:
            statement = statement.where(Twinning.id != draft.record_id)
        if session.scalar(statement.limit(1)) is not None:
            yield DomainError("duplicate_twinning", field="unit_b_id", kind=self.kind)


def unit_title(unit: Unit) -> str:
    return unit.name_vi or unit.name_lo


def unit_names(unit: Unit) -> list[str]:
    """Every name a unit is known by, for search: three languages, short name, other spellings."""
    return [unit.name_vi, unit.name_lo, unit.name_en, unit.short_name, *unit.aliases]
