"""The main window as the UI tests open and close it.

Not ``qtbot.addWidget``: its teardown would close forms left dirty by a test, and a dirty form
asks before it closes. Forms are dismissed first, and a pending idle-lock prompt is answered.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QDialog

from dnqp_desktop.core.library import Library
from dnqp_desktop.core.services.policy import SYSTEM, Actor
from dnqp_desktop.ui.main_window import MainWindow


@contextmanager
def shown_window(library: Library, actor: Actor = SYSTEM) -> Iterator[MainWindow]:
    window = MainWindow(library, actor)
    window.show()
    try:
        yield window
    finally:
        close_window(window)


def close_window(window: MainWindow) -> None:
    for form in list(window.forms):
        form.done(QDialog.DialogCode.Rejected)
    if window.idle_lock is not None and window.idle_lock.dialog is not None:
        window.idle_lock.dialog.done(QDialog.DialogCode.Accepted)
    window.close()
    window.deleteLater()
