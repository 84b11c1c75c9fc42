"""Stress test: SIGKILL a process writing through the services, many times, and lose nothing.

The test suite does 230 kills (tests/core/test_backup_crash.py); this runs more, alternating a
child that writes records and one that writes and rotates backups, on one data folder. After each
kill: ``dnqp check`` must pass, every write the child reported committed must be in the database,
every file with a backup's name must verify, and the newest backup reported must still be there
(or a newer one). POSIX only (SIGKILL, fork server).

    .venv/bin/python bench/crash.py [--kills 400]     (about three minutes)

The last line is ``BENCH crash kills=<n> writes=<n> backups=<n> lost=<n> false_backups=<n> PASS|MISS``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import multiprocessing
import os
import random
import signal
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dnqp_desktop.cli import main as dnqp  # noqa: E402
from dnqp_desktop.core.backup.reader import verify_backup  # noqa: E402
from dnqp_desktop.core.backup.rotation import list_backups, parse_name  # noqa: E402
from dnqp_desktop.core.errors import DomainError  # noqa: E402
from dnqp_desktop.core.library import Library  # noqa: E402
from tests import crash_child  # noqa: E402
from tests.backup_helpers import install_key, unlocked_key  # noqa: E402


def committed(log: Path) -> list[list[str]]:
    if not log.exists():
        return []
    text = log.read_text(encoding="utf-8")
    return [line.split() for line in text[: text.rfind("\n") + 1].splitlines()]


def main() -> int:
    if sys.platform == "win32":
        print("BENCH crash skipped: needs POSIX signals")
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=400)
    args = parser.parse_args()
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.crash_warmup"])
    rng = random.Random(int(time.time()))
    lost = false_backups = failed_checks = 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="dnqp-bench-crash-") as temp:
        data_dir = Path(temp) / "data"
        with Library.open(data_dir) as library:
            library.save_settings(library.settings.with_changes(backup_keep_recent=3, backup_keep_daily=1))
        install_key(data_dir)
        records, backups = Path(temp) / "records.log", Path(temp) / "backups.log"
        seen_records = 0
        for kill in range(args.kills):
            on_backups = kill % 4 == 3
            target = crash_child.write_backups if on_backups else crash_child.write_records
            log = backups if on_backups else records
            process = context.Process(target=target, args=(str(data_dir), str(log), kill), daemon=True)
            process.start()
            time.sleep(rng.uniform(0.0, 0.5 if on_backups else 0.3))  # start-up takes about 0.1 s
            os.kill(process.pid, signal.SIGKILL)
            process.join(30)
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                failed_checks += dnqp(["check", "--data-dir", str(data_dir), "--json"]) != 0
            lines = committed(records)
            database = sqlite3.connect(f"file:{data_dir / 'dnqp.sqlite3'}?mode=ro", uri=True)
            for kind, record_id in lines[seen_records:]:
                query = f'SELECT count(*) FROM "{kind}" WHERE id = ?'
                lost += database.execute(query, (record_id,)).fetchone()[0] != 1
            database.close()
            seen_records = len(lines)
            listed = list_backups(data_dir / "backups")
            for backup in listed:
                try:
                    verify_backup(backup.path, unlocked_key())
                except DomainError:
                    false_backups += 1
            reported = [parse_name(fields[1]) for fields in committed(backups)]
            if reported and (not listed or listed[0].created_at < max(r[0] for r in reported if r)):
                lost += 1
            if kill % 100 == 99:
                elapsed = time.perf_counter() - started
                print(f"{kill + 1} kills, {seen_records} writes, {len(reported)} backups, {elapsed:.0f} s")
        writes, written_backups = seen_records, len(committed(backups))
    ok = lost == 0 and false_backups == 0 and failed_checks == 0
    print(
        f"BENCH crash kills={args.kills} writes={writes} backups={written_backups} lost={lost} "
        f"false_backups={false_backups} failed_checks={failed_checks} {'PASS' if ok else 'MISS'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
