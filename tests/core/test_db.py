"""Connection settings that protect data, and refusing files that are not our database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dnqp_desktop.core import db
from dnqp_desktop.core.config import DATABASE_FILENAME
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.library import Library
from tests.helpers import make_unit


def test_sqlite_connections_are_set_up_for_power_loss(library: Library) -> None:
    with library.engine.connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") == db.BUSY_TIMEOUT_MS


def test_write_transactions_take_the_write_lock_at_once(library: Library) -> None:
    """BEGIN IMMEDIATE: a second writer waits at its start, never fails half-way through."""
    other = sqlite3.connect(library.folder.database, timeout=0, isolation_level=None)
    try:
        with library.write():
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again once the write transaction ended
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_reads_do_not_block_writers(library: Library) -> None:
    with library.read() as session:
        session.connection().exec_driver_sql("SELECT count(*) FROM unit").scalar()
        make_unit(library)  # WAL: a reader does not stop a writer
    assert library.units.count() == 1


def test_a_failed_write_leaves_nothing_behind(library: Library) -> None:
    with pytest.raises(RuntimeError):
        with library.write() as session:
            session.connection().exec_driver_sql(
                "INSERT INTO user_account (id, created_at, updated_at, username, full_name, role, password_hash,"
                " is_active, failed_logins) VALUES ('x', '2025-01-01', '2025-01-01', 'x', '', 'viewer', '', 1, 0)"
            )
            raise RuntimeError("power cut in the middle")
    assert library.users.count() == 0


@pytest.mark.parametrize(
    "content",
    [b"this is a spreadsheet, not a database", b"SQLite format 3\x00" + b"\xff" * 200, b"PK\x03\x04" + bytes(4096)],
    ids=["text", "truncated-header", "zip"],
)
def test_a_file_that_is_not_a_database_is_refused_and_kept(tmp_path: Path, content: bytes) -> None:
    (tmp_path / DATABASE_FILENAME).write_bytes(content)
    with pytest.raises(DomainError) as caught:
        Library.open(tmp_path)
    assert caught.value.message_id == "database_damaged"
    assert str(tmp_path / DATABASE_FILENAME) in caught.value.message("en")
    assert (tmp_path / DATABASE_FILENAME).read_bytes() == content  # never "repaired" by overwriting


def test_missing_database_is_reported_when_not_creating(tmp_path: Path) -> None:
    with pytest.raises(DomainError) as caught:
        Library.open(tmp_path, create=False)
    assert caught.value.message_id == "database_missing"
    assert not (tmp_path / DATABASE_FILENAME).exists()


def test_copy_of_a_live_database_is_verified(library: Library, tmp_path: Path) -> None:
    make_unit(library)
    copy = db.copy_sqlite_database(library.folder.database, tmp_path / "copy.sqlite3")
    connection = sqlite3.connect(copy)
    assert connection.execute("SELECT count(*) FROM unit").fetchone()[0] == 1
    assert not list(tmp_path.glob("*.partial"))


def test_a_truncated_database_is_refused(library: Library, data_dir: Path) -> None:
    for index in range(300):
        make_unit(library, name_vi=f"Đơn vị số {index}", notes="x" * 500)
    library.close()
    path = data_dir / DATABASE_FILENAME
    content = path.read_bytes()
    path.write_bytes(content[: len(content) // 3])
    with pytest.raises(DomainError) as caught:
        with Library.open(data_dir) as damaged:
            damaged.units.list()
    assert caught.value.message_id == "database_damaged"
