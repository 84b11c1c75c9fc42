"""QApplication bootstrap: identity, translations (ours and Qt's own), and the main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from dnqp_desktop import __version__
from dnqp_desktop.core import i18n
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.resources import resources_dir

log = logging.getLogger(__name__)
_qt_translators: list[QTranslator] = []


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


def run_gui(library: Library) -> int:
    from dnqp_desktop.ui.main_window import MainWindow

    app = ensure_application()
    apply_language(app, i18n.current_language())
    window = MainWindow(library)
    window.show()
    log.info("main window shown (%s, %s)", library.database_label, i18n.current_language())
    return app.exec()
