"""Rotation keeps recent, daily, weekly and monthly backups and never drops the newest good one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dnqp_desktop.core.backup.reader import verify_backup
from dnqp_desktop.core.backup.rotation import (
    BackupFile,
    KeepPolicy,
    backup_name,
    list_backups,
    parse_name,
    partial_name,
    plan_rotation,
    rotate,
)
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.services.policy import SYSTEM
from tests.backup_helpers import install_key, unlocked_key
from tests.helpers import make_unit

START = datetime(2025, 1, 1, 5, 0, tzinfo=UTC)


MINE, THEIRS = "3fa2b1c4", "77aa0b19"


def make_files(folder: Path, moments: list[datetime], kind: str = "auto", installation: str = MINE) -> list[Path]:
    """Placeholder files under backup names: rotation decides by name and never reads them."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for moment in moments:
        path = folder / backup_name(moment, kind, installation)
        path.write_bytes(b"placeholder")
        paths.append(path)
    return paths


def test_names_round_trip_and_partials_are_not_backups() -> None:
    moment = datetime(2025, 5, 22, 8, 30, 15, 123456, tzinfo=UTC)
    name = backup_name(moment, "manual", MINE)
    assert parse_name(name) == (moment, "manual", MINE)
    assert parse_name(partial_name(name)) is None
    assert parse_name(name + ".tmp") is None and parse_name("notes.txt") is None


def test_a_year_of_backups_thins_out_as_the_settings_say(tmp_path: Path) -> None:
    moments = [START + timedelta(hours=6 * step) for step in range(4 * 365)]  # four a day for a year
    paths = make_files(tmp_path, moments)
    policy = KeepPolicy(recent=5, daily=7, weekly=4, monthly=12)
    deleted = rotate(tmp_path, policy, newest=paths[-1], zone=UTC)
    kept = list_backups(tmp_path)
    assert paths[-1] in [backup.path for backup in kept]
    assert len(kept) + len(deleted) == len(paths)
    days = {backup.created_at.date() for backup in kept}
    months = {(backup.created_at.year, backup.created_at.month) for backup in kept}
    assert len(kept) <= 5 + 7 + 4 + 12
    assert len(days) >= 7 and len(months) == 12
    newest_five = sorted(paths)[-5:]
    assert all(path.exists() for path in newest_five)
    assert rotate(tmp_path, policy, newest=paths[-1], zone=UTC) == []  # stable


def test_zero_counts_still_keep_the_newest(tmp_path: Path) -> None:
    paths = make_files(tmp_path, [START + timedelta(days=day) for day in range(10)])
    rotate(tmp_path, KeepPolicy(0, 0, 0, 0), newest=paths[-1], zone=UTC)
    assert [backup.path for backup in list_backups(tmp_path)] == [paths[-1]]


def test_nothing_is_deleted_unless_the_new_backup_is_there(tmp_path: Path) -> None:
    paths = make_files(tmp_path, [START + timedelta(days=day) for day in range(10)])
    missing = tmp_path / backup_name(START + timedelta(days=30), "auto", MINE)
    assert rotate(tmp_path, KeepPolicy(0, 0, 0, 0), newest=missing, zone=UTC) == []
    assert all(path.exists() for path in paths)


def test_an_older_file_named_newest_cannot_drop_the_real_newest(tmp_path: Path) -> None:
    paths = make_files(tmp_path, [START + timedelta(days=day) for day in range(5)])
    rotate(tmp_path, KeepPolicy(0, 0, 0, 0), newest=paths[0], zone=UTC)
    assert {backup.path for backup in list_backups(tmp_path)} == {paths[0], paths[-1]}


def test_copies_made_before_a_restore_are_never_rotated(tmp_path: Path) -> None:
    safety = make_files(tmp_path, [START], kind="pre-restore")
    paths = make_files(tmp_path, [START + timedelta(days=day) for day in range(1, 40)])
    rotate(tmp_path, KeepPolicy(1, 0, 0, 0), newest=paths[-1], zone=UTC)
    assert safety[0].exists() and paths[-1].exists()
    assert len(list_backups(tmp_path)) == 2


def test_other_files_in_the_folder_are_left_alone(tmp_path: Path) -> None:
    paths = make_files(tmp_path, [START + timedelta(days=day) for day in range(5)])
    strangers = [tmp_path / "notes.txt", tmp_path / partial_name(paths[0].name), tmp_path / "photo.jpg"]
    for path in strangers:
        path.write_text("mine")
    rotate(tmp_path, KeepPolicy(0, 0, 0, 0), newest=paths[-1], zone=UTC)
    assert all(path.exists() for path in strangers)


def test_plan_prefers_the_newest_of_each_period() -> None:
    day = datetime(2025, 3, 10, tzinfo=UTC)
    backups = [BackupFile(Path(f"/b/{hour}"), day + timedelta(hours=hour), "auto", MINE) for hour in (1, 5, 9, 25, 29)]
    deleted = plan_rotation(backups, KeepPolicy(recent=0, daily=2), newest=Path("/b/29"), zone=UTC)
    assert sorted(str(backup.path) for backup in deleted) == ["/b/1", "/b/25", "/b/5"]


def test_real_backups_rotate_only_after_the_new_one_verified(library: Library, data_dir: Path) -> None:
    install_key(data_dir)
    library.save_settings(
        library.settings.with_changes(
            backup_keep_recent=2, backup_keep_daily=0, backup_keep_weekly=0, backup_keep_monthly=0
        ),
        actor=SYSTEM,
    )
    make_unit(library)
    results = [library.backup() for _ in range(4)]
    assert [backup.path for backup in list_backups(data_dir / "backups")] == [r.path for r in results[:1:-1]]
    assert results[-1].deleted
    with pytest.raises(DomainError):
        library.backup(cancelled=lambda: True)  # a failed backup deletes nothing
    remaining = list_backups(data_dir / "backups")
    assert len(remaining) == 2
    for backup in remaining:
        verify_backup(backup.path, unlocked_key())


def test_another_workstations_backups_on_a_shared_stick_are_never_touched(tmp_path: Path) -> None:
    theirs = make_files(tmp_path, [START + timedelta(days=day) for day in range(30)], installation=THEIRS)
    mine = make_files(tmp_path, [START + timedelta(days=day, hours=1) for day in range(30)])
    rotate(tmp_path, KeepPolicy(1, 0, 0, 0), newest=mine[-1], zone=UTC)
    assert all(path.exists() for path in theirs)
    assert [path for path in mine if path.exists()] == [mine[-1]]
