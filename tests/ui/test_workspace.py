"""The records workspace driven as a clerk would: real widgets, real database, keyboard shortcuts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from dnqp_desktop.core.i18n import _
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.services.policy import SYSTEM
from dnqp_desktop.ui.dialogs import ask
from dnqp_desktop.ui.forms.fields import ChoiceEditor, ReferenceEditor
from dnqp_desktop.ui.forms.record_form import RecordForm
from dnqp_desktop.ui.main_window import MainWindow
from tests.helpers import database_dump, make_lao_unit, make_unit
from tests.ui.keyboard import type_text
from tests.ui.texts import english_leftovers


def _type(qtbot, form: RecordForm, field: str, text: str) -> None:
    editor = form.editors[field]
    line = getattr(editor, "edit", None) or editor.date.edit  # type: ignore[attr-defined]
    line.clear()
    type_text(line, text)


def _choose(form: RecordForm, field: str, code: str) -> None:
    editor = form.editors[field]
    assert isinstance(editor, ChoiceEditor)
    editor.combo.setCurrentIndex(editor.combo.findData(code))


def test_create_a_unit_through_the_form(qtbot, window: MainWindow, library: Library) -> None:
    window.show_section("unit")
    form = window.new_record_of("unit")
    _type(qtbot, form, "name_vi", "Bộ Chỉ huy quân sự tỉnh Phongsaly")
    _type(qtbot, form, "name_lo", "ກອງບັນຊາການທະຫານແຂວງຜົ້ງສາລີ")
    form.editors["aliases"].edit.setPlainText("Phông Xa Lỳ\nPhongsaly")  # type: ignore[attr-defined]
    _choose(form, "country", "LA")
    qtbot.mouseClick(form.buttons.button(form.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert form.result() == QDialog.DialogCode.Accepted
    [unit] = library.units.list()
    assert (unit.name_vi, unit.country, unit.aliases) == (
        "Bộ Chỉ huy quân sự tỉnh Phongsaly",
        "LA",
        ["Phông Xa Lỳ", "Phongsaly"],
    )
    view = window.lists["unit"]
    assert view.model.rowCount() == 1 and view.current_id() == unit.id


def test_create_a_person_with_rank_history_and_passport(qtbot, window: MainWindow, library: Library) -> None:
    unit = make_unit(library, name_vi="Bộ Chỉ huy quân sự tỉnh Tuyên Quang", short_name="Bộ CHQS Tuyên Quang")
    form = window.new_record_of("person")
    _type(qtbot, form, "name_vi", "Đặng Văn Long")
    reference = form.editors["unit_id"]
    assert isinstance(reference, ReferenceEditor)
    reference.combo.setCurrentIndex(
        reference.combo.findText("Bộ CHQS Tuyên Quang — Bộ Chỉ huy quân sự tỉnh Tuyên Quang")
    )
    ranks = form.tables["ranks"]
    ranks.add_row({"rank": "senior_lieutenant_colonel", "since": "01/01/2015", "until": "31/12/2019"})
    ranks.add_row({"rank": "colonel", "since": "01/01/2020"})
    form.tables["passports"].add_row({"number": "c1234567", "expires_on": "01/06/2030"})
    assert form.save()
    [person] = library.people.list()
    assert person.unit_id == unit.id
    assert [r.rank for r in person.ranks] == ["senior_lieutenant_colonel", "colonel"]
    assert person.passports[0].number == "C1234567"


def test_a_bad_date_is_shown_next_to_the_field_and_nothing_is_saved(
    qtbot, window: MainWindow, library: Library
) -> None:
    before = database_dump(library)
    form = window.new_record_of("unit")
    _type(qtbot, form, "name_vi", "Ban Chỉ huy quân sự huyện Quan Sơn")
    _type(qtbot, form, "active_from", "30/02/2025")
    assert not form.save()
    label = form.error_labels["active_from"]
    assert label.isVisible()
    assert "30/02/2025" in label.text() and label.text() != ""
    assert form.banner.isVisible()
    assert database_dump(library) == before
    assert english_leftovers(form) == []


def test_a_bad_row_in_a_table_is_pointed_at(qtbot, window: MainWindow, library: Library) -> None:
    form = window.new_record_of("person")
    _type(qtbot, form, "name_vi", "Nguyễn Thắng Xuân")
    form.tables["passports"].add_row({"number": "C1234567", "issued_on": "01/01/2025", "expires_on": "01/01/2020"})
    assert not form.save()
    table = form.tables["passports"]
    assert table.errors.isVisible() and "2020" not in table.errors.text() or table.errors.text()
    assert form.tabs.tabText(form.tabs.currentIndex()) == _("Passports")
    assert library.people.count() == 0


def test_edit_then_undo(qtbot, window: MainWindow, library: Library) -> None:
    unit = make_unit(library)
    window.show_section("unit")
    form = window.open_record("unit", unit.id)
    _type(qtbot, form, "short_name", "Bộ CHQS Thanh Hóa")
    assert form.save()
    assert library.units.get(unit.id).short_name == "Bộ CHQS Thanh Hóa"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert library.units.get(unit.id).short_name == ""


def test_delete_to_trash_restore_and_undo_with_the_keyboard(qtbot, window: MainWindow, library: Library) -> None:
    unit = make_lao_unit(library)
    window.show_section("unit")
    view = window.lists["unit"]
    view.table.setFocus()
    view.select(unit.id)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert library.units.count() == 0 and library.units.count(trash=True) == 1

    window.show_section("trash")
    assert [entry.record_id for entry in window.trash.entries] == [unit.id]
    window.trash.table.selectRow(0)
    qtbot.mouseClick(window.trash.restore_button, Qt.MouseButton.LeftButton)
    assert library.units.count() == 1

    window.show_section("unit")
    view.select(unit.id)
    view.delete_current()
    assert library.units.count() == 0
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert library.units.count() == 1


def test_closing_a_changed_form_asks(qtbot, window: MainWindow, library: Library, monkeypatch) -> None:
    asked = []

    def answer(parent, title, text):
        asked.append(title)
        return ask.CANCEL

    monkeypatch.setattr(ask, "ask_save", answer)
    form = window.new_record_of("unit")
    _type(qtbot, form, "name_vi", "Quân khu 2")
    assert form.close() is False and form.isVisible()
    assert asked == [_("Unsaved changes")]
    monkeypatch.setattr(ask, "ask_save", lambda *args: ask.DISCARD)
    assert form.close() is True
    assert library.units.count() == 0


def test_vietnamese_column_sorts_in_vietnamese_order(qtbot, window: MainWindow, library: Library) -> None:
    for name in ("Đội Biên phòng", "Dung Quất", "Ân Thi", "An Giang", "Ăn Thề", "Bảo Lâm", "Ba Vì", "Yên Bái"):
        make_unit(library, name_vi=name)
    window.show_section("unit")
    view = window.lists["unit"]
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    shown = [view.model.index(row, 0).data() for row in range(view.model.rowCount())]
    assert shown == ["An Giang", "Ăn Thề", "Ân Thi", "Ba Vì", "Bảo Lâm", "Dung Quất", "Đội Biên phòng", "Yên Bái"]
    view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert view.model.index(0, 0).data() == "Yên Bái"


def test_filters_narrow_the_list(qtbot, window: MainWindow, library: Library) -> None:
    make_unit(library)
    make_lao_unit(library)
    window.show_section("unit")
    view = window.lists["unit"]
    box = view.filter_boxes["country"]
    box.setCurrentIndex(box.findData("LA"))
    assert view.model.rowCount() == 1
    assert view.model.index(0, 0).data() == "Bộ Chỉ huy quân sự tỉnh Hủa Phăn"


def test_switching_language_shows_lao_labels(qtbot, window: MainWindow, library: Library) -> None:
    from dnqp_desktop.ui import app as app_module

    replaced: list[MainWindow] = []
    window.language_change_requested.connect(
        lambda lang: (
            app_module.apply_language(QApplication.instance(), lang),
            replaced.append(MainWindow(library, SYSTEM)),
        )
    )
    dialog = window.show_settings()
    dialog.language.setCurrentIndex(dialog.language.findData("lo"))
    dialog.accept()
    assert library.settings.language == "lo"
    [lao_window] = replaced
    qtbot.addWidget(lao_window)
    texts = [lao_window.navigation.item(row).text() for row in range(lao_window.navigation.count())]
    assert all(any("\u0e80" <= ch <= "\u0eff" for ch in text) for text in texts)
    form = lao_window.new_record_of("unit")
    assert any("\u0e80" <= ch <= "\u0eff" for ch in form.windowTitle())
    assert english_leftovers(lao_window) == [] and english_leftovers(form) == []
    form.done(QDialog.DialogCode.Rejected)
    app_module.apply_language(QApplication.instance(), "vi")


def test_window_layout_is_remembered(qtbot, library: Library) -> None:
    first = MainWindow(library, SYSTEM)
    qtbot.addWidget(first)
    first.show_section("person")
    first.resize(1000, 650)
    first.close()
    second = MainWindow(library, SYSTEM)
    qtbot.addWidget(second)
    assert second.current_section() == "person"
