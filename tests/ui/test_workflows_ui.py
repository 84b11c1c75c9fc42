"""Issue 5 in the window: talk series in the calendar, double bookings, the passport warning, the
dashboard's due items opening their records, and the yearly report screen."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from dnqp_desktop.core.library import Library
from dnqp_desktop.core.services.base import local_today
from dnqp_desktop.ui.forms.delegation_form import DelegationForm
from dnqp_desktop.ui.forms.fields import ReferenceEditor
from dnqp_desktop.ui.main_window import MainWindow
from dnqp_desktop.ui.workers import JobRunner
from tests.helpers import (
    ICT,
    make_agreement,
    make_delegation,
    make_lao_unit,
    make_person,
    make_plan_item,
    make_talk,
    make_unit,
)
from tests.report_records import mr2_records
from tests.ui.keyboard import type_text


def _pick(editor: ReferenceEditor, record_id: str) -> None:
    editor.combo.setCurrentIndex(editor.combo.findData(record_id))


def test_a_talk_series_shows_alternating_hosts_in_the_calendar(qtbot, window: MainWindow, library: Library) -> None:
    th = make_unit(library, name_vi="Bộ Chỉ huy quân sự tỉnh Thanh Hóa", short_name="Bộ CHQS Thanh Hóa")
    hp = make_lao_unit(library, short_name="Bộ CHQS Hủa Phăn")
    window.show_section("calendar")
    dialog = window.new_talk_series()
    type_text(dialog.editors["title_vi"].edit, "Giao ban định kỳ Thanh Hóa – Hủa Phăn")
    dialog.editors["start_at"].set_value(datetime(2026, 3, 20, 8, 0, tzinfo=ICT))
    _pick(dialog.editors["host_unit_id"], th.id)
    _pick(dialog.other_unit, hp.id)
    dialog.occurrences.setValue(3)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted and len(dialog.created) == 3
    hosts = []
    for year in (2026, 2027, 2028):
        window.calendar.show_month(year, 3)
        [row] = window.calendar.rows()
        assert row.text(1) == "Giao ban định kỳ Thanh Hóa – Hủa Phăn"
        hosts.append(row.text(2))
    assert hosts == ["Chủ nhà: Bộ CHQS Thanh Hóa", "Chủ nhà: Bộ CHQS Hủa Phăn", "Chủ nhà: Bộ CHQS Thanh Hóa"]
    fmt = window.calendar.calendar.dateTextFormat(date(2028, 3, 20))
    assert fmt.fontWeight() > 400  # the day of a booking is bold


def test_an_overlapping_booking_shows_the_conflict(qtbot, window: MainWindow, library: Library) -> None:
    long = make_person(library, name_vi="Đặng Văn Long")
    make_talk(
        library,
        title_vi="Hội đàm kết nghĩa",
        start_at=datetime(2026, 4, 24, 8, tzinfo=ICT),
        participants=[{"person_id": long.id, "role": "chair"}],
    )
    form = window.new_record_of("delegation")
    assert isinstance(form, DelegationForm)
    type_text(form.editors["purpose_vi"].edit, "Dự lễ kỷ niệm ở Phongsaly")
    form.editors["start_date"].set_value(date(2026, 4, 23))
    form.editors["end_date"].set_value(date(2026, 4, 25))
    form.tables["members"].add_row({"person_id": long.id, "role": "head"})
    assert form.save()
    window.show_section("calendar")
    window.calendar.show_month(2026, 4)
    assert window.calendar.conflict_label.isVisible()
    assert "1" in window.calendar.conflict_label.text()
    rows = window.calendar.rows()
    children = [row.child(i).text(0) for row in rows for i in range(row.childCount())]
    assert any("Đặng Văn Long" in text and "Hội đàm kết nghĩa" in text for text in children)
    assert window.calendar.calendar.dateTextFormat(date(2026, 4, 24)).foreground().color().name() == "#c62828"
    window.calendar._activated(rows[0].child(0))
    opened = window.forms[-1]
    assert opened.record_id is not None
    assert "Đặng Văn Long" in opened.conflicts.text()  # the form names the double booking too


def test_submitting_with_an_expiring_passport_warns(qtbot, window: MainWindow, library: Library) -> None:
    start = local_today() + timedelta(days=30)
    lan = make_person(
        library, name_vi="Vi Thị Lan", passports=[{"number": "C1942057", "expires_on": start + timedelta(days=60)}]
    )
    chief = make_person(library, name_vi="Trần Văn Thịnh")
    form = window.new_record_of("delegation")
    type_text(form.editors["purpose_vi"].edit, "Khảo sát mùa khô")
    form.editors["start_date"].set_value(start)
    form.editors["end_date"].set_value(start + timedelta(days=3))
    form.tables["members"].add_row({"person_id": lan.id, "role": "interpreter"})
    qtbot.mouseClick(form.action_buttons["submit"], Qt.MouseButton.LeftButton)
    assert form.record_id is not None and library.delegations.get(form.record_id).status == "submitted"
    assert form.passport_warning.isVisible() and "Vi Thị Lan" in form.passport_warning.text()
    finding = form.passport_table.topLevelItem(0)
    assert finding.text(0) == "Vi Thị Lan" and "C1942057" in finding.text(1)
    assert form.status_label.text() == "Trạng thái: Đã trình duyệt"
    # approval is refused without a reason, next to the field
    type_text(form.editors["decision_number"].edit, "215/QĐ-BCH")
    form.editors["decision_date"].set_value(local_today())
    _pick(form.editors["approver_person_id"], chief.id)
    assert not form.run_action("approve")
    assert form.error_labels["passport_override_reason"].isVisible()
    form.editors["passport_override_reason"].set_value("Hộ chiếu mới có trước ngày đi")
    assert form.run_action("approve")
    assert library.delegations.get(form.record_id).status == "approved"
    assert form.action_buttons["complete"].isVisibleTo(form) and not form.action_buttons["submit"].isVisibleTo(form)


def test_the_dashboard_lists_each_kind_and_opens_it(qtbot, window: MainWindow, library: Library) -> None:
    today = local_today()
    soon = make_talk(
        library,
        title_vi="Hội đàm sắp tới",
        start_at=datetime.combine(today + timedelta(days=10), datetime.min.time(), ICT),
    )
    waiting = make_delegation(
        library,
        purpose_vi="Đoàn chờ duyệt",
        status="submitted",
        start_date=today + timedelta(days=40),
        end_date=today + timedelta(days=42),
    )
    person = make_person(
        library, name_vi="Phạm Đức Tùng", passports=[{"number": "B1736204", "expires_on": today + timedelta(days=60)}]
    )
    agreement = make_agreement(
        library,
        title_vi="Thỏa thuận sắp hết hạn",
        status="signed",
        signed_on=today - timedelta(days=200),
        valid_to=today + timedelta(days=30),
    )
    behind = make_plan_item(library, year=today.year - 1, title_vi="Tuần tra song phương", target=8, result=3)
    held = make_talk(
        library,
        title_vi="Hội đàm chưa có biên bản",
        status="held",
        start_at=datetime.combine(today - timedelta(days=5), datetime.min.time(), ICT),
    )
    window.refresh()
    window.show_section("dashboard")
    lines = window.dashboard.lines()
    expected = {
        ("talk", soon.id),
        ("delegation", waiting.id),
        ("person", person.id),
        ("agreement", agreement.id),
        ("plan_item", behind.id),
        ("talk", held.id),
    }
    found = {(line.data(0, Qt.ItemDataRole.UserRole), line.data(0, Qt.ItemDataRole.UserRole + 1)) for line in lines}
    assert found == expected
    groups = [window.dashboard.tree.topLevelItem(i).text(0) for i in range(window.dashboard.tree.topLevelItemCount())]
    assert groups[0] == "Hội đàm trong 30 ngày tới (1)" and len(groups) == 6
    for line in lines:
        window.dashboard.tree.setCurrentItem(line)
        window.dashboard._activated(line)
        form = window.forms[-1]
        assert (form.record_id, getattr(form, "spec", None) and form.spec.kind or "agreement") == (
            line.data(0, Qt.ItemDataRole.UserRole + 1),
            line.data(0, Qt.ItemDataRole.UserRole),
        )
        form.done(QDialog.DialogCode.Rejected)


def test_the_report_screen_and_its_exports(qtbot, window: MainWindow, library: Library, tmp_path: Path) -> None:
    records = mr2_records(library)
    window.show_section("report")
    view = window.report
    view.runner = JobRunner(view, inline=True)
    view.load_units()
    view.choose(2025, records["qk2"].id)
    assert "166 đoàn, 2.071 lượt người" in view.summary.text()
    assert "Đoàn ra: 75 đoàn, 687 lượt người" in view.summary.text()
    assert sum(o + i for o, i in view.month_chart.per_month) == 166
    view.export(tmp_path / "r.xlsx", "xlsx")
    assert load_workbook(tmp_path / "r.xlsx")["Tổng hợp"]["B7"].value == 166
    view.export(tmp_path / "r.pdf", "pdf")
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF-")


def test_undoing_an_edit_keeps_the_workflow(qtbot, window: MainWindow, library: Library) -> None:
    delegation = make_delegation(library, border_gate="Na Mèo")
    form = window.open_record("delegation", delegation.id)
    form.editors["border_gate"].set_value("Nậm Cắn")
    assert form.run_action("submit")  # saves the edit, then submits
    window.undo()
    undone = library.delegations.get(delegation.id)
    assert (undone.border_gate, undone.status) == ("Na Mèo", "submitted")
