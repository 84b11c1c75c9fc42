"""A record form's History tab: every change of this record, newest first, from the audit trail."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout, QWidget

from dnqp_desktop.core.services import trail
from dnqp_desktop.ui.views.audit_table import AuditTable

if TYPE_CHECKING:
    from dnqp_desktop.core.library import Library
    from dnqp_desktop.core.services.policy import Actor


class HistoryPanel(QWidget):
    def __init__(self, library: Library, actor: Actor, kind: str, record_id: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("history")
        self.library, self.actor, self.kind, self.record_id = library, actor, kind, record_id
        layout = QVBoxLayout(self)
        self.table = AuditTable(self, show_record=False)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.table.details)
        self.refresh()

    def refresh(self) -> None:
        self.table.set_entries(trail.entries(self.library, self.actor, kind=self.kind, record_id=self.record_id))
