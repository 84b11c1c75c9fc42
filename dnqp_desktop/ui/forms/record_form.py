"""One dialog for every kind of record, built from its FormSpec.

Nothing is saved until the service accepts the whole record; when it refuses, each message
appears next to its field (or under its table row) in the UI language and the form stays open.
Closing with unsaved changes asks first.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.i18n import _
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.listing import choices
from dnqp_desktop.core.messages import record_label
from dnqp_desktop.core.services.policy import Actor
from dnqp_desktop.ui.dialogs import ask
from dnqp_desktop.ui.forms import specs
from dnqp_desktop.ui.forms.attachments import AttachmentsPanel
from dnqp_desktop.ui.forms.child_table import ERROR_STYLE, ChildTable
from dnqp_desktop.ui.forms.editors import make_editor
from dnqp_desktop.ui.forms.field_row import field_row
from dnqp_desktop.ui.forms.fields import FieldEditor
from dnqp_desktop.ui.forms.history import HistoryPanel


class RecordForm(QDialog):
    #: kind, record id, the record as it was before this save (None when created)
    saved = Signal(str, str, object)

    def __init__(
        self,
        library: Library,
        spec: specs.FormSpec,
        actor: Actor,
        record_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.library, self.spec, self.actor, self.record_id = library, spec, actor, record_id
        self.service = getattr(library, spec.service)
        self.setObjectName(f"form_{spec.kind}")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.resize(760, 620)
        self._choice_cache: dict[str, list[tuple[str, str]]] = {}
        self.editors: dict[str, FieldEditor] = {}
        self.error_labels: dict[str, QLabel] = {}
        self.tables: dict[str, ChildTable] = {}

        layout = QVBoxLayout(self)
        self.banner = QLabel(self)
        self.banner.setObjectName("formErrors")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("color: #c62828; font-weight: bold;")
        self.banner.hide()
        layout.addWidget(self.banner)
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)
        for page in spec.pages:
            self.tabs.addTab(self._build_page(page), _(page.title))
        self.attachments: AttachmentsPanel | None = None
        if spec.attachments:
            self.attachments = AttachmentsPanel(library, actor, spec.kind, record_id, self)
            self.tabs.addTab(self.attachments, _("Attachments"))
        self.history: HistoryPanel | None = None
        if record_id is not None:
            self.history = HistoryPanel(library, actor, spec.kind, record_id, self)
            self.tabs.addTab(self.history, _("History"))

        #: Whether the acting user may change this kind of record; if not, the form only shows it.
        self.editable = actor.can(self.service.permission("update" if record_id else "create"))
        buttons = QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        self.buttons = QDialogButtonBox(buttons if self.editable else QDialogButtonBox.StandardButton.Close)
        ask.translate_buttons(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.close)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)

        self._load()
        if not self.editable:
            self._make_read_only()
        self._pristine = self.collect()

    def _make_read_only(self) -> None:
        for editor in self.editors.values():
            editor.set_read_only(True)
        for table in self.tables.values():
            table.set_read_only(True)
        if self.attachments is not None:
            self.attachments.setEnabled(False)

    # --- building --------------------------------------------------------------------------

    def _choices(self, kind: str) -> list[tuple[str, str]]:
        if kind not in self._choice_cache:
            self._choice_cache[kind] = choices(self.library, kind)
        return self._choice_cache[kind]

    def _zone(self) -> str:
        editor = self.editors.get(self.spec.zone_field or "")
        return editor.value() if editor is not None else "Asia/Ho_Chi_Minh"

    def _build_page(self, page: specs.Page) -> QWidget:
        if page.table is not None:
            table = ChildTable(page.table, self._choices, self._zone, self)
            self.tables[page.table.collection] = table
            return table.widget
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        body = QWidget(scroll)
        form = QFormLayout(body)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for field in page.fields:
            editor = make_editor(field, self._choices, self._zone, body)
            row = field_row(field, self.spec.kind, editor, body)
            form.addRow(row.label, row.holder)
            self.editors[field.name] = editor
            self.error_labels[field.name] = row.error
        scroll.setWidget(body)
        return scroll

    # --- values ----------------------------------------------------------------------------

    def _load(self) -> None:
        if self.record_id is None:
            self.setWindowTitle(_(self.spec.new_title))
            for name, value in self.spec.defaults.items():
                if name in self.editors:
                    self.editors[name].set_value(value)
            return
        record = self.service.get_for(self.record_id, actor=self.actor)  # passport numbers masked for viewers
        snapshot = self.service.snapshot(record)
        for name, editor in self.editors.items():
            if name != self.spec.zone_field:
                continue
            editor.set_value(snapshot.get(name))  # zone first: the times are shown in it
        for name, editor in self.editors.items():
            editor.set_value(getattr(record, name))
        for collection, table in self.tables.items():
            names = [column.name for column in table.spec.columns]
            rows = [{"id": row.id, **{n: getattr(row, n) for n in names}} for row in getattr(record, collection)]
            table.set_value(rows)
        self._retitle(record)

    def _retitle(self, record: Any) -> None:
        name = getattr(record, self.spec.title_field, "") if self.spec.title_field else ""
        kind = _(record_label(self.spec.kind)).capitalize()
        self.setWindowTitle(f"{kind}: {name}" if name else kind)

    def collect(self) -> dict[str, Any]:
        data: dict[str, Any] = {name: editor.value() for name, editor in self.editors.items()}
        for collection, table in self.tables.items():
            data[collection] = table.value()
        return data

    def is_dirty(self) -> bool:
        return self.collect() != self._pristine

    # --- saving ----------------------------------------------------------------------------

    def save(self) -> bool:
        if not self.store():
            return False
        self.accept()
        return True

    def store(self) -> bool:
        """Write the form's values and stay open (a workflow step saves the edits first)."""
        data = self.collect()
        before = None
        try:
            if self.record_id is None:
                record = self.service.create(data, actor=self.actor)
            else:
                before = self.service.snapshot(self.service.get(self.record_id))
                record = self.service.update(self.record_id, data, actor=self.actor)
        except DomainError as error:
            self.show_errors(error.errors)
            return False
        self.clear_errors()
        self.record_id = record.id
        self._pristine = self.collect()
        self.saved.emit(self.spec.kind, record.id, before)
        return True

    def show_errors(self, errors: list[DomainError]) -> None:
        self.clear_errors()
        by_table: dict[str, list[DomainError]] = {}
        for error in errors:
            collection = error.params.get("collection")
            if collection in self.tables:
                by_table.setdefault(collection, []).append(error)
            elif error.field in self.error_labels and error.kind == self.spec.kind:
                label = self.error_labels[error.field]
                label.setText(error.message())
                label.show()
                self.editors[error.field].widget.setStyleSheet(ERROR_STYLE)
        for collection, table_errors in by_table.items():
            self.tables[collection].show_errors(table_errors)
        count = len(errors)
        self.banner.setText(
            _("The record was not saved: {count} problem(s) to correct.").format(count=count)
            + "\n"
            + "\n".join(error.message() for error in errors[:5])
        )
        self.banner.show()
        self._show_first_error(errors[0])

    def _show_first_error(self, error: DomainError) -> None:
        collection = error.params.get("collection")
        for index, page in enumerate(self.spec.pages):
            names = [field.name for field in page.fields]
            if (page.table and page.table.collection == collection) or (not collection and error.field in names):
                self.tabs.setCurrentIndex(index)
                if error.field in self.editors and not collection:
                    self.editors[error.field].widget.setFocus()
                return

    def clear_errors(self) -> None:
        self.banner.hide()
        for name, label in self.error_labels.items():
            label.hide()
            self.editors[name].widget.setStyleSheet("")
        for table in self.tables.values():
            table.clear_errors()

    # --- closing ---------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.result() == QDialog.DialogCode.Accepted or not self.is_dirty():
            event.accept()
            return
        answer = ask.ask_save(self, _("Unsaved changes"), _("This record has changes that are not saved. Save them?"))
        if answer == ask.CANCEL or (answer == ask.SAVE and not self.save()):
            event.ignore()
            return
        event.accept()

    def reject(self) -> None:
        self.close()  # Esc and Cancel go through the unsaved-changes question too
