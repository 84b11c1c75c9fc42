"""The main window: sections on the left, the chosen one on the right, search always at hand.

The window holds the Library and the acting user, nothing global. Every write goes through a
service; the Library announces it, and the window refreshes what shows it from one place.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from dnqp_desktop import __version__
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.i18n import N_, _
from dnqp_desktop.core.messages import record_label
from dnqp_desktop.ui.dialogs import ask
from dnqp_desktop.ui.session_actions import SessionActions

# Only Qt and light core modules are imported here, so the window can be on screen before
# SQLAlchemy, the models and the services (about a second of imports) are loaded: the sections are
# built by ``attach`` once the library is open. Modules that need those are imported there.
if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QDialog

    from dnqp_desktop.core.library import Library
    from dnqp_desktop.core.services.base import Change
    from dnqp_desktop.core.services.policy import Actor
    from dnqp_desktop.ui.dialogs.settings import SettingsDialog
    from dnqp_desktop.ui.dialogs.xlsx_import import ImportDialog
    from dnqp_desktop.ui.forms.record_form import RecordForm
    from dnqp_desktop.ui.views.record_list import RecordListView

#: (key, label msgid, service attribute) of each section, in navigation order.
SECTIONS: tuple[tuple[str, str, str | None], ...] = (
    ("dashboard", N_("Overview"), None),
    ("unit", N_("Units"), "units"),
    ("person", N_("People"), "people"),
    ("twinning", N_("Twinnings"), "twinnings"),
    ("talk", N_("Talks and meetings"), "talks"),
    ("delegation", N_("Delegations"), "delegations"),
    ("agreement", N_("Agreements"), "agreements"),
    ("plan_item", N_("Plan items"), "plan_items"),
    ("trash", N_("Trash"), None),
    ("calendar", N_("Calendar"), None),
    ("report", N_("Yearly report"), None),
)


SECTION_KEYS = frozenset(key for key, _label, _service in SECTIONS)
LIST_SECTIONS = frozenset(key for key, _label, service in SECTIONS if service is not None)


class _LazyViews(dict):  # type: ignore[type-arg]
    """Section views made on first use: ``views[kind]`` builds the view when it is first asked for."""

    def __init__(self, factory: Any) -> None:
        super().__init__()
        self._factory = factory

    def __missing__(self, key: str) -> Any:
        view = self._factory(key)
        self[key] = view
        return view


#: Qt.ItemDataRole.UserRole. The window avoids the ``Qt`` namespace until it is on screen: the first
#: use of ``Qt`` builds Python enums for all of its hundreds of enumerations (about 25 ms, bench/startup.py).
_USER_ROLE = 256


def _centred(text: str) -> str:
    """``text`` as rich text centred across the label (QLabel centres vertically by default)."""
    return f'<p align="center">{html.escape(text)}</p>'


class MainWindow(SessionActions, QMainWindow):
    language_change_requested = Signal(str)
    #: Emitted by the change listener, which runs in whichever thread wrote (a worker's import);
    #: connected queued, so the refresh always runs on the GUI thread after the write.
    _refresh_requested = Signal()

    def __init__(
        self, library: Library | None = None, actor: Actor | None = None, *, data_folder: Path | None = None
    ) -> None:
        """With a library and the logged-in actor, the window is complete at once; with only its data
        folder, the window shows itself first and is completed by ``attach`` after the log-in."""
        super().__init__()
        folder = library.folder.root if library is not None else data_folder
        if folder is None:
            raise ValueError("a library or its data folder is needed")
        self.library: Library | None = None
        self.actor = actor
        self.forms: list[RecordForm] = []
        self.ui_state = QSettings(str(folder / "ui-state.ini"), QSettings.Format.IniFormat)
        self.setWindowTitle(_("DNQP Desktop"))
        self.resize(1200, 760)
        geometry = self.ui_state.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.placeholder = QLabel(_centred(_("Opening the database…")), self)
        self.setCentralWidget(self.placeholder)
        self.idle_lock: Any = None
        if library is not None:
            self.attach(library)

    def attach(self, library: Library, actor: Actor | None = None) -> None:
        """Build the sections on an open library for the logged-in ``actor`` (the heavy part of start-up)."""
        from dnqp_desktop.ui.search_source import search_hits
        from dnqp_desktop.ui.undo import UndoStack
        from dnqp_desktop.ui.views.calendar import CalendarView
        from dnqp_desktop.ui.views.dashboard import DashboardView
        from dnqp_desktop.ui.views.report import ReportView
        from dnqp_desktop.ui.views.search import SearchView
        from dnqp_desktop.ui.views.trash import TrashView

        self.library = library
        self.actor = actor or self.actor
        if self.actor is None:
            raise ValueError("the window acts for a logged-in user: pass the actor")
        self.undo_stack = UndoStack(library, self.actor, self)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.pages = QStackedWidget()
        self.dashboard = DashboardView(library, list(SECTIONS))
        self.lists: dict[str, RecordListView] = _LazyViews(self._make_list_view)
        self.trash = TrashView(library)
        self.calendar = CalendarView(library)
        self.report = ReportView(library)
        self.search_view = SearchView(lambda query: search_hits(library, query, actor=self.actor))
        for key, label, _service in SECTIONS:
            item = QListWidgetItem(_(label))
            item.setData(_USER_ROLE, key)
            self.navigation.addItem(item)
        for widget in (self.dashboard, self.trash, self.search_view, self.calendar, self.report):
            self.pages.addWidget(widget)
        self.navigation.currentRowChanged.connect(self._show_section)
        self.navigation.setMinimumWidth(self.navigation.sizeHintForColumn(0) + 24)

        self.splitter = QSplitter()
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([220, 980])
        self.setCentralWidget(self.splitter)
        self.placeholder = None

        self._build_actions()
        self._connect_views()
        self.statusBar().showMessage(_("Database: {path}").format(path=library.database_label))
        if getattr(library, "read_only", False):
            notice = DomainError("library_read_only", holder=library.lock_holder or "?").message()
            self.read_only_notice = QLabel(notice, self)
            self.read_only_notice.setWordWrap(True)
            self.read_only_notice.setStyleSheet("background: #fff3cd; padding: 6px;")
            self.statusBar().addPermanentWidget(self.read_only_notice, 1)
        self.user_label = QLabel(self._user_text(), self)
        self.user_label.setObjectName("currentUser")
        self.statusBar().addPermanentWidget(self.user_label)
        self._restore_state()
        self._apply_role()
        self.refresh()
        from PySide6.QtCore import Qt  # the window is on screen by now: see _USER_ROLE

        self._refresh_requested.connect(self.refresh, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = library.subscribe(self._on_changes)
        if self.actor.user_id is not None:  # a real account (not the program itself) can be locked out
            from dnqp_desktop.ui.idle_lock import IdleLock

            self.idle_lock = IdleLock(library, self.actor, library.settings.idle_lock_minutes, self)
        if not getattr(library, "read_only", False):
            from dnqp_desktop.ui.auto_backup import AutoBackup, DriveWatcher

            self.auto_backup = AutoBackup(library, self)  # every few hours of use, and at quit
            self.drive_watcher = DriveWatcher(self)
            self.drive_watcher.inserted.connect(lambda drive: self.show_backup(drive.backup_folder))

    def fail_to_open(self, message: str) -> None:
        """The library could not be opened: say why in the window, where the user is looking."""
        if self.placeholder is not None:
            self.placeholder.setText(_centred(message))
            self.placeholder.setWordWrap(True)

    # --- actions ---------------------------------------------------------------------------

    def _action(self, text: str, slot: Any, shortcut: Any = None, name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setObjectName(name)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(_("&New record"), self.new_record, QKeySequence.StandardKey.New, "new")
        self.open_action = self._action(_("&Open record"), self.open_current, None, "open")
        self.delete_action = self._action(_("Move to &trash"), self.delete_current, None, "delete")
        self.undo_action = self._action(_("&Undo"), self.undo, QKeySequence.StandardKey.Undo, "undo")
        self.find_action = self._action(_("&Find…"), self.focus_search, QKeySequence.StandardKey.Find, "find")
        self.refresh_action = self._action(_("&Refresh"), self.refresh, QKeySequence.StandardKey.Refresh, "refresh")
        self.settings_action = self._action(_("&Settings…"), self.show_settings, None, "settings")
        self.quit_action = self._action(_("&Quit"), self.close, QKeySequence.StandardKey.Quit, "quit")
        self.about_action = self._action(_("&About DNQP Desktop"), self._show_about, None, "about")
        self.undo_action.setEnabled(False)
        self.undo_stack.changed.connect(self._update_undo)

        self.backup_action = self._action(_("&Back up…"), self.show_backup, None, "backup")
        self.restore_action = self._action(_("&Restore a backup…"), self.show_restore, None, "restore")
        self.import_action = self._action(_("&Import from Excel…"), self.show_import, None, "import_xlsx")
        self.export_action = self._action(_("&Export to Excel…"), self.export_current, None, "export_xlsx")
        self.templates_action = self._action(_("Excel &templates…"), self.save_templates, None, "xlsx_templates")
        self.import_action.setEnabled(not getattr(self.library, "read_only", False))
        file_menu = self.menuBar().addMenu(_("&File"))
        file_menu.addAction(self.new_action)
        file_menu.addSeparator()
        for action in (self.import_action, self.export_action, self.templates_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        for action in (self.backup_action, self.restore_action, self.settings_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        for action in self._session_actions():
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu(_("&Edit"))
        for action in (self.undo_action, self.open_action, self.delete_action, self.find_action):
            edit_menu.addAction(action)
        view_menu = self.menuBar().addMenu(_("&View"))
        for row, (key, label, _service) in enumerate(SECTIONS):
            action = self._action(
                _(label),
                lambda _checked=False, r=row: self.navigation.setCurrentRow(r),
                f"Ctrl+{row + 1}" if row < 9 else None,  # Ctrl+1 … Ctrl+9; the later sections by menu
            )
            action.setObjectName(f"show_{key}")
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.refresh_action)
        help_menu = self.menuBar().addMenu(_("&Help"))
        help_menu.addAction(self.about_action)

        toolbar = QToolBar(_("Main toolbar"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        for action in (self.new_action, self.open_action, self.delete_action, self.undo_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        self.search_box = QLineEdit(toolbar)
        self.search_box.setObjectName("searchBox")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setPlaceholderText(_("Search all records (Ctrl+F)"))
        self.search_box.setMinimumWidth(320)
        self.search_box.textChanged.connect(self._search_typed)
        self.search_box.returnPressed.connect(self._search_enter)
        toolbar.addWidget(self.search_box)
        self.addToolBar(toolbar)

    def _make_list_view(self, kind: str) -> RecordListView:
        """A list is built the first time its section is shown (start-up time and memory)."""
        from dnqp_desktop.core.listing import LISTINGS
        from dnqp_desktop.ui.views.record_list import RecordListView

        view = RecordListView(self.library, LISTINGS[kind])
        view.restore_header_state(self.ui_state.value(f"columns/{kind}"))
        view.open_requested.connect(self.open_record)
        view.new_requested.connect(self.new_record_of)
        view.delete_requested.connect(self.delete_record)
        view.exported.connect(
            lambda path: self.statusBar().showMessage(_("Workbook written: {path}").format(path=path), 8000)
        )
        view.export_failed.connect(self._export_failed)
        self.pages.addWidget(view)
        return view

    def _section_widget(self, key: str) -> QWidget:
        if key in LIST_SECTIONS:
            return self.lists[key]
        return {"dashboard": self.dashboard, "calendar": self.calendar, "report": self.report}.get(key, self.trash)

    def _connect_views(self) -> None:
        self.trash.restore_requested.connect(self.restore_record)
        self.search_view.open_requested.connect(self.open_record)
        self.dashboard.new_unit_requested.connect(lambda: self.new_record_of("unit"))
        self.dashboard.demo_requested.connect(self.load_demo)
        self.dashboard.open_requested.connect(self.open_record)
        self.calendar.open_requested.connect(self.open_record)
        self.calendar.new_series_requested.connect(self.new_talk_series)
        self.calendar.series_button.setVisible(self._can("EDIT_RECORDS"))

    # --- sections --------------------------------------------------------------------------

    def current_section(self) -> str:
        item = self.navigation.currentItem()
        return item.data(_USER_ROLE) if item else "dashboard"

    def show_section(self, key: str) -> None:
        self.navigation.setCurrentRow([k for k, _l, _s in SECTIONS].index(key))

    def _show_section(self, row: int) -> None:
        key = SECTIONS[row][0]
        self.pages.setCurrentWidget(self._section_widget(key))
        if key in LIST_SECTIONS:
            self.lists[key].ensure_loaded()
        elif key == "trash":
            self.trash.refresh()
        elif key in ("calendar", "report"):
            self._section_widget(key).refresh()
        has_records = key in LIST_SECTIONS
        self.open_action.setEnabled(has_records)
        self.delete_action.setEnabled(has_records and self._can("EDIT_RECORDS"))

    # --- records ---------------------------------------------------------------------------

    def new_record(self) -> None:
        section = self.current_section()
        self.new_record_of(section if section in LIST_SECTIONS else "unit")

    def new_record_of(self, kind: str) -> RecordForm | None:
        """A blank form, unless the role may not create this kind (the core's refusal is shown)."""
        from dnqp_desktop.core.services.policy import require

        service = self._service(kind)
        if not self._run(lambda: require(self.actor, service.permission("create"))):
            return None
        return self._form(kind, None)

    def open_record(self, kind: str, record_id: str) -> RecordForm:
        return self._form(kind, record_id)

    def _form(self, kind: str, record_id: str | None) -> RecordForm:
        if kind == "agreement":  # bilingual parts side by side, final and signed copies, versions
            from dnqp_desktop.ui.agreements.editor import AgreementEditor

            return self._show_form(AgreementEditor(self.library, self.actor, record_id, self))  # type: ignore[arg-type]
        if kind == "delegation":  # the approval procedure with its passport check
            from dnqp_desktop.ui.forms.delegation_form import DelegationForm

            return self._show_form(DelegationForm(self.library, self.actor, record_id, self))
        if kind == "talk":  # ranks on the talk's date, documents signed there
            from dnqp_desktop.ui.forms.talk_form import TalkForm

            form = TalkForm(self.library, self.actor, record_id, self)
            form.open_requested.connect(self.open_record)
            return self._show_form(form)
        from dnqp_desktop.ui.forms.record_form import RecordForm
        from dnqp_desktop.ui.forms.specs import FORMS

        return self._show_form(RecordForm(self.library, FORMS[kind], self.actor, record_id, self))

    def _show_form(self, form: RecordForm) -> RecordForm:
        form.saved.connect(self._record_saved)
        form.finished.connect(lambda _result, f=form: self.forms.remove(f) if f in self.forms else None)
        self.forms.append(form)
        form.show()
        return form

    def _record_saved(self, kind: str, record_id: str, before: object) -> None:
        if before is None:
            self.undo_stack.created(kind, record_id)
        else:
            self.undo_stack.edited(kind, record_id, before)  # type: ignore[arg-type]
        if kind in LIST_SECTIONS:
            self.show_section(kind)
            self.lists[kind].refresh()
            self.lists[kind].select(record_id)
        self.statusBar().showMessage(_("Saved."), 5000)

    def new_talk_series(self) -> Any:
        from dnqp_desktop.ui.dialogs.talk_series import TalkSeriesDialog

        dialog = TalkSeriesDialog(self.library, self.actor, self)
        dialog.accepted.connect(lambda: self.statusBar().showMessage(_("Saved."), 5000))
        dialog.open()
        return dialog

    def open_current(self) -> None:
        view = self.lists[self.current_section()] if self.current_section() in LIST_SECTIONS else None
        if view is not None:
            view.open_current()

    def delete_current(self) -> None:
        view = self.lists[self.current_section()] if self.current_section() in LIST_SECTIONS else None
        if view is not None:
            view.delete_current()

    def _service(self, kind: str) -> Any:
        from dnqp_desktop.ui.undo import SERVICE_OF_KIND

        return getattr(self.library, SERVICE_OF_KIND[kind])

    def delete_record(self, kind: str, record_id: str) -> None:
        if self._run(lambda: self._service(kind).delete(record_id, actor=self.actor)):
            self.undo_stack.deleted(kind, record_id)
            label = _(record_label(kind)).capitalize()
            self.statusBar().showMessage(_("{record} moved to the trash (Ctrl+Z undoes).").format(record=label), 8000)

    def restore_record(self, kind: str, record_id: str) -> None:
        if self._run(lambda: self._service(kind).restore(record_id, actor=self.actor)):
            self.undo_stack.restored(kind, record_id)
            self.statusBar().showMessage(_("Restored."), 5000)

    def undo(self) -> None:
        text = self.undo_stack.text()
        if self._run(self.undo_stack.undo):
            self.statusBar().showMessage(_("Done: {action}").format(action=text), 5000)

    def _update_undo(self) -> None:
        self.undo_action.setEnabled(self.undo_stack.can_undo())
        self.undo_action.setText(self.undo_stack.text() if self.undo_stack.can_undo() else _("&Undo"))

    def _run(self, work: Any) -> bool:
        """Run a write; a refusal is shown, never raised into Qt's event loop."""
        try:
            work()
        except DomainError as error:
            ask.warn(self, _("Not done"), error.message())
            return False
        return True

    def load_demo(self) -> None:
        from dnqp_desktop.core.demo import load_demo

        if self._run(lambda: load_demo(self.library, actor=self.actor)):
            self.refresh()

    # --- search ----------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def _search_typed(self, text: str) -> None:
        if text.strip():
            self.pages.setCurrentWidget(self.search_view)
            self.search_view.schedule(text)
        else:
            self._show_section(self.navigation.currentRow())

    def _search_enter(self) -> None:
        self.search_view.run_now()
        self.search_view.tree.setFocus()

    # --- refresh and settings --------------------------------------------------------------

    # Opened, not exec'd: the idle lock hides every window, and hiding a dialog ends its exec().

    def show_backup(self, preselect: Path | None = None) -> QDialog:
        from dnqp_desktop.ui.dialogs.backup import BackupDialog

        return self._open_dialog(BackupDialog(self.library, self, preselect=preselect, actor=self.actor))

    def show_import(self) -> ImportDialog:
        from dnqp_desktop.core.xlsx.kinds import IMPORT_KINDS
        from dnqp_desktop.ui.dialogs.xlsx_import import ImportDialog

        section = self.current_section()
        dialog = ImportDialog(self.library, self.actor, self, kind=section if section in IMPORT_KINDS else None)
        dialog.imported.connect(lambda _result: self.statusBar().showMessage(dialog.status.text(), 8000))
        dialog.open()
        return dialog

    def _export_failed(self, error: object) -> None:
        from dnqp_desktop.ui.workers import error_text

        ask.warn(self, _("Not done"), error_text(error))

    def export_current(self) -> None:
        """Export the list on screen, as it is shown (its filter, sort and columns)."""
        section = self.current_section()
        if section not in LIST_SECTIONS:
            ask.warn(self, _("Export to Excel"), _("Open a list first (Units, People…): it is exported as shown."))
            return
        self.lists[section].choose_export_file()

    def save_templates(self, folder: Path | None = None) -> list[Path]:
        """Write an empty import workbook for each importable kind into a folder the user picks."""
        from dnqp_desktop.core.i18n import current_language
        from dnqp_desktop.core.xlsx.kinds import IMPORT_KINDS
        from dnqp_desktop.core.xlsx.templates import template_filename, write_template

        if not folder:
            from PySide6.QtWidgets import QFileDialog  # each Qt class costs start-up time at first import

            chosen = QFileDialog.getExistingDirectory(self, _("Save the Excel templates in…"))
            if not chosen:
                return []
            folder = Path(chosen)
        lang = current_language()
        written: list[Path] = []
        try:
            for kind in IMPORT_KINDS:
                written.append(write_template(kind, folder / template_filename(kind, lang), lang=lang))
        except DomainError as error:
            ask.warn(self, _("Not done"), error.message())
            return written
        self.statusBar().showMessage(
            _("{count} Excel templates saved in {path}").format(count=len(written), path=folder), 8000
        )
        return written

    def show_restore(self) -> QDialog:
        from dnqp_desktop.ui.dialogs.restore import RestoreDialog

        return self._open_dialog(RestoreDialog(self.library, self.actor, self))

    @staticmethod
    def _open_dialog(dialog: QDialog) -> QDialog:
        from PySide6.QtCore import Qt  # after start-up: see _USER_ROLE

        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _on_changes(self, changes: Sequence[Change]) -> None:
        if any(change.kind == "library" for change in changes):
            self.undo_stack.clear()  # a restore replaced the data the undo entries refer to
        self._refresh_requested.emit()  # writes may come from a worker thread (a QTimer there never fires)

    def refresh(self) -> None:
        self.dashboard.refresh()
        for view in self.lists.values():
            view.refresh()
        if self.current_section() in ("trash", "calendar", "report"):
            self._section_widget(self.current_section()).refresh()
        if self.search_box.text().strip():
            self.search_view.schedule(self.search_box.text())

    def show_settings(self) -> SettingsDialog:
        from dnqp_desktop.ui.dialogs.settings import SettingsDialog

        dialog = SettingsDialog(self.library.settings, self)
        dialog.accepted.connect(lambda: self._apply_settings(dialog))
        dialog.open()
        return dialog

    def _apply_settings(self, dialog: SettingsDialog) -> None:
        chosen = dialog.chosen()
        language_changed = chosen.language != self.library.settings.language
        if not self._run(lambda: self.library.save_settings(chosen, actor=self.actor)):
            return
        if self.idle_lock is not None:
            self.idle_lock.set_minutes(chosen.idle_lock_minutes)
        if language_changed:
            self.language_change_requested.emit(chosen.language)

    def _show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            _("About DNQP Desktop"),
            _(
                "DNQP Desktop {version}\nRecords of defence-diplomacy work, with bilingual Vietnamese–Lao documents."
            ).format(version=__version__),
        )

    # --- remembered layout -----------------------------------------------------------------

    def _restore_state(self) -> None:
        splitter = self.ui_state.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        section = str(self.ui_state.value("window/section", "dashboard"))
        self.show_section(section if section in SECTION_KEYS else "dashboard")

    def save_state(self) -> None:
        self.ui_state.setValue("window/geometry", self.saveGeometry())
        if self.library is None:
            self.ui_state.sync()
            return
        self.ui_state.setValue("window/splitter", self.splitter.saveState())
        self.ui_state.setValue("window/section", self.current_section())
        for key, view in self.lists.items():
            self.ui_state.setValue(f"columns/{key}", view.header_state())
        self.ui_state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        for form in list(self.forms):
            if not form.close():
                event.ignore()
                return
        self.save_state()
        if self.library is not None:
            self._unsubscribe()
        if self.idle_lock is not None:
            self.idle_lock.stop()
        super().closeEvent(event)
