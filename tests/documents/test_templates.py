"""Templates per kind: dates and numbers the decree's way, the closing article, the starting parts."""

from __future__ import annotations

from datetime import date

import pytest

from dnqp_desktop.core.i18n import format_date
from dnqp_desktop.documents.fonts import load_fonts
from dnqp_desktop.documents.model import Arrangement
from dnqp_desktop.documents.templates import TEMPLATES, ClosingFacts, template_for
from dnqp_desktop.documents.templates.languages import khmer_date, lao_date, roman, vietnamese_date
from dnqp_desktop.documents.text import has_script_letters, uncovered_chars
from tests.documents.conftest import FACTS
from tests.documents.parts import part_lines
from tests.documents.pdfread import joined, nfkc


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2020, 1, 5), "ngày 05 tháng 01 năm 2020"),
        (date(2025, 2, 28), "ngày 28 tháng 02 năm 2025"),
        (date(2025, 4, 24), "ngày 24 tháng 4 năm 2025"),
        (date(2025, 12, 9), "ngày 09 tháng 12 năm 2025"),
    ],
)
def test_vietnamese_dates_take_leading_zeros_per_the_decree(day: date, text: str) -> None:
    assert vietnamese_date(day) == text


def test_lao_and_khmer_dates() -> None:
    assert lao_date(date(2025, 5, 22)) == "ວັນທີ 22 ພຶດສະພາ 2025"
    for month in range(1, 13):  # the same CLDR month names as the user interface
        assert lao_date(date(2025, month, 3)) == format_date(date(2025, month, 3), "long", "lo")
    assert khmer_date(date(2025, 3, 7)) == "ថ្ងៃទី៧ ខែមីនា ឆ្នាំ២០២៥"
    assert [roman(n) for n in (1, 3, 4, 9, 14)] == ["I", "III", "IV", "IX", "XIV"]


@pytest.mark.parametrize("kind", sorted(TEMPLATES))
def test_closing_article_states_place_date_originals_and_equal_validity(kind: str) -> None:
    closing = template_for(kind).prefill(FACTS).articles[-1]
    assert "Sầm Nưa, ngày 22 tháng 5 năm 2025" in closing.body_vi
    assert "04 bản" in closing.body_vi and "tiếng Việt và tiếng Lào" in closing.body_vi
    assert "như nhau" in closing.body_vi and "mỗi Bên giữ 02 bản" in closing.body_vi
    assert "ຊຳເໜືອ, ວັນທີ 22 ພຶດສະພາ 2025" in closing.body_partner
    assert "4 ສະບັບ" in closing.body_partner and "ພາສາຫວຽດນາມ ແລະ ພາສາລາວ" in closing.body_partner
    assert "ເທົ່າທຽມກັນ" in closing.body_partner and closing.title_vi and closing.title_partner


def test_khmer_closing_article() -> None:
    facts = ClosingFacts("Tây Ninh", "តៃនិញ", date(2025, 3, 7), 2, "km")
    closing = template_for("memorandum").closing_article(facts)
    assert "tiếng Việt và tiếng Khmer" in closing.body_vi
    assert "តៃនិញ ថ្ងៃទី៧ ខែមីនា ឆ្នាំ២០២៥" in closing.body_partner and "ភាសាខ្មែរ" in closing.body_partner


@pytest.mark.parametrize("kind", sorted(TEMPLATES))
def test_starting_parts_are_complete_and_printable(kind: str) -> None:
    parts = template_for(kind).prefill(FACTS)
    fonts = load_fonts("lo")
    for part in (*parts.chapters, *parts.articles):
        assert part.title_vi and has_script_letters(part.title_partner, "lo")
        for text in (part.title_vi, part.title_partner, part.body_vi, part.body_partner):
            assert uncovered_chars(text, fonts) == []
    if kind == "twinning_regulation":
        assert len(parts.chapters) == 3 and parts.articles[-1].chapter == 2


def test_title_summary_drops_the_type_of_document() -> None:
    template = template_for("annual_cooperation")
    assert template.summary("Thỏa thuận hợp tác năm 2025", "vi") == "Hợp tác năm 2025"
    assert template.summary("ຂໍ້ຕົກລົງວ່າດ້ວຍການຮ່ວມມື", "lo") == "ວ່າດ້ວຍການຮ່ວມມື"
    assert template.summary("Kế hoạch hợp tác", "vi") == "Kế hoạch hợp tác"


@pytest.mark.parametrize("arrangement", [Arrangement.ORIGINALS, Arrangement.SIDE_BY_SIDE])
def test_minutes_print_from_their_template(demo_documents, rendered, arrangement) -> None:
    """Minutes number their sections I., II.; the closing section is the template's."""
    document = demo_documents["minutes"]
    data = rendered[("minutes", arrangement)]
    vietnamese, _ = joined(part_lines(data, arrangement, "vi", document))
    lao, _ = joined(part_lines(data, arrangement, "lo", document))
    closing = template_for("minutes").prefill(FACTS).articles[-1]
    assert "BIÊN BẢN HỘI ĐÀM" in vietnamese and "I. Kết quả hợp tác năm qua" in vietnamese
    assert "III. Hiệu lực" in vietnamese and nfkc(closing.body_partner) in nfkc(lao)
