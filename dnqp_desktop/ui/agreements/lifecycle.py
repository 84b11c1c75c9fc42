"""The editor's actions after drafting: preview, mark final, mark signed, new version, history.

The rules are the core's (``core/services/agreement_lifecycle.py``); this module asks for them and
shows the answers. Marking final saves pending changes first, lists every problem on its part if
the text is not complete, and otherwise renders and keeps the PDF in the worker, with progress.
A signed agreement opens read-only; "New version" makes the draft copy that will supersede it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
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

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.i18n import _, format_date
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.models.enums import AgreementStatus
from dnqp_desktop.core.services.agreement_lifecycle import READ_ONLY_STATUSES
from dnqp_desktop.core.services.base import local_today
from dnqp_desktop.core.services.policy import Actor
from dnqp_desktop.documents.finalise import finalise, unsaved_document
from dnqp_desktop.documents.model import Arrangement
from dnqp_desktop.ui.agreements.preview import PreviewDialog, arrangement_names
from dnqp_desktop.ui.agreements.texts import bold
from dnqp_desktop.ui.dialogs import ask
from dnqp_desktop.ui.forms.fields import DateEditor
from dnqp_desktop.ui.workers import Job, error_text

if TYPE_CHECKING:
    from dnqp_desktop.ui.agreements.editor import AgreementEditor

SCAN_FILTER_EXTENSIONS = "*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.webp"


class LifecycleActions:
    """Mixed into AgreementEditor (which provides the attributes used here)."""

    #: The arrangement of the PDF kept when marking final: two complete originals, one per language.
    final_arrangement = Arrangement.ORIGINALS
    preview_dialog: PreviewDialog | None = None
    sign_dialog: SignDialog | None = None
    final_job: Job | None = None

    def _build_versions_page(self: AgreementEditor) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(bold(_("Versions of this agreement, oldest first")), page))
        self.history = QListWidget(page)
        self.history.setObjectName("versions")
        self.history.itemActivated.connect(self._open_version)
        layout.addWidget(self.history, 1)
        layout.addWidget(QLabel(bold(_("Files")), page))
        layout.addWidget(self.attachments, 2)
        return page

    def refresh_lifecycle(self: AgreementEditor) -> None:
        """Status line, notice, what may be edited and which actions apply, the version list."""
        from dnqp_desktop.core.services.policy import Permission

        status = self.status
        can_edit = self.actor.can(Permission.EDIT_RECORDS)
        self.read_only = status in READ_ONLY_STATUSES or not can_edit
        for part in (self.general, self.parts, self.parties, self.signatories):
            part.set_read_only(self.read_only)
        record = self.record
        text = _("Status: {status}").format(status=_(AgreementStatus(status).label))
        if record is not None and record.final_sha256:
            layout = dict(arrangement_names()).get(Arrangement(record.final_layout or "originals"), "")
            text += " · " + _("PDF kept when marked final ({layout}), SHA-256 {sha}").format(
                layout=layout, sha=record.final_sha256
            )
        self.status_label.setText(text)
        if status in READ_ONLY_STATUSES:
            notice = DomainError("agreement_read_only", status=AgreementStatus(status)).message()
        elif status == AgreementStatus.FINAL:
            notice = _(
                "Marked final: the kept PDF is the text to be signed. Saving a change to the text makes the "
                "agreement a draft again."
            )
        else:
            notice = ""
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))
        versions = self.library.agreements.versions(self.record_id) if self.record_id else []
        self._show_versions(versions)
        newest = not versions or versions[-1].id == self.record_id
        self.buttons["save"].setEnabled(not self.read_only)
        self.buttons["mark_final"].setEnabled(can_edit and status in ("draft", "final"))
        self.buttons["mark_signed"].setVisible(self.actor.can(Permission.APPROVE))  # approvers record signings
        self.buttons["mark_signed"].setEnabled(status == "final")
        self.buttons["new_version"].setEnabled(can_edit and status in ("signed", "expired") and newest)
        self.changes_panel.record_id = self.record_id or ""
        self.changes_panel.refresh()

    def _show_versions(self: AgreementEditor, versions: list[Any]) -> None:
        self.history.clear()
        for number, version in enumerate(versions, start=1):
            parts = [
                _("Version {number}").format(number=number),
                _(AgreementStatus(version.status).label),
                format_date(version.signed_on, "short") if version.signed_on else "",
                "/".join(p for p in (version.number, version.symbol) if p),
                version.title_vi,
            ]
            item = QListWidgetItem(" · ".join(p for p in parts if p))
            item.setData(Qt.ItemDataRole.UserRole, version.id)
            if version.id == self.record_id:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            self.history.addItem(item)

    def _open_version(self: AgreementEditor, item: QListWidgetItem) -> None:
        record_id = item.data(Qt.ItemDataRole.UserRole)
        if record_id == self.record_id:
            return
        if not self.read_only and self.is_dirty():
            answer = ask.ask_save(
                self, _("Unsaved changes"), _("This record has changes that are not saved. Save them?")
            )
            if answer == ask.CANCEL or (answer == ask.SAVE and not self.save()):
                return
        self.clear_errors()
        self.load(record_id)

    # --- preview ----------------------------------------------------------------------------------

    def preview(self: AgreementEditor) -> PreviewDialog:
        """The PDF of what the editor shows now, saved or not."""
        data, library, record_id, status = self.collect(), self.library, self.record_id or "", self.status

        def source() -> Any:
            return unsaved_document(library, data, record_id=record_id, status=status)

        from dnqp_desktop.core.services.policy import Permission

        title = (data.get("title_vi") or "").strip()
        can_print = self.actor.can(Permission.PRINT)
        dialog = PreviewDialog(source, self.runner, self, title=title, can_print=can_print)
        self.preview_dialog = dialog
        dialog.open()
        return dialog

    # --- final ------------------------------------------------------------------------------------

    def mark_final(self: AgreementEditor) -> Job | None:
        """Save pending changes, refuse with every problem shown, else render and keep the PDF."""
        if self.read_only or self.runner.busy():
            return None
        if (self.record_id is None or self.is_dirty()) and not self.save():
            return None
        problems = self.library.agreements.check_final(self.record_id or "")
        if problems:
            self.show_errors(problems, _("Not marked final: {count} problem(s) to correct."))
            return None
        self.clear_errors()
        library, record_id, actor, arrangement = self.library, self.record_id or "", self.actor, self.final_arrangement

        def work(progress: Callable[..., None], cancelled: Callable[[], bool]) -> Any:
            return finalise(
                library, record_id, actor=actor, arrangement=arrangement, progress=progress, cancelled=cancelled
            )

        job = Job(work)
        job.signals.progressed.connect(self._progressed)
        job.signals.succeeded.connect(lambda record: self._after_action(record.id))
        job.signals.failed.connect(self._action_failed)
        job.signals.finished.connect(lambda: self._set_busy(False))
        self._set_busy(True)
        self.final_job = job
        return self.runner.start(job)

    def _progressed(self: AgreementEditor, done: int, total: int, message: str) -> None:
        self.progress.setMaximum(max(1, int(total)))
        self.progress.setValue(int(done))
        self.progress.setFormat(_(message) if message else "")

    def _set_busy(self: AgreementEditor, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.tabs.setEnabled(not busy)
        for button in self.buttons.values():
            button.setEnabled(not busy)
        if not busy:
            self.refresh_lifecycle()

    def _action_failed(self: AgreementEditor, error: object) -> None:
        if isinstance(error, DomainError):
            self.show_errors(error.errors, _("Not marked final: {count} problem(s) to correct."))
        else:
            ask.warn(self, _("Not done"), error_text(error))

    def _after_action(self: AgreementEditor, record_id: str) -> None:
        self.clear_errors()
        self.load(record_id)

    # --- signed and new version -------------------------------------------------------------------

    def mark_signed(self: AgreementEditor) -> SignDialog | None:
        if self.status != AgreementStatus.FINAL or self.record_id is None:
            return None
        if self.is_dirty():
            ask.warn(
                self,
                _("Not signed"),
                _("This agreement has unsaved changes. Save them (it becomes a draft again) or undo them first."),
            )
            return None
        dialog = SignDialog(self.library, self.actor, self.record_id, self.record.signed_on, self)
        dialog.signed.connect(self._after_action)
        self.sign_dialog = dialog
        dialog.open()
        return dialog

    def new_version(self: AgreementEditor) -> str | None:
        try:
            record = self.library.agreements.new_version(self.record_id or "", actor=self.actor)
        except DomainError as error:
            ask.warn(self, _("Not done"), error.message())
            return None
        self.saved.emit("agreement", record.id, None)
        self.load(record.id)
        self.tabs.setCurrentIndex(0)
        return record.id


class SignDialog(QDialog):
    """The signing date and the scanned signed copy; the core checks both and keeps the scan."""

    signed = Signal(str)

    def __init__(
        self, library: Library, actor: Actor, record_id: str, planned: Any, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.library, self.actor, self.record_id = library, actor, record_id
        self.setObjectName("signDialog")
        self.setWindowTitle(_("Mark signed"))
        self.resize(620, 220)
        self.date = DateEditor(self)
        self.date.set_value(planned or local_today())
        self.file = QLineEdit(self)
        self.file.setObjectName("scanFile")
        self.file.setPlaceholderText(_("The scanned signed copy: a PDF or an image"))
        choose = QPushButton(_("Choose…"), self)
        choose.clicked.connect(self.choose)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(choose)
        form = QFormLayout()
        form.addRow(_("Signing date") + " *", self.date.widget)
        form.addRow(_("Signed copy") + " *", row)
        self.error = QLabel(self)
        self.error.setObjectName("signError")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.error.hide()
        explain = QLabel(_("Once marked signed, the agreement can no longer be changed; a change needs a new version."))
        explain.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ask.translate_buttons(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def choose(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("The signed copy"), "", _("PDF or image") + f" ({SCAN_FILTER_EXTENSIONS})"
        )
        if name:
            self.file.setText(name)

    def accept(self) -> None:
        path = self.file.text().strip()
        if not path:
            self.error.setText(_("Choose the file of the scanned signed copy."))
            self.error.show()
            return
        try:
            self.library.agreements.mark_signed(
                self.record_id, signed_on=self.date.value(), scan=Path(path), actor=self.actor
            )
        except DomainError as error:
            self.error.setText("\n".join(e.message() for e in error.errors))
            self.error.show()
            return
        super().accept()
        self.signed.emit(self.record_id)
