"""The search box for a role that may not read passport numbers: no finding people by them.

The index keeps passport numbers so clerks can look a person up by passport. For a viewer, a
person found only through other text (rank 4) whose passport number starts with a word of the
query is left out: otherwise typing a number would tell a viewer whose passport it is.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from dnqp_desktop.core.models import Passport
from dnqp_desktop.core.search import SearchHit, query_terms, search
from dnqp_desktop.core.services.policy import Actor, Permission, require

#: The rank of a hit found only in a record's other text (see core/search/query.py).
OTHER_TEXT = 4


def search_as(session: Session, actor: Actor, query: str, **options: Any) -> list[SearchHit]:
    require(actor, Permission.READ)
    hits = search(session, query, **options)
    if actor.can(Permission.SEE_PASSPORT_NUMBERS):
        return hits
    terms = [term for term in query_terms(query) if any(char.isdigit() for char in term)]
    suspects = [hit.record_id for hit in hits if hit.kind == "person" and hit.rank >= OTHER_TEXT]
    if not terms or not suspects:
        return hits
    numbers = session.execute(select(Passport.person_id, Passport.number).where(Passport.person_id.in_(suspects)))
    by_number = {person_id for person_id, number in numbers if any(number.lower().startswith(t) for t in terms)}
    return [hit for hit in hits if not (hit.kind == "person" and hit.record_id in by_number)]
