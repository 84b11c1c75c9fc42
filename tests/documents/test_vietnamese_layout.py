"""The Vietnamese part, measured from the PDF, against Nghị định 30/2020 (DOCUMENTS.md §1)."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from dnqp_desktop.documents.model import Arrangement
from tests.documents.conftest import ARRANGEMENTS
from tests.documents.parts import part_lines
from tests.documents.pdfread import MM, pages_chars, text_lines

A4_WIDTH, A4_HEIGHT = 210 * MM, 297 * MM
LEFT, RIGHT, TOP, BOTTOM = 30 * MM, A4_WIDTH - 15 * MM, 20 * MM, A4_HEIGHT - 20 * MM
DOCUMENTS = ("annual_cooperation", "memorandum", "twinning_regulation", "khmer")
TOLERANCE = 0.5


def _vietnamese_pages(data: bytes, document) -> list[int]:
    lines = part_lines(data, Arrangement.ORIGINALS, "vi", document)
    return sorted({line.page for line in lines})


def _line(lines, text: str):
    return next(line for line in lines if line.text.strip() == text)


def _style(line) -> tuple[float, str]:
    visible = [c for c in line.chars if c["text"].strip()]
    sizes = {round(c["size"], 1) for c in visible}
    fonts = {c["fontname"].split("+")[-1] for c in visible}
    assert len(sizes) == 1 and len(fonts) == 1, (line.text, sizes, fonts)
    return sizes.pop(), fonts.pop()


@pytest.mark.parametrize("kind", DOCUMENTS)
def test_margins(rendered, demo_documents, kind) -> None:
    data = rendered[(kind, Arrangement.ORIGINALS)]
    pages = pages_chars(data)
    lefts, rights = [], []
    for number in _vietnamese_pages(data, demo_documents[kind]):
        body = [c for c in pages[number] if c["text"].strip() and c["top"] > TOP - TOLERANCE]
        assert min(c["top"] for c in body) >= TOP - TOLERANCE
        assert max(c["bottom"] for c in body) <= BOTTOM + TOLERANCE
        assert min(c["x0"] for c in body) >= LEFT - TOLERANCE
        assert max(c["x1"] for c in body) <= RIGHT + TOLERANCE
        lefts.append(min(c["x0"] for c in body))
        rights.append(max(c["x1"] for c in body))
    # justified body lines run from margin to margin
    assert abs(min(lefts) - LEFT) < TOLERANCE and abs(max(rights) - RIGHT) < TOLERANCE


@pytest.mark.parametrize("arrangement", ARRANGEMENTS)
def test_page_numbers_from_page_two_centred_in_the_top_margin(rendered, demo_documents, arrangement) -> None:
    data = rendered[("twinning_regulation", arrangement)]
    pages = pages_chars(data)
    numbered = 0
    for number, chars in enumerate(pages):
        top = [c for c in chars if c["text"].strip() and c["bottom"] < TOP]
        if arrangement == Arrangement.ORIGINALS and number == _lao_start(data, demo_documents) or number == 0:
            assert top == []
            continue
        text = "".join(c["text"] for c in top)
        assert text.isdigit()
        assert {round(c["size"], 1) for c in top} == {13.0}
        centre = (min(c["x0"] for c in top) + max(c["x1"] for c in top)) / 2
        assert abs(centre - (LEFT + RIGHT) / 2) < 1.0
        numbered += 1
    assert numbered >= 2


def _lao_start(data: bytes, demo_documents) -> int:
    lines = part_lines(data, Arrangement.ORIGINALS, "lo", demo_documents["twinning_regulation"])
    return lines[0].page


def test_heading_block_sizes_and_styles(rendered, demo_documents) -> None:
    data = rendered[("annual_cooperation", Arrangement.ORIGINALS)]
    lines = part_lines(data, Arrangement.ORIGINALS, "vi", demo_documents["annual_cooperation"])
    expected = {
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": (12.0, "LiberationSerif-Bold"),
        "Độc lập - Tự do - Hạnh phúc": (13.0, "LiberationSerif-Bold"),
        "QUÂN KHU 4": (12.0, "LiberationSerif"),
        "BỘ CHỈ HUY QUÂN SỰ": (12.0, "LiberationSerif-Bold"),
        "TỈNH THANH HÓA": (12.0, "LiberationSerif-Bold"),
        "Số: 01/TTHT-TH-HP": (13.0, "LiberationSerif"),
        "Sầm Nưa, ngày 22 tháng 5 năm 2025": (14.0, "LiberationSerif-Italic"),
        "THỎA THUẬN": (14.0, "LiberationSerif-Bold"),
        "Điều 1. Trao đổi đoàn và thông tin": (14.0, "LiberationSerif-Bold"),
        "CHỈ HUY TRƯỞNG": (13.0, "LiberationSerif-Bold"),
        "Đại tá Lê Minh Quang": (14.0, "LiberationSerif-Bold"),
        "Nơi nhận:": (12.0, "LiberationSerif-BoldItalic"),
        "- Quân khu 4 (để báo cáo);": (11.0, "LiberationSerif"),
        "- Lưu: VT, TM.": (11.0, "LiberationSerif"),
    }
    for text, style in expected.items():
        found = [line for line in lines if text in line.text]
        assert found, text
        assert _style(found[0]) == style, text
    # Số sits level with the place and date, under the agency and under the Quốc hiệu
    number, when = _line(lines, "Số: 01/TTHT-TH-HP"), _line(lines, "Sầm Nưa, ngày 22 tháng 5 năm 2025")
    assert abs(number.baseline - when.baseline) < 0.5 and number.x1 < when.x0


def test_tieu_ngu_rule_is_as_long_as_the_motto(rendered, demo_documents) -> None:
    data = rendered[("annual_cooperation", Arrangement.ORIGINALS)]
    lines = part_lines(data, Arrangement.ORIGINALS, "vi", demo_documents["annual_cooperation"])
    motto = _line(lines, "Độc lập - Tự do - Hạnh phúc")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        rules = pdf.pages[0].lines
    under = [r for r in rules if 0 < motto.baseline - (A4_HEIGHT - r["top"]) < 8]
    assert len(under) == 1
    assert abs(under[0]["x0"] - motto.x0) < 1.0 and abs(under[0]["x1"] - motto.x1) < 1.0


@pytest.mark.parametrize("arrangement", ARRANGEMENTS)
def test_body_size_indent_and_paragraph_spacing(rendered, demo_documents, arrangement) -> None:
    document = demo_documents["twinning_regulation"]
    lines = part_lines(rendered[("twinning_regulation", arrangement)], arrangement, "vi", document)
    body = document.articles[0].body.vi
    first = next(i for i, line in enumerate(lines) if body.startswith(line.text.strip()))
    assert _style(lines[first]) == (14.0, "LiberationSerif")
    left = min(line.x0 for line in lines if line.page == lines[first].page and "Điều" not in line.text)
    assert abs(lines[first].x0 - left - 12.7 * MM) < TOLERANCE  # first-line indent 1.27 cm
    if arrangement == Arrangement.ORIGINALS:
        assert abs(left - LEFT) < TOLERANCE
    heading = next(i for i, line in enumerate(lines) if line.text.startswith("Điều 2."))
    leading = lines[first].baseline - lines[first + 1].baseline
    gap = lines[heading - 1].baseline - lines[heading].baseline
    assert gap >= leading + 6.0 - 0.1  # at least 6 pt between paragraphs


def test_dates_and_numbers_take_their_leading_zeros(rendered, demo_documents) -> None:
    data = rendered[("khmer", Arrangement.ORIGINALS)]
    lines = text_lines(data)
    texts = [line.text.strip() for line in lines]
    assert "Số: 03/BGN-TN-SR" in texts
    assert "Tây Ninh, ngày 07 tháng 3 năm 2025" in texts
