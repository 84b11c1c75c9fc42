"""The delegation approval workflow and the passport check, boundary days included."""

from __future__ import annotations

import json
from datetime import date

import pytest

from dnqp_desktop.core.config import Settings
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.models.enums import Role
from dnqp_desktop.core.services.passport_check import add_months
from dnqp_desktop.core.services.policy import Actor
from tests.core.test_services_common import audit_rows, refused
from tests.helpers import make_delegation, make_person

RETURN = date(2025, 5, 24)  # make_delegation: 20 May to 24 May 2025
DECISION = {"decision_number": "215/QĐ-BCH", "decision_date": "12/05/2025"}


@pytest.fixture
def approver(library: Library):
    return make_person(library, name_vi="Trần Văn Thịnh")


def _traveller(library: Library, name: str, expires: date | None):
    number = f"C{abs(hash(name)) % 10_000_000:07d}"
    passports = [{"number": number, "expires_on": expires}] if expires else []
    return make_person(library, name_vi=name, passports=passports)


def _submitted(library: Library, system, *people) -> str:
    members = [{"person_id": person.id} for person in people]
    delegation = make_delegation(library, members=members)
    library.delegations.submit(delegation.id, actor=system)
    return delegation.id


def _approve(library: Library, system, record_id: str, approver, **more):
    return library.delegations.approve(record_id, **DECISION, approver_person_id=approver.id, actor=system, **more)


def test_the_whole_way_draft_to_completed(library: Library, system, approver) -> None:
    person = _traveller(library, "Lê Minh Quang", date(2030, 1, 1))
    record_id = _submitted(library, system, person)
    assert library.delegations.get(record_id).status == "submitted"
    assert library.delegations.get(record_id).submitted_at is not None
    approved = _approve(library, system, record_id, approver)
    assert (approved.status, approved.decision_number, approved.decision_date, approved.approver_person_id) == (
        "approved",
        "215/QĐ-BCH",
        date(2025, 5, 12),
        approver.id,
    )
    done = library.delegations.complete(record_id, report="Đoàn hoàn thành nhiệm vụ.", actor=system)
    assert (done.status, done.report) == ("completed", "Đoàn hoàn thành nhiệm vụ.")
    actions = [row.action for row in audit_rows(library) if row.record_id == record_id]
    assert actions == ["create", "submit", "approve", "complete"]


@pytest.mark.parametrize(
    ("start", "action", "args"),
    [
        ("draft", "approve", {}),
        ("draft", "reject", {"reason": "x"}),
        ("draft", "complete", {}),
        ("submitted", "submit", {}),
        ("submitted", "complete", {}),
        ("approved", "submit", {}),
        ("approved", "reject", {"reason": "x"}),
        ("completed", "cancel", {"reason": "x"}),
        ("rejected", "approve", {}),
        ("cancelled", "submit", {}),
    ],
)
def test_illegal_transitions_are_refused(library: Library, system, approver, start, action, args) -> None:
    data = {"status": start}
    if start in ("approved", "completed"):
        data.update(DECISION)
    if start in ("rejected", "cancelled"):
        data["status_reason"] = "Lý do"
    delegation = make_delegation(library, **data)
    if action == "approve":
        args = {**DECISION, "approver_person_id": approver.id}
    method = getattr(library.delegations, action)
    error = refused(library, lambda: method(delegation.id, actor=system, **args), "illegal_transition", "status")
    assert start in error.params["status"] and "“" in error.message("vi")


@pytest.mark.parametrize(
    ("start", "action", "target"),
    [
        ("draft", "cancel", "cancelled"),
        ("submitted", "cancel", "cancelled"),
        ("approved", "cancel", "cancelled"),
        ("submitted", "reject", "rejected"),
        ("submitted", "return_to_draft", "draft"),
        ("rejected", "return_to_draft", "draft"),
    ],
)
def test_legal_transitions_with_reasons(library: Library, system, start, action, target) -> None:
    data = {"status": start, **(DECISION if start == "approved" else {})}
    if start == "rejected":
        data["status_reason"] = "Chưa đủ hồ sơ"
    delegation = make_delegation(library, **data)
    method = getattr(library.delegations, action)
    if action in ("cancel", "reject"):
        refused(library, lambda: method(delegation.id, reason="  ", actor=system), "reason_required", "status_reason")
        done = method(delegation.id, reason="Mưa lũ", actor=system)
        assert done.status_reason == "Mưa lũ"
    else:
        done = method(delegation.id, actor=system)
    assert done.status == target


def test_update_cannot_change_the_status(library: Library, system) -> None:
    delegation = make_delegation(library)
    refused(
        library,
        lambda: library.delegations.update(delegation.id, {"status": "submitted"}, actor=system),
        "delegation_status_needs_action",
        "status",
    )
    # other fields still change, whatever the status
    assert library.delegations.update(delegation.id, {"border_gate": "Na Mèo"}, actor=system).border_gate == "Na Mèo"


@pytest.mark.parametrize(
    ("values", "field", "message_id"),
    [
        ({"decision_number": ""}, "decision_number", "decision_required"),
        ({"decision_date": None}, "decision_date", "decision_required"),
        ({"decision_date": "31/04/2025"}, "decision_date", "invalid_date"),
        ({"approver_person_id": None}, "approver_person_id", "approver_required"),
        ({"approver_person_id": "nobody"}, "approver_person_id", "reference_missing"),
    ],
)
def test_approval_needs_decision_and_approver(library: Library, system, approver, values, field, message_id) -> None:
    record_id = _submitted(library, system)
    arguments = {**DECISION, "approver_person_id": approver.id, **values}
    refused(library, lambda: library.delegations.approve(record_id, **arguments, actor=system), message_id, field)


def test_roles(library: Library, clerk, approver) -> None:
    record_id = _submitted(library, clerk)
    refused(
        library,
        lambda: library.delegations.approve(record_id, **DECISION, approver_person_id=approver.id, actor=clerk),
        "forbidden",
    )
    refused(library, lambda: library.delegations.reject(record_id, reason="x", actor=clerk), "forbidden")
    boss = Actor(username="chief", role=Role.APPROVER)
    assert _approve(library, boss, record_id, approver).status == "approved"


# --- passports -----------------------------------------------------------------------------------

NEEDED = add_months(RETURN, 6)  # 24 November 2025


@pytest.mark.parametrize(
    ("expires", "status"),
    [
        (None, "missing"),
        (date(2025, 5, 19), "expired"),  # the day before departure
        (date(2025, 5, 20), "too_short"),  # valid on the day of departure only
        (date(2025, 11, 23), "too_short"),  # one day short of six months
        (NEEDED, "ok"),  # exactly six months after the return
        (date(2025, 11, 25), "ok"),
    ],
)
def test_passport_cases_and_boundary_days(library: Library, system, expires, status) -> None:
    person = _traveller(library, "Vi Thị Lan", expires)
    record_id = _submitted(library, system, person)
    [finding] = library.delegations.check_passports(record_id)
    assert (finding.person_id, finding.status, finding.needed_until) == (person.id, status, NEEDED)


def test_the_newest_passport_counts_and_the_head_is_checked(library: Library, system) -> None:
    person = make_person(
        library,
        name_vi="Phạm Đức Tùng",
        passports=[
            {"number": "B1736204", "expires_on": date(2025, 1, 1)},
            {"number": "C9999999", "expires_on": date(2031, 1, 1)},
        ],
    )
    head = _traveller(library, "Lê Minh Quang", None)
    delegation = make_delegation(library, head_person_id=head.id)
    findings = library.delegations.check_passports(delegation.id)
    assert [(f.person_id, f.status) for f in findings] == [(head.id, "missing")]
    other = make_delegation(library, members=[{"person_id": person.id}])
    [finding] = library.delegations.check_passports(other.id)
    assert (finding.status, finding.number) == ("ok", "C9999999")


def test_incoming_delegations_are_not_checked(library: Library) -> None:
    person = _traveller(library, "Khăm-phon", None)
    delegation = make_delegation(library, direction="incoming", members=[{"person_id": person.id}])
    assert library.delegations.check_passports(delegation.id) == []


def test_the_margin_is_a_setting(library: Library, system) -> None:
    person = _traveller(library, "Vi Thị Lan", date(2025, 8, 24))  # three months after the return
    record_id = _submitted(library, system, person)
    assert library.delegations.check_passports(record_id)[0].status == "too_short"
    library.save_settings(Settings(passport_margin_months=3), actor=system)
    assert library.delegations.check_passports(record_id)[0].status == "ok"


def test_submission_warns_but_approval_is_refused_until_overridden(library: Library, system, approver) -> None:
    lan = _traveller(library, "Vi Thị Lan", date(2025, 9, 30))
    tung = _traveller(library, "Phạm Đức Tùng", None)
    ok = _traveller(library, "Lê Minh Quang", date(2030, 1, 1))
    record_id = _submitted(library, system, lan, tung, ok)  # submission is not refused
    statuses = [(f.person_name, f.status) for f in library.delegations.check_passports(record_id)]
    assert statuses == [("Vi Thị Lan", "too_short"), ("Phạm Đức Tùng", "missing"), ("Lê Minh Quang", "ok")]
    error = refused(
        library, lambda: _approve(library, system, record_id, approver), "passport_problems", "passport_override_reason"
    )
    assert error.params["count"] == 2 and "Vi Thị Lan" in error.message("vi")
    refused(
        library,
        lambda: _approve(library, system, record_id, approver, override_reason="   "),
        "passport_problems",
        "passport_override_reason",
    )
    reason = "Hộ chiếu mới đang làm thủ tục, có trước ngày xuất cảnh"
    approved = _approve(library, system, record_id, approver, override_reason=reason)
    assert (approved.status, approved.passport_override_reason) == ("approved", reason)
    entry = audit_rows(library)[-1]
    changes = json.loads(entry.changes)
    assert entry.action == "approve" and entry.actor_name == "system"
    assert changes["passport_override_reason"] == ["", reason]
    overridden = changes["passport_overridden"][1]
    assert [(row["person_id"], row["status"]) for row in overridden] == [(lan.id, "too_short"), (tung.id, "missing")]


def test_resolving_the_passport_lets_approval_through(library: Library, system, approver) -> None:
    lan = _traveller(library, "Vi Thị Lan", date(2025, 9, 30))
    record_id = _submitted(library, system, lan)
    refused(
        library, lambda: _approve(library, system, record_id, approver), "passport_problems", "passport_override_reason"
    )
    library.people.update(lan.id, {"passports": [{"number": "C7654321", "expires_on": "2032-01-01"}]}, actor=system)
    approved = _approve(library, system, record_id, approver, override_reason="không cần")
    assert approved.passport_override_reason == ""  # nothing was overridden


def test_a_coming_trip_cannot_be_recorded_as_approved(library: Library, system) -> None:
    """Only past trips are recorded with their final status; a coming one passes the passport check."""
    from datetime import timedelta

    from dnqp_desktop.core.services.base import local_today

    start = local_today() + timedelta(days=1)
    data = {**DECISION, "start_date": start, "end_date": start + timedelta(days=2)}
    for status in ("approved", "completed"):
        refused(
            library, lambda s=status: make_delegation(library, status=s, **data), "approval_needs_procedure", "status"
        )
    assert make_delegation(library, status="submitted", start_date=start, end_date=start).status == "submitted"
    past = local_today() - timedelta(days=10)
    assert (
        make_delegation(library, status="completed", **{**data, "start_date": past, "end_date": past}).status
        == "completed"
    )
