"""QApplication bootstrap: identity, translations (ours and Qt's own), and the main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog

from dnqp_desktop import __version__
from dnqp_desktop.core import i18n
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.i18n import _
from dnqp_desktop.core.resources import resources_dir

log = logging.getLogger(__name__)
_qt_translators: list[QTranslator] = []


def _skip_pyside_source_scan() -> None:
    """Stop PySide6 from reading the source of every module imported after it.

    PySide6 hooks ``import`` to find modules that opt into its ``__feature__`` syntax, and does so
    by ``inspect.getsource`` on each new module: with SQLAlchemy and pydantic loaded after the
    window, that is 24 MB of source lines kept in ``linecache`` and a quarter of a second (measured
    with PySide6 6.12; napari reports the same). We never use ``__feature__``, so every module can
    be marked as not using it. Guarded: if PySide6 renames its internals, nothing breaks, start-up
    is only slower.
    """
    try:
        import shibokensupport.feature as feature  # type: ignore[import-not-found]
    except ImportError:
        return
    if callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = lambda module: False


_skip_pyside_source_scan()

if TYPE_CHECKING:
    from dnqp_desktop.core.library import Library
    from dnqp_desktop.core.services.policy import Actor
    from dnqp_desktop.ui.main_window import MainWindow


def ensure_application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setApplicationName("DNQP Desktop")
    app.setOrganizationName("DNQP")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "dnqp.svg")))
    return app  # type: ignore[return-value]


def apply_language(app: QApplication, lang: str) -> None:
    """Switch our catalog and Qt's own strings (dialog buttons, context menus) to ``lang``."""
    code = i18n.setup(lang)
    QLocale.setDefault(QLocale(code))
    for translator in _qt_translators:
        app.removeTranslator(translator)
    _qt_translators.clear()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase", "qt"):
        translator = QTranslator(app)
        if translator.load(f"{name}_{code}", folder):
            app.installTranslator(translator)
            _qt_translators.append(translator)
            break


def open_main_window(library: Library, previous: MainWindow | None = None) -> MainWindow:
    """Show a complete main window in the current language (after a language change)."""
    from dnqp_desktop.ui.main_window import MainWindow

    window = MainWindow(library, previous.actor if previous is not None else None)
    _follow_language_changes(window, library)
    window.show()
    return window


def _follow_language_changes(window: MainWindow, library: Library) -> None:
    def change_language(lang: str) -> None:
        app = QApplication.instance()
        if window.close():
            apply_language(app, lang)  # type: ignore[arg-type]
            open_main_window(library, window)

    window.language_change_requested.connect(change_language)


def run_gui(data_dir: Path, *, user: str | None = None, password_file: Path | None = None) -> int:
    """Show the window at once, open the library, ask who is working, then fill the window.

    Opening means importing the database layer and checking the schema, about a second; the
    window is on screen meanwhile instead of the user wondering whether the click worked. Then the
    log-in dialog (or, on a database without accounts, the first administrator's) asks who works;
    ``user`` with ``password_file`` logs in without it, for automated runs (``dnqp gui --user``).
    """
    from dnqp_desktop.ui.main_window import MainWindow

    app = ensure_application()
    apply_language(app, i18n.current_language())
    window = MainWindow(data_folder=data_dir)
    window.show()
    log.info("main window shown (%s, %s)", data_dir, i18n.current_language())
    opened: list[Library] = []
    failed: list[DomainError] = []
    dialogs: list[QDialog] = []

    def open_library() -> None:
        from dnqp_desktop.core.library import Library

        try:
            library = Library.open(data_dir, fall_back_to_read_only=True)
        except DomainError as error:
            failed.append(error)
            print(error.message(), file=sys.stderr)
            window.fail_to_open(error.message())
            return
        opened.append(library)
        log.info("library opened (%s)", library.database_label)
        ask_who(library)

    def ask_who(library: Library) -> None:
        from dnqp_desktop.ui.dialogs.login import FirstAdminDialog, LoginDialog

        if not library.read_only and library.users.needs_first_admin():
            dialog: QDialog = FirstAdminDialog(library, window)
            log.info("first administrator account requested")
        else:
            actor = _automatic_login(library, user, password_file)
            if actor is not None:
                enter(library, actor)
                return
            dialog = LoginDialog(library, window, username=user or "")
            log.info("login requested")
        window.fail_to_open(_("Log in to continue."))
        dialog.accepted.connect(lambda: enter(library, dialog.actor))  # type: ignore[attr-defined]
        dialog.rejected.connect(window.close)
        dialogs.append(dialog)
        dialog.open()

    def enter(library: Library, actor: Actor) -> None:
        window.attach(library, actor)
        _follow_language_changes(window, library)
        log.info("library opened in the main window (%s, %s)", library.database_label, actor.username)

    QTimer.singleShot(0, open_library)
    try:
        code = app.exec()
    finally:
        for library in opened:
            library.close()
    return 1 if failed else code


def _automatic_login(library: Library, user: str | None, password_file: Path | None) -> Actor | None:
    """Log in from ``--user``/``--password-file`` (or DNQP_USER/DNQP_PASSWORD_FILE); None: ask instead."""
    if not user or password_file is None:
        return None
    try:
        password = password_file.read_text(encoding="utf-8-sig").removesuffix("\n").removesuffix("\r")
        return library.login(user, password)
    except OSError as exc:
        print(f"{password_file}: {exc.strerror or exc}", file=sys.stderr)
    except DomainError as error:
        print(error.message(), file=sys.stderr)
    return None
