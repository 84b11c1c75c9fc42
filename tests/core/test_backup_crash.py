"""Power-cut stand-ins: a child writing through the services, or backing up, is SIGKILLed at random.

After every kill ``dnqp check`` must pass and every write the child reported as committed must be
there; during backups, no unfinished file may pass for a backup and the newest good one must stay.
230 kills here (about half a minute); ``bench/crash.py`` runs more.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dnqp_desktop.cli import EXIT_OK, main
from dnqp_desktop.core.backup.reader import verify_backup
from dnqp_desktop.core.backup.rotation import list_backups, parse_name
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.services.policy import SYSTEM
from tests import crash_child
from tests.backup_helpers import install_key, unlocked_key

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and a fork server are POSIX")

RECORD_KILLS = 200
BACKUP_KILLS = 30


@pytest.fixture(scope="module")
def forkserver() -> Any:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.crash_warmup"])
    return context


def run_and_kill(context: Any, target: Callable[..., None], args: tuple[Any, ...], delay: float) -> None:
    process = context.Process(target=target, args=args, daemon=True)
    process.start()
    time.sleep(delay)
    os.kill(process.pid, signal.SIGKILL)
    process.join(30)
    assert process.exitcode == -signal.SIGKILL


def committed(log: Path) -> list[list[str]]:
    """The lines the child finished writing (a torn last line was not yet reported)."""
    if not log.exists():
        return []
    text = log.read_text(encoding="utf-8")
    complete = text[: text.rfind("\n") + 1] if "\n" in text else ""
    return [line.split() for line in complete.splitlines()]


def check_passes(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--lang", "en", "check", "--data-dir", str(data_dir), "--json"])
    captured = capsys.readouterr()
    assert code == EXIT_OK, captured.out + captured.err


def test_killing_a_writer_at_random_moments_loses_nothing_committed(
    forkserver: Any, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(2025)
    log = tmp_path / "committed.log"
    reported = 0
    for kill in range(RECORD_KILLS):
        run_and_kill(forkserver, crash_child.write_records, (str(data_dir), str(log), kill), rng.uniform(0.0, 0.2))
        check_passes(data_dir, capsys)
        lines = committed(log)
        fresh, reported = lines[reported:], len(lines)
        database = sqlite3.connect(f"file:{data_dir / 'dnqp.sqlite3'}?mode=ro", uri=True)
        try:
            for kind, record_id in fresh:
                query = f'SELECT count(*) FROM "{kind}" WHERE id = ?'
                assert database.execute(query, (record_id,)).fetchone()[0] == 1, (kill, kind, record_id)
        finally:
            database.close()
    assert reported >= RECORD_KILLS // 2  # kills landed among writes too, not only during start-up (~0.1 s)
    with Library.open(data_dir) as library:  # everything reported is there at the end too
        assert library.units.count() + library.people.count() + library.attachments.count() >= reported


def test_killing_a_backup_at_random_moments_never_leaves_a_false_backup(
    forkserver: Any, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    install_key(data_dir)
    with Library.open(data_dir) as library:
        library.save_settings(
            library.settings.with_changes(
                backup_keep_recent=2, backup_keep_daily=1, backup_keep_weekly=0, backup_keep_monthly=0
            ),
            actor=SYSTEM,
        )
    rng = random.Random(6)
    log = tmp_path / "backups.log"
    backups = data_dir / "backups"
    for kill in range(BACKUP_KILLS):
        run_and_kill(forkserver, crash_child.write_backups, (str(data_dir), str(log), kill), rng.uniform(0.02, 0.4))
        check_passes(data_dir, capsys)
        listed = list_backups(backups)
        for backup in listed:  # whatever has a backup's name is a whole, verified backup
            verify_backup(backup.path, unlocked_key())
        reported = [fields[1] for fields in committed(log)]
        if reported:  # the last good backup reported is kept, or a newer good one replaced it
            newest_reported = max(parse_name(name)[0] for name in reported)  # type: ignore[index]
            assert listed and listed[0].created_at >= newest_reported, kill
        leftovers = [p.name for p in backups.iterdir() if parse_name(p.name) is None]
        assert all(name.startswith(".dnqp-") for name in leftovers), leftovers  # hidden scratch, cleaned later
    assert len(committed(log)) >= 5
