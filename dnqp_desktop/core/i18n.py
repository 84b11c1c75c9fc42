"""Translations and locale-aware formatting for the UI, the CLI, reports and documents.

One gettext domain (``dnqp``) with English msgids. Vietnamese is the default language and the
fallback of Lao, so a Lao clerk never meets an English string the Lao catalog has not covered yet.
Dates, numbers and money always go through babel so that the UI, the reports and the PDFs agree.
"""

from __future__ import annotations

import gettext
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, tzinfo
from decimal import Decimal
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from dnqp_desktop.core.resources import i18n_dir

if TYPE_CHECKING:
    from babel import Locale

# babel is imported on first use, not here: the window's first paint needs only gettext, and
# babel's import costs as much as the rest of that first paint.

DOMAIN = "dnqp"
LANGUAGES: tuple[str, ...] = ("vi", "lo", "en")
DEFAULT_LANGUAGE = "vi"

#: How each language names itself, for the language chooser.
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "lo": "ພາສາລາວ", "en": "English"}

# Long dates as the users write them: "ngày 24 tháng 4 năm 2025", "ວັນທີ 24 ເມສາ 2025".
_LONG_DATE = {"vi": "'ngày' d 'tháng' M 'năm' y", "lo": "'ວັນທີ' d MMMM y", "en": "d MMMM y"}
_SHORT_DATE = "dd/MM/y"
_TIME = "HH:mm"

_lock = threading.Lock()
_language = DEFAULT_LANGUAGE
_translations: gettext.NullTranslations = gettext.NullTranslations()


class UnknownLanguage(ValueError):
    """Raised for a language code that has no catalog."""


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark a string for extraction; it is translated later, where it is shown."""
    return message


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def current_language() -> str:
    return _language


def normalise_language(lang: str | None) -> str:
    """Accept "vi", "vi_VN", "VI" …; refuse anything without a catalog."""
    if not lang:
        return DEFAULT_LANGUAGE
    code = lang.strip().replace("-", "_").split("_")[0].lower()
    if code not in LANGUAGES:
        raise UnknownLanguage(lang)
    return code


def setup(lang: str | None = None) -> str:
    """Make ``lang`` the language of every later ``_()`` call in this process."""
    global _language, _translations
    code = normalise_language(lang)
    with _lock:
        _translations = translations_for(code)
        _language = code
    return code


@contextmanager
def language(lang: str) -> Iterator[str]:
    """Temporarily switch language (a document printed in Lao from a Vietnamese UI)."""
    previous = _language
    code = setup(lang)
    try:
        yield code
    finally:
        setup(previous)


def translate(message: str, lang: str) -> str:
    """Translate into a given language without touching the process-wide choice."""
    return translations_for(normalise_language(lang)).gettext(message)


@cache
def translations_for(lang: str) -> gettext.NullTranslations:
    chain = _load_catalog(lang)
    if lang == "lo":  # English msgids are the fallback of English itself, Vietnamese that of Lao
        chain.add_fallback(_load_catalog(DEFAULT_LANGUAGE))
    return chain


def _load_catalog(lang: str) -> gettext.NullTranslations:
    """Load the compiled catalog, or compile the .po in memory when the .mo is missing or stale.

    Installation compiles catalogs; this fallback keeps a source checkout usable when someone
    edits a .po file and forgets to recompile.
    """
    folder = i18n_dir() / lang / "LC_MESSAGES"
    po_path, mo_path = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if mo_path.exists() and (not po_path.exists() or mo_path.stat().st_mtime >= po_path.stat().st_mtime):
        with mo_path.open("rb") as fp:
            return gettext.GNUTranslations(fp)
    if po_path.exists():
        return gettext.GNUTranslations(io.BytesIO(compile_po(po_path)))
    return gettext.NullTranslations()


def compile_po(po_path: Path) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as fp:
        catalog = read_po(fp, locale=po_path.parents[1].name, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


# --- formatting -------------------------------------------------------------------------------


@cache
def _babel() -> tuple[Any, ModuleType, ModuleType]:
    from babel import Locale, dates, numbers

    return Locale, dates, numbers


@cache
def _locale_for(code: str) -> Locale:
    return _babel()[0].parse(code)


def _locale(lang: str | None) -> Locale:
    return _locale_for(normalise_language(lang or _language))


def format_date(value: date | None, style: str = "long", lang: str | None = None) -> str:
    """``long``: "ngày 24 tháng 4 năm 2025"; ``short``: "24/04/2025"; ``month``: "tháng 4 năm 2025"."""
    if value is None:
        return ""
    code = normalise_language(lang or _language)
    if style == "long":
        pattern = _LONG_DATE[code]
    elif style == "short":
        pattern = _SHORT_DATE
    elif style == "month":
        pattern = {"vi": "'tháng' M 'năm' y", "lo": "MMMM y", "en": "MMMM y"}[code]
    else:
        raise ValueError(f"unknown date style {style!r}")
    return _babel()[1].format_date(value, pattern, locale=_locale(code))


def format_datetime(value: datetime | None, tz: tzinfo | None = None, lang: str | None = None) -> str:
    """Short date and 24-hour time in ``tz`` (the record's own time zone), e.g. "24/04/2025 08:30"."""
    if value is None:
        return ""
    shown = value.astimezone(tz) if tz is not None else value
    locale = _locale(lang)
    day = _babel()[1].format_date(shown, _SHORT_DATE, locale=locale)
    return f"{day} {_babel()[1].format_time(shown, _TIME, locale=locale)}"


def format_number(value: int | float | Decimal | None, lang: str | None = None, decimals: int | None = None) -> str:
    """Grouped per locale: 1384 → "1.384" in Vietnamese and Lao, "1,384" in English."""
    if value is None:
        return ""
    if decimals is None:
        return _babel()[2].format_decimal(value, locale=_locale(lang))
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return _babel()[2].format_decimal(value, format=pattern, locale=_locale(lang))


def format_percent(value: float | Decimal | None, lang: str | None = None, decimals: int = 2) -> str:
    """``value`` is already in percent: 106.67 → "106,67%" (vi), "106.67%" (en)."""
    if value is None:
        return ""
    return format_number(value, lang, decimals) + "%"


def format_money(amount: int | float | Decimal | None, currency: str = "VND", lang: str | None = None) -> str:
    """200000000000 → "200.000.000.000 ₫" in Vietnamese."""
    if amount is None:
        return ""
    return _babel()[2].format_currency(amount, currency, locale=_locale(lang))


def parse_number(text: str, lang: str | None = None) -> Decimal:
    """Read a number typed the locale's way ("1.384,5" in Vietnamese); raises ValueError."""
    try:
        return _babel()[2].parse_decimal(text.strip(), locale=_locale(lang), strict=False)
    except _babel()[2].NumberFormatError as exc:
        raise ValueError(text) from exc
