"""Agreements and other signed documents: parties, signatories, chapters and articles.

Every textual part is kept in Vietnamese and Lao side by side, because the two language versions
are of equal validity and are printed from the same record.
"""

from datetime import date

from sqlalchemy import Text
from sqlmodel import Field, Relationship

from dnqp_desktop.core.models.base import ID_LENGTH, Record, Timestamped

_CHILDREN = {"lazy": "selectin", "cascade": "all, delete-orphan"}


class Agreement(Record, table=True):
    __tablename__ = "agreement"

    kind: str = Field(max_length=40, index=True)
    #: "05" of "Số: 05/TTHT-BCH"; kept as text because the leading zero is part of it.
    number: str = Field(default="", max_length=20)
    symbol: str = Field(default="", max_length=60)
    title_vi: str = Field(max_length=500)
    title_lo: str = Field(default="", max_length=500)
    place_vi: str = Field(default="", max_length=200)
    place_lo: str = Field(default="", max_length=200)
    signed_on: date | None = Field(default=None, index=True)
    valid_from: date | None = None
    valid_to: date | None = None
    status: str = Field(default="draft", max_length=20, index=True)
    originals_count: int = 2
    supersedes_id: str | None = Field(default=None, foreign_key="agreement.id", max_length=ID_LENGTH)
    talk_id: str | None = Field(default=None, foreign_key="talk.id", max_length=ID_LENGTH, index=True)
    preamble_vi: str = Field(default="", sa_type=Text)
    preamble_lo: str = Field(default="", sa_type=Text)
    notes: str = Field(default="", sa_type=Text)
    # Set by AgreementService.mark_final / mark_signed only (core/services/agreement_lifecycle.py):
    #: SHA-256 of the PDF rendered when the text was marked final; that PDF is the attachment below.
    final_sha256: str = Field(default="", max_length=64)
    #: The arrangement that PDF was rendered in ("originals" or "side-by-side").
    final_layout: str = Field(default="", max_length=20)
    final_pdf_id: str | None = Field(default=None, foreign_key="attachment.id", max_length=ID_LENGTH)
    #: The scanned signed copy (PDF or image), attached when the agreement was marked signed.
    signed_copy_id: str | None = Field(default=None, foreign_key="attachment.id", max_length=ID_LENGTH)

    parties: list["AgreementParty"] = Relationship(
        back_populates="agreement", sa_relationship_kwargs={**_CHILDREN, "order_by": "AgreementParty.position"}
    )
    signatories: list["AgreementSignatory"] = Relationship(
        back_populates="agreement", sa_relationship_kwargs={**_CHILDREN, "order_by": "AgreementSignatory.position"}
    )
    chapters: list["AgreementChapter"] = Relationship(
        back_populates="agreement", sa_relationship_kwargs={**_CHILDREN, "order_by": "AgreementChapter.position"}
    )
    articles: list["AgreementArticle"] = Relationship(
        back_populates="agreement", sa_relationship_kwargs={**_CHILDREN, "order_by": "AgreementArticle.position"}
    )


class AgreementParty(Timestamped, table=True):
    __tablename__ = "agreement_party"

    agreement_id: str = Field(foreign_key="agreement.id", ondelete="CASCADE", max_length=ID_LENGTH, index=True)
    unit_id: str = Field(foreign_key="unit.id", max_length=ID_LENGTH, index=True)
    position: int = 0

    agreement: Agreement | None = Relationship(back_populates="parties")


class AgreementSignatory(Timestamped, table=True):
    """Who signed, with the rank and position held that day, frozen into the record."""

    __tablename__ = "agreement_signatory"

    agreement_id: str = Field(foreign_key="agreement.id", ondelete="CASCADE", max_length=ID_LENGTH, index=True)
    person_id: str = Field(foreign_key="person.id", max_length=ID_LENGTH, index=True)
    unit_id: str | None = Field(default=None, foreign_key="unit.id", max_length=ID_LENGTH)
    rank: str = Field(default="", max_length=40)
    position_vi: str = Field(default="", max_length=300)
    position_lo: str = Field(default="", max_length=300)
    position: int = 0

    agreement: Agreement | None = Relationship(back_populates="signatories")


class AgreementChapter(Timestamped, table=True):
    __tablename__ = "agreement_chapter"

    agreement_id: str = Field(foreign_key="agreement.id", ondelete="CASCADE", max_length=ID_LENGTH, index=True)
    position: int = 0
    title_vi: str = Field(default="", max_length=500)
    title_lo: str = Field(default="", max_length=500)

    agreement: Agreement | None = Relationship(back_populates="chapters")


class AgreementArticle(Timestamped, table=True):
    """An article (Điều / ມາດຕາ); clauses are its numbered paragraphs."""

    __tablename__ = "agreement_article"

    agreement_id: str = Field(foreign_key="agreement.id", ondelete="CASCADE", max_length=ID_LENGTH, index=True)
    #: Position of the chapter among the agreement's chapters, or None when it has no chapters.
    chapter_position: int | None = None
    position: int = 0
    title_vi: str = Field(default="", max_length=500)
    title_lo: str = Field(default="", max_length=500)
    body_vi: str = Field(default="", sa_type=Text)
    body_lo: str = Field(default="", sa_type=Text)

    agreement: Agreement | None = Relationship(back_populates="articles")
