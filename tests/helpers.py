"""Test helpers: record factories and database comparisons (no mocks: real services, real SQLite)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from dnqp_desktop.core.library import Library
from dnqp_desktop.core.services.policy import SYSTEM

ICT = ZoneInfo("Asia/Ho_Chi_Minh")


def database_dump(library: Library) -> list[str]:
    """Every row of every table, as SQL text: equal dumps mean an unchanged database."""
    raw = library.engine.raw_connection()
    try:
        return list(raw.driver_connection.iterdump())
    finally:
        raw.close()


def make_unit(library: Library, **values: Any) -> Any:
    data = {"country": "VN", "level": "province_command", "name_vi": "Bộ Chỉ huy quân sự tỉnh Thanh Hóa"}
    return library.units.create({**data, **values}, actor=SYSTEM)


def make_lao_unit(library: Library, **values: Any) -> Any:
    data = {
        "country": "LA",
        "level": "province_command",
        "name_vi": "Bộ Chỉ huy quân sự tỉnh Hủa Phăn",
        "name_lo": "ກອງບັນຊາການທະຫານແຂວງຫົວພັນ",
    }
    return library.units.create({**data, **values}, actor=SYSTEM)


def make_person(library: Library, **values: Any) -> Any:
    return library.people.create({"name_vi": "Đặng Văn Long", **values}, actor=SYSTEM)


def make_talk(library: Library, **values: Any) -> Any:
    data = {
        "kind": "annual_talks",
        "title_vi": "Hội đàm thường niên",
        "start_at": datetime(2025, 5, 22, 8, 0, tzinfo=ICT),
    }
    return library.talks.create({**data, **values}, actor=SYSTEM)


def make_delegation(library: Library, **values: Any) -> Any:
    data = {
        "direction": "outgoing",
        "purpose_vi": "Dự hội đàm thường niên",
        "start_date": date(2025, 5, 20),
        "end_date": date(2025, 5, 24),
    }
    return library.delegations.create({**data, **values}, actor=SYSTEM)


def make_agreement(library: Library, **values: Any) -> Any:
    data = {"kind": "annual_cooperation", "title_vi": "Thỏa thuận hợp tác năm 2025"}
    return library.agreements.create({**data, **values}, actor=SYSTEM)


def make_plan_item(library: Library, **values: Any) -> Any:
    data = {"year": 2025, "title_vi": "Tìm kiếm, quy tập hài cốt liệt sĩ", "target": 15, "result": 16}
    return library.plan_items.create({**data, **values}, actor=SYSTEM)
