"""The Excel import preview, a real import with progress in a worker, and list export from the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from dnqp_desktop.core.demo import load_demo
from dnqp_desktop.core.i18n import _
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.listing import LISTINGS
from dnqp_desktop.core.services.policy import SYSTEM
from dnqp_desktop.ui.dialogs.xlsx_import import ImportDialog
from dnqp_desktop.ui.main_window import MainWindow
from dnqp_desktop.ui.views.record_list import RecordListView
from dnqp_desktop.ui.workers import JobRunner
from tests.helpers import database_dump, make_unit
from tests.xlsx_helpers import sheet_values, write_workbook

HEADINGS = ["Họ và tên", "Đơn vị", "Ngày sinh", "Số hộ chiếu", "Ngày hết hạn"]


def broken_workbook(path: Path) -> Path:
    return write_workbook(
        path,
        [
            HEADINGS,
            ["Nguyễn Văn A", "Bộ CHQS Thanh Hóa", "24/4/1980", "B1234567", "24/4/2030"],
            ["Nguyễn Văn B", "Bộ CHQS Nghệ An", "31/02/1990", None, None],
            ["Nguyễn Văn C", "Bộ CHQS Thanh Hóa", None, "B1234567", "1/1/2031"],
            ["Nguyễn Văn D", "Bộ CHQS Thanh Hóa", None, "D1234567", None],
        ],
    )


def table_rows(table) -> list[list[str]]:
    return [
        [table.item(row, column).text() for column in range(table.columnCount())] for row in range(table.rowCount())
    ]


def test_preview_lists_every_problem_by_row_and_column(qtbot, library: Library, tmp_path: Path) -> None:
    make_unit(library, short_name="Bộ CHQS Thanh Hóa")
    before = database_dump(library)
    dialog = ImportDialog(library, SYSTEM, kind="person", runner=JobRunner(inline=True))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load(broken_workbook(tmp_path / "broken.xlsx"))
    problems = table_rows(dialog.problems_table)
    assert [row[:2] for row in problems] == [
        ["3", "B (Đơn vị)"],
        ["3", "C (Ngày sinh)"],
        ["4", "D (Số hộ chiếu)"],
        ["5", "E (Ngày hết hạn)"],
    ]
    assert "Bộ CHQS Nghệ An" in problems[0][2] and "31/02/1990" in problems[1][2]
    assert "Nguyễn Văn A" in problems[2][2]  # the passport is already in row 2
    assert _("Passport expiry date") in problems[3][2]
    assert dialog.tabs.currentIndex() == 0
    assert dialog.tabs.tabText(0) == _("Problems ({count})").format(count=4)
    assert dialog.tabs.tabText(1) == _("To add ({count})").format(count=1)
    assert not dialog.import_button.isEnabled()
    dialog.start_import()  # refused while problems are listed
    assert database_dump(library) == before


def test_successful_import_with_progress_in_a_worker(qtbot, library: Library, tmp_path: Path) -> None:
    make_unit(library, short_name="Bộ CHQS Thanh Hóa")
    rows = [HEADINGS] + [[f"Người {n}", "bo chqs thanh hoa", "1/2/1980", f"C{n:07d}", "1/1/2031"] for n in range(2500)]
    path = write_workbook(tmp_path / "people.xlsx", rows)
    dialog = ImportDialog(library, SYSTEM, kind="person")  # a real worker thread
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load(path)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=60_000)
    assert dialog.tabs.tabText(1) == _("To add ({count})").format(count=2500)
    assert dialog.import_button.isEnabled()
    seen: list[tuple[int, int]] = []
    dialog.progress.valueChanged.connect(lambda value: seen.append((value, dialog.progress.maximum())))
    with qtbot.waitSignal(dialog.imported, timeout=60_000) as imported:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert imported.args[0].added == 2500
    assert library.people.count() == 2500
    assert dialog.progress.value() == dialog.progress.maximum() > 0
    assert any(0 < value < maximum for value, maximum in seen)
    assert dialog.status.text() == _("Imported: {added} added, {updated} updated, {skipped} skipped.").format(
        added=2500, updated=0, skipped=0
    )
    assert not dialog.import_button.isEnabled()


def test_list_view_exports_what_it_shows(qtbot, library: Library, tmp_path: Path) -> None:
    load_demo(library)
    view = RecordListView(library, LISTINGS["unit"])
    qtbot.addWidget(view)
    view.runner = JobRunner(inline=True)
    view.ensure_loaded()
    box = view.filter_boxes["country"]
    box.setCurrentIndex(box.findData("LA"))
    view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    header = view.table.horizontalHeader()
    header.moveSection(2, 0)  # short name first
    header.hideSection(5)  # no parent unit
    with qtbot.waitSignal(view.exported):
        view.export(tmp_path / "units.xlsx")
    rows = sheet_values(tmp_path / "units.xlsx")
    assert rows[0] == (_("Short name"), _("Name (Vietnamese)"), _("Name (Lao)"), _("Country"), _("Level"))
    shown = [
        [view.model.data(view.model.index(row, column)) for column in (2, 0, 1)] for row in range(view.model.rowCount())
    ]
    assert [list(row[:3]) for row in rows[1:]] == [[value or None for value in row] for row in shown]
    assert len(rows) - 1 == view.model.rowCount() > 0


def test_window_offers_import_export_and_templates(qtbot, library: Library, tmp_path: Path) -> None:
    window = MainWindow(library, SYSTEM)
    qtbot.addWidget(window)
    names = {action.objectName() for action in window.menuBar().actions()[0].menu().actions()}
    assert {"import_xlsx", "export_xlsx", "xlsx_templates"} <= names
    written = window.save_templates(tmp_path)
    assert sorted(path.name for path in written) == sorted(
        f"{kind}-mau.xlsx" for kind in ("unit", "person", "talk", "delegation", "plan_item")
    )
    window.show_section("person")
    dialog = window.show_import()
    qtbot.addWidget(dialog)
    assert dialog.kind() == "person"


def test_window_lists_show_imported_records(qtbot, library: Library, tmp_path: Path) -> None:
    make_unit(library, short_name="Bộ CHQS Thanh Hóa")
    path = write_workbook(
        tmp_path / "people.xlsx", [HEADINGS] + [[f"Người {n}", "Bộ CHQS Thanh Hóa"] for n in range(30)]
    )
    window = MainWindow(library, SYSTEM)
    qtbot.addWidget(window)
    window.show()
    window.show_section("person")
    assert window.lists["person"].model.rowCount() == 0
    dialog = window.show_import()  # a real worker thread
    dialog.load(path)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=30_000)
    with qtbot.waitSignal(dialog.imported, timeout=30_000):
        dialog.start_import()
    qtbot.waitUntil(lambda: window.lists["person"].model.rowCount() == 30, timeout=10_000)
    dialog.close()


def test_stop_during_the_import_leaves_the_database_unchanged(qtbot, library: Library, tmp_path: Path) -> None:
    make_unit(library, short_name="Bộ CHQS Thanh Hóa")
    path = write_workbook(
        tmp_path / "many.xlsx", [HEADINGS] + [[f"Người {n}", "Bộ CHQS Thanh Hóa"] for n in range(2500)]
    )
    dialog = ImportDialog(library, SYSTEM, kind="person", runner=JobRunner(inline=True))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load(path)
    before = database_dump(library)
    stops: list[int] = []

    def press_stop(value: int) -> None:
        if value > 0 and not stops:  # a first chunk has been written, inside the transaction
            stops.append(value)
            assert dialog.cancel_button.isEnabled()
            qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)

    dialog.progress.valueChanged.connect(press_stop)
    dialog.start_import()
    assert stops and dialog.result is None
    assert dialog.status.text() == _("The import was cancelled. Nothing was changed.")
    assert database_dump(library) == before
