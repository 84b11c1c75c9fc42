"""The small form every account dialog is made of: labelled fields, one error line, OK/Cancel.

Log-in, first administrator, password change and account editing all need the same thing: a
few line edits, a place where the core's refusal is shown in the UI language, and buttons that
speak it. Keeping it here keeps those dialogs to what differs between them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.i18n import _
from dnqp_desktop.core.messages import field_label
from dnqp_desktop.ui.dialogs.ask import translate_buttons


class CredentialsDialog(QDialog):
    def __init__(self, title: str, intro: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.inputs: dict[str, QLineEdit] = {}
        layout = QVBoxLayout(self)
        if intro:
            self.intro = QLabel(intro, self)
            self.intro.setWordWrap(True)
            layout.addWidget(self.intro)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error = QLabel(self)
        self.error.setObjectName("credentialsError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        translate_buttons(self.buttons)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def add_input(self, name: str, *, secret: bool = False, label: str | None = None) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(label or _(field_label(name, "user")), edit)
        self.inputs[name] = edit
        return edit

    def text(self, name: str) -> str:
        return self.inputs[name].text()

    def show_error(self, error: DomainError) -> None:
        self.error.setText("\n".join(each.message() for each in error.errors))
        self.error.show()
        for edit in self.inputs.values():
            if edit.echoMode() == QLineEdit.EchoMode.Password:
                edit.clear()
        first = next((e.field for e in error.errors if e.field in self.inputs), None)
        (self.inputs[first] if first else next(iter(self.inputs.values()))).setFocus()

    def submit(self) -> None:
        """Try the action; on refusal the message stays in the dialog and the dialog stays open."""
        try:
            self.act()
        except DomainError as error:
            self.show_error(error)
            return
        self.accept()

    def act(self) -> None:
        raise NotImplementedError
