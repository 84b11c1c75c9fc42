"""The yearly report as a PDF in Vietnamese, with the basics of the official layout.

Nghị định 30/2020 (DOCUMENTS.md §1): the issuing unit top left over a short rule, with "Số" under
it; the national heading and motto top right, the motto over a rule as long as itself, then place
and date in italics; the type of document "BÁO CÁO" and its summary centred in bold; body text
13–14 pt; page numbers from page 2 in the top margin; the signature block and "Nơi nhận".
The wording is document text in Vietnamese (the report goes up the Vietnamese chain of command),
not interface text, so it is not translated.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dnqp_desktop import __version__
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.fileio import atomic_write_bytes
from dnqp_desktop.core.i18n import format_number, format_percent
from dnqp_desktop.core.reports import YearlyReport
from dnqp_desktop.documents import report_charts
from dnqp_desktop.documents.compose import MM
from dnqp_desktop.documents.fonts import load_fonts
from dnqp_desktop.documents.paragraphs import ParagraphStyle, Span
from dnqp_desktop.documents.render import _binary_streams, _lock
from dnqp_desktop.documents.report_canvas import Column, ReportCanvas
from dnqp_desktop.documents.templates.languages import VIETNAMESE, vietnamese_date
from dnqp_desktop.documents.text import Uncovered

BODY = 13.0
TABLE = 11.5
MONTH_CHART_HEIGHT = 190.0
#: Room a section heading keeps below it, so that it never ends a page.
KEEP = 70.0


def n(value: float | int | None) -> str:
    """Numbers the Vietnamese way: 1.384, 106,67."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return format_number(value, "vi")


def summary_sentence(report: YearlyReport) -> str:
    return (
        f"Năm {report.year}, {report.unit_name} và các đơn vị trực thuộc đã cử và đón tổng cộng "
        f"{n(report.delegations)} đoàn với {n(report.person_trips)} lượt người; trong đó "
        f"{n(report.outgoing.delegations)} đoàn ra với {n(report.outgoing.person_trips)} lượt người, "
        f"{n(report.incoming.delegations)} đoàn vào với {n(report.incoming.person_trips)} lượt người."
    )


def render_report_pdf(report: YearlyReport, *, issued_on: date, place: str = "") -> bytes:
    try:
        fonts = load_fonts("lo")
        with _lock, _binary_streams():
            canvas = _compose(ReportCanvas(fonts), report, issued_on, place)
            stamp = f"D:{issued_on.year:04d}{issued_on.month:02d}{issued_on.day:02d}000000+07'00'"
            return canvas.write(
                title=f"Báo cáo kết quả công tác đối ngoại quốc phòng năm {report.year}",
                author=report.unit_name,
                creator=f"DNQP Desktop {__version__}",
                stamp=stamp,
            )
    except Uncovered as exc:
        raise exc.error(field="report", where=report.unit_name) from exc


def write_report_pdf(report: YearlyReport, path: Path, *, issued_on: date, place: str = "") -> bytes:
    data = render_report_pdf(report, issued_on=issued_on, place=place)
    try:
        atomic_write_bytes(Path(path), data)
    except OSError as exc:
        raise DomainError("pdf_write_failed", path=str(path), reason=exc.strerror or str(exc)) from exc
    return data


def _compose(c: ReportCanvas, report: YearlyReport, issued_on: date, place: str) -> ReportCanvas:
    width = c.width
    left_width, right_width = width * 0.42, width * 0.58
    centred = ParagraphStyle(size=12.5, align="center", balance=True)
    top = c.y
    # issuing unit, top left
    if report.parent_name:
        c.paragraph(report.parent_name.upper(), centred, width=left_width)
    c.paragraph(report.unit_name.upper(), centred, bold=True, width=left_width)
    c.rule(left_width * 0.35, left_width * 0.65)
    c.gap(4)
    c.paragraph("Số:        /BC", ParagraphStyle(size=13, align="center"), width=left_width)
    below_left = c.y
    # national heading, top right
    c.y = top
    c.paragraph(
        VIETNAMESE.national_name, ParagraphStyle(size=12, align="center"), bold=True, x=left_width, width=right_width
    )
    motto = VIETNAMESE.motto
    motto_width = c.layout.width([Span(motto, bold=True)], 13)
    c.paragraph(motto, ParagraphStyle(size=13, align="center"), bold=True, x=left_width, width=right_width)
    centre = left_width + right_width / 2
    c.rule(centre - motto_width / 2, centre + motto_width / 2, drop=1.0)
    c.gap(6)
    when = ", ".join(part for part in (place, vietnamese_date(issued_on)) if part)
    c.paragraph(when, ParagraphStyle(size=13, align="center"), italic=True, x=left_width, width=right_width)
    c.y = min(c.y, below_left) - 14
    # type and summary
    c.paragraph("BÁO CÁO", ParagraphStyle(size=14, align="center"), bold=True)
    c.paragraph(
        f"Kết quả công tác đối ngoại quốc phòng năm {report.year}",
        ParagraphStyle(size=14, align="center", balance=True),
        bold=True,
    )
    c.rule(width * 0.35, width * 0.65)
    c.gap(10)
    body = ParagraphStyle(size=BODY, align="justify", first_indent=12.7 * MM, space_after=6)
    heading = ParagraphStyle(size=BODY, align="left", space_before=6, space_after=4)
    if len(report.unit_names) > 1:
        c.paragraph(
            f"Phạm vi: {report.unit_name} và {n(len(report.unit_names) - 1)} đơn vị trực thuộc "
            f"({', '.join(report.unit_names[1:])}).",
            body,
        )

    c.paragraph("I. ĐOÀN RA, ĐOÀN VÀO", heading, bold=True, keep=KEEP)
    c.paragraph(summary_sentence(report), body)
    columns = (Column(3, "left"), Column(2, "right"), Column(2, "right"))
    rows = [
        ["Đoàn ra", n(report.outgoing.delegations), n(report.outgoing.person_trips)],
        ["Đoàn vào", n(report.incoming.delegations), n(report.incoming.person_trips)],
        ["Tổng cộng", n(report.delegations), n(report.person_trips)],
    ]
    c.table(columns, ["Nội dung", "Số đoàn", "Số lượt người"], rows, size=TABLE, bold_rows=frozenset({2}))
    c.gap(8)
    c.paragraph(
        "Biểu đồ 1. Số đoàn ra, đoàn vào theo tháng",
        ParagraphStyle(size=12, align="center"),
        italic=True,
        keep=MONTH_CHART_HEIGHT,
    )
    c.drawing(
        MONTH_CHART_HEIGHT,
        lambda rc, x, y, w: report_charts.month_bars(
            rc, x, y, w, MONTH_CHART_HEIGHT, report.per_month, ("Đoàn ra", "Đoàn vào"), "T{month}"
        ),
    )

    c.paragraph("II. HỘI ĐÀM, KÝ KẾT VÀ KẾT NGHĨA", heading, bold=True, keep=KEEP)
    c.paragraph(f"Số cuộc hội đàm, giao ban đã tổ chức: {n(report.talks_held)}.", body)
    c.paragraph(f"Số văn bản hợp tác đã ký kết: {n(report.agreements_signed)}.", body)
    c.paragraph(f"Số cặp đơn vị kết nghĩa: {n(len(report.twinned_pairs))}.", body)
    if report.twinned_pairs:
        rows = [
            [n(i), p.first, p.second, str(p.since.year) if p.since else ""]
            for i, p in enumerate(report.twinned_pairs, start=1)
        ]
        columns = (Column(0.6, "center"), Column(4, "left"), Column(4, "left"), Column(1.4, "center"))
        c.table(columns, ["TT", "Đơn vị", "Đơn vị kết nghĩa", "Từ năm"], rows, size=TABLE)
        c.gap(6)

    c.paragraph("III. THỰC HIỆN KẾ HOẠCH HỢP TÁC", heading, bold=True, keep=KEEP)
    if not report.plan:
        c.paragraph("Không có nội dung kế hoạch trong năm.", body)
    else:
        rows = [
            [
                n(i),
                line.title,
                line.measure,
                n(line.target),
                n(line.result),
                format_percent(line.percent, "vi") if line.percent is not None else "",
            ]
            for i, line in enumerate(report.plan, start=1)
        ]
        columns = (
            Column(0.6, "center"),
            Column(4.4, "left"),
            Column(1.5, "left"),
            Column(2.3, "right"),
            Column(2.3, "right"),
            Column(1.4, "right"),
        )
        c.table(columns, ["TT", "Nội dung", "Đơn vị tính", "Kế hoạch", "Kết quả", "Tỷ lệ"], rows, size=TABLE - 1)
        behind = [line for line in report.plan if line.behind]
        if behind:
            c.gap(4)
            c.paragraph(
                "Nội dung chậm so với kế hoạch: " + "; ".join(line.title for line in behind) + ".",
                body,
            )
        chart_rows = [
            (f"{i}. {line.title}", line.percent, line.behind, format_percent(line.percent, "vi"))
            for i, line in enumerate(report.plan, start=1)
            if line.percent is not None
        ]
        if chart_rows:
            row_height = 18.0
            height = row_height * len(chart_rows) + 24
            c.gap(8)
            c.paragraph(
                "Biểu đồ 2. Tỷ lệ thực hiện kế hoạch (%)",
                ParagraphStyle(size=12, align="center"),
                italic=True,
                keep=height,
            )
            c.drawing(height, lambda rc, x, y, w: report_charts.plan_bars(rc, x, y, w, chart_rows, row_height))

    # signature block and recipients
    c.gap(12)
    c.ensure(120)
    top = c.y
    c.paragraph("Nơi nhận:", ParagraphStyle(size=12), bold=True, italic=True, width=left_width)
    recipients = ["- Cấp trên trực tiếp;", "- Lưu: VT."]
    for line in recipients:
        c.paragraph(line, ParagraphStyle(size=11), width=left_width)
    c.y = top
    c.paragraph(
        report.unit_name.upper(),
        ParagraphStyle(size=13, align="center", balance=True),
        bold=True,
        x=left_width,
        width=right_width,
    )
    return c
