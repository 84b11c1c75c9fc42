"""Finding the unit or person a cell names, the forgiving way the search box does.

Old workbooks name a unit "Bộ CHQS tỉnh Phongsaly", "bo chqs tinh phongsaly", "Phông Xa Lỳ" or in
Lao; all must find the one unit. Every name a record is known by (three languages, short name,
other spellings) is folded like the search index folds it (no accents, case, spaces or
punctuation) and kept in a dict built with one query, so a 10 000-row import costs one query per
kind of link, not one per row.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlmodel import Session

from dnqp_desktop.core.models import Person, Unit
from dnqp_desktop.core.services.rules import Invalid
from dnqp_desktop.core.xlsx.cells import fold_key


class NameIndex:
    def __init__(self, kind: str, entries: Iterable[tuple[str, Iterable[str]]]) -> None:
        self.kind = kind
        self._ids: dict[str, set[str]] = {}
        #: Answers by name as written: a workbook names the same few units thousands of times.
        self._found: dict[str, str | Invalid] = {}
        for record_id, names in entries:
            for name in names:
                key = fold_key(name or "")
                if key:
                    self._ids.setdefault(key, set()).add(record_id)

    def find(self, name: str) -> str:
        """The id of the one record known by ``name``; Invalid when none or several are."""
        answer = self._found.get(name)
        if answer is None:
            try:
                answer = self._find(name)
            except Invalid as problem:
                answer = problem
            self._found[name] = answer
        if isinstance(answer, Invalid):
            raise Invalid(answer.message_id, **answer.params)
        return answer

    def _find(self, name: str) -> str:
        found = self._ids.get(fold_key(name), set())
        if not found:
            raise Invalid("unknown_reference", target=self.kind, value=name)
        if len(found) > 1:
            raise Invalid("ambiguous_reference", target=self.kind, value=name)
        return next(iter(found))


class Lookups:
    """Units and people by name, loaded on first use."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._units: NameIndex | None = None
        self._people: NameIndex | None = None

    @property
    def units(self) -> NameIndex:
        if self._units is None:
            rows = self._session.execute(
                select(Unit.id, Unit.name_vi, Unit.name_lo, Unit.name_en, Unit.short_name, Unit.aliases).where(
                    Unit.deleted_at.is_(None)
                )
            )
            self._units = NameIndex("unit", ((row[0], [*row[1:5], *(row[5] or [])]) for row in rows))
        return self._units

    @property
    def people(self) -> NameIndex:
        if self._people is None:
            rows = self._session.execute(
                select(Person.id, Person.name_vi, Person.name_lo, Person.name_en, Person.aliases).where(
                    Person.deleted_at.is_(None)
                )
            )
            self._people = NameIndex("person", ((row[0], [*row[1:4], *(row[4] or [])]) for row in rows))
        return self._people
