"""People: names, rank and position histories, passports."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from dnqp_desktop.core.library import Library
from dnqp_desktop.core.services.base import local_today
from tests.core.test_services_common import refused
from tests.helpers import make_lao_unit, make_person, make_unit

XIENG_PHENG = "ຊຽງເພັງ ບົວລະວົງ"


def _passport(number: str = "B1234567", **more: Any) -> dict[str, Any]:
    return {"number": number, "expires_on": "2030-12-31", **more}


def test_a_person_with_ranks_positions_and_passports(library: Library, system) -> None:
    unit = make_unit(library, name_vi="Bộ CHQS tỉnh Tuyên Quang")
    person = library.people.create(
        {
            "name_vi": "Đặng Văn Long",
            "name_en": "Dang Van Long",
            "aliases": ["Đặng V. Long"],
            "unit_id": unit.id,
            "birth_date": "15/03/1972",
            "ranks": [
                {"rank": "colonel", "since": "2020-09-01"},
                {"rank": "senior_lieutenant_colonel", "since": "2016-09-01", "until": "2020-08-31"},
            ],
            "positions": [
                {"title_vi": "Chỉ huy trưởng", "title_lo": "ຫົວໜ້າກອງບັນຊາການ", "unit_id": unit.id, "since": "2021-01-01"}
            ],
            "passports": [
                _passport("b1234567", kind="official", issued_on="2020-01-15", expires_on="2030-01-15"),
                _passport("N9876543", kind="diplomatic", expires_on=date(2029, 6, 30)),
            ],
        },
        actor=system,
    )
    assert person.birth_date == date(1972, 3, 15)
    assert [(r.rank, r.since, r.until) for r in person.ranks] == [
        ("senior_lieutenant_colonel", date(2016, 9, 1), date(2020, 8, 31)),
        ("colonel", date(2020, 9, 1), None),
    ]
    assert person.rank_on(date(2025, 4, 24)).rank == "colonel"
    assert person.rank_on(date(2018, 1, 1)).rank == "senior_lieutenant_colonel"
    assert person.position_on(date(2025, 4, 24)).title_vi == "Chỉ huy trưởng"
    assert [(p.number, p.kind, p.country) for p in person.passports] == [
        ("N9876543", "diplomatic", "VN"),
        ("B1234567", "official", "VN"),
    ]


def test_a_lao_person_may_have_only_a_lao_name(library: Library) -> None:
    person = make_person(library, name_vi="", name_lo=XIENG_PHENG, unit_id=make_lao_unit(library).id)
    assert (person.name_vi, person.name_lo) == ("", XIENG_PHENG)


@pytest.mark.parametrize(
    ("data", "message_id", "field"),
    [
        ({"name_vi": "", "name_lo": ""}, "name_required", "name_vi"),
        ({"name_vi": "  ", "name_lo": None, "name_en": "Long"}, "name_required", "name_vi"),
        ({"name_vi": "Đ" * 201}, "too_long", "name_vi"),
        ({"name_vi": "Đặng\nVăn Long"}, "single_line", "name_vi"),
        ({"name_lo": "ÁñÈ"}, "not_lao_script", "name_lo"),
        ({"name_lo": "Xiengpheng"}, "not_lao_script", "name_lo"),
        ({"birth_date": "31/04/1972"}, "invalid_date", "birth_date"),
        ({"birth_date": local_today() + timedelta(days=1)}, "date_in_future", "birth_date"),
        ({"unit_id": "no-such-unit"}, "reference_missing", "unit_id"),
        ({"aliases": ["x" * 201]}, "too_long", "aliases"),
    ],
)
def test_person_rule_refuses(library: Library, system, data: dict, message_id: str, field: str) -> None:
    refused(
        library, lambda: library.people.create({"name_vi": "Đặng Văn Long", **data}, actor=system), message_id, field
    )


def test_born_today_is_not_the_future(library: Library) -> None:
    assert make_person(library, birth_date=date.today()).birth_date == date.today()


def test_a_person_cannot_belong_to_a_trashed_unit(library: Library, system) -> None:
    unit = make_unit(library)
    library.units.delete(unit.id, actor=system)
    refused(library, lambda: make_person(library, unit_id=unit.id), "reference_deleted", "unit_id")


RANK = {"rank": "major", "since": "2015-01-01"}
POSITION = {"title_vi": "Chính ủy", "since": "2015-05-01"}


@pytest.mark.parametrize(
    ("collection", "rows", "message_id", "field", "row"),
    [
        ("ranks", [{"rank": "đại tá", "since": "2020-01-01"}], "invalid_choice", "rank", 1),
        ("ranks", [RANK, {"rank": "colonel"}], "required", "since", 2),
        ("ranks", [{"rank": None, "since": "2020-01-01"}], "required", "rank", 1),
        ("ranks", [{"rank": "major", "since": "2015-01-01", "until": "2014-12-31"}], "date_order", "until", 1),
        ("ranks", [RANK, {"rank": "colonel", "since": "2020-01-01"}], "rank_overlap", "since", 2),
        ("ranks", [{"rank": "colonel", "since": "2020-01-01"}, RANK], "rank_overlap", "since", 1),
        (
            "ranks",
            [{**RANK, "until": "2020-01-01"}, {"rank": "colonel", "since": "2020-01-01"}],
            "rank_overlap",
            "since",
            2,
        ),
        ("positions", [POSITION, {"title_vi": "Chỉ huy trưởng"}], "required", "since", 2),
        ("positions", [{"since": "2015-05-01"}], "required", "title_vi", 1),
        ("positions", [{**POSITION, "until": "2015-04-30"}], "date_order", "until", 1),
        ("positions", [{**POSITION, "title_lo": "Chinh uy"}], "not_lao_script", "title_lo", 1),
        ("positions", [{**POSITION, "unit_id": "no-such-unit"}], "reference_missing", "unit_id", 1),
        ("passports", [_passport("B 1234567")], "invalid_passport_number", "number", 1),
        ("passports", [_passport("B1234")], "invalid_passport_number", "number", 1),
        ("passports", [_passport("B-123456")], "invalid_passport_number", "number", 1),
        ("passports", [_passport("B" * 21)], "too_long", "number", 1),
        ("passports", [_passport(""), _passport("C7654321")], "required", "number", 1),
        ("passports", [{"number": "B1234567"}], "required", "expires_on", 1),
        ("passports", [_passport(kind="công vụ")], "invalid_choice", "kind", 1),
        ("passports", [_passport(country="VNM")], "invalid_choice", "country", 1),
        ("passports", [_passport(expires_on="2030-02-29")], "invalid_date", "expires_on", 1),
        (
            "passports",
            [_passport(issued_on="2020-01-15", expires_on="2020-01-15")],
            "date_order_strict",
            "expires_on",
            1,
        ),
        (
            "passports",
            [_passport(issued_on="2020-01-15", expires_on="2020-01-14")],
            "date_order_strict",
            "expires_on",
            1,
        ),
        ("passports", [_passport(), _passport("C7654321"), _passport("b1234567")], "duplicate_entry", "number", 3),
    ],
)
def test_child_row_rule_refuses(library: Library, system, collection, rows, message_id, field, row) -> None:
    refused(library, lambda: make_person(library, **{collection: rows}), message_id, field, row=row)
    person = make_person(library, name_vi="Nguyễn Thắng Xuân")
    refused(
        library, lambda: library.people.update(person.id, {collection: rows}, actor=system), message_id, field, row=row
    )


def test_rank_periods_may_follow_each_other_day_after_day(library: Library) -> None:
    person = make_person(library, ranks=[{**RANK, "until": "2019-12-31"}, {"rank": "colonel", "since": "2020-01-01"}])
    assert [r.rank for r in person.ranks] == ["major", "colonel"]
    single_day = make_person(library, name_vi="Một ngày", ranks=[{**RANK, "until": "2015-01-01"}])
    assert single_day.ranks[0].until == date(2015, 1, 1)


def test_a_rank_entered_twice_is_reported_on_the_repeated_row(library: Library) -> None:
    refused(library, lambda: make_person(library, ranks=[RANK, dict(RANK)]), "rank_overlap", "since", row=2)


@pytest.mark.parametrize("country", ["LA", "KH"])
@pytest.mark.parametrize("rank", ["senior_lieutenant_colonel", "senior_lieutenant"])
def test_vietnam_only_ranks_are_refused_for_lao_and_cambodian_units(library: Library, system, country, rank) -> None:
    unit = make_lao_unit(library, country=country, name_lo="ກອງບັນຊາການ")
    ranks = [{"rank": "major", "since": "2010-01-01", "until": "2014-12-31"}, {"rank": rank, "since": "2015-01-01"}]
    error = refused(
        library, lambda: make_person(library, unit_id=unit.id, ranks=ranks), "rank_not_in_army", "rank", row=2
    )
    assert error.params["country"] == country
    # Moving a person with such a rank into a Lao unit is refused as well.
    person = make_person(library, ranks=ranks, unit_id=make_unit(library).id)
    refused(
        library,
        lambda: library.people.update(person.id, {"unit_id": unit.id}, actor=system),
        "rank_not_in_army",
        "rank",
        row=2,
    )


def test_vietnam_only_ranks_are_fine_for_vietnamese_and_unplaced_people(library: Library) -> None:
    ranks = [{"rank": "senior_lieutenant_colonel", "since": "2015-01-01"}]
    assert make_person(library, unit_id=make_unit(library).id, ranks=ranks).ranks[0].rank == ranks[0]["rank"]
    assert make_person(library, name_vi="Chưa có đơn vị", ranks=ranks).ranks[0].rank == ranks[0]["rank"]


# --- passports across people ------------------------------------------------------------------


def test_a_passport_number_is_stored_upper_case_from_six_characters(library: Library) -> None:
    person = make_person(library, passports=[_passport(" b1234567 "), _passport("c12345", expires_on="2031-01-01")])
    assert [p.number for p in person.passports] == ["B1234567", "C12345"]


def test_a_passport_belongs_to_one_person_per_issuing_country(library: Library, system) -> None:
    owner = make_person(library, name_vi="Đặng Văn Long", passports=[_passport()])
    error = refused(
        library,
        lambda: make_person(library, name_vi="Nguyễn Thắng Xuân", passports=[_passport("b1234567")]),
        "duplicate_passport",
        "number",
        row=1,
    )
    assert error.params["owner"] == "Đặng Văn Long" and "Đặng Văn Long" in error.message("en")
    other = make_person(library, name_vi="Nguyễn Thắng Xuân")
    refused(
        library,
        lambda: library.people.update(other.id, {"passports": [_passport("C7654321"), _passport()]}, actor=system),
        "duplicate_passport",
        "number",
        row=2,
    )
    lao = make_person(library, name_vi="", name_lo=XIENG_PHENG, passports=[_passport(country="LA")])
    assert lao.passports[0].country == "LA"
    # Re-saving the owner's own passport is not a clash with itself.
    same = library.people.update(owner.id, {"passports": [_passport(notes="Hộ chiếu công vụ")]}, actor=system)
    assert same.passports[0].number == "B1234567"


def test_a_trashed_persons_passport_number_can_be_reused_but_then_blocks_the_restore(library: Library, system) -> None:
    old = make_person(library, name_vi="Hồ sơ cũ", passports=[_passport()])
    library.people.delete(old.id, actor=system)
    new = make_person(library, name_vi="Hồ sơ mới", passports=[_passport()])
    assert new.passports[0].number == "B1234567"
    error = refused(
        library, lambda: library.people.restore(old.id, actor=system), "duplicate_passport", "number", row=1
    )
    assert error.params["owner"] == "Hồ sơ mới"


def test_same_number_from_another_country_is_another_passport(library: Library) -> None:
    person = make_person(library, passports=[_passport(), _passport(country="LA")])
    assert sorted(p.country for p in person.passports) == ["LA", "VN"]
