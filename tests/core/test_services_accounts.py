"""User accounts: user names, roles, and who may manage them."""

from __future__ import annotations

import pytest

from dnqp_desktop.core.library import Library
from dnqp_desktop.core.models.enums import Role
from dnqp_desktop.core.services.policy import Actor
from tests.core.test_services_common import refused


def test_an_account(library: Library, system) -> None:
    user = library.users.create({"username": " Tro.Ly_01 ", "full_name": "Trợ lý đối ngoại"}, actor=system)
    assert (user.username, user.full_name, user.role, user.is_active) == (
        "tro.ly_01",
        "Trợ lý đối ngoại",
        "viewer",
        True,
    )
    admin = Actor(username="admin", role=Role.ADMIN)
    changed = library.users.update(user.id, {"role": Role.APPROVER, "is_active": False}, actor=admin)
    assert (changed.username, changed.role, changed.is_active) == ("tro.ly_01", "approver", False)
    assert [u.id for u in library.users.list(filters={"role": "approver", "is_active": False})] == [user.id]
    assert library.users.update(user.id, {"username": "TRO.LY_01"}, actor=system).username == "tro.ly_01"


@pytest.mark.parametrize(
    ("data", "message_id", "field"),
    [
        ({"username": ""}, "required", "username"),
        ({"username": "ab"}, "invalid_username", "username"),
        ({"username": "tro ly"}, "invalid_username", "username"),
        ({"username": "nguyễn"}, "invalid_username", "username"),
        ({"username": "tro@ly"}, "invalid_username", "username"),
        ({"username": "a" * 61}, "too_long", "username"),
        ({"full_name": "Trợ lý\nđối ngoại"}, "single_line", "full_name"),
        ({"role": "superuser"}, "invalid_choice", "role"),
        ({"is_active": "có"}, "not_boolean", "is_active"),
    ],
)
def test_account_rule_refuses(library: Library, system, data: dict, message_id: str, field: str) -> None:
    refused(library, lambda: library.users.create({"username": "tro.ly", **data}, actor=system), message_id, field)


@pytest.mark.parametrize("username", ["abc", "a" * 60, "tro.ly-01_b"])
def test_user_name_limits(library: Library, system, username: str) -> None:
    assert library.users.create({"username": username}, actor=system).username == username


def test_a_user_name_is_taken_whatever_its_case_even_in_the_trash(library: Library, system) -> None:
    first = library.users.create({"username": "clerk"}, actor=system)
    refused(
        library, lambda: library.users.create({"username": "CLERK"}, actor=system), "duplicate_username", "username"
    )
    other = library.users.create({"username": "approver"}, actor=system)
    refused(
        library,
        lambda: library.users.update(other.id, {"username": "Clerk"}, actor=system),
        "duplicate_username",
        "username",
    )
    library.users.delete(first.id, actor=system)
    error = refused(
        library, lambda: library.users.create({"username": "clerk"}, actor=system), "duplicate_username", "username"
    )
    assert "clerk" in error.message("en")


@pytest.mark.parametrize("role", [Role.CLERK, Role.APPROVER, Role.VIEWER])
def test_only_an_administrator_manages_accounts(library: Library, system, role: Role) -> None:
    actor = Actor(username="someone", role=role)
    user = library.users.create({"username": "tro.ly"}, actor=system)
    refused(library, lambda: library.users.create({"username": "khac"}, actor=actor), "forbidden")
    refused(library, lambda: library.users.update(user.id, {"role": "admin"}, actor=actor), "forbidden")
    refused(library, lambda: library.users.delete(user.id, actor=actor), "forbidden")
    library.users.delete(user.id, actor=system)
    refused(library, lambda: library.users.restore(user.id, actor=actor), "forbidden")
