"""What the crash tests run in a child process that is then killed with SIGKILL at a random moment.

Each child writes through the real services (or writes real backups) and appends one line to a
log file *after* each call returns, i.e. after its commit. A SIGKILL never loses what ``os.write``
already handed to the kernel, so every line in the log is a write the parent may demand to find.
Used by tests/core/test_backup_crash.py and bench/crash.py; preloaded into a fork server so that
a child starts in milliseconds instead of re-importing the application.
"""

from __future__ import annotations

import os
import random
import shutil
import tempfile
from pathlib import Path

from dnqp_desktop.core.library import Library
from dnqp_desktop.core.services.policy import SYSTEM
from tests.backup_helpers import install_key


def _log(fd: int, *fields: str) -> None:
    os.write(fd, (" ".join(fields) + "\n").encode("utf-8"))


def write_records(data_dir: str, log_path: str, seed: int, stop_after: int = 0) -> None:
    """Create units, people (with passports) and attachments until killed; log each commit."""
    rng = random.Random(seed)
    fd = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    library = Library.open(data_dir)
    scratch = Path(data_dir).parent / f"in-{seed}"
    scratch.mkdir(exist_ok=True)
    step = 0
    while True:
        step += 1
        if step == stop_after:
            library.close()
            raise _Stop
        choice = rng.random()
        if choice < 0.5:
            unit = library.units.create(
                {"country": "LA", "level": "province_command", "name_vi": f"Đơn vị {seed}-{step}", "notes": "x" * 200},
                actor=SYSTEM,
            )
            _log(fd, "unit", unit.id)
        elif choice < 0.85:
            person = library.people.create(
                {
                    "name_vi": f"Cán bộ {seed}-{step}",
                    "passports": [{"number": f"C{seed:04d}{step:04d}", "expires_on": "2031-01-01"}],
                },
                actor=SYSTEM,
            )
            _log(fd, "person", person.id)
        else:
            units = library.units.list(limit=1)
            if not units:
                continue
            source = scratch / f"scan-{step}.bin"
            source.write_bytes(rng.randbytes(rng.randrange(1, 20_000)))
            attachment = library.attachments.add("unit", units[0].id, source, actor=SYSTEM)
            _log(fd, "attachment", attachment.id)


def write_backups(data_dir: str, log_path: str, seed: int, stop_after: int = 0) -> None:
    """Alternate a record and a rotated backup until killed; log each verified backup's name."""
    fd = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    library = Library.open(data_dir)
    step = 0
    while True:
        step += 1
        if step == stop_after:
            library.close()
            raise _Stop
        library.units.create(
            {"country": "VN", "level": "province_command", "name_vi": f"Đơn vị {seed}-{step}"}, actor=SYSTEM
        )
        result = library.backup(kind="auto")
        _log(fd, "backup", result.path.name)


def warm_up() -> None:
    """Run each kind of write once in the fork server, so children start with warm caches.

    Without it every child spends its first few hundred milliseconds configuring mappers and
    compiling statements, and most kills would land before the first write.
    """
    folder = Path(tempfile.mkdtemp(prefix="dnqp-warm-"))
    try:
        log = folder / "log"
        library = Library.open(folder / "data")
        library.close()
        install_key(folder / "data")
        for target in (write_records, write_backups):
            try:
                target(str(folder / "data"), str(log), 999_999, stop_after=12)
            except _Stop:
                pass
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class _Stop(Exception):
    pass
