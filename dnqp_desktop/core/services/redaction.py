"""What a role may not read is masked before it leaves the core: passport numbers for viewers.

Records and audit rows keep the numbers; a caller asks here for the form in which the acting
user may see them, so every screen (form, history, audit viewer) masks the same way.
"""

from __future__ import annotations

from typing import Any

from dnqp_desktop.core.services.policy import Actor, Permission

MASK = "•"
#: The last characters left visible, enough to tell two passports of one person apart.
VISIBLE_TAIL = 2


def mask_passport(number: str) -> str:
    if not number:
        return number
    return MASK * max(len(number) - VISIBLE_TAIL, 4) + number[-VISIBLE_TAIL:]


def passport_number(actor: Actor, number: str) -> str:
    """The number as ``actor`` may see it."""
    return number if actor.can(Permission.SEE_PASSPORT_NUMBERS) else mask_passport(number)


def redact_changes(actor: Actor, changes: dict[str, Any]) -> dict[str, Any]:
    """An audit row's {field: [before, after]} with passport numbers masked for ``actor``."""
    if actor.can(Permission.SEE_PASSPORT_NUMBERS) or "passports" not in changes:
        return changes
    masked = dict(changes)
    masked["passports"] = [_mask_rows(actor, side) for side in changes["passports"]]
    return masked


def redact_snapshot(actor: Actor, values: dict[str, Any]) -> dict[str, Any]:
    """A record's snapshot (as a form shows it) with passport numbers masked for ``actor``."""
    if actor.can(Permission.SEE_PASSPORT_NUMBERS) or "passports" not in values:
        return values
    return {**values, "passports": _mask_rows(actor, values["passports"])}


def _mask_rows(actor: Actor, rows: Any) -> Any:
    if not isinstance(rows, list):
        return rows
    return [
        {**row, "number": passport_number(actor, str(row.get("number") or ""))} if isinstance(row, dict) else row
        for row in rows
    ]
