"""Script runs, font fallback and Lao line-break opportunities."""

from __future__ import annotations

from pathlib import Path

from dnqp_desktop.documents.fonts import load_fonts
from dnqp_desktop.documents.paragraphs import ParagraphLayout, ParagraphStyle, Span
from dnqp_desktop.documents.text import KeptNames, break_opportunities, font_runs, kept_name_parts, word_boundaries

NOTO_AND_LIBERATION = [Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/truetype/liberation2")]


def _runs(text: str, fonts, language: str = "lo") -> list[tuple[str, str]]:
    return [(text[r.start : r.end], r.face.font.face.name.decode()) for r in font_runs(text, language, fonts)]


def test_lao_digits_and_punctuation_stay_with_phetsarath_which_has_them() -> None:
    fonts = load_fonts("lo")
    assert _runs("ປີ 2025 (ຫວຽດນາມ), Lê Minh Quang", fonts) == [
        ("ປີ 2025 (ຫວຽດນາມ), ", "PhetsarathOT"),
        ("Lê Minh Quang", "LiberationSerif"),
    ]


def test_noto_serif_lao_lacks_digits_so_they_go_to_the_latin_font() -> None:
    fonts = load_fonts("lo", NOTO_AND_LIBERATION)
    assert _runs("ປີ2025 (ຫວຽດນາມ),", fonts) == [
        ("ປີ", "NotoSerifLao-Regular"),
        ("2025 (", "LiberationSerif"),
        ("ຫວຽດນາມ", "NotoSerifLao-Regular"),
        ("),", "LiberationSerif"),
    ]


def test_vietnamese_text_never_uses_the_lao_font() -> None:
    """Phetsarath OT has 44 of the 146 Vietnamese letters: ạ ằ ẫ ự đ must come from the Latin font."""
    fonts = load_fonts("lo")
    assert _runs("Thanh Hóa, Đặng Văn Long – ạ ằ ẫ ự đ", fonts, "vi") == [
        ("Thanh Hóa, Đặng Văn Long – ạ ằ ẫ ự đ", "LiberationSerif")
    ]


def test_icu_splits_thanh_hoa_but_kept_names_hold_it_together() -> None:
    text = "ກອງບັນຊາການທະຫານແຂວງແທງຮວາ ຊ່ວຍບຳລຸງພາສາຫວຽດນາມ"
    free = break_opportunities(text, "lo")
    assert 23 in free  # ແທງ|ຮ|ວາ: ICU cuts the transliterated name
    kept = KeptNames(kept_name_parts(["ກອງບັນຊາການທະຫານແຂວງແທງຮວາ"], "lo"))
    held = break_opportunities(text, "lo", kept)
    assert [p for p in held if p < 27] == []
    assert set(held) <= set(word_boundaries(text, "lo")) | {27}


def test_vietnamese_phrases_are_kept_in_any_case() -> None:
    kept = KeptNames(("quân sự", "Thanh Hóa"), whole_words=True)
    text = "BỘ CHỈ HUY QUÂN SỰ TỈNH THANH HÓA"
    assert break_opportunities(text, "vi", kept) == [3, 7, 11, 19, 24]  # not in QUÂN SỰ, THANH HÓA


def test_lines_are_filled_by_measured_width_and_never_cut_a_syllable() -> None:
    fonts = load_fonts("lo")
    layout = ParagraphLayout(fonts, "lo")
    text = "ສອງຝ່າຍປະສານສົມທົບກັນຂຸດຄົ້ນແລະສົ່ງອັດຖິທະຫານອາສາສະໝັກແລະຊ່ຽວຊານຫວຽດນາມກັບຄືນປະເທດ"
    lines = layout.lay_out([Span(text)], ParagraphStyle(size=13, align="left"), 120)
    assert len(lines) > 2 and all(line.width <= 120.01 for line in lines)
    boundaries = set(word_boundaries(text, "lo"))
    assert all(line.start in boundaries for line in lines[1:])
    assert "".join(piece.shaped.text for line in lines for piece in line.pieces) == text
