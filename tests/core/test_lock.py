"""One writer per data folder: a second program is told who writes, and opens read-only or not at all."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dnqp_desktop.cli import EXIT_USER_ERROR, main
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.lock import WriterLock
from tests.helpers import database_dump, make_unit

REPO = Path(__file__).resolve().parents[2]

_HOLDER = """
import sys, time
from dnqp_desktop.core.library import Library
library = Library.open(sys.argv[1])
print("ready", flush=True)
time.sleep(120)
"""


@pytest.fixture
def other_program(data_dir: Path):
    """A second process that opened the data folder and holds it."""
    process = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(data_dir)], stdout=subprocess.PIPE, text=True, cwd=REPO
    )
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"
        yield process
    finally:
        process.kill()
        process.wait(timeout=30)


def test_a_second_writer_in_the_same_process_is_refused(library: Library, data_dir: Path) -> None:
    with pytest.raises(DomainError) as caught:
        Library.open(data_dir)
    assert caught.value.message_id == "library_locked"
    message = caught.value.message("en")
    assert str(data_dir) in message and f"pid {os.getpid()}" in message


def test_the_lock_is_released_on_close(library: Library, data_dir: Path) -> None:
    library.close()
    library.close()  # twice is harmless
    with Library.open(data_dir) as again:
        make_unit(again)


def test_a_second_program_may_open_read_only_and_cannot_write(library: Library, data_dir: Path) -> None:
    make_unit(library)
    reader = Library.open(data_dir, fall_back_to_read_only=True)
    try:
        assert reader.read_only and reader.lock_holder and str(os.getpid()) in reader.lock_holder
        assert reader.units.count() == 1
        before = database_dump(library)
        with pytest.raises(DomainError) as caught:
            make_unit(reader)
        assert caught.value.message_id == "library_read_only"
        assert "read-only" in caught.value.message("en")
        assert database_dump(library) == before
        make_unit(library)  # the writer is not blocked by the reader
        assert reader.units.count() == 2  # and the reader sees its writes
    finally:
        reader.close()
    make_unit(library)  # closing the reader did not release the writer's lock
    with pytest.raises(DomainError):
        Library.open(data_dir)


def test_another_process_holding_the_folder_is_named(other_program: subprocess.Popen, data_dir: Path, capsys) -> None:
    code = main(["--lang", "en", "demo", "--data-dir", str(data_dir)])
    err = capsys.readouterr().err
    assert code == EXIT_USER_ERROR
    assert "already in use by another DNQP Desktop" in err and f"pid {other_program.pid}" in err
    with Library.open(data_dir, fall_back_to_read_only=True) as reader:
        assert reader.read_only and reader.units.count() == 0


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_killed_holder_leaves_no_stale_lock(other_program: subprocess.Popen, data_dir: Path) -> None:
    with pytest.raises(DomainError):
        Library.open(data_dir)
    other_program.send_signal(signal.SIGKILL)
    other_program.wait(timeout=30)
    deadline = time.monotonic() + 10
    while True:
        try:
            with Library.open(data_dir) as library:
                make_unit(library)
            break
        except DomainError:
            assert time.monotonic() < deadline, "the lock outlived its holder"
            time.sleep(0.05)


def test_writer_lock_objects(tmp_path: Path) -> None:
    first, second = WriterLock(tmp_path, program="first"), WriterLock(tmp_path, program="second")
    assert first.acquire() and first.acquire()  # re-entrant for its owner
    assert not second.acquire()
    holder = second.holder()
    assert holder is not None and holder.program == "first" and holder.pid == os.getpid()
    first.release()
    assert second.acquire()
    assert second.holder_text().startswith("second")
    second.release()


def test_read_only_use_never_takes_the_lock(library: Library, data_dir: Path) -> None:
    with Library.open(data_dir, read_only=True) as reader:
        assert reader.read_only and reader.units.count() == 0
    make_unit(library)


def test_check_works_beside_a_running_window_and_init_does_not(library: Library, data_dir: Path, capsys) -> None:
    make_unit(library)
    assert main(["--lang", "en", "check", "--data-dir", str(data_dir), "--json"]) == 0
    assert main(["--lang", "en", "init", "--data-dir", str(data_dir)]) == EXIT_USER_ERROR
    assert "already in use" in capsys.readouterr().err
