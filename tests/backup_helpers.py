"""Helpers for the backup tests: one real installation key per test run, and folder comparisons.

Sealing a key costs half a second of scrypt on purpose, so the key file is made once and copied
into each test's data folder (as the template database is), and unlocked once for the tests that
check hundreds of damaged files. A few tests still type the password, so that path is covered too.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
import tempfile
from pathlib import Path

from dnqp_desktop.core.backup import keys
from dnqp_desktop.core.backup.keys import UnlockedKey
from dnqp_desktop.core.config import DATABASE_FILENAME
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.services.policy import SYSTEM

#: Vietnamese on purpose: the password is NFC-normalised, so either typing of "ẩ" opens the backup.
PASSWORD = "Mật khẩu sao lưu 2025"
OTHER_PASSWORD = "a different password"


@functools.cache
def _key_file(password: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        keys.create_key(Path(folder), password, password)
        return keys.key_path(Path(folder)).read_bytes()


def install_key(data_dir: Path, password: str = PASSWORD) -> None:
    """Give the data folder the test installation key (as if its password had been set)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    keys.key_path(data_dir).write_bytes(_key_file(password))


@functools.cache
def unlocked_key(password: str = PASSWORD) -> UnlockedKey:
    sealed = keys.SealedKey.from_json(json.loads(_key_file(password)))
    return keys.unlock(sealed, password, shown="test key")


def database_dump_of(path: Path) -> list[str]:
    """Every row of every table of the database file, read through a fresh connection."""
    connection = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def folder_state(data_dir: Path) -> dict[str, object]:
    """What a failed restore or backup must leave exactly as it was: data, files, backups, key."""
    attachments = sorted(
        (p.relative_to(data_dir).as_posix(), hashlib.sha256(p.read_bytes()).hexdigest())
        for p in (data_dir / "attachments").rglob("*")
        if p.is_file()
    )
    backups = sorted(
        (p.name, hashlib.sha256(p.read_bytes()).hexdigest()) for p in (data_dir / "backups").rglob("*") if p.is_file()
    )
    key = keys.key_path(data_dir)
    return {
        "database": database_dump_of(data_dir / DATABASE_FILENAME),
        "attachments": attachments,
        "backups": backups,
        "key": key.read_bytes() if key.exists() else None,
    }


def attach(library: Library, owner_kind: str, owner_id: str, folder: Path, name: str, content: bytes) -> str:
    """Attach a real file to a record; returns its SHA-256."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / name
    source.write_bytes(content)
    return library.attachments.add(owner_kind, owner_id, source, actor=SYSTEM).sha256
