"""The demo agreements (and a Vietnamese–Khmer one) rendered in both layouts and read back.

Issue 9's acceptance: every font embedded, extracted text equal to the input (Lao and Khmer after
NFKC), no glyph 0, partner-language lines broken only at ICU word boundaries or around kept
names, article headings level in the side-by-side edition, the same bytes for the same content.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pdfplumber
import pytest

from dnqp_desktop.documents.model import AgreementDocument, Arrangement, Layout
from dnqp_desktop.documents.render import render_agreement
from dnqp_desktop.documents.templates import LANGUAGES, template_for
from dnqp_desktop.documents.text import word_boundaries
from tests.documents.conftest import ARRANGEMENTS
from tests.documents.parts import kept_names, paragraphs, part_lines, partner_paragraphs
from tests.documents.pdfread import drawn_glyphs, joined, nfkc, pdffonts, pdftotext, text_lines

DOCUMENTS = ("annual_cooperation", "memorandum", "twinning_regulation", "minutes", "khmer")
CASES = [(kind, arrangement) for kind in DOCUMENTS for arrangement in ARRANGEMENTS]
IDS = [f"{kind}-{arrangement}" for kind, arrangement in CASES]


@pytest.mark.parametrize(("kind", "arrangement"), CASES, ids=IDS)
def test_every_font_is_embedded(rendered, demo_documents, kind, arrangement, tmp_path: Path) -> None:
    fonts = pdffonts(rendered[(kind, arrangement)], tmp_path)
    assert fonts and all(font["emb"] == "yes" and font["uni"] == "yes" for font in fonts), fonts
    names = " ".join(font["name"] for font in fonts)
    partner = {"lo": "PhetsarathOT", "km": "NotoSerifKhmer"}[demo_documents[kind].partner_language]
    assert "LiberationSerif" in names and partner in names


@pytest.mark.parametrize(("kind", "arrangement"), CASES, ids=IDS)
def test_no_glyph_zero_anywhere(rendered, kind, arrangement) -> None:
    glyphs = drawn_glyphs(rendered[(kind, arrangement)])
    assert len(glyphs) > 500
    assert [(font, code) for font, code, glyph in glyphs if glyph == 0] == []


@pytest.mark.parametrize(("kind", "arrangement"), CASES, ids=IDS)
def test_extracted_text_equals_the_input(rendered, demo_documents, kind, arrangement) -> None:
    document = demo_documents[kind]
    data = rendered[(kind, arrangement)]
    for language in ("vi", document.partner_language):
        text, _ = joined(part_lines(data, arrangement, language, document))
        assert not re.search("[\x00\ufffd\ue000-\uf8ff]", text)
        for expected in paragraphs(document, language):
            if language == "vi":
                assert expected in text, expected
            else:
                assert nfkc(expected) in nfkc(text), expected


@pytest.mark.parametrize("kind", DOCUMENTS)
def test_pdftotext_agrees(rendered, demo_documents, kind, tmp_path: Path) -> None:
    """A second extractor (poppler's, what a viewer copies) finds the same text in the originals."""
    document = demo_documents[kind]
    text = re.sub(r"\s+", "", nfkc(pdftotext(rendered[(kind, Arrangement.ORIGINALS)], tmp_path)))
    for language in ("vi", document.partner_language):
        for expected in paragraphs(document, language):
            assert re.sub(r"\s+", "", nfkc(expected)) in text, expected


@pytest.mark.parametrize(("kind", "arrangement"), CASES, ids=IDS)
def test_partner_lines_break_only_at_word_boundaries(rendered, demo_documents, kind, arrangement) -> None:
    document = demo_documents[kind]
    language = document.partner_language
    text, starts = joined(part_lines(rendered[(kind, arrangement)], arrangement, language, document))
    kept = kept_names(document)
    checked = 0
    for paragraph in partner_paragraphs(document, arrangement):
        at = text.find(paragraph)
        assert at >= 0, paragraph
        breaks = [start - at for start in starts if at < start < at + len(paragraph)]
        spans = kept.spans(paragraph)
        allowed = set(word_boundaries(paragraph, language)) | {edge for span in spans for edge in span}
        for position in breaks:
            assert position in allowed, (paragraph[:position], paragraph[position:])
            assert not any(a < position < b for a, b in spans), paragraph[position - 10 : position + 10]
        checked += len(breaks)
    assert checked > 0


@pytest.mark.parametrize("kind", DOCUMENTS)
def test_vietnamese_lines_break_at_spaces(rendered, demo_documents, kind) -> None:
    document = demo_documents[kind]
    for arrangement in ARRANGEMENTS:
        text, starts = joined(part_lines(rendered[(kind, arrangement)], arrangement, "vi", document))
        for paragraph in paragraphs(document, "vi"):
            at = text.find(paragraph)
            for start in starts:
                if at < start < at + len(paragraph):
                    assert text[start - 1] == " ", paragraph


@pytest.mark.parametrize("kind", DOCUMENTS)
def test_side_by_side_headings_share_a_baseline(rendered, demo_documents, kind) -> None:
    document = demo_documents[kind]
    partner = LANGUAGES[document.partner_language]
    template = template_for(document.kind)
    data = rendered[(kind, Arrangement.SIDE_BY_SIDE)]
    left = part_lines(data, Arrangement.SIDE_BY_SIDE, "vi", document)
    right = part_lines(data, Arrangement.SIDE_BY_SIDE, partner.code, document)
    pairs = [
        (f"{template.heading('vi', n)} ", f"{template.heading(partner.code, n)} ")
        for n in range(1, 1 + len(document.articles))
    ]
    pairs += [(LANGUAGES["vi"].chapter(n), partner.chapter(n)) for n in range(1, 1 + len(document.chapters))]
    pages = set()
    for vi_label, partner_label in pairs:
        (vi,) = [line for line in left if _labelled(line.text, vi_label)]
        (other,) = [line for line in right if _labelled(line.text, partner_label)]
        assert vi.page == other.page, vi_label
        assert abs(vi.baseline - other.baseline) <= 1.0, (vi_label, vi.baseline, other.baseline)
        pages.add(vi.page)
    if kind == "twinning_regulation":
        assert len(pages) >= 3  # the 11 articles run over page breaks and stay level on every page


def _labelled(text: str, label: str) -> bool:
    """An article heading starts with its label and a space; a chapter label is a line of its own."""
    return text.startswith(label) if label.endswith(" ") else text.strip() == label


@pytest.mark.parametrize("kind", DOCUMENTS)
def test_each_original_names_its_own_side_first(rendered, demo_documents, kind) -> None:
    document = demo_documents[kind]
    data = rendered[(kind, Arrangement.ORIGINALS)]
    vn, partner = document.vietnamese_party, document.partner_party
    for language, first, second in (("vi", vn, partner), (document.partner_language, partner, vn)):
        text, _ = joined(part_lines(data, Arrangement.ORIGINALS, language, document))
        name_first = document.parties[first].name.get(language)
        name_second = document.parties[second].name.get(language)
        title_start = text.find(template_for(document.kind).summary(document.title.get(language), language)[:8])
        assert title_start >= 0
        assert text.index(name_first, title_start) < text.index(name_second, title_start)
        signatures = [
            line for line in part_lines(data, Arrangement.ORIGINALS, language, document) if len(line.text) > 3
        ]
        own = next(line for line in signatures if line.text.startswith(LANGUAGES[language].on_behalf))
        assert own.x0 < 297 - 20, "own side signs on the left"


@pytest.mark.parametrize("kind", DOCUMENTS)
def test_same_content_same_bytes(rendered, demo_documents, kind) -> None:
    document = demo_documents[kind]
    for arrangement in ARRANGEMENTS:
        again = render_agreement(document, Layout(arrangement=arrangement))
        assert again == rendered[(kind, arrangement)]


def test_metadata_comes_from_the_document(rendered, demo_documents) -> None:
    document: AgreementDocument = demo_documents["annual_cooperation"]
    data = rendered[("annual_cooperation", Arrangement.ORIGINALS)]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        info = pdf.metadata
    assert info["Title"] == document.title.vi
    assert info["Author"] == "Bộ Chỉ huy quân sự tỉnh Thanh Hóa"
    assert info["CreationDate"].startswith("D:20250522") and info["ModDate"] == info["CreationDate"]
    assert b"/Lang (vi)" in data


def test_partner_signatory_rank_is_written_in_the_partner_language(rendered, demo_documents) -> None:
    """Major General Bun Chăn Vị Lay Chít signed in May 2015: ພົນຈັດຕະວາ in the Lao text."""
    document = demo_documents["twinning_regulation"]
    data = rendered[("twinning_regulation", Arrangement.ORIGINALS)]
    lao, _ = joined(part_lines(data, Arrangement.ORIGINALS, "lo", document))
    vietnamese, _ = joined(part_lines(data, Arrangement.ORIGINALS, "vi", document))
    assert "ພົນຈັດຕະວາ ບຸນຈັນ ວິໄລຈິດ" in lao
    assert "Đại tá Nguyễn Thắng Xuân" in vietnamese and "Thiếu tướng Bun Chăn Vị Lay Chít" in vietnamese
    assert "CHÍNH ỦY" in vietnamese


def test_originals_restart_page_numbers(rendered, demo_documents) -> None:
    data = rendered[("twinning_regulation", Arrangement.ORIGINALS)]
    numbers = [line for line in text_lines(data, below=1e9) if line.baseline > 841.89 - 20 * 72 / 25.4]
    by_page = {line.page: line.text for line in numbers}
    lao_start = min(
        line.page for line in part_lines(data, Arrangement.ORIGINALS, "lo", demo_documents["twinning_regulation"])
    )
    assert 0 not in by_page and lao_start not in by_page
    assert by_page[1] == "2" and by_page[lao_start + 1] == "2"
