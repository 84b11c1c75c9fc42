"""The restore window: file → password → what the backup holds → confirm → restore.

Nothing is replaced before the user has seen the backup's date, machine, unit, schema and record
counts and ticked the confirmation. The restore itself (full check, backup of the current data,
atomic replace, upgrade) runs in a worker; the library is reloaded on the GUI thread afterwards,
so every open view refreshes from the restored data. A wrong password, a damaged or foreign file
is said in one sentence, and nothing changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dnqp_desktop.core.backup.keys import UnlockedKey
from dnqp_desktop.core.backup.manifest import BackupSummary, summary_lines
from dnqp_desktop.core.backup.progress import Cancelled, Progress
from dnqp_desktop.core.backup.reader import preview_backup
from dnqp_desktop.core.backup.restore import RestoreResult
from dnqp_desktop.core.backup.rotation import list_backups
from dnqp_desktop.core.i18n import _
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.services.policy import Actor
from dnqp_desktop.ui.dialogs.progress import add_progress, show_progress
from dnqp_desktop.ui.workers import Job, JobRunner, error_text


class RestoreDialog(QDialog):
    def __init__(
        self,
        library: Library,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        runner: JobRunner | None = None,
        path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(_("Restore a backup"))
        self.library = library
        self.actor = actor
        self.runner = runner or JobRunner(self)
        self.job: Job | None = None
        self.summary: BackupSummary | None = None
        self.result: RestoreResult | None = None
        self._key: UnlockedKey | None = None

        layout = QVBoxLayout(self)
        form = QFormLayout()
        file_row = QHBoxLayout()
        self.file_edit = QLineEdit(self)
        self.file_edit.setObjectName("file")
        self.file_edit.textChanged.connect(self._forget_preview)
        browse = QPushButton(_("Choose…"), self)
        browse.clicked.connect(self.choose_file)
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)
        form.addRow(_("Backup file"), file_row)
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.textChanged.connect(self._forget_preview)
        self.password.returnPressed.connect(self.show_preview)
        form.addRow(_("Backup password"), self.password)
        layout.addLayout(form)
        self.preview_button = QPushButton(_("Show what it holds"), self)
        self.preview_button.setObjectName("preview_button")
        self.preview_button.clicked.connect(self.show_preview)
        layout.addWidget(self.preview_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.preview = QPlainTextEdit(self)
        self.preview.setObjectName("preview")
        self.preview.setReadOnly(True)
        layout.addWidget(self.preview, 1)
        self.confirm = QCheckBox(
            _("Replace the current data with this backup (the current data is backed up first)"), self
        )
        self.confirm.setObjectName("confirm")
        self.confirm.setEnabled(False)
        self.confirm.toggled.connect(self._update_buttons)
        layout.addWidget(self.confirm)
        self.progress, self.status = add_progress(self, layout)
        buttons = QHBoxLayout()
        self.restore_button = QPushButton(_("Restore"), self)
        self.restore_button.setObjectName("restore_button")
        self.restore_button.clicked.connect(self.start_restore)
        self.close_button = QPushButton(_("Close"), self)
        self.close_button.clicked.connect(self.reject)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.resize(620, 560)
        newest = list_backups(library.folder.backups)
        start = path or (newest[0].path if newest else None)
        if start is not None:
            self.file_edit.setText(str(start))
        self._update_buttons()

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Backup file"), str(self.library.folder.backups), _("DNQP Desktop backups (*.dnqpbak)")
        )
        if name:
            self.file_edit.setText(name)

    def _forget_preview(self) -> None:
        self.summary = None
        self._key = None
        self.preview.clear()
        self.confirm.setChecked(False)
        self._update_buttons()

    def _busy(self) -> bool:
        return self.job is not None and not self.job.done.is_set()

    def _update_buttons(self) -> None:
        busy = self._busy()
        ready = self.summary is not None and self.summary.schema_state != "newer"
        self.preview_button.setEnabled(not busy)
        self.confirm.setEnabled(ready and not busy)
        self.restore_button.setEnabled(ready and self.confirm.isChecked() and not busy)

    def _run(self, work: Any, on_success: Any, on_finished: Any = None) -> None:
        job = Job(work)
        job.signals.progressed.connect(self._on_progress)
        job.signals.succeeded.connect(on_success)
        job.signals.failed.connect(self._on_failure)
        if on_finished is not None:
            job.signals.finished.connect(on_finished)
        job.signals.finished.connect(self._update_buttons)
        self.job = job
        self.status.setStyleSheet("")
        self._update_buttons()
        self.runner.start(job)

    # --- preview ---------------------------------------------------------------------------

    def show_preview(self) -> None:
        if self._busy():
            return
        path, password = Path(self.file_edit.text().strip()), self.password.text()
        self.status.setText(_("Opening the backup…"))

        def work(progress: Progress, cancelled: Cancelled) -> tuple[BackupSummary, UnlockedKey]:
            progress(0, 0, _("Opening the backup…"))
            return preview_backup(path, password)

        self._run(work, self._on_preview)

    def _on_preview(self, outcome: tuple[BackupSummary, UnlockedKey]) -> None:
        self.summary, self._key = outcome
        self.preview.setPlainText("\n".join(summary_lines(self.summary)))
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        if self.summary.schema_state == "newer":
            self._on_failure(_("This backup comes from a newer version of DNQP Desktop and cannot be restored here."))
        else:
            self.status.setText(_("Check what the backup holds, then confirm to restore it."))
        self._update_buttons()

    # --- restore ---------------------------------------------------------------------------

    def start_restore(self) -> None:
        if self._busy() or self.summary is None or self._key is None or not self.confirm.isChecked():
            return
        library, actor, path, key = self.library, self.actor, self.summary.path, self._key

        def work(progress: Progress, cancelled: Cancelled) -> RestoreResult:
            return library.restore(path, key, actor=actor, progress=progress, cancelled=cancelled, reload=False)

        self.status.setText(_("Restoring…"))
        self._run(work, self._on_restored, self._reload)

    def _reload(self) -> None:
        try:
            self.library.reload()  # on the GUI thread: every view refreshes from what is now there
        except Exception as exc:  # the failure itself was already reported; this one must not hide it
            self._on_failure(exc)

    def _on_restored(self, result: RestoreResult) -> None:
        self.result = result
        self.progress.setRange(0, 100)
        self.progress.setValue(100)
        kept = result.safety_backup or result.damaged_copy
        lines = [_("The backup was restored into {path}.").format(path=self.library.folder.root)]
        if kept is not None:
            lines.append(_("The data it replaced was saved first: {path}").format(path=kept))
        self.status.setText("\n".join(lines))
        self.confirm.setChecked(False)
        self.summary = None

    def _on_progress(self, done: Any, total: Any, message: str) -> None:
        show_progress(self.progress, int(done), int(total))
        self.status.setText(message)

    def _on_failure(self, error: object) -> None:
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.status.setStyleSheet("color: #b00020;")
        self.status.setText(error if isinstance(error, str) else error_text(error))

    def reject(self) -> None:
        if self._busy() and self.job is not None:
            self.job.cancel()
            self.runner.wait()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self._busy() and self.job is not None:
            self.job.cancel()
            self.runner.wait()
        super().closeEvent(event)
