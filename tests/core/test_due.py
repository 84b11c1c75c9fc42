"""The start-up dashboard's due items: each kind, its window setting, and the record it opens."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from dnqp_desktop.core.config import Settings
from dnqp_desktop.core.due import due_items
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.plan_progress import is_behind
from tests.helpers import ICT, make_agreement, make_delegation, make_person, make_plan_item, make_talk

TODAY = date(2026, 3, 1)


def _due(library: Library, settings: Settings | None = None) -> set[tuple[str, str, str]]:
    with library.read() as session:
        return {(i.category, i.kind, i.record_id) for i in due_items(session, settings or Settings(), TODAY)}


def at(day: date, hour: int = 8) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=ICT)


def test_each_kind_of_due_item(library: Library, system) -> None:
    soon = make_talk(library, start_at=at(TODAY + timedelta(days=30)), status="confirmed")
    later = make_talk(library, start_at=at(TODAY + timedelta(days=31)))
    held = make_talk(library, start_at=at(date(2026, 2, 1)), status="held")
    minuted = make_talk(library, start_at=at(date(2026, 2, 2)), status="held", minutes="Biên bản")
    waiting = make_delegation(library, status="submitted", start_date=date(2026, 4, 1), end_date=date(2026, 4, 3))
    lan = make_person(library, name_vi="Vi Thị Lan", passports=[{"number": "C1942057", "expires_on": "2026-06-30"}])
    tung = make_person(library, name_vi="Phạm Đức Tùng", passports=[{"number": "B1736204", "expires_on": "2026-08-31"}])
    make_person(library, name_vi="Lê Minh Quang", passports=[{"number": "C3051862", "expires_on": "2026-09-02"}])
    trip = make_delegation(
        library, start_date=date(2026, 5, 1), end_date=date(2026, 5, 3), members=[{"person_id": lan.id}]
    )
    expiring = make_agreement(library, status="signed", signed_on="2025-05-22", valid_to=TODAY + timedelta(days=90))
    make_agreement(library, status="signed", signed_on="2025-05-22", valid_to=TODAY + timedelta(days=91))
    behind = make_plan_item(library, year=2025, target=8, result=3)
    make_plan_item(library, year=2025, target=15, result=16)
    found = _due(library)
    assert found == {
        ("talks_soon", "talk", soon.id),
        ("minutes_missing", "talk", held.id),
        ("awaiting_approval", "delegation", waiting.id),
        ("passports", "person", lan.id),  # runs out before six months after the trip
        ("passports", "person", tung.id),  # within six months of today
        ("agreements_expiring", "agreement", expiring.id),
        ("plan_behind", "plan_item", behind.id),
    }
    assert later.id not in {record_id for *_k, record_id in found} and minuted.id not in str(found)
    assert trip.id not in str(found)


def test_windows_are_settings(library: Library) -> None:
    later = make_talk(library, start_at=at(TODAY + timedelta(days=40)))
    assert ("talks_soon", "talk", later.id) not in _due(library)
    assert ("talks_soon", "talk", later.id) in _due(library, Settings(dashboard_talks_days=45))


def test_behind_schedule_in_proportion_to_the_year() -> None:
    from dnqp_desktop.core.models import PlanItem

    item = PlanItem(year=2026, title_vi="x", target=12, result=2)
    assert not is_behind(item, date(2026, 2, 1))  # 1 of 12 expected by February
    assert is_behind(item, date(2026, 7, 1))  # 6 expected by July
    assert not is_behind(PlanItem(year=2026, title_vi="x", target=12, result=12), date(2026, 12, 31))
    assert not is_behind(PlanItem(year=2026, title_vi="x"), date(2027, 1, 1))
