"""Every write leaves an audit row in its own transaction; altering the trail is detected."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from dnqp_desktop.core.library import Library
from dnqp_desktop.core.models import AuditLog
from dnqp_desktop.core.models.enums import Role
from dnqp_desktop.core.services import audit
from dnqp_desktop.core.services.policy import SYSTEM, Actor
from tests.helpers import database_dump, make_unit


def _rows(library: Library) -> list[tuple]:
    with library.read() as session:
        return [
            (row.seq, row.action, row.record_kind, row.actor_name, json.loads(row.changes))
            for row in session.scalars(select(AuditLog).order_by(AuditLog.seq))
        ]


def test_each_write_is_audited_with_before_and_after(library: Library, system) -> None:
    unit = make_unit(library, name_vi="Bộ CHQS tỉnh Điện Biên")
    library.units.update(unit.id, {"short_name": "Bộ CHQS Điện Biên"}, actor=system)
    library.units.delete(unit.id, actor=system)
    library.units.restore(unit.id, actor=system)
    rows = _rows(library)
    assert [(seq, action, kind) for seq, action, kind, _who, _changes in rows] == [
        (1, "create", "unit"),
        (2, "update", "unit"),
        (3, "delete", "unit"),
        (4, "restore", "unit"),
    ]
    assert rows[0][4]["name_vi"] == [None, "Bộ CHQS tỉnh Điện Biên"]
    assert rows[1][4] == {"short_name": ["", "Bộ CHQS Điện Biên"]}
    assert rows[2][4]["deleted_at"][0] is None and rows[2][4]["deleted_at"][1]
    assert all(who == "system" for _seq, _action, _kind, who, _changes in rows)


def _write_some(library: Library, system) -> None:
    unit = make_unit(library)
    for index in range(4):
        library.units.update(unit.id, {"short_name": f"BCH {index}"}, actor=system)


def test_an_untouched_trail_verifies(library: Library, system) -> None:
    _write_some(library, system)
    with library.read() as session:
        assert audit.verify_chain(session) is None


@pytest.mark.parametrize(
    ("tamper", "first_broken"),
    [
        ("UPDATE audit_log SET changes = '{}' WHERE seq = 3", 3),
        ("UPDATE audit_log SET actor_name = 'someone' WHERE seq = 2", 2),
        ("DELETE FROM audit_log WHERE seq = 3", 3),
        (
            "UPDATE audit_log SET seq = -1 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 4;"
            " UPDATE audit_log SET seq = 4 WHERE seq = -1",
            2,
        ),
    ],
    ids=["edit-changes", "edit-actor", "delete", "reorder"],
)
def test_tampering_is_detected_at_the_first_altered_row(
    library: Library, system, tamper: str, first_broken: int
) -> None:
    _write_some(library, system)
    with library.write() as session:
        for statement in tamper.split(";"):
            session.connection().exec_driver_sql(statement)
    with library.read() as session:
        broken = audit.verify_chain(session)
    assert broken is not None
    assert broken.seq == first_broken


def test_recomputing_one_hash_does_not_hide_an_edit(library: Library, system) -> None:
    """Someone who edits a row and fixes its own hash still breaks the link of the next row."""
    _write_some(library, system)
    with library.write() as session:
        entry = session.scalars(select(AuditLog).where(AuditLog.seq == 2)).one()
        entry.actor_name = "someone"
        entry.entry_hash = audit.entry_hash(entry)
    with library.read() as session:
        broken = audit.verify_chain(session)
    assert broken is not None and broken.seq == 3 and broken.reason == "link"


def test_bulk_entries_hash_as_single_entries_do(library: Library) -> None:
    """A bulk import spells the hashed content itself; each hash must be what ``entry_hash`` gives."""
    actor = Actor(username='Đặng "Long" \\ 🎖', role=Role.ADMIN, user_id=None)
    tricky = ['Thủy\nHòa\t"x"', "\\", "\u2028\x00\x1f", "Ệ̃ ຫຼ 🎖", ""]
    entries = [
        (f"id-{index}", {"name_vi": text, "aliases": [text, "Ａ"], "birth_date": "1960-01-01", "ranks": [{"n": 1}]})
        for index, text in enumerate(tricky)
    ]
    with library.write() as session:
        audit.append_audit_many(session, actor, "create", "person", entries)
        audit.append_audit_many(session, SYSTEM, "create", "person", entries[:2])
    with library.read() as session:
        written = list(session.scalars(select(AuditLog).order_by(AuditLog.seq)))
        assert [entry.entry_hash for entry in written] == [audit.entry_hash(entry) for entry in written]
        assert audit.verify_chain(session) is None
    assert json.loads(written[0].changes)["name_vi"] == [None, tricky[0]]


@pytest.mark.parametrize(
    ("tamper", "first_broken", "reason"),
    [
        ("DELETE FROM audit_log WHERE seq = 5", 5, "truncated"),
        ("DELETE FROM audit_log WHERE seq >= 4", 4, "truncated"),
        ("DELETE FROM audit_log", 1, "truncated"),
        ("UPDATE audit_anchor SET last_hash = 'x'", 5, "anchor"),
        ("DELETE FROM audit_anchor", 5, "anchor"),
    ],
    ids=["cut-last", "cut-two", "cut-all", "edit-anchor", "delete-anchor"],
)
def test_cutting_off_the_end_of_the_trail_is_detected(
    library: Library, system, tamper: str, first_broken: int, reason: str
) -> None:
    _write_some(library, system)
    with library.write() as session:
        session.connection().exec_driver_sql(tamper)
    with library.read() as session:
        broken = audit.verify_chain(session)
    assert broken is not None and (broken.seq, broken.reason) == (first_broken, reason)


TAMPERING = {
    "edit": "UPDATE audit_log SET changes = '{}' WHERE seq = 3",
    "delete": "DELETE FROM audit_log WHERE seq = 3",
    "reorder": "UPDATE audit_log SET seq = -1 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 4;"
    " UPDATE audit_log SET seq = 4 WHERE seq = -1",
    "truncate": "DELETE FROM audit_log WHERE seq >= 3",
}


@pytest.mark.parametrize("kind", list(TAMPERING))
def test_dnqp_check_names_the_first_altered_row(library: Library, data_dir, system, kind: str, capsys) -> None:
    from dnqp_desktop.cli import main

    _write_some(library, system)
    with library.read() as session:
        third = session.scalars(select(AuditLog).where(AuditLog.seq == 3)).one().id
    with library.write() as session:
        for statement in TAMPERING[kind].split(";"):
            session.connection().exec_driver_sql(statement)
    library.close()
    assert main(["check", "--data-dir", str(data_dir), "--lang", "en", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    check = next(item for item in report["checks"] if item["name"] == "audit")
    assert not check["ok"]
    assert "no. 3" in check["message"]
    if kind == "truncate":
        assert check["message_id"] == "audit_chain_truncated" and "to 5" in check["message"]
    elif kind != "delete":
        assert third in check["message"] or kind == "reorder"


def test_an_untouched_trail_passes_dnqp_check(library: Library, data_dir, system, capsys) -> None:
    from dnqp_desktop.cli import main

    _write_some(library, system)
    library.close()
    main(["check", "--data-dir", str(data_dir), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert next(item for item in report["checks"] if item["name"] == "audit")["ok"]


def test_viewers_read_the_trail_with_passport_numbers_masked(library: Library, system, viewer, clerk) -> None:
    from dnqp_desktop.core.services import trail
    from tests.helpers import make_person

    passport = {"number": "B1234567", "expires_on": "2030-01-01"}
    person = make_person(library, passports=[passport])
    shown = trail.entries(library, viewer, kind="person", record_id=person.id)[0]
    assert "B1234567" not in json.dumps(shown.changes)
    assert shown.changes["passports"][1][0]["number"] == "••••••67"
    assert trail.entries(library, clerk, kind="person")[0].changes["passports"][1][0]["number"] == "B1234567"
    assert trail.entries(library, viewer, person="system", kind="unit") == []
    assert "system" in trail.people(library) and "person" in trail.kinds(library)


def test_the_trail_names_the_records_a_change_refers_to(library: Library, system) -> None:
    from dnqp_desktop.core.services import trail
    from tests.helpers import make_person

    unit = make_unit(library, name_vi="Bộ CHQS tỉnh Điện Biên")
    person = make_person(library, unit_id=unit.id)
    [entry] = trail.entries(library, system, kind="person", record_id=person.id)
    assert entry.record_title == "Đặng Văn Long"
    assert entry.names == {unit.id: "Bộ CHQS tỉnh Điện Biên"}


def test_a_viewer_does_not_find_people_by_passport_number(library: Library, clerk, viewer) -> None:
    from dnqp_desktop.core.services.private_search import search_as
    from tests.helpers import make_person

    person = make_person(library, passports=[{"number": "C2847193", "expires_on": "2030-01-01"}])
    with library.read() as session:
        assert [hit.record_id for hit in search_as(session, clerk, "C2847193")] == [person.id]
        assert [hit.record_id for hit in search_as(session, clerk, "c2847")] == [person.id]
        assert search_as(session, viewer, "C2847193") == []
        assert search_as(session, viewer, "c2847") == []
        assert [hit.record_id for hit in search_as(session, viewer, "Đặng Văn Long")] == [person.id]


def test_a_viewer_reads_a_person_with_passport_numbers_masked(library: Library, clerk, viewer) -> None:
    from tests.helpers import make_person

    person = make_person(library, passports=[{"number": "C2847193", "expires_on": "2030-01-01"}])
    before = database_dump(library)
    assert [p.number for p in library.people.get_for(person.id, actor=viewer).passports] == ["••••••93"]
    assert [p.number for p in library.people.get_for(person.id, actor=clerk).passports] == ["C2847193"]
    assert database_dump(library) == before  # masking a read copy never reaches the database
    assert [p.number for p in library.people.get(person.id).passports] == ["C2847193"]


def test_reading_as_an_actor_is_refused_inside_a_batch(library: Library, viewer) -> None:
    from tests.helpers import make_person

    person = make_person(library, passports=[{"number": "C2847193", "expires_on": "2030-01-01"}])
    with pytest.raises(RuntimeError), library.batch():
        library.people.get_for(person.id, actor=viewer)
    assert [p.number for p in library.people.get(person.id).passports] == ["C2847193"]
