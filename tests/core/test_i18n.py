"""Translations are complete and dates, numbers and money read the way each language writes them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel.messages.pofile import read_po

from dnqp_desktop.core import i18n
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.i18n import _, format_date, format_datetime, format_money, format_number, format_percent
from dnqp_desktop.core.messages import MESSAGES
from dnqp_desktop.tools import catalogs


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("vi", "ngày 24 tháng 4 năm 2025"), ("lo", "ວັນທີ 24 ເມສາ 2025"), ("en", "24 April 2025")],
)
def test_long_dates(lang: str, expected: str) -> None:
    assert format_date(date(2025, 4, 24), lang=lang) == expected


def test_short_and_month_dates() -> None:
    assert format_date(date(2025, 1, 5), "short", lang="vi") == "05/01/2025"
    assert format_date(date(2025, 5, 22), "month", lang="vi") == "tháng 5 năm 2025"
    assert format_date(date(2025, 5, 22), "month", lang="lo") == "ພຶດສະພາ 2025"
    assert format_date(None) == ""


def test_datetimes_are_shown_in_the_records_time_zone() -> None:
    moment = datetime(2025, 4, 24, 1, 30, tzinfo=ZoneInfo("UTC"))
    assert format_datetime(moment, ZoneInfo("Asia/Vientiane"), lang="vi") == "24/04/2025 08:30"


@pytest.mark.parametrize(
    ("lang", "count", "money", "percent"),
    [
        ("vi", "1.384", "200.000.000.000\xa0₫", "106,67%"),
        ("lo", "1.384", "₫200.000.000.000", "106,67%"),
        ("en", "1,384", "₫200,000,000,000", "106.67%"),
    ],
)
def test_numbers_money_and_percent(lang: str, count: str, money: str, percent: str) -> None:
    assert format_number(1384, lang=lang) == count
    assert format_money(200_000_000_000, lang=lang) == money
    assert format_percent(Decimal("106.67"), lang=lang) == percent


def test_parse_number_reads_the_locale_way() -> None:
    assert i18n.parse_number("1.384", "vi") == Decimal("1384")
    assert i18n.parse_number("2.071,5", "vi") == Decimal("2071.5")
    with pytest.raises(ValueError):
        i18n.parse_number("mười", "vi")


def test_language_switch_applies_to_later_calls() -> None:
    i18n.setup("vi")
    assert _("Units") == "Đơn vị"
    i18n.setup("lo")
    assert any("\u0e80" <= ch <= "\u0eff" for ch in _("Units"))
    i18n.setup("en")
    assert _("Units") == "Units"


def test_language_context_restores_the_previous_one() -> None:
    i18n.setup("en")
    with i18n.language("vi"):
        assert _("Trash") == "Thùng rác"
    assert i18n.current_language() == "en"


@pytest.mark.parametrize("code", ["vi_VN", "VI", "lo-LA", "en_GB"])
def test_language_codes_are_normalised(code: str) -> None:
    assert i18n.normalise_language(code) in ("vi", "lo", "en")


def test_unknown_language_is_refused() -> None:
    with pytest.raises(i18n.UnknownLanguage):
        i18n.setup("fr")


def test_domain_errors_read_naturally_in_each_language() -> None:
    error = DomainError("too_long", field="name_vi", kind="unit", max=300, length=301)
    assert error.message("en") == "Name (Vietnamese) is too long: at most 300 characters, 301 given."
    assert "300" in error.message("vi") and "Tên" in error.message("vi")
    assert "300" in error.message("lo")


@pytest.mark.parametrize("lang", ["vi", "lo", "en"])
def test_catalog_is_complete(lang: str) -> None:
    assert list(catalogs.problems(lang)) == []


def test_template_is_up_to_date_with_the_source(tmp_path: Path) -> None:
    fresh = catalogs.extract(tmp_path / "fresh.pot")
    with (catalogs.i18n_dir() / catalogs.POT_NAME).open("rb") as fp:
        committed = read_po(fp)
    assert {m.id for m in fresh if m.id} == {m.id for m in committed if m.id}, "run: make catalogs"


def test_every_core_message_is_in_the_catalogs() -> None:
    with catalogs.po_path("vi").open("rb") as fp:
        vi = read_po(fp)
    assert set(MESSAGES.values()) <= {m.id for m in vi}
