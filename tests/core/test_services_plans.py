"""Plan items: year, targets and results, and the percent achieved."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dnqp_desktop.core.library import Library
from tests.core.test_services_common import refused
from tests.helpers import make_agreement, make_plan_item, make_unit

VALID = {"year": 2025, "title_vi": "Tìm kiếm, quy tập hài cốt liệt sĩ"}


def test_a_plan_item_of_the_annual_agreement(library: Library, system) -> None:
    agreement = make_agreement(library)
    unit = make_unit(library)
    item = library.plan_items.create(
        {
            **VALID,
            "agreement_id": agreement.id,
            "unit_id": unit.id,
            "year": "2024",
            "period": "Mùa khô 2023–2024",
            "title_lo": "ຊອກຫາ ແລະ ສົ່ງຄືນອັດຖິ",
            "target": "15",
            "measure": "bộ hài cốt",
            "result": 16,
            "due_date": "30/4/2024",
        },
        actor=system,
    )
    assert (item.year, item.target, item.result, item.percent) == (2024, 15.0, 16.0, Decimal("106.67"))
    assert [i.id for i in library.plan_items.list(filters={"agreement_id": agreement.id, "year": 2024})] == [item.id]
    later = library.plan_items.update(item.id, {"target": 16, "result": "21"}, actor=system)
    assert (later.percent, later.period) == (Decimal("131.25"), "Mùa khô 2023–2024")


@pytest.mark.parametrize(
    ("target", "result", "percent"),
    [
        (15, 16, Decimal("106.67")),
        (16, 21, Decimal("131.25")),
        (200, 200, Decimal("100.00")),
        ("2,5", "1", Decimal("40.00")),
        (3, 0, Decimal("0.00")),
        (0, 5, None),
        (None, 5, None),
        (15, None, None),
    ],
)
def test_percent_achieved(library: Library, target, result, percent) -> None:
    item = make_plan_item(library, target=target, result=result)
    assert item.percent == percent
    assert item.percent is None or item.percent.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("data", "message_id", "field"),
    [
        ({"year": None}, "required", "year"),
        ({"year": 1974}, "below_minimum", "year"),
        ({"year": 2201}, "above_maximum", "year"),
        ({"year": "năm 2025"}, "not_integer", "year"),
        ({"year": 2025.5}, "not_integer", "year"),
        ({"title_vi": ""}, "required", "title_vi"),
        ({"title_vi": "x" * 501}, "too_long", "title_vi"),
        ({"title_lo": "Sok ha"}, "not_lao_script", "title_lo"),
        ({"period": "x" * 101}, "too_long", "period"),
        ({"target": "mười lăm"}, "not_number", "target"),
        ({"target": "15%"}, "not_number", "target"),
        ({"target": "NaN"}, "not_number", "target"),
        ({"target": float("inf")}, "not_number", "target"),
        ({"target": True}, "not_number", "target"),
        ({"target": -1}, "below_minimum", "target"),
        ({"result": "-0,5"}, "below_minimum", "result"),
        ({"due_date": "31/04/2025"}, "invalid_date", "due_date"),
        ({"agreement_id": "no-such-agreement"}, "reference_missing", "agreement_id"),
        ({"unit_id": "no-such-unit"}, "reference_missing", "unit_id"),
    ],
)
def test_plan_item_rule_refuses(library: Library, system, data: dict, message_id: str, field: str) -> None:
    refused(library, lambda: library.plan_items.create({**VALID, **data}, actor=system), message_id, field)
    item = make_plan_item(library)
    refused(library, lambda: library.plan_items.update(item.id, data, actor=system), message_id, field)


@pytest.mark.parametrize("year", [1975, 2200, "2025", 2025.0])
def test_year_limits_are_inclusive(library: Library, year) -> None:
    assert make_plan_item(library, year=year).year == int(year)


def test_a_plan_item_cannot_join_a_trashed_agreement(library: Library, system) -> None:
    agreement = make_agreement(library)
    library.agreements.delete(agreement.id, actor=system)
    refused(library, lambda: make_plan_item(library, agreement_id=agreement.id), "reference_deleted", "agreement_id")


@pytest.mark.parametrize("year", ["--2025", "²⁰²⁵"], ids=["double-minus", "superscript"])
def test_odd_digits_are_refused_not_crashed_on(library: Library, system, year: str) -> None:
    refused(library, lambda: library.plan_items.create({**VALID, "year": year}, actor=system), "not_integer", "year")


@pytest.mark.parametrize("target", ["sNaN", 10**400], ids=["signalling-nan", "ten-to-the-400"])
def test_unreadable_numbers_are_refused_not_crashed_on(library: Library, system, target) -> None:
    refused(
        library, lambda: library.plan_items.create({**VALID, "target": target}, actor=system), "not_number", "target"
    )
