"""Delegations out and in, with members and partner units."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sqlmodel import Session

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.models import Delegation, DelegationMember, DelegationUnit, Person, Unit
from dnqp_desktop.core.models.enums import DelegationStatus, Direction, MemberRole
from dnqp_desktop.core.search import SearchText
from dnqp_desktop.core.services.base import Children, Draft, RecordService
from dnqp_desktop.core.services.checks import date_order, duplicates
from dnqp_desktop.core.services.policy import Actor, Permission, require
from dnqp_desktop.core.services.rules import Choice, DateValue, Integer, LaoText, Reference, Text
from dnqp_desktop.core.services.units import NOTES

NEEDS_DECISION = frozenset({DelegationStatus.APPROVED, DelegationStatus.COMPLETED})
NEEDS_REASON = frozenset({DelegationStatus.REJECTED, DelegationStatus.CANCELLED})
#: Statuses only an approver sets or takes back: the decision on an outgoing delegation.
DECISIONS = frozenset({DelegationStatus.APPROVED.value, DelegationStatus.REJECTED.value})

MEMBERS = Children(
    kind="delegation_member",
    model=DelegationMember,
    fields={
        "person_id": Reference(model=Person, kind="person", required=True),
        "role": Choice(enum=MemberRole, default=MemberRole.MEMBER.value),
    },
    position_field="position",
)
PARTNER_UNITS = Children(
    kind="delegation_unit", model=DelegationUnit, fields={"unit_id": Reference(model=Unit, kind="unit", required=True)}
)


class DelegationService(RecordService[Delegation]):
    kind = "delegation"
    model = Delegation
    fields = {
        "direction": Choice(enum=Direction, required=True),
        "purpose_vi": Text(max_length=1000, required=True, multiline=True),
        "purpose_lo": LaoText(max_length=1000, multiline=True),
        "own_unit_id": Reference(model=Unit, kind="unit"),
        "head_person_id": Reference(model=Person, kind="person"),
        "start_date": DateValue(required=True),
        "end_date": DateValue(required=True),
        "border_gate": Text(max_length=200),
        "route": Text(max_length=1000, multiline=True),
        "cost_vnd": Integer(minimum=0),
        "gifts": NOTES,
        "status": Choice(enum=DelegationStatus, default=DelegationStatus.DRAFT.value),
        "status_reason": Text(max_length=1000, multiline=True),
        "decision_number": Text(max_length=50),
        "decision_date": DateValue(),
        "approver_person_id": Reference(model=Person, kind="person"),
        "passport_override_reason": Text(max_length=1000, multiline=True),
        "report": Text(max_length=200_000, multiline=True),
        "notes": NOTES,
    }
    children = {"members": MEMBERS, "partner_units": PARTNER_UNITS}
    filterable = frozenset({"direction", "status", "own_unit_id"})
    year_field = "start_date"
    default_order = ("start_date",)

    def create(self, data: Mapping[str, Any], *, actor: Actor) -> Delegation:
        require(actor, self.permission("create"))
        self._require_decision_right(actor, None, data)
        return super().create(data, actor=actor)

    def update(self, record_id: str, data: Mapping[str, Any], *, actor: Actor) -> Delegation:
        """Clerks edit delegations; approving or rejecting one (or undoing that) needs an approver."""
        require(actor, self.permission("update"))
        with self._host.read() as session:
            current = self._load(session, record_id).status
        self._require_decision_right(actor, current, data)
        return super().update(record_id, data, actor=actor)

    def approve(self, record_id: str, *, decision_number: str, decision_date: Any, actor: Actor) -> Delegation:
        """The approver's decision: the status and the decision's number and date, in one write."""
        require(actor, Permission.APPROVE)
        data = {"status": DelegationStatus.APPROVED, "decision_number": decision_number, "decision_date": decision_date}
        return self.update(record_id, data, actor=actor)

    def reject(self, record_id: str, *, reason: str, actor: Actor) -> Delegation:
        require(actor, Permission.APPROVE)
        return self.update(record_id, {"status": DelegationStatus.REJECTED, "status_reason": reason}, actor=actor)

    @staticmethod
    def _require_decision_right(actor: Actor, current: str | None, data: Mapping[str, Any]) -> None:
        wanted = data.get("status", current)
        wanted = getattr(wanted, "value", wanted)
        if wanted != current and (wanted in DECISIONS or current in DECISIONS):
            require(actor, Permission.APPROVE)

    @classmethod
    def search_texts(cls, session: Session, record: Delegation) -> SearchText:
        return SearchText(
            title=record.purpose_vi or record.purpose_lo,
            names=[record.purpose_vi, record.purpose_lo],
            other=[record.border_gate, record.decision_number],
        )

    def check(self, session: Session, draft: Draft) -> Iterator[DomainError]:
        yield from date_order(draft, "start_date", "end_date", kind=self.kind)
        members = draft.children["members"]
        yield from duplicates(members, "person_id", kind="delegation_member", collection="members")
        yield from duplicates(
            draft.children["partner_units"], "unit_id", kind="delegation_unit", collection="partner_units"
        )
        head = draft.get("head_person_id")
        if head and members and head not in {row["person_id"] for row in members}:
            yield DomainError("head_not_member", field="head_person_id", kind=self.kind)
        status = draft.get("status")
        if status in NEEDS_DECISION and not (draft.get("decision_number") and draft.get("decision_date")):
            field = "decision_number" if not draft.get("decision_number") else "decision_date"
            yield DomainError("decision_required", field=field, kind=self.kind)
        if status in NEEDS_REASON and not draft.get("status_reason"):
            yield DomainError("reason_required", field="status_reason", kind=self.kind)
