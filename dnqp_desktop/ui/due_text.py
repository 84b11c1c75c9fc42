"""How a due item and a passport finding read in the interface language."""

from __future__ import annotations

from datetime import date
from typing import Any

from dnqp_desktop.core.due import DueItem
from dnqp_desktop.core.i18n import _, format_date, format_number
from dnqp_desktop.core.services.passport_check import FINDING_TEXTS, PassportFinding


def finding_text(finding: PassportFinding, months: int) -> str:
    return _(FINDING_TEXTS[finding.status]).format(
        number=finding.number, expires=format_date(finding.expires_on, "short"), months=months
    )


def _shown(value: Any, months: int) -> str:
    if isinstance(value, PassportFinding):
        return finding_text(value, months)
    if isinstance(value, date):
        return format_date(value, "short")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int | float):
        return format_number(value)
    return str(value)


def detail_text(item: DueItem, months: int = 6) -> str:
    if not item.detail:
        return ""
    return _(item.detail).format(**{name: _shown(value, months) for name, value in item.params})
