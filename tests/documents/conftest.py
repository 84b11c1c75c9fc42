"""Documents are rendered once per test session: the demo library, its three agreements, both layouts.

Building the demo library (migrations and the demo load) and rendering take a few seconds, which
every reading test would otherwise repeat.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dnqp_desktop.core.demo import load_demo
from dnqp_desktop.core.library import Library
from dnqp_desktop.documents.model import AgreementDocument, Arrangement, Layout
from dnqp_desktop.documents.render import render_agreement
from dnqp_desktop.documents.source import build_document
from tests.documents.khmer import khmer_document

KINDS = ("annual_cooperation", "memorandum", "twinning_regulation")
ARRANGEMENTS = (Arrangement.ORIGINALS, Arrangement.SIDE_BY_SIDE)


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
    documents["khmer"] = khmer_document()
    return documents


@pytest.fixture(scope="session")
def rendered(demo_documents: dict[str, AgreementDocument]) -> dict[tuple[str, Arrangement], bytes]:
    return {
        (kind, arrangement): render_agreement(document, Layout(arrangement=arrangement))
        for kind, document in demo_documents.items()
        for arrangement in ARRANGEMENTS
    }
