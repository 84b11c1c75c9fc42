"""Cross-field checks that several aggregates share."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.services.base import Draft


def date_order(
    values: Draft | Mapping[str, Any],
    first: str,
    second: str,
    *,
    kind: str,
    strict: bool = False,
    **location: Any,
) -> Iterator[DomainError]:
    """``second`` may not come before ``first`` (nor equal it, when ``strict``)."""
    start, end = values.get(first), values.get(second)
    if start is None or end is None:
        return
    if end < start or (strict and end == start):
        message_id = "date_order_strict" if strict else "date_order"
        yield DomainError(message_id, field=second, kind=kind, other=first, **location)


def duplicates(
    rows: Iterable[Mapping[str, Any]],
    key: str | tuple[str, ...],
    *,
    kind: str,
    collection: str,
    field: str | None = None,
) -> Iterator[DomainError]:
    """One error per row repeating an earlier row's ``key`` (a member listed twice)."""
    names = (key,) if isinstance(key, str) else key
    seen: set[Any] = set()
    for index, row in enumerate(rows):
        value = tuple(row.get(name) for name in names)
        if None in value:
            continue
        if value in seen:
            where = {"collection": collection, "row": index + 1}
            yield DomainError("duplicate_entry", field=field or names[0], kind=kind, **where)
        seen.add(value)
