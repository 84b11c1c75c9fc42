"""The progress bar and status line under a long job's dialog (backup, restore, Excel import)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QLabel, QProgressBar, QWidget

#: Steps of the bar: fine enough for a 10 000-row import or a 200 MB backup to move smoothly.
PROGRESS_SCALE = 1000


def add_progress(dialog: QWidget, layout: QBoxLayout, *, scale: int = PROGRESS_SCALE) -> tuple[QProgressBar, QLabel]:
    """A bar at zero and an empty status line whose text (an error, a file name) can be copied."""
    progress = QProgressBar(dialog)
    progress.setObjectName("progress")
    progress.setRange(0, scale)
    progress.setValue(0)
    layout.addWidget(progress)
    status = QLabel("", dialog)
    status.setObjectName("status")
    status.setWordWrap(True)
    status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    layout.addWidget(status)
    return progress, status


def show_progress(bar: QProgressBar, done: int, total: int) -> None:
    """Counts (bytes, rows) onto a bar with a fixed range (Qt's ints stop at 2 GB); total 0 means busy."""
    if total <= 0:
        bar.setRange(0, 0)
        return
    bar.setRange(0, PROGRESS_SCALE)
    bar.setValue(min(PROGRESS_SCALE, done * PROGRESS_SCALE // total))
