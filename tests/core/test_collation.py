"""Vietnamese and Lao order as their readers expect it (GLOSSARY.md §3)."""

from __future__ import annotations

import unicodedata

import pytest

from dnqp_desktop.core.collation import sort_key


def test_vietnamese_alphabet_order() -> None:
    words = ["Yên", "ưu", "uy", "ơn", "ôn", "on", "Đặng", "Dung", "Ân", "Ăn", "An", "Zeta", "Bảo"]
    assert sorted(words, key=sort_key) == [
        "An",
        "Ăn",
        "Ân",
        "Bảo",
        "Dung",
        "Đặng",
        "on",
        "ôn",
        "ơn",
        "uy",
        "ưu",
        "Yên",
        "Zeta",
    ]


def test_tones_are_secondary_in_their_order() -> None:
    # none < huyền < hỏi < ngã < sắc < nặng, and only after the letters decided nothing
    assert sorted(["Bạ", "Bá", "Bã", "Bả", "Bà", "Ba", "Bac"], key=sort_key) == [
        "Ba",
        "Bà",
        "Bả",
        "Bã",
        "Bá",
        "Bạ",
        "Bac",
    ]


def test_decomposed_input_sorts_like_composed() -> None:
    text = "Nguyễn Thắng Xuân"
    assert sort_key(unicodedata.normalize("NFD", text)) == sort_key(text)


def test_case_does_not_decide_before_letters() -> None:
    assert sorted(["bình", "An", "Bình", "an"], key=sort_key) == ["an", "An", "bình", "Bình"]


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ("ຈັນ", "ສົມ"),  # traditional order: ຈ before ສ (Unicode puts ສ near the end)
        ("ສົມ", "ຊຽງ"),  # ສ before ຊ
        ("ກອງ", "ເຊກອງ"),  # a pre-written vowel sorts after its consonant: ເຊ sorts under ຊ
        ("ຊຽງຂວາງ", "ເຊກອງ"),
        ("ໜອງ", "ຫົວພັນ"),  # ໜ sorts as ຫນ
        ("ຫຼວງພະບາງ", "ຫົວພັນ"),  # ຫຼ sorts as ຫລ
    ],
)
def test_lao_order(earlier: str, later: str) -> None:
    assert sort_key(earlier) < sort_key(later)


def test_lao_spelling_variants_sort_together() -> None:
    assert sort_key("ຄຳມ່ວນ") == sort_key("ຄໍາມ່ວນ")  # ຳ and ໍ + າ
    assert sort_key("ໜອງ")[0] == sort_key("ຫນອງ")[0]
