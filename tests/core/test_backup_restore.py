"""Restore: machine A to machine B; every fault refused with its own message and nothing changed."""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from dnqp_desktop.core import db
from dnqp_desktop.core.backup import keys
from dnqp_desktop.core.backup.reader import preview_backup, verify_backup
from dnqp_desktop.core.backup.restore import restore_backup
from dnqp_desktop.core.backup.rotation import list_backups
from dnqp_desktop.core.backup.writer import write_backup
from dnqp_desktop.core.config import DATABASE_FILENAME, DataFolder, Settings
from dnqp_desktop.core.demo import load_demo
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.services.policy import SYSTEM
from tests.backup_helpers import (
    OTHER_PASSWORD,
    PASSWORD,
    attach,
    database_dump_of,
    folder_state,
    install_key,
    unlocked_key,
)
from tests.helpers import database_dump, make_unit
from tests.next_release import install_next_release


def new_machine(root: Path, template: Path, password: str | None = OTHER_PASSWORD) -> Path:
    data_dir = root / "data"
    data_dir.mkdir(parents=True)
    shutil.copyfile(template, data_dir / DATABASE_FILENAME)
    if password is not None:
        install_key(data_dir, password)
    return data_dir


@pytest.fixture(scope="module")
def machine_a(tmp_path_factory: pytest.TempPathFactory, template_database: Path) -> tuple[Path, Path]:
    """Machine A's data folder with demo records, two attachments and settings, and one backup of it.

    Tests read machine A and its backup, never change them, so they are made once per module.
    """
    root = tmp_path_factory.mktemp("machine-a")
    data_dir = new_machine(root / "a", template_database, PASSWORD)
    with Library.open(data_dir) as library:
        load_demo(library)
        people = library.people.list()
        attach(library, "person", people[0].id, root / "in", "passport.jpg", random.Random(3).randbytes(400_000))
        attach(library, "agreement", library.agreements.list()[0].id, root / "in", "signed.pdf", b"%PDF-1.7 ...")
        library.save_settings(library.settings.with_changes(own_unit_id=library.units.list()[0].id), actor=SYSTEM)
        backup = library.backup(root / "usb" / "DNQP-backups").path
    return data_dir, backup


def blobs(data_dir: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (data_dir / "attachments").rglob("*") if p.is_file()
    }


def test_machine_a_to_machine_b_restores_every_record_and_file(
    machine_a: tuple[Path, Path], tmp_path: Path, template_database: Path
) -> None:
    a, backup = machine_a
    b = new_machine(tmp_path / "b", template_database)
    with Library.open(b) as library:
        make_unit(library, name_vi="Chỉ có trên máy B")
        preview, key = preview_backup(backup, PASSWORD)
        result = library.restore(backup, key, actor=SYSTEM)
        assert library.units.count() == preview.counts["unit"]  # the reloaded library reads the restored data
        assert all(unit.name_vi != "Chỉ có trên máy B" for unit in library.units.list())
    assert database_dump_of(b / DATABASE_FILENAME) == database_dump_of(a / DATABASE_FILENAME)
    assert blobs(b) == blobs(a) and len(blobs(a)) == 2
    restored = sqlite3.connect(b / DATABASE_FILENAME)
    for table, rows in preview.counts.items():
        assert restored.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] == rows, table
    restored.close()
    # B keeps its own password; the data it had is in a safety backup that B's password opens.
    assert not result.adopted_key and result.safety_backup is not None
    safety, _key = verify_backup(result.safety_backup, unlocked_key(OTHER_PASSWORD))
    assert safety.kind == "pre-restore" and safety.counts["unit"] == 1
    with Library.open(b) as library:
        assert library.attachments.file_path(library.attachments.list()[0]).exists()


def test_a_new_machine_adopts_the_backup_password(
    machine_a: tuple[Path, Path], tmp_path: Path, template_database: Path
) -> None:
    _a, backup = machine_a
    b = new_machine(tmp_path / "b", template_database, password=None)
    folder = DataFolder(b)
    result = restore_backup(folder, backup, PASSWORD, settings=Settings())
    assert result.adopted_key
    with Library.open(b) as library:
        assert library.has_backup_password()
        again = library.backup().path
    assert verify_backup(again, unlocked_key())[0].counts == preview_backup(backup, unlocked_key())[0].counts
    assert (b / "settings.toml").exists()  # a new machine takes the backed-up settings


def test_the_safety_backup_undoes_a_restore(
    machine_a: tuple[Path, Path], tmp_path: Path, template_database: Path
) -> None:
    _a, backup = machine_a
    b = new_machine(tmp_path / "b", template_database)
    with Library.open(b) as library:
        make_unit(library, name_vi="Dữ liệu cũ của máy B")
        before = database_dump(library)
        result = library.restore(backup, unlocked_key(), actor=SYSTEM)
        assert result.safety_backup is not None
        library.restore(result.safety_backup, unlocked_key(OTHER_PASSWORD), actor=SYSTEM)
        assert database_dump(library) == before


@pytest.fixture
def faulty_files(machine_a: tuple[Path, Path], tmp_path: Path) -> dict[str, Path]:
    _a, backup = machine_a
    content = backup.read_bytes()
    folder = tmp_path / "faulty"
    folder.mkdir()
    files = {
        "truncated": content[: len(content) // 2],
        "cut_at_header": content[:30],
        "flipped": bytes(b ^ (1 if i == len(content) - 5000 else 0) for i, b in enumerate(content)),
        "foreign": b"PK\x03\x04 a zip file, not a backup" + bytes(200),
        "empty": b"",
    }
    paths = {}
    for name, data in files.items():
        paths[name] = folder / f"{name}.dnqpbak"
        paths[name].write_bytes(data)
    paths["wrong_password"] = backup
    return paths


@pytest.mark.parametrize(
    ("fault", "message_id"),
    [
        ("truncated", "backup_truncated"),
        ("cut_at_header", "backup_truncated"),
        ("flipped", "backup_damaged"),
        ("foreign", "backup_foreign"),
        ("empty", "backup_truncated"),
        ("wrong_password", "backup_wrong_password"),
    ],
)
def test_a_bad_backup_is_refused_and_nothing_changes(
    faulty_files: dict[str, Path], tmp_path: Path, template_database: Path, fault: str, message_id: str
) -> None:
    b = new_machine(tmp_path / "b", template_database)
    with Library.open(b) as library:
        make_unit(library)
        library.backup()
        before = folder_state(b)
        password = "a wrong password" if fault == "wrong_password" else unlocked_key()
        with pytest.raises(DomainError) as caught:
            library.restore(faulty_files[fault], password, actor=SYSTEM)
        assert caught.value.message_id == message_id
        assert "Nothing was changed" in caught.value.message("en")
        assert library.units.count() == 1  # still working, on the same data
    assert folder_state(b) == before
    assert not list(b.glob(".restore-*"))
    for backup in list_backups(b / "backups"):
        verify_backup(backup.path, unlocked_key(OTHER_PASSWORD))  # earlier backups still verify


def test_a_backup_from_a_newer_version_is_refused(tmp_path: Path, template_database: Path) -> None:
    newer = new_machine(tmp_path / "newer", template_database, PASSWORD)
    connection = sqlite3.connect(newer / DATABASE_FILENAME)
    connection.execute("UPDATE alembic_version SET version_num = 'f00dface9999'")
    connection.commit()
    connection.close()
    backup = write_backup(DataFolder(newer), tmp_path / "usb", settings=Settings()).path
    b = new_machine(tmp_path / "b", template_database)
    with Library.open(b) as library:
        make_unit(library)
    before = folder_state(b)
    with Library.open(b) as library:
        with pytest.raises(DomainError) as caught:
            library.restore(backup, unlocked_key(), actor=SYSTEM)
    assert caught.value.message_id == "backup_schema_newer"
    assert "f00dface9999" in caught.value.message("en")
    assert folder_state(b) == before


def test_a_backup_from_an_older_version_is_upgraded_on_restore(
    machine_a: tuple[Path, Path], tmp_path: Path, template_database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, backup = machine_a
    b = new_machine(tmp_path / "b", template_database)
    install_next_release(tmp_path, monkeypatch)
    with Library.open(b) as library:  # machine B already runs the newer version
        summary, key = preview_backup(backup, unlocked_key())
        assert summary.schema_state == "older"
        result = library.restore(backup, key, actor=SYSTEM)
        assert result.upgraded_from == summary.schema_revision
        assert db.current_revision(library.engine) == "9001"
        assert library.people.count() == summary.counts["person"]
    columns = [row[1] for row in sqlite3.connect(b / DATABASE_FILENAME).execute("PRAGMA table_info(person)")]
    assert "nickname" in columns


def test_restore_is_refused_while_another_program_has_the_database_open(
    machine_a: tuple[Path, Path], tmp_path: Path, template_database: Path
) -> None:
    _a, backup = machine_a
    b = new_machine(tmp_path / "b", template_database)
    with Library.open(b) as library:
        make_unit(library)
    before = folder_state(b)
    other = Library.open(b, read_only=True)  # a second window, read-only
    try:
        other.units.count()
        with Library.open(b) as library:
            with pytest.raises(DomainError) as caught:
                library.restore(backup, unlocked_key(), actor=SYSTEM)
            assert caught.value.message_id == "restore_busy"
            assert library.units.count() == 1
    finally:
        other.close()
    assert folder_state(b) == before


def test_a_database_too_damaged_to_open_can_still_be_restored(
    machine_a: tuple[Path, Path], tmp_path: Path, template_database: Path
) -> None:
    a, backup = machine_a
    b = new_machine(tmp_path / "b", template_database)
    (b / DATABASE_FILENAME).write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    with pytest.raises(DomainError):
        Library.open(b)
    result = restore_backup(DataFolder(b), backup, unlocked_key(), settings=Settings())
    assert result.safety_backup is None and result.damaged_copy is not None
    assert (result.damaged_copy / DATABASE_FILENAME).read_bytes().startswith(b"SQLite format 3\x00\xff")
    with Library.open(b) as library:
        assert library.units.count() == preview_backup(backup, unlocked_key())[0].counts["unit"]
    assert database_dump_of(b / DATABASE_FILENAME) == database_dump_of(a / DATABASE_FILENAME)


def test_only_an_administrator_may_restore(machine_a: tuple[Path, Path], library: Library, clerk: object) -> None:
    _a, backup = machine_a
    before = database_dump(library)
    with pytest.raises(DomainError) as caught:
        library.restore(backup, unlocked_key(), actor=clerk)  # type: ignore[arg-type]
    assert caught.value.message_id == "forbidden"
    assert database_dump(library) == before


def test_a_restore_can_be_cancelled_before_it_replaces_anything(
    machine_a: tuple[Path, Path], tmp_path: Path, template_database: Path
) -> None:
    _a, backup = machine_a
    b = new_machine(tmp_path / "b", template_database)
    before = folder_state(b)
    with Library.open(b) as library:
        with pytest.raises(DomainError) as caught:
            library.restore(backup, unlocked_key(), actor=SYSTEM, cancelled=lambda: True)
    assert caught.value.message_id == "restore_cancelled"
    assert folder_state(b) == before


def test_restore_tells_listeners_to_reload(machine_a: tuple[Path, Path], library: Library, data_dir: Path) -> None:
    _a, backup = machine_a
    install_key(data_dir, OTHER_PASSWORD)
    seen = []
    library.subscribe(lambda changes: seen.extend(changes))
    library.restore(backup, unlocked_key(), actor=SYSTEM)
    assert [change.action for change in seen] == ["reloaded"]
    assert keys.load_key(data_dir) is not None
