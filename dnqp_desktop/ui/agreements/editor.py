"""The agreement editor: general fields, parties and signatories, the bilingual text, versions.

It behaves like the other record forms (``saved`` signal, nothing saved until the service accepts
the whole agreement, each refusal shown next to its part, closing with changes asks) but stays
open after saving: a document is written over many saves. A new agreement starts from its kind's
template (the usual parts and the closing article); until the clerk changes the text, choosing
another kind starts again from that kind's template, and the closing article follows the place,
date and number of originals typed. The final, signed and version actions are in ``lifecycle``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.i18n import _
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.listing import choices
from dnqp_desktop.core.models.enums import AgreementStatus
from dnqp_desktop.core.services.policy import Actor
from dnqp_desktop.documents.templates import ClosingFacts, template_for
from dnqp_desktop.ui.agreements.general import GeneralPage
from dnqp_desktop.ui.agreements.lifecycle import LifecycleActions
from dnqp_desktop.ui.agreements.parts import PartsEditor
from dnqp_desktop.ui.agreements.people import PartiesTable, SignatoriesTable
from dnqp_desktop.ui.agreements.texts import bold
from dnqp_desktop.ui.dialogs import ask
from dnqp_desktop.ui.forms.attachments import AttachmentsPanel
from dnqp_desktop.ui.forms.history import HistoryPanel
from dnqp_desktop.ui.workers import JobRunner

DEFAULT_KIND = "annual_cooperation"


class AgreementEditor(LifecycleActions, QDialog):
    #: kind, record id, the record as it was before this save (None when created)
    saved = Signal(str, str, object)

    def __init__(
        self,
        library: Library,
        actor: Actor,
        record_id: str | None = None,
        parent: QWidget | None = None,
        *,
        runner: JobRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.library, self.actor, self.record_id = library, actor, record_id
        self.runner = runner or JobRunner(self)
        self.record: Any = None
        self.status = AgreementStatus.DRAFT.value
        self.read_only = False
        self._choice_cache: dict[str, list[tuple[str, str]]] = {}
        self._template: dict[str, Any] | None = None  # the parts as the template gave them
        self._closing: tuple[str, str] | None = None  # the closing article as last generated
        self._template_kind = DEFAULT_KIND
        #: Lao, or Khmer once a Cambodian unit is a party; the *_lo columns hold either.
        self._partner_language = "lo"
        self._template_language = "lo"
        self.setObjectName("form_agreement")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.resize(1180, 820)

        self.banner = QLabel(self)
        self.banner.setObjectName("formErrors")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("color: #c62828; font-weight: bold;")
        self.banner.hide()
        self.status_label = QLabel(self)
        self.status_label.setObjectName("agreementStatus")
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.setWordWrap(True)
        self.notice = QLabel(self)
        self.notice.setObjectName("agreementNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("background: #fff3cd; padding: 6px;")
        self.notice.hide()

        self.general = GeneralPage(self._choices, self)
        self.parties = PartiesTable(library, self._choices, self)
        self.signatories = SignatoriesTable(library, self._choices, self.general.signing_day, self)
        self.parts = PartsEditor(self)
        people = QWidget(self)
        people_layout = QVBoxLayout(people)
        people_layout.addWidget(QLabel(bold(_("Parties")), people))
        people_layout.addWidget(self.parties.widget, 1)
        people_layout.addWidget(QLabel(bold(_("Signatories")), people))
        people_layout.addWidget(self.signatories.widget, 1)
        self.attachments = AttachmentsPanel(library, actor, "agreement", record_id, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.general, _("Details"))
        self.tabs.addTab(people, _("Parties and signatories"))
        self.tabs.addTab(self.parts, _("Text"))
        self.tabs.addTab(self._build_versions_page(), _("Versions and files"))
        self.changes_panel = HistoryPanel(library, actor, "agreement", record_id or "", self)
        self.tabs.addTab(self.changes_panel, _("History"))

        self.progress = QProgressBar(self)
        self.progress.hide()
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for name, text, slot in (
            ("preview", _("Preview…"), self.preview),
            ("mark_final", _("Mark final"), self.mark_final),
            ("mark_signed", _("Mark signed…"), self.mark_signed),
            ("new_version", _("New version"), self.new_version),
        ):
            bar.addWidget(self._button(name, text, slot))
        bar.addWidget(self.progress, 1)
        bar.addStretch(0)
        bar.addWidget(self._button("save", _("Save"), self.save))
        bar.addWidget(self._button("close", _("Close"), self.close))
        self.buttons["save"].setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.notice)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bar)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)

        self.general.editors["kind"].changed.connect(self._kind_changed)
        self.general.template_button.clicked.connect(self.apply_template_asking)
        for name in ("place_vi", "place_lo", "signed_on", "originals_count"):
            self.general.editors[name].changed.connect(self._closing_facts_changed)
        self.general.editors["signed_on"].changed.connect(self.signatories.refill)
        self.parties.changed.connect(self._parties_changed)
        self.load(record_id)

    def _button(self, name: str, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        self.buttons[name] = button
        return button

    def _choices(self, kind: str) -> list[tuple[str, str]]:
        if kind not in self._choice_cache:
            self._choice_cache[kind] = choices(self.library, kind)
        return self._choice_cache[kind]

    # --- loading ----------------------------------------------------------------------------------

    def load(self, record_id: str | None) -> None:
        """Show a stored agreement, or a new one started from the default kind's template."""
        self.record_id = record_id
        self._choice_cache.clear()
        if record_id is None:
            self.record, self.status = None, AgreementStatus.DRAFT.value
            self.general.set_value({"kind": DEFAULT_KIND, "originals_count": 2})
            self.parties.set_value([])
            self.signatories.set_value([])
            self._show_partner_language()
            self.apply_template()
        else:
            self.record = record = self.library.agreements.get(record_id)
            self.status = record.status
            snapshot = {name: getattr(record, name) for name in self.general.editors}
            self.general.set_value(snapshot)
            self.parties.set_value([{"id": p.id, "unit_id": p.unit_id} for p in record.parties])
            names = ("person_id", "unit_id", "rank", "position_vi", "position_lo")
            self.signatories.set_value([{"id": s.id, **{n: getattr(s, n) for n in names}} for s in record.signatories])
            self.parts.set_kind(record.kind)
            self._show_partner_language()
            self.parts.set_value(self.library.agreements.snapshot(record))
            self._template = self._closing = None
        title = (self.record.title_vi or self.record.title_lo) if self.record is not None else ""
        self.setWindowTitle(_("Agreement: {title}").format(title=title) if title else _("New agreement"))
        self.attachments.record_id = record_id
        self.attachments.refresh()
        self.attachments.table.resizeColumnToContents(0)  # "05-QC-…-final-1a2b3c4d.pdf" in full
        self.refresh_lifecycle()
        self._pristine = self.collect()

    def collect(self) -> dict[str, Any]:
        return {
            **self.general.value(),
            **self.parts.value(),
            "parties": self.parties.value(),
            "signatories": self.signatories.value(),
        }

    def is_dirty(self) -> bool:
        return self.collect() != self._pristine

    # --- templates --------------------------------------------------------------------------------

    def _facts(self) -> ClosingFacts:
        values = self.general.value()
        try:
            count = int(str(values.get("originals_count") or 2))
        except ValueError:
            count = 2
        return ClosingFacts(
            place_vi=(values.get("place_vi") or "").strip() or "…",
            place_partner=(values.get("place_lo") or "").strip() or "…",
            signed_on=self.general.signing_day(),
            originals_count=max(1, min(20, count)),
            partner_language=self._partner_language,
        )

    def apply_template(self) -> None:
        """Replace the text with the chosen kind's usual parts, ending with the closing article."""
        kind = self.general.value().get("kind") or DEFAULT_KIND
        template = template_for(kind)
        drafts = template.prefill(self._facts())
        chapters = [{"title_vi": c.title_vi, "title_lo": c.title_partner} for c in drafts.chapters]
        articles = [
            {
                "chapter_position": a.chapter,
                "title_vi": a.title_vi,
                "title_lo": a.title_partner,
                "body_vi": a.body_vi,
                "body_lo": a.body_partner,
            }
            for a in drafts.articles
        ]
        title = self.general.value()
        previous = template_for(self._template_kind) if self._template is not None else None
        for language, before, field in (
            ("vi", "vi", "title_vi"),
            (self._partner_language, self._template_language, "title_lo"),
        ):
            current = (title.get(field) or "").strip()
            if not current or (previous is not None and current == previous.name(before)):
                self.general.editors[field].set_value(template.name(language))
        self._template_language = self._partner_language
        self.parts.set_kind(kind)
        self.parts.set_value({"preamble_vi": "", "preamble_lo": "", "chapters": chapters, "articles": articles})
        self._template, self._template_kind = self.parts.value(), kind
        closing = drafts.articles[-1]
        self._closing = (closing.body_vi, closing.body_partner)

    def apply_template_asking(self) -> None:
        if self._template is None or self.parts.value() != self._template:
            box = QMessageBox(QMessageBox.Icon.Question, _("Start from the template"), "", parent=self)
            box.setText(_("The text of the agreement will be replaced by the template of its kind. Continue?"))
            replace = box.addButton(_("Replace the text"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() is not replace:
                return
        self.apply_template()

    def partner_language(self) -> str:
        """ "km" once a Cambodian unit is among the parties, else "lo"."""
        for row in self.parties.value():
            unit_id = row.get("unit_id")
            unit = self.library.units.get(unit_id, include_deleted=True) if unit_id else None
            if unit is not None and unit.country == "KH":
                return "km"
        return "lo"

    def _show_partner_language(self) -> None:
        self._partner_language = language = self.partner_language()
        self.parts.set_partner_language(language)
        self.parties.set_partner_language(language)
        self.signatories.set_partner_language(language)

    def _parties_changed(self) -> None:
        before = self._partner_language
        self._show_partner_language()
        if self._partner_language == before:
            return
        if self.record_id is None and self._template is not None and self.parts.value() == self._template:
            self.apply_template()  # nothing typed into the text yet: the template in the partner's language
        else:
            self._closing_facts_changed()

    def _kind_changed(self) -> None:
        kind = self.general.value().get("kind") or ""
        self.parts.set_kind(kind)
        if self.record_id is None and self._template is not None and self.parts.value() == self._template:
            self.apply_template()  # nothing typed into the text yet: start from the new kind's parts

    def _closing_facts_changed(self) -> None:
        if self._closing is None or self.read_only:
            return
        template = template_for(self.general.value().get("kind") or DEFAULT_KIND)
        closing = template.closing_article(self._facts())
        new = (closing.body_vi, closing.body_partner)
        if self.parts.replace_closing(self._closing, new):
            if self._template is not None:
                self._template = self.parts.value()
            self._closing = new

    # --- saving -----------------------------------------------------------------------------------

    def save(self) -> bool:
        if self.read_only:
            return False
        data = self.collect()
        before = None
        try:
            if self.record_id is None:
                record = self.library.agreements.create(data, actor=self.actor)
            else:
                before = self.library.agreements.snapshot(self.library.agreements.get(self.record_id))
                record = self.library.agreements.update(self.record_id, data, actor=self.actor)
        except DomainError as error:
            self.show_errors(error.errors, _("The agreement was not saved: {count} problem(s) to correct."))
            return False
        self.clear_errors()
        current = self.parts.current
        self.load(record.id)  # new rows now have ids: the next save updates them
        if current in self.parts.rows:
            self.parts.select(current)
        self.saved.emit("agreement", record.id, before)
        return True

    def show_errors(self, errors: list[DomainError], summary: str) -> None:
        self.clear_errors()
        rest = self.general.show_errors(errors)
        if rest:
            rest = self.parts.show_errors(rest)
        by_table: dict[str, list[DomainError]] = {}
        for error in errors:
            collection = error.params.get("collection")
            if collection in ("parties", "signatories") or error.field in ("parties",):
                by_table.setdefault(collection or "parties", []).append(error)
        for collection, table_errors in by_table.items():
            (self.parties if collection == "parties" else self.signatories).show_errors(table_errors)
        self.banner.setText(
            summary.format(count=len(errors)) + "\n" + "\n".join(error.message() for error in errors[:6])
        )
        self.banner.show()
        self._show_tab_of(errors[0])

    def _show_tab_of(self, error: DomainError) -> None:
        collection = error.params.get("collection")
        if collection in ("parties", "signatories") or error.field == "parties":
            self.tabs.setCurrentIndex(1)
        elif collection in ("chapters", "articles") or (error.field or "").startswith(("preamble", "articles")):
            self.tabs.setCurrentIndex(2)
        elif error.field in self.general.editors:
            self.tabs.setCurrentIndex(0)

    def clear_errors(self) -> None:
        self.banner.hide()
        self.general.clear_errors()
        self.parts.clear_errors()
        self.parties.clear_errors()
        self.signatories.clear_errors()

    # --- closing ----------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.runner.busy():
            event.ignore()  # a PDF is being made and kept: let it finish or cancel it first
            return
        if not self.read_only and self.is_dirty():
            answer = ask.ask_save(
                self, _("Unsaved changes"), _("This record has changes that are not saved. Save them?")
            )
            if answer == ask.CANCEL or (answer == ask.SAVE and not self.save()):
                event.ignore()
                return
            self._pristine = self.collect()  # discarded: closing again (with the main window) asks no more
        event.accept()
        QDialog.done(self, QDialog.DialogCode.Rejected)  # "finished": the main window forgets this editor

    def reject(self) -> None:
        self.close()  # Esc goes through the unsaved-changes question too

    def done(self, result: int) -> None:
        self.runner.cancel_all()
        self.runner.wait(10_000)
        super().done(result)
