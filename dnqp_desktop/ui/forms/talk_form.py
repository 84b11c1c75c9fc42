"""The talk form, with a page showing who sat there as they were that day and what was signed.

Chairs and participants are picked from people records on the "Participants" page; the extra
page shows each with their side, and their rank and post on the talk's date (not today's), and
lists the documents signed at the talk, each opening on a double click.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from dnqp_desktop.core.i18n import _, format_date
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.models.enums import AgreementStatus, Country, ParticipantRole, Rank
from dnqp_desktop.core.services.policy import Actor
from dnqp_desktop.core.talk_details import documents_of, people_at, talk_day
from dnqp_desktop.ui.conflict_text import conflict_lines
from dnqp_desktop.ui.forms.record_form import RecordForm
from dnqp_desktop.ui.forms.specs import TALK_FORM

ID_ROLE = Qt.ItemDataRole.UserRole


def _label(enum: type, code: str | None) -> str:
    try:
        return _(enum(code).label) if code else ""
    except ValueError:
        return code or ""


class TalkForm(RecordForm):
    open_requested = Signal(str, str)  # kind, record id

    def __init__(self, library: Library, actor: Actor, record_id: str | None = None, parent: QWidget | None = None):
        super().__init__(library, TALK_FORM, actor, record_id, parent)
        page = QWidget(self)
        page.setObjectName("talkPeoplePage")
        layout = QVBoxLayout(page)
        self.day_label = QLabel(page)
        self.day_label.setWordWrap(True)
        self.people = QTreeWidget(page)
        self.people.setObjectName("talkPeople")
        self.people.setRootIsDecorated(False)
        self.people.setHeaderLabels([_("Person"), _("Role"), _("Unit"), _("Country"), _("Rank"), _("Position")])
        self.people.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.documents = QTreeWidget(page)
        self.documents.setObjectName("talkDocuments")
        self.documents.setRootIsDecorated(False)
        self.documents.setHeaderLabels([_("Document"), _("Number"), _("Signing date"), _("Status")])
        self.documents.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.documents.itemDoubleClicked.connect(self._open_document)
        self.documents.itemActivated.connect(self._open_document)
        self.conflicts = QLabel(page)
        self.conflicts.setObjectName("conflicts")
        self.conflicts.setWordWrap(True)
        self.conflicts.setStyleSheet("color: #c62828;")
        layout.addWidget(self.day_label)
        layout.addWidget(self.conflicts)
        layout.addWidget(self.people, 1)
        layout.addWidget(QLabel(_("Documents signed at these talks"), page))
        layout.addWidget(self.documents, 1)
        self.tabs.insertTab(len(self.spec.pages), page, _("Who took part, what was signed"))
        self.refresh_details()

    def refresh_details(self) -> None:
        self.people.clear()
        self.documents.clear()
        if self.record_id is None:
            self.day_label.setText(_("Save the talk to see its participants' ranks on its date."))
            self.conflicts.hide()
            return
        with self.library.read() as session:
            talk = self.service._load(session, self.record_id)
            day = talk_day(talk)
            people = people_at(session, talk)
            documents = documents_of(session, self.record_id)
        self.day_label.setText(_("Ranks and posts as held on {day}.").format(day=format_date(day, "short")))
        clashes = conflict_lines(self.library, "talk", self.record_id)
        self.conflicts.setText("\n".join(clashes))
        self.conflicts.setVisible(bool(clashes))
        for person in people:
            self.people.addTopLevelItem(
                QTreeWidgetItem(
                    [
                        person.name,
                        _label(ParticipantRole, person.role),
                        person.unit,
                        _label(Country, person.country),
                        _label(Rank, person.rank),
                        person.position,
                    ]
                )
            )
        for document in documents:
            item = QTreeWidgetItem(
                [
                    document.title,
                    document.number,
                    format_date(document.signed_on, "short"),
                    _label(AgreementStatus, document.status),
                ]
            )
            item.setData(0, ID_ROLE, document.agreement_id)
            self.documents.addTopLevelItem(item)

    def _open_document(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        agreement_id = item.data(0, ID_ROLE)
        if agreement_id:
            self.open_requested.emit("agreement", agreement_id)
