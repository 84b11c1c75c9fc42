"""A form field as the forms lay it out: its label, and the editor above the line for its error."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from dnqp_desktop.core.i18n import _
from dnqp_desktop.core.messages import field_label
from dnqp_desktop.ui.forms import specs
from dnqp_desktop.ui.forms.fields import FieldEditor


@dataclass(frozen=True)
class FieldRow:
    label: QLabel
    #: The editor with its (hidden until needed) error line under it: what goes beside the label.
    holder: QWidget
    error: QLabel


def field_row(field: specs.Field, kind: str, editor: FieldEditor, parent: QWidget) -> FieldRow:
    """The label names the field in the UI language (``*`` when required) and focuses the editor."""
    editor.widget.setObjectName(f"field_{field.name}")
    label = QLabel(_(field_label(field.name, kind)) + (" *" if field.required else ""), parent)
    label.setBuddy(editor.widget)
    error = QLabel(parent)
    error.setObjectName(f"error_{field.name}")
    error.setStyleSheet("color: #c62828;")
    error.setWordWrap(True)
    error.hide()
    holder = QWidget(parent)
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(editor.widget)
    column.addWidget(error)
    return FieldRow(label, holder, error)
