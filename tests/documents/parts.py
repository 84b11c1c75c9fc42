"""What each language part of a rendered agreement must show, and where to find it in the PDF."""

from __future__ import annotations

from dnqp_desktop.documents.compose import MM, PARTNER_SIZES
from dnqp_desktop.documents.glossary import TERMS
from dnqp_desktop.documents.model import AgreementDocument, Arrangement, Layout
from dnqp_desktop.documents.templates import LANGUAGES, template_for
from dnqp_desktop.documents.text import KeptNames, kept_name_parts, split_paragraphs
from tests.documents.pdfread import TextLine, nfkc, text_lines

A4_WIDTH = 595.2756


def part_lines(data: bytes, arrangement: Arrangement, language: str, document: AgreementDocument) -> list[TextLine]:
    """The lines of one language: a column of the side-by-side edition, or one of the two originals."""
    layout = Layout()
    if arrangement == Arrangement.SIDE_BY_SIDE:
        left, right = layout.margin_left * MM, A4_WIDTH - layout.margin_right * MM
        middle = (left + right) / 2
        return text_lines(data, x_max=middle) if language == "vi" else text_lines(data, x_min=middle)
    lines = text_lines(data)
    national = LANGUAGES[document.partner_language].national_name
    start = next(i for i, line in enumerate(lines) if nfkc(line.text.strip()) == nfkc(national))
    return lines[:start] if language == "vi" else lines[start:]


def paragraphs(document: AgreementDocument, language: str) -> list[str]:
    """Texts that must appear verbatim: preamble, article headings and bodies, chapter titles."""
    template = template_for(document.kind)
    words = LANGUAGES[language]
    texts = list(split_paragraphs(document.preamble.get(language)))
    for index, chapter in enumerate(document.chapters):
        title = chapter.title.get(language)
        texts += [words.chapter(index + 1), title.upper() if words.upper_case else title]
    for index, article in enumerate(document.articles):
        title = article.title.get(language)
        texts.append(f"{template.heading(language, index + 1)} {title}".strip())
        texts += split_paragraphs(article.body.get(language))
    return texts


def partner_paragraphs(document: AgreementDocument, arrangement: Arrangement) -> list[str]:
    """Partner-language texts long enough to wrap: where line breaks are checked."""
    language = document.partner_language
    texts = split_paragraphs(document.preamble.partner)
    texts += [p for article in document.articles for p in split_paragraphs(article.body.partner)]
    texts.append(template_for(document.kind).summary(title(document, language, arrangement), language))
    return texts


def title(document: AgreementDocument, language: str, arrangement: Arrangement) -> str:
    """The title as printed: in two originals, each names its own side first."""
    text = document.title.get(language)
    if arrangement != Arrangement.ORIGINALS:
        return text
    own, other = document.vietnamese_party, document.partner_party
    if language != "vi":
        own, other = other, own
    first, second = (document.parties[i].name.get(language) for i in (own, other))
    if text.count(first) == text.count(second) == 1 and text.index(second) < text.index(first):
        return text.replace(second, "\0").replace(first, second).replace("\0", first)
    return text


def kept_names(document: AgreementDocument) -> KeptNames:
    language = document.partner_language
    return KeptNames(kept_name_parts((*document.kept_names, *TERMS.get(language, ())), language))


def partner_size(document: AgreementDocument) -> float:
    return PARTNER_SIZES[document.partner_language]
