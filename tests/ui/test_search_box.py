"""The search box (Ctrl+F): results as you type, grouped by kind, forgiving every case of issue 4."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from dnqp_desktop.core.demo import load_demo
from dnqp_desktop.core.library import Library
from dnqp_desktop.ui.main_window import MainWindow
from tests.helpers import make_person
from tests.ui.keyboard import type_text
from tests.ui.windows import shown_window


@pytest.fixture
def window(qtbot, library: Library) -> Iterator[MainWindow]:
    load_demo(library)
    make_person(library, name_vi="Trần Văn Thủy")
    with shown_window(library) as main:
        yield main


def _search(qtbot, window: MainWindow, text: str) -> dict[str, list[str]]:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.hasFocus()
    window.search_box.clear()
    type_text(window.search_box, text)
    qtbot.waitUntil(lambda: window.search_view.query == text.strip(), timeout=3000)
    assert window.pages.currentWidget() is window.search_view
    return window.search_view.results()


@pytest.mark.parametrize(
    ("query", "kind", "expected"),
    [
        ("dang van long", "person", "Đặng Văn Long"),
        ("ĐẶNG VĂN LONG", "person", "Đặng Văn Long"),
        (unicodedata.normalize("NFD", "Đặng Văn Long"), "person", "Đặng Văn Long"),
        ("xiengpheng", "person", "Xiêng-pheng Bua-lả-vông"),
        ("Xiêng-pheng", "person", "Xiêng-pheng Bua-lả-vông"),
        ("thuỷ", "person", "Trần Văn Thủy"),
        ("thủy", "person", "Trần Văn Thủy"),
        ("Phông Xa Lỳ", "unit", "Phongsaly"),
        ("phongsaly", "unit", "Phongsaly"),
        ("ຫົວພັນ", "unit", "Hủa Phăn"),
        ("thanh hoà", "unit", "Thanh Hóa"),
        ("thanh hòa", "unit", "Thanh Hóa"),
    ],
)
def test_search_forgives(qtbot, window: MainWindow, query: str, kind: str, expected: str) -> None:
    shown = _search(qtbot, window, query)
    assert any(expected in title for title in shown.get(kind, [])), shown


def test_results_are_grouped_and_enter_opens_the_record(qtbot, window: MainWindow) -> None:
    shown = _search(qtbot, window, "phongsaly")
    assert len(shown) >= 2  # the unit and records naming it (twinnings, talks, agreements…)
    groups = [
        window.search_view.tree.topLevelItem(i).text(0) for i in range(window.search_view.tree.topLevelItemCount())
    ]
    assert all("(" in group for group in groups)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    qtbot.keyClick(window.search_view.tree, Qt.Key.Key_Return)
    assert window.forms and window.forms[-1].isVisible()


def test_nothing_found_says_so_and_clearing_returns_to_the_list(qtbot, window: MainWindow) -> None:
    window.show_section("unit")
    assert _search(qtbot, window, "zzqxw") == {}
    assert "zzqxw" in window.search_view.summary.text()
    window.search_box.clear()
    assert window.pages.currentWidget() is window.lists["unit"]
