"""The Attachments page of a form: scans and files linked to the record, stored once by hash."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.i18n import _, format_number
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.services.policy import Actor
from dnqp_desktop.ui.dialogs import ask


class AttachmentsPanel(QWidget):
    def __init__(self, library: Library, actor: Actor, kind: str, record_id: str | None, parent: QWidget) -> None:
        super().__init__(parent)
        self.library, self.actor, self.kind, self.record_id = library, actor, kind, record_id
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("attachments")
        self.table.setHorizontalHeaderLabels([_("File name"), _("Caption"), _("Size"), _("SHA-256")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.doubleClicked.connect(self.open_selected)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(_("Add file…"), self)
        self.open_button = QPushButton(_("Open"), self)
        self.add_button.clicked.connect(self.choose_and_add)
        self.open_button.clicked.connect(self.open_selected)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        self.note = QLabel(_("Save the record first; then files can be attached to it."), self)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._ids: list[str] = []
        self.refresh()

    def refresh(self) -> None:
        saved = self.record_id is not None
        self.note.setVisible(not saved)
        self.add_button.setEnabled(saved)
        self.open_button.setEnabled(saved)
        self.table.setRowCount(0)
        self._ids = []
        if not saved:
            return
        attachments = self.library.attachments.list(filters={"owner_kind": self.kind, "owner_id": self.record_id})
        for attachment in attachments:
            row = self.table.rowCount()
            self.table.insertRow(row)
            cells = (attachment.filename, attachment.caption, format_number(attachment.size), attachment.sha256)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
            self._ids.append(attachment.id)

    def add_file(self, path: Path) -> None:
        try:
            self.library.attachments.add(self.kind, self.record_id or "", path, actor=self.actor)
        except DomainError as error:
            ask.warn(self, _("File not attached"), error.message())
        self.refresh()

    def choose_and_add(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Attach a file"))
        if name:
            self.add_file(Path(name))

    def open_selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self._ids):
            return
        attachment = self.library.attachments.get(self._ids[row])
        try:
            stored = self.library.attachments.file_path(attachment)
        except DomainError as error:
            ask.warn(self, _("File cannot be opened"), error.message())
            return
        # Open a copy under the original name: the store's file is named by its hash, has no
        # extension, and must not be edited in place by another program.
        folder = Path(tempfile.mkdtemp(prefix="dnqp-"))
        copy = folder / Path(attachment.filename).name
        shutil.copyfile(stored, copy)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))
