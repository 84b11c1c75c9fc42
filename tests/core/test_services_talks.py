"""Talks and meetings: moments with their zone, units and people taking part, status."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from dnqp_desktop.core.library import Library
from tests.core.test_services_common import audit_rows, refused
from tests.helpers import ICT, make_lao_unit, make_person, make_talk, make_unit

START = datetime(2025, 4, 24, 8, 0, tzinfo=ICT)


@pytest.fixture
def sides(library: Library) -> dict[str, Any]:
    return {
        "tq": make_unit(library, name_vi="Bộ CHQS tỉnh Tuyên Quang"),
        "ps": make_lao_unit(library, name_vi="Bộ CHQS tỉnh Phông Xa Lỳ"),
        "long": make_person(library, name_vi="Đặng Văn Long"),
        "xp": make_person(library, name_vi="Xiêng-pheng Bua-lả-vông"),
    }


def test_talks_with_units_participants_and_host(library: Library, system, sides) -> None:
    talk = library.talks.create(
        {
            "kind": "twinning_review",
            "title_vi": "Hội đàm kết quả thực hiện kết nghĩa",
            "title_lo": "ກອງປະຊຸມ",
            "start_at": "2025-04-24T08:00:00+07:00",
            "end_at": datetime(2025, 4, 24, 4, 30, tzinfo=UTC),
            "timezone": "Asia/Vientiane",
            "place_vi": "Phông Xa Lỳ",
            "host_unit_id": sides["ps"].id,
            "status": "held",
            "units": [{"unit_id": sides["tq"].id}, {"unit_id": sides["ps"].id}],
            "participants": [
                {"person_id": sides["long"].id, "role": "chair"},
                {"person_id": sides["xp"].id, "role": "chair"},
            ],
        },
        actor=system,
    )
    assert talk.start_at == START and talk.start_at.tzinfo == UTC and talk.start_at.hour == 1
    assert talk.end_at == datetime(2025, 4, 24, 11, 30, tzinfo=ICT)
    assert (talk.timezone, talk.status, talk.host_unit_id) == ("Asia/Vientiane", "held", sides["ps"].id)
    assert {u.unit_id for u in talk.units} == {sides["tq"].id, sides["ps"].id}
    assert [(p.person_id, p.role, p.position) for p in talk.participants] == [
        (sides["long"].id, "chair", 0),
        (sides["xp"].id, "chair", 1),
    ]


def test_defaults(library: Library) -> None:
    talk = make_talk(library, timezone="  ", participants=[{"person_id": make_person(library).id}])
    assert (talk.timezone, talk.status, talk.end_at) == ("Asia/Ho_Chi_Minh", "planned", None)
    assert talk.participants[0].role == "participant"


def test_the_end_may_be_written_in_another_zone(library: Library) -> None:
    end = datetime(2025, 4, 24, 2, 0, tzinfo=UTC)  # 09:00 in Indochina, an hour after the start
    assert make_talk(library, start_at=START, end_at=end).end_at == end


@pytest.mark.parametrize(
    ("data", "message_id", "field"),
    [
        ({"kind": None}, "required", "kind"),
        ({"kind": "hội đàm"}, "invalid_choice", "kind"),
        ({"title_vi": ""}, "required", "title_vi"),
        ({"title_vi": "x" * 501}, "too_long", "title_vi"),
        ({"title_vi": "Hội đàm\nthường niên"}, "single_line", "title_vi"),
        ({"title_lo": "ÁñÈ"}, "not_lao_script", "title_lo"),
        ({"place_lo": "Phongsaly"}, "not_lao_script", "place_lo"),
        ({"start_at": None}, "required", "start_at"),
        ({"start_at": datetime(2025, 4, 24, 8, 0)}, "datetime_without_zone", "start_at"),
        ({"start_at": "2025-04-24T08:00"}, "datetime_without_zone", "start_at"),
        ({"end_at": "2025-04-24 11:30"}, "datetime_without_zone", "end_at"),
        ({"start_at": "24/04/2025 08:00"}, "invalid_datetime", "start_at"),
        ({"start_at": "2025-02-30T08:00+07:00"}, "invalid_datetime", "start_at"),
        ({"start_at": START.date()}, "invalid_datetime", "start_at"),
        ({"start_at": datetime(1899, 12, 31, tzinfo=UTC)}, "date_out_of_range", "start_at"),
        ({"end_at": START}, "date_order_strict", "end_at"),
        ({"end_at": START - timedelta(minutes=1)}, "date_order_strict", "end_at"),
        ({"end_at": datetime(2025, 4, 24, 8, 30, tzinfo=timezone(timedelta(hours=8)))}, "date_order_strict", "end_at"),
        ({"timezone": "Mars/Olympus"}, "invalid_timezone", "timezone"),
        ({"timezone": "asia/vientiane"}, "invalid_timezone", "timezone"),
        ({"timezone": "UTC+7"}, "invalid_timezone", "timezone"),
        ({"status": "done"}, "invalid_choice", "status"),
        ({"status": "postponed"}, "reason_required", "status_reason"),
        ({"status": "cancelled", "status_reason": "  "}, "reason_required", "status_reason"),
        ({"host_unit_id": "no-such-unit"}, "reference_missing", "host_unit_id"),
        ({"series_id": "x" * 37}, "too_long", "series_id"),
    ],
)
def test_talk_rule_refuses(library: Library, system, data: dict, message_id: str, field: str) -> None:
    valid = {"kind": "annual_talks", "title_vi": "Hội đàm thường niên", "start_at": START}
    refused(library, lambda: library.talks.create({**valid, **data}, actor=system), message_id, field)


@pytest.mark.parametrize("status", ["postponed", "cancelled"])
def test_a_postponed_or_cancelled_talk_with_its_reason(library: Library, system, status: str) -> None:
    talk = make_talk(library)
    refused(
        library,
        lambda: library.talks.update(talk.id, {"status": status}, actor=system),
        "reason_required",
        "status_reason",
    )
    done = library.talks.update(talk.id, {"status": status, "status_reason": "Lũ quét ở Phông Xa Lỳ"}, actor=system)
    assert (done.status, done.status_reason) == (status, "Lũ quét ở Phông Xa Lỳ")


@pytest.mark.parametrize(
    ("rows", "message_id", "field", "row"),
    [
        ({"units": [{"unit_id": "tq"}, {"unit_id": "ps"}, {"unit_id": "tq"}]}, "duplicate_entry", "unit_id", 3),
        ({"units": [{"unit_id": None}]}, "required", "unit_id", 1),
        ({"units": [{"unit_id": "no-such-unit"}]}, "reference_missing", "unit_id", 1),
        ({"participants": [{"person_id": "long"}, {"person_id": "long"}]}, "duplicate_entry", "person_id", 2),
        ({"participants": [{"person_id": "xp", "role": "observer"}]}, "invalid_choice", "role", 1),
        ({"participants": [{"person_id": ""}]}, "required", "person_id", 1),
    ],
)
def test_talk_rows_rule_refuses(library: Library, system, sides, rows, message_id, field, row) -> None:
    def resolve(value: Any) -> Any:
        return sides[value].id if value in sides else value

    data = {name: [{k: resolve(v) for k, v in r.items()} for r in value] for name, value in rows.items()}
    refused(library, lambda: make_talk(library, **data), message_id, field, row=row)


def test_the_host_must_take_part(library: Library, system, sides) -> None:
    other = make_lao_unit(library, name_vi="Bộ CHQS tỉnh Luông Pha Bang")
    units = [{"unit_id": sides["tq"].id}, {"unit_id": sides["ps"].id}]
    refused(
        library,
        lambda: make_talk(library, host_unit_id=other.id, units=units),
        "host_not_participating",
        "host_unit_id",
    )
    talk = make_talk(library, host_unit_id=sides["ps"].id, units=units)
    refused(
        library,
        lambda: library.talks.update(talk.id, {"units": units[:1]}, actor=system),
        "host_not_participating",
        "host_unit_id",
    )
    # Without a list of units yet, any host will do.
    assert make_talk(library, host_unit_id=other.id).host_unit_id == other.id


def test_trashed_people_and_units_cannot_take_part(library: Library, system, sides) -> None:
    library.people.delete(sides["xp"].id, actor=system)
    library.units.delete(sides["ps"].id, actor=system)
    refused(
        library,
        lambda: make_talk(library, participants=[{"person_id": sides["xp"].id}]),
        "reference_deleted",
        "person_id",
        row=1,
    )
    refused(
        library, lambda: make_talk(library, units=[{"unit_id": sides["ps"].id}]), "reference_deleted", "unit_id", row=1
    )
    refused(library, lambda: make_talk(library, host_unit_id=sides["ps"].id), "reference_deleted", "host_unit_id")


def test_the_same_instant_in_another_zone_is_not_a_change(library: Library, system) -> None:
    talk = make_talk(library, start_at=START)
    count = len(audit_rows(library))
    library.talks.update(talk.id, {"start_at": START.astimezone(ZoneInfo("Asia/Tokyo"))}, actor=system)
    assert len(audit_rows(library)) == count


def test_the_audit_trail_spells_a_moment_one_way(library: Library, system) -> None:
    talk = make_talk(library, start_at=START)
    library.talks.update(talk.id, {"start_at": START + timedelta(hours=1)}, actor=system)
    created, updated = (json.loads(row.changes) for row in audit_rows(library)[-2:])
    assert created["start_at"][1] == updated["start_at"][0]
