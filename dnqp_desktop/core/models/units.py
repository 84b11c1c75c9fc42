"""Units (own and partner) and the twinnings between them."""

# No ``from __future__ import annotations`` in model modules: sqlmodel resolves relationship
# annotations at class creation.
from datetime import date

from sqlalchemy import JSON, Text
from sqlmodel import Field

from dnqp_desktop.core.models.base import ID_LENGTH, Record


class Unit(Record, table=True):
    __tablename__ = "unit"

    country: str = Field(max_length=2, index=True)
    level: str = Field(max_length=40, index=True)
    is_own: bool = Field(default=False)
    parent_id: str | None = Field(default=None, foreign_key="unit.id", max_length=ID_LENGTH, index=True)
    name_vi: str = Field(max_length=300)
    name_lo: str = Field(default="", max_length=300)
    name_en: str = Field(default="", max_length=300)
    short_name: str = Field(default="", max_length=80)
    #: Other spellings met in the press and in old files ("Phông Xa Lỳ", "Phongsaly").
    aliases: list[str] = Field(default_factory=list, sa_type=JSON)
    address: str = Field(default="", max_length=500)
    contact: str = Field(default="", max_length=500)
    #: Units come and go with reorganisations (district commands dissolved in June 2025).
    active_from: date | None = None
    active_to: date | None = None
    notes: str = Field(default="", sa_type=Text)


class Twinning(Record, table=True):
    """A kết nghĩa relation between two units; the pair is unordered."""

    __tablename__ = "twinning"

    unit_a_id: str = Field(foreign_key="unit.id", max_length=ID_LENGTH, index=True)
    unit_b_id: str = Field(foreign_key="unit.id", max_length=ID_LENGTH, index=True)
    since: date | None = None
    ended_on: date | None = None
    status: str = Field(default="active", max_length=20)
    regulation_id: str | None = Field(default=None, foreign_key="agreement.id", max_length=ID_LENGTH)
    notes: str = Field(default="", sa_type=Text)
