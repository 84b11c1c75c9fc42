"""Ctrl+Z for the last writes of this session: a delete, an edit, a creation, a restore.

Each entry undoes itself through the services, so an undo is validated, audited and announced
like any other write; nothing is rolled back behind the audit trail's back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from dnqp_desktop.core.i18n import _
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.messages import record_label
from dnqp_desktop.core.services.policy import Actor

SERVICE_OF_KIND = {
    "unit": "units",
    "person": "people",
    "twinning": "twinnings",
    "talk": "talks",
    "delegation": "delegations",
    "agreement": "agreements",
    "plan_item": "plan_items",
}


@dataclass(frozen=True)
class UndoEntry:
    text: str
    undo: Callable[[], Any]


#: What a delegation's approval procedure sets; an undo of an ordinary edit leaves them as they are.
WORKFLOW_FIELDS = (
    "status",
    "status_reason",
    "decision_number",
    "decision_date",
    "approver_person_id",
    "passport_override_reason",
)


class UndoStack(QObject):
    changed = Signal()
    LIMIT = 50

    def __init__(self, library: Library, actor: Actor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.actor = actor
        self._entries: list[UndoEntry] = []

    def _service(self, kind: str) -> Any:
        return getattr(self.library, SERVICE_OF_KIND[kind])

    def _push(self, entry: UndoEntry) -> None:
        self._entries = [*self._entries[-(self.LIMIT - 1) :], entry]
        self.changed.emit()

    def deleted(self, kind: str, record_id: str) -> None:
        text = _("Undo moving the {record} to the trash").format(record=_(record_label(kind)))
        self._push(UndoEntry(text, lambda: self._service(kind).restore(record_id, actor=self.actor)))

    def restored(self, kind: str, record_id: str) -> None:
        text = _("Undo restoring the {record}").format(record=_(record_label(kind)))
        self._push(UndoEntry(text, lambda: self._service(kind).delete(record_id, actor=self.actor)))

    def created(self, kind: str, record_id: str) -> None:
        text = _("Undo creating the {record}").format(record=_(record_label(kind)))
        self._push(UndoEntry(text, lambda: self._service(kind).delete(record_id, actor=self.actor)))

    def edited(self, kind: str, record_id: str, before: dict[str, Any]) -> None:
        text = _("Undo editing the {record}").format(record=_(record_label(kind)))
        self._push(UndoEntry(text, lambda: self._revert(kind, record_id, before)))

    def _revert(self, kind: str, record_id: str, before: dict[str, Any]) -> Any:
        service = self._service(kind)
        current = service.snapshot(service.get(record_id))
        data = dict(before)
        for name in service.children:
            live = {row["id"] for row in current.get(name, [])}
            # A row removed by the edit comes back as a new row with the same content.
            data[name] = [
                row if row["id"] in live else {k: v for k, v in row.items() if k != "id"} for row in before[name]
            ]
        if kind == "delegation" and current.get("status") != before.get("status"):
            # The workflow moved on since the edit (submitted, approved…): undoing the edit keeps that.
            for name in WORKFLOW_FIELDS:
                data[name] = current.get(name)
        return service.update(record_id, data, actor=self.actor)

    def clear(self) -> None:
        self._entries.clear()
        self.changed.emit()

    def can_undo(self) -> bool:
        return bool(self._entries)

    def text(self) -> str:
        return self._entries[-1].text if self._entries else _("Undo")

    def undo(self) -> Any:
        """Undo the newest entry; a refusal (DomainError) leaves it on the stack."""
        if not self._entries:
            return None
        result = self._entries[-1].undo()
        self._entries.pop()
        self.changed.emit()
        return result
