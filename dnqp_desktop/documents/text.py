"""Text analysis for layout: script runs with font fallback, and where a line may break.

ReportLab has no font fallback for TrueType fonts and breaks lines only at whitespace, while Lao
and Khmer have no spaces between words. So text is split here into same-font runs by Unicode
script (digits and punctuation inside Lao text go to a font that has them), and break
opportunities come from ICU's dictionary-based line breaker, minus those that would cut a name
the database or the glossary knows (ICU splits ແທງ|ຮ|ວາ, "Thanh Hóa").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from icu4py.breakers import CharacterBreaker, LineBreaker, WordBreaker

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.documents.fonts import Face, FontSet

#: Characters that are not drawn but mark a permitted break (typed to help Lao line breaking).
ZERO_WIDTH_BREAKS = frozenset("\u200b")


def char_script(char: str) -> str:
    """The script that picks a character's font: lo, km, vi (any other letter), mark or common."""
    script = _SCRIPTS.get(char)
    if script is None:
        script = _SCRIPTS[char] = _classify(char)
    return script


_SCRIPTS: dict[str, str] = {}


def _classify(char: str) -> str:
    code = ord(char)
    if 0x0E80 <= code <= 0x0EFF:
        return "lo"
    if 0x1780 <= code <= 0x17FF or 0x19E0 <= code <= 0x19FF:
        return "km"
    category = unicodedata.category(char)
    if category[0] == "M":
        return "mark"
    if category[0] == "L":
        return "vi"
    return "common"


def has_script_letters(text: str, script: str) -> bool:
    """Whether ``text`` holds at least one letter of ``script`` (legacy-font text has none)."""
    return any(char_script(char) == script and unicodedata.category(char)[0] == "L" for char in text)


class Run(NamedTuple):
    start: int
    end: int
    face: Face


class Uncovered(Exception):
    """A character that no configured font can draw, at ``index`` of the text."""

    def __init__(self, char: str, index: int) -> None:
        super().__init__(char)
        self.char = char
        self.index = index

    def error(self, **where: object) -> DomainError:
        return glyph_missing(self.char, **where)


def glyph_missing(char: str, **where: object) -> DomainError:
    """The refusal for a character no font draws, named so that a clerk can find it in the text."""
    name = unicodedata.name(char, "").title() or "?"
    return DomainError("glyph_missing", char=char, code=f"U+{ord(char):04X}", name=name, **where)


def font_runs(text: str, language: str, fonts: FontSet, *, bold: bool = False, italic: bool = False) -> list[Run]:
    """Split ``text`` into maximal runs that one face can draw; raises Uncovered.

    Letters go to their script's font; combining marks follow their base; digits, punctuation
    and spaces stay with the run they are in when its font has them (Phetsarath OT has digits,
    Noto Serif Lao has none), else go to the language's own font, else to the Vietnamese one.
    """
    faces = {script: fonts.face(script, bold=bold, italic=italic) for script in fonts.scripts}
    own = faces.get(language, faces["vi"])
    if text and _one_face_draws_all(text, own, faces):
        return [Run(0, len(text), own)]
    fallbacks = [own, faces["vi"], *faces.values()]
    runs: list[Run] = []
    previous: Face | None = None
    start = 0
    for index, char in enumerate(text):
        code = ord(char)
        script = char_script(char)
        face = faces.get(script)
        if face is None or code not in face.font.coverage:
            face = None
            if script in ("mark", "common"):
                if previous is not None and code in previous.font.coverage:
                    face = previous
                elif previous is None:
                    ahead = faces.get(_next_strong_script(text, index) or "")
                    if ahead is not None and code in ahead.font.coverage:
                        face = ahead
            if face is None:
                face = next((f for f in fallbacks if code in f.font.coverage or char in ZERO_WIDTH_BREAKS), None)
                if face is None:
                    raise Uncovered(char, index)
        if face is not previous:
            if previous is not None:
                runs.append(Run(start, index, previous))
            start, previous = index, face
    if previous is not None:
        runs.append(Run(start, len(text), previous))
    return runs


def _one_face_draws_all(text: str, own: Face, faces: dict[str, Face]) -> bool:
    """Whether the whole text is one run of ``own``: the rule below gives that for most paragraphs.

    It does when ``own`` covers every character and every letter belongs to no other script that
    has a face of its own; checked once per distinct character.
    """
    chars = set(text)
    if not own.font.coverage.issuperset(map(ord, chars)):
        return False
    return all(faces.get(script, own) is own for script in set(map(char_script, chars)))


def _next_strong_script(text: str, index: int) -> str | None:
    for char in text[index:]:
        script = char_script(char)
        if script not in ("mark", "common"):
            return script
    return None


def uncovered_chars(text: str, fonts: FontSet) -> list[tuple[int, str]]:
    """Every (index, character) of ``text`` that no configured font draws in every style.

    Fields are printed in several styles (titles bold, the date italic), so a character counts as
    covered only when each style has a face for it.
    """
    covered = fonts.covered
    if covered.issuperset(map(ord, text)):
        return []
    return [
        (index, char)
        for index, char in enumerate(text)
        if ord(char) not in covered and char not in ZERO_WIDTH_BREAKS and char not in _PARAGRAPH_BREAKS
    ]


#: Line ends separate paragraphs (``split_paragraphs``) and tabs become spaces: none is drawn.
_PARAGRAPH_BREAKS = frozenset("\n\r\t")


# --- line breaking ------------------------------------------------------------------------------

_ICU_LOCALES = {"vi": "vi", "lo": "lo", "km": "km"}


@dataclass(frozen=True)
class KeptNames:
    """Names that must not be broken across lines: units and people of the document, glossary terms.

    Lao and Khmer names match anywhere (there are no spaces around words); Vietnamese phrases
    ("quân sự", "Thanh Hóa") match whole words in any case, so that a heading in capitals breaks
    as "BỘ CHỈ HUY QUÂN SỰ / TỈNH THANH HÓA" and not inside "QUÂN SỰ".
    """

    names: tuple[str, ...] = ()
    whole_words: bool = False

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Every occurrence of every name in ``text``, overlapping ones included."""
        pattern = _compile(self.names, self.whole_words)
        if pattern is None:
            return []
        return [(m.start(), m.start() + len(m.group(1))) for m in pattern.finditer(text)]


@lru_cache(maxsize=64)
def _compile(names: tuple[str, ...], whole_words: bool) -> re.Pattern[str] | None:
    usable = sorted({n for n in names if len(n) > 1}, key=len, reverse=True)
    if not usable:
        return None
    alternatives = "|".join(map(re.escape, usable))
    if whole_words:
        return re.compile(rf"(?<!\w)(?=({alternatives})(?!\w))", re.IGNORECASE)
    return re.compile(f"(?=({alternatives}))")


def kept_name_parts(names: Iterable[str], script: str) -> tuple[str, ...]:
    """The space-separated words of ``names`` that hold ``script`` letters: each is kept whole."""
    parts = {word for name in names for word in name.split() if has_script_letters(word, script) and len(word) > 1}
    return tuple(sorted(parts))


def break_opportunities(text: str, language: str, kept: KeptNames | None = None) -> list[int]:
    """Positions (0 < p < len) where a line may end: ICU line breaks, never inside a kept name.

    Around a kept name a break is added where ICU has none but both neighbours are letters
    (ICU's dictionary may not know where a name ends).
    """
    breaks = set(_icu_breaks(text, _ICU_LOCALES.get(language, "vi")))
    if not ZERO_WIDTH_BREAKS.isdisjoint(text):
        breaks.update(index + 1 for index, char in enumerate(text[:-1]) if char in ZERO_WIDTH_BREAKS)
    if kept is not None:
        spans = kept.spans(text)
        for start, end in spans:
            for edge in (start, end):
                if 0 < edge < len(text) and _is_letter(text[edge - 1]) and _is_letter(text[edge]):
                    breaks.add(edge)
        for start, end in spans:
            breaks.difference_update(range(start + 1, end))
    return sorted(p for p in breaks if 0 < p < len(text))


@lru_cache(maxsize=4096)
def _icu_breaks(text: str, locale: str) -> tuple[int, ...]:
    return tuple(map(itemgetter(1), LineBreaker(text, locale).segments()))


def clear_caches() -> None:
    _icu_breaks.cache_clear()
    _compile.cache_clear()


def word_boundaries(text: str, language: str) -> list[int]:
    """ICU word boundaries (for splitting a word too long for a line, and for the tests)."""
    return [end for _, end in WordBreaker(text, _ICU_LOCALES.get(language, "vi")).segments()]


def grapheme_boundaries(text: str) -> list[int]:
    return [end for _, end in CharacterBreaker(text, "en").segments()]


def _is_letter(char: str) -> bool:
    return unicodedata.category(char)[0] in "LM"


def split_paragraphs(text: str) -> list[str]:
    """A text field's paragraphs: one per line, blank lines dropped, tabs as spaces."""
    return [line.replace("\t", " ").strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
