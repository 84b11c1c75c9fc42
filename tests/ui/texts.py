"""What a user reads in a window, to catch English left in a Vietnamese or Lao interface."""

from __future__ import annotations

from functools import cache

from babel.messages.pofile import read_po
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QTableView,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from dnqp_desktop.core import i18n
from dnqp_desktop.tools.catalogs import POT_NAME, i18n_dir


def visible_texts(root: QWidget) -> list[str]:
    texts: list[str] = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QListWidget):
            texts += [widget.item(i).text() for i in range(widget.count())]
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QTableWidget):
            texts += [widget.horizontalHeaderItem(i).text() for i in range(widget.columnCount())]
        elif isinstance(widget, QTableView):
            model = widget.model()
            texts += [str(model.headerData(i, _horizontal())) for i in range(model.columnCount())]
        elif isinstance(widget, QMenu):
            texts += [action.text() for action in widget.actions()]
        texts += [action.text() for action in widget.actions()]
    return [text.replace("&", "").strip() for text in texts if text and text.strip()]


def _horizontal():
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


@cache
def _msgids() -> frozenset[str]:
    with (i18n_dir() / POT_NAME).open("rb") as fp:
        return frozenset(m.id.replace("&", "") for m in read_po(fp) if isinstance(m.id, str) and m.id)


def english_leftovers(root: QWidget) -> list[str]:
    """Texts shown exactly as their English msgid although the language is not English."""
    lang = i18n.current_language()
    found = []
    for text in visible_texts(root):
        if text in _msgids() and i18n.translate(text, lang).replace("&", "") != text:
            found.append(text)
    return sorted(set(found))
