"""Files attached to records are stored once by content hash and handed out only when intact."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.library import Library
from tests.helpers import make_agreement, make_person


@pytest.fixture
def scan(tmp_path: Path) -> Path:
    path = tmp_path / "ban-ky.pdf"
    path.write_bytes(b"%PDF-1.7 signed copy " * 1000)
    return path


def test_same_content_is_stored_once(library: Library, system, scan: Path) -> None:
    agreement = make_agreement(library)
    person = make_person(library)
    first = library.attachments.add("agreement", agreement.id, scan, actor=system, caption="Bản ký")
    second = library.attachments.add("person", person.id, scan, actor=system, filename="copy.pdf")
    digest = hashlib.sha256(scan.read_bytes()).hexdigest()
    assert first.sha256 == second.sha256 == digest
    assert first.size == scan.stat().st_size
    assert first.media_type == "application/pdf"
    blobs = [p for p in library.folder.attachments.rglob("*") if p.is_file()]
    assert blobs == [library.folder.attachments / digest[:2] / digest]
    assert library.attachments.file_path(first).read_bytes() == scan.read_bytes()
    assert library.attachments.count(filters={"owner_id": agreement.id}) == 1


def test_a_damaged_stored_file_is_not_handed_out(library: Library, system, scan: Path) -> None:
    attachment = library.attachments.add("agreement", make_agreement(library).id, scan, actor=system)
    library.blobs.path(attachment.sha256).write_bytes(b"overwritten")
    with pytest.raises(DomainError) as caught:
        library.attachments.file_path(attachment)
    assert caught.value.message_id == "attachment_blob_missing"


def test_attaching_to_a_missing_record_stores_nothing(library: Library, system, scan: Path) -> None:
    with pytest.raises(DomainError) as caught:
        library.attachments.add("agreement", "no-such-id", scan, actor=system)
    assert caught.value.message_id == "owner_missing"
    assert not [p for p in library.folder.attachments.rglob("*") if p.is_file()]
    assert library.attachments.count() == 0


def test_an_unreadable_file_is_reported(library: Library, system, tmp_path: Path) -> None:
    with pytest.raises(DomainError) as caught:
        library.attachments.add("agreement", make_agreement(library).id, tmp_path / "gone.pdf", actor=system)
    assert caught.value.message_id == "file_unreadable"
    assert library.attachments.count() == 0
