"""The administrator's accounts window: add accounts, change roles, disable, reset passwords.

Every button calls a UserService function with the acting administrator; a refusal (the last
administrator, a taken user name, a short password) comes back from the core and is shown here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.i18n import _, format_datetime
from dnqp_desktop.core.messages import field_label
from dnqp_desktop.core.models.enums import Role
from dnqp_desktop.ui.dialogs import ask
from dnqp_desktop.ui.dialogs.credentials import CredentialsDialog
from dnqp_desktop.ui.formatting import LOCAL_ZONE

if TYPE_CHECKING:
    from dnqp_desktop.core.library import Library
    from dnqp_desktop.core.models import UserAccount
    from dnqp_desktop.core.services.policy import Actor


class AccountDialog(CredentialsDialog):
    """A new account (with its first password), or the name and role of an existing one."""

    def __init__(self, library: Library, actor: Actor, account: UserAccount | None, parent: QWidget) -> None:
        super().__init__(_("New account") if account is None else _("Edit account"), "", parent)
        self.setObjectName("accountDialog")
        self.library, self.actor, self.account = library, actor, account
        self.add_input("username").setText(account.username if account else "")
        self.add_input("full_name").setText(account.full_name if account else "")
        self.role = QComboBox(self)
        self.role.setObjectName("role")
        for role in Role:
            self.role.addItem(_(role.label), role.value)
        self.role.setCurrentIndex(self.role.findData(account.role if account else Role.CLERK.value))
        self.form.addRow(_(field_label("role", "user")), self.role)
        if account is None:
            self.add_input("password", secret=True)
            self.add_input("password_repeat", secret=True)

    def act(self) -> None:
        data = {"username": self.text("username"), "full_name": self.text("full_name"), "role": self.role.currentData()}
        if self.account is None:
            self.library.users.create(
                data, actor=self.actor, password=self.text("password"), repeat=self.text("password_repeat")
            )
        else:
            self.library.users.update(self.account.id, data, actor=self.actor)


class ResetPasswordDialog(CredentialsDialog):
    def __init__(self, library: Library, actor: Actor, account: UserAccount, parent: QWidget) -> None:
        super().__init__(_("New password for {username}").format(username=account.username), "", parent)
        self.setObjectName("resetPasswordDialog")
        self.library, self.actor, self.account = library, actor, account
        self.add_input("password", secret=True, label=_("New password"))
        self.add_input("password_repeat", secret=True)

    def act(self) -> None:
        self.library.users.reset_password(
            self.account.id, self.text("password"), self.text("password_repeat"), actor=self.actor
        )


class AccountsDialog(QDialog):
    COLUMNS = ("username", "full_name", "role", "is_active", "last_login_at")

    def __init__(self, library: Library, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountsDialog")
        self.setWindowTitle(_("Accounts"))
        self.resize(820, 460)
        self.library, self.actor = library, actor
        self.accounts: list[UserAccount] = []
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setObjectName("accountsTable")
        headers = [_(field_label(name, "user")) for name in self.COLUMNS[:-1]] + [_("Last log-in")]
        self.table.setHorizontalHeaderLabels(headers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.doubleClicked.connect(self.edit_current)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.new_button = self._button(_("New account…"), self.new_account, "newAccount", row)
        self.edit_button = self._button(_("Edit…"), self.edit_current, "editAccount", row)
        self.active_button = self._button(_("Disable"), self.toggle_active, "toggleAccount", row)
        self.reset_button = self._button(_("Reset password…"), self.reset_password, "resetPassword", row)
        row.addStretch(1)
        layout.addLayout(row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        ask.translate_buttons(close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.refresh()

    def _button(self, text: str, slot: object, name: str, row: QHBoxLayout) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    def refresh(self) -> None:
        selected = self.current()
        self.accounts = self.library.users.list()
        self.table.setRowCount(len(self.accounts))
        for index, account in enumerate(self.accounts):
            values = [
                account.username,
                account.full_name,
                _(Role(account.role).label),
                _("Yes") if account.is_active else _("No (disabled)"),
                format_datetime(account.last_login_at, LOCAL_ZONE) if account.last_login_at else "",
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if not account.is_active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(index, column, item)
        if selected is not None:
            for index, account in enumerate(self.accounts):
                if account.id == selected.id:
                    self.table.selectRow(index)
        self._update_buttons()

    def current(self) -> UserAccount | None:
        row = self.table.currentRow()
        return self.accounts[row] if 0 <= row < len(self.accounts) and self.table.selectedItems() else None

    def _update_buttons(self) -> None:
        account = self.current()
        for button in (self.edit_button, self.active_button, self.reset_button):
            button.setEnabled(account is not None)
        self.active_button.setText(_("Enable") if account is not None and not account.is_active else _("Disable"))

    def new_account(self) -> AccountDialog:
        return self._open(AccountDialog(self.library, self.actor, None, self))

    def edit_current(self) -> AccountDialog | None:
        account = self.current()
        return self._open(AccountDialog(self.library, self.actor, account, self)) if account else None

    def reset_password(self) -> ResetPasswordDialog | None:
        account = self.current()
        return self._open(ResetPasswordDialog(self.library, self.actor, account, self)) if account else None

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.accepted.connect(self.refresh)
        dialog.open()
        return dialog

    def toggle_active(self) -> None:
        account = self.current()
        if account is None:
            return
        try:
            self.library.users.update(account.id, {"is_active": not account.is_active}, actor=self.actor)
        except DomainError as error:
            ask.warn(self, _("Not done"), error.message())
        self.refresh()
