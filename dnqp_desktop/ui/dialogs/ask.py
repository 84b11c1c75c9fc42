"""Message boxes whose buttons speak the UI language (Qt ships no Lao translation of its own)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget

from dnqp_desktop.core.i18n import _

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def translate_buttons(box: QDialogButtonBox) -> None:
    """Give a button box's standard buttons our translated texts."""
    texts = {
        QDialogButtonBox.StandardButton.Ok: _("OK"),
        QDialogButtonBox.StandardButton.Save: _("Save"),
        QDialogButtonBox.StandardButton.Cancel: _("Cancel"),
        QDialogButtonBox.StandardButton.Close: _("Close"),
        QDialogButtonBox.StandardButton.Yes: _("Yes"),
        QDialogButtonBox.StandardButton.No: _("No"),
    }
    for standard, text in texts.items():
        button = box.button(standard)
        if button is not None:
            button.setText(text)


def ask_save(parent: QWidget, title: str, text: str) -> str:
    """Save, discard or cancel: the question before losing unsaved changes."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    save = box.addButton(_("Save"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(_("Discard"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return SAVE if clicked is save else DISCARD if clicked is discard else CANCEL


def warn(parent: QWidget, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()
