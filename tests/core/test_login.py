"""Log-in, the growing delay after wrong passwords, password changes, disabled accounts, first start."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from dnqp_desktop.core.demo import DEMO_ACCOUNTS, load_demo
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.models import UserAccount
from dnqp_desktop.core.models.base import utcnow
from dnqp_desktop.core.models.enums import Role
from dnqp_desktop.core.services.login import delay_after
from tests.core.test_services_common import audit_rows, refused

PASSWORD = "mat-khau-01"


@pytest.fixture
def admin(library: Library):
    return library.users.create_first_admin({"username": "quan.tri", "full_name": "Quản trị"}, PASSWORD, PASSWORD)


def _account(library: Library, username: str) -> UserAccount:
    return next(user for user in library.users.list() if user.username == username)


def test_first_start_asks_for_the_administrator_once(library: Library) -> None:
    assert library.users.needs_first_admin()
    refused(
        library,
        lambda: library.users.create_first_admin({"username": "quan.tri"}, "ngan", "ngan"),
        "password_too_short",
        "password",
    )
    refused(
        library,
        lambda: library.users.create_first_admin({"username": "quan.tri"}, PASSWORD, "khac-hoan-toan"),
        "password_mismatch",
        "password_repeat",
    )
    actor = library.users.create_first_admin({"username": "quan.tri"}, PASSWORD, PASSWORD)
    assert actor.role == Role.ADMIN and actor.user_id
    assert not library.users.needs_first_admin()
    refused(
        library, lambda: library.users.create_first_admin({"username": "khac"}, PASSWORD, PASSWORD), "accounts_exist"
    )
    row = audit_rows(library)[-1]
    assert (row.action, row.actor_name, row.record_id) == ("create", "quan.tri", actor.user_id)
    stored = _account(library, "quan.tri").password_hash
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert PASSWORD not in row.changes and stored not in row.changes


def test_log_in_gives_the_actor_of_the_account(library: Library, admin) -> None:
    actor = library.login(" Quan.Tri ", PASSWORD)
    assert actor == admin
    assert _account(library, "quan.tri").last_login_at is not None
    assert audit_rows(library)[-1].action == "login"


@pytest.mark.parametrize("username", ["quan.tri", "khong.co"])
def test_wrong_password_or_unknown_name_get_the_same_answer(library: Library, admin, username: str) -> None:
    with pytest.raises(DomainError) as caught:
        library.login(username, "sai-mat-khau")
    assert caught.value.message_id == "login_failed"
    assert caught.value.message("en") == "Wrong user name or password."


def test_the_delay_grows_after_each_wrong_password(library: Library, admin) -> None:
    assert [delay_after(n).total_seconds() for n in range(1, 9)] == [0, 0, 5, 10, 20, 40, 80, 160]
    assert delay_after(50) == timedelta(minutes=15)
    now = utcnow()
    for _ in range(2):
        with pytest.raises(DomainError) as caught:
            library.login("quan.tri", "sai", now=now)
        assert caught.value.message_id == "login_failed"
    with pytest.raises(DomainError) as caught:
        library.login("quan.tri", "sai", now=now)
    assert caught.value.message_id == "login_delayed" and caught.value.params["seconds"] == 5
    # During the wait even the right password is refused, and the wait is not extended by trying.
    with pytest.raises(DomainError) as caught:
        library.login("quan.tri", PASSWORD, now=now + timedelta(seconds=2))
    assert caught.value.message_id == "login_delayed" and caught.value.params["seconds"] == 3
    assert "3" in caught.value.message("en")
    assert _account(library, "quan.tri").failed_logins == 3
    with pytest.raises(DomainError) as caught:
        library.login("quan.tri", "sai", now=now + timedelta(seconds=6))
    assert caught.value.params["seconds"] == 10
    assert library.login("quan.tri", PASSWORD, now=now + timedelta(seconds=17)) == admin
    account = _account(library, "quan.tri")
    assert (account.failed_logins, account.locked_until) == (0, None)
    actions = [row.action for row in audit_rows(library)]
    assert actions.count("login_failed") == 4 and actions[-1] == "login"


def test_the_delay_survives_a_restart(library: Library, admin, data_dir) -> None:
    now = utcnow()
    for _ in range(3):
        with pytest.raises(DomainError):
            library.login("quan.tri", "sai", now=now)
    library.close()
    with Library.open(data_dir) as again:
        with pytest.raises(DomainError) as caught:
            again.login("quan.tri", PASSWORD, now=now + timedelta(seconds=1))
        assert caught.value.message_id == "login_delayed"


def test_a_disabled_account_cannot_log_in(library: Library, admin) -> None:
    clerk = library.users.create({"username": "tro.ly", "role": "clerk"}, actor=admin, password=PASSWORD)
    assert library.login("tro.ly", PASSWORD).role == Role.CLERK
    library.users.update(clerk.id, {"is_active": False}, actor=admin)
    with pytest.raises(DomainError) as caught:
        library.login("tro.ly", PASSWORD)
    assert caught.value.message_id == "account_disabled"
    with pytest.raises(DomainError) as caught:
        library.login("tro.ly", "sai-mat-khau")  # a stranger is not told that the account exists
    assert caught.value.message_id == "login_failed"
    library.users.update(clerk.id, {"is_active": True}, actor=admin)
    assert library.login("tro.ly", PASSWORD).user_id == clerk.id
    library.users.delete(clerk.id, actor=admin)
    with pytest.raises(DomainError) as caught:
        library.login("tro.ly", PASSWORD)
    assert caught.value.message_id == "login_failed"


def test_changing_ones_own_password(library: Library, admin) -> None:
    refused(
        library,
        lambda: library.users.change_own_password(admin, "sai", "mat-khau-02", "mat-khau-02"),
        "password_wrong",
        "old_password",
    )
    refused(
        library,
        lambda: library.users.change_own_password(admin, PASSWORD, "ngan", "ngan"),
        "password_too_short",
        "password",
    )
    library.users.change_own_password(admin, PASSWORD, "mat-khau-02", "mat-khau-02")
    with pytest.raises(DomainError):
        library.login("quan.tri", PASSWORD)
    assert library.login("quan.tri", "mat-khau-02") == admin
    row = next(row for row in audit_rows(library) if row.action == "change_password")
    assert json.loads(row.changes) == {"password": [None, "********"]}


def test_the_administrator_resets_a_password_and_lifts_the_delay(library: Library, admin) -> None:
    clerk = library.users.create({"username": "tro.ly", "role": "clerk"}, actor=admin, password=PASSWORD)
    for _ in range(4):
        with pytest.raises(DomainError):
            library.login("tro.ly", "sai")
    library.users.reset_password(clerk.id, "mat-khau-moi", "mat-khau-moi", actor=admin)
    assert library.login("tro.ly", "mat-khau-moi").user_id == clerk.id


def test_the_last_administrator_cannot_be_removed_or_demoted(library: Library, admin) -> None:
    refused(library, lambda: library.users.update(admin.user_id, {"role": "clerk"}, actor=admin), "last_admin", "role")
    refused(
        library,
        lambda: library.users.update(admin.user_id, {"is_active": False}, actor=admin),
        "last_admin",
        "is_active",
    )
    refused(library, lambda: library.users.delete(admin.user_id, actor=admin), "last_admin", "is_active")
    library.users.create({"username": "quan.tri.2", "role": "admin"}, actor=admin, password=PASSWORD)
    library.users.update(admin.user_id, {"role": "clerk"}, actor=admin)


def test_the_demo_creates_one_account_per_role(library: Library) -> None:
    load_demo(library)
    for username, _name, role, password in DEMO_ACCOUNTS:
        assert library.login(username, password).role == role
    assert {role for *_rest, role, _password in DEMO_ACCOUNTS} == set(Role)
