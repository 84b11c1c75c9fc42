"""The backup window: pick this computer, a USB stick or a folder; one click writes and verifies.

Backups to a stick go into its ``DNQP-backups`` folder. The first time, the window asks for the
backup password (twice) and keeps it nowhere: it only seals the installation key, after which
every backup, manual or automatic, is written without it. The work runs in a worker with a
progress bar and a cancel button; the result or the problem is said in one sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dnqp_desktop.core.backup.drives import Drive, list_removable_drives
from dnqp_desktop.core.backup.manifest import format_size
from dnqp_desktop.core.backup.progress import Cancelled, Progress
from dnqp_desktop.core.backup.writer import BackupResult, result_lines
from dnqp_desktop.core.i18n import _
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.services.policy import Actor
from dnqp_desktop.ui.dialogs.progress import PROGRESS_SCALE, add_progress, show_progress
from dnqp_desktop.ui.workers import Job, JobRunner, error_text


class BackupDialog(QDialog):
    def __init__(
        self,
        library: Library,
        parent: QWidget | None = None,
        *,
        drives: Callable[[], list[Drive]] = list_removable_drives,
        runner: JobRunner | None = None,
        preselect: Path | None = None,
        actor: Actor,
    ) -> None:
        """``actor`` sets the backup password when there is none yet (an administrator's right)."""
        super().__init__(parent)
        self.setObjectName("backupDialog")
        self.setWindowTitle(_("Back up"))
        self.library, self.actor = library, actor
        self._drives = drives
        self.runner = runner or JobRunner(self)
        self.job: Job | None = None
        self.result: BackupResult | None = None

        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "The backup is encrypted, read back to check it, and old backups are rotated; "
                "the newest good one is always kept."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(QLabel(_("Where to:")))
        self.targets = QListWidget(self)
        self.targets.setObjectName("targets")
        layout.addWidget(self.targets)
        row = QHBoxLayout()
        self.refresh_button = QPushButton(_("Look for USB drives again"), self)
        self.refresh_button.clicked.connect(lambda: self.refresh_targets())
        self.folder_button = QPushButton(_("Another folder…"), self)
        self.folder_button.clicked.connect(self.choose_folder)
        row.addWidget(self.refresh_button)
        row.addWidget(self.folder_button)
        row.addStretch(1)
        layout.addLayout(row)

        self.password_box = QWidget(self)
        form = QFormLayout(self.password_box)
        form.setContentsMargins(0, 0, 0, 0)
        note = QLabel(
            _(
                "Set the backup password once. It is needed to restore, never to back up. "
                "Keep it safe: without it no backup can be opened."
            )
        )
        note.setWordWrap(True)
        form.addRow(note)
        self.password = QLineEdit(self.password_box)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_repeat = QLineEdit(self.password_box)
        self.password_repeat.setObjectName("password_repeat")
        self.password_repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("Backup password"), self.password)
        form.addRow(_("Password again"), self.password_repeat)
        layout.addWidget(self.password_box)
        self.password_box.setVisible(not library.has_backup_password())

        self.progress, self.status = add_progress(self, layout)

        buttons = QHBoxLayout()
        self.start_button = QPushButton(_("Back up now"), self)
        self.start_button.setObjectName("start_button")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(_("Stop"), self)
        self.cancel_button.setObjectName("cancel_button")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button = QPushButton(_("Close"), self)
        self.close_button.clicked.connect(self.reject)
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.resize(560, 460)
        self.refresh_targets(preselect)

    # --- destinations ----------------------------------------------------------------------

    def _add_target(self, text: str, folder: Path) -> QListWidgetItem:
        item = QListWidgetItem(text, self.targets)
        item.setData(Qt.ItemDataRole.UserRole, str(folder))
        item.setToolTip(str(folder))
        return item

    def refresh_targets(self, preselect: Path | None = None) -> None:
        chosen = preselect or self.target_folder()
        self.targets.clear()
        local = self._add_target(_("This computer (data folder)"), self.library.folder.backups)
        for drive in self._drives():
            free = _(", {size} free").format(size=format_size(drive.free)) if drive.free is not None else ""
            self._add_target(_("USB drive {label}{free}").format(label=drive.label, free=free), drive.backup_folder)
        if chosen is not None and not self._select(chosen):
            self._add_target(str(chosen), chosen)
            self._select(chosen)
        if self.targets.currentItem() is None:
            self.targets.setCurrentItem(local)

    def _select(self, folder: Path) -> bool:
        for row in range(self.targets.count()):
            item = self.targets.item(row)
            if Path(item.data(Qt.ItemDataRole.UserRole)) == folder:
                self.targets.setCurrentItem(item)
                return True
        return False

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Folder for the backup"))
        if folder:
            self.refresh_targets(Path(folder))

    def target_folder(self) -> Path | None:
        item = self.targets.currentItem() if self.targets.count() else None
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    # --- the job ---------------------------------------------------------------------------

    def start(self) -> None:
        target = self.target_folder()
        if target is None or (self.job is not None and not self.job.done.is_set()):
            return
        new_password = None
        if not self.library.has_backup_password():
            new_password = (self.password.text(), self.password_repeat.text())
        library, actor = self.library, self.actor

        def work(progress: Progress, cancelled: Cancelled) -> BackupResult:
            if new_password is not None:
                progress(0, 0, _("Setting the backup password…"))
                library.set_backup_password(*new_password, actor=actor)
            return library.backup(target, progress=progress, cancelled=cancelled)

        self._set_running(True)
        self.status.setText(_("Backing up to {path}…").format(path=target))
        self.status.setStyleSheet("")
        job = Job(work)
        job.signals.progressed.connect(self._on_progress)
        job.signals.succeeded.connect(self._on_success)
        job.signals.failed.connect(self._on_failure)
        job.signals.finished.connect(lambda: self._set_running(False))
        self.job = job
        self.runner.start(job)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.targets.setEnabled(not running)
        self.folder_button.setEnabled(not running)
        self.refresh_button.setEnabled(not running)

    def _on_progress(self, done: Any, total: Any, message: str) -> None:
        show_progress(self.progress, int(done), int(total))
        self.status.setText(message)

    def _on_success(self, result: BackupResult) -> None:
        self.result = result
        self.password_box.setVisible(False)
        self.progress.setRange(0, PROGRESS_SCALE)
        self.progress.setValue(PROGRESS_SCALE)
        lines = result_lines(result)
        self.status.setText("\n".join(lines))

    def _on_failure(self, error: object) -> None:
        self.progress.setRange(0, PROGRESS_SCALE)
        self.progress.setValue(0)
        self.status.setStyleSheet("color: #b00020;")
        self.status.setText(error_text(error))

    def reject(self) -> None:
        if self.job is not None and not self.job.done.is_set():
            self.job.cancel()  # the job removes its unfinished file itself
            self.runner.wait()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.job is not None and not self.job.done.is_set():
            self.job.cancel()
            self.runner.wait()
        super().closeEvent(event)
