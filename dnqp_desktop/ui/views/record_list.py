"""A section of the main window: filters, the list of records, and what can be done to them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dnqp_desktop.core.backup.progress import Cancelled, Progress
from dnqp_desktop.core.i18n import _, format_number
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.listing import Listing
from dnqp_desktop.core.messages import list_title
from dnqp_desktop.ui.models.record_table import RecordTableModel
from dnqp_desktop.ui.workers import Job, JobRunner


class RecordListView(QWidget):
    open_requested = Signal(str, str)  # kind, record id
    new_requested = Signal(str)
    delete_requested = Signal(str, str)
    #: Path written, or the error (a DomainError or an unexpected exception) of an Excel export.
    exported = Signal(object)
    export_failed = Signal(object)

    def __init__(self, library: Library, listing: Listing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.listing = listing
        self.setObjectName(f"list_{listing.kind}")
        self.model = RecordTableModel(library, listing, self)
        self._loaded = False

        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.filter_boxes: dict[str, QComboBox] = {}
        for flt in listing.filters:
            box = QComboBox(self)
            box.setObjectName(f"filter_{flt.key}")
            box.setToolTip(_(flt.label))
            self.filter_boxes[flt.key] = box
            bar.addWidget(QLabel(_(flt.label) + ":", self))
            bar.addWidget(box)
            box.currentIndexChanged.connect(self._apply_filters)
        bar.addStretch(1)
        self.count_label = QLabel(self)
        bar.addWidget(self.count_label)
        self.new_button = QPushButton(_("New"), self)
        self.open_button = QPushButton(_("Open"), self)
        self.delete_button = QPushButton(_("Move to trash"), self)
        self.export_button = QPushButton(_("Export to Excel…"), self)
        self.export_button.setObjectName("export_button")
        self.export_button.setToolTip(_("Write the records shown, with this filter, sort and columns, to a workbook"))
        self.runner = JobRunner(self)
        self.export_job: Job | None = None
        for button in (self.new_button, self.open_button, self.delete_button, self.export_button):
            bar.addWidget(button)
        layout.addLayout(bar)

        self.table = QTableView(self)
        self.table.setObjectName(f"table_{listing.kind}")
        self.table.setModel(self.model)
        default = [column.key for column in listing.columns].index(self.model.sort_key)
        self.table.horizontalHeader().setSortIndicator(default, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(max(26, int(self.fontMetrics().height() * 1.7)))
        self.table.horizontalHeader().setSectionsMovable(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        char = self.fontMetrics().averageCharWidth()
        header_metrics = self.table.horizontalHeader().fontMetrics()
        for index, column in enumerate(listing.columns):
            # Never narrower than its translated heading (plus the sort arrow).
            heading = header_metrics.horizontalAdvance(_(column.label)) + 32
            self.table.setColumnWidth(index, max(column.width * char + 16, heading))
        layout.addWidget(self.table, 1)

        self.new_button.clicked.connect(lambda: self.new_requested.emit(listing.kind))
        self.open_button.clicked.connect(self.open_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.export_button.clicked.connect(self.choose_export_file)
        self.table.doubleClicked.connect(lambda _index: self.open_current())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.table, activated=self.open_current)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, activated=self.delete_current)

    # --- loading ---------------------------------------------------------------------------

    def ensure_loaded(self) -> None:
        """Lists load when first shown, so start-up does not wait for all of them."""
        if not self._loaded:
            self._fill_filters()
            self._loaded = True
            self.model.active = True
            self.refresh()

    def _fill_filters(self) -> None:
        for flt in self.listing.filters:
            box = self.filter_boxes[flt.key]
            box.blockSignals(True)
            box.clear()
            box.addItem(_("All"), None)
            if flt.enum is not None:
                for member in flt.enum:
                    box.addItem(_(member.label), member.value)  # type: ignore[attr-defined]
            else:
                for year in self.listing.year_range(self.library):
                    box.addItem(str(year), year)
            box.blockSignals(False)

    def _apply_filters(self) -> None:
        self.model.set_filters({key: box.currentData() for key, box in self.filter_boxes.items()})
        self._update_count()

    def refresh(self) -> None:
        if not self._loaded:
            return
        current = self.current_id()
        self.model.set_filters({key: box.currentData() for key, box in self.filter_boxes.items()})
        self._update_count()
        if current is not None:
            self.select(current)

    def _update_count(self) -> None:
        self.count_label.setText(_("{count} records").format(count=format_number(self.model.rowCount())))

    # --- selection and actions -------------------------------------------------------------

    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.record_id(index.row()) if index.isValid() else None

    def select(self, record_id: str) -> bool:
        row = self.model.row_of(record_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def open_current(self) -> None:
        record_id = self.current_id()
        if record_id is not None:
            self.open_requested.emit(self.listing.kind, record_id)

    def delete_current(self) -> None:
        record_id = self.current_id()
        if record_id is not None:
            self.delete_requested.emit(self.listing.kind, record_id)

    # --- Excel export of what is shown -----------------------------------------------------

    def shown_columns(self) -> list[str]:
        """Column keys in the order the user arranged them, without the hidden ones."""
        header = self.table.horizontalHeader()
        logical = [header.logicalIndex(visual) for visual in range(header.count())]
        return [self.listing.columns[index].key for index in logical if not header.isSectionHidden(index)]

    def choose_export_file(self) -> None:
        suggested = f"{_(list_title(self.listing.kind))}.xlsx"
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export to Excel"), suggested, _("Excel workbooks (*.xlsx)")
        )
        if path:
            self.export(Path(path if path.lower().endswith(".xlsx") else path + ".xlsx"))

    def export(self, path: Path) -> Job:
        """Write the list as shown (filters, sort, columns) to ``path`` in the background."""
        from dnqp_desktop.core.xlsx.export import export_listing

        library, listing, model, columns = self.library, self.listing, self.model, self.shown_columns()
        filters, sort, descending = dict(model.filters), model.sort_key, model.descending

        def work(progress: Progress, cancelled: Cancelled) -> Path:
            export_listing(
                library,
                listing,
                path,
                filters=filters,
                sort=sort,
                descending=descending,
                columns=columns,
                progress=progress,
                cancelled=cancelled,
            )
            return path

        job = Job(work)
        job.signals.succeeded.connect(self.exported.emit)
        job.signals.failed.connect(self.export_failed.emit)
        job.signals.finished.connect(lambda: self.export_button.setEnabled(True))
        self.export_button.setEnabled(False)
        self.export_job = job
        return self.runner.start(job)

    # --- remembered layout -----------------------------------------------------------------

    def header_state(self) -> QByteArray:
        return self.table.horizontalHeader().saveState()

    def restore_header_state(self, state: Any) -> None:
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.table.horizontalHeader().restoreState(state)
