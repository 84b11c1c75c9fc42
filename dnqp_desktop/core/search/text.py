"""Folding and keys: how text is reduced to what the index stores and a query is compared with."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

#: Characters kept of each key; a longer query is narrowed by its first ones and then checked in full.
KEY_LENGTH = 20
SEPARATOR = "|"

_FOLD_TABLE: dict[int, str | None] = {code: None for code in range(0x0300, 0x0370)}  # Latin marks only
_FOLD_TABLE.update({ord(c): "d" for c in "đĐðÐ"})  # đ does not decompose; Ð is a common stand-in
_FOLD_TABLE.update({0x0ED0 + digit: str(digit) for digit in range(10)})  # Lao digits
_FOLD_TABLE.update({code: None for code in (0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)})  # invisible
_LAO_MARKS = re.compile("[\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ece]{2,}")
_SUBSCRIPT_LO = "\u0ebc"


def _lao_mark_order(mark: str) -> tuple[int, int]:
    return (0 if mark == _SUBSCRIPT_LO else 1, ord(mark))


def fold(text: str) -> str:
    """One spelling for everything a reader takes as the same: the text the index stores and matches.

    NFKD splits ệ into e and its marks and ຳ into ໍ+າ, ໜ into ຫນ; Latin marks (U+0300–U+036F) go, so
    hòa = hoà = hoa and Thuỷ = Thủy = thuy, but Lao vowel and tone marks stay; đ → d. Lao marks
    stacked on one letter are put in one order (typing order varies), and ຫຼ becomes ຫລ, which no
    normal form unifies. Lao digits become 0–9.
    """
    folded = unicodedata.normalize("NFKD", text).casefold().translate(_FOLD_TABLE)
    if folded.isascii():  # Vietnamese and English once folded: no Lao marks to order or replace
        return folded
    folded = _LAO_MARKS.sub(lambda run: "".join(sorted(run.group(), key=_lao_mark_order)), folded)
    return folded.replace(_SUBSCRIPT_LO, "\u0ea5")


_ASCII_GAPS = re.compile(r"[^a-z0-9]+")


def words(text: str) -> str:
    """Folded text as words of letters, digits and marks separated by single spaces."""
    if not text:
        return ""
    folded = fold(text)
    if folded.isascii():  # every Vietnamese text once folded: the same result, without a loop per letter
        return _ASCII_GAPS.sub(" ", folded).strip()
    out: list[str] = []
    gap = True
    for char in folded:
        if unicodedata.category(char)[0] in "LNM":
            out.append(char)
            gap = False
        elif not gap:
            out.append(" ")
            gap = True
    return "".join(out).strip()


def query_terms(query: str) -> list[str]:
    """The words of a query, folded, each without its inner hyphens or dots ("Xiêng-pheng" → xiengpheng)."""
    terms = [words(part).replace(" ", "") for part in query.split()]
    return [term for term in terms if term]


#: How good a match starting at a key is, kept with the key so that ranking needs no other table:
#: at the start of a name, at a word of a name, inside a Lao word of a name, anywhere in other text.
NAME_START, NAME_WORD, NAME_INSIDE, OTHER = 0, 1, 2, 3


def index_keys(spaced: str, *, name: bool) -> dict[str, int]:
    """Where a match may start, and how good it is: at each word, and at each letter of scripts
    written without spaces (Lao), each key cut to KEY_LENGTH characters."""
    compact = spaced.replace(" ", "")
    found: dict[str, int] = {}
    if spaced.isascii():  # keys only where words start (Latin script): no loop per letter
        position = 0
        for word in spaced.split(" "):
            if word:
                weight = (NAME_START if position == 0 else NAME_WORD) if name else OTHER
                key = compact[position : position + KEY_LENGTH]
                if key not in found or weight < found[key]:
                    found[key] = weight
                position += len(word)
        return found
    position, new_word = 0, True
    for char in spaced:
        if char == " ":
            new_word = True
            continue
        if new_word or (char > "\u007f" and unicodedata.category(char) == "Lo"):
            weight = (NAME_START if position == 0 else NAME_WORD if new_word else NAME_INSIDE) if name else OTHER
            key = compact[position : position + KEY_LENGTH]
            found[key] = min(weight, found.get(key, weight))
        new_word = False
        position += 1
    return found


def joined(fields: Iterable[str]) -> str:
    """Fields as one column, each between separators: "|dang van long|xieng pheng|"."""
    return SEPARATOR + SEPARATOR.join(dict.fromkeys(fields)) + SEPARATOR


def fields(column: str) -> list[str]:
    return [field for field in column.split(SEPARATOR) if field]
