"""The delegation form, with its approval procedure: passports checked per member, actions by status.

The status is not edited as a field once the delegation exists: the buttons of the "Approval
procedure" page move it (Submit, Approve, Reject, Return to draft, Cancel, Complete), each through
the service's workflow. Unsaved edits are saved first. The passport of every traveller of an
outgoing delegation is checked and shown per member; when one fails, a warning says so before
submission, and approval is refused until it is resolved or a reason to override it is written
in "Reason for passport override".
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.i18n import N_, _
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.models.enums import DelegationStatus
from dnqp_desktop.core.services.delegation_workflow import allowed_actions
from dnqp_desktop.core.services.passport_check import PassportFinding
from dnqp_desktop.core.services.policy import Actor, Permission
from dnqp_desktop.ui.conflict_text import conflict_lines
from dnqp_desktop.ui.due_text import finding_text
from dnqp_desktop.ui.forms.record_form import RecordForm
from dnqp_desktop.ui.forms.specs import DELEGATION_FORM

ACTION_LABELS = {
    "submit": N_("Submit for approval"),
    "approve": N_("Approve"),
    "reject": N_("Reject"),
    "return_to_draft": N_("Return to draft"),
    "cancel": N_("Cancel the delegation"),
    "complete": N_("Mark completed"),
}
#: The decision on a delegation is the approver's; the other steps are the clerk's (the core refuses
#: anyone else, the form only spares them the button).
ACTION_RIGHTS = {"approve": Permission.APPROVE, "reject": Permission.APPROVE}
PROBLEM = QColor("#c62828")


class DelegationForm(RecordForm):
    def __init__(self, library: Library, actor: Actor, record_id: str | None = None, parent: QWidget | None = None):
        self.findings: list[PassportFinding] = []
        super().__init__(library, DELEGATION_FORM, actor, record_id, parent)
        self.workflow = QWidget(self)
        self.workflow.setObjectName("workflowPage")
        layout = QVBoxLayout(self.workflow)
        self.status_label = QLabel(self.workflow)
        self.status_label.setObjectName("workflowStatus")
        font = self.status_label.font()
        font.setBold(True)
        self.status_label.setFont(font)
        self.passport_warning = QLabel(self.workflow)
        self.passport_warning.setObjectName("passportWarning")
        self.passport_warning.setWordWrap(True)
        self.passport_warning.setStyleSheet("color: #c62828; font-weight: bold;")
        self.passport_table = QTreeWidget(self.workflow)
        self.passport_table.setObjectName("passportFindings")
        self.passport_table.setHeaderLabels([_("Traveller"), _("Passport")])
        self.passport_table.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.passport_table.setRootIsDecorated(False)
        self.hint = QLabel(
            _(
                "Approving needs the decision number, its date and the approver (page “Approval”). Rejecting and "
                "cancelling need the reason."
            ),
            self.workflow,
        )
        self.hint.setWordWrap(True)
        self.action_buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for action, label in ACTION_LABELS.items():
            button = QPushButton(_(label), self.workflow)
            button.setObjectName(f"action_{action}")
            button.clicked.connect(lambda _checked=False, a=action: self.run_action(a))
            self.action_buttons[action] = button
            row.addWidget(button)
        row.addStretch(1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.passport_warning)
        layout.addWidget(self.passport_table, 1)
        self.conflicts = QLabel(self.workflow)
        self.conflicts.setObjectName("conflicts")
        self.conflicts.setWordWrap(True)
        self.conflicts.setStyleSheet("color: #c62828;")
        layout.addWidget(self.conflicts)
        layout.addWidget(self.hint)
        layout.addLayout(row)
        self.tabs.insertTab(len(self.spec.pages), self.workflow, _("Approval procedure"))  # page indices kept
        self.refresh_workflow()

    # --- the panel --------------------------------------------------------------------------------

    def refresh_workflow(self) -> None:
        status = DelegationStatus.DRAFT.value
        self.findings = []
        if self.record_id is not None:
            record = self.service.get(self.record_id)
            status = record.status
            self.findings = self.service.check_passports(self.record_id)
            self.editors["status"].set_read_only(True)
        self.status_label.setText(_("Status: {status}").format(status=_(DelegationStatus(status).label)))
        allowed = set(allowed_actions(status)) if self.record_id is not None else {"submit"}
        allowed = {a for a in allowed if self.actor.can(ACTION_RIGHTS.get(a, Permission.EDIT_RECORDS))}
        for action, button in self.action_buttons.items():
            button.setVisible(action in allowed)
        self.hint.setVisible(bool(allowed))
        self.passport_table.clear()
        months = self.service.passport_margin_months
        for finding in self.findings:
            item = QTreeWidgetItem([finding.person_name, finding_text(finding, months)])
            if not finding.ok:
                for column in range(2):
                    item.setForeground(column, QBrush(PROBLEM))
            self.passport_table.addTopLevelItem(item)
        clashes = conflict_lines(self.library, "delegation", self.record_id)
        self.conflicts.setText("\n".join(clashes))
        self.conflicts.setVisible(bool(clashes))
        problems = [finding for finding in self.findings if not finding.ok]
        self.passport_warning.setVisible(bool(problems))
        self.passport_warning.setText(
            _(
                "Passport check: {count} traveller(s) cannot travel on the passport recorded ({names}). Approval "
                "will be refused until this is resolved or a reason to override it is given."
            ).format(count=len(problems), names=", ".join(f.person_name for f in problems))
            if problems
            else ""
        )

    def _store(self) -> bool:
        """Save unsaved edits without closing the form (before an action)."""
        return (self.record_id is not None and not self.is_dirty()) or self.store()

    def run_action(self, action: str) -> bool:
        if not self._store():
            return False
        value = self.editors
        arguments: dict[str, Any] = {}
        if action == "approve":
            arguments = {
                "decision_number": value["decision_number"].value(),
                "decision_date": value["decision_date"].value(),
                "approver_person_id": value["approver_person_id"].value(),
                "override_reason": value["passport_override_reason"].value(),
            }
        elif action in ("reject", "cancel"):
            arguments = {"reason": value["status_reason"].value()}
        elif action == "return_to_draft":
            arguments = {"reason": value["status_reason"].value()}
        elif action == "complete":
            arguments = {"report": value["report"].value()}
        try:
            getattr(self.service, action)(self.record_id, actor=self.actor, **arguments)
        except DomainError as error:
            self.show_errors(error.errors)
            self.refresh_workflow()
            return False
        self.clear_errors()
        self._load()
        self._pristine = self.collect()
        self.refresh_workflow()
        self.tabs.setCurrentWidget(self.workflow)
        return True
