"""Background jobs: a core function with ``progress``/``cancelled`` runs off the GUI thread.

Long work (backup, restore, PDF, import) is a plain core function taking the two callbacks of
ARCHITECTURE.md "Long work". A ``Job`` wraps one and reports by Qt signals, which Qt delivers on
the GUI thread because the signals object lives there. ``JobRunner`` runs jobs one at a time on
its own thread (writes stay serial, as the audit chain needs); with ``inline=True`` it runs them
at once on the calling thread, which is what most tests want.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from dnqp_desktop.core.backup.progress import Cancelled, Progress
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.i18n import _

log = logging.getLogger(__name__)

Work = Callable[[Progress, Cancelled], Any]


class JobSignals(QObject):
    # Python objects, not Qt ints: byte counts pass 2**31 on large backups.
    progressed = Signal(object, object, str)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()


class Job(QRunnable):
    def __init__(self, work: Work) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the runner keeps it until it has finished
        self.signals = JobSignals()
        self._work = work
        self._cancel = threading.Event()
        self.done = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self._work(self._report, self._cancel.is_set)
        except DomainError as exc:
            self.signals.failed.emit(exc)
        except Exception as exc:  # shown as one line; the traceback goes to the log
            log.exception("background job failed")
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)
        finally:
            self.done.set()
            self.signals.finished.emit()

    def _report(self, done: int, total: int, message: str) -> None:
        self.signals.progressed.emit(done, total, message)


def error_text(error: object) -> str:
    """What to tell the user about a failed job: our message, or one line for the unexpected."""
    if isinstance(error, DomainError):
        return error.message()
    return _("Unexpected error: {error}. Details are in the log file.").format(error=error)


class JobRunner(QObject):
    """Runs jobs one after the other on a private thread, or inline for tests."""

    def __init__(self, parent: QObject | None = None, *, inline: bool = False) -> None:
        super().__init__(parent)
        self.inline = inline
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._running: set[Job] = set()

    def start(self, job: Job) -> Job:
        self._running.add(job)
        job.signals.finished.connect(lambda: self._running.discard(job))
        if self.inline:
            job.run()
        else:
            self._pool.start(job)
        return job

    def busy(self) -> bool:
        return any(not job.done.is_set() for job in self._running)

    def cancel_all(self) -> None:
        for job in list(self._running):
            job.cancel()

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)
