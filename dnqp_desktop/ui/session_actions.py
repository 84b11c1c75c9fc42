"""The main window's part that depends on who is logged in: what the role shows, account windows, lock.

Kept apart from ``main_window.py`` so that the window's sections and records stay in one module
and the account-related behaviour in another; both act for ``self.actor``, set at log-in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction

from dnqp_desktop.core.i18n import _

if TYPE_CHECKING:
    from dnqp_desktop.core.library import Library
    from dnqp_desktop.core.services.policy import Actor


class SessionActions:
    """Mixed into MainWindow (before QMainWindow)."""

    actor: Actor | None
    library: Library | None
    idle_lock: Any

    def _session_actions(self) -> tuple[QAction, ...]:
        """Accounts, audit trail, change my password, lock now: made once, for the File menu."""
        action = self._action  # type: ignore[attr-defined]
        self.accounts_action = action(_("&Accounts…"), self.show_accounts, None, "accounts")
        self.audit_action = action(_("Audit &trail…"), self.show_audit, None, "audit")
        self.password_action = action(_("Change my &password…"), self.change_password, None, "password")
        self.lock_action = action(_("&Lock now"), self.lock_now, "Ctrl+L", "lock")
        return self.accounts_action, self.audit_action, self.password_action, self.lock_action

    def _can(self, permission: str) -> bool:
        from dnqp_desktop.core.services.policy import Permission

        return self.actor is not None and self.actor.can(Permission[permission])

    def _user_text(self) -> str:
        from dnqp_desktop.core.models.enums import Role

        assert self.actor is not None
        return _("Logged in: {username} ({role})").format(
            username=self.actor.username, role=_(Role(self.actor.role).label)
        )

    def _apply_role(self) -> None:
        """Hide what the role cannot do; the core refuses it anyway, this only spares the attempt."""
        edit = self._can("EDIT_RECORDS")
        for action in (self.new_action, self.delete_action, self.undo_action, self.import_action):
            action.setVisible(edit)
        self.new_action.setEnabled(edit)
        self.restore_action.setVisible(self._can("RESTORE_BACKUP"))
        self.settings_action.setVisible(self._can("MANAGE_SETTINGS"))
        self.accounts_action.setVisible(self._can("MANAGE_ACCOUNTS"))
        own_account = self.actor is not None and self.actor.user_id is not None
        self.password_action.setVisible(own_account)
        self.lock_action.setVisible(own_account)
        self.trash.restore_button.setVisible(edit)
        if not (edit and self._can("MANAGE_ACCOUNTS")):  # the demo also creates accounts
            self.dashboard.demo_button.hide()

    def show_accounts(self) -> Any:
        from dnqp_desktop.ui.dialogs.accounts import AccountsDialog

        dialog = AccountsDialog(self.library, self.actor, self)
        dialog.open()
        return dialog

    def show_audit(self) -> Any:
        from dnqp_desktop.ui.dialogs.audit_viewer import AuditViewer

        dialog = AuditViewer(self.library, self.actor, self)
        dialog.open()
        return dialog

    def change_password(self) -> Any:
        from dnqp_desktop.ui.dialogs.login import ChangePasswordDialog

        dialog = ChangePasswordDialog(self.library, self.actor, self)
        dialog.accepted.connect(lambda: self.statusBar().showMessage(_("Your password was changed."), 8000))
        dialog.open()
        return dialog

    def lock_now(self) -> None:
        if self.idle_lock is not None:
            self.idle_lock.lock()
