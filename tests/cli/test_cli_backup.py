"""dnqp backup / verify / restore: passwords from a file or a prompt, previews, exit codes 0, 1, 2."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from dnqp_desktop.cli import EXIT_OK, EXIT_USAGE, EXIT_USER_ERROR, main
from dnqp_desktop.core.backup.rotation import list_backups
from dnqp_desktop.core.config import DATABASE_FILENAME
from dnqp_desktop.core.library import Library
from tests.backup_helpers import PASSWORD, database_dump_of, folder_state, install_key
from tests.helpers import make_unit


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def password_file(tmp_path: Path) -> Path:
    path = tmp_path / "password.txt"
    path.write_text(PASSWORD + "\n", encoding="utf-8")
    return path


@pytest.fixture
def folder_with_data(data_dir: Path) -> Path:
    with Library.open(data_dir) as library:
        make_unit(library, name_vi="Bộ CHQS tỉnh Điện Biên")
    install_key(data_dir)
    return data_dir


def test_first_backup_sets_the_password_from_a_file(
    data_dir: Path, password_file: Path, tmp_path: Path, capsys
) -> None:
    code, out, err = run(capsys, "backup", "--data-dir", str(data_dir), "--password-file", str(password_file))
    assert code == EXIT_OK, err
    assert "Backup password set" in err and "Backup written and verified" in out
    # Later backups need no password at all.
    code, out, err = run(capsys, "backup", "--data-dir", str(data_dir), "--to", str(tmp_path / "usb"), "--json")
    assert code == EXIT_OK, err
    result = json.loads(out)
    assert Path(result["path"]).parent == tmp_path / "usb" and result["size"] > 0


def test_without_a_password_and_without_a_terminal_the_backup_says_what_to_do(data_dir: Path, capsys) -> None:
    code, out, err = run(capsys, "backup", "--data-dir", str(data_dir))
    assert code == EXIT_USER_ERROR and out == ""
    assert err.strip().startswith("A backup password is needed") and err.count("\n") == 1


def test_a_password_can_be_typed_at_a_prompt(data_dir: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    typed = iter([PASSWORD, "not the same password"])
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    code, _out, err = run(capsys, "backup", "--data-dir", str(data_dir))
    assert code == EXIT_USER_ERROR and "not the same" in err  # typed differently twice: nothing set
    typed = iter([PASSWORD, PASSWORD])
    code, _out, err = run(capsys, "backup", "--data-dir", str(data_dir))
    assert code == EXIT_OK, err


def test_verify_reports_what_a_good_backup_holds(folder_with_data: Path, password_file: Path, capsys) -> None:
    run(capsys, "backup", "--data-dir", str(folder_with_data))
    backup = list_backups(folder_with_data / "backups")[0].path
    code, out, err = run(capsys, "verify", str(backup), "--password-file", str(password_file))
    assert code == EXIT_OK, err
    assert "Units: 1" in out and "complete and undamaged" in out
    code, out, _err = run(capsys, "verify", str(backup), "--password-file", str(password_file), "--json")
    report = json.loads(out)
    assert report["ok"] and report["counts"]["unit"] == 1 and report["schema_state"] == "current"


def test_verify_names_each_problem_in_one_line(
    folder_with_data: Path, password_file: Path, tmp_path: Path, capsys
) -> None:
    run(capsys, "backup", "--data-dir", str(folder_with_data))
    backup = list_backups(folder_with_data / "backups")[0].path
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("an entirely wrong password")
    cut = tmp_path / "cut.dnqpbak"
    cut.write_bytes(backup.read_bytes()[:-10])
    letter = tmp_path / "letter.dnqpbak"
    letter.write_text("Kính gửi Bộ CHQS tỉnh Hủa Phăn")
    cases = [
        (backup, wrong, "Wrong password"),
        (cut, password_file, "is incomplete"),
        (letter, password_file, "is not a DNQP Desktop backup"),
        (tmp_path / "missing.dnqpbak", password_file, "cannot be read"),
        (backup, tmp_path / "no-such-password-file", "password file"),
    ]
    for path, secret, expected in cases:
        code, out, err = run(capsys, "verify", str(path), "--password-file", str(secret))
        assert code == EXIT_USER_ERROR, (path, err)
        assert expected in err and err.count("\n") == 1, err


def test_damage_is_reported_before_a_password_is_asked(tmp_path: Path, capsys) -> None:
    letter = tmp_path / "letter.dnqpbak"
    letter.write_text("not a backup")
    code, _out, err = run(capsys, "verify", str(letter))  # no password file and no terminal
    assert code == EXIT_USER_ERROR and "not a DNQP Desktop backup" in err


def test_restore_shows_the_preview_and_replaces_the_data(
    folder_with_data: Path, password_file: Path, tmp_path: Path, template_database: Path, capsys
) -> None:
    run(capsys, "backup", "--data-dir", str(folder_with_data), "--to", str(tmp_path / "usb"))
    backup = list_backups(tmp_path / "usb")[0].path
    other = tmp_path / "other"
    other.mkdir()
    shutil.copyfile(template_database, other / DATABASE_FILENAME)
    code, out, err = run(capsys, "restore", str(backup), "--data-dir", str(other), "--yes")
    assert code == EXIT_USER_ERROR and "password is needed" in err  # --yes skips the question, not the password
    code, out, err = run(
        capsys, "restore", str(backup), "--data-dir", str(other), "--yes", "--password-file", str(password_file)
    )
    assert code == EXIT_OK, err
    assert "Units: 1" in out and "restored" in out and "saved first" in out
    assert database_dump_of(other / DATABASE_FILENAME) == database_dump_of(folder_with_data / DATABASE_FILENAME)
    code, out, _err = run(capsys, "check", "--data-dir", str(other), "--json")
    assert code == EXIT_OK and json.loads(out)["ok"]


def test_restore_asks_before_replacing_and_no_means_no(
    folder_with_data: Path, password_file: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, "backup", "--data-dir", str(folder_with_data))
    backup = list_backups(folder_with_data / "backups")[0].path
    with Library.open(folder_with_data) as library:
        make_unit(library, name_vi="Made after the backup")
    before = folder_state(folder_with_data)
    args = ("restore", str(backup), "--data-dir", str(folder_with_data), "--password-file", str(password_file))
    code, out, err = run(capsys, *args)  # no terminal to ask on, no --yes
    assert code == EXIT_USER_ERROR and "--yes" in err and "Units: 2" not in out
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda prompt="": "n")
    code, out, err = run(capsys, *args)
    assert code == EXIT_USER_ERROR and "nothing was restored" in err and "Units: 1" in out
    assert folder_state(folder_with_data) == before
    monkeypatch.setattr("builtins.input", lambda prompt="": "y")
    code, out, err = run(capsys, *args)
    assert code == EXIT_OK, err
    with Library.open(folder_with_data) as library:
        assert library.units.count() == 1


def test_restore_is_refused_while_the_folder_is_in_use(folder_with_data: Path, password_file: Path, capsys) -> None:
    run(capsys, "backup", "--data-dir", str(folder_with_data))
    backup = list_backups(folder_with_data / "backups")[0].path
    before = folder_state(folder_with_data)
    with Library.open(folder_with_data):
        code, _out, err = run(
            capsys,
            "restore",
            str(backup),
            "--data-dir",
            str(folder_with_data),
            "--yes",
            "--password-file",
            str(password_file),
        )
    assert code == EXIT_USER_ERROR and "already in use" in err
    assert folder_state(folder_with_data) == before


@pytest.mark.parametrize("args", [("verify",), ("restore",), ("backup", "--to"), ("restore", "x.dnqpbak", "--bogus")])
def test_bad_usage_exits_with_2(capsys, args: tuple[str, ...]) -> None:
    code, _out, err = run(capsys, *args)
    assert code == EXIT_USAGE and "Invalid command line" in err


def test_backup_works_beside_a_running_window(folder_with_data: Path, capsys) -> None:
    """A scheduled `dnqp backup` must not need the window closed: it reads a consistent snapshot."""
    with Library.open(folder_with_data) as window:
        make_unit(window)
        code, out, err = run(capsys, "backup", "--data-dir", str(folder_with_data), "--json")
    assert code == EXIT_OK, err
    assert Path(json.loads(out)["path"]).exists()
