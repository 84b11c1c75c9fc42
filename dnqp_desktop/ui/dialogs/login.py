"""Log-in at start, and the first administrator account on a database that has none.

The dialogs only collect what is typed: checking the password, the delay after wrong ones and
the rules for a new account are the core's (``core/services/login.py``, ``accounts.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from dnqp_desktop.core.i18n import _
from dnqp_desktop.ui.dialogs.credentials import CredentialsDialog

if TYPE_CHECKING:
    from dnqp_desktop.core.library import Library
    from dnqp_desktop.core.services.policy import Actor


class LoginDialog(CredentialsDialog):
    def __init__(self, library: Library, parent: QWidget | None = None, *, username: str = "") -> None:
        super().__init__(_("Log in to DNQP Desktop"), "", parent)
        self.setObjectName("loginDialog")
        self.library = library
        self.actor: Actor | None = None
        self.username = self.add_input("username")
        self.password = self.add_input("password", secret=True)
        self.username.setText(username)
        (self.password if username else self.username).setFocus()
        self.buttons.button(self.buttons.StandardButton.Ok).setText(_("Log in"))
        self.buttons.button(self.buttons.StandardButton.Cancel).setText(_("Quit"))

    def act(self) -> None:
        self.actor = self.library.login(self.username.text(), self.password.text())


class FirstAdminDialog(CredentialsDialog):
    """First start: the person setting up the workstation becomes its administrator."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(
            _("Create the administrator account"),
            _(
                "This database has no accounts yet. Create the administrator account: it manages the other "
                "accounts, the settings and restoring backups. Keep its password safe."
            ),
            parent,
        )
        self.setObjectName("firstAdminDialog")
        self.library = library
        self.actor: Actor | None = None
        self.add_input("username").setText("admin")
        self.add_input("full_name")
        self.add_input("password", secret=True)
        self.add_input("password_repeat", secret=True)
        self.inputs["full_name"].setFocus()

    def act(self) -> None:
        data = {"username": self.text("username"), "full_name": self.text("full_name")}
        self.actor = self.library.users.create_first_admin(data, self.text("password"), self.text("password_repeat"))


class ChangePasswordDialog(CredentialsDialog):
    """Anyone logged in changes their own password (the current one is asked first)."""

    def __init__(self, library: Library, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(_("Change my password"), "", parent)
        self.setObjectName("changePasswordDialog")
        self.library, self.actor = library, actor
        self.add_input("old_password", secret=True)
        self.add_input("password", secret=True, label=_("New password"))
        self.add_input("password_repeat", secret=True)

    def act(self) -> None:
        self.library.users.change_own_password(
            self.actor, self.text("old_password"), self.text("password"), self.text("password_repeat")
        )
