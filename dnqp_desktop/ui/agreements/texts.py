"""Text boxes of the agreement editor: Lao in a Lao font, and boxes that grow with their text.

The Vietnamese and Lao versions of a part sit side by side in one row; a box that scrolled inside
itself would hide where the two versions stop matching, so each box is as tall as its text and the
row as tall as its taller box.
"""

from __future__ import annotations

import html
from functools import cache

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QFont, QFontDatabase, QResizeEvent
from PySide6.QtWidgets import QLineEdit, QTextEdit, QWidget

#: Unicode Lao fonts, best first: the government's Phetsarath OT (it also has Latin letters and
#: digits, which Lao text contains), then Noto. Qt falls back per character for anything missing.
LAO_FAMILIES = ("Phetsarath OT", "Noto Sans Lao", "Noto Serif Lao", "Noto Looped Lao")
#: Lao letters look smaller than Latin ones at the same point size.
LAO_SCALE = 1.15


@cache
def _installed_lao_families() -> tuple[str, ...]:
    installed = set(QFontDatabase.families())
    return tuple(family for family in LAO_FAMILIES if family in installed)


def lao_font(base: QFont) -> QFont:
    """``base`` with a Lao-capable family first, a little larger."""
    font = QFont(base)
    families = _installed_lao_families()
    if families:
        font.setFamilies([*families, *base.families()])
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * LAO_SCALE)
    return font


def bold(text: str) -> str:
    """Rich text for a label in bold (escaped: a translation may hold "<" or "&")."""
    return f"<b>{html.escape(text)}</b>"


def make_lao(widget: QWidget) -> QWidget:
    widget.setFont(lao_font(widget.font()))
    widget.setProperty("lao", True)
    return widget


class PartText(QTextEdit):
    """Plain text that grows with its content; ``focused`` tells the row it became current."""

    focused = Signal()
    MIN_LINES = 1

    def __init__(self, parent: QWidget | None = None, *, lao: bool = False, lines: int = 1) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)  # pasted Word text arrives as plain text
        self.setTabChangesFocus(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.lines = max(lines, self.MIN_LINES)
        if lao:
            make_lao(self)
        self.document().contentsChanged.connect(self._fit)
        self._fit()

    def text(self) -> str:
        return self.toPlainText()

    def set_text(self, text: str) -> None:
        if text != self.toPlainText():
            self.setPlainText(text)

    def _fit(self) -> None:
        document = self.document()
        document.setTextWidth(max(50, self.viewport().width()))
        minimum = self.fontMetrics().lineSpacing() * self.lines + 2 * document.documentMargin()
        height = max(document.size().height(), minimum) + 2 * self.frameWidth() + 2
        if self.height() != int(height):
            self.setFixedHeight(int(height))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        super().focusInEvent(event)
        self.focused.emit()


class LaoLine(QLineEdit):
    """A one-line Lao field (title, place) in the Lao font."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        make_lao(self)
