"""Delegations out (đoàn ra) and in (đoàn vào), their members and the units they visit."""

from datetime import date, datetime

from sqlalchemy import BigInteger, Text
from sqlmodel import Field, Relationship

from dnqp_desktop.core.models.base import ID_LENGTH, Record, Timestamped, UTCDateTime

_CHILDREN = {"lazy": "selectin", "cascade": "all, delete-orphan"}


class Delegation(Record, table=True):
    __tablename__ = "delegation"

    direction: str = Field(max_length=20, index=True)
    purpose_vi: str = Field(max_length=1000)
    purpose_lo: str = Field(default="", max_length=1000)
    #: Our unit that sends (outgoing) or receives (incoming) the delegation.
    own_unit_id: str | None = Field(default=None, foreign_key="unit.id", max_length=ID_LENGTH, index=True)
    head_person_id: str | None = Field(default=None, foreign_key="person.id", max_length=ID_LENGTH)
    start_date: date = Field(index=True)
    end_date: date
    border_gate: str = Field(default="", max_length=200)
    route: str = Field(default="", max_length=1000)
    cost_vnd: int | None = Field(default=None, sa_type=BigInteger)
    gifts: str = Field(default="", sa_type=Text)
    status: str = Field(default="draft", max_length=20, index=True)
    status_reason: str = Field(default="", max_length=1000)
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decision_number: str = Field(default="", max_length=50)
    decision_date: date | None = None
    approver_person_id: str | None = Field(default=None, foreign_key="person.id", max_length=ID_LENGTH)
    #: Why approval went ahead although a member's passport failed the check.
    passport_override_reason: str = Field(default="", max_length=1000)
    report: str = Field(default="", sa_type=Text)
    notes: str = Field(default="", sa_type=Text)

    members: list["DelegationMember"] = Relationship(
        back_populates="delegation", sa_relationship_kwargs={**_CHILDREN, "order_by": "DelegationMember.position"}
    )
    partner_units: list["DelegationUnit"] = Relationship(back_populates="delegation", sa_relationship_kwargs=_CHILDREN)


class DelegationMember(Timestamped, table=True):
    __tablename__ = "delegation_member"

    delegation_id: str = Field(foreign_key="delegation.id", ondelete="CASCADE", max_length=ID_LENGTH, index=True)
    person_id: str = Field(foreign_key="person.id", max_length=ID_LENGTH, index=True)
    role: str = Field(default="member", max_length=20)
    position: int = 0

    delegation: Delegation | None = Relationship(back_populates="members")


class DelegationUnit(Timestamped, table=True):
    """A partner unit the delegation visits (outgoing) or comes from (incoming)."""

    __tablename__ = "delegation_unit"

    delegation_id: str = Field(foreign_key="delegation.id", ondelete="CASCADE", max_length=ID_LENGTH, index=True)
    unit_id: str = Field(foreign_key="unit.id", max_length=ID_LENGTH, index=True)

    delegation: Delegation | None = Relationship(back_populates="partner_units")
