"""The one place the search box gets its hits from: the core search that `dnqp search` uses too."""

from __future__ import annotations

from collections.abc import Sequence

from dnqp_desktop.core import search
from dnqp_desktop.core.library import Library


def search_hits(library: Library, query: str, limit_per_kind: int = 20) -> Sequence[search.SearchHit]:
    with library.read() as session:
        return search.search(session, query, limit_per_kind=limit_per_kind)
