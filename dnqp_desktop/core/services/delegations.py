"""Delegations out and in, with members and partner units."""

from __future__ import annotations

from collections.abc import Iterator

from sqlmodel import Session

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.models import Delegation, DelegationMember, DelegationUnit, Person, Unit
from dnqp_desktop.core.models.enums import DelegationStatus, Direction, MemberRole
from dnqp_desktop.core.search import SearchText
from dnqp_desktop.core.services.base import Children, Draft, RecordService, local_today
from dnqp_desktop.core.services.checks import date_order, duplicates
from dnqp_desktop.core.services.delegation_workflow import DelegationWorkflow
from dnqp_desktop.core.services.rules import Choice, DateValue, Integer, LaoText, Reference, Text
from dnqp_desktop.core.services.units import NOTES

NEEDS_DECISION = frozenset({DelegationStatus.APPROVED, DelegationStatus.COMPLETED})
NEEDS_REASON = frozenset({DelegationStatus.REJECTED, DelegationStatus.CANCELLED})

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


class DelegationService(RecordService[Delegation], DelegationWorkflow):
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

    @classmethod
    def search_texts(cls, session: Session, record: Delegation) -> SearchText:
        return SearchText(
            title=record.purpose_vi or record.purpose_lo,
            names=[record.purpose_vi, record.purpose_lo],
            other=[record.border_gate, record.decision_number],
        )

    def check(self, session: Session, draft: Draft) -> Iterator[DomainError]:
        if draft.record_id is not None:
            stored = session.get(Delegation, draft.record_id)
            if stored is not None and stored.status != draft.get("status"):
                # The status moves only through the workflow's actions (delegation_workflow.py).
                yield DomainError("delegation_status_needs_action", field="status", kind=self.kind)
        elif draft.get("status") in NEEDS_DECISION and draft.get("start_date") and draft["start_date"] >= local_today():
            # Recording a past trip as approved is fine; a coming one goes through the passport check.
            yield DomainError("approval_needs_procedure", field="status", kind=self.kind)
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
