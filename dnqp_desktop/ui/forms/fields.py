"""Editors for one value each, with one interface: ``value()``, ``set_value()``, ``changed``.

Editors do not validate: they hand the service what the user typed (a date that does not exist
goes through as text) so that the one set of rules in the core decides, and its message appears
next to the field. They only translate what the user sees into what the core accepts: "1.384"
typed in Vietnamese is the number 1384.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractListModel, QDate, QModelIndex, QObject, QPersistentModelIndex, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTimeEdit,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from dnqp_desktop.core import i18n
from dnqp_desktop.core.i18n import _, format_date, format_number
from dnqp_desktop.core.services.rules import Invalid, parse_date_text


class FieldEditor(QObject):
    """A widget and the conversions between it and a core value."""

    changed = Signal()

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.widget = widget

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        self.widget.setEnabled(not read_only)


class LineEditor(FieldEditor):
    def __init__(self, parent: QWidget | None = None, *, placeholder: str = "") -> None:
        self.edit = QLineEdit(parent)
        self.edit.setPlaceholderText(placeholder)
        super().__init__(self.edit)
        self.edit.textChanged.connect(self.changed)

    def value(self) -> str:
        return self.edit.text()

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))
        self.edit.setCursorPosition(0)  # show the beginning of a long name, not its end

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)


class TextEditor(FieldEditor):
    def __init__(self, parent: QWidget | None = None, *, lines: int = 4) -> None:
        self.edit = QPlainTextEdit(parent)
        self.edit.setTabChangesFocus(True)  # keyboard users leave the box with Tab
        self.edit.setMinimumHeight(self.edit.fontMetrics().lineSpacing() * lines + 12)
        super().__init__(self.edit)
        self.edit.textChanged.connect(self.changed)

    def value(self) -> str:
        return self.edit.toPlainText()

    def set_value(self, value: Any) -> None:
        self.edit.setPlainText("" if value is None else str(value))

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)


class ListEditor(TextEditor):
    """One entry per line (alternative spellings)."""

    def __init__(self, parent: QWidget | None = None, *, lines: int = 3) -> None:
        super().__init__(parent, lines=lines)
        self.edit.setMaximumHeight(self.edit.fontMetrics().lineSpacing() * (lines + 1) + 12)

    def value(self) -> list[str]:
        return [line for line in self.edit.toPlainText().splitlines() if line.strip()]

    def set_value(self, value: Any) -> None:
        self.edit.setPlainText("\n".join(value or []))


class NumberEditor(LineEditor):
    """Numbers typed the way the UI language writes them ("1.384,5" in Vietnamese)."""

    def __init__(self, parent: QWidget | None = None, *, integer: bool = False) -> None:
        super().__init__(parent)
        self.integer = integer

    def value(self) -> Any:
        text = self.edit.text().strip()
        if not text:
            return None
        try:
            number = i18n.parse_number(text)
        except ValueError:
            return text  # the service names the problem next to the field
        if self.integer:
            return int(number) if number == number.to_integral_value() else text
        return number

    def set_value(self, value: Any) -> None:
        if value is None or value == "":
            self.edit.clear()
        elif isinstance(value, float | Decimal | int):
            whole = float(value).is_integer()
            self.edit.setText(format_number(value, decimals=None if whole else 2).replace("\xa0", " "))
        else:
            self.edit.setText(str(value))


class ChoiceEditor(FieldEditor):
    def __init__(
        self, enum: type[StrEnum], parent: QWidget | None = None, *, allow_empty: bool = True, codes: Sequence[str] = ()
    ) -> None:
        self.combo = QComboBox(parent)
        super().__init__(self.combo)
        if allow_empty:
            self.combo.addItem("", None)
        for member in enum:
            if codes and member.value not in codes:
                continue
            self.combo.addItem(_(member.label), member.value)  # type: ignore[attr-defined]
        self.combo.currentIndexChanged.connect(self.changed)

    def value(self) -> str | None:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(getattr(value, "value", value))
        self.combo.setCurrentIndex(max(index, 0))


class BoolEditor(FieldEditor):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        self.box = QCheckBox(text, parent)
        super().__init__(self.box)
        self.box.toggled.connect(self.changed)

    def value(self) -> bool:
        return self.box.isChecked()

    def set_value(self, value: Any) -> None:
        self.box.setChecked(bool(value))


class DateEditor(FieldEditor):
    """A date typed as dd/mm/yyyy or picked from a calendar; empty means "no date".

    QDateEdit cannot be empty and silently turns 30/02 into something valid; a clerk must see the
    date they typed refused instead.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        box = QWidget(parent)
        super().__init__(box)
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(box)
        self.edit.setPlaceholderText(_("dd/mm/yyyy"))
        self.button = QToolButton(box)
        self.button.setText("…")
        self.button.setToolTip(_("Choose from a calendar"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.button)
        self.calendar = QCalendarWidget(menu)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        self.button.setMenu(menu)
        self.calendar.clicked.connect(self._picked)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.edit.textChanged.connect(self.changed)
        box.setFocusProxy(self.edit)

    def _picked(self, picked: QDate) -> None:
        self.set_value(date(picked.year(), picked.month(), picked.day()))
        self.button.menu().hide()

    def value(self) -> Any:
        return self.edit.text().strip() or None  # text: the service parses and names a bad date

    def set_value(self, value: Any) -> None:
        if isinstance(value, str) and value:
            try:
                value = parse_date_text(value)
            except Invalid:
                pass  # keep what was typed, to be refused with a message
        self.edit.setText(format_date(value, "short") if isinstance(value, date) else (value or ""))
        if isinstance(value, date):
            self.calendar.setSelectedDate(QDate(value.year, value.month, value.day))

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.button.setEnabled(not read_only)


class DateTimeEditor(FieldEditor):
    """A local date and time; the zone comes from the record (talks carry their own)."""

    def __init__(self, zone: Callable[[], str], parent: QWidget | None = None) -> None:
        box = QWidget(parent)
        super().__init__(box)
        self.zone = zone
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.date = DateEditor(box)
        self.time = QTimeEdit(box)
        self.time.setDisplayFormat("HH:mm")
        layout.addWidget(self.date.widget, 1)
        layout.addWidget(self.time)
        self.date.changed.connect(self.changed)
        self.time.timeChanged.connect(self.changed)
        box.setFocusProxy(self.date.widget)

    def value(self) -> Any:
        day = self.date.value()
        if day is None:
            return None
        try:
            parsed = parse_date_text(day)
        except Invalid:
            return day
        moment = self.time.time()
        try:
            zone = ZoneInfo(self.zone() or "Asia/Ho_Chi_Minh")
        except (KeyError, ValueError):
            zone = ZoneInfo("Asia/Ho_Chi_Minh")
        return datetime.combine(parsed, time(moment.hour(), moment.minute()), tzinfo=zone)

    def set_value(self, value: Any) -> None:
        if isinstance(value, datetime):
            try:
                local = value.astimezone(ZoneInfo(self.zone() or "Asia/Ho_Chi_Minh"))
            except (KeyError, ValueError):
                local = value
            self.date.set_value(local.date())
            self.time.setTime(QTime(local.hour, local.minute))
        else:
            self.date.set_value(None)
            self.time.setTime(QTime(8, 0))

    def set_read_only(self, read_only: bool) -> None:
        self.date.set_read_only(read_only)
        self.time.setReadOnly(read_only)


class _ChoiceList(QAbstractListModel):
    """(id, title) pairs as a list model: setting 100 000 of them is one assignment, not a loop."""

    def __init__(self, items: list[tuple[str | None, str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.items = items

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record_id, title = self.items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return title
        if role == Qt.ItemDataRole.UserRole:
            return record_id
        return None

    def add(self, record_id: str, title: str) -> int:
        row = len(self.items)
        self.beginInsertRows(QModelIndex(), row, row)
        self.items.append((record_id, title))
        self.endInsertRows()
        return row


class ReferenceEditor(FieldEditor):
    """Choose another record by typing part of its name; the value is its id."""

    def __init__(self, choices: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        self.combo = QComboBox(parent)
        super().__init__(self.combo)
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.lineEdit().setPlaceholderText(_("Type to search…"))
        self.model = _ChoiceList([(None, ""), *choices], self.combo)
        self.combo.setModel(self.model)
        completer = self.combo.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.combo.currentIndexChanged.connect(self.changed)
        self.combo.editTextChanged.connect(self.changed)

    def value(self) -> str | None:
        text = self.combo.currentText().strip()
        if not text:
            return None
        index = self.combo.findText(text, Qt.MatchFlag.MatchExactly)
        if index >= 0:
            return self.model.items[index][0]
        return text  # no such record: the service says so next to the field

    def set_value(self, value: Any) -> None:
        if not value:
            self.combo.setCurrentIndex(0)
            return
        index = next((row for row, (record_id, _title) in enumerate(self.model.items) if record_id == value), -1)
        if index < 0:  # a record no longer offered (in the trash): keep the link, say so
            index = self.model.add(value, _("(record in the trash)"))
        self.combo.setCurrentIndex(index)
