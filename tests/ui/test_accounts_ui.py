"""Log-in, roles in the window, the accounts and audit windows, History tabs and the idle lock,
driven through real widgets on a real library."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtWidgets import QDialog, QLineEdit

from dnqp_desktop.core.library import Library
from dnqp_desktop.core.models.enums import Role
from dnqp_desktop.core.services.policy import SYSTEM, Actor
from dnqp_desktop.ui.dialogs.accounts import AccountsDialog
from dnqp_desktop.ui.dialogs.audit_viewer import AuditViewer
from dnqp_desktop.ui.dialogs.login import ChangePasswordDialog, FirstAdminDialog, LoginDialog
from dnqp_desktop.ui.forms.record_form import RecordForm
from dnqp_desktop.ui.main_window import MainWindow
from tests.helpers import make_delegation, make_person, make_unit
from tests.ui.keyboard import type_text
from tests.ui.texts import english_leftovers
from tests.ui.windows import close_window

PASSWORD = "mat-khau-01"


def _account(library: Library, username: str, role: Role) -> Actor:
    user = library.users.create({"username": username, "role": role}, actor=SYSTEM, password=PASSWORD)
    return Actor(username=user.username, role=role, user_id=user.id)


@pytest.fixture
def windows(qtbot, library: Library) -> Iterator[list[MainWindow]]:
    made: list[MainWindow] = []
    yield made
    for window in made:
        close_window(window)


def _window(windows: list[MainWindow], library: Library, actor: Actor) -> MainWindow:
    window = MainWindow(library, actor)
    window.show()
    windows.append(window)
    return window


def _ok(dialog: QDialog) -> None:
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()  # type: ignore[attr-defined]


def test_log_in_and_the_wrong_password_message(qtbot, library: Library) -> None:
    actor = _account(library, "tro.ly", Role.CLERK)
    dialog = LoginDialog(library)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.username, "tro.ly")
    type_text(dialog.password, "sai-mat-khau")
    _ok(dialog)
    assert dialog.isVisible() and dialog.actor is None
    assert dialog.error.text() == "Sai tên đăng nhập hoặc mật khẩu."
    assert dialog.password.text() == ""  # the wrong password is not left in the box
    type_text(dialog.password, PASSWORD)
    _ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor == actor
    assert english_leftovers(dialog) == []


def test_the_wait_after_wrong_passwords_is_shown(qtbot, library: Library) -> None:
    _account(library, "tro.ly", Role.CLERK)
    dialog = LoginDialog(library, username="tro.ly")
    qtbot.addWidget(dialog)
    for _attempt in range(3):
        type_text(dialog.password, "sai")
        _ok(dialog)
    assert dialog.error.text().startswith("Nhập sai mật khẩu quá nhiều lần. Hãy chờ 5 giây")


def test_first_start_creates_the_administrator(qtbot, library: Library) -> None:
    dialog = FirstAdminDialog(library)
    qtbot.addWidget(dialog)
    type_text(dialog.inputs["full_name"], "Nguyễn Văn Quản")
    type_text(dialog.inputs["password"], "ngan")
    type_text(dialog.inputs["password_repeat"], "ngan")
    _ok(dialog)
    assert "ít nhất 8 ký tự" in dialog.error.text() and dialog.actor is None
    type_text(dialog.inputs["password"], PASSWORD)
    type_text(dialog.inputs["password_repeat"], PASSWORD)
    _ok(dialog)
    assert dialog.actor is not None and dialog.actor.role == Role.ADMIN
    assert library.login("admin", PASSWORD) == dialog.actor
    assert english_leftovers(dialog) == []


def test_a_viewer_sees_masked_passports_and_cannot_change_anything(qtbot, library, windows) -> None:
    person = make_person(library, passports=[{"number": "B1234567", "expires_on": "2030-01-01"}])
    viewer = _account(library, "nguoi.xem", Role.VIEWER)
    window = _window(windows, library, viewer)
    assert not window.new_action.isVisible() and not window.accounts_action.isVisible()
    assert not window.settings_action.isVisible() and not window.restore_action.isVisible()
    assert window.audit_action.isVisible() and window.password_action.isVisible()
    assert not window.trash.restore_button.isVisibleTo(window.trash)
    form = window.open_record("person", person.id)
    numbers = [form.tables["passports"].value()[0]["number"]]
    assert numbers == ["••••••67"]
    grid = form.tables["passports"].grid
    shown = [w.text() for w in grid.findChildren(QLineEdit)]
    assert "B1234567" not in shown and "••••••67" in shown
    assert form.buttons.button(form.buttons.StandardButton.Save) is None
    history = form.history.table
    assert "B1234567" not in " ".join(history.texts(history.columnCount() - 1))
    assert history.rowCount() == 1


def test_only_an_approver_sees_the_approve_button(qtbot, library, windows) -> None:
    approver_person = make_person(library, name_vi="Nguyễn Văn Duyệt")
    delegation = make_delegation(library)
    library.delegations.submit(delegation.id, actor=SYSTEM)
    viewer_window = _window(windows, library, _account(library, "nguoi.xem", Role.VIEWER))
    clerk_window = _window(windows, library, _account(library, "tro.ly", Role.CLERK))
    approver_window = _window(windows, library, _account(library, "chi.huy", Role.APPROVER))
    for window in (viewer_window, clerk_window):
        form = window.open_record("delegation", delegation.id)
        assert not form.action_buttons["approve"].isVisibleTo(form.workflow)
        assert not form.action_buttons["reject"].isVisibleTo(form.workflow)
    assert (
        clerk_window.open_record("delegation", delegation.id)
        .action_buttons["return_to_draft"]
        .isVisibleTo(clerk_window.forms[-1].workflow)
    )
    form = approver_window.open_record("delegation", delegation.id)
    button = form.action_buttons["approve"]
    assert button.isVisibleTo(form.workflow) and button.text() == "Phê duyệt"
    assert not form.run_action("approve")  # no decision number yet: the core says which field is missing
    assert form.error_labels["decision_number"].isVisible()
    form.editors["decision_number"].set_value("12/QĐ-BCH")
    form.editors["decision_date"].set_value(date(2025, 5, 10))
    form.editors["approver_person_id"].set_value(approver_person.id)
    assert form.run_action("approve")
    assert library.delegations.get(delegation.id).status == "approved"


def test_idle_lock_then_unlock_keeps_a_half_filled_form(qtbot, library, windows) -> None:
    clerk = _account(library, "tro.ly", Role.CLERK)
    window = _window(windows, library, clerk)
    form = window.new_record_of("unit")
    type_text(form.editors["name_vi"].edit, "Bộ CHQS tỉnh Hủa Phăn")  # type: ignore[attr-defined]
    window.idle_lock.set_interval_ms(200)
    qtbot.waitUntil(lambda: window.idle_lock.is_locked, timeout=5000)
    dialog = window.idle_lock.dialog
    assert dialog.isVisible() and not window.isVisible() and not form.isVisible()
    assert "tro.ly" in dialog.intro.text()
    type_text(dialog.inputs["password"], "sai-mat-khau")
    _ok(dialog)
    assert window.idle_lock.is_locked and dialog.error.text() == "Sai tên đăng nhập hoặc mật khẩu."
    dialog.reject()  # Esc does not unlock
    assert window.idle_lock.is_locked and not form.isVisible()
    type_text(dialog.inputs["password"], PASSWORD)
    _ok(dialog)
    assert not window.idle_lock.is_locked
    assert window.isVisible() and form.isVisible()
    assert form.editors["name_vi"].value() == "Bộ CHQS tỉnh Hủa Phăn"
    assert library.units.count() == 0  # nothing was saved behind the user's back


def test_the_administrator_manages_accounts(qtbot, library, windows) -> None:
    admin = _account(library, "quan.tri", Role.ADMIN)
    window = _window(windows, library, admin)
    assert window.accounts_action.isVisible()
    dialog: AccountsDialog = window.show_accounts()
    new = dialog.new_account()
    type_text(new.inputs["username"], "tro.ly")
    type_text(new.inputs["full_name"], "Trợ lý đối ngoại")
    new.role.setCurrentIndex(new.role.findData("clerk"))
    type_text(new.inputs["password"], PASSWORD)
    type_text(new.inputs["password_repeat"], "khac-mat-khau")
    _ok(new)
    assert "không giống nhau" in new.error.text()
    type_text(new.inputs["password"], PASSWORD)
    type_text(new.inputs["password_repeat"], PASSWORD)
    _ok(new)
    assert dialog.table.rowCount() == 2
    assert library.login("tro.ly", PASSWORD).role == Role.CLERK
    row = [dialog.table.item(r, 0).text() for r in range(2)].index("tro.ly")
    dialog.table.selectRow(row)
    dialog.active_button.click()
    assert dialog.table.item(row, 3).text() == "Không (đã khóa)"
    with pytest.raises(Exception) as caught:
        library.login("tro.ly", PASSWORD)
    assert caught.value.message_id == "account_disabled"
    dialog.table.selectRow(row)
    assert dialog.active_button.text() == "Mở khóa"
    dialog.active_button.click()
    reset = dialog.reset_password()
    type_text(reset.inputs["password"], "mat-khau-moi")
    type_text(reset.inputs["password_repeat"], "mat-khau-moi")
    _ok(reset)
    assert library.login("tro.ly", "mat-khau-moi").role == Role.CLERK
    assert english_leftovers(dialog) == []
    dialog.close()


def test_changing_my_password_from_the_window(qtbot, library, windows) -> None:
    clerk = _account(library, "tro.ly", Role.CLERK)
    window = _window(windows, library, clerk)
    dialog: ChangePasswordDialog = window.change_password()
    type_text(dialog.inputs["old_password"], PASSWORD)
    type_text(dialog.inputs["password"], "mat-khau-02")
    type_text(dialog.inputs["password_repeat"], "mat-khau-02")
    _ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert library.login("tro.ly", "mat-khau-02") == clerk


def test_the_audit_viewer_filters_by_person_kind_and_date(qtbot, library, windows) -> None:
    admin = _account(library, "quan.tri", Role.ADMIN)
    clerk = _account(library, "tro.ly", Role.CLERK)
    unit = library.units.create(
        {"country": "VN", "level": "province_command", "name_vi": "Bộ CHQS tỉnh Thanh Hóa"}, actor=clerk
    )
    library.units.update(unit.id, {"short_name": "BCH Thanh Hóa"}, actor=clerk)
    make_person(library, passports=[{"number": "B7654321", "expires_on": "2030-01-01"}])
    window = _window(windows, library, admin)
    viewer: AuditViewer = window.show_audit()
    viewer.person.setCurrentIndex(viewer.person.findData("tro.ly"))
    assert viewer.table.rowCount() == 2
    assert viewer.table.texts(2) == ["đã sửa", "đã tạo"]
    assert "BCH Thanh Hóa" in viewer.table.item(0, 4).text()
    viewer.person.setCurrentIndex(0)
    viewer.kind.setCurrentIndex(viewer.kind.findData("person"))
    assert viewer.table.rowCount() == 1 and "B7654321" in viewer.table.item(0, 4).toolTip()
    viewer.until.setDate(viewer.until.date().addDays(-2))
    assert viewer.table.rowCount() == 0
    assert english_leftovers(viewer) == []
    viewer.close()


def test_every_form_has_a_history_tab(qtbot, library, windows) -> None:
    unit = make_unit(library)
    library.units.update(unit.id, {"short_name": "BCH"}, actor=SYSTEM)
    window = _window(windows, library, SYSTEM)
    form: RecordForm = window.open_record("unit", unit.id)
    assert form.tabs.tabText(form.tabs.count() - 1) == "Lịch sử"
    assert form.history.table.rowCount() == 2
    assert "BCH" in form.history.table.item(0, 3).text()
    editor = window.open_record(
        "agreement", library.agreements.create({"kind": "memorandum", "title_vi": "Biên bản ghi nhớ"}, actor=SYSTEM).id
    )
    assert editor.changes_panel.table.rowCount() == 1


def test_only_an_approver_may_mark_an_agreement_signed(qtbot, library, windows) -> None:
    agreement = library.agreements.create({"kind": "memorandum", "title_vi": "Biên bản ghi nhớ"}, actor=SYSTEM)
    clerk_window = _window(windows, library, _account(library, "tro.ly", Role.CLERK))
    approver_window = _window(windows, library, _account(library, "chi.huy", Role.APPROVER))
    viewer_window = _window(windows, library, _account(library, "nguoi.xem", Role.VIEWER))
    assert not clerk_window.open_record("agreement", agreement.id).buttons["mark_signed"].isVisibleTo(clerk_window)
    editor = approver_window.open_record("agreement", agreement.id)
    assert editor.buttons["mark_signed"].isVisibleTo(editor)
    read_only = viewer_window.open_record("agreement", agreement.id)
    assert read_only.read_only and not read_only.buttons["save"].isEnabled()


def test_a_dialog_open_during_the_lock_comes_back(qtbot, library, windows) -> None:
    admin = _account(library, "quan.tri", Role.ADMIN)
    window = _window(windows, library, admin)
    backup = window.show_backup()
    window.lock_now()
    assert window.idle_lock.is_locked and not backup.isVisible()
    type_text(window.idle_lock.dialog.inputs["password"], PASSWORD)
    _ok(window.idle_lock.dialog)
    assert backup.isVisible() and window.isVisible()
    backup.reject()
