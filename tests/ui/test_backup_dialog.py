"""The backup and restore windows on a real library, with a temporary folder standing in as a USB stick."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from dnqp_desktop.core.backup.drives import Drive
from dnqp_desktop.core.backup.rotation import list_backups
from dnqp_desktop.core.i18n import _
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.services.policy import SYSTEM
from dnqp_desktop.ui.auto_backup import AutoBackup, DriveWatcher
from dnqp_desktop.ui.dialogs.backup import BackupDialog
from dnqp_desktop.ui.dialogs.restore import RestoreDialog
from dnqp_desktop.ui.workers import JobRunner
from tests.backup_helpers import PASSWORD, install_key
from tests.helpers import make_unit


@pytest.fixture
def usb(tmp_path: Path) -> Drive:
    folder = tmp_path / "media" / "KINGSTON"
    folder.mkdir(parents=True)
    return Drive(folder, "KINGSTON", free=8 * 1024**3, total=16 * 1024**3)


def test_backup_to_a_usb_stick_with_progress(qtbot, library: Library, usb: Drive) -> None:
    make_unit(library)
    dialog = BackupDialog(library, actor=SYSTEM, drives=lambda: [usb])  # a real worker thread
    qtbot.addWidget(dialog)
    dialog.show()
    texts = [dialog.targets.item(row).text() for row in range(dialog.targets.count())]
    assert any("KINGSTON" in text for text in texts)
    assert dialog.password_box.isVisible()  # no password yet: asked once, here
    dialog.targets.setCurrentRow(next(row for row, text in enumerate(texts) if "KINGSTON" in text))
    dialog.password.setText(PASSWORD)
    dialog.password_repeat.setText(PASSWORD)
    seen: list[tuple[int, int]] = []
    dialog.progress.valueChanged.connect(lambda value: seen.append((value, dialog.progress.maximum())))
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30_000)
    written = list_backups(usb.backup_folder)
    assert [backup.path for backup in written] == [dialog.result.path]
    assert dialog.progress.value() == dialog.progress.maximum() > 0
    assert any(0 < value < maximum for value, maximum in seen)  # the bar moved through the work
    assert _("Backup written and verified: {path} ({size})").split("{")[0] in dialog.status.text()
    assert not dialog.password_box.isVisible() and dialog.start_button.isEnabled()


def test_mistyped_passwords_are_said_and_nothing_is_written(qtbot, library: Library, usb: Drive) -> None:
    dialog = BackupDialog(library, actor=SYSTEM, drives=lambda: [usb], runner=JobRunner(inline=True))
    qtbot.addWidget(dialog)
    dialog.password.setText(PASSWORD)
    dialog.password_repeat.setText(PASSWORD + "!")
    dialog.start()
    assert dialog.status.text() == _("The two passwords are not the same.")
    assert not library.has_backup_password()
    assert not usb.backup_folder.exists() or list_backups(usb.backup_folder) == []


def test_restore_shows_the_preview_then_restores(qtbot, library: Library, data_dir: Path) -> None:
    install_key(data_dir)
    make_unit(library, name_vi="Có trong bản sao lưu")
    backup = library.backup().path
    make_unit(library, name_vi="Làm sau khi sao lưu")
    dialog = RestoreDialog(library, SYSTEM, runner=JobRunner(inline=True))
    qtbot.addWidget(dialog)
    assert dialog.file_edit.text() == str(backup)  # the newest backup is offered first
    assert not dialog.restore_button.isEnabled()
    dialog.password.setText("a wrong password")
    dialog.show_preview()
    assert dialog.status.text() == _("Wrong password for the backup {path}. Nothing was changed.").format(path=backup)
    assert not dialog.confirm.isEnabled() and dialog.preview.toPlainText() == ""
    dialog.password.setText(PASSWORD)
    dialog.show_preview()
    preview = dialog.preview.toPlainText()
    assert f"{_('Units')}: 1" in preview
    assert dialog.confirm.isEnabled() and not dialog.restore_button.isEnabled()
    dialog.confirm.setChecked(True)
    assert dialog.restore_button.isEnabled()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.result is not None and dialog.result.safety_backup is not None
    assert [unit.name_vi for unit in library.units.list()] == ["Có trong bản sao lưu"]


def test_a_damaged_file_is_named_in_the_restore_window(qtbot, library: Library, tmp_path: Path) -> None:
    bad = tmp_path / "copy.dnqpbak"
    bad.write_bytes(b"half a file")
    dialog = RestoreDialog(library, SYSTEM, runner=JobRunner(inline=True), path=bad)
    qtbot.addWidget(dialog)
    dialog.password.setText(PASSWORD)
    dialog.show_preview()
    assert dialog.status.text() == _("{path} is not a DNQP Desktop backup. Nothing was changed.").format(path=bad)
    assert not dialog.restore_button.isEnabled()


def test_automatic_backup_runs_at_exit_and_skips_unchanged_data(qtbot, library: Library, data_dir: Path) -> None:
    auto = AutoBackup(library, runner=JobRunner(inline=True), on_quit=False)
    assert auto.run_now() is None  # no password set yet: nothing to encrypt to
    install_key(data_dir)
    make_unit(library)
    with qtbot.waitSignal(auto.written, timeout=10_000):
        job = auto.run_in_background()
    assert job is not None
    assert auto.run_now() is None  # nothing changed since
    make_unit(library)
    assert auto.run_now() is not None
    assert len(list_backups(data_dir / "backups")) == 2
    for backup in list_backups(data_dir / "backups"):
        assert backup.kind == "auto"


def test_a_stick_plugged_in_is_noticed(qtbot, usb: Drive) -> None:
    drives: list[Drive] = []
    watcher = DriveWatcher(drives=lambda: list(drives), interval_ms=10_000)
    assert watcher.poll() == []
    drives.append(usb)
    with qtbot.waitSignal(watcher.inserted, timeout=1000) as caught:
        watcher.poll()
    assert caught.args == [usb]
    assert watcher.poll() == []  # told once
