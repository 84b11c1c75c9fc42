"""People, with rank and position histories and passports."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from sqlalchemy import select
from sqlmodel import Session

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.models import Passport, Person, PersonPosition, PersonRank, Unit
from dnqp_desktop.core.models.enums import VIETNAM_ONLY_RANKS, Country, PassportKind, Rank
from dnqp_desktop.core.search import SearchText
from dnqp_desktop.core.services.base import Children, Draft, RecordService, local_today
from dnqp_desktop.core.services.checks import date_order, duplicates
from dnqp_desktop.core.services.policy import Actor, Permission
from dnqp_desktop.core.services.redaction import mask_passport
from dnqp_desktop.core.services.rules import Choice, Code, DateValue, LaoText, Reference, Text, TextList
from dnqp_desktop.core.services.units import NOTES

RANKS = Children(
    kind="person_rank",
    model=PersonRank,
    fields={
        "rank": Choice(enum=Rank, required=True),
        "since": DateValue(required=True),
        "until": DateValue(),
    },
)
POSITIONS = Children(
    kind="person_position",
    model=PersonPosition,
    fields={
        "title_vi": Text(max_length=300),
        "title_lo": LaoText(max_length=300),
        "title_en": Text(max_length=300),
        "unit_id": Reference(model=Unit, kind="unit"),
        "since": DateValue(required=True),
        "until": DateValue(),
    },
)
PASSPORTS = Children(
    kind="passport",
    model=Passport,
    fields={
        "number": Code(max_length=20, required=True, pattern=r"[A-Z0-9]{6,20}", message_id="invalid_passport_number"),
        "kind": Choice(enum=PassportKind, default=PassportKind.OFFICIAL.value),
        "country": Choice(enum=Country, default=Country.VN.value),
        "issued_on": DateValue(),
        "expires_on": DateValue(required=True),
        "notes": Text(max_length=500),
    },
)


class PersonService(RecordService[Person]):
    kind = "person"
    model = Person
    fields = {
        "name_vi": Text(max_length=200),
        "name_lo": LaoText(max_length=200),
        "name_en": Text(max_length=200),
        "aliases": TextList(max_length=200),
        "unit_id": Reference(model=Unit, kind="unit"),
        "birth_date": DateValue(),
        "notes": NOTES,
    }
    children = {"ranks": RANKS, "positions": POSITIONS, "passports": PASSPORTS}
    filterable = frozenset({"unit_id"})
    default_order = ("name_vi",)

    def redact(self, record: Person, actor: Actor) -> Person:
        """Viewers read passport numbers masked. The record is detached (its session has closed),
        so the masked numbers are never written: a form showing them is read-only anyway."""
        if not actor.can(Permission.SEE_PASSPORT_NUMBERS):
            for passport in record.passports:
                passport.number = mask_passport(passport.number)
        return record

    @classmethod
    def search_texts(cls, session: Session, record: Person) -> SearchText:
        titles = [title for post in record.positions for title in (post.title_vi, post.title_lo, post.title_en)]
        return SearchText(
            title=record.name_vi or record.name_lo or record.name_en,
            names=[record.name_vi, record.name_lo, record.name_en, *record.aliases],
            other=[*titles, *(passport.number for passport in record.passports)],
        )

    def check(self, session: Session, draft: Draft) -> Iterator[DomainError]:
        unit_id = draft.get("unit_id")
        country = session.scalar(select(Unit.country).where(Unit.id == unit_id)) if unit_id else None

        def owner(number: str, country: str) -> str | None:
            clash = session.execute(
                select(Person.name_vi, Person.name_lo)
                .join(Passport, Passport.person_id == Person.id)
                .where(
                    Passport.number == number,
                    Passport.country == country,
                    Person.deleted_at.is_(None),
                    Person.id != (draft.record_id or ""),
                )
                .limit(1)
            ).first()
            return (clash.name_vi or clash.name_lo) if clash is not None else None

        yield from self._rules(draft, country, owner)

    def check_many(self, session: Session, drafts: Mapping[int, Draft]) -> Iterator[tuple[int, DomainError]]:
        """New people in bulk: unit countries and passport holders fetched once, not per person;
        a passport given twice in the batch is a duplicate too."""
        unit_ids = {draft.get("unit_id") for draft in drafts.values()} - {None}
        countries = dict(session.execute(select(Unit.id, Unit.country).where(Unit.id.in_(unit_ids))).all())
        numbers = sorted({row["number"] for draft in drafts.values() for row in draft.children["passports"]})
        holders: dict[tuple[str, str], str] = {}
        for start in range(0, len(numbers), 500):
            rows = session.execute(
                select(Passport.number, Passport.country, Person.name_vi, Person.name_lo)
                .join(Person, Passport.person_id == Person.id)
                .where(Passport.number.in_(numbers[start : start + 500]), Person.deleted_at.is_(None))
            )
            for row in rows:
                holders.setdefault((row.number, row.country), row.name_vi or row.name_lo)
        for index, draft in drafts.items():
            mine = [(row["number"], row["country"]) for row in draft.children["passports"]]
            for error in self._rules(draft, countries.get(draft.get("unit_id")), lambda n, c: holders.get((n, c))):
                yield index, error
            for key in mine:
                holders.setdefault(key, draft.get("name_vi") or draft.get("name_lo"))

    def _rules(
        self, draft: Draft, unit_country: str | None, passport_owner: Callable[[str, str], str | None]
    ) -> Iterator[DomainError]:
        if not draft.get("name_vi") and not draft.get("name_lo"):
            yield DomainError("name_required", field="name_vi", kind=self.kind)
        birth = draft.get("birth_date")
        if birth is not None and birth > local_today():
            yield DomainError("date_in_future", field="birth_date", kind=self.kind)
        yield from self._check_ranks(draft, unit_country)
        for index, row in enumerate(draft.children["positions"]):
            where = {"collection": "positions", "row": index + 1}
            yield from date_order(row, "since", "until", kind="person_position", **where)
            if not row.get("title_vi") and not row.get("title_lo"):
                yield DomainError("required", field="title_vi", kind="person_position", **where)
        yield from self._check_passports(draft, passport_owner)

    def _check_ranks(self, draft: Draft, country: str | None) -> Iterator[DomainError]:
        ranks = draft.children["ranks"]
        for index, row in enumerate(ranks):
            yield from date_order(row, "since", "until", kind="person_rank", collection="ranks", row=index + 1)
        ordered = sorted(enumerate(ranks), key=lambda item: (item[1]["since"], item[0]))
        for (_, earlier), (later_index, later) in zip(ordered, ordered[1:], strict=False):
            if earlier["until"] is None or earlier["until"] >= later["since"]:
                yield DomainError(
                    "rank_overlap",
                    field="since",
                    kind="person_rank",
                    collection="ranks",
                    row=later_index + 1,
                    first=earlier["since"].isoformat(),
                    second=later["since"].isoformat(),
                )
        if country in (Country.LA, Country.KH):
            for index, row in enumerate(ranks):
                if row["rank"] in VIETNAM_ONLY_RANKS:
                    yield DomainError(
                        "rank_not_in_army",
                        field="rank",
                        kind="person_rank",
                        collection="ranks",
                        row=index + 1,
                        country=Country(country),
                    )

    def _check_passports(self, draft: Draft, passport_owner: Callable[[str, str], str | None]) -> Iterator[DomainError]:
        passports = draft.children["passports"]
        yield from duplicates(passports, ("number", "country"), kind="passport", collection="passports", field="number")
        for index, row in enumerate(passports):
            where = {"collection": "passports", "row": index + 1}
            yield from date_order(row, "issued_on", "expires_on", kind="passport", strict=True, **where)
            owner = passport_owner(row["number"], row["country"])
            if owner is not None:
                yield DomainError(
                    "duplicate_passport", field="number", kind="passport", number=row["number"], owner=owner, **where
                )
