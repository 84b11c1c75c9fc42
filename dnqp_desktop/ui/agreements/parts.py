"""The text of an agreement edited in aligned rows: Vietnamese on the left, Lao on the right.

One row per part: each preamble paragraph, chapter title, article title and clause. The number in
front of a row (Chương I · ໝວດທີ I, Điều 3. · ມາດຕາ 3) is computed from the row's place, so adding,
moving or deleting renumbers everything at once. Structural edits act on the current row (the one
whose box has the focus) and rebuild the rows from ``Structure``; typing only changes a box.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.i18n import _
from dnqp_desktop.documents.templates import LANGUAGES, template_for
from dnqp_desktop.ui.agreements.structure import Key, Structure, join_paragraphs
from dnqp_desktop.ui.agreements.texts import PartText, bold
from dnqp_desktop.ui.forms.child_table import ERROR_STYLE

NUMBER_WIDTH = 110
CURRENT_STYLE = 'QFrame#partRow[current="true"] { background: #e8f0fe; }'


class PartRow(QFrame):
    """A part's number, its Vietnamese and its Lao text side by side, and its errors below."""

    focused = Signal(tuple)

    def __init__(self, key: Key, parent: QWidget) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("partRow")
        self.setProperty("current", False)
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 2, 4, 2)
        grid.setHorizontalSpacing(6)
        self.number = QLabel(self)
        self.number.setFixedWidth(NUMBER_WIDTH)
        self.number.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.number.setWordWrap(True)
        heading = key[0] in ("chapter", "article")
        lines = 1 if heading else 2
        self.vi = PartText(self, lines=lines)
        self.lo = PartText(self, lao=True, lines=lines)
        for box, language in ((self.vi, "vi"), (self.lo, "lo")):
            box.setObjectName(f"{key[0]}_{language}")
            box.focused.connect(lambda: self.focused.emit(self.key))
            if heading:
                font = box.font()
                font.setBold(True)
                box.setFont(font)
        self.error = QLabel(self)
        self.error.setObjectName("partError")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.error.hide()
        grid.addWidget(self.number, 0, 0)
        grid.addWidget(self.vi, 0, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.lo, 0, 2, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.error, 1, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)

    def set_current(self, current: bool) -> None:
        self.setProperty("current", current)
        self.style().unpolish(self)
        self.style().polish(self)

    def set_read_only(self, read_only: bool) -> None:
        self.vi.setReadOnly(read_only)
        self.lo.setReadOnly(read_only)


class PartsEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.structure = Structure()
        self.kind = ""
        self.partner_language = "lo"
        self.rows: dict[Key, PartRow] = {}
        self.current: Key | None = None
        self.read_only = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, text, slot in (
            ("add_chapter", _("Add chapter"), self.add_chapter),
            ("add_article", _("Add article"), self.add_article),
            ("add_clause", _("Add paragraph"), self.add_clause),
            ("move_up", _("Move up"), lambda: self.move(-1)),
            ("move_down", _("Move down"), lambda: self.move(1)),
            ("delete", _("Delete"), self.delete),
        ):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons[name] = button
        bar.addStretch(1)
        layout.addLayout(bar)
        header = QHBoxLayout()
        header.setContentsMargins(4 + NUMBER_WIDTH + 6, 0, 4, 0)
        self.partner_heading = QLabel(self)
        for label in (QLabel(bold(_heading(_("Vietnamese"))), self), self.partner_heading):
            header.addWidget(label, 1)
        self.set_partner_language("lo")
        layout.addLayout(header)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.body = QWidget(self.scroll)
        self.body.setStyleSheet(CURRENT_STYLE)
        self.column = QVBoxLayout(self.body)
        self.column.setSpacing(0)
        self.scroll.setWidget(self.body)
        layout.addWidget(self.scroll, 1)
        self._rebuild()

    # --- value ------------------------------------------------------------------------------------

    def set_value(self, data: dict[str, Any]) -> None:
        self.structure = Structure.from_data(data)
        self.current = None
        self._rebuild()

    def value(self) -> dict[str, Any]:
        self._read_boxes()
        return self.structure.to_data()

    def set_kind(self, kind: str) -> None:
        """Articles of minutes are numbered I., II.; those of other kinds Điều 1., Điều 2."""
        if kind != self.kind:
            self.kind = kind
            self._renumber_labels()

    def set_partner_language(self, language: str) -> None:
        """Lao or Khmer (the right-hand column): its heading and the partner's part numbers."""
        self.partner_language = language
        self.partner_heading.setText(bold(_heading(_("Khmer") if language == "km" else _("Lao"))))
        self._renumber_labels()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for row in self.rows.values():
            row.set_read_only(read_only)
        self._update_buttons()

    # --- structural edits -------------------------------------------------------------------------

    def add_chapter(self) -> None:
        self._edit(lambda: self.structure.add_chapter(self.current))

    def add_article(self) -> None:
        self._edit(lambda: self.structure.add_article(self.current))

    def add_clause(self) -> None:
        self._edit(lambda: self.structure.add_clause(self.current))

    def move(self, step: int) -> None:
        if self.current is not None:
            current = self.current
            self._edit(lambda: self.structure.move(current, step))

    def delete(self) -> None:
        if self.current is not None:
            current = self.current
            self._edit(lambda: self.structure.delete(current))

    def _edit(self, change: Any) -> None:
        if self.read_only:
            return
        self._read_boxes()
        self.current = change()
        self._rebuild()
        self.changed.emit()
        row = self.rows.get(self.current) if self.current is not None else None
        if row is not None:
            row.vi.setFocus()
            row.vi.moveCursor(QTextCursor.MoveOperation.End)  # after the "2. " of a new clause
            self.scroll.ensureWidgetVisible(row)

    def replace_closing(self, old: tuple[str, str], new: tuple[str, str]) -> bool:
        """Rewrite the closing article's text if it is still ``old`` as generated; False if edited."""
        self._read_boxes()
        if not self.structure.articles:
            return False
        last = len(self.structure.articles) - 1
        clauses = self.structure.articles[last].clauses
        current = (join_paragraphs(clauses, "vi"), join_paragraphs(clauses, "lo"))
        if current != (old[0].strip(), old[1].strip()) or len(clauses) != 1:
            return False
        row = self.rows.get(("clause", last, 0))
        if row is None:
            return False
        row.vi.set_text(new[0])
        row.lo.set_text(new[1])
        clauses[0].vi, clauses[0].lo = new
        return True

    def select(self, key: Key) -> PartRow:
        """Make ``key`` the current row (as clicking into it does)."""
        row = self.rows[key]
        self._set_current(key)
        return row

    # --- rows -------------------------------------------------------------------------------------

    def _read_boxes(self) -> None:
        for key, row in self.rows.items():
            para = self.structure.para(key)
            para.vi, para.lo = row.vi.text(), row.lo.text()

    def _rebuild(self) -> None:
        self.setUpdatesEnabled(False)
        try:
            while self.column.count():
                item = self.column.takeAt(0)
                widget = item.widget()
                if widget is not None:
                    widget.hide()  # at once: deleteLater waits for the event loop
                    widget.setParent(None)
                    widget.deleteLater()
            self.rows = {}
            for key in self.structure.rows():
                row = PartRow(key, self.body)
                para = self.structure.para(key)
                row.vi.set_text(para.vi)
                row.lo.set_text(para.lo)
                row.vi.textChanged.connect(self.changed)
                row.lo.textChanged.connect(self.changed)
                row.focused.connect(self._set_current)
                row.set_read_only(self.read_only)
                self.rows[key] = row
                self.column.addWidget(row)
            self.column.addStretch(1)
            self._renumber_labels()
            if self.current not in self.rows:
                self.current = None
            self._set_current(self.current)
        finally:
            self.setUpdatesEnabled(True)

    def _renumber_labels(self) -> None:
        template = template_for(self.kind)
        partner = self.partner_language
        vi, lo = LANGUAGES["vi"], LANGUAGES[partner]
        for key, row in self.rows.items():
            kind = key[0]
            if kind == "preamble":
                text = _("Preamble") if key[1] == 0 else ""
            elif kind == "chapter":
                text = f"<b>{vi.chapter(key[1] + 1)}</b><br>{lo.chapter(key[1] + 1)}"
            elif kind == "article":
                n = key[1] + 1
                text = f"<b>{template.heading('vi', n)}</b><br>{template.heading(partner, n)}"
            else:
                text = ""
            row.number.setText(text)

    def _set_current(self, key: Key | None) -> None:
        if self.current in self.rows and self.current != key:
            self.rows[self.current].set_current(False)
        self.current = key
        if key in self.rows:
            self.rows[key].set_current(True)
        self._update_buttons()

    def _update_buttons(self) -> None:
        current = self.current
        editable = not self.read_only
        self.buttons["add_chapter"].setEnabled(editable)
        self.buttons["add_article"].setEnabled(editable)
        self.buttons["add_clause"].setEnabled(editable and (bool(self.structure.articles) or current is not None))
        for name in ("move_up", "move_down", "delete"):
            self.buttons[name].setEnabled(editable and current is not None)

    # --- errors -----------------------------------------------------------------------------------

    def show_errors(self, errors: list[DomainError]) -> list[DomainError]:
        """Show each error on its part's row; returns those that concern no part of the text."""
        self.clear_errors()
        messages: dict[Key, list[str]] = {}
        rest = []
        for error in errors:
            placed = self._place(error)
            if placed is None:
                rest.append(error)
                continue
            key, boxes = placed
            for box in boxes:
                box.setStyleSheet(ERROR_STYLE)
            messages.setdefault(key, []).append(error.message())
        for key, texts in messages.items():
            self.rows[key].error.setText("\n".join(texts))
            self.rows[key].error.show()
        if messages:
            self.scroll.ensureWidgetVisible(self.rows[next(iter(messages))])
        return rest

    def _place(self, error: DomainError) -> tuple[Key, list[PartText]] | None:
        collection, field = error.params.get("collection"), error.field or ""
        language = field.rsplit("_", 1)[-1]
        row_number = int(error.params.get("row", 0))
        if collection == "chapters" and ("chapter", row_number - 1) in self.rows:
            key = ("chapter", row_number - 1)
            return key, self._boxes([key], language)
        if collection == "articles" and ("article", row_number - 1) in self.rows:
            key = ("article", row_number - 1)
            if field.startswith("body"):
                clauses = [k for k in self.rows if k[0] == "clause" and k[1] == row_number - 1]
                return key, self._boxes(clauses, language)
            return key, self._boxes([key], language)
        if collection is None and field.startswith("preamble") and self.rows:
            keys = [k for k in self.rows if k[0] == "preamble"]
            return keys[0], self._boxes(keys, language)
        return None

    def _boxes(self, keys: list[Key], language: str) -> list[PartText]:
        rows = [self.rows[key] for key in keys]
        if language == "vi":
            return [row.vi for row in rows]
        if language == "lo":
            return [row.lo for row in rows]
        return [box for row in rows for box in (row.vi, row.lo)]

    def clear_errors(self) -> None:
        for row in self.rows.values():
            row.error.hide()
            row.vi.setStyleSheet("")
            row.lo.setStyleSheet("")


def _heading(language_name: str) -> str:
    """A language name as a column heading: "tiếng Việt" is written "Tiếng Việt" there."""
    return language_name[:1].upper() + language_name[1:]
