"""Talks and meetings (hội đàm, giao ban) with the units and people taking part."""

from datetime import datetime

from sqlalchemy import Text
from sqlmodel import Field, Relationship

from dnqp_desktop.core.models.base import ID_LENGTH, Record, Timestamped, UTCDateTime

_CHILDREN = {"lazy": "selectin", "cascade": "all, delete-orphan"}


class Talk(Record, table=True):
    __tablename__ = "talk"

    kind: str = Field(max_length=40, index=True)
    title_vi: str = Field(max_length=500)
    title_lo: str = Field(default="", max_length=500)
    #: Stored in UTC; ``timezone`` is where the talk happens, for showing local times.
    start_at: datetime = Field(sa_type=UTCDateTime, index=True)
    end_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    timezone: str = Field(default="Asia/Ho_Chi_Minh", max_length=64)
    place_vi: str = Field(default="", max_length=300)
    place_lo: str = Field(default="", max_length=300)
    host_unit_id: str | None = Field(default=None, foreign_key="unit.id", max_length=ID_LENGTH, index=True)
    status: str = Field(default="planned", max_length=20, index=True)
    status_reason: str = Field(default="", max_length=1000)
    #: Talks of one periodic series (a yearly briefing whose host alternates) share this id.
    series_id: str | None = Field(default=None, max_length=ID_LENGTH, index=True)
    agenda: str = Field(default="", sa_type=Text)
    minutes: str = Field(default="", sa_type=Text)
    notes: str = Field(default="", sa_type=Text)

    units: list["TalkUnit"] = Relationship(back_populates="talk", sa_relationship_kwargs=_CHILDREN)
    participants: list["TalkParticipant"] = Relationship(
        back_populates="talk", sa_relationship_kwargs={**_CHILDREN, "order_by": "TalkParticipant.position"}
    )


class TalkUnit(Timestamped, table=True):
    """A unit taking part in a talk (both sides, and several for multi-party briefings)."""

    __tablename__ = "talk_unit"

    talk_id: str = Field(foreign_key="talk.id", ondelete="CASCADE", max_length=ID_LENGTH, index=True)
    unit_id: str = Field(foreign_key="unit.id", max_length=ID_LENGTH, index=True)

    talk: Talk | None = Relationship(back_populates="units")


class TalkParticipant(Timestamped, table=True):
    __tablename__ = "talk_participant"

    talk_id: str = Field(foreign_key="talk.id", ondelete="CASCADE", max_length=ID_LENGTH, index=True)
    person_id: str = Field(foreign_key="person.id", max_length=ID_LENGTH, index=True)
    role: str = Field(default="participant", max_length=20)
    position: int = 0

    talk: Talk | None = Relationship(back_populates="participants")
