"""Marking final renders the stored record and keeps exactly that PDF; previews read unsaved values."""

from __future__ import annotations

import dataclasses
import hashlib

import pytest

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.library import Library
from dnqp_desktop.documents.finalise import finalise, unsaved_document
from dnqp_desktop.documents.model import Arrangement, Layout
from dnqp_desktop.documents.render import render_pdf
from dnqp_desktop.documents.source import build_document
from tests.core.test_agreement_lifecycle import _complete
from tests.helpers import database_dump, make_lao_unit, make_person, make_unit


@pytest.fixture
def data(library: Library) -> dict:
    sides = {
        "db": make_unit(library, name_vi="Bộ CHQS tỉnh Điện Biên", name_lo="ກອງບັນຊາການທະຫານແຂວງດຽນບຽນ"),
        "lp": make_lao_unit(library, name_vi="Bộ CHQS tỉnh Luông Pha Bang", name_lo="ກອງບັນຊາການທະຫານແຂວງຫຼວງພະບາງ"),
        "xuan": make_person(library, name_vi="Nguyễn Thắng Xuân"),
        "bun": make_person(library, name_vi="Bun Chăn Vị Lay Chít", name_lo="ບຸນຈັນ ວິໄລຈິດ"),
    }
    return _complete(sides)


def test_the_kept_pdf_is_the_rendering_of_the_stored_record(library: Library, system, data) -> None:
    agreement = library.agreements.create(data, actor=system)
    final = finalise(library, agreement.id, actor=system, arrangement=Arrangement.SIDE_BY_SIDE)
    document = dataclasses.replace(build_document(library, agreement.id), status="final")
    expected = render_pdf(document, Layout(arrangement=Arrangement.SIDE_BY_SIDE)).data
    assert final.final_sha256 == hashlib.sha256(expected).hexdigest()
    assert final.final_layout == "side-by-side"
    stored = library.attachments.file_path(library.attachments.get(final.final_pdf_id))
    assert stored.read_bytes() == expected


def test_nothing_is_rendered_or_written_for_an_incomplete_text(library: Library, system, data) -> None:
    data["articles"][4]["body_lo"] = ""
    agreement = library.agreements.create(data, actor=system)
    before = database_dump(library)
    with pytest.raises(DomainError) as caught:
        finalise(library, agreement.id, actor=system)
    assert (caught.value.message_id, caught.value.field, caught.value.params["row"]) == (
        "language_missing",
        "body_lo",
        5,
    )
    assert database_dump(library) == before
    assert not any(path.is_file() for path in library.folder.attachments.rglob("*"))


def test_an_unsaved_copy_prints_like_the_saved_record(library: Library, system, data) -> None:
    agreement = library.agreements.create(data, actor=system)
    typed = {**data, "signed_on": " 15/5/2015 ", "originals_count": "4", "title_vi": "  " + data["title_vi"]}
    preview = unsaved_document(library, typed, record_id=agreement.id)
    saved = build_document(library, agreement.id)
    assert dataclasses.replace(preview, issued_on=None) == dataclasses.replace(saved, issued_on=None)
    assert preview.issued_on == saved.issued_on
