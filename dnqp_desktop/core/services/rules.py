"""Field rules: turn what a form, the CLI or an import gives into clean values, or say why not.

Each rule accepts the loose types callers naturally have (a ``date`` or "2025-04-24", an enum or
its code, a number or its text) and returns the one type the model stores. Text is NFC-normalised
and trimmed here, once, so that search, sorting and duplicate checks all see the same characters.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlmodel import Session

from dnqp_desktop.core.models.base import Record

#: Key in ``Session.info`` of {(model, id): record} loaded in advance by a bulk write.
PRELOADED_KEY = "dnqp_preloaded_references"


class Invalid(Exception):
    """A value refused by a rule: a message id and its parameters, without the field yet."""

    def __init__(self, message_id: str, **params: Any) -> None:
        super().__init__(message_id)
        self.message_id = message_id
        self.params = params


def normalise_text(value: str) -> str:
    return unicodedata.normalize("NFC", value).strip()


@dataclass(frozen=True, kw_only=True)
class Rule:
    required: bool = False

    def clean(self, value: Any, session: Session) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            if self.required:
                raise Invalid("required")
            return self.empty()
        return self.convert(value, session)

    def empty(self) -> Any:
        return None

    def convert(self, value: Any, session: Session) -> Any:
        raise NotImplementedError


@dataclass(frozen=True, kw_only=True)
class Text(Rule):
    max_length: int = 200
    multiline: bool = False

    def empty(self) -> str:
        return ""

    def convert(self, value: Any, session: Session) -> str:
        if not isinstance(value, str):
            raise Invalid("not_text")
        text = normalise_text(value)
        if not self.multiline and ("\n" in text or "\r" in text):
            raise Invalid("single_line")
        if len(text) > self.max_length:
            raise Invalid("too_long", max=self.max_length, length=len(text))
        return text


@dataclass(frozen=True, kw_only=True)
class TextList(Rule):
    """Alternative spellings and the like: trimmed, de-duplicated, blanks dropped."""

    max_length: int = 200
    max_items: int = 50

    def empty(self) -> list[str]:
        return []

    def convert(self, value: Any, session: Session) -> list[str]:
        items: Iterable[Any] = value.splitlines() if isinstance(value, str) else value
        cleaned: list[str] = []
        for item in items:
            if not isinstance(item, str):
                raise Invalid("not_text")
            text = normalise_text(item)
            if len(text) > self.max_length:
                raise Invalid("too_long", max=self.max_length, length=len(text))
            if text and text not in cleaned:
                cleaned.append(text)
        if len(cleaned) > self.max_items:
            raise Invalid("too_many", max=self.max_items)
        if self.required and not cleaned:
            raise Invalid("required")
        return cleaned


@dataclass(frozen=True, kw_only=True)
class PartnerText(Text):
    """Text in the partner's language: Lao, or Khmer for Cambodian partners.

    The ``*_lo`` columns hold whichever of the two the partner writes. Text with neither Lao nor
    Khmer letters is refused: it is the mark of a typist using an old non-Unicode font, whose
    "Lao" is really Latin letters drawn as Lao shapes.
    """

    def convert(self, value: Any, session: Session) -> str:
        text = super().convert(value, session)
        if text and not (has_lao_letters(text) or has_khmer_letters(text)):
            raise Invalid("not_lao_script")
        return text


#: The name the services were written with; the columns it guards are still named ``*_lo``.
LaoText = PartnerText


def has_lao_letters(text: str) -> bool:
    return any("\u0e80" <= char <= "\u0eff" for char in text)


def has_khmer_letters(text: str) -> bool:
    return any("\u1780" <= char <= "\u17ff" or "\u19e0" <= char <= "\u19ff" for char in text)


def has_partner_letters(text: str, language: str) -> bool:
    """Whether ``text`` has letters of the partner ``language`` ("lo" or "km")."""
    return has_khmer_letters(text) if language == "km" else has_lao_letters(text)


@dataclass(frozen=True, kw_only=True)
class Code(Text):
    """An identifier typed by people (passport number, user name): case-folded, pattern-checked."""

    pattern: str = r"[A-Z0-9]+"
    message_id: str = "has_spaces"
    upper: bool = True

    def convert(self, value: Any, session: Session) -> str:
        text = super().convert(value, session)
        text = text.upper() if self.upper else text.lower()
        if not re.fullmatch(self.pattern, text):
            raise Invalid(self.message_id, value=text)
        return text


@dataclass(frozen=True, kw_only=True)
class Choice(Rule):
    enum: type[StrEnum]
    default: str | None = None
    allowed: frozenset[str] | None = None

    def empty(self) -> str | None:
        return self.default

    def convert(self, value: Any, session: Session) -> str:
        code = value.value if isinstance(value, StrEnum) else str(value).strip()
        if code not in _codes(self.enum) or (self.allowed is not None and code not in self.allowed):
            raise Invalid("invalid_choice", value=code)
        return code


@functools.cache
def _codes(enum: type[StrEnum]) -> frozenset[str]:
    return frozenset(member.value for member in enum)


@dataclass(frozen=True, kw_only=True)
class DateValue(Rule):
    """A calendar date; "2025-02-30" or 30/02/2025 is refused, not rolled over."""

    earliest: date = date(1900, 1, 1)
    latest: date = date(2200, 12, 31)

    def convert(self, value: Any, session: Session) -> date:
        if isinstance(value, datetime):
            raise Invalid("invalid_date", value=value.isoformat())
        if isinstance(value, date):
            day = value
        elif isinstance(value, str):
            day = parse_date_text(value)
        else:
            raise Invalid("invalid_date", value=str(value))
        if not self.earliest <= day <= self.latest:
            raise Invalid("date_out_of_range", value=day.isoformat())
        return day


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_FIRST_DATE = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")


def parse_date_text(text: str) -> date:
    """ISO "2025-04-24" (or "2025-4-24") and Vietnamese "24/4/2025", "24-04-2025", "24.04.2025"."""
    raw = text.strip()
    try:
        if match := _ISO_DATE.fullmatch(raw):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _DAY_FIRST_DATE.fullmatch(raw):
            return date(int(match[4]), int(match[3]), int(match[1]))
    except ValueError as exc:
        raise Invalid("invalid_date", value=raw) from exc
    raise Invalid("invalid_date", value=raw)


@dataclass(frozen=True, kw_only=True)
class DateTimeValue(Rule):
    """A moment in time; it must say its offset, because talks span two countries' calendars."""

    def convert(self, value: Any, session: Session) -> datetime:
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value.strip())
            except ValueError as exc:
                raise Invalid("invalid_datetime", value=value) from exc
        if not isinstance(value, datetime):
            raise Invalid("invalid_datetime", value=str(value))
        if value.tzinfo is None or value.utcoffset() is None:
            raise Invalid("datetime_without_zone", value=value.isoformat())
        if not 1900 <= value.year <= 2200:
            raise Invalid("date_out_of_range", value=value.date().isoformat())
        return value


@dataclass(frozen=True, kw_only=True)
class TimeZoneName(Rule):
    default: str = "Asia/Ho_Chi_Minh"

    def empty(self) -> str:
        return self.default

    def convert(self, value: Any, session: Session) -> str:
        name = str(value).strip()
        # Only portable IANA names: the system list also holds "localtime", "posix/…", which mean
        # different things on another workstation.
        portable = name == "UTC" or ("/" in name and not name.startswith(("posix/", "right/", "Etc/")))
        if not portable or name not in _zone_names():
            raise Invalid("invalid_timezone", value=name)
        try:
            ZoneInfo(name)
        except ZoneInfoNotFoundError as exc:
            raise Invalid("invalid_timezone", value=name) from exc
        return name


_ZONES: set[str] = set()


def _zone_names() -> set[str]:
    if not _ZONES:
        _ZONES.update(available_timezones())
    return _ZONES


@dataclass(frozen=True, kw_only=True)
class Integer(Rule):
    minimum: int | None = None
    maximum: int | None = None
    default: int | None = None

    def empty(self) -> int | None:
        return self.default

    def convert(self, value: Any, session: Session) -> int:
        if isinstance(value, bool):
            raise Invalid("not_integer", value=str(value))
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str):
            text = value.strip()
            if not re.fullmatch(r"-?[0-9]+", text):  # ASCII digits only: "²" passes isdigit()
                raise Invalid("not_integer", value=text)
            value = int(text)
        if not isinstance(value, int):
            raise Invalid("not_integer", value=str(value))
        _check_range(value, self.minimum, self.maximum)
        return value


@dataclass(frozen=True, kw_only=True)
class Number(Rule):
    minimum: float | None = None
    maximum: float | None = None

    def convert(self, value: Any, session: Session) -> float:
        if isinstance(value, bool):
            raise Invalid("not_number", value=str(value))
        if isinstance(value, str):
            try:
                value = Decimal(value.strip().replace(",", "."))
            except InvalidOperation as exc:
                raise Invalid("not_number", value=value) from exc
        if not isinstance(value, int | float | Decimal):
            raise Invalid("not_number", value=str(value))
        try:
            number = float(value)
        except (ValueError, OverflowError) as exc:  # Decimal("sNaN"), 10**400
            raise Invalid("not_number", value=str(value)) from exc
        if not math.isfinite(number):
            raise Invalid("not_number", value=str(value))
        _check_range(number, self.minimum, self.maximum)
        return number


def _check_range(value: float, minimum: float | None, maximum: float | None) -> None:
    if minimum is not None and value < minimum:
        raise Invalid("below_minimum", minimum=minimum)
    if maximum is not None and value > maximum:
        raise Invalid("above_maximum", maximum=maximum)


@dataclass(frozen=True, kw_only=True)
class Boolean(Rule):
    default: bool = False

    def empty(self) -> bool:
        return self.default

    def convert(self, value: Any, session: Session) -> bool:
        if isinstance(value, bool):
            return value
        raise Invalid("not_boolean", value=str(value))


@dataclass(frozen=True, kw_only=True)
class Reference(Rule):
    """The id of another live record; a record in the trash cannot be linked to."""

    model: type[Record]
    kind: str

    def convert(self, value: Any, session: Session) -> str:
        record_id = getattr(value, "id", value)
        if not isinstance(record_id, str):
            raise Invalid("reference_missing", target=self.kind)
        # A bulk write (services/bulk.py) loads the linked records once and lends them here.
        preloaded = session.info.get(PRELOADED_KEY)
        record = preloaded.get((self.model, record_id)) if preloaded is not None else None
        if record is None:
            record = session.get(self.model, record_id)
        if record is None:
            raise Invalid("reference_missing", target=self.kind)
        if record.deleted_at is not None:
            raise Invalid("reference_deleted", target=self.kind)
        return record_id
