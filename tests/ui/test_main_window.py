"""The main window opens on a real library, shows what it holds, and speaks the chosen language."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from dnqp_desktop.core.demo import load_demo
from dnqp_desktop.core.i18n import _
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.services.policy import SYSTEM
from dnqp_desktop.ui.app import apply_language
from dnqp_desktop.ui.main_window import MainWindow
from tests.helpers import make_unit
from tests.ui.texts import english_leftovers


def _navigation_texts(window: MainWindow) -> list[str]:
    return [window.navigation.item(row).text() for row in range(window.navigation.count())]


def test_empty_database_says_so(qtbot, library: Library) -> None:
    window = MainWindow(library, SYSTEM)
    qtbot.addWidget(window)
    window.show()
    text = window.dashboard.body.text()
    assert text.startswith(_("The database is empty. Records you create will appear here."))
    assert window.dashboard.demo_button.isVisible()
    assert text != "The database is empty. Records you create will appear here."  # shown in Vietnamese


def test_window_shows_demo_counts_in_vietnamese(qtbot, library: Library) -> None:
    summary = load_demo(library)
    window = MainWindow(library, SYSTEM)
    qtbot.addWidget(window)
    window.show()
    assert _navigation_texts(window)[:3] == ["Tổng quan", "Đơn vị", "Cán bộ"]
    assert window.windowTitle() == "DNQP Desktop"
    assert f"Đơn vị: {summary.units}" in window.dashboard.body.text()
    assert window.menuBar().actions()[0].text() == "&Tệp"


def test_window_follows_writes(qtbot, library: Library) -> None:
    window = MainWindow(library, SYSTEM)
    qtbot.addWidget(window)
    make_unit(library)
    qtbot.waitUntil(lambda: "Đơn vị: 1" in window.dashboard.body.text())


@pytest.mark.parametrize(("lang", "units"), [("lo", "ຫົວໜ່ວຍ"), ("en", "Units")])
def test_window_in_other_languages(qtbot, library: Library, lang: str, units: str) -> None:
    apply_language(QApplication.instance(), lang)  # type: ignore[arg-type]
    window = MainWindow(library, SYSTEM)
    qtbot.addWidget(window)
    assert units in _navigation_texts(window)[1]
    assert english_leftovers(window) == []


def _run_gui(tmp_path: Path, *options: str, wait_for: str) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DNQP_DATA_DIR": str(tmp_path)}
    process = subprocess.Popen([sys.executable, "-m", "dnqp_desktop", "gui", *options], env=env)
    log_file = tmp_path / "logs" / "dnqp.log"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            if log_file.exists() and wait_for in log_file.read_text(encoding="utf-8"):
                break
            time.sleep(0.2)
        assert process.poll() is None, "the app exited instead of showing its window"
        return log_file.read_text(encoding="utf-8")
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_dnqp_gui_starts_a_window_offscreen(tmp_path: Path) -> None:
    """What `make run` does: demo data on first run, then the window; scripts log in with --user."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DNQP_DATA_DIR": str(tmp_path)}
    subprocess.run([sys.executable, "-m", "dnqp_desktop", "demo", "--if-empty"], env=env, check=True, timeout=120)
    password = tmp_path / "password.txt"
    password.write_text("demo-clerk\n", encoding="utf-8")
    logged = _run_gui(
        tmp_path, "--user", "clerk", "--password-file", str(password), wait_for="library opened in the main window"
    )
    assert "main window shown" in logged and "library opened in the main window" in logged
    assert "login requested" not in logged
    (tmp_path / "logs" / "dnqp.log").unlink()
    logged = _run_gui(tmp_path, wait_for="login requested")  # what `make run` shows: the log-in window
    assert "login requested" in logged and "library opened in the main window" not in logged


def test_dnqp_gui_asks_who_is_working(tmp_path: Path) -> None:
    """Without --user the log-in window waits (the event loop runs: nothing blocks)."""
    logged = _run_gui(tmp_path, wait_for="first administrator account requested")
    assert "first administrator account requested" in logged
    assert "library opened in the main window" not in logged
