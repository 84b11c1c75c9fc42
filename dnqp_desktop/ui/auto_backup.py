"""Automatic backups while the app runs, and noticing a USB stick being plugged in.

``AutoBackup`` writes a backup to the data folder every ``backup_every_hours`` of use and once
when the application quits; both run the core ``Library.automatic_backup``, which skips when no
backup password is set or nothing changed. The periodic one runs in a worker so the window never
freezes; the one at exit runs in place, because the process is about to end.

``DriveWatcher`` polls the removable drives (there is no portable "device added" event without
extra system services) and emits ``inserted`` for each new one, so the window can offer a backup.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from dnqp_desktop.core.backup.drives import Drive, list_removable_drives
from dnqp_desktop.core.backup.progress import Cancelled, Progress
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.library import Library
from dnqp_desktop.ui.workers import Job, JobRunner, error_text

if TYPE_CHECKING:  # the writer (and cryptography) load when a backup is due, not at start-up
    from dnqp_desktop.core.backup.writer import BackupResult

log = logging.getLogger(__name__)


class AutoBackup(QObject):
    #: A backup was written (the BackupResult).
    written = Signal(object)
    #: A translated sentence: why the last automatic backup failed.
    problem = Signal(str)

    def __init__(
        self, library: Library, parent: QObject | None = None, *, runner: JobRunner | None = None, on_quit: bool = True
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.runner = runner or JobRunner(self)
        self.timer = QTimer(self)
        self.timer.setInterval(max(library.settings.backup_every_hours, 1) * 3600 * 1000)
        self.timer.timeout.connect(self.run_in_background)
        self.timer.start()
        app = QCoreApplication.instance()
        if on_quit and app is not None:
            app.aboutToQuit.connect(self.run_now)

    def run_in_background(self) -> Job | None:
        if self.library.read_only or self.runner.busy():
            return None
        library = self.library

        def work(progress: Progress, cancelled: Cancelled) -> BackupResult | None:
            return library.automatic_backup(progress=progress, cancelled=cancelled)

        job = Job(work)
        job.signals.succeeded.connect(self._done)
        job.signals.failed.connect(lambda error: self.problem.emit(error_text(error)))
        return self.runner.start(job)

    def run_now(self) -> BackupResult | None:
        """The backup at exit: in place, after any running one has finished."""
        self.timer.stop()
        if self.library.read_only:
            return None
        self.runner.wait()
        try:
            result = self.library.automatic_backup()
        except DomainError as exc:
            log.warning("automatic backup at exit failed: %s", exc.message("en"))
            self.problem.emit(exc.message())
            return None
        self._done(result)
        return result

    def _done(self, result: BackupResult | None) -> None:
        if result is not None:
            self.written.emit(result)


class DriveWatcher(QObject):
    #: A removable drive appeared (the Drive).
    inserted = Signal(object)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        drives: Callable[[], list[Drive]] = list_removable_drives,
        interval_ms: int = 3000,
    ) -> None:
        super().__init__(parent)
        self._drives = drives
        self._known = {drive.path for drive in self._safe_list()}
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def _safe_list(self) -> list[Drive]:
        try:
            return self._drives()
        except OSError:
            return []

    def poll(self) -> list[Drive]:
        current = self._safe_list()
        new = [drive for drive in current if drive.path not in self._known]
        self._known = {drive.path for drive in current}
        for drive in new:
            self.inserted.emit(drive)
        return new
