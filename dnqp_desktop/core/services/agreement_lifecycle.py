"""What happens to an agreement after drafting: marked final, signed, superseded by a new version.

The rules live here, in the core, so that the editor, the CLI and the tests all meet the same ones:

- **Final.** ``final_problems`` lists everything that stops a text from being final: a part missing
  in one language (the two versions are of equal validity), a Lao field without a single Lao
  letter (typed with a legacy non-Unicode font), no parties on either side, no article. Marking
  final stores the PDF that was rendered (the caller renders it: the core does not print) as an
  attachment, and its SHA-256 on the agreement, in one transaction. Editing the printed content of
  a final agreement afterwards returns it to draft and forgets the hash, since the PDF no longer
  matches; the attachment stays, as history.
- **Signed.** Only a final agreement can be marked signed, with its signing date and the scanned
  signed copy (PDF or image) attached. A signed, superseded or expired agreement is read-only: the
  service refuses every update with ``agreement_read_only``.
- **New version.** A change to a signed agreement is a new draft copy that names it in
  ``supersedes_id``. The old one stays signed (it is still in force) until the new one is signed;
  then it becomes superseded. ``versions`` follows the links both ways.

Statuses final, signed and superseded are reached only through these methods (``update`` refuses
them); ``create`` still accepts any status, so that agreements signed on paper before the
application existed, imports and the demo data can be recorded as they are.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlmodel import Session

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.models import Agreement, Person, Unit
from dnqp_desktop.core.models.base import utcnow
from dnqp_desktop.core.models.enums import AgreementStatus
from dnqp_desktop.core.services.audit import append_audit
from dnqp_desktop.core.services.base import Change, ServiceHost, local_today
from dnqp_desktop.core.services.policy import Actor, Permission, require
from dnqp_desktop.core.services.rules import DateValue, Invalid, has_partner_letters

if TYPE_CHECKING:
    from dnqp_desktop.core.services.attachments import AttachmentService

DRAFT, FINAL, SIGNED = AgreementStatus.DRAFT.value, AgreementStatus.FINAL.value, AgreementStatus.SIGNED.value
SUPERSEDED, EXPIRED = AgreementStatus.SUPERSEDED.value, AgreementStatus.EXPIRED.value
#: Statuses in which the text is what was signed: nothing may change it any more.
READ_ONLY_STATUSES = frozenset({SIGNED, SUPERSEDED, EXPIRED})
#: Statuses reached only through mark_final, mark_signed and the signing of a new version.
ACTION_STATUSES = frozenset({FINAL, SIGNED, SUPERSEDED})
#: Fields whose change does not alter the printed text, so a final agreement stays final.
UNPRINTED_FIELDS = frozenset({"notes", "talk_id", "valid_from", "valid_to"})
_WHERE_LIMIT = 80


def final_problems(session: Session, agreement: Agreement) -> list[DomainError]:
    """Every reason why ``agreement`` cannot be marked final, each naming its part; [] when it can."""
    problems: list[DomainError] = []
    title = _quoted(agreement.title_vi or agreement.title_lo or agreement.symbol)
    partner = partner_language(session, agreement)
    legacy = "legacy_khmer_text" if partner == "km" else "legacy_lao_text"

    def pair(vi: str, lo: str, field: str, kind: str, where: str, *, required: bool = True, **at: Any) -> None:
        if not required and not (vi.strip() or lo.strip()):
            return
        for language, value in (("vi", vi), ("lo", lo)):
            params = {"field": f"{field}_{language}", "kind": kind, "where": where, **at}
            if not value.strip():
                problems.append(DomainError("language_missing", **params))
            elif language == "lo" and not has_partner_letters(value, partner):
                problems.append(DomainError(legacy, **params))

    pair(agreement.title_vi, agreement.title_lo, "title", "agreement", title)
    pair(agreement.place_vi, agreement.place_lo, "place", "agreement", title)
    pair(agreement.preamble_vi, agreement.preamble_lo, "preamble", "agreement", title, required=False)
    countries = set()
    for row, party in enumerate(agreement.parties, start=1):
        unit = session.get(Unit, party.unit_id)
        if unit is None:
            continue
        countries.add("VN" if unit.country == "VN" else "partner")
        where = _quoted(unit.name_vi or unit.name_lo)
        pair(unit.name_vi, unit.name_lo, "name", "agreement_party", where, collection="parties", row=row)
    if countries != {"VN", "partner"}:
        problems.append(DomainError("final_needs_parties", field="parties", kind="agreement"))
    for row, signatory in enumerate(agreement.signatories, start=1):
        person = session.get(Person, signatory.person_id)
        vi, lo = signatory.position_vi, signatory.position_lo
        post = person.position_on(agreement.signed_on) if person and agreement.signed_on else None
        if post is not None and not (vi or lo):  # as the PDF fills it: from the person's history
            vi, lo = post.title_vi, post.title_lo
        where = _quoted(person.name_vi or person.name_lo) if person else title
        pair(vi, lo, "position", "agreement_signatory", where, collection="signatories", row=row)
    for row, chapter in enumerate(agreement.chapters, start=1):
        pair(chapter.title_vi, chapter.title_lo, "title", "agreement_chapter", title, collection="chapters", row=row)
    if not agreement.articles:
        problems.append(DomainError("final_needs_articles", field="articles", kind="agreement"))
    for row, article in enumerate(agreement.articles, start=1):
        at = {"collection": "articles", "row": row}
        pair(article.title_vi, article.title_lo, "title", "agreement_article", title, required=False, **at)
        pair(article.body_vi, article.body_lo, "body", "agreement_article", title, **at)
    return problems


def partner_language(session: Session, agreement: Agreement) -> str:
    """ "km" when a Cambodian unit is a party, else "lo": the language of the ``*_lo`` texts."""
    for party in agreement.parties:
        unit = session.get(Unit, party.unit_id)
        if unit is not None and unit.country == "KH":
            return "km"
    return "lo"


def _quoted(label: str) -> str:
    if len(label) > _WHERE_LIMIT:
        label = label[: _WHERE_LIMIT - 1] + "…"
    return f"“{label}”"


def _status(value: str) -> AgreementStatus:
    """The status as an enum member, so that a message shows its translated label."""
    return AgreementStatus(value)


class AgreementLifecycle:
    """Mixed into AgreementService: the transitions after drafting and the read-only rule."""

    kind = "agreement"
    attachments: AttachmentService
    _host: ServiceHost

    if TYPE_CHECKING:  # provided by RecordService, which comes first in AgreementService's bases

        def _load(self, session: Session, record_id: str, *, include_deleted: bool = False) -> Agreement: ...
        def get(self, record_id: str, *, include_deleted: bool = False) -> Agreement: ...
        def create(self, data: Mapping[str, Any], *, actor: Actor) -> Agreement: ...
        def snapshot(self, record: Agreement) -> dict[str, Any]: ...

    # --- the rules on ordinary updates --------------------------------------------------------

    def refuse_locked(self, record: Agreement, data: Mapping[str, Any]) -> None:
        """Before an update: a signed text is read-only; the final statuses need their action."""
        if record.status in READ_ONLY_STATUSES:
            raise DomainError("agreement_read_only", kind=self.kind, status=_status(record.status))
        wanted = data.get("status", record.status)
        wanted = getattr(wanted, "value", wanted)
        if wanted != record.status and wanted in ACTION_STATUSES:
            raise DomainError("status_needs_action", field="status", kind=self.kind)

    def demote_if_changed(self, record: Agreement, before: dict[str, Any]) -> None:
        """After an update of a final agreement: a changed text is a draft again (its PDF is stale)."""
        after = self.snapshot(record)
        if any(before[name] != after[name] for name in after if name not in UNPRINTED_FIELDS | {"status"}):
            record.status = DRAFT
            record.final_sha256, record.final_layout, record.final_pdf_id = "", "", None

    # --- final ------------------------------------------------------------------------------------

    def check_final(self, record_id: str) -> list[DomainError]:
        """What stops the stored agreement from being marked final (nothing is written)."""
        with self._host.read() as session:
            record = self._load(session, record_id)
            if record.status in READ_ONLY_STATUSES:
                return [DomainError("agreement_read_only", kind=self.kind, status=_status(record.status))]
            return final_problems(session, record)

    def mark_final(
        self, record_id: str, pdf: Path, *, layout: str, actor: Actor, rendered_from: datetime | None = None
    ) -> Agreement:
        """Keep ``pdf`` (rendered from the agreement as stored at ``rendered_from``) and mark the text final.

        Raises one DomainError carrying every problem (``.errors``); nothing is written then.
        """
        require(actor, Permission.EDIT_RECORDS)
        with self._host.read() as session:
            self._check_finalisable(session, record_id, rendered_from)
        with Path(pdf).open("rb") as stream:
            if stream.read(5) != b"%PDF-":
                raise DomainError("not_a_pdf", path=str(pdf))
        sha, size = self.attachments.store_file(Path(pdf))
        with self._host.write() as session:
            record = self._check_finalisable(session, record_id, rendered_from)
            name = "-".join(part for part in (record.number, record.symbol.replace("/", "-")) if part) or "agreement"
            attachment = self.attachments.insert(
                session, self.kind, record.id, sha, size, actor=actor, filename=f"{name}-final-{sha[:8]}.pdf"
            )
            before = _lifecycle_fields(record)
            record.status, record.final_sha256, record.final_layout = FINAL, sha, layout
            record.final_pdf_id = attachment.id
            record.updated_at = utcnow()
            append_audit(session, actor, "mark_final", self.kind, record.id, before, _lifecycle_fields(record))
            changes = [Change(self.kind, record.id, "updated"), Change("attachment", attachment.id, "created")]
        self._host.announce(changes)
        return self.get(record_id)

    def _check_finalisable(self, session: Session, record_id: str, rendered_from: datetime | None) -> Agreement:
        record = self._load(session, record_id)
        if record.status in READ_ONLY_STATUSES:
            raise DomainError("agreement_read_only", kind=self.kind, status=_status(record.status))
        problems = final_problems(session, record)
        if rendered_from is not None and record.updated_at != rendered_from:
            problems.insert(0, DomainError("agreement_changed_meanwhile", kind=self.kind))
        if problems:
            raise DomainError.combine(problems)
        return record

    # --- signed -----------------------------------------------------------------------------------

    def mark_signed(self, record_id: str, *, signed_on: date | str | None, scan: Path, actor: Actor) -> Agreement:
        """Record the signing: its date and the scanned signed copy; the text becomes read-only.

        When this agreement is a new version, the one it supersedes becomes superseded. Only an
        approver records a signing.
        """
        require(actor, Permission.APPROVE)
        with self._host.read() as session:
            day = self._signing_day(signed_on, session)
            self._check_signable(session, record_id)
        scan = Path(scan)
        media_type = mimetypes.guess_type(scan.name)[0] or ""
        if not (media_type == "application/pdf" or media_type.startswith("image/")):
            raise DomainError("signed_copy_type", filename=scan.name)
        sha, size = self.attachments.store_file(scan)
        with self._host.write() as session:
            record = self._check_signable(session, record_id)
            attachment = self.attachments.insert(
                session, self.kind, record.id, sha, size, actor=actor, filename=scan.name
            )
            before = _lifecycle_fields(record)
            record.status, record.signed_on, record.signed_copy_id = SIGNED, day, attachment.id
            record.updated_at = utcnow()
            append_audit(session, actor, "mark_signed", self.kind, record.id, before, _lifecycle_fields(record))
            changes = [Change(self.kind, record.id, "updated"), Change("attachment", attachment.id, "created")]
            old = session.get(Agreement, record.supersedes_id) if record.supersedes_id else None
            if old is not None and old.status in (SIGNED, EXPIRED):
                old_before = _lifecycle_fields(old)
                old.status, old.updated_at = SUPERSEDED, utcnow()
                append_audit(session, actor, "superseded", self.kind, old.id, old_before, _lifecycle_fields(old))
                changes.append(Change(self.kind, old.id, "updated"))
        self._host.announce(changes)
        return self.get(record_id)

    def _signing_day(self, value: date | str | None, session: Session) -> date:
        try:
            day = DateValue(required=True).clean(value, session)
        except Invalid as problem:
            raise DomainError(problem.message_id, field="signed_on", kind=self.kind, **problem.params) from None
        if day > local_today():
            raise DomainError("date_in_future", field="signed_on", kind=self.kind)
        return day

    def _check_signable(self, session: Session, record_id: str) -> Agreement:
        record = self._load(session, record_id)
        if record.status in READ_ONLY_STATUSES:
            raise DomainError("agreement_read_only", kind=self.kind, status=_status(record.status))
        if record.status != FINAL:
            raise DomainError("agreement_not_final", kind=self.kind)
        return record

    # --- versions ---------------------------------------------------------------------------------

    def new_version(self, record_id: str, *, actor: Actor) -> Agreement:
        """A draft copy of a signed agreement that supersedes it once signed.

        The copy keeps the text, parties and signatories; the number, the signing date and the
        signatories' ranks and posts (frozen for the old signing day) are left to fill in again.
        """
        require(actor, Permission.EDIT_RECORDS)
        with self._host.read() as session:
            record = self._load(session, record_id)
            newer = _newer(session, record.id)
            if newer is not None:
                raise DomainError(
                    "newer_version_exists", kind=self.kind, title=newer.title_vi, status=_status(newer.status)
                )
            if record.status not in (SIGNED, EXPIRED):
                raise DomainError("new_version_needs_signed", kind=self.kind)
            data = self.snapshot(record)
        blank_signatory = {"rank": "", "position_vi": "", "position_lo": ""}
        data.update(status=DRAFT, number="", signed_on=None, supersedes_id=record_id)
        for collection in ("parties", "signatories", "chapters", "articles"):
            data[collection] = [{k: v for k, v in row.items() if k != "id"} for row in data[collection]]
        data["signatories"] = [{**row, **blank_signatory} for row in data["signatories"]]
        return self.create(data, actor=actor)

    def versions(self, record_id: str) -> list[Agreement]:
        """Every version of the agreement, oldest first, following ``supersedes_id`` both ways."""
        with self._host.read() as session:
            record = self._load(session, record_id, include_deleted=True)
            chain, seen = [record], {record.id}
            while chain[0].supersedes_id and chain[0].supersedes_id not in seen:
                older = session.get(Agreement, chain[0].supersedes_id)
                if older is None:
                    break
                chain.insert(0, older)
                seen.add(older.id)
            while (newer := _newer(session, chain[-1].id)) is not None and newer.id not in seen:
                chain.append(newer)
                seen.add(newer.id)
            return chain


def _newer(session: Session, record_id: str) -> Agreement | None:
    """The live agreement that supersedes ``record_id``, if any (the first made, should there be two)."""
    statement = (
        select(Agreement)
        .where(Agreement.supersedes_id == record_id, Agreement.deleted_at.is_(None))
        .order_by(Agreement.created_at, Agreement.id)
    )
    return session.scalars(statement).first()


def _lifecycle_fields(record: Agreement) -> dict[str, Any]:
    return {
        "status": record.status,
        "signed_on": record.signed_on,
        "final_sha256": record.final_sha256,
        "final_layout": record.final_layout,
        "final_pdf_id": record.final_pdf_id,
        "signed_copy_id": record.signed_copy_id,
    }
