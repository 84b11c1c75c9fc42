"""Agreements: parties, signatories, chapters and bilingual articles."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sqlmodel import Session

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.models import (
    Agreement,
    AgreementArticle,
    AgreementChapter,
    AgreementParty,
    AgreementSignatory,
    Person,
    Talk,
    Unit,
)
from dnqp_desktop.core.models.enums import AgreementKind, AgreementStatus, Rank
from dnqp_desktop.core.search import SearchText
from dnqp_desktop.core.services.agreement_lifecycle import FINAL, AgreementLifecycle
from dnqp_desktop.core.services.attachments import AttachmentService
from dnqp_desktop.core.services.base import Children, Draft, RecordService, ServiceHost
from dnqp_desktop.core.services.checks import date_order, duplicates
from dnqp_desktop.core.services.policy import Actor, require
from dnqp_desktop.core.services.rules import Choice, Code, DateValue, Integer, LaoText, Reference, Text
from dnqp_desktop.core.services.units import NOTES

BODY = Text(max_length=50_000, multiline=True)
LAO_BODY = LaoText(max_length=50_000, multiline=True)

PARTIES = Children(
    kind="agreement_party",
    model=AgreementParty,
    fields={"unit_id": Reference(model=Unit, kind="unit", required=True)},
    position_field="position",
)
SIGNATORIES = Children(
    kind="agreement_signatory",
    model=AgreementSignatory,
    fields={
        "person_id": Reference(model=Person, kind="person", required=True),
        "unit_id": Reference(model=Unit, kind="unit"),
        "rank": Choice(enum=Rank, default=""),
        "position_vi": Text(max_length=300),
        "position_lo": LaoText(max_length=300),
    },
    position_field="position",
)
CHAPTERS = Children(
    kind="agreement_chapter",
    model=AgreementChapter,
    fields={"title_vi": Text(max_length=500), "title_lo": LaoText(max_length=500)},
    position_field="position",
)
ARTICLES = Children(
    kind="agreement_article",
    model=AgreementArticle,
    fields={
        "chapter_position": Integer(minimum=0),
        "title_vi": Text(max_length=500),
        "title_lo": LaoText(max_length=500),
        "body_vi": BODY,
        "body_lo": LAO_BODY,
    },
    position_field="position",
)


class AgreementService(RecordService[Agreement], AgreementLifecycle):
    """Drafting through ``create``/``update``; final, signed and versions in ``AgreementLifecycle``."""

    kind = "agreement"
    model = Agreement
    fields = {
        "kind": Choice(enum=AgreementKind, required=True),
        "number": Code(max_length=20, pattern=r"[0-9A-Z]+", message_id="invalid_document_number"),
        "symbol": Code(max_length=60, pattern=r"\S+", message_id="has_spaces"),
        "title_vi": Text(max_length=500, required=True),
        "title_lo": LaoText(max_length=500),
        "place_vi": Text(max_length=200),
        "place_lo": LaoText(max_length=200),
        "signed_on": DateValue(),
        "valid_from": DateValue(),
        "valid_to": DateValue(),
        "status": Choice(enum=AgreementStatus, default=AgreementStatus.DRAFT.value),
        "originals_count": Integer(minimum=1, maximum=20, default=2),
        "supersedes_id": Reference(model=Agreement, kind="agreement"),
        "talk_id": Reference(model=Talk, kind="talk"),
        "preamble_vi": BODY,
        "preamble_lo": LAO_BODY,
        "notes": NOTES,
    }
    children = {"parties": PARTIES, "signatories": SIGNATORIES, "chapters": CHAPTERS, "articles": ARTICLES}
    filterable = frozenset({"kind", "status", "talk_id"})
    year_field = "signed_on"
    default_order = ("signed_on",)

    def __init__(self, host: ServiceHost, attachments: AttachmentService) -> None:
        super().__init__(host)
        #: Marking final and signed attach files in the same transaction as the status change.
        self.attachments = attachments

    def update(self, record_id: str, data: Mapping[str, Any], *, actor: Actor) -> Agreement:
        """As for every record, except that a signed text is read-only (see agreement_lifecycle)."""
        require(actor, self.permission("update"))
        with self._host.read() as session:
            self.refuse_locked(self._load(session, record_id), data)
        return super().update(record_id, data, actor=actor)

    def _apply(self, session: Session, record: Agreement, draft: Draft) -> None:
        before = self.snapshot(record) if record.status == FINAL else None
        super()._apply(session, record, draft)
        if before is not None:
            self.demote_if_changed(record, before)

    @classmethod
    def search_texts(cls, session: Session, record: Agreement) -> SearchText:
        # "05/QC-ĐB-LPB" as written on the document, so "05/QC" finds it.
        reference = f"{record.number}/{record.symbol}" if record.number else record.symbol
        headings = [text for part in [*record.chapters, *record.articles] for text in (part.title_vi, part.title_lo)]
        return SearchText(
            title=record.title_vi or record.title_lo,
            names=[record.title_vi, record.title_lo, reference],
            other=[record.place_vi, record.place_lo, *headings],
        )

    def check(self, session: Session, draft: Draft) -> Iterator[DomainError]:
        yield from date_order(draft, "valid_from", "valid_to", kind=self.kind)
        if draft.record_id and draft.get("supersedes_id") == draft.record_id:
            yield DomainError("self_reference", field="supersedes_id", kind=self.kind)
        if draft.get("status") == AgreementStatus.SIGNED and draft.get("signed_on") is None:
            yield DomainError("signed_date_required", field="signed_on", kind=self.kind)
        yield from duplicates(draft.children["parties"], "unit_id", kind="agreement_party", collection="parties")
        yield from duplicates(
            draft.children["signatories"], "person_id", kind="agreement_signatory", collection="signatories"
        )
        chapters = len(draft.children["chapters"])
        for index, article in enumerate(draft.children["articles"]):
            where = {"collection": "articles", "row": index + 1}
            position = article.get("chapter_position")
            if position is None and chapters:
                yield DomainError(
                    "article_without_chapter", field="chapter_position", kind="agreement_article", **where
                )
            elif position is not None and position >= chapters:
                yield DomainError(
                    "chapter_missing", field="chapter_position", kind="agreement_article", article=index + 1, **where
                )
