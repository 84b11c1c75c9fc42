"""Schedule a periodic series of talks (a yearly briefing whose host alternates between the sides).

The first talk is described as in the talk form; the series repeats it every so many months, and
with "alternate the host" each following talk is hosted by the other side. The service creates
all of them or none (``TalkService.create_series``).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.i18n import _
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.listing import choices
from dnqp_desktop.core.messages import field_label
from dnqp_desktop.core.models import Talk
from dnqp_desktop.core.models.enums import TalkKind
from dnqp_desktop.core.services.policy import Actor
from dnqp_desktop.ui.dialogs import ask
from dnqp_desktop.ui.forms import specs
from dnqp_desktop.ui.forms.editors import make_editor


class TalkSeriesDialog(QDialog):
    def __init__(self, library: Library, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library, self.actor = library, actor
        self.created: list[Talk] = []
        self.setObjectName("talkSeriesDialog")
        self.setWindowTitle(_("New talk series"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        cache: dict[str, list[tuple[str, str]]] = {}

        def pick(kind: str) -> list[tuple[str, str]]:
            return cache.setdefault(kind, choices(library, kind))

        fields = (
            specs.Field("kind", specs.CHOICE, TalkKind, required=True),
            specs.Field("title_vi", required=True),
            specs.Field("timezone", specs.CHOICE),
            specs.Field("start_at", specs.DATETIME, required=True),
            specs.Field("place_vi"),
            specs.Field("host_unit_id", specs.UNIT, required=True),
        )
        self.editors = {}
        for field in fields:
            editor = make_editor(field, pick, lambda: self.editors["timezone"].value(), self)
            editor.widget.setObjectName(f"series_{field.name}")
            form.addRow(_(field_label(field.name, "talk")) + (" *" if field.required else ""), editor.widget)
            self.editors[field.name] = editor
        self.other_unit = make_editor(specs.Field("unit_id", specs.UNIT), pick, lambda: "", self)
        self.other_unit.widget.setObjectName("series_other_unit")
        form.addRow(_("Other side *"), self.other_unit.widget)
        self.occurrences = QSpinBox(self)
        self.occurrences.setRange(1, 50)
        self.occurrences.setValue(4)
        self.every = QSpinBox(self)
        self.every.setRange(1, 60)
        self.every.setValue(12)
        self.every.setSuffix(_(" months"))
        self.alternate = QCheckBox(_("Alternate the host between the two sides"), self)
        self.alternate.setChecked(True)
        form.addRow(_("Number of talks"), self.occurrences)
        form.addRow(_("Every"), self.every)
        form.addRow("", self.alternate)
        self.editors["kind"].set_value("periodic_briefing")
        self.editors["timezone"].set_value("Asia/Ho_Chi_Minh")
        self.errors = QLabel(self)
        self.errors.setObjectName("seriesErrors")
        self.errors.setWordWrap(True)
        self.errors.setStyleSheet("color: #c62828;")
        self.errors.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        ask.translate_buttons(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(self.buttons)

    def data(self) -> dict[str, object]:
        values = {name: editor.value() for name, editor in self.editors.items()}
        host, other = values.get("host_unit_id"), self.other_unit.value()
        values["units"] = [{"unit_id": unit} for unit in (host, other) if unit]
        return values

    def save(self) -> bool:
        try:
            self.created = self.library.talks.create_series(
                self.data(),
                occurrences=self.occurrences.value(),
                every_months=self.every.value(),
                alternate_host=self.alternate.isChecked(),
                actor=self.actor,
            )
        except DomainError as error:
            self.errors.setText("\n".join(e.message() for e in error.errors))
            self.errors.show()
            return False
        self.accept()
        return True
