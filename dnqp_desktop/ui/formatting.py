"""How core values look in the interface, in the current language."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from dnqp_desktop.core import listing
from dnqp_desktop.core.i18n import _, format_date, format_datetime, format_number, format_percent

LOCAL_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def display(value: Any, kind: str, enum: type[StrEnum] | None = None) -> str:
    if value is None or value == "":
        return ""
    if kind == listing.ENUM and enum is not None:
        try:
            return _(enum(value).label)  # type: ignore[attr-defined]
        except ValueError:
            return str(value)
    if kind == listing.DATETIME and isinstance(value, datetime):
        return format_datetime(value, LOCAL_ZONE)
    if kind == listing.DATE and isinstance(value, date):
        return format_date(value, "short")
    if kind == listing.YEAR:
        return str(value)  # a year is a name, not a quantity: never "2.025"
    if kind == listing.PERCENT and isinstance(value, Decimal | float | int):
        return format_percent(value)
    if kind == listing.NUMBER and isinstance(value, int | float | Decimal):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return format_number(value)
    return str(value)
