"""The forgiving search: folding, every case of issue 4 point 5, and an index that never drifts."""

from __future__ import annotations

import importlib.util
import io
import shutil
import sqlite3
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from alembic import command
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy import delete, insert, select
from sqlalchemy.dialects import postgresql

from dnqp_desktop.core import db, search
from dnqp_desktop.core.config import DATABASE_FILENAME
from dnqp_desktop.core.demo import load_demo
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.health import repair_search_index, run_checks
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.resources import migrations_dir
from dnqp_desktop.core.search import fold, query_terms, search_doc, search_key
from dnqp_desktop.core.services import base
from dnqp_desktop.core.services.policy import SYSTEM
from tests.helpers import make_lao_unit, make_person, make_unit


def find(library: Library, query: str, **options: Any) -> list[search.SearchHit]:
    with library.read() as session:
        return search.search(session, query, **options)


def titles(library: Library, query: str, kind: str) -> list[str]:
    return [hit.title for hit in find(library, query) if hit.kind == kind]


# --- folding ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Đặng Văn Long", "dang van long"),
        ("ĐẶNG VĂN LONG", "đặng văn long"),
        (unicodedata.normalize("NFD", "Nguyễn Thị Huệ"), "Nguyễn Thị Huệ"),
        ("hoà", "hòa"),
        ("thuỷ", "thủy"),
        ("khoẻ", "khỏe"),
        ("Ðặng", "Đặng"),  # U+00D0, a stand-in for Đ in legacy files
        ("ຄຳມ່ວນ", "ຄໍາມ່ວນ"),  # ຳ and ໍ+າ
        ("ໜອງ", "ຫນອງ"),
        ("ໝາກ", "ຫມາກ"),
        ("ນະຄອນຫຼວງ", "ນະຄອນຫລວງ"),  # no normal form unifies these
        ("ປີ ໒໐໒໕", "ປີ 2025"),
        ("ກ\u0ec9\u0eb1", "ກ\u0eb1\u0ec9"),  # tone and vowel typed in either order
        ("ຫົວ\u200bພັນ", "ຫົວພັນ"),  # a zero-width space between Lao words
    ],
)
def test_fold_makes_equivalent_spellings_equal(one: str, other: str) -> None:
    assert fold(one) == fold(other)


@pytest.mark.parametrize(("one", "other"), [("ກິນ", "ກນ"), ("ກ່າ", "ກ້າ"), ("ດ", "ຕ")])
def test_fold_keeps_lao_marks_and_letters(one: str, other: str) -> None:
    assert fold(one) != fold(other)


def test_query_terms_drop_hyphens_and_dots_inside_words() -> None:
    assert query_terms("Xiêng-pheng  Bua-lả-vông") == ["xiengpheng", "bualavong"]
    assert query_terms("05/QC-ĐB") == ["05qcdb"]
    assert query_terms(" - , ") == []


# --- every forgiving case, against the demo records ----------------------------------------------


@pytest.fixture(scope="module")
def demo(template_database: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    folder = tmp_path_factory.mktemp("demo")
    shutil.copyfile(template_database, folder / DATABASE_FILENAME)
    library = Library.open(folder)
    load_demo(library)
    try:
        yield library
    finally:
        library.close()


DANG = "Đặng Văn Long"
XIENGPHENG = "Xiêng-pheng Bua-lả-vông"
PHONGSALY = "Bộ Chỉ huy quân sự tỉnh Phongsaly"
HUA_PHAN = "Bộ Chỉ huy quân sự tỉnh Hủa Phăn"
THANH_HOA = "Bộ Chỉ huy quân sự tỉnh Thanh Hóa"
LUANG_PRABANG = "Bộ Chỉ huy quân sự tỉnh Luang Prabang"
TALK_2025 = "Hội đàm thường niên năm 2025 giữa Bộ CHQS tỉnh Thanh Hóa và Bộ CHQS tỉnh Hủa Phăn"


@pytest.mark.parametrize(
    ("query", "kind", "title"),
    [
        ("dang van long", "person", DANG),  # no diacritics, no đ
        ("ĐẶNG VĂN LONG", "person", DANG),  # case
        (unicodedata.normalize("NFD", DANG), "person", DANG),  # NFD input
        ("Dang-Van-Long", "person", DANG),  # hyphens where there are none
        ("long dang", "person", DANG),  # words in another order
        ("đặng v", "person", DANG),  # as it is being typed
        ("C2847193", "person", DANG),  # a passport number
        ("QK2", "unit", "Quân khu 2"),  # a short name
        ("xiengpheng", "person", XIENGPHENG),  # no hyphen where the name has one
        ("Xiêng-pheng", "person", XIENGPHENG),
        ("xieng pheng", "person", XIENGPHENG),  # a space where the name has a hyphen
        ("bualavong", "person", XIENGPHENG),
        ("Phongsaly", "unit", PHONGSALY),
        ("Phông Xa Lỳ", "unit", PHONGSALY),  # a recorded alternative spelling
        ("phong xa ly", "unit", PHONGSALY),
        ("Houaphanh", "unit", HUA_PHAN),
        ("ຫົວພັນ", "unit", HUA_PHAN),  # a Lao substring: Lao has no spaces
        ("ແຂວງຫົວພັນ", "unit", HUA_PHAN),
        ("thanh hoà", "unit", THANH_HOA),  # old tone placement…
        ("Thanh Hòa", "unit", THANH_HOA),  # …and new
        ("ຫລວງພະບາງ", "unit", LUANG_PRABANG),  # ຫລ for the stored ຫຼ
        ("ຄໍາພອນ", "person", "Khăm-phon Xay-nha-vông"),  # ໍາ for the stored ຳ
        ("Khamphone", "person", "Khăm-phon Xay-nha-vông"),
        ("ວີ ທິ ລານ", "person", "Vi Thị Lan"),
        ("ຊໍາເຫນືອ ໒໐໒໕", "talk", TALK_2025),  # ໍາ, ຫນ and Lao digits at once
        ("tuyen quang phongsaly", "twinning", "Bộ Chỉ huy quân sự tỉnh Tuyên Quang – " + PHONGSALY),
        ("05/QC-ĐB-LPB", "agreement", "Quy chế kết nghĩa giữa Bộ Chỉ huy quân sự tỉnh Điện Biên và " + LUANG_PRABANG),
        ("na meo", "delegation", "Dự hội đàm thường niên năm 2027 tại Sầm Nưa"),
        ("trao doi doan cac cap", "plan_item", "Trao đổi đoàn các cấp"),
    ],
)
def test_forgiving_search_finds_the_demo_record(demo: Library, query: str, kind: str, title: str) -> None:
    assert title in titles(demo, query, kind)


def test_best_matches_come_first_and_kinds_stay_grouped(demo: Library) -> None:
    hits = find(demo, "thanh hoa")
    kinds = [hit.kind for hit in hits]
    assert kinds == sorted(kinds, key=search.KINDS.index)  # grouped, in the order of KINDS
    units = [hit for hit in hits if hit.kind == "unit"]
    # "Thanh Hoá" is one of its recorded spellings: an exact name beats a name containing the words.
    assert units[0].title == THANH_HOA and units[0].rank == 0
    assert "Ban Chỉ huy Phòng thủ khu vực 1 – Thanh Hóa" in [hit.title for hit in units[1:]]
    assert [hit.rank for hit in units] == sorted(hit.rank for hit in units)


def test_limit_per_kind_and_kinds(demo: Library) -> None:
    assert len([hit for hit in find(demo, "bo chi huy") if hit.kind == "unit"]) > 2
    limited = find(demo, "bo chi huy", limit_per_kind=2)
    assert max(sum(hit.kind == kind for hit in limited) for kind in search.KINDS) == 2
    assert {hit.kind for hit in find(demo, "phongsaly", kinds=["talk"])} == {"talk"}


def test_nothing_is_found_for_nothing(demo: Library) -> None:
    assert find(demo, "") == find(demo, " - ") == find(demo, "zzqqxx") == []


def test_demo_index_matches_the_records(demo: Library) -> None:
    with demo.read() as session:
        status = search.index_status(session)
    assert status.ok and status.indexed == 50  # 17 units, 9 people, 5 talks, 3 agreements, 5+4+7 more


# --- the index follows every write, in the same transaction ------------------------------------------


def test_old_and_new_tone_placement_and_nfd_of_new_records(library: Library) -> None:
    make_person(library, name_vi="Nguyễn Thị Thủy")
    make_person(library, name_vi=unicodedata.normalize("NFD", "Lê Văn Hoà"))
    assert titles(library, "thuỷ", "person") == ["Nguyễn Thị Thủy"]
    assert titles(library, "Lê Văn Hòa", "person") == ["Lê Văn Hoà"]


def test_update_reindexes_and_forgets_the_old_text(library: Library) -> None:
    person = make_person(library)
    library.people.update(person.id, {"name_vi": "Trần Văn Thịnh"}, actor=SYSTEM)
    assert find(library, "dang van long") == []
    assert titles(library, "tran van thinh", "person") == ["Trần Văn Thịnh"]


def test_trash_hides_and_restore_shows(library: Library) -> None:
    unit = make_lao_unit(library)
    library.units.delete(unit.id, actor=SYSTEM)
    assert find(library, "ຫົວພັນ") == []
    library.units.restore(unit.id, actor=SYSTEM)
    assert [hit.record_id for hit in find(library, "ຫົວພັນ")] == [unit.id]


def test_renaming_a_unit_renames_its_twinnings(library: Library) -> None:
    ours = make_unit(library)
    theirs = make_lao_unit(library)
    twinning = library.twinnings.create({"unit_a_id": ours.id, "unit_b_id": theirs.id}, actor=SYSTEM)
    library.units.update(
        theirs.id, {"name_vi": "Bộ CHQS tỉnh Xiêng Khoảng", "name_lo": "ກອງບັນຊາການທະຫານແຂວງຊຽງຂວາງ"}, actor=SYSTEM
    )
    renamed = [hit for hit in find(library, "xieng khoang") if hit.kind == "twinning"]
    assert [(hit.record_id, hit.title) for hit in renamed] == [
        (twinning.id, "Bộ Chỉ huy quân sự tỉnh Thanh Hóa – Bộ CHQS tỉnh Xiêng Khoảng")
    ]
    assert titles(library, "ຊຽງຂວາງ", "twinning") == [renamed[0].title]
    assert titles(library, "ຫົວພັນ", "twinning") == []


def test_a_failed_write_leaves_the_index_unchanged(
    library: Library, monkeypatch: pytest.MonkeyPatch, unchanged: None
) -> None:
    def audit_fails(*args: Any) -> None:
        raise RuntimeError("disk full")

    # The index row is written before the audit row, so this fails after the index was touched.
    monkeypatch.setattr(base, "append_audit", audit_fails)
    with pytest.raises(RuntimeError):
        make_person(library)
    assert find(library, "dang van long") == []


def test_a_refused_write_leaves_the_index_unchanged(library: Library) -> None:
    person = make_person(library)
    with pytest.raises(DomainError):
        library.people.update(person.id, {"name_vi": "Phạm Đức Tùng", "birth_date": "2999-01-01"}, actor=SYSTEM)
    assert titles(library, "dang van long", "person") == ["Đặng Văn Long"]
    assert find(library, "pham duc tung") == []


def test_a_batch_rolled_back_indexes_nothing(library: Library) -> None:
    with pytest.raises(KeyError), library.batch():
        make_person(library)
        raise KeyError("stop")
    assert find(library, "dang van long") == []
    with library.read() as session:
        assert search.index_status(session).indexed == 0


# --- checking and repairing ------------------------------------------------------------------------


def _damage(library: Library) -> None:
    with library.write() as session:
        session.execute(delete(search_doc).where(search_doc.c.kind == "person"))
        session.execute(insert(search_doc).values(kind="unit", record_id="gone", title="", names="", other="", text=""))


def test_check_reports_a_damaged_index_and_repair_rebuilds_it(library: Library) -> None:
    make_person(library)
    make_unit(library)
    _damage(library)
    assert find(library, "dang van long") == []
    problem = next(result for result in run_checks(library) if result.name == "search_index").problem
    assert problem is not None and problem.message_id == "search_index_stale"
    # Left over: the entry of a record that does not exist, and the keys of the entry deleted.
    assert problem.params == {"missing": 1, "extra": 2}
    assert "dnqp check --repair" in problem.message("en")

    assert repair_search_index(library) == 2
    assert all(result.ok for result in run_checks(library))
    assert titles(library, "dang van long", "person") == ["Đặng Văn Long"]


def test_orphan_keys_are_reported(library: Library) -> None:
    make_person(library)
    with library.write() as session:
        session.execute(insert(search_key).values(key="zzz", doc_id=999_999, kind_code=2, weight=0))
        assert not search.index_status(session).ok
        search.rebuild(session)
        assert search.index_status(session).ok
        assert session.scalar(select(search_key.c.doc_id).where(search_key.c.key == "zzz")) is None


def test_an_emptied_index_is_refilled_on_open(library: Library, data_dir: Path) -> None:
    make_person(library)
    with library.write() as session:
        session.execute(delete(search_key))
        session.execute(delete(search_doc))
    library.close()
    with Library.open(data_dir) as again:
        assert titles(again, "dang van long", "person") == ["Đặng Văn Long"]


# --- upgrades and PostgreSQL ------------------------------------------------------------------------


def test_upgrading_a_database_with_records_fills_the_index(library: Library, data_dir: Path) -> None:
    load_demo(library)
    engine = library.engine
    with engine.connect() as connection:  # back to the schema before the index existed
        # As db.upgrade_to_head does: batch mode rebuilds tables that other tables refer to.
        connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")
        config = db.alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    library.close()
    tables = {row[0] for row in sqlite3.connect(data_dir / DATABASE_FILENAME).execute("SELECT name FROM sqlite_master")}
    assert not tables & search.INDEX_TABLES

    with Library.open(data_dir) as upgraded:
        assert upgraded.upgrade is not None and upgraded.upgrade.from_revision == "0001"
        assert upgraded.upgrade.backup is not None
        assert PHONGSALY in titles(upgraded, "phong xa ly", "unit")
        with upgraded.read() as session:
            assert search.index_status(session) == search.IndexStatus(indexed=50, missing=0, extra=0)


class _PostgresRecorder:
    """A stand-in session on PostgreSQL: records the SQL it is given (compiled, or as the driver gets it)."""

    def __init__(self) -> None:
        self.sql: list[str] = []
        self.dialect = postgresql.psycopg.dialect()

    def connection(self) -> Any:  # session.connection(), whose .connection is the DB-API connection
        return SimpleNamespace(dialect=self.dialect, connection=self)

    def execute(self, statement: Any, parameters: Any = None) -> Any:
        if isinstance(statement, str):  # the DB-API cursor of search()
            self.sql.append(statement % {name: f"<{name}>" for name in parameters})
            if statement.startswith("SELECT doc_id, min("):
                self.rows = [(1, 2, 1, 1)]  # record 1, a person, starting with the query, one key read
            elif statement.startswith("SELECT doc_id"):
                self.rows = [(1,)]
            else:
                self.rows = [tuple(0 for _ in range(statement.count(" AS c")))] if " AS c0" in statement else []
        else:
            self.sql.append(str(statement.compile(dialect=self.dialect)))
        return self

    def cursor(self) -> _PostgresRecorder:
        return self

    def fetchall(self) -> list[tuple[int, ...]]:
        return self.rows

    def close(self) -> None:
        pass

    def first(self) -> None:
        return None

    def scalar_one(self) -> int:
        return 1


def test_search_and_index_writes_speak_postgresql() -> None:
    session: Any = _PostgresRecorder()
    assert search.search(session, "xieng pheng") == []
    search.put(session, "person", "id-1", search.SearchText("Đặng Văn Long", ["Đặng Văn Long"], ["C1234567"]))
    joined = "\n".join(session.sql)
    assert "WHERE key >= <low> AND key < <high> ORDER BY key, doc_id LIMIT <cap>" in joined  # pyformat, as psycopg
    assert "key >= <low0> AND key < <high0> LIMIT <cap>) AS c0" in joined
    assert "WHEN weight = 0 AND key = <whole> THEN 0" in joined
    assert "FROM search_doc WHERE id IN (1)" in joined and "WHERE id IN (1) AND text LIKE <t0>" in joined
    assert "RETURNING search_doc.id" in joined


def test_migration_renders_for_postgresql() -> None:
    output = io.StringIO()
    context = MigrationContext.configure(dialect_name="postgresql", opts={"as_sql": True, "output_buffer": output})
    spec = importlib.util.spec_from_file_location("search_migration", next(migrations_dir().glob("versions/*_0002_*")))
    assert spec is not None and spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    with Operations.context(context):
        migration.upgrade()
    sql = output.getvalue()
    assert 'key VARCHAR(20) COLLATE "C" NOT NULL' in sql and "CREATE UNIQUE INDEX uq_search_doc_kind_record_id" in sql
