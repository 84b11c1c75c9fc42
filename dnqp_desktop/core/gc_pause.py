"""Bulk work without Python's cyclic garbage collector running through it.

Python's collector runs each time enough new container objects (dicts, lists, tuples) have been
made, and now and then it rescans *every* live object. An import of 10 000 rows makes well over a
million such objects, nearly all of which stay alive until the end (the rows read, their drafts,
the values handed to SQLite): the collector ran some thirty full passes in such an import, found
next to nothing to free each time, and took about a fifth of its time. Reference counting still
frees every object the moment it is no longer used; only reference cycles wait, and the collector
picks them up as usual once the block ends.

Blocks may nest and may run in several threads at once: the collector is paused by the first block
to start and resumed by the last to end, and only if it was running before the first began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_resume = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Run the block with the cyclic garbage collector paused (see the module's docstring)."""
    global _depth, _resume
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()
