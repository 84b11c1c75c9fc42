"""Final, signed, new versions: the core refuses every shortcut, and each refusal leaves the data as it was."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from dnqp_desktop.core.library import Library
from dnqp_desktop.core.models import Agreement, AgreementArticle, Unit
from tests.core.test_services_agreements import _regulation
from tests.core.test_services_common import audit_rows, refused
from tests.helpers import make_agreement, make_lao_unit, make_person, make_unit

LAO = "ເນື້ອໃນ"


@pytest.fixture
def sides(library: Library) -> dict[str, Any]:
    return {
        "db": make_unit(library, name_vi="Bộ CHQS tỉnh Điện Biên", name_lo="ກອງບັນຊາການທະຫານແຂວງດຽນບຽນ"),
        "lp": make_lao_unit(library, name_vi="Bộ CHQS tỉnh Luông Pha Bang", name_lo="ກອງບັນຊາການທະຫານແຂວງຫຼວງພະບາງ"),
        "xuan": make_person(library, name_vi="Nguyễn Thắng Xuân"),
        "bun": make_person(library, name_vi="Bun Chăn Vị Lay Chít"),
    }


def _complete(sides: dict[str, Any]) -> dict[str, Any]:
    """The regulation as a draft with every part in both languages."""
    data = {**_regulation(sides), "status": "draft", "place_lo": "ຫຼວງພະບາງ", "preamble_lo": "ອີງຕາມ…"}
    data["chapters"] = [{"title_vi": f"Chương {n}", "title_lo": f"ໝວດ {n}"} for n in range(1, 4)]
    data["articles"] = [{**row, "title_lo": f"ມາດຕາ {n}"} for n, row in enumerate(data["articles"], start=1)]
    data["signatories"] = [
        {**row, "position_vi": "Chỉ huy trưởng", "position_lo": "ຫົວໜ້າກອງບັນຊາການ"} for row in data["signatories"]
    ]
    return data


@pytest.fixture
def draft(library: Library, system, sides) -> Agreement:
    return library.agreements.create(_complete(sides), actor=system)


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    path = tmp_path / "rendered.pdf"
    path.write_bytes(b"%PDF-1.4\n% the rendered agreement\n%%EOF\n")
    return path


@pytest.fixture
def scan(tmp_path: Path) -> Path:
    path = tmp_path / "ban-ky.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0 scanned signed copy")
    return path


def _final(library: Library, system, agreement: Agreement, pdf: Path) -> Agreement:
    return library.agreements.mark_final(agreement.id, pdf, layout="originals", actor=system)


def _blob_count(library: Library) -> int:
    return sum(1 for path in library.folder.attachments.rglob("*") if path.is_file())


# --- final --------------------------------------------------------------------------------------


def test_marking_final_keeps_the_pdf_and_its_hash(library: Library, system, draft, pdf) -> None:
    assert library.agreements.check_final(draft.id) == []
    final = _final(library, system, draft, pdf)
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert (final.status, final.final_sha256, final.final_layout) == ("final", digest, "originals")
    attachment = library.attachments.get(final.final_pdf_id)
    assert (attachment.owner_id, attachment.sha256, attachment.media_type) == (draft.id, digest, "application/pdf")
    assert attachment.filename == f"05-QC-BCH-final-{digest[:8]}.pdf"
    assert library.attachments.file_path(attachment).read_bytes() == pdf.read_bytes()
    assert [row.action for row in audit_rows(library)][-2:] == ["create", "mark_final"]


def test_a_missing_lao_part_is_refused_naming_each_part(library: Library, system, draft, pdf) -> None:
    articles = [{"id": a.id, "body_lo": "" if a.position in (2, 6) else a.body_lo} for a in draft.articles]
    library.agreements.update(draft.id, {"articles": articles, "place_lo": ""}, actor=system)
    error = refused(library, lambda: _final(library, system, draft, pdf), "language_missing", "place_lo", count=3)
    rows = [(e.field, e.params.get("collection"), e.params.get("row")) for e in error.errors]
    assert rows == [("place_lo", None, None), ("body_lo", "articles", 3), ("body_lo", "articles", 7)]
    assert error.errors[1].message("en").startswith("Article 3: Text (Lao) of “Quy chế kết nghĩa”")
    assert library.agreements.check_final(draft.id)[0].message_id == "language_missing"
    assert _blob_count(library) == 0


def test_lao_typed_with_a_legacy_font_is_refused(library: Library, system, draft, sides, pdf) -> None:
    # Written past the services, as an import from an older program might have left it.
    with library.write() as session:
        session.get(AgreementArticle, draft.articles[0].id).body_lo = "JvlgvdlP 2024 vkdF'"
        session.get(Unit, sides["lp"].id).name_lo = "dgvdk"
    error = refused(library, lambda: _final(library, system, draft, pdf), "legacy_lao_text", "name_lo", row=2, count=2)
    assert error.errors[0].params["collection"] == "parties"
    assert (error.errors[1].field, error.errors[1].params["row"]) == ("body_lo", 1)
    assert "contains no Lao letters" in error.errors[1].message("en")


def test_parties_and_articles_are_needed(library: Library, system, pdf) -> None:
    bare = make_agreement(library, title_lo="ຂໍ້ຕົກລົງ", place_vi="Sầm Nưa", place_lo="ຊຳເໜືອ")
    error = refused(library, lambda: _final(library, system, bare, pdf), "final_needs_parties", "parties", count=2)
    assert error.errors[1].message_id == "final_needs_articles"


def test_only_a_pdf_is_kept(library: Library, system, draft, scan) -> None:
    refused(library, lambda: _final(library, system, draft, scan), "not_a_pdf")


def test_a_change_made_while_rendering_is_refused(library: Library, system, draft, pdf) -> None:
    rendered_from = draft.updated_at
    library.agreements.update(draft.id, {"notes": "sửa trong lúc in"}, actor=system)
    refused(
        library,
        lambda: library.agreements.mark_final(
            draft.id, pdf, layout="originals", actor=system, rendered_from=rendered_from
        ),
        "agreement_changed_meanwhile",
    )


def test_editing_the_text_of_a_final_agreement_makes_it_a_draft_again(library: Library, system, draft, pdf) -> None:
    final = _final(library, system, draft, pdf)
    kept = library.agreements.update(final.id, {"notes": "Đã gửi bạn xem trước"}, actor=system)
    assert (kept.status, kept.final_sha256) == ("final", final.final_sha256)
    changed = library.agreements.update(final.id, {"title_vi": "Quy chế kết nghĩa (sửa đổi)"}, actor=system)
    assert (changed.status, changed.final_sha256, changed.final_pdf_id) == ("draft", "", None)
    assert library.attachments.count(filters={"owner_id": final.id}) == 1  # the old PDF stays, as history


@pytest.mark.parametrize("status", ["final", "signed", "superseded"])
def test_the_final_statuses_are_not_set_by_an_update(library: Library, system, draft, status) -> None:
    data = {"status": status, "signed_on": "15/05/2015"}
    refused(library, lambda: library.agreements.update(draft.id, data, actor=system), "status_needs_action", "status")


# --- signed -------------------------------------------------------------------------------------


def test_marking_signed_attaches_the_scan_and_locks_the_text(library: Library, system, draft, pdf, scan) -> None:
    _final(library, system, draft, pdf)
    signed = library.agreements.mark_signed(draft.id, signed_on="16/05/2015", scan=scan, actor=system)
    assert (signed.status, signed.signed_on) == ("signed", date(2015, 5, 16))
    copy = library.attachments.get(signed.signed_copy_id)
    assert (copy.filename, copy.media_type) == ("ban-ky.jpg", "image/jpeg")
    error = refused(
        library,
        lambda: library.agreements.update(draft.id, {"notes": "ghi chú"}, actor=system),
        "agreement_read_only",
    )
    assert "“Signed”" in error.message("en")
    refused(library, lambda: _final(library, system, draft, pdf), "agreement_read_only")
    refused(
        library,
        lambda: library.agreements.mark_signed(draft.id, signed_on="16/05/2015", scan=scan, actor=system),
        "agreement_read_only",
    )


@pytest.mark.parametrize(
    ("signed_on", "file", "message_id", "field"),
    [
        ("16/05/2015", "ban-ky.jpg", "agreement_not_final", None),  # still a draft: see the next test
        (None, "ban-ky.jpg", "required", "signed_on"),
        ("31/02/2015", "ban-ky.jpg", "invalid_date", "signed_on"),
        ("tomorrow", "ban-ky.jpg", "date_in_future", "signed_on"),
        ("16/05/2015", "ban-ky.docx", "signed_copy_type", None),
        ("16/05/2015", "missing.pdf", "file_unreadable", None),
    ],
)
def test_marking_signed_refuses(
    library: Library, system, draft, pdf, tmp_path, signed_on, file, message_id, field
) -> None:
    if message_id != "agreement_not_final":
        draft = _final(library, system, draft, pdf)
    if signed_on == "tomorrow":
        signed_on = date.today() + timedelta(days=2)
    path = tmp_path / file
    if file != "missing.pdf":
        path.write_bytes(b"%PDF-1.4 scan")
    refused(
        library,
        lambda: library.agreements.mark_signed(draft.id, signed_on=signed_on, scan=path, actor=system),
        message_id,
        field,
    )


# --- versions -----------------------------------------------------------------------------------


def test_a_new_version_supersedes_the_signed_one_when_it_is_signed(
    library: Library, system, draft, pdf, scan, tmp_path
) -> None:
    refused(library, lambda: library.agreements.new_version(draft.id, actor=system), "new_version_needs_signed")
    _final(library, system, draft, pdf)
    old = library.agreements.mark_signed(draft.id, signed_on="15/05/2015", scan=scan, actor=system)

    new = library.agreements.new_version(old.id, actor=system)
    assert (new.status, new.supersedes_id, new.number, new.signed_on) == ("draft", old.id, "", None)
    assert [a.body_lo for a in new.articles] == [a.body_lo for a in old.articles]
    assert {a.id for a in new.articles}.isdisjoint(a.id for a in old.articles)
    assert [(s.person_id, s.rank, s.position_vi) for s in new.signatories] == [
        (s.person_id, "", "") for s in old.signatories
    ]
    assert library.agreements.get(old.id).status == "signed"  # still in force until the new one is signed
    refused(library, lambda: library.agreements.new_version(old.id, actor=system), "newer_version_exists")
    assert [v.id for v in library.agreements.versions(old.id)] == [old.id, new.id]
    assert [v.id for v in library.agreements.versions(new.id)] == [old.id, new.id]

    posts = [{"id": s.id, "position_vi": "Chính ủy", "position_lo": "ຫົວໜ້າການເມືອງ"} for s in new.signatories]
    title = "Quy chế kết nghĩa (sửa đổi năm 2025)"
    library.agreements.update(new.id, {"title_vi": title, "signatories": posts}, actor=system)
    library.agreements.mark_final(new.id, pdf, layout="side-by-side", actor=system)
    second_scan = tmp_path / "ban-ky-2025.pdf"
    second_scan.write_bytes(b"%PDF-1.4 the 2025 signed copy")
    library.agreements.mark_signed(new.id, signed_on=date(2025, 5, 22), scan=second_scan, actor=system)
    assert library.agreements.get(old.id).status == "superseded"
    assert [row.action for row in audit_rows(library)][-2:] == ["mark_signed", "superseded"]
    refused(library, lambda: library.agreements.new_version(old.id, actor=system), "newer_version_exists")
