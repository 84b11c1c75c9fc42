"""The two callbacks every long backup job takes (ARCHITECTURE.md "Long work").

``progress(done, total, message)``: ``total`` 0 means "busy, amount unknown"; ``message`` is
already translated. ``cancelled()`` is polled between chunks; a job that sees True stops, removes
what it had started, and raises its "cancelled" DomainError.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


def no_progress(done: int, total: int, message: str) -> None:
    return None


def never_cancelled() -> bool:
    return False
