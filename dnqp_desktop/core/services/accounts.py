"""User accounts (passwords and log-in arrive with the accounts issue)."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import func, select
from sqlmodel import Session

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.models import UserAccount
from dnqp_desktop.core.models.enums import Role
from dnqp_desktop.core.services.base import Draft, RecordService
from dnqp_desktop.core.services.policy import Permission
from dnqp_desktop.core.services.rules import Boolean, Choice, Code, Text


class UserService(RecordService[UserAccount]):
    kind = "user"
    model = UserAccount
    fields = {
        "username": Code(
            max_length=60, required=True, upper=False, pattern=r"[a-z0-9._-]{3,60}", message_id="invalid_username"
        ),
        "full_name": Text(max_length=200),
        "role": Choice(enum=Role, default=Role.VIEWER.value),
        "is_active": Boolean(default=True),
    }
    filterable = frozenset({"role", "is_active"})
    default_order = ("username",)

    def permission(self, action: str) -> Permission:
        return Permission.MANAGE_ACCOUNTS

    def check(self, session: Session, draft: Draft) -> Iterator[DomainError]:
        statement = select(UserAccount.id).where(func.lower(UserAccount.username) == draft["username"])
        if draft.record_id:
            statement = statement.where(UserAccount.id != draft.record_id)
        if session.scalar(statement.limit(1)) is not None:
            yield DomainError("duplicate_username", field="username", kind=self.kind, value=draft["username"])
