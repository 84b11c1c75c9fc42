"""Audit rows as a table: when, who, what was done, to which record, and the changed fields.

Shared by the audit viewer and every form's History tab. Rows come from ``core/services/trail``
already masked for the reader's role; this module only puts them into words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QPlainTextEdit, QTableWidget, QTableWidgetItem, QWidget

from dnqp_desktop.core.i18n import N_, _, format_datetime
from dnqp_desktop.core.messages import field_label, record_label
from dnqp_desktop.core.services.trail import TrailEntry
from dnqp_desktop.ui.formatting import LOCAL_ZONE

ACTIONS: dict[str, str] = {
    "create": N_("created"),
    "update": N_("changed"),
    "delete": N_("moved to the trash"),
    "restore": N_("restored from the trash"),
    "login": N_("logged in"),
    "login_failed": N_("wrong password"),
    "change_password": N_("changed own password"),
    "reset_password": N_("password reset"),
    "mark_final": N_("marked final"),
    "mark_signed": N_("marked signed"),
    "superseded": N_("superseded"),
}
#: Longest change summary shown in a cell; the tooltip holds all of it.
CELL_LIMIT = 240


def action_label(action: str) -> str:
    return _(ACTIONS[action]) if action in ACTIONS else action


def _value(value: Any, names: dict[str, str]) -> str:
    if value is None or value == "" or value == []:
        return "∅"
    if isinstance(value, list):
        return "; ".join(_row(item, names) for item in value)
    return names.get(value, str(value)) if isinstance(value, str) else str(value)


def _row(item: Any, names: dict[str, str]) -> str:
    if isinstance(item, dict):
        return ", ".join(_value(v, names) for k, v in item.items() if k != "id" and v not in (None, ""))
    return _value(item, names)


def describe_changes(
    kind: str, changes: dict[str, Any], separator: str = "\n", names: dict[str, str] | None = None
) -> str:
    """ "Short name: ∅ → BCH Điện Biên" lines, field names in the UI language, referred records by name."""
    lines = []
    for name, pair in changes.items():
        before, after = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
        lines.append(f"{_(field_label(name, kind))}: {_value(before, names or {})} → {_value(after, names or {})}")
    return separator.join(lines)


class AuditTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None, *, show_record: bool = True) -> None:
        self.show_record = show_record
        headers = [_("When"), _("Who"), _("Action")] + ([_("Record")] if show_record else []) + [_("Changes")]
        super().__init__(0, len(headers), parent)
        self.setObjectName("auditTable")
        self.setHorizontalHeaderLabels(headers)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if show_record:  # titles can be long: a fixed share, the changes get the rest
            header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(3, 300)
        header.setStretchLastSection(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(False)  # one line per change; the details box below shows all of it
        self.entries: list[TrailEntry] = []
        self.details = QPlainTextEdit(parent)
        self.details.setObjectName("auditDetails")
        self.details.setReadOnly(True)
        self.details.setMaximumHeight(self.fontMetrics().height() * 6)
        self.currentCellChanged.connect(lambda row, *_rest: self._show_details(row))

    def set_entries(self, entries: Sequence[TrailEntry]) -> None:
        self.entries = list(entries)
        self.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            full = describe_changes(entry.record_kind, entry.changes, names=entry.names)
            line = describe_changes(entry.record_kind, entry.changes, "; ", entry.names)
            shown = line if len(line) <= CELL_LIMIT else line[: CELL_LIMIT - 1] + "…"
            cells = [format_datetime(entry.at, LOCAL_ZONE), entry.actor_name, action_label(entry.action)]
            if self.show_record:
                title = entry.record_title or entry.record_id[:8]
                cells.append(f"{_(record_label(entry.record_kind)).capitalize()}: {title}")
            cells.append(shown)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(full if column == len(cells) - 1 else text)
                self.setItem(row, column, item)
        if entries:
            self.setCurrentCell(0, 0)
        self._show_details(0)

    def _show_details(self, row: int) -> None:
        entry = self.entries[row] if 0 <= row < len(self.entries) else None
        self.details.setPlainText(
            describe_changes(entry.record_kind, entry.changes, names=entry.names) if entry else ""
        )

    def texts(self, column: int) -> list[str]:
        return [self.item(row, column).text() for row in range(self.rowCount())]
