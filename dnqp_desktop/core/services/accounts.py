"""User accounts: who may log in, with which role, and their passwords.

Passwords are only ever stored as Argon2id hashes (``core/passwords.py``) and never enter the audit
trail: an audit row says that a password was set or changed, not what it was. Log-in itself lives
in ``core/services/login.py``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from dnqp_desktop.core import passwords
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.models import UserAccount
from dnqp_desktop.core.models.base import utcnow
from dnqp_desktop.core.models.enums import Role
from dnqp_desktop.core.services.audit import append_audit
from dnqp_desktop.core.services.base import Change, Draft, RecordService
from dnqp_desktop.core.services.policy import Actor, Permission, require
from dnqp_desktop.core.services.rules import Boolean, Choice, Code, Text

#: What the audit trail shows for a password: that it was set, never the value or its hash.
PASSWORD_SET = "********"


def actor_of(account: UserAccount) -> Actor:
    return Actor(username=account.username, role=Role(account.role), user_id=account.id)


def password_problems(password: str | None, repeat: str | None, *, field: str = "password") -> list[DomainError]:
    """Why a new password is refused (too short, the repeat differs); empty when it is acceptable."""
    password = password or ""
    if len(password) < passwords.MIN_LENGTH:
        return [DomainError("password_too_short", field=field, kind="user", min=passwords.MIN_LENGTH)]
    if repeat is not None and repeat != password:
        return [DomainError("password_mismatch", field="password_repeat", kind="user")]
    return []


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
        if draft.record_id and not (draft["role"] == Role.ADMIN and draft["is_active"]):
            if self._is_last_admin(session, draft.record_id):
                field = "role" if draft["role"] != Role.ADMIN else "is_active"
                yield DomainError("last_admin", field=field, kind=self.kind)

    @staticmethod
    def _is_last_admin(session: Session, user_id: str) -> bool:
        """True when ``user_id`` is the only live, active administrator who can log in."""
        admins = session.scalars(
            select(UserAccount.id).where(
                UserAccount.role == Role.ADMIN.value,
                UserAccount.is_active.is_(True),
                UserAccount.deleted_at.is_(None),
                UserAccount.password_hash != "",
            )
        ).all()
        return list(admins) == [user_id]

    # --- accounts with passwords ----------------------------------------------------------------

    def create(
        self, data: Mapping[str, Any], *, actor: Actor, password: str | None = None, repeat: str | None = None
    ) -> UserAccount:
        """A new account; with ``password`` it can log in at once (an administrator sets it)."""
        if password is None:
            return super().create(data, actor=actor)
        require(actor, Permission.MANAGE_ACCOUNTS)
        return self._create_with_password(data, password, repeat, actor=actor)

    def _create_with_password(
        self, data: Mapping[str, Any], password: str, repeat: str | None, *, actor: Actor | None, hashed: str = ""
    ) -> UserAccount:
        """``actor`` None: the account acts for itself (the first administrator creates itself).

        ``hashed``: the password's hash when the caller already has one (the demo accounts, whose
        hashes are made once per process because Argon2 is deliberately slow).
        """
        with self._host.write() as session:
            problems = password_problems(password, repeat)
            try:
                draft = self._clean(session, data, existing=None)
                self._check(session, draft)
            except DomainError as error:
                raise DomainError.combine([*error.errors, *problems]) from None
            if problems:
                raise DomainError.combine(problems)
            record = UserAccount(**draft.values, password_hash=hashed or passwords.hash_password(password))
            session.add(record)
            session.flush()
            after = {**self.snapshot(record), "password": PASSWORD_SET}
            append_audit(session, actor or actor_of(record), "create", self.kind, record.id, {}, after)
            record_id = record.id
        self._host.announce([Change(self.kind, record_id, "created")])
        return self.get(record_id)

    def needs_first_admin(self) -> bool:
        """True on first start: no active administrator account that can log in exists yet."""
        with self._host.read() as session:
            return (
                session.scalar(
                    select(func.count())
                    .select_from(UserAccount)
                    .where(
                        UserAccount.role == Role.ADMIN.value,
                        UserAccount.is_active.is_(True),
                        UserAccount.deleted_at.is_(None),
                        UserAccount.password_hash != "",
                    )
                )
                == 0
            )

    def create_first_admin(self, data: Mapping[str, Any], password: str, repeat: str | None) -> Actor:
        """The administrator account asked for on first start; refused once one exists."""
        if not self.needs_first_admin():
            raise DomainError("accounts_exist")
        record = self._create_with_password(
            {**data, "role": Role.ADMIN, "is_active": True}, password, repeat, actor=None
        )
        return actor_of(record)

    def reset_password(self, user_id: str, password: str, repeat: str | None, *, actor: Actor) -> UserAccount:
        """An administrator sets a new password (a forgotten one); the log-in delay is lifted too."""
        require(actor, Permission.MANAGE_ACCOUNTS)
        problems = password_problems(password, repeat)
        if problems:
            raise DomainError.combine(problems)
        self._store_password(user_id, password, action="reset_password", actor=actor)
        return self.get(user_id)

    def change_own_password(self, actor: Actor, old: str, password: str, repeat: str | None) -> None:
        """Anyone logged in changes their own password, giving the current one first."""
        if actor.user_id is None:
            raise DomainError("not_logged_in")
        with self._host.read() as session:
            account = self._load(session, actor.user_id)
            if not passwords.verify_password(account.password_hash, old or ""):
                raise DomainError("password_wrong", field="old_password", kind=self.kind)
        problems = password_problems(password, repeat)
        if problems:
            raise DomainError.combine(problems)
        self._store_password(actor.user_id, password, action="change_password", actor=actor)

    def _store_password(self, user_id: str, password: str, *, action: str, actor: Actor) -> None:
        hashed = passwords.hash_password(password)
        with self._host.write() as session:
            account = self._load(session, user_id)
            account.password_hash = hashed
            account.failed_logins, account.locked_until = 0, None
            account.updated_at = utcnow()
            append_audit(session, actor, action, self.kind, account.id, {}, {"password": PASSWORD_SET})
        self._host.announce([Change(self.kind, user_id, "updated")])

    def delete(self, record_id: str, *, actor: Actor) -> UserAccount:
        require(actor, Permission.MANAGE_ACCOUNTS)
        with self._host.read() as session:
            if self._is_last_admin(session, record_id):
                raise DomainError("last_admin", field="is_active", kind=self.kind)
        return super().delete(record_id, actor=actor)
