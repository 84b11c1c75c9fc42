"""Cell values as clerks type them, turned into what the services accept.

Workbooks made in Vietnam write 1.384 for one thousand three hundred and eighty-four and 1,5 for
one and a half, and dates as 24/4/2025 or 24-04-2025 — or as real Excel dates, which arrive as
datetimes (or, from some tools, as serial day numbers). Text is trimmed and NFC-normalised so that
a name typed on a Mac (NFD) matches the same name typed on Windows. Each parser raises the rules'
``Invalid`` with a message id, so a refused cell reads like any other refused value.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from dnqp_desktop.core.i18n import LANGUAGES, translate
from dnqp_desktop.core.search.text import words
from dnqp_desktop.core.services.rules import Invalid, parse_date_text

LOCAL_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
_EXCEL_EPOCH = datetime(1899, 12, 30)
#: Serial day numbers Excel can hold (1900-01-01 … 9999-12-31).
_SERIAL_RANGE = (1, 2_958_465)


class Formula(Exception):
    """A cell holding a formula where a value was expected."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def check_formula(value: Any) -> None:
    if isinstance(value, str) and value.startswith("=") and len(value) > 1:
        raise Formula(value)


def text(value: Any) -> str:
    """Any cell as text: numbers typed as numbers (a passport number, a phone) keep their digits."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return unicodedata.normalize("NFC", str(value)).strip()


def text_list(value: Any) -> list[str]:
    """Several names in one cell, separated by semicolons or line breaks."""
    return [part.strip() for part in re.split(r"[;\n\r]+", text(value)) if part.strip()]


def day(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]:
            return (_EXCEL_EPOCH + timedelta(days=int(value))).date()
        raise Invalid("invalid_date", value=text(value))
    return parse_date_text(text(value))


_TIME = re.compile(r"(\d{1,2})[:hH](\d{2})?")


def moment(value: Any) -> datetime:
    """A date with an optional time, in Vietnam/Laos time (UTC+7) unless the cell says otherwise."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=LOCAL_ZONE)
    if isinstance(value, date) or isinstance(value, int | float):
        return datetime.combine(day(value), time(), LOCAL_ZONE)
    raw = text(value)
    try:
        parsed = datetime.fromisoformat(raw)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=LOCAL_ZONE)
    except ValueError:
        pass
    date_part, _space, time_part = raw.partition(" ")
    try:
        when = parse_date_text(date_part)
    except Invalid as exc:
        raise Invalid("invalid_datetime", value=raw) from exc
    at = time()
    if time_part.strip():
        match = _TIME.fullmatch(time_part.strip())
        if not match or int(match[1]) > 23 or int(match[2] or 0) > 59:
            raise Invalid("invalid_datetime", value=raw)
        at = time(int(match[1]), int(match[2] or 0))
    return datetime.combine(when, at, LOCAL_ZONE)


_VN_GROUPED = re.compile(r"-?\d{1,3}(\.\d{3})+(,\d+)?")
_EN_GROUPED = re.compile(r"-?\d{1,3}(,\d{3})+(\.\d+)?")
_COMMA_DECIMAL = re.compile(r"-?\d+,\d+")
_PLAIN = re.compile(r"-?\d+(\.\d+)?")


def decimal(value: Any) -> Decimal:
    """A number from a cell: 1384, "1.384" and "1 384" are 1384; "1,5" and "1.5" are 1.5."""
    if isinstance(value, bool):
        raise Invalid("not_number", value=text(value))
    if isinstance(value, int | float):
        return Decimal(str(value))
    raw = text(value).replace("\u00a0", " ").replace("\u202f", " ")
    compact = raw.replace(" ", "")
    if _VN_GROUPED.fullmatch(compact):
        normal = compact.replace(".", "").replace(",", ".")
    elif _EN_GROUPED.fullmatch(compact):
        normal = compact.replace(",", "")
    elif _COMMA_DECIMAL.fullmatch(compact):
        normal = compact.replace(",", ".")
    elif _PLAIN.fullmatch(compact):
        normal = compact
    else:
        raise Invalid("not_number", value=raw)
    try:
        return Decimal(normal)
    except InvalidOperation as exc:
        raise Invalid("not_number", value=raw) from exc


def number(value: Any) -> float:
    return float(decimal(value))


def integer(value: Any) -> int:
    amount = decimal(value)
    if amount != amount.to_integral_value():
        raise Invalid("not_integer", value=text(value))
    return int(amount)


_TRUE = ("1", "x", "yes", "y", "true", "có", "đúng", "ມີ", "ແມ່ນ")
_FALSE = ("0", "no", "n", "false", "không", "sai", "ບໍ່", "ບໍ່ມີ")


def boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    key = fold_key(text(value))
    if key in {fold_key(word) for word in (*_TRUE, *(translate("Yes", lang) for lang in LANGUAGES))}:
        return True
    if key in {fold_key(word) for word in (*_FALSE, *(translate("No", lang) for lang in LANGUAGES))}:
        return False
    raise Invalid("not_boolean", value=text(value))


_CHOICES: dict[type[StrEnum], dict[str, str]] = {}
#: Short forms clerks write for a value, besides its code and its label in the three languages.
_SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "official": ("Công vụ",),
    "ordinary": ("Phổ thông",),
    "diplomatic": ("Ngoại giao",),
}


def choice(value: Any, enum: type[StrEnum]) -> str:
    """An enumeration value by its code or by its label in any of the three languages, accents optional."""
    table = _CHOICES.get(enum)
    if table is None:
        table = {}
        for member in enum:
            label = getattr(member, "label", member.value)
            spellings = (member.value, label, *(translate(label, lang) for lang in LANGUAGES))
            for spelling in (*spellings, *_SHORT_FORMS.get(member.value, ())):
                table.setdefault(fold_key(spelling), member.value)
        _CHOICES[enum] = table
    found = table.get(value) if isinstance(value, str) else None
    if found is None:
        found = table.get(fold_key(text(value)))
        if found is not None and isinstance(value, str):
            table[value] = found  # as written, for the next rows
    if found is None:
        raise Invalid("invalid_choice", value=text(value))
    return found


@functools.lru_cache(maxsize=1 << 16)
def fold_key(value: str) -> str:
    """What two spellings of one name have in common: no accents, case, spaces or punctuation.

    Cached: an import folds the same unit names, choices and headings thousands of times."""
    return words(value).replace(" ", "")
