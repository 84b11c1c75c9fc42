"""The approval workflow of a delegation, as explicit transitions (like the agreement lifecycle).

    draft ──submit──▶ submitted ──approve──▶ approved ──complete──▶ completed
      ▲                  │  │
      └──return_to_draft─┘  └──reject──▶ rejected
    draft / submitted / approved ──cancel──▶ cancelled

``update`` never changes the status; only these methods do, each in one transaction with its own
audit entry, so the audit trail reads as the procedure did. Rejecting and cancelling need a
reason; approving needs the decision number, its date and the approver, and the approver's role.

Passports: before submission and approval every traveller of an outgoing delegation is checked
(``passport_check``). Submission goes ahead and hands the findings back for the form to show;
approval is refused while a finding stands, unless the approver gives a reason to override it.
The reason, and the findings it overrode, are written to the audit entry of the approval.

``create`` still accepts any status, so that delegations that travelled before the application
existed, imports and the demo data can be recorded as they were.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from dnqp_desktop.core import search
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.models import Delegation, Person
from dnqp_desktop.core.models.base import utcnow
from dnqp_desktop.core.models.enums import DelegationStatus
from dnqp_desktop.core.services import passport_check
from dnqp_desktop.core.services.audit import append_audit
from dnqp_desktop.core.services.base import Change, ServiceHost
from dnqp_desktop.core.services.passport_check import PassportFinding
from dnqp_desktop.core.services.policy import Actor, Permission, require
from dnqp_desktop.core.services.rules import DateValue, Invalid, Reference, Text

DRAFT, SUBMITTED, APPROVED = DelegationStatus.DRAFT, DelegationStatus.SUBMITTED, DelegationStatus.APPROVED
COMPLETED, REJECTED, CANCELLED = DelegationStatus.COMPLETED, DelegationStatus.REJECTED, DelegationStatus.CANCELLED

#: action -> (statuses it starts from, status it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], DelegationStatus]] = {
    "submit": (frozenset({DRAFT}), SUBMITTED),
    "return_to_draft": (frozenset({SUBMITTED, REJECTED}), DRAFT),
    "approve": (frozenset({SUBMITTED}), APPROVED),
    "reject": (frozenset({SUBMITTED}), REJECTED),
    "cancel": (frozenset({DRAFT, SUBMITTED, APPROVED}), CANCELLED),
    "complete": (frozenset({APPROVED}), COMPLETED),
}
DEFAULT_MARGIN_MONTHS = 6
_WORKFLOW_FIELDS = (
    "status",
    "status_reason",
    "submitted_at",
    "decision_number",
    "decision_date",
    "approver_person_id",
    "passport_override_reason",
)


def allowed_actions(status: str) -> list[str]:
    """The actions the form offers for a delegation in ``status``."""
    return [action for action, (sources, _target) in TRANSITIONS.items() if status in sources]


class DelegationWorkflow:
    """Mixed into DelegationService: the transitions and the passport check."""

    kind = "delegation"
    _host: ServiceHost

    if TYPE_CHECKING:  # provided by RecordService

        def _load(self, session: Session, record_id: str, *, include_deleted: bool = False) -> Delegation: ...
        def get(self, record_id: str, *, include_deleted: bool = False) -> Delegation: ...

    # --- passports --------------------------------------------------------------------------

    @property
    def passport_margin_months(self) -> int:
        settings = getattr(self._host, "settings", None)
        return int(getattr(settings, "passport_margin_months", DEFAULT_MARGIN_MONTHS))

    def check_passports(self, record_id: str) -> list[PassportFinding]:
        """One finding per traveller of the stored delegation (none for an incoming one)."""
        with self._host.read() as session:
            record = self._load(session, record_id)
            return passport_check.check_delegation(session, record, self.passport_margin_months)

    # --- transitions ------------------------------------------------------------------------

    def submit(self, record_id: str, *, actor: Actor) -> Delegation:
        """Send for approval; passport findings do not stop it (``check_passports`` shows them)."""
        require(actor, Permission.EDIT_RECORDS)
        return self._transition(record_id, "submit", actor, {"submitted_at": utcnow(), "status_reason": ""})

    def return_to_draft(self, record_id: str, *, actor: Actor, reason: str = "") -> Delegation:
        require(actor, Permission.EDIT_RECORDS)
        return self._transition(record_id, "return_to_draft", actor, {"status_reason": _text(reason)})

    def approve(
        self,
        record_id: str,
        *,
        decision_number: str,
        decision_date: date | str | None,
        approver_person_id: str | None,
        override_reason: str = "",
        actor: Actor,
    ) -> Delegation:
        """Approve with the decision; refused while a passport finding stands without a reason."""
        require(actor, Permission.APPROVE)
        with self._host.read() as session:
            values = self._approval_values(session, decision_number, decision_date, approver_person_id)
        values["passport_override_reason"] = _text(override_reason)
        values["status_reason"] = ""
        return self._transition(record_id, "approve", actor, values, check_passports=True)

    def reject(self, record_id: str, *, reason: str, actor: Actor) -> Delegation:
        require(actor, Permission.APPROVE)
        return self._transition(record_id, "reject", actor, {"status_reason": _reason(reason)})

    def cancel(self, record_id: str, *, reason: str, actor: Actor) -> Delegation:
        require(actor, Permission.EDIT_RECORDS)
        return self._transition(record_id, "cancel", actor, {"status_reason": _reason(reason)})

    def complete(self, record_id: str, *, report: str | None = None, actor: Actor) -> Delegation:
        """The delegation is back; ``report`` (the report after return) may be written now or later."""
        require(actor, Permission.EDIT_RECORDS)
        values: dict[str, Any] = {}
        if report is not None:
            values["report"] = _text(report, multiline=True, max_length=200_000, field="report")
        return self._transition(record_id, "complete", actor, values)

    # --- machinery --------------------------------------------------------------------------

    def _transition(
        self,
        record_id: str,
        action: str,
        actor: Actor,
        values: Mapping[str, Any],
        *,
        check_passports: bool = False,
    ) -> Delegation:
        sources, target = TRANSITIONS[action]
        with self._host.write() as session:
            record = self._load(session, record_id)
            if record.status not in sources:
                raise DomainError(
                    "illegal_transition",
                    field="status",
                    kind=self.kind,
                    status=DelegationStatus(record.status),
                    target=target,
                )
            extra: dict[str, Any] = {}
            if check_passports:
                findings = passport_check.check_delegation(session, record, self.passport_margin_months)
                found = passport_check.problems(findings)
                if found and not values.get("passport_override_reason"):
                    raise DomainError(
                        "passport_problems",
                        field="passport_override_reason",
                        kind=self.kind,
                        count=len(found),
                        names=", ".join(finding.person_name for finding in found),
                    )
                if found:
                    extra["passport_overridden"] = [
                        {
                            "person_id": f.person_id,
                            "status": f.status,
                            "number": f.number,
                            "expires_on": f.expires_on.isoformat() if f.expires_on else None,
                        }
                        for f in found
                    ]
                elif "passport_override_reason" in values:
                    values = {**values, "passport_override_reason": ""}  # nothing to override
            before = _workflow_fields(record)
            for name, value in values.items():
                setattr(record, name, value)
            record.status = target.value
            record.updated_at = utcnow()
            session.flush()
            search.record_written(session, type(self), record)
            append_audit(session, actor, action, self.kind, record.id, before, {**_workflow_fields(record), **extra})
        self._host.announce([Change(self.kind, record_id, "updated")])
        return self.get(record_id)

    def _approval_values(
        self, session: Session, number: str, day: date | str | None, approver: str | None
    ) -> dict[str, Any]:
        errors: list[DomainError] = []
        values: dict[str, Any] = {}
        cleaned_number = _clean(Text(max_length=50), number, session, "decision_number", errors)
        if not errors and not cleaned_number:
            errors.append(DomainError("decision_required", field="decision_number", kind=self.kind))
        values["decision_number"] = cleaned_number
        values["decision_date"] = _clean(DateValue(), day, session, "decision_date", errors)
        if values["decision_date"] is None and not any(e.field == "decision_date" for e in errors):
            errors.append(DomainError("decision_required", field="decision_date", kind=self.kind))
        values["approver_person_id"] = _clean(
            Reference(model=Person, kind="person"), approver, session, "approver_person_id", errors
        )
        if values["approver_person_id"] is None and not any(e.field == "approver_person_id" for e in errors):
            errors.append(DomainError("approver_required", field="approver_person_id", kind=self.kind))
        if errors:
            raise DomainError.combine(errors)
        return values


def _clean(rule: Any, value: Any, session: Session, field: str, errors: list[DomainError]) -> Any:
    try:
        return rule.clean(value, session)
    except Invalid as problem:
        errors.append(DomainError(problem.message_id, field=field, kind="delegation", **problem.params))
        return None


def _text(value: str | None, *, multiline: bool = True, max_length: int = 1000, field: str = "status_reason") -> str:
    try:
        return Text(max_length=max_length, multiline=multiline).clean(value, None)  # type: ignore[arg-type]
    except Invalid as problem:
        raise DomainError(problem.message_id, field=field, kind="delegation", **problem.params) from None


def _reason(value: str | None) -> str:
    text = _text(value)
    if not text:
        raise DomainError("reason_required", field="status_reason", kind="delegation")
    return text


def _workflow_fields(record: Delegation) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in _WORKFLOW_FIELDS:
        value = getattr(record, name)
        values[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return values
