"""Password hashing with Argon2id, and the length rule every new password must meet.

Argon2id (``argon2-cffi``) is memory-hard, so a stolen database file does not give the passwords
away to a fast offline search. The library's defaults (RFC 9106 "low memory" profile) are used, and
a hash made with weaker parameters is re-made at the next successful log-in.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MIN_LENGTH = 8


@cache
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher  # loaded at the first log-in, not at every start

    return PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(stored: str, password: str) -> bool:
    """True when ``password`` matches; an empty or foreign ``stored`` value never matches."""
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    if not stored.startswith("$argon2"):
        return False
    try:
        return _hasher().verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return _hasher().check_needs_rehash(stored)


@cache
def dummy_hash() -> str:
    """A hash no password matches in practice: checked against for unknown user names, so that
    they take as long to refuse as a wrong password does."""
    return hash_password("\x00no such account\x00")
