"""The parts of one language version as laid-out items: heading, title, body, signatures.

Both arrangements use these builders: two originals stack one language's parts on full-width
pages, side by side pairs the Vietnamese and the partner part of each section in one row. The
Vietnamese part follows Nghị định 30/2020 (DOCUMENTS.md §1): 12 pt bold Quốc hiệu, 13 pt bold
Tiêu ngữ over a rule as long as itself, agency in capitals, "Số" with its leading zero, place and
date in italics, type and summary in bold, chapters in Roman numerals, articles "Điều n.".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from dnqp_desktop.documents.flow import GapItem, Item, RuleItem, TextItem
from dnqp_desktop.documents.fonts import FontSet
from dnqp_desktop.documents.glossary import TERMS, VIETNAMESE_PHRASES
from dnqp_desktop.documents.model import AgreementDocument, Arrangement, Layout, Pair
from dnqp_desktop.documents.paragraphs import Line, ParagraphLayout, ParagraphStyle, Span
from dnqp_desktop.documents.templates import LANGUAGES, template_for
from dnqp_desktop.documents.text import KeptNames, kept_name_parts, split_paragraphs

MM = 72 / 25.4
#: Body size of each partner language when the layout does not set one: Phetsarath OT and Noto
#: Khmer look larger than Times at the same size.
PARTNER_SIZES = {"lo": 13.0, "km": 12.0}
QUOC_HIEU_SIZE = 12.0
TIEU_NGU_SIZE = 13.0
NUMBER_SIZE = 13.0
SIGNATURE_GAP = 30 * MM  # room for the signature and the seal
RECIPIENT_LABEL_SIZE = 12.0
RECIPIENT_SIZE = 11.0


_PLACE = re.compile(r"\b(?:tỉnh|thành phố|huyện|thị xã|xã)\s+([^,()]+)", re.IGNORECASE)


def _place_names(names: Iterable[str]) -> list[str]:
    """The place in a unit's name ("Thanh Hóa" of "… tỉnh Thanh Hóa"): place names are never cut."""
    return [match.group(1).strip() for name in names for match in _PLACE.finditer(name)]


def _rule_under(lines: Sequence[Line], width: float, length: float, *, drop: float, **options: object) -> RuleItem:
    """A centred rule ``drop`` below the last line, and below its lowest ink (Khmer subscripts)."""
    if lines:
        last = lines[-1]
        below_box = last.depth - (last.leading - last.ascent)
        drop = max(drop, below_box + 1.5)
    return RuleItem((width - length) / 2, (width + length) / 2, drop=drop, **options)  # type: ignore[arg-type]


class Composer:
    def __init__(self, document: AgreementDocument, layout: Layout, fonts: FontSet) -> None:
        self.doc = document
        self.layout = layout
        self.fonts = fonts
        self.template = template_for(document.kind)
        partner = document.partner_language
        self.partner = partner
        kept = KeptNames(kept_name_parts((*document.kept_names, *TERMS.get(partner, ())), partner))
        places = _place_names(party.name.vi for party in document.parties)
        phrases = KeptNames((*VIETNAMESE_PHRASES, *places), whole_words=True)
        self._layouts = {"vi": ParagraphLayout(fonts, "vi", phrases), partner: ParagraphLayout(fonts, partner, kept)}
        self.size = {"vi": layout.body_size, partner: layout.partner_size or PARTNER_SIZES[partner]}
        self.indent = layout.first_line_indent * MM

    # --- paragraphs -----------------------------------------------------------------------------

    def lines(self, language: str, spans: Sequence[Span], style: ParagraphStyle, width: float) -> list[Line]:
        spans = [span for span in spans if span.text]
        if not spans:
            return []
        return self._layouts[language].lay_out(spans, style, width)

    def paragraph(
        self, language: str, spans: Sequence[Span], style: ParagraphStyle, width: float, *, keep: bool = False
    ) -> list[Item]:
        """A paragraph's lines as items: no lone first or last line on a page; ``keep``: all with the next."""
        lines = self.lines(language, spans, style, width)
        items: list[Item] = []
        for index, line in enumerate(lines):
            items.append(
                TextItem(
                    line,
                    space_before=style.space_before if index == 0 else 0.0,
                    space_after=style.space_after if index == len(lines) - 1 else 0.0,
                    keep_with_next=keep or index == 0 or index == len(lines) - 2,
                )
            )
        if items and not keep:
            last = items[-1]
            items[-1] = TextItem(last.line, last.space_before, last.space_after, keep_with_next=False)
        return items

    def body_style(self, language: str, **changes: object) -> ParagraphStyle:
        values: dict[str, object] = {
            "size": self.size[language],
            "align": "justify",
            "first_indent": self.indent,
            "space_after": self.layout.paragraph_spacing,
            "line_spacing": self.layout.line_spacing,
        }
        values.update(changes)
        return ParagraphStyle(**values)  # type: ignore[arg-type]

    def centred(self, language: str, size: float, **changes: object) -> ParagraphStyle:
        return ParagraphStyle(size=size, align="center", balance=True, **changes)  # type: ignore[arg-type]

    def fitted_size(self, language: str, text: str, size: float, width: float, *, bold: bool = True) -> float:
        """``size``, or the largest half-point size below it at which ``text`` fits on one line."""
        natural = self._layouts[language].width([Span(text, bold=bold)], size)
        per_point = natural / size  # shaped widths scale with the size
        while per_point * size > width and size > 8:
            size -= 0.5
        return size

    def text_width(self, language: str, text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
        return self._layouts[language].width([Span(text, bold=bold, italic=italic)], size)

    def upper(self, language: str, text: str) -> str:
        return text.upper() if LANGUAGES[language].upper_case else text

    # --- heading pieces ---------------------------------------------------------------------------

    def national(self, language: str, width: float, *, fit: bool) -> list[Item]:
        """National name and motto, centred, the motto over a rule exactly as long as itself."""
        words = LANGUAGES[language]
        name_size = QUOC_HIEU_SIZE if language == "vi" else self.size[language]
        motto_size = TIEU_NGU_SIZE if language == "vi" else self.size[language]
        if fit:
            name_size = self.fitted_size(language, words.national_name, name_size, width)
            motto_size = self.fitted_size(language, words.motto, motto_size, width)
        items = self.paragraph(
            language, [Span(words.national_name, bold=True)], self.centred(language, name_size), width
        )
        lines = self.lines(language, [Span(words.motto, bold=True)], self.centred(language, motto_size), width)
        items += [TextItem(line, keep_with_next=True) for line in lines]
        motto = self.text_width(language, words.motto, motto_size, bold=True)
        items.append(_rule_under(lines, width, motto, drop=1.0))
        return items

    def agency(self, language: str, party: int | None, width: float, size: float) -> list[Item]:
        """Cơ quan chủ quản (not bold) over the party's name (bold), both in capitals, then a short rule."""
        if party is None:
            return []
        record = self.doc.parties[party]
        items: list[Item] = []
        parent = record.parent.get(language)
        if parent:
            items += self.paragraph(language, [Span(self.upper(language, parent))], self.centred(language, size), width)
        name = self.upper(language, self.name(record.name, language))
        lines = self.lines(language, [Span(name, bold=True)], self.centred(language, size), width)
        items += [TextItem(line, keep_with_next=True) for line in lines]
        widest = max((line.width for line in lines), default=0.0)
        items.append(_rule_under(lines, width, max(widest * 0.4, 30.0), drop=2.0, space_after=4.0))
        return items

    def number_line(self, language: str) -> str:
        """The number line, "Số: 05/QC-ĐB-LPB": a number under 10 takes a leading zero; blanks await a number."""
        number, symbol = self.doc.number.strip(), self.doc.symbol.strip()
        if not number and not symbol:
            return ""
        if number.isdigit() and len(number) == 1:
            number = "0" + number
        label = LANGUAGES[language].number_label
        return f"{label}: {number or '      '}/{symbol}" if symbol else f"{label}: {number}"

    def place_date(self, language: str) -> str:
        place = self.doc.place.get(language) or self.doc.place.vi
        return LANGUAGES[language].place_and_date(place, self.doc.signed_on)

    def number_items(self, language: str, width: float) -> list[Item]:
        text = self.number_line(language)
        size = NUMBER_SIZE if language == "vi" else self.size[language]
        return self.paragraph(language, [Span(text)], self.centred(language, size), width) if text else []

    def date_items(self, language: str, width: float) -> list[Item]:
        text = self.place_date(language)
        italic = language == "vi"  # Lao and Khmer fonts have no italics
        return self.paragraph(language, [Span(text, italic=italic)], self.centred(language, self.size[language]), width)

    # --- title and body ---------------------------------------------------------------------------

    def title(self, language: str, width: float) -> list[Item]:
        """Type of document in capitals, summary below in bold, a short rule under it."""
        size = self.size[language]
        kind = self.upper(language, self.template.name(language))
        summary = self.template.summary(self.titled(language), language)
        style = self.centred(language, size)
        items: list[Item] = []
        if kind:
            kind_size = size if language == "vi" else size + 2
            items += self.paragraph(
                language, [Span(kind, bold=True)], self.centred(language, kind_size), width, keep=True
            )
        lines = self.lines(language, [Span(summary, bold=True)], style, width)
        items += [TextItem(line, keep_with_next=True) for line in lines]
        widest = max((line.width for line in lines), default=width / 3)
        rule = min(max(widest / 3, width / 6), width / 2)
        items.append(_rule_under(lines, width, rule, drop=4.0, space_after=10.0, keep_with_next=False))
        return items

    def titled(self, language: str) -> str:
        """The title; in two originals, with the parties in the order of this language's original.

        Each original names its own side first (alternat): where the title names both parties
        once each, they change places in the version whose side comes second.
        """
        title = self.doc.title.get(language)
        order = self.doc.parties_for(language)
        if len(order) < 2 or self.layout.arrangement != Arrangement.ORIGINALS:
            return title  # one edition for both sides: the titles as typed
        first, second = (self.name(self.doc.parties[i].name, language) for i in order[:2])
        if title.count(first) == 1 and title.count(second) == 1 and title.index(second) < title.index(first):
            marker = "\x00"
            return title.replace(second, marker).replace(first, second).replace(marker, first)
        return title

    def preamble(self, language: str, width: float) -> list[Item]:
        items: list[Item] = []
        for text in split_paragraphs(self.doc.preamble.get(language)):
            italic = language == "vi" and text.startswith("Căn cứ")  # căn cứ lines are italic
            items += self.paragraph(language, [Span(text, italic=italic)], self.body_style(language), width)
        return items

    def chapter(self, language: str, index: int, width: float) -> list[Item]:
        size = self.size[language]
        label = LANGUAGES[language].chapter(index + 1)
        title = self.upper(language, self.doc.chapters[index].title.get(language))
        style = self.centred(language, size)
        items = self.paragraph(language, [Span(label, bold=True)], style, width, keep=True)
        items += self.paragraph(language, [Span(title, bold=True)], style, width, keep=True)
        return items

    def article_heading(self, language: str, index: int, width: float) -> list[Item]:
        article = self.doc.articles[index]
        label = self.template.heading(language, index + 1)
        title = article.title.get(language)
        spans = [Span(label + (" " if title else ""), bold=True), Span(title, bold=True)]
        indent = self.indent if self.template.numbering == "article" else 0.0
        style = self.body_style(language, align="left", first_indent=indent, space_after=3.0)
        return self.paragraph(language, spans, style, width, keep=True)

    def article_body(self, language: str, index: int, width: float) -> list[Item]:
        items: list[Item] = []
        for text in split_paragraphs(self.doc.articles[index].body.get(language)):
            items += self.paragraph(language, [Span(text)], self.body_style(language), width)
        return items

    # --- closing ----------------------------------------------------------------------------------

    def signature(self, language: str, party: int, width: float) -> list[Item]:
        """ĐẠI DIỆN + party, the signatory's post, room to sign, then rank and name (rank allowed
        before the name for armed-forces units)."""
        words = LANGUAGES[language]
        record = self.doc.parties[party]
        size = self.size[language]
        caption_size = 13.0 if language == "vi" else size
        style = self.centred(language, caption_size)
        caption = self.upper(language, f"{words.on_behalf} {self.name(record.name, language)}")
        items = self.paragraph(language, [Span(caption, bold=True)], style, width, keep=True)
        for signatory in (s for s in self.doc.signatories if s.party == party):
            position = self.upper(language, signatory.position.get(language))
            if position:
                items += self.paragraph(language, [Span(position, bold=True)], style, width, keep=True)
            items.append(GapItem(SIGNATURE_GAP, keep_with_next=True))
            rank = words.rank(signatory.rank) if signatory.rank else ""
            name = " ".join(part for part in (rank, self.name(signatory.name, language)) if part)
            items += self.paragraph(language, [Span(name, bold=True)], self.centred(language, size), width, keep=True)
        return items

    def recipients(self, width: float) -> list[Item]:
        """Nơi nhận: 12 pt bold italic, entries 11 pt "- …;", the last ending with a full stop."""
        entries = [entry.strip().rstrip(";.") for entry in self.doc.recipients if entry.strip()]
        if not entries:
            return []
        style = ParagraphStyle(size=RECIPIENT_LABEL_SIZE, align="left", space_before=12.0)
        items = self.paragraph("vi", [Span("Nơi nhận:", bold=True, italic=True)], style, width, keep=True)
        for index, entry in enumerate(entries):
            end = "." if index == len(entries) - 1 else ";"
            items += self.paragraph(
                "vi", [Span(f"- {entry}{end}")], ParagraphStyle(size=RECIPIENT_SIZE, align="left"), width
            )
        return items

    @staticmethod
    def name(pair: Pair, language: str) -> str:
        """A name in ``language``, or in Vietnamese when it has no other spelling (a name is not translated)."""
        return pair.get(language) or pair.vi
