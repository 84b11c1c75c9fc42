"""The agreement's own fields: kind, number and symbol, titles and places in both languages, dates.

Vietnamese and Lao versions of the same field share a row, as in the text page. The editors are
the shared form editors (they hand the service what was typed; the service decides).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.i18n import _
from dnqp_desktop.core.models.enums import AgreementKind
from dnqp_desktop.core.services.rules import Invalid, parse_date_text
from dnqp_desktop.ui.agreements.texts import make_lao
from dnqp_desktop.ui.forms import specs
from dnqp_desktop.ui.forms.child_table import ERROR_STYLE
from dnqp_desktop.ui.forms.editors import Choices, make_editor
from dnqp_desktop.ui.forms.field_row import field_row
from dnqp_desktop.ui.forms.fields import FieldEditor

#: (label field, Vietnamese-side field, Lao-side field or None); the label names the row.
ROWS: tuple[tuple[specs.Field, specs.Field | None], ...] = (
    (specs.Field("kind", specs.CHOICE, AgreementKind, required=True), None),
    (specs.Field("title_vi", required=True), specs.Field("title_lo", lao=True)),
    (specs.Field("number"), specs.Field("symbol")),
    (specs.Field("place_vi"), specs.Field("place_lo", lao=True)),
    (specs.Field("signed_on", specs.DATE), specs.Field("originals_count", specs.INTEGER)),
    (specs.Field("valid_from", specs.DATE), specs.Field("valid_to", specs.DATE)),
    (specs.Field("talk_id", specs.TALK), None),
    (specs.Field("supersedes_id", specs.AGREEMENT), None),
    (specs.Field("notes", specs.TEXT), None),
)
FIELDS = tuple(f for pair in ROWS for f in pair if f is not None)


class GeneralPage(QScrollArea):
    def __init__(self, choices: Choices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = choices
        self.setWidgetResizable(True)
        body = QWidget(self)
        outer = QVBoxLayout(body)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.editors: dict[str, FieldEditor] = {}
        self.errors: dict[str, QLabel] = {}
        self.template_button = QPushButton(_("Start from the template"), body)
        self.template_button.setObjectName("applyTemplate")
        self.template_button.setToolTip(_("Replace the text with the usual parts of this kind of document"))
        for row, (left, right) in enumerate(ROWS):
            self._place(grid, row, 0, left, body, span=3 if right is None and left.name != "kind" else 1)
            if right is not None:
                self._place(grid, row, 2, right, body)
            elif left.name == "kind":
                grid.addWidget(self.template_button, row, 2, 1, 2)
        outer.addLayout(grid)
        outer.addStretch(1)
        self.setWidget(body)

    def _place(
        self, grid: QGridLayout, row: int, column: int, field: specs.Field, body: QWidget, span: int = 1
    ) -> None:
        editor = make_editor(field, self.choices, lambda: "Asia/Ho_Chi_Minh", body)
        if field.lao:
            make_lao(editor.widget)
        placed = field_row(field, "agreement", editor, body)
        placed.label.setWordWrap(True)
        grid.addWidget(placed.label, row, column)
        grid.addWidget(placed.holder, row, column + 1, 1, span)
        self.editors[field.name] = editor
        self.errors[field.name] = placed.error

    # --- values ----------------------------------------------------------------------------------

    def value(self) -> dict[str, Any]:
        return {name: editor.value() for name, editor in self.editors.items()}

    def set_value(self, values: dict[str, Any]) -> None:
        for name, editor in self.editors.items():
            if name in values:
                editor.set_value(values[name])

    def signing_day(self) -> date | None:
        """The signing date as typed, when it is a date (for filling ranks and the closing article)."""
        text = self.editors["signed_on"].value()
        try:
            return parse_date_text(text) if text else None
        except Invalid:
            return None

    def set_read_only(self, read_only: bool) -> None:
        for editor in self.editors.values():
            editor.set_read_only(read_only)
        self.template_button.setVisible(not read_only)

    # --- errors ----------------------------------------------------------------------------------

    def show_errors(self, errors: list[DomainError]) -> list[DomainError]:
        """Show the errors about these fields next to them; returns the others."""
        self.clear_errors()
        rest = []
        for error in errors:
            if error.field in self.editors and error.kind == "agreement" and "collection" not in error.params:
                label = self.errors[error.field]
                label.setText("\n".join(filter(None, (label.text(), error.message()))))
                label.show()
                self.editors[error.field].widget.setStyleSheet(ERROR_STYLE)
            else:
                rest.append(error)
        return rest

    def clear_errors(self) -> None:
        for name, label in self.errors.items():
            label.clear()
            label.hide()
            self.editors[name].widget.setStyleSheet("")
