"""Who may do what. The core refuses; the UI only hides what would be refused anyway."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.models.enums import Role


class Permission(StrEnum):
    READ = "read"
    SEE_PASSPORT_NUMBERS = "see_passport_numbers"
    EDIT_RECORDS = "edit_records"
    PRINT = "print"
    APPROVE = "approve"
    MANAGE_ACCOUNTS = "manage_accounts"
    MANAGE_SETTINGS = "manage_settings"
    RESTORE_BACKUP = "restore_backup"


_CLERK = {Permission.READ, Permission.SEE_PASSPORT_NUMBERS, Permission.EDIT_RECORDS, Permission.PRINT}
_APPROVER = _CLERK | {Permission.APPROVE}
GRANTS: dict[Role, frozenset[Permission]] = {
    Role.VIEWER: frozenset({Permission.READ}),
    Role.CLERK: frozenset(_CLERK),
    Role.APPROVER: frozenset(_APPROVER),
    Role.ADMIN: frozenset(Permission),
}


@dataclass(frozen=True)
class Actor:
    """The person on whose behalf a service acts; every write names one."""

    username: str
    role: Role
    user_id: str | None = None

    def can(self, permission: Permission) -> bool:
        return permission in GRANTS[self.role]


#: Work done by the program itself (migrations, the demo loader, scripted CLI use).
SYSTEM = Actor(username="system", role=Role.ADMIN)


def require(actor: Actor, permission: Permission) -> None:
    if not actor.can(permission):
        raise DomainError("forbidden", role=actor.role, username=actor.username)
