"""Printing a PDF through Qt: each page rendered by QtPdf and drawn on the printer's page.

The printer gets what the preview shows, page for page, from the same PDF bytes, rather than a
second layout by Qt (whose text layout breaks Lao inside words, TECH_NOTES.md). Pages are rendered
at the printer's resolution up to 300 dpi: enough for 14 pt text and a seal, and a page of A4 at
300 dpi is already 35 MB of image.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

MAX_DPI = 300


def prepare_printer(printer: QPrinter) -> QPrinter:
    """A4, the whole sheet: the PDF pages carry their own margins (those of Nghị định 30)."""
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setFullPage(True)
    printer.setDocName("DNQP")
    return printer


def print_pdf(document: QPdfDocument, printer: QPrinter, progress: Callable[[int, int], None] | None = None) -> int:
    """Print the pages the printer asks for (all, or its from–to range); returns how many were printed."""
    count = document.pageCount()
    first, last = 0, count - 1
    if printer.fromPage() > 0:
        first = printer.fromPage() - 1
        last = min(count, printer.toPage() or count) - 1
    painter = QPainter()
    if count == 0 or not painter.begin(printer):
        return 0
    dpi = min(printer.resolution(), MAX_DPI)
    printed = 0
    try:
        for page in range(first, last + 1):
            if printed:
                printer.newPage()
            points = document.pagePointSize(page)
            image = document.render(page, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72)))
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(area.topLeft(), size), image)
            printed += 1
            if progress is not None:
                progress(printed, last - first + 1)
    finally:
        painter.end()
    return printed
