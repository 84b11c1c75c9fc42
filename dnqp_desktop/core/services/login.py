"""Log-in: a user name and password become an Actor, with a growing delay after wrong passwords.

The delay is kept in the account row (``failed_logins``, ``locked_until``), so restarting the
program does not lift it. Unknown user names and wrong passwords get the same answer, so that the
log-in window does not tell a stranger which accounts exist. Each attempt on an account is written
to the audit trail like any other change of the account row.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy import func, select

from dnqp_desktop.core import passwords
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.models import UserAccount
from dnqp_desktop.core.models.base import utcnow
from dnqp_desktop.core.services.accounts import actor_of
from dnqp_desktop.core.services.audit import append_audit
from dnqp_desktop.core.services.base import ServiceHost
from dnqp_desktop.core.services.policy import Actor

#: Wrong passwords allowed before the first wait; then the wait doubles, up to MAX_DELAY.
FREE_ATTEMPTS = 2
FIRST_DELAY = timedelta(seconds=5)
MAX_DELAY = timedelta(minutes=15)


def delay_after(failures: int) -> timedelta:
    """How long the account waits after its ``failures``-th wrong password in a row."""
    if failures <= FREE_ATTEMPTS:
        return timedelta(0)
    doublings = min(failures - FREE_ATTEMPTS - 1, 16)  # past 16 the cap applies anyway
    return min(MAX_DELAY, FIRST_DELAY * 2**doublings)


def authenticate(
    host: ServiceHost, username: str, password: str, *, now: datetime | None = None, record: bool = True
) -> Actor:
    """The Actor for a correct user name and password; otherwise a DomainError saying what to do.

    ``record=False`` (a read-only library: another program holds the writer lock) checks without
    counting the attempt, since nothing can be written.
    """
    now = now or utcnow()
    name = (username or "").strip().lower()
    with host.write() if record else host.read() as session:
        account = session.scalars(
            select(UserAccount).where(func.lower(UserAccount.username) == name, UserAccount.deleted_at.is_(None))
        ).first()
        if account is None:
            # The same answer, after the same Argon2 work, whether or not the name exists.
            passwords.verify_password(passwords.dummy_hash(), password or "")
            raise DomainError("login_failed")
        if account.locked_until is not None and account.locked_until > now:
            seconds = math.ceil((account.locked_until - now).total_seconds())
            raise DomainError("login_delayed", seconds=seconds)
        correct = passwords.verify_password(account.password_hash, password or "")
        if not correct and not record:
            raise DomainError("login_failed")
        if not correct:
            failures = account.failed_logins + 1
            wait = delay_after(failures)
            before = {"failed_logins": account.failed_logins}
            account.failed_logins = failures
            account.locked_until = now + wait if wait else None
            append_audit(
                session, actor_of(account), "login_failed", "user", account.id, before, {"failed_logins": failures}
            )
            failed = (
                DomainError("login_delayed", seconds=math.ceil(wait.total_seconds()))
                if wait
                else DomainError("login_failed")
            )
        else:
            failed = None
    if failed is not None:
        raise failed  # after the commit: the failure is counted even though the log-in is refused
    if not record:
        if not account.is_active:
            raise DomainError("account_disabled")
        return actor_of(account)
    with host.write() as session:
        account = session.get(UserAccount, account.id)
        assert account is not None
        if not account.is_active:
            raise DomainError("account_disabled")
        before = {"failed_logins": account.failed_logins}
        account.failed_logins, account.locked_until, account.last_login_at = 0, None, now
        if passwords.needs_rehash(account.password_hash):
            account.password_hash = passwords.hash_password(password)
        append_audit(session, actor_of(account), "login", "user", account.id, before, {"failed_logins": 0})
        return actor_of(account)
