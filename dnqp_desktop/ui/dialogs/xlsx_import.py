"""Import from Excel: choose a workbook, see what it would do, then import all of it or nothing.

The preview has three lists: rows to add, rows matching records already recorded (to update or
skip, one choice for the whole batch) and every problem by row, column and message. Import stays
disabled while any problem is listed. Reading, checking and writing all run in a worker with a
progress bar and a Stop button; stopping, like any problem found while writing, leaves the
database exactly as it was (core/xlsx/commit.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dnqp_desktop.core.backup.progress import Cancelled, Progress
from dnqp_desktop.core.i18n import _
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.services.policy import Actor
from dnqp_desktop.core.xlsx.commit import ImportResult, commit_import
from dnqp_desktop.core.xlsx.kinds import IMPORT_KINDS
from dnqp_desktop.core.xlsx.plan import ImportPlan, ImportRefused, Problem, plan_import
from dnqp_desktop.ui.dialogs.progress import PROGRESS_SCALE, add_progress, show_progress
from dnqp_desktop.ui.workers import Job, JobRunner, error_text


class ImportDialog(QDialog):
    imported = Signal(object)  # ImportResult

    def __init__(
        self,
        library: Library,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        kind: str | None = None,
        runner: JobRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("xlsx_import")
        self.setWindowTitle(_("Import from Excel"))
        self.resize(900, 600)
        self.library = library
        self.actor = actor
        self.runner = runner or JobRunner(self)
        self.job: Job | None = None
        self.plan: ImportPlan | None = None
        self.result: ImportResult | None = None

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Records:"), self))
        self.kind_box = QComboBox(self)
        self.kind_box.setObjectName("kind")
        for key, spec in IMPORT_KINDS.items():
            self.kind_box.addItem(_(spec.title), key)
        if kind in IMPORT_KINDS:
            self.kind_box.setCurrentIndex(list(IMPORT_KINDS).index(kind))
        top.addWidget(self.kind_box)
        self.file_edit = QLineEdit(self)
        self.file_edit.setObjectName("file")
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(_("Choose an .xlsx workbook"))
        top.addWidget(self.file_edit, 1)
        self.choose_button = QPushButton(_("Choose file…"), self)
        self.choose_button.setObjectName("choose")
        top.addWidget(self.choose_button)
        layout.addLayout(top)

        self.summary = QLabel(_("Choose the kind of records and the workbook to import."), self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        self.tabs = QTabWidget(self)
        self.adds_table = _table(self, "adds", [_("Row"), _("Record")])
        self.matches_table = _table(self, "matches", [_("Row"), _("Record")])
        self.problems_table = _table(self, "problems", [_("Row"), _("Column"), _("Problem")])
        matches_page = QWidget(self)
        matches_layout = QVBoxLayout(matches_page)
        choice = QHBoxLayout()
        self.update_radio = QRadioButton(_("Update the matching records with the workbook's values"), matches_page)
        self.update_radio.setObjectName("update")
        self.skip_radio = QRadioButton(_("Skip them (leave the recorded values)"), matches_page)
        self.skip_radio.setObjectName("skip")
        self.skip_radio.setChecked(True)
        group = QButtonGroup(matches_page)
        group.addButton(self.update_radio)
        group.addButton(self.skip_radio)
        choice.addWidget(self.update_radio)
        choice.addWidget(self.skip_radio)
        choice.addStretch(1)
        matches_layout.addLayout(choice)
        matches_layout.addWidget(self.matches_table)
        self.tabs.addTab(self.problems_table, "")
        self.tabs.addTab(self.adds_table, "")
        self.tabs.addTab(matches_page, "")
        layout.addWidget(self.tabs, 1)

        self.progress, self.status = add_progress(self, layout)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.import_button = QPushButton(_("Import"), self)
        self.import_button.setObjectName("import_button")
        self.cancel_button = QPushButton(_("Stop"), self)
        self.cancel_button.setObjectName("cancel_button")
        self.close_button = QPushButton(_("Close"), self)
        for button in (self.import_button, self.cancel_button, self.close_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self._show_plan(None)
        self._set_running(False)

        self.choose_button.clicked.connect(self.choose_file)
        self.kind_box.currentIndexChanged.connect(lambda _index: self._reload())
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)

    # --- choosing and checking ---------------------------------------------------------------

    def kind(self) -> str:
        return str(self.kind_box.currentData())

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import from Excel"), "", _("Excel workbooks (*.xlsx);;All files (*)")
        )
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> None:
        """Read and check ``path`` in the worker; the preview fills in when it is done."""
        self.file_edit.setText(str(path))
        self._reload()

    def _reload(self) -> None:
        text = self.file_edit.text()
        if not text or self._running():
            return
        library, kind, path = self.library, self.kind(), Path(text)

        def work(progress: Progress, cancelled: Cancelled) -> ImportPlan:
            return plan_import(library, kind, path, progress=progress, cancelled=cancelled)

        self._show_plan(None)
        self.status.setText(_("Reading {path}…").format(path=path.name))
        self._start(work, self._on_plan)

    def _on_plan(self, plan: ImportPlan) -> None:
        self._show_plan(plan)
        self.status.setText("")
        self.progress.setRange(0, PROGRESS_SCALE)
        self.progress.setValue(0)

    def _show_plan(self, plan: ImportPlan | None) -> None:
        self.plan = plan
        adds = plan.adds if plan else []
        matches = plan.matches if plan else []
        problems = plan.problems if plan else []
        _fill(self.adds_table, [(str(row.row), row.title) for row in adds])
        _fill(self.matches_table, [(str(row.row), row.title) for row in matches])
        _fill(self.problems_table, [_problem_cells(problem) for problem in problems])
        self.tabs.setTabText(0, _("Problems ({count})").format(count=len(problems)))
        self.tabs.setTabText(1, _("To add ({count})").format(count=len(adds)))
        self.tabs.setTabText(2, _("Matching records ({count})").format(count=len(matches)))
        if plan is None:
            return
        if problems:
            self.tabs.setCurrentIndex(0)
            self.summary.setText(
                _(
                    "{problems} problems found in sheet “{sheet}”: nothing can be imported until the workbook is "
                    "corrected. Rows to add: {adds}; matching records: {matches}."
                ).format(problems=len(problems), sheet=plan.sheet, adds=len(adds), matches=len(matches))
            )
            self.summary.setStyleSheet("color: #b00020;")
        else:
            self.tabs.setCurrentIndex(1 if adds or not matches else 2)
            self.summary.setText(
                _("Sheet “{sheet}”: {adds} rows to add, {matches} matching records already recorded.").format(
                    sheet=plan.sheet, adds=len(adds), matches=len(matches)
                )
            )
            self.summary.setStyleSheet("")
        if plan.ignored:
            self.summary.setText(
                self.summary.text()
                + "\n"
                + _("Columns not imported: {columns}").format(columns=", ".join(plan.ignored))
            )
        self._set_running(False)

    # --- importing ---------------------------------------------------------------------------

    def start_import(self) -> None:
        plan = self.plan
        if plan is None or plan.problems or self._running():
            return
        library, actor, update = self.library, self.actor, self.update_radio.isChecked()

        def work(progress: Progress, cancelled: Cancelled) -> ImportResult:
            return commit_import(
                library, plan, actor=actor, update_matches=update, progress=progress, cancelled=cancelled
            )

        self.status.setText(_("Importing…"))
        self._start(work, self._on_imported)

    def _on_imported(self, result: ImportResult) -> None:
        self.result = result
        self.plan = None
        self.progress.setRange(0, PROGRESS_SCALE)
        self.progress.setValue(PROGRESS_SCALE)
        self.status.setStyleSheet("")
        self.status.setText(
            _("Imported: {added} added, {updated} updated, {skipped} skipped.").format(
                added=result.added, updated=result.updated, skipped=result.skipped
            )
        )
        self.imported.emit(result)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    # --- running ------------------------------------------------------------------------------

    def _start(self, work: Any, on_success: Any) -> None:
        self.status.setStyleSheet("")
        job = Job(work)
        job.signals.progressed.connect(self._on_progress)
        job.signals.succeeded.connect(on_success)
        job.signals.failed.connect(self._on_failure)
        job.signals.finished.connect(lambda: self._set_running(False))
        self.job = job
        self._set_running(True)
        self.runner.start(job)

    def _running(self) -> bool:
        return self.job is not None and not self.job.done.is_set()

    def _set_running(self, running: bool) -> None:
        running = running or self._running()
        can_import = self.plan is not None and not self.plan.problems and bool(self.plan.adds or self.plan.matches)
        self.import_button.setEnabled(not running and can_import)
        self.cancel_button.setEnabled(running)
        self.choose_button.setEnabled(not running)
        self.kind_box.setEnabled(not running)

    def _on_progress(self, done: Any, total: Any, message: str) -> None:
        show_progress(self.progress, int(done), int(total))
        self.status.setText(message)

    def _on_failure(self, error: object) -> None:
        self.progress.setRange(0, PROGRESS_SCALE)
        self.progress.setValue(0)
        self.status.setStyleSheet("color: #b00020;")
        self.status.setText(error_text(error))
        if isinstance(error, ImportRefused) and self.plan is not None:
            self.plan.problems = error.problems  # found while writing: the database changed meanwhile
            self._show_plan(self.plan)

    def reject(self) -> None:
        if self._running():
            self.cancel()
            self.runner.wait()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self._running():
            self.cancel()
            self.runner.wait()
        super().closeEvent(event)


def _table(parent: QWidget, name: str, headings: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headings), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headings)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    for index in range(len(headings) - 1):
        header.setSectionResizeMode(index, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(len(headings) - 1, QHeaderView.ResizeMode.Stretch)
    return table


#: Rows shown in a preview list; the rest are counted in the tab's title.
SHOWN_ROWS = 2000


def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(0)
    shown = rows[:SHOWN_ROWS]
    table.setRowCount(len(shown))
    for row, values in enumerate(shown):
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            if column == 0:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, column, item)
    table.resizeRowsToContents()


def _problem_cells(problem: Problem) -> tuple[str, str, str]:
    column = problem.column
    if column and problem.heading:
        column = f"{column} ({problem.heading})"
    return (str(problem.row) if problem.row else "", column, problem.message())
