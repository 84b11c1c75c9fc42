"""The agreement editor driven as a clerk would: templates, aligned rows, final, preview, print, signed copies."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog

from dnqp_desktop.core.library import Library
from dnqp_desktop.core.services.policy import SYSTEM
from dnqp_desktop.documents.model import Arrangement, Layout
from dnqp_desktop.documents.render import render_pdf
from dnqp_desktop.documents.source import build_document
from dnqp_desktop.ui.agreements import preview as preview_module
from dnqp_desktop.ui.agreements.editor import AgreementEditor
from dnqp_desktop.ui.forms.fields import ChoiceEditor, ReferenceEditor
from dnqp_desktop.ui.main_window import MainWindow
from dnqp_desktop.ui.workers import JobRunner
from tests.core.test_agreement_lifecycle import _complete
from tests.helpers import database_dump, make_lao_unit, make_person, make_unit
from tests.ui.keyboard import type_text
from tests.ui.texts import english_leftovers


@pytest.fixture
def sides(library: Library) -> dict[str, Any]:
    db = make_unit(library, name_vi="Bộ CHQS tỉnh Điện Biên", name_lo="ກອງບັນຊາການທະຫານແຂວງດຽນບຽນ")
    return {
        "db": db,
        "lp": make_lao_unit(library, name_vi="Bộ CHQS tỉnh Luông Pha Bang", name_lo="ກອງບັນຊາການທະຫານແຂວງຫຼວງພະບາງ"),
        "xuan": make_person(
            library,
            name_vi="Nguyễn Thắng Xuân",
            unit_id=db.id,
            ranks=[
                {"rank": "lieutenant_colonel", "since": "2010-01-01", "until": "2014-12-31"},
                {"rank": "colonel", "since": "2015-01-01"},
            ],
            positions=[{"title_vi": "Chỉ huy trưởng", "title_lo": "ຫົວໜ້າກອງບັນຊາການ", "since": "2012-01-01"}],
        ),
        "bun": make_person(library, name_vi="Bun Chăn Vị Lay Chít", name_lo="ບຸນຈັນ ວິໄລຈິດ"),
    }


@pytest.fixture
def complete(library: Library, system, sides) -> Any:
    return library.agreements.create(_complete(sides), actor=system)


def _open(window: MainWindow, record_id: str | None = None, *, inline: bool = True) -> AgreementEditor:
    editor = window.open_record("agreement", record_id) if record_id else window.new_record_of("agreement")
    assert isinstance(editor, AgreementEditor)
    editor.runner.inline = inline
    return editor


def _choose(editor: ReferenceEditor | ChoiceEditor, value: str) -> None:
    combo = editor.combo
    if isinstance(editor, ReferenceEditor):
        index = next(i for i, (record_id, _title) in enumerate(editor.model.items) if record_id == value)
    else:
        index = combo.findData(value)
    combo.setCurrentIndex(index)


def _click(qtbot, editor: AgreementEditor, name: str) -> None:
    qtbot.mouseClick(editor.buttons[name], Qt.MouseButton.LeftButton)


# --- templates and aligned rows ----------------------------------------------------------------


def test_create_a_regulation_from_its_template(qtbot, window: MainWindow, library: Library, sides) -> None:
    editor = _open(window)
    assert english_leftovers(editor) == []
    _choose(editor.general.editors["kind"], "twinning_regulation")
    structure = editor.parts.structure
    assert [c.title.vi for c in structure.chapters] == ["Những quy định chung", "Nội dung hợp tác", "Tổ chức thực hiện"]
    assert [a.chapter for a in structure.articles] == [0, 0, 0, 1, 1, 2, 2]  # the closing article last
    assert editor.general.editors["title_vi"].value() == "Quy chế"

    general = editor.general.editors
    general["title_vi"].edit.end(False)
    type_text(general["title_vi"].edit, " kết nghĩa")
    type_text(general["place_vi"].edit, "Điện Biên")
    type_text(general["place_lo"].edit, "ດຽນບຽນ")
    type_text(general["signed_on"].edit, "15/05/2015")
    general["originals_count"].set_value(4)
    closing = editor.parts.rows[("clause", 6, 0)]
    assert "tại Điện Biên, ngày 15 tháng 5 năm 2015, lập thành 04 bản gốc" in closing.vi.text()
    assert "ທີ່ ດຽນບຽນ, ວັນທີ 15 ພຶດສະພາ 2015, ເຮັດເປັນ 4 ສະບັບ" in closing.lo.text()

    first = editor.parts.rows[("clause", 0, 0)]
    type_text(first.vi, "Quy chế này quy định nội dung hoạt động kết nghĩa.")
    type_text(first.lo, "ລະບຽບການສະບັບນີ້ ກຳນົດເນື້ອໃນການເຄື່ອນໄຫວແຮກສ່ຽວ.")
    editor.parties.add_row({})
    editor.parties.add_row({})
    _choose(editor.parties._rows[0][1][0], sides["db"].id)
    _choose(editor.parties._rows[1][1][0], sides["lp"].id)
    assert editor.parties.grid.cellWidget(1, 2).text() == "ກອງບັນຊາການທະຫານແຂວງຫຼວງພະບາງ"
    editor.signatories.add_row({})
    person, unit, rank, post_vi, post_lo = editor.signatories._rows[0][1]
    _choose(person, sides["xuan"].id)
    assert (rank.value(), post_vi.value(), unit.value()) == ("colonel", "Chỉ huy trưởng", sides["db"].id)
    general["signed_on"].set_value("15/05/2014")  # the rank held on the signing day follows the date
    assert rank.value() == "lieutenant_colonel"

    _click(qtbot, editor, "save")
    [agreement] = library.agreements.list()
    assert (agreement.kind, agreement.title_vi, agreement.originals_count) == (
        "twinning_regulation",
        "Quy chế kết nghĩa",
        4,
    )
    assert [a.chapter_position for a in agreement.articles] == [0, 0, 0, 1, 1, 2, 2]
    assert agreement.articles[0].body_lo == "ລະບຽບການສະບັບນີ້ ກຳນົດເນື້ອໃນການເຄື່ອນໄຫວແຮກສ່ຽວ."
    assert [(s.rank, s.position_lo) for s in agreement.signatories] == [("lieutenant_colonel", "ຫົວໜ້າກອງບັນຊາການ")]
    assert [p.unit_id for p in agreement.parties] == [sides["db"].id, sides["lp"].id]
    assert editor.isVisible() and not editor.is_dirty()  # a document stays open while it is written


def test_a_cambodian_party_turns_the_partner_column_to_khmer(qtbot, window: MainWindow, library: Library) -> None:
    own = make_unit(library, name_vi="Bộ CHQS tỉnh Tây Ninh")
    svay_rieng = library.units.create(
        {"country": "KH", "level": "province_command", "name_vi": "Bộ CHQS tỉnh Svay Rieng",
         "name_lo": "បញ្ជាការដ្ឋានយោធាខេត្តស្វាយរៀង"},
        actor=SYSTEM,
    )  # fmt: skip
    editor = _open(window)
    _choose(editor.general.editors["kind"], "memorandum")
    assert editor.general.editors["title_lo"].value() == "ບົດບັນທຶກຄວາມເຂົ້າໃຈ"
    for unit in (own, svay_rieng):
        editor.parties.add_row({})
        _choose(editor.parties._rows[-1][1][0], unit.id)
    # untouched template text follows the partner: Khmer headings, title and closing article
    assert editor.parts.partner_heading.text() == "<b>Tiếng Khmer</b>"
    assert editor.parties.grid.horizontalHeaderItem(2).text() == "Tên (tiếng Khmer)"
    assert editor.signatories.grid.horizontalHeaderItem(4).text() == "Chức vụ (tiếng Khmer)"
    assert editor.general.editors["title_lo"].value() == "អនុស្សរណៈនៃការយោគយល់គ្នា"
    headings = [editor.parts.rows[k].number.text() for k in editor.parts.rows if k[0] == "article"]
    assert headings[0] == "<b>Điều 1.</b><br>មាត្រា ១"
    closing = editor.parts.rows[("clause", len(headings) - 1, 0)]
    assert "ច្បាប់" in closing.lo.text() and not any("\u0e80" <= ch <= "\u0eff" for ch in closing.lo.text())


def test_rows_are_aligned_and_renumbered(qtbot, window: MainWindow, library: Library) -> None:
    editor = _open(window)
    editor.tabs.setCurrentIndex(2)
    parts = editor.parts

    def headings() -> list[str]:
        return [parts.rows[k].number.text() for k in parts.rows if k[0] in ("chapter", "article")]

    assert headings()[0] == "<b>Điều 1.</b><br>ມາດຕາ 1" and len(parts.structure.articles) == 4
    parts.select(("article", 1))
    parts.add_article()
    assert parts.current == ("article", 2) and "Điều 5." in headings()[-1]
    type_text(parts.rows[("article", 2)].vi, "Hợp tác bảo vệ biên giới")
    parts.move(-1)
    assert [a.title.vi for a in parts.structure.articles][1] == "Hợp tác bảo vệ biên giới"
    parts.delete()
    assert len(parts.structure.articles) == 4 and "Điều 4." in headings()[-1]

    parts.add_chapter()  # the first chapter takes in every article
    assert headings()[0] == "<b>Chương I</b><br>ໝວດທີ I"
    parts.select(("article", 1))
    parts.add_chapter()
    assert [a.chapter for a in parts.structure.articles] == [0, 0, 0, 0]
    parts.select(("article", 3))
    parts.move(1)  # past the end of chapter I: into chapter II
    assert [a.chapter for a in parts.structure.articles] == [0, 0, 0, 1]
    assert headings() == [
        "<b>Chương I</b><br>ໝວດທີ I",
        "<b>Điều 1.</b><br>ມາດຕາ 1",
        "<b>Điều 2.</b><br>ມາດຕາ 2",
        "<b>Điều 3.</b><br>ມາດຕາ 3",
        "<b>Chương II</b><br>ໝວດທີ II",
        "<b>Điều 4.</b><br>ມາດຕາ 4",
    ]

    clause = parts.rows[("clause", 0, 0)]
    type_text(clause.vi, "1. Trao đổi đoàn các cấp.")
    type_text(clause.lo, "1. ແລກປ່ຽນຄະນະຜູ້ແທນ.")
    parts.select(("clause", 0, 0))
    parts.add_clause()
    new = parts.rows[("clause", 0, 1)]
    assert (new.vi.text(), new.lo.text()) == ("2. ", "2. ")
    type_text(new.vi, "Trao đổi thông tin.")
    parts.move(-1)
    assert [c.vi for c in parts.structure.articles[0].clauses] == [
        "1. Trao đổi thông tin.",
        "2. Trao đổi đoàn các cấp.",
    ]
    assert [c.lo for c in parts.structure.articles[0].clauses] == ["1. ", "2. ແລກປ່ຽນຄະນະຜູ້ແທນ."]

    qtbot.waitExposed(editor)
    first, second = parts.rows[("clause", 0, 0)], parts.rows[("clause", 0, 1)]
    before = first.height()
    type_text(first.vi, " Hai bên trao đổi định kỳ " * 12)
    qtbot.waitUntil(lambda: first.height() > before)
    assert first.vi.geometry().top() == first.lo.geometry().top()  # Vietnamese and Lao start level
    assert (
        second.mapTo(parts.body, second.rect().topLeft()).y() >= first.mapTo(parts.body, first.rect().bottomLeft()).y()
    )

    parts.select(("chapter", 0))
    parts.delete()  # its articles join the next chapter, which becomes the first
    assert len(parts.structure.chapters) == 1 and [a.chapter for a in parts.structure.articles] == [0, 0, 0, 0]
    _click(qtbot, editor, "save")
    [agreement] = library.agreements.list()
    assert agreement.articles[0].body_vi.split("\n")[1] == "2. Trao đổi đoàn các cấp."


# --- final --------------------------------------------------------------------------------------


def test_marking_final_is_refused_for_a_missing_lao_part(qtbot, window, library: Library, system, complete) -> None:
    articles = [{"id": a.id, "body_lo": "" if a.position == 3 else a.body_lo} for a in complete.articles]
    library.agreements.update(complete.id, {"articles": articles}, actor=system)
    editor = _open(window, complete.id)
    before = database_dump(library)
    _click(qtbot, editor, "mark_final")
    assert library.agreements.get(complete.id).status == "draft"
    row = editor.parts.rows[("article", 3)]
    assert row.error.isVisible() and "Lào" in row.error.text()
    assert editor.parts.rows[("clause", 3, 0)].lo.styleSheet() != ""
    assert editor.banner.isVisible() and editor.tabs.currentIndex() == 2
    assert database_dump(library) == before


def test_marking_final_is_refused_for_legacy_font_lao(qtbot, window, library: Library, complete) -> None:
    editor = _open(window, complete.id)
    before = database_dump(library)
    box = editor.parts.rows[("clause", 1, 0)].lo
    box.clear()
    type_text(box, "JvlgvdlP 2024 vkdF'")
    _click(qtbot, editor, "mark_final")
    assert database_dump(library) == before
    error = editor.parts.rows[("article", 1)].error
    assert error.isVisible() and "Unicode" in error.text()
    assert box.styleSheet() != ""


def test_marking_final_keeps_the_pdf_and_shows_its_hash(qtbot, window, library: Library, complete) -> None:
    editor = _open(window, complete.id)
    _click(qtbot, editor, "mark_final")
    record = library.agreements.get(complete.id)
    stored = library.attachments.file_path(library.attachments.get(record.final_pdf_id)).read_bytes()
    assert record.status == "final" and record.final_sha256 == hashlib.sha256(stored).hexdigest()
    assert stored.startswith(b"%PDF-") and record.final_layout == "originals"
    assert record.final_sha256 in editor.status_label.text() and editor.notice.isVisible()
    assert editor.buttons["mark_signed"].isEnabled()


# --- preview, print, save as --------------------------------------------------------------------


def test_preview_renders_off_the_gui_thread(qtbot, window, library: Library, complete, monkeypatch) -> None:
    threads: list[threading.Thread] = []

    def slow_render(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        threading.Event().wait(0.4)  # a long document: the window must keep answering meanwhile
        return render_pdf(*args, **kwargs)

    monkeypatch.setattr(preview_module, "render_pdf", slow_render)
    editor = _open(window, complete.id, inline=False)
    editor.runner = JobRunner(editor)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    dialog = editor.preview()
    expected = render_pdf(build_document(library, complete.id)).pages
    qtbot.waitUntil(lambda: dialog.page_count() == expected, timeout=15_000)
    timer.stop()
    assert threads and threads[0] is not threading.main_thread()
    assert len(ticks) >= 5
    assert dialog.view.document() is dialog.pdf and dialog.page_label.text().endswith(str(expected))

    dialog.layout_choice.setCurrentIndex(dialog.layout_choice.findData(Arrangement.SIDE_BY_SIDE))
    side_by_side = render_pdf(build_document(library, complete.id), Layout(arrangement=Arrangement.SIDE_BY_SIDE))
    qtbot.waitUntil(lambda: dialog.job is None and dialog.rendered.data == side_by_side.data, timeout=15_000)
    assert dialog.page_count() == side_by_side.pages
    dialog.done(QDialog.DialogCode.Rejected)


def test_print_and_save_as(qtbot, window, library: Library, complete, tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    editor = _open(window, complete.id)
    dialog = editor.preview()
    assert dialog.page_count() >= 2
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_to(printer) == dialog.page_count()
    printed = QPdfDocument()
    printed.load(str(tmp_path / "printed.pdf"))
    assert printed.pageCount() == dialog.page_count()

    target = tmp_path / "thoa-thuan.pdf"
    target.write_bytes(b"an older file")
    dialog.save_to(target)
    assert target.read_bytes() == dialog.rendered.data and "thoa-thuan.pdf" in dialog.message.text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["printed.pdf", "thoa-thuan.pdf"]  # no temporary left
    dialog.done(QDialog.DialogCode.Rejected)


# --- signed copies and versions -----------------------------------------------------------------


def test_signed_copy_locks_the_text_and_a_new_version_supersedes_it(
    qtbot, window, library: Library, system, complete, tmp_path: Path
) -> None:
    pdf = tmp_path / "final.pdf"
    pdf.write_bytes(b"%PDF-1.4 final text")
    library.agreements.mark_final(complete.id, pdf, layout="originals", actor=system)
    scan = tmp_path / "ban-ky.png"
    scan.write_bytes(b"\x89PNG scanned signed copy")
    editor = _open(window, complete.id)

    dialog = editor.mark_signed()
    dialog.file.setText(str(scan))
    dialog.date.set_value("16/05/2015")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    record = library.agreements.get(complete.id)
    assert (record.status, record.signed_on.isoformat()) == ("signed", "2015-05-16")
    assert library.attachments.get(record.signed_copy_id).filename == "ban-ky.png"
    assert editor.read_only and not editor.buttons["save"].isEnabled() and editor.notice.isVisible()
    assert editor.parts.rows[("clause", 0, 0)].lo.isReadOnly()
    assert not editor.parts.buttons["add_article"].isEnabled()
    assert not editor.save() and library.agreements.get(complete.id).updated_at == record.updated_at

    _click(qtbot, editor, "new_version")
    new_id = editor.record_id
    assert new_id != complete.id and editor.status == "draft" and not editor.read_only
    assert library.agreements.get(new_id).supersedes_id == complete.id
    assert editor.history.count() == 2 and editor.history.item(1).font().bold()
    assert library.agreements.get(complete.id).status == "signed"

    library.agreements.update(
        new_id,
        {
            "signatories": [
                {"id": s.id, "position_vi": "Chính ủy", "position_lo": "ຫົວໜ້າການເມືອງ"}
                for s in library.agreements.get(new_id).signatories
            ]
        },
        actor=system,
    )
    library.agreements.mark_final(new_id, pdf, layout="originals", actor=system)
    editor.load(new_id)
    dialog = editor.mark_signed()
    dialog.file.setText(str(scan))
    dialog.date.set_value("22/05/2025")
    dialog.accept()
    assert library.agreements.get(complete.id).status == "superseded"
    editor._open_version(editor.history.item(0))
    assert editor.record_id == complete.id and editor.read_only and not editor.buttons["new_version"].isEnabled()


def test_the_editor_speaks_lao(qtbot, window, library: Library, complete) -> None:
    from PySide6.QtWidgets import QApplication

    from dnqp_desktop.ui import app as app_module

    app_module.apply_language(QApplication.instance(), "lo")
    try:
        editor = AgreementEditor(library, window.actor, complete.id)
        qtbot.addWidget(editor)
        assert english_leftovers(editor) == []
        assert any("\u0e80" <= ch <= "\u0eff" for ch in editor.tabs.tabText(2))
        dialog = editor.preview()
        assert english_leftovers(dialog) == []
        dialog.done(QDialog.DialogCode.Rejected)
    finally:
        app_module.apply_language(QApplication.instance(), "vi")
