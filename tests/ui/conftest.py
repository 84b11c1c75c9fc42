"""The window most UI tests drive: an empty library, acting as the program's own administrator."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dnqp_desktop.core.library import Library
from dnqp_desktop.ui.main_window import MainWindow
from tests.ui.windows import shown_window


@pytest.fixture
def window(qtbot, library: Library) -> Iterator[MainWindow]:
    with shown_window(library) as main:
        yield main
