"""The installation's backup key pair: anyone may write a backup, only the password opens one.

Automatic backups run unattended, so writing must not need the password; restoring must. Each
installation therefore has an X25519 key pair kept in ``backup-key.json`` in the data folder:

- the public half, in the clear: every backup is encrypted to it (``format.py``);
- the private half, sealed with AES-256-GCM under a key derived from the password by scrypt
  (N=2^17, r=8, p=1: about half a second and 128 MB, to slow down guessing). The private half is
  never stored unsealed, and the sealed copy travels in every backup header, so a backup can be
  restored on a new machine with nothing but the file and the password.

Changing the password reseals the same private half: backups written before keep opening with
the password they were written under. Passwords are NFC-normalised first, because Vietnamese
keyboards differ in whether they type "ầ" as one character or as a letter plus marks.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.fileio import atomic_write_bytes

KEY_FILENAME = "backup-key.json"
MIN_PASSWORD_LENGTH = 8
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
_SEAL_CONTEXT = b"dnqp installation key v1"
_CONTENT_CONTEXT = b"dnqp backup content key v1"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class SealedKey:
    """The installation key as stored: public half, and private half sealed by the password."""

    public: bytes
    salt: bytes
    nonce: bytes
    ciphertext: bytes
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P

    @property
    def key_id(self) -> str:
        return hashlib.sha256(self.public).hexdigest()[:16]

    def to_json(self) -> dict[str, Any]:
        return {
            "algorithm": "X25519",
            "public": _b64(self.public),
            "sealed_private": {
                "kdf": "scrypt",
                "n": self.n,
                "r": self.r,
                "p": self.p,
                "salt": _b64(self.salt),
                "cipher": "AES-256-GCM",
                "nonce": _b64(self.nonce),
                "ciphertext": _b64(self.ciphertext),
            },
        }

    @classmethod
    def from_json(cls, data: Any) -> SealedKey:
        """Raises ValueError on anything but a well-formed key description."""
        try:
            sealed = data["sealed_private"]
            if data["algorithm"] != "X25519" or sealed["kdf"] != "scrypt" or sealed["cipher"] != "AES-256-GCM":
                raise ValueError("unknown algorithm")
            key = cls(
                public=_unb64(data["public"]),
                salt=_unb64(sealed["salt"]),
                nonce=_unb64(sealed["nonce"]),
                ciphertext=_unb64(sealed["ciphertext"]),
                n=int(sealed["n"]),
                r=int(sealed["r"]),
                p=int(sealed["p"]),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(str(exc)) from exc
        # A crafted file must not make a restore allocate gigabytes: scrypt needs 128 * n * r * p bytes.
        n_ok = 2 <= key.n <= 2**20 and key.n & (key.n - 1) == 0 and 128 * key.n * key.r * key.p <= 2**30
        if len(key.public) != 32 or len(key.nonce) != 12 or not n_ok or not (1 <= key.r <= 32 and 1 <= key.p <= 16):
            raise ValueError("implausible key parameters")
        return key


@dataclass(frozen=True)
class UnlockedKey:
    """The private half, unsealed in memory for one restore or verification session."""

    public: bytes
    private: X25519PrivateKey


def check_new_password(password: str, repeat: str | None = None) -> None:
    if len(_normalise(password)) < MIN_PASSWORD_LENGTH:
        raise DomainError("backup_password_too_short", minimum=MIN_PASSWORD_LENGTH)
    if repeat is not None and _normalise(repeat) != _normalise(password):
        raise DomainError("backup_passwords_differ")


def key_path(root: Path) -> Path:
    return root / KEY_FILENAME


def load_key(root: Path) -> SealedKey | None:
    """The installation key of the data folder ``root``, or None if no password was ever set."""
    path = key_path(root)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DomainError("backup_key_damaged", path=str(path)) from exc
    try:
        return SealedKey.from_json(json.loads(raw.decode("utf-8")))
    except (ValueError, UnicodeDecodeError) as exc:
        raise DomainError("backup_key_damaged", path=str(path)) from exc


def create_key(root: Path, password: str, repeat: str | None = None) -> SealedKey:
    """Make the installation key pair, sealed with ``password``; refused if one exists."""
    check_new_password(password, repeat)
    if load_key(root) is not None:
        raise DomainError("backup_password_exists")
    private = X25519PrivateKey.generate()
    sealed = seal(private, password)
    _save(root, sealed)
    return sealed


def change_password(root: Path, old: str, new: str, repeat: str | None = None) -> SealedKey:
    check_new_password(new, repeat)
    current = load_key(root)
    if current is None:
        raise DomainError("backup_password_not_set")
    unlocked = unlock(current, old, shown=str(key_path(root)))
    sealed = seal(unlocked.private, new)
    _save(root, sealed)
    return sealed


def adopt_key(root: Path, sealed: SealedKey) -> bool:
    """Take over a restored backup's key when this installation has none; True if adopted.

    A new machine restoring its first backup then keeps backing up under the same password.
    """
    if load_key(root) is not None:
        return False
    _save(root, sealed)
    return True


def _save(root: Path, sealed: SealedKey) -> None:
    text = json.dumps(sealed.to_json(), indent=2, sort_keys=True)
    atomic_write_bytes(key_path(root), text.encode("utf-8"))


def _normalise(password: str) -> str:
    return unicodedata.normalize("NFC", password)


def _password_key(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(_normalise(password).encode("utf-8"))


def seal(private: X25519PrivateKey, password: str) -> SealedKey:
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    salt, nonce = os.urandom(16), os.urandom(12)
    key = _password_key(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    ciphertext = AESGCM(key).encrypt(nonce, raw, _SEAL_CONTEXT + public)
    return SealedKey(public=public, salt=salt, nonce=nonce, ciphertext=ciphertext)


def unlock(sealed: SealedKey, password: str, *, shown: str) -> UnlockedKey:
    """Unseal the private half; ``shown`` names the file in the wrong-password message."""
    key = _password_key(password, sealed.salt, sealed.n, sealed.r, sealed.p)
    try:
        raw = AESGCM(key).decrypt(sealed.nonce, sealed.ciphertext, _SEAL_CONTEXT + sealed.public)
    except InvalidTag:
        raise DomainError("backup_wrong_password", path=shown) from None
    private = X25519PrivateKey.from_private_bytes(raw)
    if private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw) != sealed.public:
        raise DomainError("backup_wrong_password", path=shown)
    return UnlockedKey(public=sealed.public, private=private)


# --- per-backup content keys -------------------------------------------------------------------


def _content_key(shared: bytes, salt: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_CONTENT_CONTEXT).derive(shared)


def new_content_key(sealed: SealedKey) -> tuple[bytes, dict[str, Any]]:
    """A fresh content key for one backup, and the header block from which the password recovers it."""
    ephemeral = X25519PrivateKey.generate()
    salt = os.urandom(32)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(sealed.public))
    block = {
        **sealed.to_json(),
        "ephemeral_public": _b64(ephemeral.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)),
        "salt": _b64(salt),
    }
    return _content_key(shared, salt), block


def sealed_key_of(block: Any) -> SealedKey:
    """The installation key carried in a backup header's ``key`` block (ValueError if malformed)."""
    return SealedKey.from_json(block)


def content_key_of(block: Any, unlocked: UnlockedKey) -> bytes:
    try:
        ephemeral = X25519PublicKey.from_public_bytes(_unb64(block["ephemeral_public"]))
        salt = _unb64(block["salt"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError("malformed key block") from exc
    return _content_key(unlocked.private.exchange(ephemeral), salt)
