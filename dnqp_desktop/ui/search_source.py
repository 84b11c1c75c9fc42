"""The one place the search box gets its hits from: the core search that `dnqp search` uses too."""

from __future__ import annotations

from collections.abc import Sequence

from dnqp_desktop.core import search
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.services.policy import Actor


def search_hits(
    library: Library, query: str, limit_per_kind: int = 20, *, actor: Actor | None = None
) -> Sequence[search.SearchHit]:
    """What ``actor`` may find (a viewer does not find people by passport number)."""
    from dnqp_desktop.core.services.private_search import search_as

    with library.read() as session:
        if actor is None:
            return search.search(session, query, limit_per_kind=limit_per_kind)
        return search_as(session, actor, query, limit_per_kind=limit_per_kind)
