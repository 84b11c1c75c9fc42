"""The three ReportLab 5.1 defects of TECH_NOTES.md: each shown on ReportLab's own shaping path, and
absent from ours. If a ReportLab upgrade fixes one, its "naive" test fails: time to re-check."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import reportlab
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate

from dnqp_desktop.documents.fonts import discover, load_fonts
from dnqp_desktop.documents.model import AgreementDocument, Arrangement, Article, Layout, Pair, Party
from dnqp_desktop.documents.render import render_agreement
from tests.documents.pdfread import drawn_glyphs, nfkc, pages_chars, text_lines

MIXED = "ປີ2025 (ຫວຽດນາມ), ປີ2026"
STACKED = "ສື່ກີ້ ບ້ານ ຂໍ້ຕົກລົງ ນ້ຳ ຄ່ຳ"
LIGATURES = "ບໍ່ ຄ່ຳ ນ້ຳ ຂໍ້ຕົກລົງ ກີ້"
PUA = re.compile("[\ue000-\uf8ff\uffff]")


def _font_file(name: str) -> Path:
    for folder in (Path("/usr/share/fonts/truetype"),):
        found = sorted(folder.rglob(name))
        if found:
            return found[0]
    pytest.skip(f"{name} is not installed")


def _naive_pdf(font_file: str, markup: str) -> bytes:
    """ReportLab's own path: a shaped Paragraph, fonts switched with <font> inside a word."""
    lao = f"naive-{Path(font_file).stem}"
    for name, file in ((lao, font_file), ("naive-latin", "LiberationSerif-Regular.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            font = TTFont(name, str(_font_file(file)))
            # ReportLab would hand back the font first registered for this face (ours, unshaped)
            pdfmetrics._dynFaceNames.pop(font.face.name, None)
            pdfmetrics.registerFont(font)
    buffer = io.BytesIO()
    style = ParagraphStyle("naive", fontName=lao, fontSize=14, leading=22, shaping=1)
    SimpleDocTemplate(buffer, invariant=1).build([Paragraph(markup, style)])
    return buffer.getvalue()


def _ours(text: str, *, noto: bool) -> bytes:
    """Our path: the same Lao text as an article of a draft agreement."""
    dirs = [Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/truetype/liberation2")] if noto else None
    fonts = load_fonts("lo", dirs)
    document = AgreementDocument(
        record_id="defects",
        kind="annual_cooperation",
        status="draft",
        partner_language="lo",
        title=Pair("Thỏa thuận", "ຂໍ້ຕົກລົງ"),
        parties=(Party(Pair("Bộ CHQS tỉnh Thanh Hóa", "ກອງບັນຊາການທະຫານແຂວງແທງຮວາ"), "VN"),),
        articles=(Article(Pair("Điều thử", "ມາດຕາທົດລອງ"), Pair("Nội dung.", text)),),
    )
    return render_agreement(document, Layout(arrangement=Arrangement.SIDE_BY_SIDE), fonts=fonts)


def _line_with(data: bytes, text: str):
    return next(line for line in text_lines(data) if nfkc(text) in nfkc(line.text))


def test_reportlab_is_the_version_these_workarounds_were_made_for() -> None:
    assert reportlab.Version == "5.1.0"


def test_noto_serif_lao_is_the_font_these_tests_need() -> None:
    assert discover([Path("/usr/share/fonts/truetype/noto")])["lo"].fonts.family == "Noto Serif Lao"


# --- 1. a word mixing two fonts is shaped with the first font's face ---------------------------


def test_defect_1_naive_mixed_font_word_gets_wrong_glyphs() -> None:
    data = _naive_pdf("NotoSerifLao-Regular.ttf", 'ປີ<font name="naive-latin">2025</font> (ຫວຽດນາມ),')
    text = "".join(c["text"] for c in pages_chars(data)[0])
    assert "2025" not in text and PUA.search(text)


def test_defect_1_ours_shapes_each_font_run_on_its_own() -> None:
    data = _ours(MIXED, noto=True)
    line = _line_with(data, "ປີ2025")
    digits = [c for c in line.chars if c["text"] in "2025" and c["text"]]
    assert {c["fontname"].split("+")[1] for c in digits} == {"LiberationSerif"}  # Noto Lao has no digits
    assert {c["fontname"].split("+")[1] for c in line.chars if c["text"].startswith("ປ")} == {"NotoSerifLao-Regular"}
    assert MIXED in line.text
    assert all(glyph for _, _, glyph in drawn_glyphs(data))


# --- 2. the text rise is not reset after a stacked vowel + tone mark ----------------------------


def _rises(data: bytes) -> set[float]:
    """Where each Lao consonant's box starts below its baseline, in ems: pdfminer adds the text rise."""
    consonants = [c for page in pages_chars(data) for c in page if "\u0e81" <= c["text"][:1] <= "\u0eae"]
    return {round((c["y0"] - c["matrix"][5]) / c["size"], 2) for c in consonants}


def test_defect_2_naive_consonants_after_stacked_marks_are_raised() -> None:
    data = _naive_pdf("Phetsarath_OT.ttf", STACKED)
    assert len(_rises(data)) > 1


def test_defect_2_ours_keeps_every_consonant_on_the_baseline() -> None:
    data = _ours(STACKED, noto=False)
    assert len(_rises(data)) == 1
    assert STACKED in _line_with(data, "ສື່ກີ້").text


# --- 3. substituted glyphs get private-use code points in ToUnicode ----------------------------


def test_defect_3_naive_copied_text_loses_its_marks() -> None:
    data = _naive_pdf("NotoSerifLao-Regular.ttf", LIGATURES)
    text = "".join(c["text"] for c in pages_chars(data)[0])
    assert PUA.search(text) and nfkc(LIGATURES) not in nfkc(text)


@pytest.mark.parametrize("noto", [True, False], ids=["noto-serif-lao", "phetsarath"])
def test_defect_3_ours_maps_glyphs_back_to_their_clusters(noto: bool) -> None:
    data = _ours(LIGATURES, noto=noto)
    line = _line_with(data, "ບໍ່")
    assert not PUA.search(line.text)
    assert nfkc(LIGATURES) in nfkc(line.text)
