"""One writer per data folder: an operating-system file lock that dies with the process holding it.

Two programs writing to one SQLite file in turn is safe for SQLite, but not for us: a restore
replaces the file under the other program, two rotations race over the same backups, and the
audit chain assumes one writer. So the first program to open a data folder takes ``dnqp.lock`` in
it; a second one is told who holds it and opens read-only or not at all.

Why an OS lock and not a "lock file exists" marker: the kernel drops the lock when the holder dies
(a crash, SIGKILL, a power cut), so there is never a stale lock to clean up by hand. POSIX uses
``flock`` (per open file, so even a second ``Library`` in the same process is refused); Windows
uses ``msvcrt.locking`` on one byte far past the end of the file, because Windows locks are
mandatory and the holder's description at the start must stay readable for the second program.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

LOCK_FILENAME = "dnqp.lock"
#: Where the Windows lock byte sits: past any description we write, so readers are never blocked.
_WINDOWS_LOCK_OFFSET = 1 << 30


@dataclass(frozen=True)
class LockHolder:
    """Who holds the lock, as the holder described itself (for the message to the second user)."""

    pid: int
    host: str
    user: str
    program: str
    since: str

    def describe(self) -> str:
        return f"{self.program}, {self.user}@{self.host}, pid {self.pid}, {self.since}"


class WriterLock:
    """A non-blocking exclusive lock on ``<folder>/dnqp.lock``."""

    def __init__(self, folder: Path, *, program: str | None = None) -> None:
        self.path = folder / LOCK_FILENAME
        self.program = program or Path(sys.argv[0] or "dnqp").name
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock if it is free; False when another program (or object) holds it."""
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if not _try_lock(fd):
                os.close(fd)
                return False
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        self._describe_self(fd)
        return True

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def holder(self) -> LockHolder | None:
        """The description the current holder wrote, or None if unreadable (it is only a hint)."""
        try:
            raw: Any = json.loads(self.path.read_text(encoding="utf-8"))
            return LockHolder(
                pid=int(raw["pid"]),
                host=str(raw["host"]),
                user=str(raw["user"]),
                program=str(raw["program"]),
                since=str(raw["since"]),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def holder_text(self) -> str:
        """The holder's description for a message, or "-" when it cannot be read."""
        holder = self.holder()
        return holder.describe() if holder else "-"

    def __enter__(self) -> WriterLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def _describe_self(self, fd: int) -> None:
        try:
            user = getpass.getuser()
        except Exception:  # no user name in some service accounts; the rest still helps
            user = "?"
        text = json.dumps(
            {
                "pid": os.getpid(),
                "host": socket.gethostname(),
                "user": user,
                "program": self.program,
                "since": datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M"),
            }
        ).encode("utf-8")
        try:
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, text)
        except OSError:
            pass  # the description is a courtesy; the lock itself is what matters


if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        finally:
            os.lseek(fd, 0, os.SEEK_SET)
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
