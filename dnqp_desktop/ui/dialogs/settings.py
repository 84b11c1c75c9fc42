"""Settings a clerk may change: language, and the windows and margins the checks use."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QVBoxLayout, QWidget

from dnqp_desktop.core.config import Settings
from dnqp_desktop.core.i18n import LANGUAGE_NAMES, LANGUAGES, _
from dnqp_desktop.ui.dialogs.ask import translate_buttons


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(_("Settings"))
        self.original = settings
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(self.language.findData(settings.language))
        form.addRow(_("Interface language"), self.language)
        self.numbers: dict[str, QSpinBox] = {}
        for name, label, maximum in (
            ("passport_margin_months", _("Passport validity required after return (months)"), 24),
            ("dashboard_talks_days", _("Show talks due within (days)"), 365),
            ("dashboard_agreements_days", _("Show agreements expiring within (days)"), 730),
            ("dashboard_passport_months", _("Show passports expiring within (months)"), 24),
            ("idle_lock_minutes", _("Lock the window after idle (minutes)"), 240),
        ):
            box = QSpinBox(self)
            box.setObjectName(name)
            box.setRange(1, maximum)
            box.setValue(getattr(settings, name))
            form.addRow(label, box)
            self.numbers[name] = box
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        translate_buttons(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> Settings:
        values = {name: box.value() for name, box in self.numbers.items()}
        return self.original.with_changes(language=self.language.currentData(), **values)
