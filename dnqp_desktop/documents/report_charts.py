"""The two charts of the yearly report, drawn with ReportLab's canvas (no plotting library).

Bars and axes are plain canvas paths; every label goes through our shaped text, so chart labels
copy out of the PDF like the rest of the report. The app draws the same charts with QPainter from
the same figures (ui/report/charts.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from reportlab.pdfgen.canvas import Canvas

from dnqp_desktop.documents.paragraphs import Span
from dnqp_desktop.documents.report_canvas import ReportCanvas

OUTGOING_COLOUR = (0.16, 0.38, 0.67)
INCOMING_COLOUR = (0.85, 0.47, 0.13)
ACHIEVED_COLOUR = (0.20, 0.55, 0.30)
BEHIND_COLOUR = (0.78, 0.16, 0.16)
LABEL_SIZE = 9.0


def _nice_max(value: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if value <= step * 5:
            return max(step * 5, 5) if value > 0 else 5
    return value


def month_bars(
    report: ReportCanvas,
    left: float,
    bottom: float,
    width: float,
    height: float,
    per_month: Sequence[tuple[int, int]],
    labels: tuple[str, str],
    month_label: str,
) -> None:
    """Grouped bars: outgoing and incoming delegations for each month, with a legend."""
    plot_left, plot_bottom = left + 28, bottom + 34
    plot_width, plot_height = width - 40, height - 56
    top = _nice_max(max((max(pair) for pair in per_month), default=0))
    slot = plot_width / 12
    bar = slot * 0.34

    def draw(canvas: Canvas) -> None:
        canvas.setLineWidth(0.5)
        canvas.setStrokeColorRGB(0.75, 0.75, 0.75)
        for tick in range(6):
            y = plot_bottom + plot_height * tick / 5
            canvas.line(plot_left, y, plot_left + plot_width, y)
        canvas.setStrokeColorRGB(0, 0, 0)
        canvas.line(plot_left, plot_bottom, plot_left + plot_width, plot_bottom)
        canvas.line(plot_left, plot_bottom, plot_left, plot_bottom + plot_height)
        for month, (outgoing, incoming) in enumerate(per_month):
            x = plot_left + slot * month + slot * 0.14
            for offset, value, colour in ((0, outgoing, OUTGOING_COLOUR), (bar, incoming, INCOMING_COLOUR)):
                if value:
                    canvas.setFillColorRGB(*colour)
                    canvas.rect(x + offset, plot_bottom, bar, plot_height * value / top, stroke=0, fill=1)
        for index, colour in enumerate((OUTGOING_COLOUR, INCOMING_COLOUR)):
            canvas.setFillColorRGB(*colour)
            canvas.rect(left + 30 + index * 120, bottom + 2, 10, 8, stroke=0, fill=1)

    report.page.drawings.append(draw)
    for tick in range(6):
        value = top * tick // 5
        report.label(str(value), LABEL_SIZE, plot_left - 4, plot_bottom + plot_height * tick / 5 - 3, align="right")
    for month, (outgoing, incoming) in enumerate(per_month):
        centre = plot_left + slot * (month + 0.5)
        report.label(month_label.format(month=month + 1), LABEL_SIZE, centre, plot_bottom - 12, align="center")
        for offset, value in ((-bar / 2, outgoing), (bar / 2, incoming)):
            if value:
                y = plot_bottom + plot_height * value / top + 2
                report.label(str(value), LABEL_SIZE - 1, centre + offset, y, align="center")
    for index, text in enumerate(labels):
        report.label(text, LABEL_SIZE + 1, left + 44 + index * 120, bottom + 3)


def plan_bars(
    report: ReportCanvas,
    left: float,
    bottom: float,
    width: float,
    rows: Sequence[tuple[str, Decimal | None, bool, str]],
    row_height: float,
) -> None:
    """Horizontal bars of percent achieved (label, percent, behind, shown value), a line at 100 %."""
    label_width = width * 0.42
    plot_left, plot_width = left + label_width + 6, width - label_width - 60
    scale_max = max([Decimal(150), *[(p or Decimal(0)) for _l, p, _b, _s in rows]])
    top = bottom + row_height * len(rows) + 14

    def draw(canvas: Canvas) -> None:
        for index, (_label, percent, behind, _shown) in enumerate(rows):
            y = top - 14 - row_height * (index + 1) + row_height * 0.2
            length = float((percent or Decimal(0)) / scale_max) * plot_width
            canvas.setFillColorRGB(*(BEHIND_COLOUR if behind else ACHIEVED_COLOUR))
            canvas.rect(plot_left, y, length, row_height * 0.6, stroke=0, fill=1)
        hundred = plot_left + float(Decimal(100) / scale_max) * plot_width
        canvas.setStrokeColorRGB(0, 0, 0)
        canvas.setLineWidth(0.8)
        canvas.setDash(3, 2)
        canvas.line(hundred, bottom, hundred, top - 10)
        canvas.setDash()
        canvas.setLineWidth(0.5)
        canvas.line(plot_left, bottom, plot_left, top - 10)

    report.page.drawings.append(draw)
    hundred = plot_left + float(Decimal(100) / scale_max) * plot_width
    report.label("100%", LABEL_SIZE, hundred, top - 8, align="center")
    for index, (label, percent, _behind, shown) in enumerate(rows):
        baseline = top - 14 - row_height * (index + 1) + row_height * 0.35
        report.label(_fitted(report, label, LABEL_SIZE + 1, label_width - 4), LABEL_SIZE + 1, left, baseline)
        length = float((percent or Decimal(0)) / scale_max) * plot_width
        report.label(shown, LABEL_SIZE, plot_left + length + 3, baseline)


def _fitted(report: ReportCanvas, text: str, size: float, width: float) -> str:
    """``text``, cut short with an ellipsis until it fits ``width``."""
    if report.layout.width([Span(text)], size) <= width:
        return text
    while len(text) > 4 and report.layout.width([Span(text + "…")], size) > width:
        text = text[:-1]
    return text.rstrip(" ,") + "…"
