"""The editor's structural edits on plain data: numbering follows the place, nothing typed is lost."""

from __future__ import annotations

from dnqp_desktop.ui.agreements.structure import Structure, split_paragraphs


def _regulation() -> Structure:
    return Structure.from_data(
        {
            "preamble_vi": "Căn cứ Hiệp định…;\nHai bên thống nhất:",
            "preamble_lo": "ອີງຕາມ…;",
            "chapters": [{"id": "c1", "title_vi": "Chung"}, {"id": "c2", "title_vi": "Nội dung"}],
            "articles": [
                {"id": "a1", "chapter_position": 0, "title_vi": "Mục đích", "body_vi": "1. Một.\n2. Hai."},
                {"id": "a2", "chapter_position": 1, "title_vi": "Trao đổi đoàn", "body_vi": "Hằng năm."},
                {"id": "a3", "chapter_position": 1, "title_vi": "Hiệu lực", "body_vi": "Có hiệu lực."},
            ],
        }
    )


def test_paragraphs_pair_by_rank() -> None:
    pairs = split_paragraphs("Một.\n\nHai.", "ໜຶ່ງ.")
    assert [(p.vi, p.lo) for p in pairs] == [("Một.", "ໜຶ່ງ."), ("Hai.", "")]


def test_round_trip_keeps_ids_and_text() -> None:
    data = _regulation().to_data()
    assert data["preamble_vi"] == "Căn cứ Hiệp định…;\nHai bên thống nhất:"
    assert [a["id"] for a in data["articles"]] == ["a1", "a2", "a3"]
    assert data["articles"][0]["body_vi"] == "1. Một.\n2. Hai."
    assert [row[0] for row in _regulation().rows()][:4] == ["preamble", "preamble", "chapter", "article"]


def test_articles_cross_chapters_when_moved_past_the_edge() -> None:
    structure = _regulation()
    assert structure.move(("article", 1), -1) == ("article", 1)  # first of chapter II: joins chapter I
    assert [a.chapter for a in structure.articles] == [0, 0, 1]
    assert structure.move(("article", 1), -1) == ("article", 0)
    assert [a.title.vi for a in structure.articles] == ["Trao đổi đoàn", "Mục đích", "Hiệu lực"]
    assert structure.move(("chapter", 1), -1) == ("chapter", 0)  # a chapter moves with its articles
    assert [a.title.vi for a in structure.articles] == ["Hiệu lực", "Trao đổi đoàn", "Mục đích"]


def test_deleting_a_chapter_keeps_its_articles() -> None:
    structure = _regulation()
    structure.delete(("chapter", 1))
    assert len(structure.chapters) == 1 and [a.chapter for a in structure.articles] == [0, 0, 0]
    structure.delete(("chapter", 0))
    assert structure.chapters == [] and [a.chapter for a in structure.articles] == [None, None, None]


def test_an_article_added_to_an_empty_chapter_lands_in_it() -> None:
    structure = _regulation()
    key = structure.add_chapter(("chapter", 0))
    assert key == ("chapter", 1) and [a.chapter for a in structure.articles] == [0, 2, 2]
    assert structure.add_article(key) == ("article", 1)
    assert [a.chapter for a in structure.articles] == [0, 1, 2, 2]


def test_numbered_clauses_are_renumbered() -> None:
    structure = _regulation()
    assert structure.add_clause(("clause", 0, 0)) == ("clause", 0, 1)
    assert [c.vi for c in structure.articles[0].clauses] == ["1. Một.", "2. ", "3. Hai."]
    structure.delete(("clause", 0, 0))
    assert [c.vi for c in structure.articles[0].clauses] == ["1. ", "2. Hai."]
    structure.add_clause(("clause", 1, 0))  # an unnumbered article gets an unnumbered paragraph
    assert [c.vi for c in structure.articles[1].clauses] == ["Hằng năm.", ""]
