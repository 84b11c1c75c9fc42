"""Search results as you type, grouped by kind of record; Enter opens the record."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from dnqp_desktop.core.i18n import _
from dnqp_desktop.core.messages import record_label

ID_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
#: Order of the groups, as in the navigation.
KIND_ORDER = ("unit", "person", "twinning", "talk", "delegation", "agreement", "plan_item")

#: (query) -> hits with .kind, .record_id and .title
SearchFunction = Callable[[str], Sequence[Any]]


class SearchView(QWidget):
    open_requested = Signal(str, str)

    def __init__(self, search: SearchFunction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchResults")
        self._search = search
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("searchTree")
        self.tree.setHeaderHidden(True)
        self.tree.itemActivated.connect(self._activated)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.tree, activated=self.open_current)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self._pending = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)  # as you type, without a query per keystroke
        self._timer.timeout.connect(self.run_now)
        self.query = ""

    def schedule(self, text: str) -> None:
        self._pending = text
        self._timer.start()

    def run_now(self) -> None:
        self._timer.stop()
        self.query = self._pending.strip()
        self.tree.clear()
        if not self.query:
            self.summary.setText("")
            return
        hits = list(self._search(self.query))
        groups: dict[str, QTreeWidgetItem] = {}
        for kind in KIND_ORDER:
            kind_hits = [hit for hit in hits if hit.kind == kind]
            if not kind_hits:
                continue
            group = QTreeWidgetItem(self.tree, [f"{_(record_label(kind)).capitalize()} ({len(kind_hits)})"])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            groups[kind] = group
            for hit in kind_hits:
                item = QTreeWidgetItem(group, [hit.title])
                item.setData(0, ID_ROLE, hit.record_id)
                item.setData(0, KIND_ROLE, kind)
            group.setExpanded(True)
        if hits:
            self.summary.setText(_("{count} results for “{query}”").format(count=len(hits), query=self.query))
            first = next(iter(groups.values())).child(0)
            self.tree.setCurrentItem(first)
        else:
            self.summary.setText(_("Nothing found for “{query}”.").format(query=self.query))

    def results(self) -> dict[str, list[str]]:
        """Titles shown per kind (what the user sees), for tests and the status bar."""
        shown: dict[str, list[str]] = {}
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            for row in range(group.childCount()):
                child = group.child(row)
                shown.setdefault(child.data(0, KIND_ROLE), []).append(child.text(0))
        return shown

    def open_current(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self._activated(item)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        record_id = item.data(0, ID_ROLE)
        if record_id:
            self.open_requested.emit(item.data(0, KIND_ROLE), record_id)
