"""The audit viewer: who changed what and when, filtered by person, record kind and dates."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from dnqp_desktop.core.i18n import _
from dnqp_desktop.core.messages import record_label
from dnqp_desktop.core.services import trail
from dnqp_desktop.ui.dialogs import ask
from dnqp_desktop.ui.views.audit_table import AuditTable

if TYPE_CHECKING:
    from dnqp_desktop.core.library import Library
    from dnqp_desktop.core.services.policy import Actor

#: Days shown when the viewer opens: the last month.
DEFAULT_DAYS = 30


class AuditViewer(QDialog):
    def __init__(self, library: Library, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditViewer")
        self.setWindowTitle(_("Audit trail"))
        self.resize(1000, 600)
        self.library, self.actor = library, actor
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        left, right = QFormLayout(), QFormLayout()
        self.person = QComboBox(self)
        self.person.setObjectName("person")
        self.person.addItem(_("Everyone"), "")
        for name in trail.people(library):
            self.person.addItem(name, name)
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        self.kind.addItem(_("All records"), "")
        for kind in trail.kinds(library):
            self.kind.addItem(_(record_label(kind)).capitalize(), kind)
        today = date.today()
        self.since = self._date_edit("since", today - timedelta(days=DEFAULT_DAYS))
        self.until = self._date_edit("until", today)
        left.addRow(_("User"), self.person)
        left.addRow(_("Record kind"), self.kind)
        right.addRow(_("From"), self.since)
        right.addRow(_("To"), self.until)
        filters.addLayout(left, 1)
        filters.addLayout(right)
        layout.addLayout(filters)
        self.table = AuditTable(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.table.details)
        self.count = QLabel(self)
        self.count.setObjectName("auditCount")
        layout.addWidget(self.count)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        ask.translate_buttons(buttons)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for combo in (self.person, self.kind):
            combo.currentIndexChanged.connect(self.refresh)
        for edit in (self.since, self.until):
            edit.dateChanged.connect(self.refresh)
        self.refresh()

    def _date_edit(self, name: str, day: date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day), self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        return edit

    def refresh(self) -> None:
        since, until = self.since.date().toPython(), self.until.date().toPython()
        entries = trail.entries(
            self.library,
            self.actor,
            person=self.person.currentData() or None,
            kind=self.kind.currentData() or None,
            since=since,
            until=until,
        )
        self.table.set_entries(entries)
        self.count.setText(_("{count} entries").format(count=len(entries)))
