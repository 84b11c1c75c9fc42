"""Log files in the data folder: where tracebacks go, instead of in front of the user."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_FILENAME = "dnqp.log"
_handler: RotatingFileHandler | None = None


def setup_logging(folder: Path, level: int = logging.INFO) -> Path:
    """Send this process's log records to ``folder/dnqp.log`` (rotated at 2 MB, 5 files kept)."""
    global _handler
    path = folder / LOG_FILENAME
    root = logging.getLogger()
    if _handler is not None and Path(_handler.baseFilename) == path.resolve():
        return path
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    folder.mkdir(parents=True, exist_ok=True)
    _handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8", delay=True)
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(_handler)
    root.setLevel(level)
    return path
