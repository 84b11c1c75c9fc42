"""The idle lock: after some minutes without keyboard or mouse, hide every window and ask for the password.

Windows are hidden, not closed, so a half-filled form keeps what was typed and comes back as it
was. Unlocking is a log-in of the same account through the core, so wrong passwords count
towards the same growing delay as at start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from dnqp_desktop.core.i18n import _
from dnqp_desktop.ui.dialogs.credentials import CredentialsDialog

if TYPE_CHECKING:
    from dnqp_desktop.core.library import Library
    from dnqp_desktop.core.services.policy import Actor

#: What counts as the user being present.
ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class UnlockDialog(CredentialsDialog):
    def __init__(self, library: Library, actor: Actor) -> None:
        super().__init__(
            _("DNQP Desktop is locked"),
            _("The window was locked after a time without use. Enter the password of {username} to continue.").format(
                username=actor.username
            ),
            None,  # a window of its own: every other window is hidden meanwhile
        )
        self.setObjectName("unlockDialog")
        self.library, self.actor = library, actor
        self.add_input("password", secret=True)
        self.buttons.button(self.buttons.StandardButton.Ok).setText(_("Unlock"))
        # No way around it but the password; Quit ends the program (unsaved forms are lost), for
        # when the account was disabled meanwhile or someone else needs the workstation.
        quit_button = self.buttons.button(self.buttons.StandardButton.Cancel)
        quit_button.setText(_("Quit"))
        quit_button.setObjectName("quit")
        self.buttons.rejected.disconnect()
        quit_button.clicked.connect(QApplication.quit)

    def act(self) -> None:
        self.library.login(self.actor.username, self.text("password"))

    def reject(self) -> None:
        pass  # Esc does not unlock


class IdleLock(QObject):
    locked = Signal()
    unlocked = Signal()

    def __init__(self, library: Library, actor: Actor, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library, self.actor = library, actor
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.dialog: UnlockDialog | None = None
        self._hidden: list[QWidget] = []
        self.set_minutes(minutes)
        QApplication.instance().installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self.set_interval_ms(max(1, minutes) * 60_000)

    def set_interval_ms(self, milliseconds: int) -> None:
        self.timer.setInterval(milliseconds)
        if self.dialog is None:
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if self.dialog is None and event.type() in ACTIVITY:
            self.timer.start()
        return False

    def lock(self) -> None:
        if self.dialog is not None:
            return
        self.timer.stop()
        visible = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()]
        transient = (Qt.WindowType.Popup, Qt.WindowType.ToolTip)
        for popup in (w for w in visible if w.windowType() in transient):
            popup.hide()  # an open menu or tooltip is closed, not brought back
        self._hidden = [w for w in visible if w.windowType() not in transient]
        self.dialog = UnlockDialog(self.library, self.actor)
        self.dialog.accepted.connect(self._unlock)
        self.dialog.show()
        for widget in self._hidden:
            widget.hide()
        self.locked.emit()

    def _unlock(self) -> None:
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
        self.timer.start()
        self.unlocked.emit()
