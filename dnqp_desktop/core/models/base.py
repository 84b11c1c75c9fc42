"""What every table shares: a global id, UTC timestamps, and the soft-delete mark.

Ids are random UUIDs rather than integers so that records made at several provinces can later be
merged at a Military Region without renumbering. Timestamps are stored as UTC and handed back as
aware datetimes, on SQLite (which has no time-zone type) as on PostgreSQL.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import MetaData
from sqlalchemy.types import DateTime, TypeDecorator
from sqlmodel import Field, SQLModel

# Named constraints: alembic's batch mode on SQLite can only alter constraints that have names.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata

ID_LENGTH = 36


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out; naive input is refused, not guessed."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


class Timestamped(SQLModel):
    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class Record(Timestamped):
    """An aggregate root: what the user creates, trashes and restores as one thing."""

    deleted_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None
