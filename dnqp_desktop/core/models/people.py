"""People with their rank and position history and their passports.

Rank and position are histories, not fields, because a document signed in 2015 must show the rank
its signatory held in 2015.
"""

from datetime import date

from sqlalchemy import JSON, Text
from sqlmodel import Field, Relationship

from dnqp_desktop.core.models.base import ID_LENGTH, Record, Timestamped

_CHILDREN = {"lazy": "selectin", "cascade": "all, delete-orphan"}


class Person(Record, table=True):
    __tablename__ = "person"

    name_vi: str = Field(default="", max_length=200)
    name_lo: str = Field(default="", max_length=200)
    name_en: str = Field(default="", max_length=200)
    #: Transliterations: "Xiêng-pheng", "Xiengpheng", "Siengpheng"…
    aliases: list[str] = Field(default_factory=list, sa_type=JSON)
    unit_id: str | None = Field(default=None, foreign_key="unit.id", max_length=ID_LENGTH, index=True)
    birth_date: date | None = None
    notes: str = Field(default="", sa_type=Text)

    ranks: list["PersonRank"] = Relationship(
        back_populates="person", sa_relationship_kwargs={**_CHILDREN, "order_by": "PersonRank.since"}
    )
    positions: list["PersonPosition"] = Relationship(
        back_populates="person", sa_relationship_kwargs={**_CHILDREN, "order_by": "PersonPosition.since"}
    )
    passports: list["Passport"] = Relationship(
        back_populates="person", sa_relationship_kwargs={**_CHILDREN, "order_by": "Passport.expires_on"}
    )

    def rank_on(self, day: date) -> "PersonRank | None":
        """The rank held on ``day`` (the latest one that started on or before it)."""
        held = [r for r in self.ranks if r.since <= day and (r.until is None or day <= r.until)]
        return max(held, key=lambda r: r.since) if held else None

    def position_on(self, day: date) -> "PersonPosition | None":
        held = [p for p in self.positions if p.since <= day and (p.until is None or day <= p.until)]
        return max(held, key=lambda p: p.since) if held else None


class PersonRank(Timestamped, table=True):
    __tablename__ = "person_rank"

    person_id: str = Field(foreign_key="person.id", ondelete="CASCADE", max_length=ID_LENGTH, index=True)
    rank: str = Field(max_length=40)
    since: date
    until: date | None = None

    person: Person | None = Relationship(back_populates="ranks")


class PersonPosition(Timestamped, table=True):
    __tablename__ = "person_position"

    person_id: str = Field(foreign_key="person.id", ondelete="CASCADE", max_length=ID_LENGTH, index=True)
    title_vi: str = Field(default="", max_length=300)
    title_lo: str = Field(default="", max_length=300)
    title_en: str = Field(default="", max_length=300)
    unit_id: str | None = Field(default=None, foreign_key="unit.id", max_length=ID_LENGTH, index=True)
    since: date
    until: date | None = None

    person: Person | None = Relationship(back_populates="positions")


class Passport(Timestamped, table=True):
    __tablename__ = "passport"

    person_id: str = Field(foreign_key="person.id", ondelete="CASCADE", max_length=ID_LENGTH, index=True)
    number: str = Field(max_length=20, index=True)
    kind: str = Field(default="official", max_length=20)
    country: str = Field(default="VN", max_length=2)
    issued_on: date | None = None
    expires_on: date
    notes: str = Field(default="", max_length=500)

    person: Person | None = Relationship(back_populates="passports")
