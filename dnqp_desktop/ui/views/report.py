"""The yearly report on screen: choose a year and a unit, read the figures and charts, export.

The figures come from ``core.reports`` (the same as ``dnqp report``); the PDF and the workbook
are written by a background job so the window stays responsive.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.i18n import _, current_language, format_number, format_percent
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.listing import choices
from dnqp_desktop.core.reports import YearlyReport, yearly_report
from dnqp_desktop.core.services.base import local_today
from dnqp_desktop.ui.report_charts import MonthChart, PlanChart
from dnqp_desktop.ui.workers import Job, JobRunner, error_text


class ReportView(QWidget):
    def __init__(self, library: Library, parent: QWidget | None = None, *, runner: JobRunner | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.report: YearlyReport | None = None
        self.runner = runner or JobRunner(self)
        self.setObjectName("report")
        self.year = QSpinBox(self)
        self.year.setObjectName("reportYear")
        self.year.setRange(1975, 2200)
        self.year.setValue(local_today().year)
        self.year.setGroupSeparatorShown(False)
        self.unit = QComboBox(self)
        self.unit.setObjectName("reportUnit")
        self.unit.setMinimumWidth(320)
        self.show_button = QPushButton(_("Show"), self)
        self.show_button.clicked.connect(self.compute)
        self.pdf_button = QPushButton(_("Export PDF…"), self)
        self.xlsx_button = QPushButton(_("Export Excel…"), self)
        self.pdf_button.clicked.connect(lambda: self._ask_and_export("pdf"))
        self.xlsx_button.clicked.connect(lambda: self._ask_and_export("xlsx"))
        controls = QHBoxLayout()
        controls.addWidget(QLabel(_("Year"), self))
        controls.addWidget(self.year)
        controls.addWidget(QLabel(_("Unit"), self))
        controls.addWidget(self.unit, 1)
        for button in (self.show_button, self.pdf_button, self.xlsx_button):
            controls.addWidget(button)
        self.summary = QLabel(self)
        self.summary.setObjectName("reportSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel(self)
        self.status.setObjectName("reportStatus")
        self.status.setWordWrap(True)
        self.month_chart = MonthChart(self)
        self.plan_table = QTableWidget(0, 6, self)
        self.plan_table.setObjectName("planTable")
        self.plan_table.setHorizontalHeaderLabels(
            [_("Activity"), _("Unit of measure"), _("Target"), _("Result"), _("Achieved"), _("Behind schedule")]
        )
        self.plan_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.plan_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.plan_chart = PlanChart(self)
        self.plan_empty = QLabel(_("No plan items for this year and unit."), self)
        self.plan_empty.setObjectName("planEmpty")
        body = self.body = QWidget(self)
        column = QVBoxLayout(body)
        column.addWidget(self.summary)
        column.addWidget(_bold(QLabel(_("Delegations per month"), body)))
        column.addWidget(self.month_chart)
        column.addWidget(_bold(QLabel(_("Plan achievement"), body)))
        column.addWidget(self.plan_empty)
        column.addWidget(self.plan_table)
        column.addWidget(self.plan_chart)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)
        self._units_loaded = False

    def load_units(self) -> None:
        current = self.unit.currentData()
        self.unit.clear()
        own = self.library.settings.own_unit_id or self._widest_vietnamese_unit()
        for unit_id, name in choices(self.library, "unit"):
            self.unit.addItem(name, unit_id)
        index = self.unit.findData(current or own)
        self.unit.setCurrentIndex(max(index, 0))
        self._units_loaded = True

    def _widest_vietnamese_unit(self) -> str:
        """Without "our unit" in the settings: the Vietnamese top unit with the most units under it."""
        units = self.library.units.list(filters={"country": "VN"})
        children: dict[str, int] = {}
        for unit in units:
            if unit.parent_id:
                children[unit.parent_id] = children.get(unit.parent_id, 0) + 1
        tops = [unit for unit in units if not unit.parent_id]
        return max(tops, key=lambda unit: children.get(unit.id, 0)).id if tops else ""

    def refresh(self) -> None:
        first = not self._units_loaded
        if first:
            self.load_units()
        if self.report is not None or first:
            self.compute()  # a year's records: quick enough to show the figures on arrival

    def choose(self, year: int, unit_id: str) -> None:
        if not self._units_loaded:
            self.load_units()
        self.year.setValue(year)
        self.unit.setCurrentIndex(max(self.unit.findData(unit_id), 0))
        self.compute()

    def compute(self) -> YearlyReport | None:
        unit_id = self.unit.currentData()
        if not unit_id:
            self.summary.setText(_("Choose a unit."))
            return None
        try:
            with self.library.read() as session:
                self.report = yearly_report(session, self.year.value(), unit_id)
        except DomainError as error:
            self.summary.setText(error.message())
            return None
        self._show(self.report)
        return self.report

    def _show(self, report: YearlyReport) -> None:
        self.summary.setText(
            "\n".join(
                (
                    _("{delegations} delegations, {trips} person-trips").format(
                        delegations=format_number(report.delegations), trips=format_number(report.person_trips)
                    ),
                    _("Outgoing: {delegations} delegations, {trips} person-trips").format(
                        delegations=format_number(report.outgoing.delegations),
                        trips=format_number(report.outgoing.person_trips),
                    ),
                    _("Incoming: {delegations} delegations, {trips} person-trips").format(
                        delegations=format_number(report.incoming.delegations),
                        trips=format_number(report.incoming.person_trips),
                    ),
                    _("Talks held: {talks}. Agreements signed: {agreements}. Twinned pairs: {pairs}.").format(
                        talks=format_number(report.talks_held),
                        agreements=format_number(report.agreements_signed),
                        pairs=format_number(len(report.twinned_pairs)),
                    ),
                )
            )
        )
        self.month_chart.set_data(report.per_month)
        self.plan_table.setRowCount(len(report.plan))
        for widget in (self.plan_table, self.plan_chart):
            widget.setVisible(bool(report.plan))
        self.plan_empty.setVisible(not report.plan)
        lao = current_language() == "lo"
        for row, line in enumerate(report.plan):
            cells = (
                (line.title_lo or line.title) if lao else line.title,
                line.measure,
                _number(line.target),
                _number(line.result),
                format_percent(line.percent) if line.percent is not None else "",
                _("yes") if line.behind else "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.plan_table.setItem(row, column, item)
        self.plan_table.setFixedHeight(
            self.plan_table.horizontalHeader().sizeHint().height() + self.plan_table.verticalHeader().length() + 6
        )
        self.plan_chart.set_data(
            [
                (f"{i}. {(line.title_lo or line.title) if lao else line.title}", line.percent, line.behind)
                for i, line in enumerate(report.plan, start=1)
            ]
        )
        layout = self.body.layout()
        layout.activate()
        self.body.setMinimumHeight(layout.sizeHint().height())  # the scroll area scrolls, nothing overlaps

    # --- export -----------------------------------------------------------------------------------

    def _ask_and_export(self, fmt: str) -> None:
        report = self.report or self.compute()
        if report is None:
            return
        suffix = {"pdf": "PDF (*.pdf)", "xlsx": "Excel (*.xlsx)"}[fmt]
        name = f"bao-cao-{report.year}.{fmt}"
        path, _selected = QFileDialog.getSaveFileName(self, _("Save the report"), str(Path.home() / name), suffix)
        if path:
            self.export(Path(path), fmt)

    def export(self, path: Path, fmt: str) -> Job | None:
        """Write the shown report as ``fmt`` ("pdf" or "xlsx") in a background job."""
        report = self.report or self.compute()
        if report is None:
            return None

        def work(progress: object, cancelled: object) -> Path:
            if fmt == "pdf":
                from dnqp_desktop.documents.report_pdf import write_report_pdf

                write_report_pdf(report, path, issued_on=local_today())
            else:
                from dnqp_desktop.core.report_xlsx import write_workbook

                write_workbook(report, path)
            return path

        job = Job(work)
        job.signals.succeeded.connect(lambda written: self.status.setText(_("Saved: {path}").format(path=written)))
        job.signals.failed.connect(lambda error: self.status.setText(error_text(error)))
        self.status.setText(_("Writing {path}…").format(path=path))
        return self.runner.start(job)


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return format_number(int(value) if float(value).is_integer() else value)


def _bold(label: QLabel) -> QLabel:
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label
