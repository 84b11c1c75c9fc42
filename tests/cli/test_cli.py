"""The dnqp command: exit codes, one-line messages in the chosen language, JSON for scripts."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from dnqp_desktop.cli import EXIT_OK, EXIT_USAGE, EXIT_USER_ERROR, main
from dnqp_desktop.core.config import DATABASE_FILENAME


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_init_creates_the_data_folder(tmp_path: Path, capsys) -> None:
    code, out, err = run(capsys, "--lang", "en", "init", "--data-dir", str(tmp_path / "d"))
    assert (code, err) == (EXIT_OK, "")
    assert f"Data folder ready: {tmp_path / 'd'}" in out
    assert (tmp_path / "d" / DATABASE_FILENAME).exists()


def test_messages_follow_the_language(tmp_path: Path, capsys) -> None:
    _, out_vi, _ = run(capsys, "--lang", "vi", "init", "--data-dir", str(tmp_path))
    _, out_en, _ = run(capsys, "--lang", "en", "init", "--data-dir", str(tmp_path))
    assert "Thư mục dữ liệu" in out_vi
    assert "Data folder ready" in out_en


def test_language_from_environment(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("DNQP_LANG", "en")
    code, out, _ = run(capsys, "init", "--data-dir", str(tmp_path))
    assert code == EXIT_OK and "Data folder ready" in out


def test_data_folder_from_environment(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("DNQP_DATA_DIR", str(tmp_path / "env"))
    assert run(capsys, "init")[0] == EXIT_OK
    assert (tmp_path / "env" / DATABASE_FILENAME).exists()


def test_demo_loads_once_and_if_empty_is_quiet(tmp_path: Path, capsys) -> None:
    folder = str(tmp_path)
    code, out, _ = run(capsys, "--lang", "en", "demo", "--data-dir", folder, "--json")
    assert code == EXIT_OK
    result = json.loads(out)
    assert result["loaded"] is True and result["counts"]["units"] > 0
    code, out, _ = run(capsys, "--lang", "en", "demo", "--data-dir", folder, "--if-empty")
    assert code == EXIT_OK and "not loaded" in out
    code, _, err = run(capsys, "--lang", "en", "demo", "--data-dir", folder)
    assert code == EXIT_USER_ERROR
    assert err.strip() == "The database already holds records; the demo data was not loaded."
    code, _, err = run(capsys, "--lang", "vi", "demo", "--data-dir", folder)
    assert code == EXIT_USER_ERROR and "dữ liệu mẫu" in err


def test_check_on_a_healthy_database(tmp_path: Path, capsys) -> None:
    run(capsys, "init", "--data-dir", str(tmp_path))
    code, out, _ = run(capsys, "--lang", "en", "check", "--data-dir", str(tmp_path), "--json")
    report = json.loads(out)
    assert code == EXIT_OK and report["ok"] is True
    assert {c["name"] for c in report["checks"]} == {
        "integrity",
        "foreign_keys",
        "schema",
        "audit",
        "attachments",
        "search_index",
        "settings",
    }


def test_check_names_the_first_altered_audit_row(tmp_path: Path, capsys) -> None:
    run(capsys, "demo", "--data-dir", str(tmp_path))
    connection = sqlite3.connect(tmp_path / DATABASE_FILENAME)
    connection.execute("UPDATE audit_log SET actor_name = 'intruder' WHERE seq = 5")
    connection.commit()
    connection.close()
    code, out, _ = run(capsys, "--lang", "en", "check", "--data-dir", str(tmp_path))
    assert code == EXIT_USER_ERROR
    assert "[FAIL] Audit trail: The audit trail has been altered: entry no. 5" in out


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_check_without_a_database(tmp_path: Path, capsys, lang: str) -> None:
    code, out, err = run(capsys, "--lang", lang, "check", "--data-dir", str(tmp_path / "none"))
    assert code == EXIT_USER_ERROR and out == ""
    assert len(err.strip().splitlines()) == 1
    assert str(tmp_path / "none" / DATABASE_FILENAME) in err
    assert ("dnqp init" in err) and (("Create one" in err) if lang == "en" else ("Create one" not in err))
    assert not (tmp_path / "none").exists()


@pytest.mark.parametrize("command", ["check", "init", "demo"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_damaged_database_gives_one_line_and_is_kept(tmp_path: Path, capsys, command: str, lang: str) -> None:
    (tmp_path / DATABASE_FILENAME).write_bytes(b"not a database at all" * 100)
    code, _, err = run(capsys, "--lang", lang, command, "--data-dir", str(tmp_path))
    assert code == EXIT_USER_ERROR
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert str(tmp_path / DATABASE_FILENAME) in err and "dnqp restore" in err
    assert (tmp_path / DATABASE_FILENAME).read_bytes() == b"not a database at all" * 100


@pytest.mark.parametrize(
    "args",
    [["--bogus"], ["frobnicate"], ["--lang", "fr", "init"], ["demo", "--if-empty=yes"]],
    ids=["unknown-option", "unknown-command", "unknown-language", "flag-with-value"],
)
def test_bad_usage_exits_2(capsys, args: list[str]) -> None:
    code, out, err = run(capsys, *args)
    assert code == EXIT_USAGE and out == ""
    assert err and "Traceback" not in err


def test_bad_usage_message_is_translated(capsys) -> None:
    _, _, err_vi = run(capsys, "--lang", "vi", "--bogus")
    _, _, err_en = run(capsys, "--lang", "en", "--bogus")
    assert "Invalid command line" in err_en and "Invalid command line" not in err_vi


def test_unknown_language_in_environment_exits_2(capsys, monkeypatch) -> None:
    monkeypatch.setenv("DNQP_LANG", "fr")
    code, _, err = run(capsys, "check")
    assert code == EXIT_USAGE and "fr" in err


def test_help_is_translated(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--lang", "vi", "--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert "Usage:" not in out and "dnqp" in out


def test_module_entry_point_runs(tmp_path: Path) -> None:
    env = {**os.environ, "DNQP_DATA_DIR": str(tmp_path), "DNQP_LANG": "en"}
    result = subprocess.run(
        [sys.executable, "-m", "dnqp_desktop", "check"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == EXIT_USER_ERROR
    assert "There is no database" in result.stderr
    version = subprocess.run([sys.executable, "-m", "dnqp_desktop", "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.startswith("DNQP Desktop ")


def test_cli_writes_are_audited_as_the_command_line(tmp_path: Path, capsys) -> None:
    import getpass

    run(capsys, "demo", "--data-dir", str(tmp_path))
    connection = sqlite3.connect(tmp_path / DATABASE_FILENAME)
    names = {row[0] for row in connection.execute("SELECT DISTINCT actor_name FROM audit_log")}
    connection.close()
    assert names == {f"cli:{getpass.getuser()}"}


def test_reset_password_from_the_command_line(tmp_path: Path, capsys) -> None:
    from dnqp_desktop.core.library import Library

    run(capsys, "demo", "--data-dir", str(tmp_path))
    short, good = tmp_path / "short.txt", tmp_path / "good.txt"
    short.write_text("abc\n", encoding="utf-8")
    good.write_text("mat-khau-moi\n", encoding="utf-8")
    code, _out, err = run(
        capsys, "--lang", "en", "reset-password", "admin", "--password-file", str(short), "--data-dir", str(tmp_path)
    )
    assert code == EXIT_USER_ERROR and "at least 8 characters" in err
    code, _out, err = run(
        capsys, "--lang", "en", "reset-password", "nobody", "--password-file", str(good), "--data-dir", str(tmp_path)
    )
    assert code == EXIT_USER_ERROR and "nobody" in err
    code, out, _err = run(capsys, "reset-password", "admin", "--password-file", str(good), "--data-dir", str(tmp_path))
    assert code == 0 and "admin" in out
    with Library.open(tmp_path) as library:
        assert library.login("admin", "mat-khau-moi").username == "admin"
