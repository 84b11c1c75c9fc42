"""The first screen: what is due, each line opening its record; on an empty database, where to begin.

The lines come from ``core.due`` (talks in the coming days, delegations waiting for approval,
passports, agreements expiring, plan items behind, talks without minutes), grouped under a
heading per kind with its count. Enter or a double click opens the record of the line.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dnqp_desktop.core.due import CATEGORIES, DueItem, due_items
from dnqp_desktop.core.i18n import _, format_date, format_number
from dnqp_desktop.core.library import Library
from dnqp_desktop.ui.due_text import detail_text

KIND_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class DashboardView(QWidget):
    new_unit_requested = Signal()
    demo_requested = Signal()
    open_requested = Signal(str, str)  # kind, record id

    def __init__(self, library: Library, sections: list[tuple[str, str, str | None]], parent: QWidget | None = None):
        super().__init__(parent)
        self.library = library
        self.sections = [(key, label, attribute) for key, label, attribute in sections if attribute]
        self.items: list[DueItem] = []
        self.setObjectName("dashboard")
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.body = QLabel(self)
        self.body.setObjectName("dashboardBody")
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.welcome = QWidget(self)
        buttons = QHBoxLayout(self.welcome)
        buttons.setContentsMargins(0, 0, 0, 0)
        self.new_unit_button = QPushButton(_("Create the first unit"), self.welcome)
        self.demo_button = QPushButton(_("Load demonstration data"), self.welcome)
        self.new_unit_button.clicked.connect(self.new_unit_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        buttons.addWidget(self.new_unit_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        self.due_heading = QLabel(self)
        self.due_heading.setObjectName("dueHeading")
        bold = self.due_heading.font()
        bold.setBold(True)
        self.due_heading.setFont(bold)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("dueItems")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([_("What is due"), _("Date"), _("Why")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemDoubleClicked.connect(self._activated)
        layout.addWidget(self.heading)
        layout.addWidget(self.welcome)
        layout.addWidget(self.due_heading)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.body)

    def refresh(self) -> None:
        counts = {key: getattr(self.library, attribute).count() for key, _label, attribute in self.sections}
        empty = not any(counts.values()) and self.library.is_empty()
        self.welcome.setVisible(empty)
        self.tree.setVisible(not empty)
        self.due_heading.setVisible(not empty)
        if empty:
            self.heading.setText(_("Welcome to DNQP Desktop"))
            self.body.setText(
                _("The database is empty. Records you create will appear here.")
                + "\n\n"
                + _(
                    "Start with your own unit and the partner units, then their people; talks, delegations and "
                    "agreements refer to them. To look around first, load the demonstration data."
                )
            )
            self.items = []
            self.tree.clear()
            return
        self.heading.setText(_("Overview"))
        self.body.setText(" · ".join(f"{_(label)}: {format_number(counts[key])}" for key, label, _a in self.sections))
        with self.library.read() as session:
            self.items = due_items(session, self.library.settings)
        self._fill()

    def _fill(self) -> None:
        settings = self.library.settings
        params = {
            "days": settings.dashboard_talks_days,
            "months": settings.dashboard_passport_months,
        }
        self.tree.clear()
        total = len(self.items)
        self.due_heading.setText(
            _("Nothing is due.")
            if not total
            else _("Due: {count} item(s). Enter opens the selected record.").format(count=total)
        )
        for category, heading in CATEGORIES:
            lines = [item for item in self.items if item.category == category]
            if not lines:
                continue
            values = {**params}
            if category == "agreements_expiring":
                values["days"] = settings.dashboard_agreements_days
            group = QTreeWidgetItem([f"{_(heading).format(**values)} ({format_number(len(lines))})"])
            font = QFont(group.font(0))
            font.setBold(True)
            group.setFont(0, font)
            group.setFlags(group.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            self.tree.addTopLevelItem(group)
            for item in lines:
                row = QTreeWidgetItem(
                    [item.title, format_date(item.day, "short"), detail_text(item, settings.passport_margin_months)]
                )
                row.setData(0, KIND_ROLE, item.kind)
                row.setData(0, ID_ROLE, item.record_id)
                row.setToolTip(0, item.title)
                if category in ("passports", "plan_behind"):
                    row.setForeground(2, QBrush(QColor("#c62828")))
                group.addChild(row)
            group.setExpanded(True)

    def lines(self) -> list[QTreeWidgetItem]:
        """Every line that opens a record, in the order shown."""
        rows = []
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            rows += [group.child(child) for child in range(group.childCount())]
        return rows

    def _activated(self, row: QTreeWidgetItem, _column: int = 0) -> None:
        kind, record_id = row.data(0, KIND_ROLE), row.data(0, ID_ROLE)
        if kind and record_id:
            self.open_requested.emit(kind, record_id)
