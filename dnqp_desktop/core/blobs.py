"""Content-addressed file store under ``attachments/``: each distinct file is kept once.

A file is copied to a temporary name in the store while it is hashed, synced, and only then given
its final name (the hash), so a power cut leaves either nothing or a complete file behind.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from dnqp_desktop.core.fileio import fsync_directory, sha256_file

_CHUNK = 1024 * 1024


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def put(self, source: Path) -> tuple[str, int]:
        """Store ``source``; returns its hash and size. Storing the same content twice is a no-op."""
        self.root.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", dir=self.root)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out, source.open("rb") as src:
                while chunk := src.read(_CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha = digest.hexdigest()
            final = self.path(sha)
            if final.exists() and self.verify(sha):
                tmp.unlink()
            else:
                final.parent.mkdir(exist_ok=True)
                os.replace(tmp, final)
                fsync_directory(final.parent)
            return sha, size
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def verify(self, sha256: str) -> bool:
        path = self.path(sha256)
        return path.is_file() and sha256_file(path) == sha256
