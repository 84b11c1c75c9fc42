"""The yearly report as an .xlsx workbook (openpyxl), with its two charts as Excel charts.

Sheets: "Tổng hợp" (the figures by direction, talks, agreements, twinned pairs), "Theo tháng"
(delegations per month, with a bar chart), "Kế hoạch" (plan items with target, result and percent,
with a bar chart of percent achieved). Numbers are stored as numbers, not text, so that a clerk
can go on calculating with them; the wording is Vietnamese like the PDF's.
"""

from __future__ import annotations

import io
from pathlib import Path

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.fileio import atomic_write_bytes
from dnqp_desktop.core.reports import YearlyReport


def workbook_bytes(report: YearlyReport) -> bytes:
    from openpyxl import Workbook  # loaded when a workbook is asked for: start-up time
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment, Font

    bold = Font(bold=True)
    book = Workbook()
    summary = book.active
    summary.title = "Tổng hợp"
    summary.append([f"Báo cáo kết quả công tác đối ngoại quốc phòng năm {report.year}"])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append([report.unit_name])
    summary.append([])
    summary.append(["Nội dung", "Số đoàn", "Số lượt người"])
    summary.append(["Đoàn ra", report.outgoing.delegations, report.outgoing.person_trips])
    summary.append(["Đoàn vào", report.incoming.delegations, report.incoming.person_trips])
    summary.append(["Tổng cộng", report.delegations, report.person_trips])
    for cell in (*summary[4], *summary[7]):
        cell.font = bold
    summary.append([])
    summary.append(["Số cuộc hội đàm đã tổ chức", report.talks_held])
    summary.append(["Số văn bản đã ký kết", report.agreements_signed])
    summary.append(["Số cặp kết nghĩa", len(report.twinned_pairs)])
    summary.append([])
    summary.append(["Đơn vị", "Đơn vị kết nghĩa", "Từ ngày"])
    for cell in summary[summary.max_row]:
        cell.font = bold
    for pair in report.twinned_pairs:
        summary.append([pair.first, pair.second, pair.since])
    summary.column_dimensions["A"].width = 48
    summary.column_dimensions["B"].width = 44
    summary.column_dimensions["C"].width = 16

    months = book.create_sheet("Theo tháng")
    months.append(["Tháng", "Đoàn ra", "Đoàn vào"])
    for cell in months[1]:
        cell.font = bold
    for index, (outgoing, incoming) in enumerate(report.per_month, start=1):
        months.append([f"T{index}", outgoing, incoming])
    chart = BarChart()
    chart.type = "col"
    chart.title = "Số đoàn ra, đoàn vào theo tháng"
    chart.y_axis.title = "Số đoàn"
    chart.add_data(Reference(months, min_col=2, max_col=3, min_row=1, max_row=13), titles_from_data=True)
    chart.set_categories(Reference(months, min_col=1, min_row=2, max_row=13))
    chart.width, chart.height = 20, 9
    months.add_chart(chart, "E2")

    plan = book.create_sheet("Kế hoạch")
    plan.append(["TT", "Nội dung", "Đơn vị tính", "Kế hoạch", "Kết quả", "Tỷ lệ (%)", "Chậm tiến độ"])
    for cell in plan[1]:
        cell.font = bold
    for index, line in enumerate(report.plan, start=1):
        percent = float(line.percent) if line.percent is not None else None
        plan.append([index, line.title, line.measure, line.target, line.result, percent, "x" if line.behind else ""])
        plan.cell(row=index + 1, column=6).number_format = "0.00"
        plan.cell(row=index + 1, column=2).alignment = Alignment(wrap_text=True)
    plan.column_dimensions["B"].width = 60
    for column in "CDEF":
        plan.column_dimensions[column].width = 16
    if report.plan:
        bars = BarChart()
        bars.type = "bar"
        bars.title = "Tỷ lệ thực hiện kế hoạch (%)"
        rows = len(report.plan) + 1
        bars.add_data(Reference(plan, min_col=6, min_row=1, max_row=rows), titles_from_data=True)
        bars.set_categories(Reference(plan, min_col=1, min_row=2, max_row=rows))
        bars.width, bars.height = 18, max(6, 1.2 * len(report.plan))
        plan.add_chart(bars, "I2")

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_workbook(report: YearlyReport, path: Path) -> bytes:
    data = workbook_bytes(report)
    try:
        atomic_write_bytes(Path(path), data)
    except OSError as exc:
        raise DomainError("xlsx_write_failed", path=str(path), reason=exc.strerror or str(exc)) from exc
    return data
