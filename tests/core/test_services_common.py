"""What every service inherits from RecordService: writing, reading, trash, audit, notices, permissions.

``refused`` is the one way the service tests check a rejection: the error's message id, field and
row, a sentence in Vietnamese and in English with no placeholder left, and an untouched database.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import func, select

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.models import AuditLog, Passport
from dnqp_desktop.core.models.enums import Country
from dnqp_desktop.core.services import audit
from dnqp_desktop.core.services.base import Change
from dnqp_desktop.core.services.policy import SYSTEM
from tests.helpers import (
    ICT,
    database_dump,
    make_agreement,
    make_delegation,
    make_lao_unit,
    make_person,
    make_plan_item,
    make_talk,
    make_unit,
)

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def assert_renders(error: DomainError) -> None:
    for lang in ("vi", "en"):
        text = error.message(lang=lang)
        assert text.strip(), f"{error!r} renders empty in {lang}"
        assert not _PLACEHOLDER.search(text), f"{error!r} leaves a placeholder in {lang}: {text}"


def refused(
    library: Library,
    action: Callable[[], Any],
    message_id: str,
    field: str | None = None,
    *,
    row: int | None = None,
    count: int = 1,
) -> DomainError:
    """Run ``action``, expect exactly ``count`` problems led by ``message_id`` on ``field``, nothing written."""
    before = database_dump(library)
    with pytest.raises(DomainError) as caught:
        action()
    error = caught.value
    found = [(e.message_id, e.field, e.params.get("row")) for e in error.errors]
    assert found[0] == (message_id, field, row), found
    assert len(found) == count, found
    for each in error.errors:
        assert_renders(each)
    assert database_dump(library) == before, "a refused write changed the database"
    return error


def audit_rows(library: Library) -> list[AuditLog]:
    with library.read() as session:
        return list(session.scalars(select(AuditLog).order_by(AuditLog.seq)))


# --- one valid record of every aggregate ------------------------------------------------------


@dataclass(frozen=True)
class Case:
    attr: str
    kind: str
    data: Callable[[Library], dict[str, Any]]
    change: dict[str, Any]


CASES = [
    Case(
        "units",
        "unit",
        lambda lib: {"country": "LA", "level": "province_command", "name_vi": "Bộ CHQS tỉnh Phông Xa Lỳ"},
        {"short_name": "Phông Xa Lỳ"},
    ),
    Case(
        "twinnings",
        "twinning",
        lambda lib: {"unit_a_id": make_unit(lib).id, "unit_b_id": make_lao_unit(lib).id, "since": date(2017, 1, 1)},
        {"notes": "Kết nghĩa từ năm 2017"},
    ),
    Case("people", "person", lambda lib: {"name_vi": "Đặng Văn Long", "birth_date": "1970-03-15"}, {"name_en": "Long"}),
    Case(
        "talks",
        "talk",
        lambda lib: {
            "kind": "twinning_review",
            "title_vi": "Hội đàm",
            "start_at": datetime(2025, 4, 24, 8, tzinfo=ICT),
        },
        {"place_vi": "Phông Xa Lỳ"},
    ),
    Case(
        "delegations",
        "delegation",
        lambda lib: {
            "direction": "outgoing",
            "purpose_vi": "Hội đàm",
            "start_date": "20/5/2025",
            "end_date": "24/5/2025",
        },
        {"border_gate": "Na Mèo"},
    ),
    Case(
        "agreements", "agreement", lambda lib: {"kind": "memorandum", "title_vi": "Biên bản ghi nhớ"}, {"number": "05"}
    ),
    Case(
        "plan_items",
        "plan_item",
        lambda lib: {"year": 2025, "title_vi": "Quy tập hài cốt", "target": 15},
        {"result": 16},
    ),
    Case("users", "user", lambda lib: {"username": "tro.ly", "full_name": "Trợ lý đối ngoại"}, {"role": "clerk"}),
]
IDS = [case.attr for case in CASES]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_create_get_update_trash_and_restore(library: Library, system, case: Case) -> None:
    service = getattr(library, case.attr)
    created = service.create(case.data(library), actor=system)
    assert service.snapshot(service.get(created.id)) == service.snapshot(created)
    updated = service.update(created.id, case.change, actor=system)
    before, after = service.snapshot(created), service.snapshot(updated)
    assert {name: after[name] for name in case.change} != {name: before[name] for name in case.change}
    assert {k: v for k, v in after.items() if k not in case.change} == {
        k: v for k, v in before.items() if k not in case.change
    }, "a partial update touched fields it was not given"
    assert updated.updated_at > created.updated_at

    trashed = service.delete(created.id, actor=system)
    assert trashed.deleted_at is not None
    assert service.count() == 0 and service.list() == []
    assert [r.id for r in service.list(trash=True)] == [created.id] and service.count(trash=True) == 1
    assert service.get(created.id, include_deleted=True).id == created.id
    refused(library, lambda: service.get(created.id), "not_found")
    refused(library, lambda: service.update(created.id, case.change, actor=system), "not_found")
    refused(library, lambda: service.delete(created.id, actor=system), "not_found")

    restored = service.restore(created.id, actor=system)
    assert restored.deleted_at is None and service.count() == 1 and service.count(trash=True) == 0
    refused(library, lambda: service.restore(created.id, actor=system), "not_in_trash")


def _same(logged: Any, value: Any) -> bool:
    """Equal values; moments are compared as instants (see test_services_talks for the offsets)."""
    if logged != value and isinstance(logged, str) and isinstance(value, str):
        try:
            return datetime.fromisoformat(logged) == datetime.fromisoformat(value)
        except ValueError:
            return False
    return logged == value


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_every_write_is_audited_and_announced(library: Library, system, case: Case) -> None:
    service = getattr(library, case.attr)
    data = case.data(library)
    seen: list[Change] = []
    unsubscribe = library.subscribe(seen.extend)
    start = len(audit_rows(library))
    record = service.create(data, actor=system)
    before = service.snapshot(record)
    after = service.snapshot(service.update(record.id, case.change, actor=system))
    service.delete(record.id, actor=system)
    service.restore(record.id, actor=system)

    rows = audit_rows(library)[start:]
    assert [(r.action, r.record_kind, r.record_id, r.actor_name) for r in rows] == [
        (action, case.kind, record.id, "system") for action in ("create", "update", "delete", "restore")
    ]
    created, changed, deleted, restored = (json.loads(r.changes) for r in rows)
    assert all(created[name][0] is None and _same(created[name][1], before[name]) for name in data)
    assert changed == {name: [before[name], after[name]] for name in case.change}
    assert deleted["deleted_at"][0] is None and deleted["deleted_at"][1]
    assert restored == {"deleted_at": [deleted["deleted_at"][1], None]}
    with library.read() as session:
        assert audit.verify_chain(session) is None
    assert seen == [Change(case.kind, record.id, action) for action in ("created", "updated", "deleted", "restored")]
    unsubscribe()
    service.update(record.id, {"notes" if "notes" in service.fields else "full_name": "khác"}, actor=system)
    assert len(seen) == 4


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_an_update_that_changes_nothing_writes_and_announces_nothing(library: Library, system, case) -> None:
    service = getattr(library, case.attr)
    data = case.data(library)
    record = service.update(service.create(data, actor=system).id, case.change, actor=system)
    seen: list[Change] = []
    library.subscribe(seen.extend)
    before = database_dump(library)
    again = service.update(record.id, {**data, **case.change}, actor=system)
    assert again.updated_at == record.updated_at
    assert database_dump(library) == before and seen == []


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_viewer_can_change_nothing(library: Library, system, viewer, case: Case) -> None:
    service = getattr(library, case.attr)
    data = case.data(library)
    live = service.create(data, actor=system)
    refused(library, lambda: service.create(data, actor=viewer), "forbidden")
    refused(library, lambda: service.update(live.id, case.change, actor=viewer), "forbidden")
    refused(library, lambda: service.delete(live.id, actor=viewer), "forbidden")
    service.delete(live.id, actor=system)
    refused(library, lambda: service.restore(live.id, actor=viewer), "forbidden")
    assert service.get(live.id, include_deleted=True).deleted_at is not None


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_an_unknown_field_name_is_a_programming_error(library: Library, system, case: Case) -> None:
    service = getattr(library, case.attr)
    data = case.data(library)
    record = service.create(data, actor=system)
    before = database_dump(library)
    with pytest.raises(ValueError, match="no field"):
        service.create({**data, "colour": "đỏ"}, actor=system)
    with pytest.raises(ValueError, match="no field"):
        service.update(record.id, {"colour": "đỏ"}, actor=system)
    assert database_dump(library) == before


@pytest.mark.parametrize("record_id", ["no-such-id", 42, None])
def test_getting_what_does_not_exist(library: Library, record_id) -> None:
    refused(library, lambda: library.units.get(record_id), "not_found")


def test_all_field_problems_are_reported_together(library: Library, system) -> None:
    error = refused(library, lambda: library.units.create({}, actor=system), "required", "country", count=3)
    assert [e.field for e in error.errors] == ["country", "level", "name_vi"]


# --- listing ---------------------------------------------------------------------------------


def test_list_and_count_filter_order_and_page(library: Library, system) -> None:
    province = make_unit(library, name_vi="C Bộ CHQS tỉnh Điện Biên", is_own=True)
    make_lao_unit(library, name_vi="A Luông Pha Bang", parent_id=None)
    make_lao_unit(library, name_vi="B Phông Xa Lỳ", level="border_guard_command")
    make_unit(library, name_vi="D Ban CHQS huyện Mường Nhé", level="district_command", parent_id=province.id)
    gone = make_lao_unit(library, name_vi="E U Đôm Xay")
    library.units.delete(gone.id, actor=system)

    def names(**kwargs: Any) -> list[str]:
        return [unit.name_vi[0] for unit in library.units.list(**kwargs)]

    assert names() == ["A", "B", "C", "D"]
    assert names(filters={"country": Country.LA}) == ["A", "B"]
    assert library.units.count(filters={"country": "LA", "level": "border_guard_command"}) == 1
    assert names(filters={"is_own": True}) == ["C"]
    assert names(filters={"parent_id": province.id}) == ["D"]
    assert names(order_by=["-name_vi"], limit=2, offset=1) == ["C", "B"]
    assert names(trash=True) == ["E"] and library.units.count(trash=True) == 1
    with pytest.raises(ValueError):
        library.units.list(filters={"colour": "đỏ"})
    with pytest.raises(ValueError):
        library.units.count(filters={"year": 2025})


def test_talks_are_counted_in_the_year_of_their_day_in_indochina(library: Library) -> None:
    make_talk(library, title_vi="A", start_at=datetime(2025, 1, 1, 0, 30, tzinfo=ICT))
    make_talk(library, title_vi="B", start_at=datetime(2024, 12, 31, 23, 30, tzinfo=ICT))
    make_talk(library, title_vi="C", start_at=datetime(2024, 12, 31, 18, 0, tzinfo=UTC))
    assert [talk.title_vi for talk in library.talks.list(filters={"year": 2025})] == ["A", "C"]
    assert [talk.title_vi for talk in library.talks.list(filters={"year": "2024"})] == ["B"]


def _twinning(library: Library, since: date) -> Any:
    a, b = make_unit(library), make_lao_unit(library)
    return library.twinnings.create({"unit_a_id": a.id, "unit_b_id": b.id, "since": since}, actor=SYSTEM)


@pytest.mark.parametrize(
    ("attr", "make"),
    [
        ("delegations", lambda lib, day: make_delegation(lib, start_date=day, end_date=date(2025, 6, 1))),
        ("agreements", lambda lib, day: make_agreement(lib, signed_on=day)),
        ("twinnings", _twinning),
        ("plan_items", lambda lib, day: make_plan_item(lib, year=day.year)),
    ],
)
def test_year_filter(library: Library, system, attr: str, make) -> None:
    inside = make(library, date(2025, 1, 1)).id
    make(library, date(2024, 12, 31))
    service = getattr(library, attr)
    service.delete(make(library, date(2025, 5, 22)).id, actor=system)
    assert [record.id for record in service.list(filters={"year": 2025})] == [inside]
    assert service.count(filters={"year": 2025}) == 1 and service.count(filters={"year": 2025}, trash=True) == 1


# --- child collections -----------------------------------------------------------------------


def _passport(number: str, expires_on: str, **more: Any) -> dict[str, Any]:
    return {"number": number, "expires_on": expires_on, **more}


def test_child_rows_with_id_are_updated_new_ones_added_missing_ones_removed(library: Library, system) -> None:
    person = make_person(library, passports=[_passport("B1111111", "2028-01-01"), _passport("B2222222", "2030-01-01")])
    keep, drop = person.passports
    updated = library.people.update(
        person.id,
        {"passports": [{"id": keep.id, "notes": "Đã gia hạn"}, _passport("C3333333", "2032-01-01")]},
        actor=system,
    )
    assert [(p.number, p.notes) for p in updated.passports] == [("B1111111", "Đã gia hạn"), ("C3333333", "")]
    assert updated.passports[0].id == keep.id and updated.passports[0].created_at == keep.created_at
    assert drop.id not in {p.id for p in updated.passports}
    with library.read() as session:
        assert session.scalar(select(func.count()).select_from(Passport)) == 2, "the removed row was left behind"
    changes = json.loads(audit_rows(library)[-1].changes)
    assert [row["number"] for row in changes["passports"][0]] == ["B1111111", "B2222222"]
    assert [row["number"] for row in changes["passports"][1]] == ["B1111111", "C3333333"]

    untouched = library.people.update(person.id, {"name_en": "Dang Van Long"}, actor=system)
    assert [p.id for p in untouched.passports] == [p.id for p in updated.passports]
    before = database_dump(library)
    library.people.update(person.id, {"passports": [{"id": p.id} for p in untouched.passports]}, actor=system)
    assert database_dump(library) == before, "re-sending the same rows is not a change"


def test_child_rows_keep_the_order_they_are_given(library: Library, system) -> None:
    first, second = make_person(library, name_vi="Một"), make_person(library, name_vi="Hai")
    talk = make_talk(library, participants=[{"person_id": first.id}, {"person_id": second.id}])
    rows = talk.participants
    swapped = library.talks.update(talk.id, {"participants": [{"id": rows[1].id}, {"id": rows[0].id}]}, actor=system)
    assert [(p.person_id, p.position) for p in swapped.participants] == [(second.id, 0), (first.id, 1)]


def test_child_rows_of_another_record_or_with_unknown_fields_are_refused(library: Library, system) -> None:
    other = make_person(library, passports=[_passport("B1111111", "2028-01-01")])
    person = make_person(library, name_vi="Nguyễn Thắng Xuân")
    foreign = {"id": other.passports[0].id, "notes": "x"}
    refused(
        library, lambda: library.people.update(person.id, {"passports": [foreign]}, actor=system), "not_found", row=1
    )
    before = database_dump(library)
    with pytest.raises(ValueError, match="no field"):
        library.people.update(
            person.id, {"passports": [_passport("B9999999", "2030-01-01", colour="đỏ")]}, actor=system
        )
    assert database_dump(library) == before


# --- text --------------------------------------------------------------------------------------


def test_text_is_stored_composed_and_trimmed(library: Library) -> None:
    decomposed = unicodedata.normalize("NFD", "Đặng Văn Long")
    assert decomposed != "Đặng Văn Long"
    person = make_person(library, name_vi=f"  {decomposed}\t", aliases=["  Xiêng-pheng ", "", "   ", decomposed])
    assert person.name_vi == "Đặng Văn Long"
    assert person.aliases == ["Xiêng-pheng", "Đặng Văn Long"]
    unit = make_unit(library, aliases="Phông Xa Lỳ\n\nPhongsaly\nPhông Xa Lỳ \n")
    assert unit.aliases == ["Phông Xa Lỳ", "Phongsaly"]


def test_a_batch_commits_together_and_announces_after(library: Library) -> None:
    seen: list[str] = []
    library.subscribe(lambda changes: seen.extend(change.action for change in changes))
    with library.batch():
        unit = make_unit(library)
        library.units.update(unit.id, {"short_name": "BCH"}, actor=SYSTEM)
        assert seen == []  # nothing is announced before the commit
        assert library.units.get(unit.id).short_name == "BCH"  # reads inside see the batch
    assert seen == ["created", "updated"]
    assert library.units.count() == 1


def test_a_failing_batch_leaves_nothing(library: Library) -> None:
    before = database_dump(library)
    with pytest.raises(DomainError):
        with library.batch():
            make_unit(library)
            make_unit(library, name_vi="")  # refused: the first unit must not stay either
    assert database_dump(library) == before
