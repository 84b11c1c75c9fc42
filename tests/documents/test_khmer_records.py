"""A Cambodian partner's agreement kept as records: Khmer in the partner columns, printed by ``dnqp pdf``.

The document path is the Lao one (tests/documents/khmer.py builds the same kind of document by
hand); here the text comes from unit, person and agreement records, as a clerk would type it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dnqp_desktop.cli import EXIT_OK, main
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.services.policy import SYSTEM
from tests.documents.pdfread import nfkc, pdffonts, pdftotext
from tests.helpers import make_agreement, make_person, make_unit

SVAY_RIENG = "បញ្ជាការដ្ឋានយោធាខេត្តស្វាយរៀង"
ARTICLE_KM = "ភាគីទាំងពីរសហការល្បាតរួមគ្នា ទប់ស្កាត់ការរត់ពន្ធ តាមបណ្តោយព្រំដែនរវាងខេត្តទាំងពីរ។"


def _cambodian_agreement(library: Library, **changes: object):
    own = make_unit(library, name_vi="Bộ Chỉ huy quân sự tỉnh Tây Ninh", name_lo="បញ្ជាការដ្ឋានយោធាខេត្តតៃនិញ")
    partner = library.units.create(
        {"country": "KH", "level": "province_command", "name_vi": "Bộ Chỉ huy quân sự tỉnh Svay Rieng",
         "name_lo": SVAY_RIENG},
        actor=SYSTEM,
    )  # fmt: skip
    chief = make_person(library, name_vi="Nguyễn Văn Hùng", unit_id=own.id)
    data = {
        "kind": "memorandum",
        "title_vi": "Bản ghi nhớ hợp tác năm 2025",
        "title_lo": "អនុស្សរណៈនៃការយោគយល់គ្នា ឆ្នាំ2025",
        "place_vi": "Tây Ninh",
        "place_lo": "តៃនិញ",
        "signed_on": date(2025, 3, 7),
        "parties": [{"unit_id": own.id}, {"unit_id": partner.id}],
        "signatories": [
            {"person_id": chief.id, "unit_id": own.id, "position_vi": "Chỉ huy trưởng", "position_lo": "មេបញ្ជាការ"}
        ],
        "articles": [{"title_vi": "Tuần tra chung", "title_lo": "ការល្បាតរួម",
                      "body_vi": "Hai bên phối hợp tuần tra dọc biên giới giữa hai tỉnh.", "body_lo": ARTICLE_KM}],
    }  # fmt: skip
    return make_agreement(library, **{**data, **changes})


def test_khmer_is_kept_in_the_partner_columns(library: Library) -> None:
    agreement = _cambodian_agreement(library)
    assert library.agreements.get(agreement.id).articles[0].body_lo == ARTICLE_KM


def test_latin_typed_as_khmer_is_refused(library: Library) -> None:
    with pytest.raises(DomainError) as caught:
        library.units.create(
            {"country": "KH", "level": "province_command", "name_vi": "Svay Rieng", "name_lo": "Svay Rieng"},
            actor=SYSTEM,
        )
    assert [e.message_id for e in caught.value.errors] == ["not_lao_script"]


def test_a_cambodian_agreement_needs_khmer_not_lao_to_be_final(library: Library, tmp_path: Path) -> None:
    agreement = _cambodian_agreement(library, place_lo="ຫຼວງພະບາງ")  # Lao where Khmer is due
    pdf = tmp_path / "final.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    with pytest.raises(DomainError) as caught:
        library.agreements.mark_final(agreement.id, pdf, layout="originals", actor=SYSTEM)
    assert [(e.message_id, e.field) for e in caught.value.errors] == [("legacy_khmer_text", "place_lo")]
    assert library.agreements.get(agreement.id).status == "draft"


def test_dnqp_pdf_prints_the_cambodian_agreement(data_dir: Path, tmp_path: Path, capsys) -> None:
    with Library.open(data_dir) as library:
        agreement = _cambodian_agreement(library)
    target = tmp_path / "ban-ghi-nho.pdf"
    code = main(["--lang", "en", "pdf", agreement.id, "--layout", "side-by-side", "-o", str(target),
                 "--data-dir", str(data_dir)])  # fmt: skip
    assert code == EXIT_OK, capsys.readouterr().err
    data = target.read_bytes()
    text = nfkc(pdftotext(data, tmp_path)).replace("\n", "").replace(" ", "")
    for expected in (SVAY_RIENG, ARTICLE_KM, "ព្រះរាជាណាចក្រកម្ពុជា"):
        assert nfkc(expected).replace(" ", "") in text
    families = {font["name"].split("+", 1)[-1] for font in pdffonts(data, tmp_path)}
    assert any("Khmer" in family for family in families) and not any("Lao" in family for family in families)
