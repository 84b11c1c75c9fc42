"""The backup file format, version 1: what is in a ``.dnqpbak`` file and how each part is checked.

Design goals, from what users of backup tools complain about: a damaged or half-copied file must be
recognised as such (never restored, never counted as "the last good backup"); a wrong password must
be told apart from damage; writing must not need the password (automatic backups run unattended).

Layout (integers big-endian)::

    offset   size  field
    0        8     magic  89 'D' 'N' 'Q' 'P' 0D 0A 1A   (high bit and CR LF catch text-mode copies)
    8        2     format version (1)
    10       4     header length H
    14       4     CRC-32 of bytes 0..14, so a damaged length reads as damage, not as a cut-off file
    18       H     header: UTF-8 JSON, plain text (see below)
    18+H     32    SHA-256 of bytes 0 .. 18+H: damage to the header is reported as damage, before
                   a password is even asked for, instead of looking like a wrong password
    50+H     ...   body: the payload in chunks of ``chunk_size`` bytes (the last one shorter), each
                   sealed with AES-256-GCM (16-byte tag appended). Chunk ``i`` uses the nonce
                   ``00 00 00 <last?> <i as 8 bytes>`` and the header checksum as associated data,
                   so chunks cannot be reordered, dropped, cut off at the end, or paired with
                   another header. The body length follows from ``payload_size``: a short file is
                   "truncated" and a long one "damaged" without decrypting anything.

Header fields: ``created_at`` (UTC, ISO 8601), ``app_version``, ``kind`` (manual, auto,
pre-restore), ``backup_id``, ``fingerprint`` (a hash of the audit chain's head, row counts, stored
files and settings, so an automatic backup can skip unchanged data), ``cipher``, ``chunk_size``,
``payload_size`` and ``key``: the installation's X25519 public key, this file's ephemeral public
key and HKDF salt, and the installation's private key sealed with a key derived from the password
by scrypt (``keys.py``). The content key is HKDF(X25519(ephemeral, installation), salt), new for
every file (which is why a counter is a safe nonce): anyone can write, only the password opens.

Payload: a sequence of entries, each ``'F' | u16 name length | name | u64 size | bytes``, ended by
``'Z'``. The first entry is ``manifest.json`` (created at, app version, schema revision, source unit
and machine, row counts per table, and the name, size and SHA-256 of every later entry, in order);
then ``dnqp.sqlite3`` (a consistent snapshot taken with SQLite's backup API), ``settings.toml`` if
present, and ``attachments/<aa>/<sha256>`` for each stored file the records refer to.
"""

from __future__ import annotations

import hashlib
import json
import re
import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from dnqp_desktop.core.errors import DomainError

MAGIC = b"\x89DNQP\r\n\x1a"
FORMAT_VERSION = 1
SUFFIX = ".dnqpbak"
CIPHER = "AES-256-GCM"
CHUNK_SIZE = 1 << 20
TAG_SIZE = 16
CHECKSUM_SIZE = 32
_PRELUDE = struct.Struct(">8sHI")
_CRC = struct.Struct(">I")
#: A header is a few kilobytes; anything claiming more is damage, not a reason to allocate memory.
MAX_HEADER = 1 << 20
MANIFEST_NAME = "manifest.json"
DATABASE_NAME = "dnqp.sqlite3"
SETTINGS_NAME = "settings.toml"
_ATTACHMENT_NAME = re.compile(r"^attachments/([0-9a-f]{2})/([0-9a-f]{64})$")
_ENTRY = struct.Struct(">cH")
_SIZE = struct.Struct(">Q")
_END = b"Z"


def chunk_count(payload_size: int, chunk_size: int) -> int:
    return max(1, -(-payload_size // chunk_size))


def body_size(payload_size: int, chunk_size: int) -> int:
    return payload_size + TAG_SIZE * chunk_count(payload_size, chunk_size)


def entry_overhead(name: str) -> int:
    return _ENTRY.size + len(name.encode("utf-8")) + _SIZE.size


def end_overhead() -> int:
    return len(_END)


def attachment_name(sha256: str) -> str:
    return f"attachments/{sha256[:2]}/{sha256}"


def is_safe_entry_name(name: str) -> bool:
    """Only names we write are accepted on restore: nothing can land outside the data folder."""
    match = _ATTACHMENT_NAME.match(name)
    return name in (DATABASE_NAME, SETTINGS_NAME) or (match is not None and match[2].startswith(match[1]))


def _nonce(index: int, last: bool) -> bytes:
    return b"\x00\x00\x00" + (b"\x01" if last else b"\x00") + index.to_bytes(8, "big")


def encode_prelude(header: dict[str, Any]) -> tuple[bytes, bytes]:
    """The bytes before the body, and the checksum that is also every chunk's associated data."""
    text = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
    fixed = _PRELUDE.pack(MAGIC, FORMAT_VERSION, len(text))
    head = fixed + _CRC.pack(zlib.crc32(fixed)) + text
    checksum = hashlib.sha256(head).digest()
    return head + checksum, checksum


# --- writing ---------------------------------------------------------------------------------


class ChunkWriter:
    """Buffers the payload and writes it as sealed chunks; ``finish`` seals the last one."""

    def __init__(self, out: BinaryIO, key: bytes, aad: bytes, chunk_size: int = CHUNK_SIZE) -> None:
        self._out = out
        self._aead = AESGCM(key)
        self._aad = aad
        self._chunk_size = chunk_size
        self._buffer = bytearray()
        self._index = 0
        self.written = 0  # payload bytes accepted so far

    def write(self, data: bytes | memoryview) -> None:
        self.written += len(data)
        self._buffer += data
        # Keep at least one byte back: the last chunk is sealed differently and only finish() knows it.
        while len(self._buffer) > self._chunk_size:
            piece = memoryview(self._buffer)[: self._chunk_size]
            sealed = self._aead.encrypt(_nonce(self._index, False), piece, self._aad)
            piece.release()
            del self._buffer[: self._chunk_size]
            self._out.write(sealed)
            self._index += 1

    def finish(self) -> None:
        self._out.write(self._aead.encrypt(_nonce(self._index, True), bytes(self._buffer), self._aad))
        self._buffer.clear()

    def entry(self, name: str, size: int) -> None:
        encoded = name.encode("utf-8")
        self.write(_ENTRY.pack(b"F", len(encoded)) + encoded + _SIZE.pack(size))

    def end(self) -> None:
        self.write(_END)


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Prelude:
    """What can be learnt from a backup without its password."""

    path: Path
    header: dict[str, Any]
    checksum: bytes
    body_offset: int
    file_size: int

    @property
    def payload_size(self) -> int:
        return int(self.header["payload_size"])

    @property
    def chunk_size(self) -> int:
        return int(self.header["chunk_size"])

    @property
    def complete(self) -> bool:
        return self.file_size == self.body_offset + body_size(self.payload_size, self.chunk_size)


def _problem(message_id: str, path: Path, **params: Any) -> DomainError:
    return DomainError(message_id, path=str(path), **params)


def read_prelude(path: Path, *, check_size: bool = True) -> Prelude:
    """Read and check the part before the body; raises DomainError naming the problem."""
    try:
        with path.open("rb") as fp:
            file_size = fp.seek(0, 2)
            fp.seek(0)
            start = fp.read(_PRELUDE.size + _CRC.size)
            if file_size == 0 or (len(start) < len(MAGIC) and MAGIC.startswith(start)):
                raise _problem("backup_truncated", path)
            if len(start) < len(MAGIC) or not _looks_like_magic(start[: len(MAGIC)]):
                raise _problem("backup_foreign", path)
            if len(start) < _PRELUDE.size + _CRC.size:
                raise _problem("backup_truncated", path)
            fixed, (crc,) = start[: _PRELUDE.size], _CRC.unpack(start[_PRELUDE.size :])
            magic, version, header_length = _PRELUDE.unpack(fixed)
            if zlib.crc32(fixed) != crc or header_length > MAX_HEADER:
                raise _problem("backup_damaged", path, detail="header")
            text = fp.read(header_length)
            checksum = fp.read(CHECKSUM_SIZE)
    except OSError as exc:
        raise _problem("backup_unreadable", path, reason=exc.strerror or str(exc)) from exc
    if len(text) < header_length or len(checksum) < CHECKSUM_SIZE:
        raise _problem("backup_truncated", path)
    if magic != MAGIC or hashlib.sha256(start + text).digest() != checksum:
        raise _problem("backup_damaged", path, detail="header")
    if version != FORMAT_VERSION:
        # The checksum held, so this really is a later format, not a flipped bit.
        raise _problem("backup_format_newer", path, version=version)
    try:
        header = json.loads(text.decode("utf-8"))
        int(header["payload_size"]), int(header["chunk_size"])
        if header.get("cipher") != CIPHER or header["chunk_size"] <= 0:
            raise ValueError(header.get("cipher"))
    except (ValueError, KeyError, TypeError) as exc:
        raise _problem("backup_damaged", path, detail="header") from exc
    prelude = Prelude(path, header, checksum, len(start) + header_length + CHECKSUM_SIZE, file_size)
    if check_size:
        expected = prelude.body_offset + body_size(prelude.payload_size, prelude.chunk_size)
        if file_size < expected:
            raise _problem("backup_truncated", path)
        if file_size > expected:
            raise _problem("backup_damaged", path, detail="extra data at the end")
    return prelude


def _looks_like_magic(start: bytes) -> bool:
    """Our magic, or it with one or two flipped bits (damage, not a foreign file)."""
    distance = sum(bin(a ^ b).count("1") for a, b in zip(start, MAGIC, strict=True))
    return distance <= 2


class PayloadReader:
    """Decrypts the body chunk by chunk and hands out the payload as entries."""

    def __init__(self, fp: BinaryIO, prelude: Prelude, key: bytes, on_chunk: Callable[[int], None] | None = None):
        self._fp = fp
        self._prelude = prelude
        self._aead = AESGCM(key)
        self._count = chunk_count(prelude.payload_size, prelude.chunk_size)
        self._index = 0
        self._buffer = memoryview(b"")
        self._on_chunk = on_chunk
        fp.seek(prelude.body_offset)

    def _next_chunk(self) -> None:
        if self._index >= self._count:
            raise self._damaged("payload longer than announced")
        last = self._index == self._count - 1
        size = self._prelude.chunk_size + TAG_SIZE
        if last:
            size = self._prelude.payload_size - self._index * self._prelude.chunk_size + TAG_SIZE
        sealed = self._fp.read(size)
        if len(sealed) < size:
            raise _problem("backup_truncated", self._prelude.path)
        try:
            plain = self._aead.decrypt(_nonce(self._index, last), sealed, self._prelude.checksum)
        except InvalidTag:
            raise self._damaged(f"part {self._index + 1} of {self._count}") from None
        self._index += 1
        self._buffer = memoryview(plain)
        if self._on_chunk is not None:
            self._on_chunk(len(sealed))

    def _damaged(self, detail: str) -> DomainError:
        return _problem("backup_damaged", self._prelude.path, detail=detail)

    def read(self, size: int) -> bytes:
        parts = []
        while size > 0:
            if not self._buffer:
                self._next_chunk()
            piece = self._buffer[:size]
            self._buffer = self._buffer[len(piece) :]
            parts.append(bytes(piece))
            size -= len(piece)
        return b"".join(parts)

    def pieces(self, size: int) -> Iterator[memoryview]:
        """``size`` payload bytes, as views into decrypted chunks (no copying of large data)."""
        while size > 0:
            if not self._buffer:
                self._next_chunk()
            piece = self._buffer[:size]
            self._buffer = self._buffer[len(piece) :]
            size -= len(piece)
            yield piece

    def next_entry(self) -> tuple[str, int] | None:
        """The next entry's name and size, or None at the end marker."""
        tag = self.read(1)
        if tag == _END:
            return None
        if tag != b"F":
            raise self._damaged("entry")
        (length,) = struct.unpack(">H", self.read(2))
        try:
            name = self.read(length).decode("utf-8")
        except UnicodeDecodeError:
            raise self._damaged("entry name") from None
        (size,) = _SIZE.unpack(self.read(_SIZE.size))
        return name, size

    def finish(self) -> None:
        """After the end marker: nothing may follow, and every chunk must have been read."""
        if self._buffer or self._index != self._count:
            raise self._damaged("data after the end")
