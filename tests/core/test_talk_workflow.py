"""Talk statuses move only along the allowed transitions; periodic series alternate their host."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from dnqp_desktop.core.library import Library
from tests.core.test_services_common import refused
from tests.helpers import ICT, make_lao_unit, make_talk, make_unit

PAST = datetime(2025, 5, 22, 8, 0, tzinfo=ICT)
FUTURE = datetime.now(ICT).replace(microsecond=0) + timedelta(days=40)


def _talk_in(library: Library, status: str, start: datetime = PAST):
    extra = {"status_reason": "Lý do"} if status in ("postponed", "cancelled") else {}
    return make_talk(library, status=status, start_at=start, **extra)


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("planned", "confirmed"),
        ("planned", "postponed"),
        ("planned", "cancelled"),
        ("confirmed", "held"),
        ("confirmed", "postponed"),
        ("confirmed", "cancelled"),
        ("confirmed", "planned"),
        ("postponed", "planned"),
        ("postponed", "confirmed"),
        ("postponed", "cancelled"),
    ],
)
def test_allowed_transitions(library: Library, system, start: str, target: str) -> None:
    talk = _talk_in(library, start)
    data = {"status": target, "status_reason": "Theo đề nghị của bạn" if target in ("postponed", "cancelled") else ""}
    assert library.talks.update(talk.id, data, actor=system).status == target


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("planned", "held"),
        ("held", "planned"),
        ("held", "cancelled"),
        ("cancelled", "planned"),
        ("cancelled", "confirmed"),
        ("postponed", "held"),
    ],
)
def test_illegal_transitions(library: Library, system, start: str, target: str) -> None:
    talk = _talk_in(library, start)
    data = {"status": target, "status_reason": "x" if target in ("postponed", "cancelled") else ""}
    error = refused(library, lambda: library.talks.update(talk.id, data, actor=system), "illegal_transition", "status")
    assert error.params["status"] == start and error.params["target"] == target


def test_a_talk_is_not_held_before_it_starts(library: Library, system) -> None:
    talk = _talk_in(library, "confirmed", FUTURE)
    refused(
        library,
        lambda: library.talks.update(talk.id, {"status": "held"}, actor=system),
        "talk_not_yet_held",
        "status",
    )


def test_minutes_and_agenda_are_kept(library: Library, system) -> None:
    talk = _talk_in(library, "confirmed")
    held = library.talks.update(
        talk.id, {"status": "held", "agenda": "1. Đánh giá", "minutes": "Hai bên thống nhất."}, actor=system
    )
    assert (held.status, held.agenda, held.minutes) == ("held", "1. Đánh giá", "Hai bên thống nhất.")


def test_a_yearly_series_alternates_its_host(library: Library, system) -> None:
    th = make_unit(library, name_vi="Bộ CHQS tỉnh Thanh Hóa")
    hp = make_lao_unit(library)
    talks = library.talks.create_series(
        {
            "kind": "periodic_briefing",
            "title_vi": "Giao ban định kỳ",
            "start_at": datetime(2026, 3, 20, 8, 0, tzinfo=ICT),
            "end_at": datetime(2026, 3, 20, 11, 0, tzinfo=ICT),
            "place_vi": "Thanh Hóa",
            "host_unit_id": th.id,
            "units": [{"unit_id": th.id}, {"unit_id": hp.id}],
        },
        occurrences=4,
        actor=system,
    )
    assert [t.host_unit_id for t in talks] == [th.id, hp.id, th.id, hp.id]
    assert [t.start_at.astimezone(ICT).date().isoformat() for t in talks] == [
        "2026-03-20",
        "2027-03-20",
        "2028-03-20",
        "2029-03-20",
    ]
    assert len({t.series_id for t in talks}) == 1 and talks[0].series_id
    assert [t.place_vi for t in talks] == ["Thanh Hóa", "", "Thanh Hóa", ""]
    assert library.talks.count(filters={"series_id": talks[0].series_id}) == 4


def test_a_series_needs_two_sides_to_alternate(library: Library, system) -> None:
    th = make_unit(library)
    data = {"kind": "annual_talks", "title_vi": "Hội đàm", "start_at": PAST, "host_unit_id": th.id}
    refused(
        library,
        lambda: library.talks.create_series(data, occurrences=3, actor=system),
        "series_needs_two_sides",
        "host_unit_id",
    )
    refused(
        library,
        lambda: library.talks.create_series(data, occurrences=0, alternate_host=False, actor=system),
        "series_size",
        "series_id",
    )
    # all or nothing: a bad row in the middle writes nothing
    bad = {**data, "units": [{"unit_id": th.id}, {"unit_id": make_lao_unit(library).id}], "end_at": PAST}
    refused(
        library,
        lambda: library.talks.create_series(bad, occurrences=3, actor=system),
        "date_order_strict",
        "end_at",
    )
