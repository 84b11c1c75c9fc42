"""Attachments: scans, photos and files linked to any record."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from sqlmodel import Session

from dnqp_desktop.core.blobs import BlobStore
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.models import Agreement, Attachment, Delegation, Person, PlanItem, Record, Talk, Twinning, Unit
from dnqp_desktop.core.services.audit import append_audit
from dnqp_desktop.core.services.base import Change, RecordService, ServiceHost
from dnqp_desktop.core.services.policy import Actor, Permission, require
from dnqp_desktop.core.services.rules import Text

OWNER_MODELS: dict[str, type[Record]] = {
    "unit": Unit,
    "twinning": Twinning,
    "person": Person,
    "talk": Talk,
    "delegation": Delegation,
    "agreement": Agreement,
    "plan_item": PlanItem,
}


class AttachmentService(RecordService[Attachment]):
    kind = "attachment"
    model = Attachment
    fields = {"filename": Text(max_length=255, required=True), "caption": Text(max_length=500)}
    filterable = frozenset({"owner_kind", "owner_id", "sha256"})
    default_order = ("created_at",)

    def __init__(self, host: ServiceHost, blobs: BlobStore) -> None:
        super().__init__(host)
        self.blobs = blobs

    def create(self, data: object, *, actor: Actor) -> Attachment:
        raise TypeError("attachments are created with add(), which stores the file")

    def add(
        self,
        owner_kind: str,
        owner_id: str,
        source: Path,
        *,
        actor: Actor,
        filename: str | None = None,
        caption: str = "",
    ) -> Attachment:
        require(actor, Permission.EDIT_RECORDS)
        model = OWNER_MODELS.get(owner_kind)
        if model is None:
            raise ValueError(f"records of kind {owner_kind!r} take no attachments")
        name = filename or source.name
        with self._host.read() as session:
            # Validate everything before the (possibly large) copy into the store.
            owner = session.get(model, owner_id)
            if owner is None or owner.deleted_at is not None:
                raise DomainError("owner_missing", kind=self.kind)
            self._clean(session, {"filename": name, "caption": caption}, existing=None)
        sha, size = self.store_file(source)
        with self._host.write() as session:
            record = self.insert(session, owner_kind, owner_id, sha, size, actor=actor, filename=name, caption=caption)
            record_id = record.id
        self._host.announce([Change(self.kind, record_id, "created")])
        return self.get(record_id)

    def store_file(self, source: Path) -> tuple[str, int]:
        """Copy ``source`` into the content-addressed store (outside any transaction: it may be large)."""
        try:
            return self.blobs.put(source)
        except OSError as exc:
            raise DomainError("file_unreadable", path=str(source), reason=exc.strerror or str(exc)) from exc

    def insert(
        self, session: Session, owner_kind: str, owner_id: str, sha: str, size: int, *, actor: Actor, **values: str
    ) -> Attachment:
        """The attachment row of a stored file, audited, in the caller's transaction.

        For writes that attach a file as part of a larger change (marking an agreement final or
        signed), so that the record and its file are committed together or not at all.
        """
        draft = self._clean(session, values, existing=None)
        name = draft.values["filename"]
        media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        record = Attachment(
            owner_kind=owner_kind, owner_id=owner_id, sha256=sha, size=size, media_type=media_type, **draft.values
        )
        session.add(record)
        session.flush()
        snapshot = {**self.snapshot(record), "owner_kind": owner_kind, "owner_id": owner_id, "sha256": sha}
        append_audit(session, actor, "create", self.kind, record.id, {}, snapshot)
        return record

    def file_path(self, attachment: Attachment) -> Path:
        """Where the bytes are; refuses to hand out a missing or altered file."""
        if not self.blobs.verify(attachment.sha256):
            raise DomainError("attachment_blob_missing", filename=attachment.filename)
        return self.blobs.path(attachment.sha256)
