"""Excel import: templates, "near" workbooks, row-level problems, refusals, all-or-nothing, round trips."""

from __future__ import annotations

import shutil
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlmodel import select

from dnqp_desktop.core.config import DATABASE_FILENAME
from dnqp_desktop.core.demo import load_demo
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.i18n import translate
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.listing import LISTINGS
from dnqp_desktop.core.models import AuditLog
from dnqp_desktop.core.models.enums import Role
from dnqp_desktop.core.search import search
from dnqp_desktop.core.services import audit
from dnqp_desktop.core.services.policy import SYSTEM, Actor
from dnqp_desktop.core.xlsx import cells
from dnqp_desktop.core.xlsx.commit import commit_import
from dnqp_desktop.core.xlsx.export import export_listing
from dnqp_desktop.core.xlsx.kinds import IMPORT_KINDS
from dnqp_desktop.core.xlsx.plan import ImportRefused, plan_import
from dnqp_desktop.core.xlsx.templates import write_template
from tests.helpers import database_dump, make_lao_unit, make_person, make_unit
from tests.xlsx_helpers import compound_file, fill_template, sheet_values, write_workbook


def vi(text: str) -> str:
    return translate(text, "vi")


@pytest.fixture
def other_library(tmp_path: Path, template_database: Path):
    folder = tmp_path / "other"
    folder.mkdir()
    shutil.copyfile(template_database, folder / DATABASE_FILENAME)
    with Library.open(folder) as library:
        yield library


# --- cells -----------------------------------------------------------------------------------------


def test_vietnamese_numbers_and_dates() -> None:
    assert cells.integer("1.384") == 1384
    assert cells.integer("1 384") == 1384
    assert cells.number("106,5") == 106.5
    assert cells.number("1.384,5") == 1384.5
    assert cells.number("1,384.5") == 1384.5
    assert cells.number(12.5) == 12.5
    assert cells.day("24/4/2025") == cells.day("24-04-2025") == cells.day("2025-04-24") == date(2025, 4, 24)
    assert cells.day(datetime(2025, 4, 24)) == date(2025, 4, 24)
    assert cells.day(45771) == date(2025, 4, 24)  # an Excel serial day number
    assert cells.moment("24/4/2025 08:30").isoformat() == "2025-04-24T08:30:00+07:00"
    assert cells.boolean("Có") is True and cells.boolean("khong") is False
    assert cells.choice("dai ta", __import__("dnqp_desktop.core.models.enums", fromlist=["Rank"]).Rank) == "colonel"
    assert cells.text("  Ho\u0300a  ") == "Hòa"  # NFD in, NFC out, trimmed
    with pytest.raises(cells.Invalid):
        cells.integer("1,5")
    with pytest.raises(cells.Invalid):
        cells.day("31/02/2025")


# --- templates -------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(IMPORT_KINDS))
def test_template_has_vietnamese_headings_lists_and_instructions(tmp_path: Path, kind: str) -> None:
    path = write_template(kind, tmp_path / f"{kind}.xlsx")
    workbook = openpyxl.load_workbook(path)
    data, lists, guide = workbook.worksheets
    spec = IMPORT_KINDS[kind]
    assert [cell.value for cell in data[1]] == [vi(column.label) for column in spec.columns]
    assert data.freeze_panes == "A2"
    assert lists.sheet_state == "hidden"
    assert guide.title == vi("Instructions")
    choices = [column for column in spec.columns if column.enum is not None]
    assert len(data.data_validations.dataValidation) == len(choices) + sum(c.parse == "boolean" for c in spec.columns)
    if choices:
        first = choices[0]
        listed = [row[0] for row in lists.iter_rows(min_col=1, max_col=1, values_only=True)]
        assert listed[: len(first.enum)] == [vi(member.label) for member in first.enum]


# --- a clean template import ---------------------------------------------------------------------


def test_clean_template_import_goes_through_the_services(library: Library, tmp_path: Path) -> None:
    unit = make_unit(library, short_name="Bộ CHQS Thanh Hóa")
    template = write_template("person", tmp_path / "people.xlsx")
    h = {key: vi(IMPORT_KINDS["person"].column(key).label) for key in ("name_vi", "unit_id", "birth_date")}
    rows = [
        {
            h["name_vi"]: "Đặng Văn Long",
            h["unit_id"]: "Bộ CHQS Thanh Hóa",
            h["birth_date"]: datetime(1970, 3, 2),
            vi("Rank"): vi("Colonel"),
            vi("Rank held since"): "1/6/2015",
            vi("Position"): "Chỉ huy trưởng",
            vi("Position held since"): "24-04-2020",
            vi("Passport number"): "b1234567",
            vi("Passport expiry date"): "24/4/2030",
        },
        {h["name_vi"]: "Nguyễn Thắng Xuân", h["unit_id"]: "bo chqs thanh hoa", vi("Notes"): "Chính ủy"},
    ]
    plan = plan_import(library, "person", fill_template(template, tmp_path / "filled.xlsx", rows))
    assert plan.ok, [problem.message() for problem in plan.problems]
    assert [row.row for row in plan.adds] == [2, 3] and not plan.matches
    audit_before = _audit_count(library)
    result = commit_import(library, plan, actor=SYSTEM)
    assert (result.added, result.updated, result.skipped) == (2, 0, 0)
    long = library.people.get(result.ids[0])
    assert long.unit_id == unit.id and long.birth_date == date(1970, 3, 2)
    assert [(rank.rank, rank.since) for rank in long.ranks] == [("colonel", date(2015, 6, 1))]
    assert [(post.title_vi, post.since) for post in long.positions] == [("Chỉ huy trưởng", date(2020, 4, 24))]
    assert [(p.number, p.expires_on, p.kind) for p in long.passports] == [("B1234567", date(2030, 4, 24), "official")]
    assert _audit_count(library) == audit_before + 2
    with library.read() as session:
        assert audit.verify_chain(session) is None
        assert search(session, "dang van long")[0].record_id == long.id
        assert search(session, "B1234567")[0].record_id == long.id


def _audit_count(library: Library) -> int:
    with library.read() as session:
        return audit.count(session)


# --- a "near" workbook --------------------------------------------------------------------------------


def test_near_workbook_title_row_english_and_unaccented_headings_other_order(library: Library, tmp_path: Path) -> None:
    make_lao_unit(library, name_vi="Bộ Chỉ huy quân sự tỉnh Phông Sa Lỳ", aliases=["Phongsaly"])
    path = write_workbook(
        tmp_path / "near.xlsx",
        [
            ["Passport expiry date", "ho va ten", "DON VI", "Ngay sinh", "Passport No", "Tên tiếng Lào", "Cột lạ"],
            [
                datetime(2031, 1, 9),
                "Xie\u0302ng-pheng Bua-la\u0309-vo\u0302ng",
                "PHONGSALY",
                "9.1.1965",
                "P0123456",
                "ຊຽງເພັງ",
                "x",
            ],
        ],
        title_rows=[["DANH SÁCH CÁN BỘ BẠN (bảng cũ)"], []],
        merged=["A1:G1"],
        sheet="Cán bộ 2024",
    )
    plan = plan_import(library, "person", path)
    assert plan.ok, [problem.message() for problem in plan.problems]
    assert plan.header_row == 3 and plan.ignored == ["Cột lạ"]
    [row] = plan.adds
    assert row.row == 4
    result = commit_import(library, plan, actor=SYSTEM)
    person = library.people.get(result.ids[0])
    assert person.name_vi == unicodedata.normalize("NFC", "Xiêng-pheng Bua-lả-vông")
    assert person.name_lo == "ຊຽງເພັງ" and person.birth_date == date(1965, 1, 9)
    assert person.passports[0].number == "P0123456"


def test_near_plan_items_with_vietnamese_numbers(library: Library, tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "plan.xlsx",
        [
            ["Nam", "Noi dung hoat dong (tieng Viet)", "Chi tieu", "Ket qua", "Don vi tinh"],
            ["2025", "Tiếp nhận đoàn vào", "1.384", "1.384", "lượt người"],
            [2024, "Quy tập hài cốt liệt sĩ", 15, "16", "bộ"],
        ],
    )
    result = commit_import(library, plan_import(library, "plan_item", path), actor=SYSTEM)
    items = {item.title_vi: item for item in library.plan_items.list()}
    assert result.added == 2
    assert items["Tiếp nhận đoàn vào"].target == 1384 and items["Tiếp nhận đoàn vào"].year == 2025
    assert items["Quy tập hài cốt liệt sĩ"].percent == Decimal("106.67")


# --- errors, each reported precisely, nothing imported -----------------------------------------------


def test_every_error_is_reported_by_row_and_column_and_nothing_is_imported(library: Library, tmp_path: Path) -> None:
    make_unit(library, short_name="Bộ CHQS Thanh Hóa")
    make_person(library, name_vi="Lò Văn Pọm", passports=[{"number": "C7777777", "expires_on": date(2031, 1, 1)}])
    headings = ["Họ và tên", "Đơn vị", "Ngày sinh", "Số hộ chiếu", "Ngày hết hạn", "Ghi chú", "Chức vụ"]
    path = write_workbook(
        tmp_path / "broken.xlsx",
        [
            [*headings[:6], "", "Position held since"],  # G1:H1 merged below; G1 is "Chức vụ"
            ["Nguyễn Văn A", "Bộ CHQS Thanh Hóa", "31/02/1990", None, None, None],  # bad date
            ["Nguyễn Văn B", "Bộ CHQS Nghệ An", None, None, None, None],  # unknown unit
            ["Nguyễn Văn C", None, None, "C7777777", "1/1/2030", None],  # passport of another person
            ["Nguyễn Văn D", None, None, "D1111111", "1/1/2030", None],
            ["Nguyễn Văn E", None, None, "D1111111", "1/1/2030", None],  # same passport twice in the file
            ["Nguyễn Văn F", None, None, "F2222222", None, None],  # expiry date missing
            ["Nguyễn Văn G", None, None, None, None, "=A2&B2"],  # a formula
        ],
        merged=["G1:H1"],
    )
    workbook = openpyxl.load_workbook(path)
    workbook.active["G1"] = "Chức vụ"
    workbook.save(path)
    before = database_dump(library)
    plan = plan_import(library, "person", path)
    found = {(problem.row, problem.column, problem.error.message_id) for problem in plan.problems}
    assert found == {
        (1, "G", "xlsx_merged"),
        (2, "C", "invalid_date"),
        (3, "B", "unknown_reference"),
        (4, "D", "duplicate_passport"),
        (6, "D", "duplicate_passport"),
        (7, "E", "required"),
        (8, "F", "xlsx_formula"),
    }
    messages = {problem.row: problem.message("vi") for problem in plan.problems}
    assert "31/02/1990" in messages[2] and "Bộ CHQS Nghệ An" in messages[3] and "Lò Văn Pọm" in messages[4]
    assert "Nguyễn Văn D" in messages[6] and "=A2&B2" in messages[8]
    assert plan.problems[0].heading == "Chức vụ"
    assert "ຫົວໜ່ວຍ" in next(p for p in plan.problems if p.row == 3).message("lo")
    with pytest.raises(ImportRefused) as refused:
        commit_import(library, plan, actor=SYSTEM)
    assert refused.value.message_id == "xlsx_invalid" and len(refused.value.problems) == 7
    assert database_dump(library) == before


def test_missing_required_column_and_empty_required_cell(library: Library, tmp_path: Path, unchanged: None) -> None:
    path = write_workbook(
        tmp_path / "talks.xlsx",
        [["Thời gian bắt đầu", "Chủ đề (tiếng Việt)", "Địa điểm"], ["24/4/2025 08:00", None, "Phongsaly"]],
    )
    plan = plan_import(library, "talk", path)
    found = {(problem.row, problem.column, problem.error.message_id) for problem in plan.problems}
    assert found == {(1, "", "xlsx_missing_column"), (2, "B", "required")}
    assert vi("Kind") in next(p for p in plan.problems if p.row == 1).message("vi")


# --- files that are not importable ------------------------------------------------------------------


def test_non_xlsx_password_protected_and_empty_workbooks_are_refused(
    library: Library, tmp_path: Path, unchanged: None
) -> None:
    text = tmp_path / "danh-sach.xlsx"
    text.write_text("Họ tên;Đơn vị\n", encoding="utf-8")
    protected = compound_file(tmp_path / "protected.xlsx", ["EncryptionInfo", "EncryptedPackage"])
    legacy = compound_file(tmp_path / "old.xls", ["Workbook"])
    empty = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(empty)
    headings_only = write_workbook(tmp_path / "headings.xlsx", [["Họ và tên", "Đơn vị"]])
    unknown = write_workbook(tmp_path / "unknown.xlsx", [["Cột 1", "Cột 2"], ["a", "b"]])
    expected = {
        text: "xlsx_not_xlsx",
        protected: "xlsx_encrypted",
        legacy: "xlsx_not_xlsx",
        empty: "xlsx_empty",
        headings_only: "xlsx_empty",
        unknown: "xlsx_no_header",
        tmp_path / "missing.xlsx": "xlsx_unreadable",
    }
    for path, message_id in expected.items():
        with pytest.raises(DomainError) as refused:
            plan_import(library, "person", path)
        assert refused.value.message_id == message_id, path
        assert str(path) in refused.value.message("vi")


# --- all or nothing ----------------------------------------------------------------------------------


def test_cancelling_leaves_the_database_unchanged(library: Library, tmp_path: Path) -> None:
    make_unit(library, short_name="Bộ CHQS Thanh Hóa")
    rows = [["Họ và tên", "Đơn vị"]] + [[f"Người {n}", "Bộ CHQS Thanh Hóa"] for n in range(2500)]
    plan = plan_import(library, "person", write_workbook(tmp_path / "many.xlsx", rows))
    before = database_dump(library)
    seen: list[int] = []
    with pytest.raises(DomainError) as stopped:
        commit_import(
            library,
            plan,
            actor=SYSTEM,
            progress=lambda done, total, _m: seen.append(done),
            cancelled=lambda: bool(seen[1:]),
        )
    assert stopped.value.message_id == "import_cancelled"
    assert seen[-1] > 0  # a chunk had been written (inside the transaction) before the cancel
    assert database_dump(library) == before


def test_matching_rows_are_updated_or_skipped_per_batch(library: Library, tmp_path: Path) -> None:
    make_unit(library, short_name="Bộ CHQS Thanh Hóa")
    first = write_workbook(tmp_path / "a.xlsx", [["Họ và tên", "Đơn vị"], ["Đặng Văn Long", "Bộ CHQS Thanh Hóa"]])
    commit_import(library, plan_import(library, "person", first), actor=SYSTEM)
    second = write_workbook(
        tmp_path / "b.xlsx",
        [
            ["Họ và tên", "Đơn vị", "Ngày sinh"],
            ["dang van long", "Bộ CHQS Thanh Hóa", "2/3/1970"],
            ["Lò Văn Pọm", "", ""],
        ],
    )
    plan = plan_import(library, "person", second)
    assert [row.title for row in plan.matches] == ["dang van long"] and len(plan.adds) == 1
    skipped = commit_import(library, plan, actor=SYSTEM)
    assert (skipped.added, skipped.updated, skipped.skipped) == (1, 0, 1)
    [long] = [p for p in library.people.list() if p.name_vi == "Đặng Văn Long"]
    assert long.birth_date is None
    plan = plan_import(library, "person", second)
    assert len(plan.matches) == 2 and not plan.adds
    updated = commit_import(library, plan, actor=SYSTEM, update_matches=True)
    assert updated.updated == 2
    assert library.people.get(long.id).birth_date == date(1970, 3, 2)
    assert library.people.get(long.id).name_vi == "dang van long"


# --- export and round trips -----------------------------------------------------------------------------


def test_export_writes_what_the_list_shows(library: Library, tmp_path: Path) -> None:
    load_demo(library)
    listing = LISTINGS["plan_item"]
    path = tmp_path / "plan.xlsx"
    count = export_listing(library, listing, path, filters={"year": 2024}, sort="result", descending=True)
    ids = listing.ordered_ids(library, filters={"year": 2024}, sort="result", descending=True)
    shown = listing.load_rows(library, ids)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    assert count == len(ids) == len(rows) - 1 > 0
    assert rows[0] == tuple(vi(column.label) for column in listing.columns)
    for record_id, row in zip(ids, rows[1:], strict=True):
        year, _period, title, target, result, _measure, percent = shown[record_id]
        assert row[0] == year == 2024 and row[2] == title
        assert row[3] == target and row[4] == result
        assert row[6] == pytest.approx(float(percent) / 100) if percent is not None else row[6] is None
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["C"].width >= 40
    assert sheet["G2"].number_format == "0.00%"


def test_export_keeps_real_dates_and_lao_text(library: Library, tmp_path: Path) -> None:
    load_demo(library)
    path = tmp_path / "units.xlsx"
    export_listing(library, LISTINGS["unit"], path, filters={"country": "LA"})
    rows = sheet_values(path)
    assert all(row[3] == vi("Laos") for row in rows[1:])
    assert any(row[1] and "ກອງບັນຊາການທະຫານແຂວງ" in row[1] for row in rows[1:])
    export_listing(library, LISTINGS["talk"], tmp_path / "talks.xlsx")
    workbook = openpyxl.load_workbook(tmp_path / "talks.xlsx")
    assert isinstance(workbook.active["A2"].value, datetime)
    assert workbook.active["A2"].number_format == "dd/mm/yyyy hh:mm"


@pytest.mark.parametrize("kind", ["unit", "talk", "plan_item"])
def test_export_import_round_trip_reproduces_the_records(
    library: Library, other_library: Library, tmp_path: Path, kind: str
) -> None:
    load_demo(library)
    if kind != "unit":  # units named by talks and plan items must exist on the other side
        export_listing(library, LISTINGS["unit"], tmp_path / "units.xlsx")
        commit_import(other_library, plan_import(other_library, "unit", tmp_path / "units.xlsx"), actor=SYSTEM)
    exported = tmp_path / f"{kind}.xlsx"
    export_listing(library, LISTINGS[kind], exported)
    plan = plan_import(other_library, kind, exported)
    assert plan.ok, [(p.row, p.column, p.message()) for p in plan.problems]
    commit_import(other_library, plan, actor=SYSTEM)
    again = tmp_path / f"{kind}-again.xlsx"
    export_listing(other_library, LISTINGS[kind], again)
    before, after = sheet_values(exported), sheet_values(again)
    assert after[0] == before[0] and len(after) == len(before) > 1
    assert sorted(after[1:], key=repr) == sorted(before[1:], key=repr)  # rows of equal sort value: any order


def test_fast_reader_reads_what_openpyxl_reads(tmp_path: Path) -> None:
    from dnqp_desktop.core.xlsx.reader import fast_rows, open_workbook

    path = write_workbook(
        tmp_path / "mixed.xlsx",
        [
            ["Họ và tên", "Số", "Ngày", "Đúng", "Công thức", None, "ຊື່"],
            ["Hòa", 1384, datetime(2025, 4, 24), True, "=B2*2", None, "ສົມພອນ"],
            [],
            [],
            [None, 106.5, date(2025, 4, 24), False, "=SUM(B2:B3)", "x", ""],
        ],
        title_rows=[["DANH SÁCH"]],
        merged=["A1:C1"],
    )
    workbook = openpyxl.load_workbook(path, read_only=True)
    sheet = workbook.worksheets[0]

    def trimmed(rows):  # openpyxl pads every row to the widest; the values are what matter
        out = [list(row) for row in rows]
        for row in out:
            while row and row[-1] is None:
                row.pop()
        return out

    ours = trimmed(fast_rows(open_workbook(path), path, sheet._worksheet_path))
    assert ours == trimmed(sheet.iter_rows(values_only=True))
    assert ours[2][4] == "=B2*2" and ours[2][2] == datetime(2025, 4, 24) and ours[3:5] == [[], []]


def test_bulk_creation_is_audited_and_indexed_like_create(library: Library) -> None:
    import json

    from dnqp_desktop.core.services.bulk import insert_new, validate_new

    unit = make_unit(library)

    def person(number: str) -> dict:
        return {
            "name_vi": "Đặng Văn Long",
            "unit_id": unit.id,
            "birth_date": date(1970, 3, 2),
            "ranks": [{"rank": "colonel", "since": date(2015, 6, 1)}],
            "passports": [{"number": number, "expires_on": date(2030, 1, 1)}],
        }

    one = library.people.create(person("B1111111"), actor=SYSTEM)
    with library.batch(), library.write() as session:
        checked = validate_new(library.people, session, [person("B2222222"), person("B1111111")])
        assert list(checked.drafts) == [0] and checked.errors[1][0].message_id == "duplicate_passport"
        [other] = insert_new(library.people, session, [checked.drafts[0]], actor=SYSTEM)

    def changes(record_id: str) -> dict:
        with library.read() as session:
            [entry] = audit.history(session, "person", record_id)
            data = json.loads(entry.changes)
        for rows in (data["ranks"][1], data["passports"][1]):
            for row in rows:
                row.pop("id")
        data["passports"][1][0].pop("number")
        return data

    assert changes(other) == changes(one.id)
    assert library.people.snapshot(library.people.get(other))["ranks"][0]["rank"] == "colonel"
    with library.read() as session:
        assert audit.verify_chain(session) is None
        assert {hit.record_id for hit in search(session, "B2222222")} == {other}


def test_talks_and_delegations_with_members_by_name(library: Library, tmp_path: Path) -> None:
    own = make_unit(library, short_name="Bộ CHQS Thanh Hóa")
    partner = make_lao_unit(library, short_name="Bộ CHQS Hủa Phăn", aliases=["Houaphanh"])
    long = make_person(library, name_vi="Đặng Văn Long", unit_id=own.id)
    pom = make_person(library, name_vi="Lò Văn Pọm", aliases=["Lo Van Pom"], unit_id=own.id)
    talks = write_workbook(
        tmp_path / "talks.xlsx",
        [
            ["Thời gian", "Nội dung", "Loại", "Đơn vị chủ trì", "Đơn vị tham gia", "Trạng thái"],
            [
                "22/5/2025 08:30",
                "Hội đàm thường niên 2025",
                "Hội đàm hằng năm",
                "houaphanh",
                "Bộ CHQS Thanh Hóa",
                "Đã diễn ra",
            ],
        ],
    )
    [talk_id] = commit_import(library, plan_import(library, "talk", talks), actor=SYSTEM).ids
    talk = library.talks.get(talk_id)
    assert talk.start_at.isoformat() == "2025-05-22T01:30:00+00:00" and talk.status == "held"
    assert talk.host_unit_id == partner.id and {row.unit_id for row in talk.units} == {partner.id, own.id}
    delegations = write_workbook(
        tmp_path / "delegations.xlsx",
        [
            ["Đoàn", "Mục đích", "Ngày đi", "Ngày về", "Trưởng đoàn", "Thành viên", "Đơn vị bạn", "Kinh phí"],
            [
                "Đoàn ra",
                "Dự hội đàm",
                "20/5/2025",
                "24/5/2025",
                "dang van long",
                "lo van pom",
                "Houaphanh",
                "12.500.000",
            ],
        ],
    )
    [delegation_id] = commit_import(library, plan_import(library, "delegation", delegations), actor=SYSTEM).ids
    delegation = library.delegations.get(delegation_id)
    assert delegation.direction == "outgoing" and delegation.cost_vnd == 12_500_000
    assert [(row.person_id, row.role) for row in delegation.members] == [(long.id, "head"), (pom.id, "member")]
    assert [row.unit_id for row in delegation.partner_units] == [partner.id]


def test_a_person_on_two_rows_gets_both_passports(library: Library, tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "passports.xlsx",
        [
            ["Họ và tên", "Ngày sinh", "Số hộ chiếu", "Loại hộ chiếu", "Ngày hết hạn"],
            ["Đặng Văn Long", "2/3/1970", "B1234567", "Công vụ", "1/1/2030"],
            ["Dang Van Long", None, "N7654321", "Phổ thông", "1/1/2032"],
            ["Đặng Văn Long", "3/3/1970", "C1111111", None, "1/1/2031"],  # another person: another birth date
        ],
    )
    plan = plan_import(library, "person", path)
    assert plan.ok, [p.message() for p in plan.problems]
    assert [row.row for row in plan.adds] == [2, 4]
    first, second = (library.people.get(record_id) for record_id in commit_import(library, plan, actor=SYSTEM).ids)
    assert sorted((p.number, p.kind) for p in first.passports) == [("B1234567", "official"), ("N7654321", "ordinary")]
    assert [p.number for p in second.passports] == ["C1111111"] and second.birth_date == date(1970, 3, 3)


def test_an_import_needs_the_right_to_edit_and_the_trail_names_who(library: Library, tmp_path: Path) -> None:
    make_unit(library, short_name="Bộ CHQS Thanh Hóa")
    template = write_template("person", tmp_path / "people.xlsx")
    name = vi(IMPORT_KINDS["person"].column("name_vi").label)
    plan = plan_import(library, "person", fill_template(template, tmp_path / "filled.xlsx", [{name: "Lò Văn Pắn"}]))
    before = database_dump(library)
    with pytest.raises(DomainError) as refusal:
        commit_import(library, plan, actor=Actor(username="nguoi.xem", role=Role.VIEWER))
    assert refusal.value.message_id == "forbidden" and database_dump(library) == before
    commit_import(library, plan, actor=Actor(username="tro.ly", role=Role.CLERK))
    with library.read() as session:
        assert audit.verify_chain(session) is None  # the bulk rows moved the chain's anchor too
        names = session.exec(select(AuditLog.actor_name).where(AuditLog.record_kind == "person")).all()
    assert set(names) == {"tro.ly"}
