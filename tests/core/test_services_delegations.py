"""Delegations out and in: dates, members and head, partner units, approval and status."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from dnqp_desktop.core.library import Library
from tests.core.test_services_common import refused
from tests.helpers import make_delegation, make_lao_unit, make_person, make_unit

VALID = {
    "direction": "outgoing",
    "purpose_vi": "Dự hội đàm thường niên",
    "start_date": "20/5/2025",
    "end_date": "24/5/2025",
}


@pytest.fixture
def people(library: Library) -> dict[str, Any]:
    return {
        "head": make_person(library, name_vi="Nguyễn Văn Hải"),
        "member": make_person(library, name_vi="Lê Văn Bình"),
        "chief": make_person(library, name_vi="Trần Văn Chỉ huy"),
        "ps": make_lao_unit(library, name_vi="Bộ CHQS tỉnh Hủa Phăn"),
        "own": make_unit(library, name_vi="Bộ CHQS tỉnh Thanh Hóa", is_own=True),
    }


def test_an_approved_outgoing_delegation(library: Library, system, people) -> None:
    delegation = library.delegations.create(
        {
            **VALID,
            "purpose_lo": "ເຂົ້າຮ່ວມກອງປະຊຸມ",
            "own_unit_id": people["own"].id,
            "head_person_id": people["head"].id,
            "border_gate": "Na Mèo",
            "route": "Thanh Hóa – Na Mèo – Sầm Nưa",
            "cost_vnd": "150000000",
            "status": "approved",
            "decision_number": "1234/QĐ-BCH",
            "decision_date": "10/5/2025",
            "approver_person_id": people["chief"].id,
            "members": [
                {"person_id": people["head"].id, "role": "head"},
                {"person_id": people["member"].id, "role": "interpreter"},
            ],
            "partner_units": [{"unit_id": people["ps"].id}],
        },
        actor=system,
    )
    assert (delegation.start_date, delegation.end_date) == (date(2025, 5, 20), date(2025, 5, 24))
    assert (delegation.cost_vnd, delegation.status, delegation.decision_date) == (
        150_000_000,
        "approved",
        date(2025, 5, 10),
    )
    assert [(m.person_id, m.role, m.position) for m in delegation.members] == [
        (people["head"].id, "head", 0),
        (people["member"].id, "interpreter", 1),
    ]
    assert [u.unit_id for u in delegation.partner_units] == [people["ps"].id]


def test_a_one_day_visit_and_a_big_cost(library: Library) -> None:
    delegation = make_delegation(library, start_date="2025-05-22", end_date=date(2025, 5, 22), cost_vnd=200_000_000_000)
    assert delegation.start_date == delegation.end_date and delegation.cost_vnd == 200_000_000_000
    assert delegation.status == "draft"


@pytest.mark.parametrize(
    ("data", "message_id", "field"),
    [
        ({"direction": None}, "required", "direction"),
        ({"direction": "đoàn ra"}, "invalid_choice", "direction"),
        ({"purpose_vi": " "}, "required", "purpose_vi"),
        ({"purpose_vi": "x" * 1001}, "too_long", "purpose_vi"),
        ({"purpose_lo": "Hop tac"}, "not_lao_script", "purpose_lo"),
        ({"start_date": None}, "required", "start_date"),
        ({"end_date": ""}, "required", "end_date"),
        ({"start_date": "29/02/2025"}, "invalid_date", "start_date"),
        ({"end_date": "19/5/2025"}, "date_order", "end_date"),
        ({"border_gate": "Na Mèo\nNậm Cắn"}, "single_line", "border_gate"),
        ({"cost_vnd": "một trăm"}, "not_integer", "cost_vnd"),
        ({"cost_vnd": "1.5"}, "not_integer", "cost_vnd"),
        ({"cost_vnd": 1.5}, "not_integer", "cost_vnd"),
        ({"cost_vnd": True}, "not_integer", "cost_vnd"),
        ({"cost_vnd": -1}, "below_minimum", "cost_vnd"),
        ({"cost_vnd": "-500"}, "below_minimum", "cost_vnd"),
        ({"status": "approve"}, "invalid_choice", "status"),
        ({"status": "approved"}, "decision_required", "decision_number"),
        ({"status": "approved", "decision_date": "10/5/2025"}, "decision_required", "decision_number"),
        ({"status": "completed", "decision_number": "1234/QĐ-BCH"}, "decision_required", "decision_date"),
        ({"status": "rejected"}, "reason_required", "status_reason"),
        ({"status": "cancelled", "status_reason": ""}, "reason_required", "status_reason"),
        ({"decision_date": "31/04/2025"}, "invalid_date", "decision_date"),
        ({"decision_number": "x" * 51}, "too_long", "decision_number"),
        ({"own_unit_id": "no-such-unit"}, "reference_missing", "own_unit_id"),
        ({"approver_person_id": "no-such-person"}, "reference_missing", "approver_person_id"),
    ],
)
def test_delegation_rule_refuses(library: Library, system, data: dict, message_id: str, field: str) -> None:
    refused(library, lambda: library.delegations.create({**VALID, **data}, actor=system), message_id, field)
    if "status" in data:
        return  # an update never changes the status: the workflow does (test_delegation_workflow.py)
    delegation = make_delegation(library)
    refused(library, lambda: library.delegations.update(delegation.id, data, actor=system), message_id, field)


@pytest.mark.parametrize("status", ["rejected", "cancelled"])
def test_a_rejected_or_cancelled_delegation_with_its_reason(library: Library, system, status: str) -> None:
    """Recorded as it was (a delegation from before the application); the workflow is tested elsewhere."""
    done = make_delegation(library, status=status, status_reason="Hoãn do mưa lũ")
    assert (done.status, done.status_reason) == (status, "Hoãn do mưa lũ")


def test_approval_needs_number_and_date(library: Library, system) -> None:
    refused(
        library,
        lambda: make_delegation(library, status="approved", decision_number="1234/QĐ-BCH"),
        "decision_required",
        "decision_date",
    )
    approved = make_delegation(library, status="approved", decision_number="1234/QĐ-BCH", decision_date="10/05/2025")
    assert (approved.status, approved.decision_number) == ("approved", "1234/QĐ-BCH")
    delegation = approved
    refused(
        library,
        lambda: library.delegations.update(delegation.id, {"decision_number": ""}, actor=system),
        "decision_required",
        "decision_number",
    )


def test_the_head_must_be_a_member(library: Library, system, people) -> None:
    members = [{"person_id": people["member"].id}]
    refused(
        library,
        lambda: make_delegation(library, head_person_id=people["head"].id, members=members),
        "head_not_member",
        "head_person_id",
    )
    delegation = make_delegation(
        library, head_person_id=people["head"].id, members=[{"person_id": people["head"].id}, *members]
    )
    refused(
        library,
        lambda: library.delegations.update(delegation.id, {"members": members}, actor=system),
        "head_not_member",
        "head_person_id",
    )
    # Before the member list is drawn up, the head may be named alone.
    assert make_delegation(library, head_person_id=people["head"].id).head_person_id == people["head"].id


@pytest.mark.parametrize(
    ("rows", "message_id", "field", "row"),
    [
        (
            {"members": [{"person_id": "head"}, {"person_id": "member"}, {"person_id": "head"}]},
            "duplicate_entry",
            "person_id",
            3,
        ),
        ({"members": [{"person_id": "head", "role": "trưởng đoàn"}]}, "invalid_choice", "role", 1),
        ({"members": [{"person_id": None}]}, "required", "person_id", 1),
        ({"members": [{"person_id": "no-such-person"}]}, "reference_missing", "person_id", 1),
        ({"partner_units": [{"unit_id": "ps"}, {"unit_id": "ps"}]}, "duplicate_entry", "unit_id", 2),
        ({"partner_units": [{"unit_id": "no-such-unit"}]}, "reference_missing", "unit_id", 1),
    ],
)
def test_delegation_rows_rule_refuses(library: Library, people, rows, message_id, field, row) -> None:
    data = {
        name: [{k: people[v].id if v in people else v for k, v in r.items()} for r in value]
        for name, value in rows.items()
    }
    refused(library, lambda: make_delegation(library, **data), message_id, field, row=row)


def test_trashed_people_and_units_cannot_join(library: Library, system, people) -> None:
    library.people.delete(people["head"].id, actor=system)
    library.units.delete(people["ps"].id, actor=system)
    refused(
        library,
        lambda: make_delegation(library, head_person_id=people["head"].id),
        "reference_deleted",
        "head_person_id",
    )
    refused(
        library,
        lambda: make_delegation(library, members=[{"person_id": people["head"].id}]),
        "reference_deleted",
        "person_id",
        row=1,
    )
    refused(
        library,
        lambda: make_delegation(library, partner_units=[{"unit_id": people["ps"].id}]),
        "reference_deleted",
        "unit_id",
        row=1,
    )
