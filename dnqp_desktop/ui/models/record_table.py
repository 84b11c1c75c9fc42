"""A table model over one core listing: all ids up front, full rows only for what is on screen.

Counting and ordering 100 000 ids takes milliseconds; loading 100 000 records would take seconds
and memory. So the model knows every row's id (the scroll bar is right from the start) and loads
rows in pages of ``PAGE`` as the view asks for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from dnqp_desktop.core.i18n import _
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.listing import LAO, NUMBER, PERCENT, YEAR, Listing
from dnqp_desktop.ui.formatting import display

PAGE = 200
ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class RecordTableModel(QAbstractTableModel):
    def __init__(self, library: Library, listing: Listing, parent: Any = None) -> None:
        super().__init__(parent)
        self.library = library
        self.listing = listing
        self.filters: dict[str, Any] = {}
        self.sort_key = listing.default_sort or listing.columns[0].key
        self.descending = False
        self._ids: list[str] = []
        self._rows: dict[str, tuple[Any, ...]] = {}
        self._loaded_pages: set[int] = set()
        #: False until the list is first shown: sorting and filtering only remember what to do.
        self.active = False

    # --- what to show ---------------------------------------------------------------------

    def reload(self) -> None:
        if not self.active:
            return
        self.beginResetModel()
        self._ids = self.listing.ordered_ids(
            self.library, filters=self.filters, sort=self.sort_key, descending=self.descending
        )
        self._rows.clear()
        self._loaded_pages.clear()
        self.endResetModel()

    def set_filters(self, filters: Mapping[str, Any]) -> None:
        self.filters = {key: value for key, value in filters.items() if value not in (None, "")}
        self.reload()

    def record_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: str) -> int | None:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return None

    # --- QAbstractTableModel --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.listing.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.listing.columns[section].label)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record_id = self._ids[index.row()]
        if role == ID_ROLE:
            return record_id
        column = self.listing.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in (NUMBER, PERCENT, YEAR):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._row(index.row())
        if row is None:
            return None
        text = display(row[index.column()], column.kind, column.enum)
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if column.kind == LAO or len(text) > column.width else None
        return text

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_key = self.listing.columns[column].key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    # --- paging ---------------------------------------------------------------------------

    def _row(self, row: int) -> tuple[Any, ...] | None:
        page = row // PAGE
        if page not in self._loaded_pages:
            ids = self._ids[page * PAGE : (page + 1) * PAGE]
            self._rows.update(self.listing.load_rows(self.library, ids))
            self._loaded_pages.add(page)
        return self._rows.get(self._ids[row])
