"""Double bookings: a person or a unit in two overlapping talks or delegations."""

from __future__ import annotations

from datetime import date, datetime

from dnqp_desktop.core.library import Library
from dnqp_desktop.core.schedule import bookings, conflicts, conflicts_of
from tests.helpers import ICT, make_delegation, make_lao_unit, make_person, make_talk, make_unit


def test_a_person_in_two_overlapping_bookings(library: Library) -> None:
    long = make_person(library)
    talk = make_talk(
        library,
        start_at=datetime(2026, 4, 24, 8, tzinfo=ICT),
        end_at=datetime(2026, 4, 24, 11, tzinfo=ICT),
        participants=[{"person_id": long.id, "role": "chair"}],
    )
    trip = make_delegation(
        library, start_date=date(2026, 4, 23), end_date=date(2026, 4, 25), members=[{"person_id": long.id}]
    )
    make_talk(library, start_at=datetime(2026, 4, 26, 8, tzinfo=ICT), participants=[{"person_id": long.id}])
    with library.read() as session:
        found = conflicts(session, date(2026, 4, 1), date(2026, 4, 30))
        assert [(c.first.record_id, c.second.record_id, set(c.people)) for c in found] == [
            (trip.id, talk.id, {long.id})
        ]
        assert len(conflicts_of(session, "talk", talk.id)) == 1
        assert len(bookings(session, date(2026, 4, 1), date(2026, 4, 30))) == 3


def test_a_unit_booked_twice_and_the_talk_a_delegation_attends(library: Library, system) -> None:
    th, hp = make_unit(library), make_lao_unit(library)
    units = [{"unit_id": th.id}, {"unit_id": hp.id}]
    talk = make_talk(library, start_at=datetime(2026, 5, 20, 8, tzinfo=ICT), units=units)
    make_delegation(
        library,
        start_date=date(2026, 5, 19),
        end_date=date(2026, 5, 21),
        own_unit_id=th.id,
        partner_units=[{"unit_id": hp.id}],
    )
    with library.read() as session:
        assert conflicts(session, date(2026, 5, 1), date(2026, 5, 31)) == []  # it goes to that talk
    other = make_talk(library, start_at=datetime(2026, 5, 20, 14, tzinfo=ICT), units=[{"unit_id": hp.id}])
    with library.read() as session:
        found = conflicts(session, date(2026, 5, 1), date(2026, 5, 31))
    pairs = {frozenset((c.first.record_id, c.second.record_id)): set(c.units) for c in found}
    assert pairs[frozenset((talk.id, other.id))] == {hp.id}
    assert len(pairs) == 2  # the delegation visits Hủa Phăn while it holds the other talk too
    library.talks.update(other.id, {"status": "cancelled", "status_reason": "Trùng lịch"}, actor=system)
    with library.read() as session:
        assert conflicts(session, date(2026, 5, 1), date(2026, 5, 31)) == []
