"""Load the demonstration records (``demo_data``) into an empty library.

Everything goes through the services, as a clerk's typing would: the demo then proves that the
published facts fit the rules, and every demo record has its audit row like any other. A library
that already holds records is refused rather than topped up, because demo records mixed into real
ones could not be told apart afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date
from functools import cache
from typing import Any

from dnqp_desktop.core.demo_data import (
    AGREEMENTS,
    DELEGATIONS,
    PEOPLE,
    PLAN_ITEMS,
    TALKS,
    TWINNINGS,
    UNITS,
    Ref,
    Row,
)
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.models.enums import Role
from dnqp_desktop.core.services.base import RecordService
from dnqp_desktop.core.services.policy import SYSTEM, Actor, Permission, require


@dataclass(frozen=True)
class DemoSummary:
    """How many records of each kind the demo created."""

    units: int
    people: int
    twinnings: int
    talks: int
    delegations: int
    agreements: int
    plan_items: int

    @property
    def total(self) -> int:
        return sum(getattr(self, item.name) for item in fields(self))


def load_demo(library: Library, *, actor: Actor = SYSTEM) -> DemoSummary:
    """Create the demo records; raises DomainError("demo_not_empty") unless the library is empty."""
    if not library.is_empty():
        raise DomainError("demo_not_empty")
    loader = _Loader(library, actor)
    with library.batch():  # all or nothing: a half-loaded demo could never be loaded again
        if library.users.needs_first_admin():
            _create_demo_accounts(library, actor)
        units = loader.create_all("unit", library.units, UNITS)
        people = loader.create_all("person", library.people, PEOPLE)
        talks = loader.create_all("talk", library.talks, TALKS)
        signed = [(key, loader.signed(row)) for key, row in AGREEMENTS]
        agreements = loader.create_all("agreement", library.agreements, signed)
        twinnings = loader.create_all("twinning", library.twinnings, _unnamed(TWINNINGS))
        delegations = loader.create_all("delegation", library.delegations, _unnamed(DELEGATIONS))
        plan_items = loader.create_all("plan_item", library.plan_items, _unnamed(PLAN_ITEMS))
    return DemoSummary(
        units=units,
        people=people,
        twinnings=twinnings,
        talks=talks,
        delegations=delegations,
        agreements=agreements,
        plan_items=plan_items,
    )


#: (user name, full name, role, password) of the demo accounts; the README lists them.
DEMO_ACCOUNTS: tuple[tuple[str, str, Role, str], ...] = (
    ("admin", "Quản trị viên (demo)", Role.ADMIN, "demo-admin"),
    ("approver", "Chỉ huy trưởng (demo)", Role.APPROVER, "demo-approver"),
    ("clerk", "Trợ lý đối ngoại (demo)", Role.CLERK, "demo-clerk"),
    ("viewer", "Người xem (demo)", Role.VIEWER, "demo-viewer"),
)


@cache
def _demo_hash(password: str) -> str:
    """Argon2 is slow by design: hash each demo password once per process, not per demo load."""
    from dnqp_desktop.core.passwords import hash_password

    return hash_password(password)


def _create_demo_accounts(library: Library, actor: Actor) -> None:
    """Demo accounts, one per role, created only on a database without an administrator yet."""
    require(actor, Permission.MANAGE_ACCOUNTS)
    for username, full_name, role, password in DEMO_ACCOUNTS:
        data = {"username": username, "full_name": full_name, "role": role}
        library.users._create_with_password(data, password, None, actor=actor, hashed=_demo_hash(password))


class _Loader:
    def __init__(self, library: Library, actor: Actor) -> None:
        self.library = library
        self.actor = actor
        self.ids: dict[Ref, str] = {}

    def create_all(self, kind: str, service: RecordService[Any], rows: Iterable[tuple[str | None, Row]]) -> int:
        created = 0
        for key, row in rows:
            record = service.create(self.resolve(row), actor=self.actor)
            if key is not None:
                self.ids[Ref(kind, key)] = record.id
            created += 1
        return created

    def resolve(self, value: Any) -> Any:
        """``value`` with every Ref replaced by the id of the record it names."""
        if isinstance(value, Ref):
            if value.kind == "series":  # a talk series has no record of its own, only a shared id
                return self.ids.setdefault(value, str(uuid.uuid4()))
            return self.ids[value]
        if isinstance(value, Mapping):
            return {name: self.resolve(item) for name, item in value.items()}
        if isinstance(value, list | tuple):
            return [self.resolve(item) for item in value]
        return value

    def signed(self, agreement: Row) -> Row:
        """The agreement with each signatory's rank and post as held on the signing day.

        Taken from the person's history rather than written out in the data, so that the demo
        cannot contradict itself and shows what the "rank at signing" lookup gives.
        """
        day: date | None = agreement.get("signed_on")
        if day is None:
            return agreement
        return {**agreement, "signatories": [self._as_on(row, day) for row in agreement.get("signatories", [])]}

    def _as_on(self, signatory: Row, day: date) -> Row:
        person_id = self.ids[signatory["person_id"]]
        person = self.library.people.get(person_id)
        rank, post = person.rank_on(day), person.position_on(day)
        return {
            "rank": rank.rank if rank else None,
            "position_vi": post.title_vi if post else "",
            "position_lo": post.title_lo if post else "",
            **signatory,
        }


def _unnamed(rows: Iterable[Row]) -> list[tuple[str | None, Row]]:
    return [(None, row) for row in rows]
