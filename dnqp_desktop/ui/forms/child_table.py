"""Rows of a child collection (passports, rank history, members) edited in place.

Each row remembers the id of the stored row it came from, so the service can tell an edited row
from a new one and from one the user removed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.i18n import _
from dnqp_desktop.core.messages import field_label
from dnqp_desktop.ui.forms import specs
from dnqp_desktop.ui.forms.editors import Choices, make_editor
from dnqp_desktop.ui.forms.fields import FieldEditor

ERROR_STYLE = "border: 2px solid #c62828;"


class ChildTable(QObject):
    changed = Signal()

    def __init__(self, table: specs.Table, choices: Choices, zone: Callable[[], str], parent: QWidget) -> None:
        super().__init__(parent)
        self.spec = table
        self._choices = choices
        self._zone = zone
        self.widget = QWidget(parent)
        layout = QVBoxLayout(self.widget)
        self.grid = QTableWidget(0, len(table.columns), self.widget)
        self.grid.setObjectName(f"table_{table.collection}")
        labels = [_(field_label(col.name, table.kind)) + (" *" if col.required else "") for col in table.columns]
        self.grid.setHorizontalHeaderLabels(labels)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.grid.verticalHeader().setDefaultSectionSize(max(34, self.grid.fontMetrics().height() * 2))
        buttons = QHBoxLayout()
        self.add_button = QPushButton(_("Add row"), self.widget)
        self.remove_button = QPushButton(_("Remove row"), self.widget)
        self.add_button.clicked.connect(lambda: self.add_row({}))
        self.remove_button.clicked.connect(self.remove_current)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        if table.ordered:
            self.up_button = QPushButton(_("Move up"), self.widget)
            self.down_button = QPushButton(_("Move down"), self.widget)
            self.up_button.clicked.connect(lambda: self.move_current(-1))
            self.down_button.clicked.connect(lambda: self.move_current(1))
            buttons.addWidget(self.up_button)
            buttons.addWidget(self.down_button)
        buttons.addStretch(1)
        self.errors = QLabel(self.widget)
        self.errors.setObjectName("tableErrors")
        self.errors.setStyleSheet("color: #c62828;")
        self.errors.setWordWrap(True)
        self.errors.hide()
        layout.addWidget(self.grid, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.errors)
        self._rows: list[tuple[str | None, list[FieldEditor]]] = []

    # --- rows ------------------------------------------------------------------------------

    def add_row(self, values: dict[str, Any]) -> None:
        row = self.grid.rowCount()
        self.grid.insertRow(row)
        editors = []
        for column, field in enumerate(self.spec.columns):
            editor = make_editor(field, self._choices, self._zone, self.grid)
            if field.name in values:
                editor.set_value(values[field.name])
            editor.changed.connect(self.changed)
            self.grid.setCellWidget(row, column, editor.widget)
            editors.append(editor)
        self._rows.append((values.get("id"), editors))
        self.changed.emit()

    def remove_current(self) -> None:
        row = self.grid.currentRow()
        if 0 <= row < len(self._rows):
            self.grid.removeRow(row)
            del self._rows[row]
            self.changed.emit()

    def move_current(self, step: int) -> None:
        row = self.grid.currentRow()
        target = row + step
        if not (0 <= row < len(self._rows) and 0 <= target < len(self._rows)):
            return
        values = self.value()
        values[row], values[target] = values[target], values[row]
        self.set_value(values)
        self.grid.setCurrentCell(target, 0)

    # --- value -----------------------------------------------------------------------------

    def value(self) -> list[dict[str, Any]]:
        rows = []
        for row_id, editors in self._rows:
            values = {field.name: editor.value() for field, editor in zip(self.spec.columns, editors, strict=True)}
            if row_id:
                values["id"] = row_id
            rows.append(values)
        return rows

    def set_value(self, rows: list[dict[str, Any]]) -> None:
        self.grid.setRowCount(0)
        self._rows.clear()
        for values in rows:
            self.add_row(values)

    def set_read_only(self, read_only: bool) -> None:
        for _row_id, editors in self._rows:
            for editor in editors:
                editor.set_read_only(read_only)
        for button in self.widget.findChildren(QPushButton):
            button.setEnabled(not read_only)

    # --- errors ----------------------------------------------------------------------------

    def show_errors(self, errors: list[DomainError]) -> None:
        self.clear_errors()
        names = [field.name for field in self.spec.columns]
        for error in errors:
            row = int(error.params.get("row", 0)) - 1
            if 0 <= row < len(self._rows) and error.field in names:
                self._rows[row][1][names.index(error.field)].widget.setStyleSheet(ERROR_STYLE)
        self.errors.setText("\n".join(error.message() for error in errors))
        self.errors.setVisible(bool(errors))

    def clear_errors(self) -> None:
        for _row_id, editors in self._rows:
            for editor in editors:
                editor.widget.setStyleSheet("")
        self.errors.clear()
        self.errors.hide()
