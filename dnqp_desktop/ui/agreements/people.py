"""Parties and signatories of an agreement, chosen from the unit and people records.

A party row shows the unit's Vietnamese and Lao names as they will be printed. A signatory row is
filled from the person's history on the signing date: the rank and the post held that day (what
the signature block prints), and the unit. The clerk may overwrite them; a row left as filled is
filled again when the signing date changes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QLabel, QTableWidgetItem, QWidget

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.i18n import _
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.models.enums import Rank
from dnqp_desktop.core.services.base import local_today
from dnqp_desktop.ui.agreements.texts import make_lao
from dnqp_desktop.ui.forms import specs
from dnqp_desktop.ui.forms.child_table import ChildTable
from dnqp_desktop.ui.forms.editors import Choices
from dnqp_desktop.ui.forms.fields import FieldEditor

PARTY_COLUMNS = (specs.Field("unit_id", specs.UNIT, required=True),)
SIGNATORY_COLUMNS = (
    specs.Field("person_id", specs.PERSON, required=True),
    specs.Field("unit_id", specs.UNIT),
    specs.Field("rank", specs.CHOICE, Rank),
    specs.Field("position_vi"),
    specs.Field("position_lo", lao=True),
)


def _zone() -> str:
    return "Asia/Ho_Chi_Minh"


class PartiesTable(ChildTable):
    """The units signing, in order, with the names the document prints."""

    def __init__(self, library: Library, choices: Choices, parent: QWidget) -> None:
        self.library = library
        super().__init__(specs.Table("parties", "agreement_party", PARTY_COLUMNS, ordered=True), choices, _zone, parent)
        self.grid.setColumnCount(3)
        self.grid.setHorizontalHeaderItem(1, QTableWidgetItem(_("Name (Vietnamese)")))
        self.set_partner_language("lo")
        self.add_button.setText(_("Add party"))
        self.remove_button.setText(_("Remove party"))

    def set_partner_language(self, language: str) -> None:
        heading = _("Name (Khmer)") if language == "km" else _("Name (Lao)")
        self.grid.setHorizontalHeaderItem(2, QTableWidgetItem(heading))

    def add_row(self, values: dict[str, Any]) -> None:
        super().add_row(values)
        row = self.grid.rowCount() - 1
        editor = self._rows[-1][1][0]
        _show_start(editor)
        for column, lao in ((1, False), (2, True)):
            label = QLabel(self.grid)
            label.setWordWrap(True)
            if lao:
                make_lao(label)
            self.grid.setCellWidget(row, column, label)
        editor.changed.connect(lambda e=editor: self._show_names(e))
        self._show_names(editor)

    def _show_names(self, editor: FieldEditor) -> None:
        row = next((i for i, (_id, editors) in enumerate(self._rows) if editors[0] is editor), None)
        if row is None:
            return
        unit = _get(self.library.units.get, editor.value())
        for column, name in ((1, "name_vi"), (2, "name_lo")):
            label = self.grid.cellWidget(row, column)
            if isinstance(label, QLabel):
                label.setText(getattr(unit, name) if unit is not None else "")


class SignatoriesTable(ChildTable):
    """Who signs for each party, with rank and post filled from their history on the signing day."""

    def __init__(self, library: Library, choices: Choices, signing_day: Callable[[], date | None], parent: QWidget):
        self.library = library
        self.signing_day = signing_day
        self._filling = False
        table = specs.Table("signatories", "agreement_signatory", SIGNATORY_COLUMNS, ordered=True)
        super().__init__(table, choices, _zone, parent)
        self.add_button.setText(_("Add signatory"))
        self.remove_button.setText(_("Remove signatory"))
        self._lao_position_heading = self.grid.horizontalHeaderItem(4).text()

    def set_partner_language(self, language: str) -> None:
        heading = _("Position (Khmer)") if language == "km" else self._lao_position_heading
        self.grid.setHorizontalHeaderItem(4, QTableWidgetItem(heading))

    def add_row(self, values: dict[str, Any]) -> None:
        super().add_row(values)
        editors = self._rows[-1][1]
        person, rest = editors[0], editors[1:]
        make_lao(editors[4].widget)
        _show_start(person)
        _show_start(editors[1])
        person.auto = not any(values.get(name) for name in ("rank", "position_vi", "position_lo"))  # type: ignore[attr-defined]
        person.changed.connect(lambda e=editors: self._fill(e, force=True))
        for editor in rest[1:]:
            editor.changed.connect(lambda p=person: self._edited(p))

    def _edited(self, person: FieldEditor) -> None:
        if not self._filling:
            person.auto = False  # type: ignore[attr-defined]

    def refill(self) -> None:
        """The signing date changed: rows still as filled are filled for the new date."""
        for _row_id, editors in self._rows:
            if getattr(editors[0], "auto", False):
                self._fill(editors, force=False)

    def _fill(self, editors: list[FieldEditor], *, force: bool) -> None:
        person_editor, unit_editor, rank_editor, position_vi, position_lo = editors
        person = _get(self.library.people.get, person_editor.value())
        if person is None:
            return
        if force:
            person_editor.auto = True  # type: ignore[attr-defined]
        day = self.signing_day() or local_today()
        rank, post = person.rank_on(day), person.position_on(day)
        self._filling = True
        try:
            rank_editor.set_value(rank.rank if rank else None)
            position_vi.set_value(post.title_vi if post else "")
            position_lo.set_value(post.title_lo if post else "")
            if not unit_editor.value():
                unit_editor.set_value((post.unit_id if post else None) or person.unit_id)
        finally:
            self._filling = False


def _show_start(editor: FieldEditor) -> None:
    """Show the beginning of a long unit name in a narrow column, not its end."""
    line = getattr(getattr(editor, "combo", None), "lineEdit", lambda: None)()
    if line is not None:
        line.setCursorPosition(0)


def _get(getter: Callable[..., Any], record_id: Any) -> Any:
    """The record with that id, or None for an empty or unknown choice (typed text, not picked)."""
    if not isinstance(record_id, str) or not record_id:
        return None
    try:
        return getter(record_id)
    except DomainError:
        return None
