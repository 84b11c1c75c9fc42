"""``dnqp search`` shows what the search box shows; ``dnqp check --repair`` rebuilds the index."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from dnqp_desktop.cli import EXIT_OK, EXIT_USAGE, EXIT_USER_ERROR, main
from dnqp_desktop.core import search
from dnqp_desktop.core.config import DATABASE_FILENAME
from dnqp_desktop.core.library import Library


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def demo_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert run(capsys, "demo", "--data-dir", str(tmp_path))[0] == EXIT_OK
    return str(tmp_path)


def test_json_hits_are_the_search_box_hits(demo_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", "--data-dir", demo_dir, "--json", "thanh", "hoà")
    assert (code, err) == (EXIT_OK, "")
    result = json.loads(out)
    with Library.open(demo_dir) as library, library.read() as session:
        expected = search.search(session, "thanh hoà")
    assert result["query"] == "thanh hoà"
    assert result["hits"] == [{"kind": hit.kind, "id": hit.record_id, "title": hit.title} for hit in expected]
    assert result["hits"][0] == {
        "kind": "unit",
        "id": expected[0].record_id,
        "title": "Bộ Chỉ huy quân sự tỉnh Thanh Hóa",
    }


def test_kind_and_limit(demo_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "--data-dir", demo_dir, "--json", "--kind", "talk", "--limit", "1", "ຫົວພັນ")
    assert code == EXIT_OK
    hits = json.loads(out)["hits"]
    assert [hit["kind"] for hit in hits] == ["talk"]


def test_text_output_groups_by_kind(demo_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "--data-dir", demo_dir, "Phông Xa Lỳ")
    assert code == EXIT_OK
    lines = out.splitlines()
    assert lines[0] == "Unit"
    assert lines[1].startswith("  Bộ Chỉ huy quân sự tỉnh Phongsaly  [")
    assert "Twinning" in lines


def test_nothing_found_is_not_an_error(demo_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "--data-dir", demo_dir, "zzqqxx")
    assert (code, out.strip()) == (EXIT_OK, "Nothing found for “zzqqxx”.")
    code, out, _ = run(capsys, "search", "--data-dir", demo_dir, "--json", "zzqqxx")
    assert json.loads(out) == {"query": "zzqqxx", "hits": []}


@pytest.mark.parametrize("args", [["--limit", "0", "x"], ["--kind", "user", "x"], []])
def test_bad_search_usage_exits_2(demo_dir: str, capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    assert run(capsys, "search", "--data-dir", demo_dir, *args)[0] == EXIT_USAGE


def test_search_without_a_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "search", "--data-dir", str(tmp_path / "none"), "x")
    assert code == EXIT_USER_ERROR and "dnqp init" in err


def test_check_finds_a_stale_index_and_repair_rebuilds_it(demo_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    connection = sqlite3.connect(Path(demo_dir) / DATABASE_FILENAME)
    with connection:
        connection.execute("DELETE FROM search_doc WHERE kind = 'person'")
    connection.close()

    code, out, _ = run(capsys, "check", "--data-dir", demo_dir)
    assert code == EXIT_USER_ERROR
    assert "[FAIL] Search index: The search index does not match the records (9 missing" in out
    assert "Run “dnqp check --repair” to rebuild it." in out

    code, out, _ = run(capsys, "check", "--data-dir", demo_dir, "--repair")
    assert code == EXIT_OK
    assert out.splitlines()[0] == "Search index rebuilt: 50 records."
    assert "[PASS] Search index: 50" in out

    code, out, _ = run(capsys, "check", "--data-dir", demo_dir, "--repair", "--json")
    result = json.loads(out)
    assert code == EXIT_OK and result["ok"] and result["repaired"] == {"search_index": 50}
    assert {"name": "search_index", "ok": True, "message_id": None, "message": "50"} in result["checks"]
