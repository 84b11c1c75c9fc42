"""The main window: navigation on the left, the chosen section on the right.

The records workspace fills the sections with lists and forms; until then each section shows what
it holds, so a clerk opening the app sees at once that the data is there.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dnqp_desktop import __version__
from dnqp_desktop.core.i18n import N_, _, format_number
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.services.base import Change

#: (key, label msgid, service attribute) of each section, in navigation order.
SECTIONS: tuple[tuple[str, str, str | None], ...] = (
    ("dashboard", N_("Overview"), None),
    ("units", N_("Units"), "units"),
    ("people", N_("People"), "people"),
    ("twinnings", N_("Twinnings"), "twinnings"),
    ("talks", N_("Talks and meetings"), "talks"),
    ("delegations", N_("Delegations"), "delegations"),
    ("agreements", N_("Agreements"), "agreements"),
    ("plan_items", N_("Plan items"), "plan_items"),
    ("trash", N_("Trash"), None),
)


class SectionPage(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.heading = QLabel(title)
        self.heading.setObjectName("sectionHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.heading)
        layout.addWidget(self.body)
        layout.addStretch(1)


class MainWindow(QMainWindow):
    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.setWindowTitle(_("DNQP Desktop"))
        self.resize(1100, 720)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.pages = QStackedWidget()
        self.section_pages: dict[str, SectionPage] = {}
        for key, label, _service in SECTIONS:
            item = QListWidgetItem(_(label))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.navigation.addItem(item)
            page = SectionPage(_(label))
            self.section_pages[key] = page
            self.pages.addWidget(page)
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.navigation.setMaximumWidth(260)

        splitter = QSplitter()
        splitter.addWidget(self.navigation)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)

        self._build_menus()
        self.statusBar().showMessage(_("Database: {path}").format(path=library.database_label))
        self.navigation.setCurrentRow(0)
        self.refresh()
        self._unsubscribe = library.subscribe(self._on_changes)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu(_("&Help"))
        about_action = QAction(_("&About DNQP Desktop"), self)
        about_action.triggered.connect(self._show_about)
        help_menu.addAction(about_action)

    def _show_about(self) -> None:
        QMessageBox.about(
            self,
            _("About DNQP Desktop"),
            _(
                "DNQP Desktop {version}\nRecords of defence-diplomacy work, with bilingual Vietnamese–Lao documents."
            ).format(version=__version__),
        )

    def _on_changes(self, changes: Sequence[Change]) -> None:
        # Writes may come from a worker thread; refresh on the GUI thread.
        QTimer.singleShot(0, self.refresh)

    def counts(self) -> dict[str, tuple[int, int]]:
        """(live, in trash) per section backed by a service."""
        result = {}
        for key, _label, attribute in SECTIONS:
            if attribute is not None:
                service = getattr(self.library, attribute)
                result[key] = (service.count(), service.count(trash=True))
        return result

    def refresh(self) -> None:
        counts = self.counts()
        lines = []
        for key, label, _attribute in SECTIONS:
            if key not in counts:
                continue
            live, trashed = counts[key]
            self.section_pages[key].body.setText(_("{count} records").format(count=format_number(live)))
            lines.append(f"{_(label)}: {format_number(live)}")
        total_trash = sum(trashed for _live, trashed in counts.values())
        self.section_pages["trash"].body.setText(
            _("{count} records in the trash").format(count=format_number(total_trash))
        )
        if any(live for live, _trashed in counts.values()):
            overview = "\n".join(lines)
        else:
            overview = _("The database is empty. Records you create will appear here.")
        self.section_pages["dashboard"].body.setText(overview)

    def closeEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        self._unsubscribe()
        super().closeEvent(event)  # type: ignore[arg-type]
