"""Writing backups: verified before they get their name; any failure leaves earlier ones untouched."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import threading
from collections import namedtuple
from collections.abc import Callable
from pathlib import Path

import pytest

from dnqp_desktop.core.backup import rotation, snapshot, writer
from dnqp_desktop.core.backup.reader import verify_backup
from dnqp_desktop.core.backup.rotation import list_backups
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.library import Library
from tests.backup_helpers import attach, database_dump_of, folder_state, install_key, unlocked_key
from tests.helpers import make_unit

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def keyed(library: Library, data_dir: Path) -> Library:
    install_key(data_dir)
    return library


def only_backups_in(folder: Path) -> list[str]:
    """Every file in ``folder``: nothing but finished backups may be there."""
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_a_backup_is_verified_then_named_and_leaves_no_scratch_files(keyed: Library, tmp_path: Path) -> None:
    make_unit(keyed)
    seen: list[tuple[int, int, str]] = []
    result = keyed.backup(tmp_path / "usb", progress=lambda *args: seen.append(args))
    assert rotation.parse_name(result.path.name) is not None
    assert only_backups_in(tmp_path / "usb") == [result.path.name]
    assert only_backups_in(keyed.folder.backups) == []  # the snapshot was removed
    assert result.size == result.path.stat().st_size
    assert seen[0][1] == 0 and seen[-1][0] == seen[-1][1] > 0  # busy first, then bytes to the end
    assert verify_backup(result.path, unlocked_key())[0].counts["unit"] == 1


def test_without_a_password_ever_set_nothing_is_written(library: Library, tmp_path: Path) -> None:
    with pytest.raises(DomainError) as caught:
        library.backup(tmp_path / "usb")
    assert caught.value.message_id == "backup_password_not_set"
    assert not (tmp_path / "usb").exists() or only_backups_in(tmp_path / "usb") == []


def test_backups_taken_during_writes_are_consistent(keyed: Library) -> None:
    """The snapshot is one read transaction: counts, audit chain and rows always agree."""
    stop = threading.Event()

    def write_units() -> None:
        index = 0
        while not stop.is_set():
            make_unit(keyed, name_vi=f"Đơn vị {index}", notes="ghi chú " * 50)
            index += 1

    thread = threading.Thread(target=write_units)
    thread.start()
    try:
        results = [keyed.backup() for _ in range(5)]
    finally:
        stop.set()
        thread.join()
    counts = [verify_backup(result.path, unlocked_key())[0].counts for result in results]
    assert all(c["audit_log"] == c["unit"] for c in counts)  # one audit entry per unit, never torn
    assert counts[-1]["unit"] > 0


def test_cancelling_at_any_moment_leaves_nothing_behind(keyed: Library, data_dir: Path, tmp_path: Path) -> None:
    unit = make_unit(keyed)
    attach(keyed, "unit", unit.id, tmp_path / "in", "scan.bin", random.Random(1).randbytes(3_500_000))
    first = keyed.backup(tmp_path / "usb").path
    before = folder_state(data_dir)
    for stop_after in (0, 1, 2, 3, 4, 6):
        with pytest.raises(DomainError) as caught:
            keyed.backup(tmp_path / "usb", cancelled=_cancel_after(stop_after))
        assert caught.value.message_id == "backup_cancelled"
        assert only_backups_in(tmp_path / "usb") == [first.name]
    assert folder_state(data_dir) == before
    verify_backup(first, unlocked_key())


def _cancel_after(calls: int) -> Callable[[], bool]:
    seen = [0]

    def cancelled() -> bool:
        seen[0] += 1
        return seen[0] > calls

    return cancelled


def _fake_usage(free: int, real: object) -> object:
    usage = namedtuple("usage", "total used free")

    def disk_usage(path: object) -> object:
        return usage(10**12, 0, free)

    return disk_usage


@pytest.mark.parametrize("free", [0, 200_000])
def test_not_enough_free_space_is_found_before_writing(
    keyed: Library, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, free: int
) -> None:
    earlier = keyed.backup(tmp_path / "usb").path
    before = folder_state(data_dir)
    monkeypatch.setattr(snapshot.shutil, "disk_usage", _fake_usage(free, shutil.disk_usage))
    with pytest.raises(DomainError) as caught:
        keyed.backup(tmp_path / "usb")
    assert caught.value.message_id == "backup_no_space"
    assert "free" in caught.value.message("en")
    assert only_backups_in(tmp_path / "usb") == [earlier.name]
    assert folder_state(data_dir) == before


_CHILD = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG, as on a full stick, not a killed process
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
from dnqp_desktop.cli import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_full_disk_while_writing_leaves_earlier_backups_and_the_data_untouched(
    keyed: Library, data_dir: Path, tmp_path: Path
) -> None:
    unit = make_unit(keyed)
    attach(keyed, "unit", unit.id, tmp_path / "in", "scan.bin", random.Random(2).randbytes(3_000_000))
    usb = tmp_path / "usb"
    earlier = keyed.backup(usb).path
    keyed.close()
    database_size = (data_dir / "dnqp.sqlite3").stat().st_size
    before = folder_state(data_dir)
    # While copying the database; while writing the backup; a few bytes before its end.
    for limit in (database_size // 4, database_size + 200_000, earlier.stat().st_size - 100):
        run = subprocess.run(
            [sys.executable, "-c", _CHILD, str(limit), "--lang", "en", "backup", "--data-dir", str(data_dir)]
            + ["--to", str(usb)],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=REPO,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )
        assert run.returncode == 1, run.stderr
        assert "did not fit on" in run.stderr or "could not be written to" in run.stderr, run.stderr
        assert "earlier backups are untouched" in run.stderr and "integrity" not in run.stderr
        assert only_backups_in(usb) == [earlier.name], limit
        assert folder_state(data_dir) == before
    verify_backup(earlier, unlocked_key())


def test_a_damaged_database_is_not_backed_up(keyed: Library, data_dir: Path, tmp_path: Path) -> None:
    for index in range(400):
        make_unit(keyed, name_vi=f"Đơn vị {index}", notes="x" * 300)
    earlier = keyed.backup(tmp_path / "usb").path
    keyed.close()
    path = data_dir / "dnqp.sqlite3"
    content = bytearray(path.read_bytes())
    pages = len(content) // 4096
    for page in range(pages - 30, pages - 10):  # unit rows written last; the schema pages stay readable
        content[page * 4096 + 8 : page * 4096 + 400] = b"\xa5" * 392
    path.write_bytes(bytes(content))
    with Library.open(data_dir) as damaged:
        with pytest.raises(DomainError) as caught:
            damaged.backup(tmp_path / "usb")
    assert caught.value.message_id == "backup_source_damaged"
    assert only_backups_in(tmp_path / "usb") == [earlier.name]
    assert only_backups_in(data_dir / "backups") == []


def test_a_drive_that_gives_back_other_bytes_is_caught(
    keyed: Library, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fake-capacity stick stores garbage: the read-back notices and the file is removed."""
    make_unit(keyed)
    earlier = keyed.backup(tmp_path / "usb").path
    real = writer.drop_cached_pages

    def faulty_medium(fp: object) -> None:
        path = Path(fp.name)  # type: ignore[attr-defined]
        content = bytearray(path.read_bytes())
        content[-40] ^= 0x10
        path.write_bytes(bytes(content))
        real(fp)  # type: ignore[arg-type]

    monkeypatch.setattr(writer, "drop_cached_pages", faulty_medium)
    with pytest.raises(DomainError) as caught:
        keyed.backup(tmp_path / "usb")
    assert caught.value.message_id == "backup_verify_failed"
    assert "drive may be faulty" in caught.value.message("en")
    assert only_backups_in(tmp_path / "usb") == [earlier.name]


def test_a_missing_stored_file_does_not_block_backups(keyed: Library, tmp_path: Path) -> None:
    unit = make_unit(keyed)
    kept = attach(keyed, "unit", unit.id, tmp_path / "in", "a.pdf", b"kept")
    lost = attach(keyed, "unit", unit.id, tmp_path / "in", "b.pdf", b"lost")
    keyed.blobs.path(lost).unlink()
    result = keyed.backup()
    assert result.missing_attachments == [lost]
    summary, _key = verify_backup(result.path, unlocked_key())
    assert summary.attachments == 1 and summary.missing_attachments == [lost]
    assert kept != lost


def test_a_target_that_cannot_be_a_folder_is_named(keyed: Library, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file")
    with pytest.raises(DomainError) as caught:
        keyed.backup(blocker / "DNQP-backups")
    assert caught.value.message_id == "backup_write_failed"
    assert str(blocker) in caught.value.message("en")


def test_the_snapshot_is_the_database_as_committed(keyed: Library, data_dir: Path, tmp_path: Path) -> None:
    """Rows still in the WAL are in the backup: it is never a copy of the live file."""
    for index in range(20):
        make_unit(keyed, name_vi=f"Đơn vị {index}")
    assert (data_dir / "dnqp.sqlite3-wal").stat().st_size > 0
    result = keyed.backup()
    verify_backup(result.path, unlocked_key(), stage=tmp_path / "stage")
    restored = database_dump_of(tmp_path / "stage" / "dnqp.sqlite3")
    assert restored == database_dump_of(data_dir / "dnqp.sqlite3")


def test_stale_unfinished_files_are_cleared_but_fresh_ones_kept(keyed: Library, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    stale = usb / ".dnqp-20250101T000000.000000Z-manual.dnqpbak.partial"
    fresh = usb / ".dnqp-20250102T000000.000000Z-manual.dnqpbak.partial"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"half")
    old = os.stat(stale).st_mtime - rotation.STALE_AFTER_SECONDS - 10
    os.utime(stale, (old, old))
    result = keyed.backup(usb)
    assert not stale.exists() and fresh.exists()
    assert [backup.path for backup in list_backups(usb)] == [result.path]
