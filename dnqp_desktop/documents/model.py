"""Everything an agreement prints, as plain frozen data: no session, no ORM object, no Qt.

The renderer takes an ``AgreementDocument`` and nothing else, so the editor can preview unsaved
text, tests can build documents by hand (a Vietnamese–Khmer one, for instance), and two renders of
equal documents give equal bytes. Each text is a ``Pair``: Vietnamese and the partner language,
the two versions being of equal validity. ``texts()`` walks every field with the record and field
it came from, so that a problem found while printing names where to fix it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

PARTNER_LANGUAGES = ("lo", "km")
#: Statuses in which a document is complete and every part must exist in both languages.
FINAL_STATUSES = frozenset({"final", "signed"})


class Arrangement(StrEnum):
    #: Two complete originals: the Vietnamese document, then the partner-language document.
    ORIGINALS = "originals"
    #: One edition, Vietnamese on the left, the partner language on the right, articles level.
    SIDE_BY_SIDE = "side-by-side"


@dataclass(frozen=True)
class Pair:
    vi: str = ""
    partner: str = ""

    def get(self, language: str) -> str:
        return self.vi if language == "vi" else self.partner

    def __bool__(self) -> bool:
        return bool(self.vi or self.partner)


@dataclass(frozen=True)
class Party:
    name: Pair
    #: "VN", "LA" or "KH": which side the party is on.
    country: str
    #: The unit above it (cơ quan chủ quản), printed above its name in the Vietnamese heading.
    parent: Pair = Pair()
    record_id: str = ""


@dataclass(frozen=True)
class Signatory:
    #: Index into ``AgreementDocument.parties``.
    party: int
    name: Pair
    #: A ``Rank`` code as held on the signing day, or "".
    rank: str = ""
    position: Pair = Pair()
    person_id: str = ""


@dataclass(frozen=True)
class Chapter:
    title: Pair


@dataclass(frozen=True)
class Article:
    title: Pair
    body: Pair
    #: Index into ``AgreementDocument.chapters``, or None when the document has none.
    chapter: int | None = None


@dataclass(frozen=True)
class TextField:
    """One text of the document and where it came from, for messages that name the field."""

    kind: str  # record kind: "agreement", "agreement_article", "unit", "person", …
    field: str  # base name: "title", "body", "name", "position"…
    pair: Pair
    row: int | None = None  # 1-based position among the record's siblings
    record_id: str = ""
    #: Whether the field must exist in both languages once the document is final.
    required: bool = True


@dataclass(frozen=True)
class AgreementDocument:
    record_id: str
    kind: str
    status: str
    partner_language: str
    title: Pair
    parties: tuple[Party, ...]
    number: str = ""
    symbol: str = ""
    place: Pair = Pair()
    signed_on: date | None = None
    signatories: tuple[Signatory, ...] = ()
    preamble: Pair = Pair()
    chapters: tuple[Chapter, ...] = ()
    articles: tuple[Article, ...] = ()
    originals_count: int = 2
    #: Nơi nhận of the Vietnamese part, without the "- " and the final ";"/".".
    recipients: tuple[str, ...] = ()
    #: Partner-language names known to the database (units, people): never broken across lines.
    kept_names: tuple[str, ...] = ()
    #: The date written into the PDF metadata: fixed by the document, so equal input, equal bytes.
    issued_on: date | None = None

    def __post_init__(self) -> None:
        if self.partner_language not in PARTNER_LANGUAGES:
            raise ValueError(f"unsupported partner language {self.partner_language!r}")

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    @property
    def vietnamese_party(self) -> int | None:
        return next((i for i, p in enumerate(self.parties) if p.country == "VN"), None)

    @property
    def partner_party(self) -> int | None:
        return next((i for i, p in enumerate(self.parties) if p.country != "VN"), None)

    def parties_for(self, language: str) -> list[int]:
        """Party indexes with the side writing in ``language`` first (each original names its side first)."""
        own = [i for i, p in enumerate(self.parties) if (p.country == "VN") == (language == "vi")]
        return own + [i for i in range(len(self.parties)) if i not in own]

    def texts(self) -> Iterator[TextField]:
        yield TextField("agreement", "title", self.title, record_id=self.record_id)
        yield TextField("agreement", "place", self.place, record_id=self.record_id)
        yield TextField("agreement", "preamble", self.preamble, record_id=self.record_id, required=bool(self.preamble))
        for party in self.parties:
            yield TextField("unit", "name", party.name, record_id=party.record_id)
        for row, signatory in enumerate(self.signatories, start=1):
            # A person's name is a name, not a translation: the Vietnamese spelling may stand in.
            yield TextField("person", "name", signatory.name, record_id=signatory.person_id, required=False)
            yield TextField("agreement_signatory", "position", signatory.position, row=row, record_id=self.record_id)
        for row, chapter in enumerate(self.chapters, start=1):
            yield TextField("agreement_chapter", "title", chapter.title, row=row, record_id=self.record_id)
        for row, article in enumerate(self.articles, start=1):
            yield TextField(
                "agreement_article",
                "title",
                article.title,
                row=row,
                record_id=self.record_id,
                required=bool(article.title),
            )
            yield TextField("agreement_article", "body", article.body, row=row, record_id=self.record_id)


@dataclass(frozen=True)
class Layout:
    """Page settings. Defaults are those of DOCUMENTS.md; ``check`` keeps them inside the decree's ranges."""

    arrangement: Arrangement = Arrangement.ORIGINALS
    margin_top: float = 20.0  # mm
    margin_bottom: float = 20.0
    margin_left: float = 30.0
    margin_right: float = 15.0
    body_size: float = 14.0  # pt
    #: Partner-language body size; None: the language's default (its script looks larger or smaller).
    partner_size: float | None = None
    first_line_indent: float = 12.7  # mm
    paragraph_spacing: float = 6.0  # pt
    line_spacing: float = 1.0
    column_gap: float = 8.0  # mm, side by side


#: Nghị định 30/2020 ranges for each setting: (low, high).
LAYOUT_RANGES: dict[str, tuple[float, float]] = {
    "margin_top": (20.0, 25.0),
    "margin_bottom": (20.0, 25.0),
    "margin_left": (30.0, 35.0),
    "margin_right": (15.0, 20.0),
    "body_size": (13.0, 14.0),
    "partner_size": (10.0, 16.0),
    "first_line_indent": (10.0, 12.7),
    "paragraph_spacing": (6.0, 12.0),
    "line_spacing": (1.0, 1.5),
    "column_gap": (4.0, 15.0),
}
