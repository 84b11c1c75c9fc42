"""Is a plan item behind schedule?

An item is behind when its result falls short of what should have been achieved by today: the
whole target once its deadline (due date, else 31 December of its year) has passed, and before
that the share of the target proportional to the time elapsed since 1 January of its year. Items
without a target, or already at or above it, are never behind.
"""

from __future__ import annotations

from datetime import date

from dnqp_desktop.core.models import PlanItem


def deadline(item: PlanItem) -> date:
    return item.due_date or date(item.year, 12, 31)


def expected_by(item: PlanItem, today: date) -> float | None:
    """What the result should be on ``today``; None when the item has no target."""
    if not item.target:
        return None
    start, end = date(item.year, 1, 1), deadline(item)
    if today >= end:
        return float(item.target)
    if today < start or end <= start:
        return 0.0
    return float(item.target) * (today - start).days / (end - start).days


def is_behind(item: PlanItem, today: date) -> bool:
    expected = expected_by(item, today)
    if expected is None or expected == 0:
        return False
    result = float(item.result or 0)
    return result < float(item.target or 0) and result < expected
