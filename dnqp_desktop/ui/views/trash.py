"""The Trash section: what was deleted, and the way back."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dnqp_desktop.core.i18n import _, format_datetime
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.listing import TrashEntry, trash_entries
from dnqp_desktop.core.messages import record_label
from dnqp_desktop.ui.formatting import LOCAL_ZONE


class TrashView(QWidget):
    restore_requested = Signal(str, str)  # kind, record id

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setObjectName("trash")
        layout = QVBoxLayout(self)
        self.hint = QLabel(_("Deleted records stay here until restored."), self)
        self.hint.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("trashTable")
        self.table.setHorizontalHeaderLabels([_("Kind"), _("Record"), _("Deleted at")])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.restore_button = QPushButton(_("Restore"), self)
        self.restore_button.clicked.connect(self.restore_current)
        self.table.doubleClicked.connect(lambda _index: self.restore_current())
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.entries: list[TrashEntry] = []

    def refresh(self) -> None:
        self.entries = trash_entries(self.library)
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            cells = (
                _(record_label(entry.kind)).capitalize(),
                entry.title,
                format_datetime(entry.deleted_at, LOCAL_ZONE),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, entry.record_id)
                self.table.setItem(row, column, item)
        self.restore_button.setEnabled(bool(self.entries))

    def restore_current(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.entries):
            entry = self.entries[row]
            self.restore_requested.emit(entry.kind, entry.record_id)
