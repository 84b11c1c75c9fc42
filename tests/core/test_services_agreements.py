"""Agreements: number and symbol, status and dates, parties, signatories, chapters and articles."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from dnqp_desktop.core.library import Library
from tests.core.test_services_common import refused
from tests.helpers import make_agreement, make_lao_unit, make_person, make_talk, make_unit

VALID = {"kind": "twinning_regulation", "title_vi": "Quy chế kết nghĩa"}


@pytest.fixture
def sides(library: Library) -> dict[str, Any]:
    return {
        "db": make_unit(library, name_vi="Bộ CHQS tỉnh Điện Biên"),
        "lp": make_lao_unit(library, name_vi="Bộ CHQS tỉnh Luông Pha Bang"),
        "xuan": make_person(library, name_vi="Nguyễn Thắng Xuân"),
        "bun": make_person(library, name_vi="Bun Chăn Vị Lay Chít"),
    }


def _regulation(sides: dict[str, Any]) -> dict[str, Any]:
    """The Điện Biên – Luang Prabang twinning regulation: 3 chapters, 11 articles."""
    per_chapter = [(0, 3), (1, 5), (2, 3)]
    articles = [
        {"chapter_position": chapter, "title_vi": f"Điều {n}", "body_vi": f"Nội dung điều {n}", "body_lo": "ເນື້ອໃນ"}
        for n, chapter in enumerate((c for c, count in per_chapter for _ in range(count)), start=1)
    ]
    return {
        **VALID,
        "number": "05",
        "symbol": "qc-bch",
        "title_lo": "ລະບຽບການ",
        "place_vi": "Luông Pha Bang",
        "signed_on": "15/05/2015",
        "valid_from": "15/05/2015",
        "status": "signed",
        "originals_count": "4",
        "preamble_vi": "Căn cứ…\nHai bên thống nhất:",
        "parties": [{"unit_id": sides["db"].id}, {"unit_id": sides["lp"].id}],
        "signatories": [
            {"person_id": sides["xuan"].id, "unit_id": sides["db"].id, "rank": "colonel", "position_vi": "Chính ủy"},
            {"person_id": sides["bun"].id, "unit_id": sides["lp"].id, "rank": "major_general"},
        ],
        "chapters": [{"title_vi": "Chương I"}, {"title_vi": "Chương II"}, {"title_vi": "Chương III"}],
        "articles": articles,
    }


def test_a_signed_regulation_of_three_chapters_and_eleven_articles(library: Library, system, sides) -> None:
    agreement = library.agreements.create(_regulation(sides), actor=system)
    assert (agreement.number, agreement.symbol, agreement.originals_count) == ("05", "QC-BCH", 4)
    assert agreement.signed_on == date(2015, 5, 15) and agreement.status == "signed"
    assert [c.title_vi for c in agreement.chapters] == ["Chương I", "Chương II", "Chương III"]
    assert [a.title_vi for a in agreement.articles] == [f"Điều {n}" for n in range(1, 12)]
    assert [a.chapter_position for a in agreement.articles] == [0] * 3 + [1] * 5 + [2] * 3
    assert [a.position for a in agreement.articles] == list(range(11))
    assert [p.unit_id for p in agreement.parties] == [sides["db"].id, sides["lp"].id]
    assert [(s.rank, s.position) for s in agreement.signatories] == [("colonel", 0), ("major_general", 1)]


def test_defaults_and_articles_without_chapters(library: Library, sides) -> None:
    agreement = make_agreement(
        library,
        articles=[{"title_vi": "Điều 1"}, {"title_vi": "Điều 2"}],
        signatories=[{"person_id": sides["xuan"].id}],
    )
    assert (agreement.status, agreement.originals_count, agreement.number) == ("draft", 2, "")
    assert [a.chapter_position for a in agreement.articles] == [None, None]
    assert agreement.signatories[0].rank == ""


def test_links_to_the_talks_and_the_agreement_it_replaces(library: Library, system) -> None:
    old = make_agreement(library, title_vi="Thỏa thuận hợp tác năm 2024")
    talk = make_talk(library)
    new = make_agreement(library, supersedes_id=old.id, talk_id=talk.id)
    assert (new.supersedes_id, new.talk_id) == (old.id, talk.id)
    assert [a.id for a in library.agreements.list(filters={"talk_id": talk.id})] == [new.id]


@pytest.mark.parametrize(
    ("data", "message_id", "field"),
    [
        ({"kind": None}, "required", "kind"),
        ({"kind": "quy chế"}, "invalid_choice", "kind"),
        ({"title_vi": ""}, "required", "title_vi"),
        ({"title_vi": "x" * 501}, "too_long", "title_vi"),
        ({"title_lo": "Labiap kan"}, "not_lao_script", "title_lo"),
        ({"preamble_lo": "ÁñÈ"}, "not_lao_script", "preamble_lo"),
        ({"number": "0 5"}, "invalid_document_number", "number"),
        ({"number": "05/QC"}, "invalid_document_number", "number"),
        ({"symbol": "QC BCH"}, "has_spaces", "symbol"),
        ({"symbol": "x" * 61}, "too_long", "symbol"),
        ({"status": "ký"}, "invalid_choice", "status"),
        ({"status": "signed"}, "signed_date_required", "signed_on"),
        ({"signed_on": "30/02/2015"}, "invalid_date", "signed_on"),
        ({"valid_from": "2025-05-22", "valid_to": "2025-05-21"}, "date_order", "valid_to"),
        ({"originals_count": 0}, "below_minimum", "originals_count"),
        ({"originals_count": 21}, "above_maximum", "originals_count"),
        ({"originals_count": "hai"}, "not_integer", "originals_count"),
        ({"supersedes_id": "no-such-agreement"}, "reference_missing", "supersedes_id"),
        ({"talk_id": "no-such-talk"}, "reference_missing", "talk_id"),
    ],
)
def test_agreement_rule_refuses(library: Library, system, data: dict, message_id: str, field: str) -> None:
    refused(library, lambda: library.agreements.create({**VALID, **data}, actor=system), message_id, field)


def test_an_agreement_cannot_supersede_itself(library: Library, system) -> None:
    agreement = make_agreement(library)
    refused(
        library,
        lambda: library.agreements.update(agreement.id, {"supersedes_id": agreement.id}, actor=system),
        "self_reference",
        "supersedes_id",
    )


def test_a_trashed_agreement_cannot_be_superseded(library: Library, system) -> None:
    old = make_agreement(library)
    library.agreements.delete(old.id, actor=system)
    refused(library, lambda: make_agreement(library, supersedes_id=old.id), "reference_deleted", "supersedes_id")


def test_signing_needs_the_date(library: Library, system) -> None:
    """Recording an agreement signed on paper (create) needs its date; updates never sign (see lifecycle)."""
    refused(
        library,
        lambda: make_agreement(library, status="signed"),
        "signed_date_required",
        "signed_on",
    )
    signed = make_agreement(library, status="signed", signed_on="22/5/2025")
    assert signed.signed_on == date(2025, 5, 22)
    draft = make_agreement(library)
    refused(
        library,
        lambda: library.agreements.update(draft.id, {"status": "signed", "signed_on": "22/5/2025"}, actor=system),
        "status_needs_action",
        "status",
    )


@pytest.mark.parametrize(
    ("rows", "message_id", "field", "row"),
    [
        ({"parties": [{"unit_id": "db"}, {"unit_id": "lp"}, {"unit_id": "db"}]}, "duplicate_entry", "unit_id", 3),
        ({"parties": [{"unit_id": None}]}, "required", "unit_id", 1),
        ({"signatories": [{"person_id": "xuan"}, {"person_id": "xuan"}]}, "duplicate_entry", "person_id", 2),
        ({"signatories": [{"person_id": "xuan", "rank": "đại tá"}]}, "invalid_choice", "rank", 1),
        ({"signatories": [{"person_id": "bun", "position_lo": "Chinh uy"}]}, "not_lao_script", "position_lo", 1),
        ({"signatories": [{"person_id": "bun", "unit_id": "no-such-unit"}]}, "reference_missing", "unit_id", 1),
        ({"chapters": [{"title_vi": "Chương I"}, {"title_lo": "Bot thi 2"}]}, "not_lao_script", "title_lo", 2),
        ({"articles": [{"title_vi": "Điều 1", "chapter_position": 0}]}, "chapter_missing", "chapter_position", 1),
        (
            {"chapters": [{"title_vi": "Chương I"}], "articles": [{"chapter_position": 0}, {"chapter_position": 1}]},
            "chapter_missing",
            "chapter_position",
            2,
        ),
        (
            {"chapters": [{"title_vi": "Chương I"}], "articles": [{"chapter_position": 0}, {"title_vi": "Điều 2"}]},
            "article_without_chapter",
            "chapter_position",
            2,
        ),
        ({"articles": [{"chapter_position": -1}]}, "below_minimum", "chapter_position", 1),
        ({"articles": [{"chapter_position": "I"}]}, "not_integer", "chapter_position", 1),
        ({"articles": [{"body_lo": "Matta 1"}]}, "not_lao_script", "body_lo", 1),
    ],
)
def test_agreement_rows_rule_refuses(library: Library, system, sides, rows, message_id, field, row) -> None:
    data = {
        name: [{k: sides[v].id if v in sides else v for k, v in r.items()} for r in value]
        for name, value in rows.items()
    }
    error = refused(library, lambda: make_agreement(library, **data), message_id, field, row=row)
    if message_id == "chapter_missing":
        assert error.params["article"] == row and f" {row} " in error.message("en")


def test_removing_a_chapter_that_articles_use_is_refused(library: Library, system, sides) -> None:
    agreement = library.agreements.create({**_regulation(sides), "status": "draft"}, actor=system)
    chapters = [{"id": c.id} for c in agreement.chapters[:2]]
    refused(
        library,
        lambda: library.agreements.update(agreement.id, {"chapters": chapters}, actor=system),
        "chapter_missing",
        "chapter_position",
        row=9,
        count=3,
    )


def test_trashed_units_and_people_cannot_sign(library: Library, system, sides) -> None:
    library.units.delete(sides["lp"].id, actor=system)
    library.people.delete(sides["bun"].id, actor=system)
    refused(
        library,
        lambda: make_agreement(library, parties=[{"unit_id": sides["lp"].id}]),
        "reference_deleted",
        "unit_id",
        row=1,
    )
    refused(
        library,
        lambda: make_agreement(library, signatories=[{"person_id": sides["bun"].id}]),
        "reference_deleted",
        "person_id",
        row=1,
    )
