"""Sort keys for Vietnamese and Lao, as a reader of each language expects the order.

SQLite compares code points, which puts "Đ" after "Z" and Lao "ສ" near the end of the alphabet;
no collation library with Lao and Vietnamese rules ships wheels for both Linux and Windows, so the
rules of GLOSSARY.md §3 are implemented here:

- Vietnamese: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y; the tone is a secondary
  difference, none < huyền < hỏi < ngã < sắc < nặng; case is tertiary.
- Lao: the traditional consonant order (ກ ຂ ຄ ງ ຈ ສ ຊ ຍ ດ ຕ ຖ ທ ນ ບ ປ ຜ ຝ ພ ຟ ມ ຢ ຣ ລ ວ ຫ ອ ຮ);
  a vowel written before its consonant (ເ ແ ໂ ໃ ໄ) sorts after it, as it is pronounced; ໜ ໝ and
  ຫຼ sort as ຫນ ຫມ ຫລ.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_VI_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
# Marks that make a different letter (ă â ê ô ơ ư) versus marks that only carry the tone.
_LETTER_MARKS = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}
_TONE_ORDER = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_COMPOSE = {
    ("a", "breve"): "ă",
    ("a", "circumflex"): "â",
    ("e", "circumflex"): "ê",
    ("o", "circumflex"): "ô",
    ("o", "horn"): "ơ",
    ("u", "horn"): "ư",
}

_LAO_CONSONANTS = "ກຂຄງຈສຊຍດຕຖທນບປຜຝພຟມຢຣລວຫອຮ"
_LAO_PREVOWELS = frozenset("ເແໂໃໄ")
_LAO_FOLDS = str.maketrans({"ໜ": "ຫນ", "ໝ": "ຫມ", "\u0ebc": "ລ"})

# Primary weights: digits, then Latin (Vietnamese alphabet, other Latin letters after their
# nearest base), then Lao consonants, then everything else by code point.
_DIGIT_BASE, _LATIN_BASE, _LAO_BASE, _OTHER_BASE = 100, 200, 400, 1000


def _latin_weight(letter: str) -> int:
    index = _VI_ALPHABET.find(letter)
    if index >= 0:
        return _LATIN_BASE + index * 2
    # f j w z (not in the Vietnamese alphabet): just after the letter that precedes them.
    before = max((c for c in _VI_ALPHABET if c < letter), default="a")
    return _LATIN_BASE + _VI_ALPHABET.index(before) * 2 + 1


def _vietnamese_units(text: str) -> tuple[list[int], list[int], list[int]]:
    """Primary letters, tones and case for Latin-script text."""
    primary: list[int] = []
    tones: list[int] = []
    cases: list[int] = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        lower = base.lower()
        letter = lower
        tone = 0
        for mark in marks:
            if mark in _LETTER_MARKS:
                letter = _COMPOSE.get((letter, _LETTER_MARKS[mark]), letter)
            elif mark in _TONE_ORDER:
                tone = _TONE_ORDER[mark]
        if letter == "đ" or base in "đĐ":
            letter = "đ"
        if letter.isdigit():
            primary.append(_DIGIT_BASE + int(letter))
        elif "a" <= letter <= "z" or letter in _VI_ALPHABET:
            primary.append(_latin_weight(letter))
        elif letter.isspace() or unicodedata.category(letter).startswith("P"):
            primary.append(1)  # spaces and punctuation sort first and equal
        else:
            primary.append(_OTHER_BASE + ord(letter))
        tones.append(tone)
        cases.append(0 if base == lower else 1)
    return primary, tones, cases


def _lao_reordered(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).translate(_LAO_FOLDS)
    chars = list(folded)
    index = 0
    while index < len(chars) - 1:
        if chars[index] in _LAO_PREVOWELS and chars[index + 1] in _LAO_CONSONANTS:
            chars[index], chars[index + 1] = chars[index + 1], chars[index]
            index += 2
        else:
            index += 1
    return "".join(chars)


def _lao_weight(char: str) -> int:
    index = _LAO_CONSONANTS.find(char)
    if index >= 0:
        return _LAO_BASE + index
    return _LAO_BASE + 50 + ord(char) - 0x0E80


@lru_cache(maxsize=200_000)
def sort_key(text: str | None) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """A key for ``sorted``: Vietnamese and Lao text (mixed freely) in their readers' order."""
    if not text:
        return ((), (), ())
    text = unicodedata.normalize("NFC", text.strip())  # typed NFD sorts with its composed twin
    if any("\u0e80" <= char <= "\u0eff" for char in text):
        text = _lao_reordered(text)
    primary: list[int] = []
    tones: list[int] = []
    cases: list[int] = []
    for char in text:
        if "\u0ec8" <= char <= "\u0ecb":  # Lao tone marks: a secondary difference, as in Vietnamese
            if tones:
                tones[-1] = ord(char) - 0x0EC7
        elif "\u0e80" <= char <= "\u0eff":
            primary.append(_lao_weight(char))
            tones.append(0)
            cases.append(0)
        else:
            p, t, c = _vietnamese_units(char)
            primary += p
            tones += t
            cases += c
    return tuple(primary), tuple(tones), tuple(cases)
