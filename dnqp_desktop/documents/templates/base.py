"""What a kind of document prints besides its record: its name, section labels, closing article.

A template also gives the editor the usual parts of a new document of its kind, so that a clerk
starts from the customary structure and the closing article (place, date, number of originals,
equal validity of both languages) instead of a blank page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from dnqp_desktop.documents.templates.languages import LANGUAGES, VIETNAMESE, Language, khmer_digits, roman


@dataclass(frozen=True)
class ClosingFacts:
    """What the closing article states."""

    place_vi: str
    place_partner: str
    signed_on: date | None
    originals_count: int
    partner_language: str


@dataclass(frozen=True)
class PartDraft:
    """A chapter or an article as the editor pre-fills it; ``chapter`` indexes the chapters."""

    title_vi: str
    title_partner: str
    body_vi: str = ""
    body_partner: str = ""
    chapter: int | None = None


@dataclass(frozen=True)
class DraftParts:
    chapters: tuple[PartDraft, ...]
    articles: tuple[PartDraft, ...]


#: (vi, partner) wording of the closing article: {kind}, {place}, {date}, {count}, {each},
#: {vi_name}, {partner_name}.
ClosingWording = dict[str, tuple[str, str]]


@dataclass(frozen=True)
class Template:
    kind: str
    #: The document type by language (tên loại): "Thỏa thuận", "ຂໍ້ຕົກລົງ".
    names: dict[str, str]
    #: Other ways a title may begin with the type, stripped to leave the summary (trích yếu).
    title_prefixes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: "article": Điều 1. / ມາດຕາ 1; "section": I. / II. (minutes).
    numbering: str = "article"
    closing_titles: dict[str, str] = field(default_factory=dict)
    closing: dict[str, str] = field(default_factory=dict)
    #: The editor's starting structure: (chapters, articles) without the closing article.
    skeleton: Callable[[str], DraftParts] = lambda language: DraftParts((), ())

    def name(self, language: str) -> str:
        return self.names.get(language, "")

    def heading(self, language: str, number: int) -> str:
        if self.numbering == "section":
            return f"{roman(number)}."
        return LANGUAGES[language].article(number)

    def summary(self, title: str, language: str) -> str:
        """The title without the type it begins with: "Thỏa thuận hợp tác…" → "Hợp tác…"."""
        stripped = title.strip()
        for prefix in (self.name(language), *self.title_prefixes.get(language, ())):
            if prefix and stripped.casefold().startswith(prefix.casefold()):
                rest = stripped[len(prefix) :].lstrip(" ,:-")
                if rest:
                    return rest[0].upper() + rest[1:] if language == "vi" else rest
        return stripped

    def closing_article(self, facts: ClosingFacts) -> PartDraft:
        """The closing article in Vietnamese and the partner language, with the facts filled in."""
        texts = {}
        for language, place in (("vi", facts.place_vi), (facts.partner_language, facts.place_partner)):
            texts[language] = _closing_text(self, LANGUAGES[language], place, facts)
        partner = facts.partner_language
        return PartDraft(
            title_vi=self.closing_titles.get("vi", ""),
            title_partner=self.closing_titles.get(partner, ""),
            body_vi=texts["vi"],
            body_partner=texts[partner],
        )

    def prefill(self, facts: ClosingFacts) -> DraftParts:
        """Chapters and articles of a new document of this kind, ending with the closing article."""
        parts = self.skeleton(facts.partner_language)
        closing = self.closing_article(facts)
        if parts.chapters:
            closing = PartDraft(**{**closing.__dict__, "chapter": len(parts.chapters) - 1})
        return DraftParts(parts.chapters, (*parts.articles, closing))


_DOCUMENT_NOUN = {"vi": "Văn bản", "lo": "ເອກະສານ", "km": "ឯកសារ"}


def _closing_text(template: Template, language: Language, place: str, facts: ClosingFacts) -> str:
    count = facts.originals_count
    each = max(1, count // 2)
    if language is VIETNAMESE:
        count_text, each_text = f"{count:02d}", f"{each:02d}"
    elif language.code == "km":
        count_text, each_text = khmer_digits(count), khmer_digits(each)
    else:
        count_text, each_text = str(count), str(each)
    wording = template.closing.get(language.code, "")
    kind = template.name(language.code) or _DOCUMENT_NOUN[language.code]
    return wording.format(
        kind=kind,
        place=place,
        date=language.date(facts.signed_on) if facts.signed_on else "…",
        count=count_text,
        each=each_text,
        vi_name=language.language_names["vi"],
        partner_name=language.language_names[facts.partner_language],
    )
