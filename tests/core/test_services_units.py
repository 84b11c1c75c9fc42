"""Units (own and partner) and the twinnings between them."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from dnqp_desktop.core.library import Library
from dnqp_desktop.core.models.enums import Country, UnitLevel
from tests.core.test_services_common import refused
from tests.helpers import make_lao_unit, make_unit

HUA_PHAN = "ກອງບັນຊາການທະຫານແຂວງຫົວພັນ"
VALID_UNIT = {"country": "VN", "level": "province_command", "name_vi": "Bộ Chỉ huy quân sự tỉnh Tuyên Quang"}


def test_a_unit_with_every_field(library: Library, system) -> None:
    region = make_unit(library, level="military_region", name_vi="Quân khu 2", is_own=True)
    unit = library.units.create(
        {
            "country": Country.VN,
            "level": UnitLevel.PROVINCE_COMMAND,
            "is_own": True,
            "parent_id": region,
            "name_vi": "Bộ Chỉ huy quân sự tỉnh Tuyên Quang",
            "name_lo": "ກອງບັນຊາການທະຫານແຂວງຕວຽນກວາງ",
            "name_en": "Tuyen Quang Provincial Military Command",
            "short_name": "Bộ CHQS tỉnh Tuyên Quang",
            "aliases": ["Tuyên Quang", "BCHQS TQ"],
            "address": "Phường Minh Xuân\nTP Tuyên Quang",
            "contact": "0207 3822 xxx",
            "active_from": "1/7/2025",
            "active_to": None,
            "notes": "Sau sáp nhập tỉnh",
        },
        actor=system,
    )
    assert (unit.country, unit.level, unit.is_own, unit.parent_id) == ("VN", "province_command", True, region.id)
    assert unit.active_from == date(2025, 7, 1) and unit.active_to is None
    assert unit.address == "Phường Minh Xuân\nTP Tuyên Quang"
    assert library.units.get(unit.id).name_lo == "ກອງບັນຊາການທະຫານແຂວງຕວຽນກວາງ"


@pytest.mark.parametrize(
    "value", ["2025-04-24", "24/4/2025", "24/04/2025", "24-04-2025", "24.04.2025", " 24/4/2025 ", date(2025, 4, 24)]
)
def test_accepted_date_formats(library: Library, value: Any) -> None:
    assert make_unit(library, active_from=value).active_from == date(2025, 4, 24)


@pytest.mark.parametrize(
    ("data", "message_id", "field"),
    [
        ({"country": None}, "required", "country"),
        ({"level": ""}, "required", "level"),
        ({"name_vi": "   "}, "required", "name_vi"),
        ({"name_vi": 5}, "not_text", "name_vi"),
        ({"name_vi": "Đ" * 301}, "too_long", "name_vi"),
        ({"short_name": "x" * 81}, "too_long", "short_name"),
        ({"address": "x" * 501}, "too_long", "address"),
        ({"name_vi": "Bộ CHQS\ntỉnh Hủa Phăn"}, "single_line", "name_vi"),
        ({"name_en": "Houaphanh\r\nCommand"}, "single_line", "name_en"),
        ({"country": "VNM"}, "invalid_choice", "country"),
        ({"country": "vn"}, "invalid_choice", "country"),
        ({"level": "tỉnh"}, "invalid_choice", "level"),
        ({"is_own": "có"}, "not_boolean", "is_own"),
        ({"name_lo": "ÁñÈ"}, "not_lao_script", "name_lo"),
        ({"name_lo": "Houaphanh"}, "not_lao_script", "name_lo"),
        ({"aliases": [f"Tên {n}" for n in range(51)]}, "too_many", "aliases"),
        ({"aliases": ["Hủa Phăn", 7]}, "not_text", "aliases"),
        ({"active_from": "2025-02-30"}, "invalid_date", "active_from"),
        ({"active_from": "30/02/2025"}, "invalid_date", "active_from"),
        ({"active_from": "31/04/2025"}, "invalid_date", "active_from"),
        ({"active_from": "24/04/25"}, "invalid_date", "active_from"),
        ({"active_from": "hôm qua"}, "invalid_date", "active_from"),
        ({"active_from": 20250424}, "invalid_date", "active_from"),
        ({"active_to": "31/12/1899"}, "date_out_of_range", "active_to"),
        ({"active_from": "2025-07-01", "active_to": "2025-06-30"}, "date_order", "active_to"),
        ({"parent_id": "no-such-unit"}, "reference_missing", "parent_id"),
        ({"parent_id": 12}, "reference_missing", "parent_id"),
    ],
)
def test_unit_rule_refuses(library: Library, system, data: dict, message_id: str, field: str) -> None:
    refused(library, lambda: library.units.create({**VALID_UNIT, **data}, actor=system), message_id, field)
    unit = make_unit(library)
    refused(library, lambda: library.units.update(unit.id, data, actor=system), message_id, field)


def test_too_long_says_how_long(library: Library, system) -> None:
    error = refused(library, lambda: make_unit(library, short_name="x" * 81), "too_long", "short_name")
    assert error.params == {"max": 80, "length": 81}
    assert "80" in error.message("en") and "81" in error.message("en")


def test_a_unit_may_be_active_for_a_single_day(library: Library) -> None:
    unit = make_unit(library, active_from="30/6/2025", active_to="30/6/2025")
    assert unit.active_from == unit.active_to == date(2025, 6, 30)


def test_a_trashed_unit_cannot_become_a_parent(library: Library, system) -> None:
    region = make_unit(library, level="military_region", name_vi="Quân khu 2")
    library.units.delete(region.id, actor=system)
    refused(library, lambda: make_unit(library, parent_id=region.id), "reference_deleted", "parent_id")


def test_a_unit_cannot_be_its_own_parent(library: Library, system) -> None:
    unit = make_unit(library)
    refused(
        library,
        lambda: library.units.update(unit.id, {"parent_id": unit.id}, actor=system),
        "parent_cycle",
        "parent_id",
    )


def test_a_unit_cannot_be_placed_under_its_own_subordinate(library: Library, system) -> None:
    region = make_unit(library, level="military_region", name_vi="Quân khu 1")
    province = make_unit(library, name_vi="Bộ CHQS tỉnh Thái Nguyên", parent_id=region.id)
    district = make_unit(library, level="regional_defence_command", name_vi="Ban CHPTKV 1", parent_id=province.id)
    for descendant in (province, district):
        action = lambda d=descendant: library.units.update(region.id, {"parent_id": d.id}, actor=system)  # noqa: E731
        refused(library, action, "parent_cycle", "parent_id")
    # Moving a branch elsewhere in the tree is fine.
    other = make_unit(library, level="military_region", name_vi="Quân khu 3")
    assert library.units.update(province.id, {"parent_id": other.id}, actor=system).parent_id == other.id
    assert library.units.update(district.id, {"parent_id": region.id}, actor=system).parent_id == region.id


# --- twinnings -------------------------------------------------------------------------------


@pytest.fixture
def pair(library: Library) -> tuple[Any, Any]:
    tuyen_quang = make_unit(library, name_vi="Bộ CHQS tỉnh Tuyên Quang")
    phongsaly = make_lao_unit(library, name_vi="Bộ CHQS tỉnh Phông Xa Lỳ", name_lo="ກອງບັນຊາການທະຫານແຂວງຜົ້ງສາລີ")
    return tuyen_quang, phongsaly


def _twin(library: Library, actor, a, b, **more: Any) -> Any:
    return library.twinnings.create({"unit_a_id": a.id, "unit_b_id": b.id, **more}, actor=actor)


def test_a_twinning(library: Library, system, pair) -> None:
    a, b = pair
    twinning = _twin(library, system, a, b, since="2017-03-01")
    assert (twinning.unit_a_id, twinning.unit_b_id, twinning.status) == (a.id, b.id, "active")
    assert twinning.since == date(2017, 3, 1) and twinning.ended_on is None
    ended = library.twinnings.update(twinning.id, {"status": "ended", "ended_on": "30/06/2025"}, actor=system)
    assert (ended.status, ended.ended_on, ended.since) == ("ended", date(2025, 6, 30), date(2017, 3, 1))
    for unit in pair:
        assert [t.id for t in library.twinnings.list(filters={"unit_id": unit.id})] == [twinning.id]


@pytest.mark.parametrize(
    ("data", "message_id", "field"),
    [
        ({"unit_a_id": None}, "required", "unit_a_id"),
        ({"unit_b_id": ""}, "required", "unit_b_id"),
        ({"unit_b_id": "no-such-unit"}, "reference_missing", "unit_b_id"),
        ({"status": "kết nghĩa"}, "invalid_choice", "status"),
        ({"since": "2017-02-29"}, "invalid_date", "since"),
        ({"since": "2017-01-01", "ended_on": "2016-12-31"}, "date_order", "ended_on"),
        ({"regulation_id": "no-such-agreement"}, "reference_missing", "regulation_id"),
        ({"notes": "x" * 20_001}, "too_long", "notes"),
    ],
)
def test_twinning_rule_refuses(library: Library, system, pair, data: dict, message_id: str, field: str) -> None:
    a, b = pair
    valid = {"unit_a_id": a.id, "unit_b_id": b.id}
    refused(library, lambda: library.twinnings.create({**valid, **data}, actor=system), message_id, field)


def test_a_unit_cannot_be_twinned_with_itself(library: Library, system, pair) -> None:
    a, _ = pair
    refused(library, lambda: _twin(library, system, a, a), "twinning_same_unit", "unit_b_id")


def test_a_twinning_with_a_trashed_unit_is_refused(library: Library, system, pair) -> None:
    a, b = pair
    library.units.delete(b.id, actor=system)
    refused(library, lambda: _twin(library, system, a, b), "reference_deleted", "unit_b_id")


def test_a_pair_is_twinned_once_whichever_way_round(library: Library, system, pair) -> None:
    a, b = pair
    first = _twin(library, system, a, b, since="2017-03-01")
    refused(library, lambda: _twin(library, system, a, b), "duplicate_twinning", "unit_b_id")
    refused(library, lambda: _twin(library, system, b, a), "duplicate_twinning", "unit_b_id")
    # Editing the twinning itself is not a duplicate of itself.
    assert library.twinnings.update(first.id, {"unit_a_id": b.id, "unit_b_id": a.id}, actor=system).unit_a_id == b.id

    library.twinnings.delete(first.id, actor=system)
    second = _twin(library, system, a, b, since="2018-01-01")
    refused(library, lambda: library.twinnings.restore(first.id, actor=system), "duplicate_twinning", "unit_b_id")
    assert library.twinnings.count() == 1 and library.twinnings.count(trash=True) == 1
    library.twinnings.delete(second.id, actor=system)
    assert library.twinnings.restore(first.id, actor=system).deleted_at is None


def test_moving_a_twinning_onto_an_existing_pair_is_refused(library: Library, system, pair) -> None:
    a, b = pair
    c = make_lao_unit(library, name_vi="Bộ CHQS tỉnh U Đôm Xay")
    _twin(library, system, a, b)
    other = _twin(library, system, a, c)
    refused(
        library,
        lambda: library.twinnings.update(other.id, {"unit_a_id": b.id, "unit_b_id": a.id}, actor=system),
        "duplicate_twinning",
        "unit_b_id",
    )
