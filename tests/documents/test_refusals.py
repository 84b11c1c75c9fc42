"""Bad input is refused with a message naming the record, the field and the problem; nothing is written."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.documents.model import AgreementDocument, Article, Layout, Pair
from dnqp_desktop.documents.render import render_agreement, write_agreement_pdf
from tests.documents.khmer import khmer_document


def _with_article(document: AgreementDocument, index: int, **changes: str) -> AgreementDocument:
    articles = list(document.articles)
    article = articles[index]
    title = Pair(changes.get("title_vi", article.title.vi), changes.get("title_partner", article.title.partner))
    body = Pair(changes.get("body_vi", article.body.vi), changes.get("body_partner", article.body.partner))
    articles[index] = Article(title, body, article.chapter)
    return dataclasses.replace(document, articles=tuple(articles))


def _refused(document: AgreementDocument, tmp_path: Path, layout: Layout | None = None) -> DomainError:
    target = tmp_path / "agreement.pdf"
    target.write_bytes(b"the previous PDF")
    with pytest.raises(DomainError) as caught:
        write_agreement_pdf(document, target, layout)
    assert target.read_bytes() == b"the previous PDF"
    assert [p.name for p in tmp_path.iterdir()] == ["agreement.pdf"]  # no temporary file left either
    return caught.value


def test_a_character_no_font_has(demo_documents, tmp_path: Path) -> None:
    document = _with_article(demo_documents["annual_cooperation"], 1, body_vi="Hai bên phối hợp 漢 tìm kiếm.")
    error = _refused(document, tmp_path)
    assert error.message_id == "glyph_missing" and error.field == "body_vi" and error.params["row"] == 2
    message = error.message("en")
    assert message.startswith("Article 2: Text (Vietnamese) of “Thỏa thuận hợp tác quân sự")
    assert "“漢” (U+6F22 Cjk Unified Ideograph-6F22)" in message and "Nothing was written" in message


def test_a_final_agreement_missing_a_language(demo_documents, tmp_path: Path) -> None:
    document = _with_article(demo_documents["twinning_regulation"], 2, body_partner="")
    assert document.status == "signed"
    error = _refused(document, tmp_path)
    assert (error.message_id, error.field, error.params["row"]) == ("language_missing", "body_lo", 3)
    assert error.message("en").startswith("Article 3: Text (Lao) of “Quy chế kết nghĩa")
    # a draft may be printed unfinished, to be read and corrected
    assert render_agreement(dataclasses.replace(document, status="draft")).startswith(b"%PDF")


def test_lao_typed_with_a_legacy_font(demo_documents, tmp_path: Path) -> None:
    document = _with_article(demo_documents["memorandum"], 0, body_partner="JvlgvdlP 2024 vkdF'")
    document = dataclasses.replace(document, status="draft")
    error = _refused(document, tmp_path)
    assert (error.message_id, error.field) == ("legacy_lao_text", "body_lo")
    assert "contains no Lao letters" in error.message("en") and error.message("en").startswith("Article 1:")


def test_khmer_typed_with_a_legacy_font(tmp_path: Path) -> None:
    document = dataclasses.replace(khmer_document(), title=Pair("Bản ghi nhớ", "Anusaranak"))
    error = _refused(document, tmp_path)
    assert (error.message_id, error.field) == ("legacy_khmer_text", "title_km")


def test_every_problem_is_reported_at_once(demo_documents, tmp_path: Path) -> None:
    document = _with_article(demo_documents["annual_cooperation"], 0, body_partner="", body_vi="✈ bay")
    document = dataclasses.replace(document, place=Pair("Sầm Nưa", "Sam Neua"))
    error = _refused(document, tmp_path)
    assert sorted(e.message_id for e in error.errors) == ["glyph_missing", "language_missing", "legacy_lao_text"]


def test_layout_outside_the_decree(demo_documents, tmp_path: Path) -> None:
    error = _refused(demo_documents["annual_cooperation"], tmp_path, Layout(margin_left=10))
    assert error.message_id == "layout_out_of_range"
    assert error.message("en") == "Left margin (mm) is 10; the allowed range is 30.0 to 35.0."


def test_cancelled_rendering_writes_nothing(demo_documents, tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    steps = []
    with pytest.raises(DomainError) as caught:
        write_agreement_pdf(
            demo_documents["annual_cooperation"],
            target,
            progress=lambda done, total, what: steps.append(done),
            cancelled=lambda: len(steps) >= 3,
        )
    assert caught.value.message_id == "pdf_cancelled" and not target.exists() and steps == [0, 1, 2]
