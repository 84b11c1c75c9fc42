"""Documents are rendered once per test session: the demo library, its three agreements, minutes of
talks built from their template, the Vietnamese–Khmer memorandum, both layouts.

Building the demo library (migrations and the demo load) and rendering take a few seconds, which
every reading test would otherwise repeat.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from dnqp_desktop.core.demo import load_demo
from dnqp_desktop.core.library import Library
from dnqp_desktop.documents.model import AgreementDocument, Arrangement, Article, Chapter, Layout, Pair
from dnqp_desktop.documents.render import render_agreement
from dnqp_desktop.documents.source import build_document
from dnqp_desktop.documents.templates import ClosingFacts, template_for
from tests.documents.khmer import khmer_document

KINDS = ("annual_cooperation", "memorandum", "twinning_regulation")
ARRANGEMENTS = (Arrangement.ORIGINALS, Arrangement.SIDE_BY_SIDE)
FACTS = ClosingFacts("Sầm Nưa", "ຊຳເໜືອ", date(2025, 5, 22), 4, "lo")


@pytest.fixture(scope="session")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo-documents")
    with Library.open(folder) as library:
        load_demo(library)
    return folder


@pytest.fixture(scope="session")
def demo_library(demo_folder: Path) -> Iterator[Library]:
    library = Library.open(demo_folder)
    yield library
    library.close()


@pytest.fixture(scope="session")
def demo_ids(demo_library: Library) -> dict[str, str]:
    return {agreement.kind: agreement.id for agreement in demo_library.agreements.list()}


@pytest.fixture(scope="session")
def demo_documents(demo_library: Library, demo_ids: dict[str, str]) -> dict[str, AgreementDocument]:
    documents = {kind: build_document(demo_library, record_id) for kind, record_id in demo_ids.items()}
    documents["minutes"] = minutes_document(documents["annual_cooperation"])
    documents["khmer"] = khmer_document()
    return documents


def minutes_document(talks_of: AgreementDocument) -> AgreementDocument:
    """Minutes of talks are not in the demo: the same sides, the minutes template's numbered sections."""
    parts = template_for("minutes").prefill(FACTS)
    ours, theirs = (talks_of.parties[i].name for i in (talks_of.vietnamese_party, talks_of.partner_party))
    return dataclasses.replace(
        talks_of,
        kind="minutes",
        status="draft",
        title=Pair(
            f"Biên bản hội đàm năm 2025 giữa {ours.vi} và {theirs.vi}",
            f"ບົດບັນທຶກການໂອ້ລົມເຈລະຈາ ປີ 2025 ລະຫວ່າງ {ours.partner} ແລະ {theirs.partner}",
        ),
        chapters=tuple(Chapter(Pair(c.title_vi, c.title_partner)) for c in parts.chapters),
        articles=tuple(
            Article(
                Pair(a.title_vi, a.title_partner),
                Pair(
                    a.body_vi or "Hai bên thông báo tình hình và thống nhất kế hoạch phối hợp năm 2025.",
                    a.body_partner or "ສອງຝ່າຍໄດ້ແຈ້ງສະພາບການ ແລະ ເຫັນດີເປັນເອກະພາບແຜນການຮ່ວມມືປີ 2025.",
                ),
            )
            for a in parts.articles
        ),
    )


@pytest.fixture(scope="session")
def rendered(demo_documents: dict[str, AgreementDocument]) -> dict[tuple[str, Arrangement], bytes]:
    return {
        (kind, arrangement): render_agreement(document, Layout(arrangement=arrangement))
        for kind, document in demo_documents.items()
        for arrangement in ARRANGEMENTS
    }
