"""The parts of an agreement as the editor holds them: preamble, chapters, articles, clauses.

Plain data and the structural edits (add, move, delete), kept apart from the widgets so that the
rules are simple to read and to test: articles are numbered 1…n across chapters by their place in
one list, which is kept grouped by chapter; a clause is one paragraph of an article's text (one
line of ``body_vi``/``body_lo``), the Vietnamese and Lao paragraphs of the same rank side by side;
clauses written "1.", "2.", … are renumbered when clauses are added, moved or deleted.

A row is named by a key: ("preamble", i), ("chapter", c), ("article", a) or ("clause", a, k).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

Key = tuple[Any, ...]
_NUMBER = re.compile(r"^\s*\d+[.)]\s*")


@dataclass
class Para:
    vi: str = ""
    lo: str = ""

    def blank(self) -> bool:
        return not (self.vi.strip() or self.lo.strip())


@dataclass
class ChapterPart:
    title: Para = field(default_factory=Para)
    id: str | None = None


@dataclass
class ArticlePart:
    title: Para = field(default_factory=Para)
    clauses: list[Para] = field(default_factory=lambda: [Para()])
    chapter: int | None = None
    id: str | None = None


def split_paragraphs(vi: str, lo: str) -> list[Para]:
    """Pair the paragraphs of two texts by rank; always at least one (empty) pair."""
    left = [line for line in (vi or "").split("\n") if line.strip()]
    right = [line for line in (lo or "").split("\n") if line.strip()]
    count = max(len(left), len(right), 1)
    return [Para(_at(left, i), _at(right, i)) for i in range(count)]


def join_paragraphs(paras: list[Para], language: str) -> str:
    return "\n".join(text.strip() for p in paras if (text := getattr(p, language)).strip())


def _at(lines: list[str], index: int) -> str:
    return lines[index].strip() if index < len(lines) else ""


class Structure:
    def __init__(self) -> None:
        self.preamble: list[Para] = [Para()]
        self.chapters: list[ChapterPart] = []
        self.articles: list[ArticlePart] = []

    # --- from and to the service's mapping ------------------------------------------------------

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Structure:
        structure = cls()
        structure.preamble = split_paragraphs(data.get("preamble_vi") or "", data.get("preamble_lo") or "")
        structure.chapters = [
            ChapterPart(Para(row.get("title_vi") or "", row.get("title_lo") or ""), row.get("id"))
            for row in data.get("chapters", [])
        ]
        structure.articles = [
            ArticlePart(
                Para(row.get("title_vi") or "", row.get("title_lo") or ""),
                split_paragraphs(row.get("body_vi") or "", row.get("body_lo") or ""),
                row.get("chapter_position"),
                row.get("id"),
            )
            for row in data.get("articles", [])
        ]
        structure._sort()
        return structure

    def to_data(self) -> dict[str, Any]:
        chapters = [_with_id({"title_vi": c.title.vi, "title_lo": c.title.lo}, c.id) for c in self.chapters]
        articles = [
            _with_id(
                {
                    "chapter_position": a.chapter,
                    "title_vi": a.title.vi,
                    "title_lo": a.title.lo,
                    "body_vi": join_paragraphs(a.clauses, "vi"),
                    "body_lo": join_paragraphs(a.clauses, "lo"),
                },
                a.id,
            )
            for a in self.articles
        ]
        return {
            "preamble_vi": join_paragraphs(self.preamble, "vi"),
            "preamble_lo": join_paragraphs(self.preamble, "lo"),
            "chapters": chapters,
            "articles": articles,
        }

    # --- rows -------------------------------------------------------------------------------------

    def rows(self) -> list[Key]:
        """Every row in display order: the preamble, then each chapter with its articles and clauses."""
        keys: list[Key] = [("preamble", i) for i in range(len(self.preamble))]
        shown: set[int] = set()
        for c in range(len(self.chapters)):
            keys.append(("chapter", c))
            for a, article in enumerate(self.articles):
                if article.chapter == c:
                    keys += self._article_rows(a)
                    shown.add(a)
        for a in range(len(self.articles)):
            if a not in shown:
                keys += self._article_rows(a)
        return keys

    def _article_rows(self, a: int) -> list[Key]:
        return [("article", a), *(("clause", a, k) for k in range(len(self.articles[a].clauses)))]

    def para(self, key: Key) -> Para:
        kind = key[0]
        if kind == "preamble":
            return self.preamble[key[1]]
        if kind == "chapter":
            return self.chapters[key[1]].title
        if kind == "article":
            return self.articles[key[1]].title
        return self.articles[key[1]].clauses[key[2]]

    def chapter_of(self, key: Key | None) -> int | None:
        if key is None or key[0] == "preamble":
            return None
        if key[0] == "chapter":
            return key[1]
        return self.articles[key[1]].chapter

    # --- adding -----------------------------------------------------------------------------------

    def add_chapter(self, at: Key | None) -> Key:
        """A chapter after the current one; the first chapter takes in every article."""
        if not self.chapters:
            self.chapters.append(ChapterPart())
            for article in self.articles:
                article.chapter = 0
            return ("chapter", 0)
        current = self.chapter_of(at)
        index = len(self.chapters) if current is None else current + 1
        self.chapters.insert(index, ChapterPart())
        for article in self.articles:
            if article.chapter is not None and article.chapter >= index:
                article.chapter += 1
        return ("chapter", index)

    def add_article(self, at: Key | None) -> Key:
        """An article after the current one, in the same chapter (or last in the current chapter)."""
        if at is not None and at[0] in ("article", "clause"):
            index, chapter = at[1] + 1, self.articles[at[1]].chapter
        else:
            chapter = self.chapter_of(at)
            if chapter is None and self.chapters:
                chapter = len(self.chapters) - 1
            members = [a for a, article in enumerate(self.articles) if article.chapter == chapter]
            if members:
                index = members[-1] + 1
            else:  # an empty chapter: after the articles of the chapters before it
                index = sum(1 for article in self.articles if (article.chapter or 0) < (chapter or 0))
        self.articles.insert(index, ArticlePart(chapter=chapter))
        return ("article", index)

    def add_clause(self, at: Key | None) -> Key:
        """A paragraph after the current one: in the preamble, or in the current (or last) article."""
        if at is not None and at[0] == "preamble":
            self.preamble.insert(at[1] + 1, Para())
            return ("preamble", at[1] + 1)
        if at is None or at[0] == "chapter":
            if not self.articles:
                return self.add_article(at)
            a = len(self.articles) - 1 if at is None else self._last_article_of(at[1])
            if a is None:
                return self.add_article(at)
            k = len(self.articles[a].clauses)
        else:
            a = at[1]
            k = at[2] + 1 if at[0] == "clause" else 0
        clauses = self.articles[a].clauses
        numbered = any(_NUMBER.match(c.vi) or _NUMBER.match(c.lo) for c in clauses)
        clauses.insert(k, Para("0. ", "0. ") if numbered else Para())
        self.renumber(a)
        return ("clause", a, k)

    def _last_article_of(self, chapter: int) -> int | None:
        members = [a for a, article in enumerate(self.articles) if article.chapter == chapter]
        return members[-1] if members else None

    # --- moving -----------------------------------------------------------------------------------

    def move(self, key: Key, step: int) -> Key:
        """Move a row one place up (-1) or down (1); returns where it went (itself when it cannot)."""
        kind = key[0]
        if kind == "preamble":
            return ("preamble", _swap(self.preamble, key[1], step))
        if kind == "chapter":
            return ("chapter", self._move_chapter(key[1], step))
        if kind == "article":
            return ("article", self._move_article(key[1], step))
        a, k = key[1], key[2]
        moved = _swap(self.articles[a].clauses, k, step)
        self.renumber(a)
        return ("clause", a, moved)

    def _move_chapter(self, c: int, step: int) -> int:
        other = c + step
        if not 0 <= other < len(self.chapters):
            return c
        self.chapters[c], self.chapters[other] = self.chapters[other], self.chapters[c]
        for article in self.articles:
            if article.chapter == c:
                article.chapter = other
            elif article.chapter == other:
                article.chapter = c
        self._sort()
        return other

    def _move_article(self, a: int, step: int) -> int:
        """Within its chapter; past the chapter's edge it joins the neighbouring chapter."""
        article = self.articles[a]
        other = a + step
        if 0 <= other < len(self.articles) and self.articles[other].chapter == article.chapter:
            self.articles[a], self.articles[other] = self.articles[other], article
            return other
        if article.chapter is not None and 0 <= article.chapter + step < len(self.chapters):
            article.chapter += step
            self._sort()
            return self.articles.index(article)
        return a

    # --- deleting ---------------------------------------------------------------------------------

    def delete(self, key: Key) -> Key | None:
        """Remove a row; returns the row to go to. A chapter's articles join the chapter before it."""
        kind = key[0]
        if kind == "preamble":
            if len(self.preamble) == 1:
                self.preamble[0] = Para()
                return key
            del self.preamble[key[1]]
            return ("preamble", max(0, key[1] - 1))
        if kind == "chapter":
            return self._delete_chapter(key[1])
        if kind == "article":
            del self.articles[key[1]]
            if not self.articles:
                return None
            return ("article", min(key[1], len(self.articles) - 1))
        a, k = key[1], key[2]
        clauses = self.articles[a].clauses
        if len(clauses) == 1:
            clauses[0] = Para()
            return key
        del clauses[k]
        self.renumber(a)
        return ("clause", a, max(0, k - 1))

    def _delete_chapter(self, c: int) -> Key | None:
        del self.chapters[c]
        if not self.chapters:
            for article in self.articles:
                article.chapter = None
            return ("article", 0) if self.articles else None
        target = c - 1 if c > 0 else 0  # the chapter before; the first chapter's go to the next one
        for article in self.articles:
            if article.chapter is not None and article.chapter > c:
                article.chapter -= 1
            elif article.chapter == c:
                article.chapter = target
        self._sort()
        return ("chapter", target)

    # --- numbering --------------------------------------------------------------------------------

    def renumber(self, a: int) -> None:
        """Write 1., 2., … before the numbered clauses of article ``a``, in both languages."""
        number = 0
        for clause in self.articles[a].clauses:
            if not (_NUMBER.match(clause.vi) or _NUMBER.match(clause.lo)):
                continue
            number += 1
            for language in ("vi", "lo"):
                text = getattr(clause, language)
                if _NUMBER.match(text):
                    setattr(clause, language, _NUMBER.sub(f"{number}. ", text, count=1))

    def _sort(self) -> None:
        """Articles grouped by chapter, keeping their order within a chapter (numbering follows)."""
        count = len(self.chapters)
        self.articles.sort(key=lambda a: a.chapter if a.chapter is not None and a.chapter < count else count)


def _swap(items: list[Any], index: int, step: int) -> int:
    other = index + step
    if not 0 <= other < len(items):
        return index
    items[index], items[other] = items[other], items[index]
    return other


def _with_id(row: dict[str, Any], record_id: str | None) -> dict[str, Any]:
    return {"id": record_id, **row} if record_id else row
