"""The yearly report's two charts in the window, painted with QPainter from the report's figures.

QtCharts is not in the PySide6-Essentials wheels this application ships, so the bars are painted
here, in the same colours as the PDF's (documents/report_charts.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from dnqp_desktop.core.i18n import _, format_percent

OUTGOING = QColor.fromRgbF(0.16, 0.38, 0.67)
INCOMING = QColor.fromRgbF(0.85, 0.47, 0.13)
ACHIEVED = QColor.fromRgbF(0.20, 0.55, 0.30)
BEHIND = QColor.fromRgbF(0.78, 0.16, 0.16)


class MonthChart(QWidget):
    """Outgoing and incoming delegations per month, as grouped bars with a legend."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("monthChart")
        self.per_month: Sequence[tuple[int, int]] = [(0, 0)] * 12
        self.setFixedHeight(240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_data(self, per_month: Sequence[tuple[int, int]]) -> None:
        self.per_month = list(per_month)
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(520, 240)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        line = metrics.height()
        left, top = metrics.horizontalAdvance("0000") + 8, line
        width, height = self.width() - left - 10, self.height() - top - 3 * line - 8
        most = max((max(pair) for pair in self.per_month), default=0)
        largest = max(4, -(-most // 4) * 4)  # four whole-number steps
        painter.setPen(QPen(QColor("#cccccc")))
        for tick in range(5):
            y = top + height - height * tick / 4
            painter.drawLine(int(left), int(y), int(left + width), int(y))
            painter.setPen(QPen(self.palette().text().color()))
            label = str(largest * tick // 4)
            painter.drawText(QRectF(0, y - line / 2, left - 4, line), Qt.AlignmentFlag.AlignRight, label)
            painter.setPen(QPen(QColor("#cccccc")))
        slot = width / 12
        bar = slot * 0.36
        painter.setPen(Qt.PenStyle.NoPen)
        for month, (outgoing, incoming) in enumerate(self.per_month):
            x = left + slot * month + slot * 0.14
            for offset, value, colour in ((0, outgoing, OUTGOING), (bar, incoming, INCOMING)):
                painter.setBrush(colour)
                size = height * value / largest
                painter.drawRect(QRectF(x + offset, top + height - size, bar, size))
        painter.setPen(QPen(self.palette().text().color()))
        for month in range(12):
            rect = QRectF(left + slot * month, top + height + 2, slot, line)
            painter.drawText(rect, Qt.AlignmentFlag.AlignHCenter, _("M{month}").format(month=month + 1))
        legend_y = top + height + line + 8
        x = left
        for colour, text in ((OUTGOING, _("Outgoing")), (INCOMING, _("Incoming"))):
            painter.fillRect(QRectF(x, legend_y + 3, 12, line - 6), colour)
            painter.drawText(QRectF(x + 16, legend_y, 300, line), Qt.AlignmentFlag.AlignLeft, text)
            x += 16 + metrics.horizontalAdvance(text) + 24
        painter.end()


class PlanChart(QWidget):
    """Percent achieved of each plan item as horizontal bars, with a line at 100 %."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planChart")
        self.rows: list[tuple[str, Decimal | None, bool]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_data(self, rows: Sequence[tuple[str, Decimal | None, bool]]) -> None:
        self.rows = [row for row in rows if row[1] is not None]
        line = self.fontMetrics().height()
        self.setFixedHeight(int(line * 1.6 * (len(self.rows) + 1) + line))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(520, self.minimumHeight())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        line = metrics.height()
        row_height = line * 1.6
        label_width = self.width() * 0.42
        plot_left = label_width + 8
        plot_width = self.width() - plot_left - metrics.horizontalAdvance("000,00%") - 12
        scale = max([Decimal(150), *[p for _l, p, _b in self.rows if p is not None]])
        text = self.palette().text().color()
        for index, (label, percent, behind) in enumerate(self.rows):
            y = line + row_height * index
            elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(label_width))
            painter.setPen(QPen(text))
            painter.drawText(QRectF(0, y, label_width, row_height), Qt.AlignmentFlag.AlignVCenter, elided)
            length = float((percent or Decimal(0)) / scale) * plot_width
            painter.fillRect(
                QRectF(plot_left, y + row_height * 0.2, length, row_height * 0.6), BEHIND if behind else ACHIEVED
            )
            painter.drawText(
                QRectF(plot_left + length + 4, y, 120, row_height),
                Qt.AlignmentFlag.AlignVCenter,
                format_percent(percent),
            )
        hundred = plot_left + float(Decimal(100) / scale) * plot_width
        pen = QPen(text)
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(int(hundred), int(line * 0.8), int(hundred), int(line + row_height * len(self.rows)))
        painter.drawText(QRectF(hundred - 40, 0, 80, line), Qt.AlignmentFlag.AlignHCenter, "100%")
        painter.end()
