"""User accounts and the append-only audit log."""

from datetime import datetime

from sqlalchemy import Text
from sqlmodel import Field, SQLModel

from dnqp_desktop.core.models.base import ID_LENGTH, Record, UTCDateTime, new_id, utcnow


class UserAccount(Record, table=True):
    __tablename__ = "user_account"

    username: str = Field(max_length=60, unique=True)
    full_name: str = Field(default="", max_length=200)
    role: str = Field(default="viewer", max_length=20)
    password_hash: str = Field(default="", max_length=200)
    is_active: bool = True
    failed_logins: int = 0
    locked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_login_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class AuditLog(SQLModel, table=True):
    """One row per write, chained by hash so that editing or removing rows is detectable.

    ``seq`` orders the chain; ``entry_hash`` covers every other column and ``prev_hash``.
    """

    __tablename__ = "audit_log"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    seq: int = Field(unique=True, index=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    actor_id: str | None = Field(default=None, max_length=ID_LENGTH, index=True)
    actor_name: str = Field(max_length=60)
    action: str = Field(max_length=30)
    record_kind: str = Field(max_length=40, index=True)
    record_id: str = Field(max_length=ID_LENGTH, index=True)
    #: Canonical JSON {"field": [before, after], …} exactly as it was hashed.
    changes: str = Field(default="{}", sa_type=Text)
    prev_hash: str = Field(max_length=64)
    entry_hash: str = Field(max_length=64)


class AuditAnchor(SQLModel, table=True):
    """The last audit row's number and hash, kept apart from the chain and updated with it.

    The chain alone cannot show that rows were cut off its end: what is left is still a valid
    chain. This one row, written in the same transaction as every audit row, says where the chain
    must end, so ``dnqp check`` detects a truncated tail as well.
    """

    __tablename__ = "audit_anchor"

    id: int = Field(default=1, primary_key=True)
    last_seq: int = 0
    last_hash: str = Field(default="0" * 64, max_length=64)
