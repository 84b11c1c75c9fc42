"""The backup file: what is inside, what is secret, and that every kind of damage is named as such.

Each damaged copy is checked with the full verification a restore runs first; the restore-level
tests (test_backup_restore.py) show that the same faults leave the live data untouched.
"""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
import struct
import unicodedata
import zlib
from pathlib import Path

import pytest

from dnqp_desktop.core.backup import keys
from dnqp_desktop.core.backup.format import CHUNK_SIZE, MAGIC, TAG_SIZE, PayloadReader, read_prelude
from dnqp_desktop.core.backup.reader import preview_backup, read_manifest, unlock_backup, verify_backup
from dnqp_desktop.core.demo import load_demo
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.services.policy import SYSTEM
from tests.backup_helpers import PASSWORD, attach, install_key, unlocked_key
from tests.helpers import make_unit

_BIG = random.Random(6).randbytes(CHUNK_SIZE + CHUNK_SIZE // 2)  # the backup spans three chunks


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory, template_database: Path) -> Path:
    """One backup with demo records, two attachments (one larger than a chunk) and settings."""
    data_dir = tmp_path_factory.mktemp("sample") / "data"
    data_dir.mkdir()
    (data_dir / "dnqp.sqlite3").write_bytes(template_database.read_bytes())
    install_key(data_dir)
    with Library.open(data_dir) as library:
        load_demo(library)
        unit = library.units.list()[0]
        attach(library, "unit", unit.id, data_dir.parent / "in", "scan.pdf", b"%PDF-1.7 signed copy")
        attach(library, "unit", unit.id, data_dir.parent / "in", "photo.jpg", _BIG)
        library.save_settings(library.settings.with_changes(own_unit_id=unit.id), actor=SYSTEM)
        return library.backup().path


def damaged_copy(sample: Path, folder: Path, content: bytes, name: str = "copy.dnqpbak") -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


def problem_of(path: Path, secret: object = None) -> str:
    with pytest.raises(DomainError) as caught:
        verify_backup(path, secret or unlocked_key())
    return caught.value.message_id


def test_a_backup_holds_everything_and_previews_without_reading_it_all(sample: Path, tmp_path: Path) -> None:
    summary, _key = preview_backup(sample, PASSWORD)
    assert summary.schema_state == "current"
    assert summary.attachments == 2 and summary.attachment_bytes == len(_BIG) + 20
    assert summary.counts["unit"] > 0 and summary.counts["audit_log"] > 0
    assert summary.source_unit  # the own unit chosen in the settings
    verified, _key = verify_backup(sample, unlocked_key(), stage=tmp_path)
    assert verified == summary
    restored = sqlite3.connect(tmp_path / "dnqp.sqlite3")
    assert restored.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert restored.execute("SELECT count(*) FROM unit").fetchone()[0] == summary.counts["unit"]
    blobs = sorted(p.name for p in (tmp_path / "attachments").rglob("*") if p.is_file())
    assert len(blobs) == 2 and (tmp_path / "settings.toml").exists()


def test_only_the_header_is_readable_without_the_password(sample: Path) -> None:
    content = sample.read_bytes()
    assert content.startswith(MAGIC)
    header = read_prelude(sample).header
    assert set(header) >= {"created_at", "app_version", "payload_size", "key", "cipher"}
    assert "Thanh Hóa".encode() not in content and "Hủa Phăn".encode() not in content
    assert b"SQLite format 3" not in content and b"%PDF" not in content
    assert b"audit_log" not in content and b"dnqp.sqlite3" not in content  # so is the manifest


def test_the_password_unlocks_however_vietnamese_was_typed(sample: Path) -> None:
    decomposed = unicodedata.normalize("NFD", PASSWORD)
    assert decomposed != PASSWORD
    summary, _key = preview_backup(sample, decomposed)
    assert summary.counts["unit"] > 0


def test_wrong_password_is_its_own_message(sample: Path) -> None:
    with pytest.raises(DomainError) as caught:
        preview_backup(sample, "not the password")
    assert caught.value.message_id == "backup_wrong_password"
    assert str(sample) in caught.value.message("en")
    assert problem_of(sample, "Mật khẩu sao lưu 2024") == "backup_wrong_password"


def test_backups_open_with_the_password_they_were_written_under(library: Library, data_dir: Path) -> None:
    install_key(data_dir)
    make_unit(library)
    before = library.backup().path
    library.set_backup_password("a brand new password", "a brand new password", old=PASSWORD, actor=SYSTEM)
    after = library.backup().path
    assert verify_backup(before, PASSWORD)[0].counts["unit"] == 1
    assert verify_backup(after, "a brand new password")[0].counts["unit"] == 1
    assert problem_of(after, PASSWORD) == "backup_wrong_password"


@pytest.mark.parametrize(
    ("password", "repeat", "message_id"),
    [("short", "short", "backup_password_too_short"), ("long enough 1", "long enough 2", "backup_passwords_differ")],
)
def test_weak_or_mistyped_passwords_are_refused(tmp_path: Path, password: str, repeat: str, message_id: str) -> None:
    with pytest.raises(DomainError) as caught:
        keys.create_key(tmp_path, password, repeat)
    assert caught.value.message_id == message_id
    assert not keys.key_path(tmp_path).exists()


def test_a_damaged_key_file_is_named(tmp_path: Path) -> None:
    keys.key_path(tmp_path).write_text('{"algorithm": "X25519"}')
    with pytest.raises(DomainError) as caught:
        keys.load_key(tmp_path)
    assert caught.value.message_id == "backup_key_damaged"


def _offsets(sample: Path) -> list[int]:
    prelude = read_prelude(sample)
    size, body = prelude.file_size, prelude.body_offset
    chunk = CHUNK_SIZE + TAG_SIZE
    fixed = [0, 1, 7, 8, 9, 13, 14, 17, 18, 19, body - 33, body - 32, body - 1, body, body + 1, body + 16]
    fixed += [body + chunk - 1, body + chunk, body + chunk + 1, body + 2 * chunk, size - 17, size - 16, size - 1]
    rng = random.Random(61)
    return sorted(set(fixed + [rng.randrange(1, size) for _ in range(60)]))


def test_a_cut_off_backup_is_called_incomplete_at_every_length(sample: Path, tmp_path: Path) -> None:
    content = sample.read_bytes()
    offsets = _offsets(sample)
    assert len(offsets) >= 70
    for offset in offsets:
        path = damaged_copy(sample, tmp_path, content[:offset])
        assert problem_of(path) == "backup_truncated", offset
        if offset in (0, 18, len(content) - 1):  # also before any password is typed
            with pytest.raises(DomainError) as caught:
                read_prelude(path)
            assert caught.value.message_id == "backup_truncated"


def test_a_single_flipped_bit_anywhere_is_damage_never_a_wrong_password(sample: Path, tmp_path: Path) -> None:
    content = sample.read_bytes()
    prelude = read_prelude(sample)
    rng = random.Random(66)
    # Every region: magic, version, length, CRC, header, checksum, each chunk and its tag, the end.
    positions = [0, 8, 10, 14, 18, 40, prelude.body_offset - 1, prelude.body_offset, len(content) - 1]
    positions += [rng.randrange(len(content)) for _ in range(200)]
    positions += [rng.randrange(prelude.body_offset) for _ in range(60)]  # the small header, densely
    for position in positions:
        bit = 1 << rng.randrange(8)
        flipped = bytearray(content)
        flipped[position] ^= bit
        path = damaged_copy(sample, tmp_path, bytes(flipped))
        assert problem_of(path) == "backup_damaged", (position, bit)
    verify_backup(sample, unlocked_key())  # the original still verifies


def test_extra_bytes_at_the_end_are_damage(sample: Path, tmp_path: Path) -> None:
    path = damaged_copy(sample, tmp_path, sample.read_bytes() + b"\x00")
    assert problem_of(path) == "backup_damaged"


@pytest.mark.parametrize(
    "content",
    [
        b"Hello, this is a letter.\n" * 10,
        b"%PDF-1.7\n" + bytes(300),
        b"PK\x03\x04" + bytes(300),
        b"\x00" * 4096,
        bytes(range(256)) * 8,
    ],
    ids=["text", "pdf", "zip", "zeros", "binary"],
)
def test_a_file_that_is_not_a_backup_is_named_so(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "file.dnqpbak"
    path.write_bytes(content)
    assert problem_of(path) == "backup_foreign"
    assert "not a DNQP Desktop backup" in DomainError("backup_foreign", path=str(path)).message("en")


def test_a_database_file_renamed_to_a_backup_is_foreign(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "dnqp.dnqpbak"
    path.write_bytes(library.folder.database.read_bytes())
    assert problem_of(path) == "backup_foreign"


def test_a_later_format_version_asks_for_the_newer_app(sample: Path, tmp_path: Path) -> None:
    content = bytearray(sample.read_bytes())
    content[8:10] = struct.pack(">H", 2)  # a well-formed file of format 2: fix the CRC and checksum
    content[14:18] = struct.pack(">I", zlib.crc32(bytes(content[:14])))
    prelude = read_prelude(sample)
    start = prelude.body_offset - 32
    content[start : prelude.body_offset] = hashlib.sha256(bytes(content[:start])).digest()
    path = damaged_copy(sample, tmp_path, bytes(content))
    assert problem_of(path) == "backup_format_newer"
    assert "(2)" in DomainError("backup_format_newer", path="x", version=2).message("en")


def test_the_header_cannot_be_swapped_between_backups(sample: Path, library: Library, tmp_path: Path) -> None:
    """A header is bound to its body: another backup's header on this body does not decrypt."""
    install_key(library.folder.root)
    other = library.backup().path
    a, b = read_prelude(sample), read_prelude(other)
    mixed = other.read_bytes()[: b.body_offset] + sample.read_bytes()[a.body_offset :]
    path = damaged_copy(sample, tmp_path, mixed)
    assert problem_of(path) in {"backup_damaged", "backup_truncated"}


def test_the_manifest_lists_every_entry_with_its_hash(sample: Path, tmp_path: Path) -> None:
    verify_backup(sample, unlocked_key(), stage=tmp_path)
    prelude = read_prelude(sample)
    _key, content_key = unlock_backup(prelude, unlocked_key())
    with sample.open("rb") as fp:
        manifest = read_manifest(PayloadReader(fp, prelude, content_key), sample)
    assert [entry.name for entry in manifest.entries][:2] == ["dnqp.sqlite3", "settings.toml"]
    for entry in manifest.entries:
        content = (tmp_path / entry.name).read_bytes()
        assert (len(content), hashlib.sha256(content).hexdigest()) == (entry.size, entry.sha256)
    assert manifest.schema_revision and manifest.machine and manifest.counts["unit"] > 0
    summary, _key = preview_backup(sample, unlocked_key())
    assert json.loads(json.dumps(summary.to_json()))["counts"] == manifest.counts  # `dnqp verify --json`
