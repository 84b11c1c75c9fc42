"""The first screen: what the database holds, and on an empty database, where to begin."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from dnqp_desktop.core.i18n import _, format_number
from dnqp_desktop.core.library import Library


class DashboardView(QWidget):
    new_unit_requested = Signal()
    demo_requested = Signal()

    def __init__(self, library: Library, sections: list[tuple[str, str, str | None]], parent: QWidget | None = None):
        super().__init__(parent)
        self.library = library
        self.sections = [(key, label, attribute) for key, label, attribute in sections if attribute]
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
        layout.addWidget(self.heading)
        layout.addWidget(self.body)
        layout.addWidget(self.welcome)
        layout.addStretch(1)

    def refresh(self) -> None:
        counts = {key: getattr(self.library, attribute).count() for key, _label, attribute in self.sections}
        empty = not any(counts.values()) and self.library.is_empty()
        self.welcome.setVisible(empty)
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
            return
        self.heading.setText(_("Overview"))
        self.body.setText("\n".join(f"{_(label)}: {format_number(counts[key])}" for key, label, _a in self.sections))
