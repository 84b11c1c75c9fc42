"""Make the editor a form field asks for."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from dnqp_desktop.ui.forms import specs
from dnqp_desktop.ui.forms.fields import (
    BoolEditor,
    ChoiceEditor,
    DateEditor,
    DateTimeEditor,
    FieldEditor,
    LineEditor,
    ListEditor,
    NumberEditor,
    ReferenceEditor,
    TextEditor,
)

Choices = Callable[[str], list[tuple[str, str]]]


class ZoneEditor(FieldEditor):
    def __init__(self, parent: QWidget | None = None) -> None:
        self.combo = QComboBox(parent)
        super().__init__(self.combo)
        for zone in specs.TALK_ZONES:
            self.combo.addItem(zone, zone)
        self.combo.currentIndexChanged.connect(self.changed)

    def value(self) -> str:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value)
        if index < 0 and value:
            self.combo.addItem(str(value), value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(max(index, 0))


def make_editor(
    field: specs.Field, choices: Choices, zone: Callable[[], str], parent: QWidget | None = None
) -> FieldEditor:
    kind = field.editor
    if kind == specs.TEXT:
        return TextEditor(parent)
    if kind == specs.LIST:
        return ListEditor(parent, lines=3)
    if kind == specs.CHOICE and field.enum is not None:
        return ChoiceEditor(field.enum, parent, allow_empty=not field.required)
    if kind == specs.CHOICE:
        return ZoneEditor(parent)
    if kind == specs.BOOL:
        return BoolEditor("", parent)
    if kind == specs.DATE:
        return DateEditor(parent)
    if kind == specs.DATETIME:
        return DateTimeEditor(zone, parent)
    if kind in (specs.INTEGER, specs.NUMBER):
        return NumberEditor(parent, integer=kind == specs.INTEGER)
    if kind.startswith("ref:"):
        return ReferenceEditor(choices(kind.split(":", 1)[1]), parent)
    return LineEditor(parent)
