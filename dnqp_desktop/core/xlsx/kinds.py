"""What each importable kind's workbook holds: its columns, and how a row becomes a service call.

One row is one record. Child rows a clerk keeps on the same line in Excel (a person's current rank,
position and passport; a delegation's members) are flattened into columns here and rebuilt into
the service's child lists. Column keys are service field names where they can be, so that the
services' own error messages name the right heading; ``errors`` maps the rest back.

``keys`` says how a row is recognised as a record already in the database (a person by passport,
or by name and unit; a unit by its name…), and ``existing`` lists those keys for the live records.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from dnqp_desktop.core.i18n import N_
from dnqp_desktop.core.messages import field_label
from dnqp_desktop.core.models import Delegation, Passport, Person, PlanItem, Talk, Unit
from dnqp_desktop.core.models.enums import (
    Country,
    DelegationStatus,
    Direction,
    MemberRole,
    PassportKind,
    Rank,
    TalkKind,
    TalkStatus,
    UnitLevel,
)
from dnqp_desktop.core.xlsx.cells import LOCAL_ZONE, fold_key

# How a column's cells are read (cells.py, and lookups.py for names of records).
TEXT, LIST, DATE, MOMENT, INTEGER, NUMBER, CHOICE, BOOLEAN, UNIT, UNITS, PERSON, PEOPLE = (
    "text",
    "list",
    "date",
    "moment",
    "integer",
    "number",
    "choice",
    "boolean",
    "unit",
    "units",
    "person",
    "people",
)


@dataclass(frozen=True)
class ImportColumn:
    key: str
    kind: str
    parse: str = TEXT
    required: bool = False
    enum: type[StrEnum] | None = None
    #: Headings met in older workbooks, besides the label in Vietnamese, Lao and English.
    aliases: tuple[str, ...] = ()
    width: int = 20

    @property
    def label(self) -> str:
        return field_label(self.key, self.kind)


@dataclass(frozen=True)
class ImportKind:
    kind: str
    service: str
    #: The data sheet's name (a plural msgid).
    title: str
    columns: tuple[ImportColumn, ...]
    build: Callable[[Mapping[str, Any]], dict[str, Any]]
    keys: Callable[[Mapping[str, Any]], list[Hashable]]
    existing: Callable[[Session], Iterable[tuple[Hashable, str]]]
    #: (child collection or None, service field) → column key, where they differ.
    errors: Mapping[tuple[str | None, str], str] = field(default_factory=dict)
    #: Child collections that rows repeating a record's name add to it (plan.py ``_merge_repeated``).
    children_merge: tuple[str, ...] = ()

    def column(self, key: str) -> ImportColumn:
        return next(column for column in self.columns if column.key == key)

    def column_for_error(self, collection: str | None, name: str | None) -> str | None:
        if name is None:
            return None
        key = self.errors.get((collection, name)) or (name if collection is None else None)
        return key if key is not None and any(column.key == key for column in self.columns) else None


def _direct(values: Mapping[str, Any], *names: str) -> dict[str, Any]:
    return {name: values.get(name) for name in names}


def _name(values: Mapping[str, Any], *names: str) -> str:
    return fold_key(next((values[name] for name in names if values.get(name)), ""))


def _live(model: Any, *columns: Any) -> Any:
    return select(model.id, *columns).where(model.deleted_at.is_(None))


# --- units -----------------------------------------------------------------------------------


def _unit_data(values: Mapping[str, Any]) -> dict[str, Any]:
    return _direct(
        values,
        "name_vi",
        "name_lo",
        "name_en",
        "short_name",
        "country",
        "level",
        "is_own",
        "parent_id",
        "aliases",
        "address",
        "contact",
        "active_from",
        "active_to",
        "notes",
    )


def _unit_existing(session: Session) -> Iterable[tuple[Hashable, str]]:
    for record_id, name in session.execute(_live(Unit, Unit.name_vi)):
        yield ("name", fold_key(name)), record_id


UNIT_KIND = ImportKind(
    kind="unit",
    service="units",
    title=N_("Units"),
    columns=(
        ImportColumn("name_vi", "unit", required=True, aliases=("Tên đơn vị", "Unit name", "Name"), width=40),
        ImportColumn("name_lo", "unit", aliases=("Tên tiếng Lào", "Lao name"), width=36),
        ImportColumn("name_en", "unit", aliases=("Tên tiếng Anh", "English name"), width=30),
        ImportColumn("short_name", "unit", aliases=("Tên viết tắt", "Abbreviation")),
        ImportColumn("country", "unit", CHOICE, required=True, enum=Country, aliases=("Nước", "Quốc gia"), width=12),
        ImportColumn("level", "unit", CHOICE, required=True, enum=UnitLevel, aliases=("Cấp",), width=24),
        ImportColumn("is_own", "unit", BOOLEAN, aliases=("Đơn vị ta", "Own"), width=10),
        ImportColumn("parent_id", "unit", UNIT, aliases=("Cấp trên", "Đơn vị cấp trên", "Parent"), width=30),
        ImportColumn("aliases", "unit", LIST, aliases=("Tên khác", "Other names"), width=30),
        ImportColumn("address", "unit", aliases=("Địa chỉ",), width=30),
        ImportColumn("contact", "unit", aliases=("Liên hệ", "Điện thoại"), width=24),
        ImportColumn("active_from", "unit", DATE, width=14),
        ImportColumn("active_to", "unit", DATE, width=14),
        ImportColumn("notes", "unit", aliases=("Ghi chú",), width=30),
    ),
    build=_unit_data,
    keys=lambda data: [("name", fold_key(data.get("name_vi") or ""))] if data.get("name_vi") else [],
    existing=_unit_existing,
)

# --- people with passports ---------------------------------------------------------------------


def _person_data(values: Mapping[str, Any]) -> dict[str, Any]:
    data = _direct(values, "name_vi", "name_lo", "name_en", "aliases", "unit_id", "birth_date", "notes")
    data["ranks"] = (
        [{"rank": values.get("rank"), "since": values.get("rank_since")}]
        if values.get("rank") is not None or values.get("rank_since") is not None
        else []
    )
    data["positions"] = (
        [{"title_vi": values.get("position"), "since": values.get("position_since"), "unit_id": values.get("unit_id")}]
        if values.get("position") is not None or values.get("position_since") is not None
        else []
    )
    passport = {
        "number": values.get("passport_number"),
        "kind": values.get("passport_kind"),
        "country": values.get("passport_country"),
        "issued_on": values.get("passport_issued_on"),
        "expires_on": values.get("passport_expires_on"),
    }
    data["passports"] = [passport] if any(value is not None for value in passport.values()) else []
    return data


def _person_keys(data: Mapping[str, Any]) -> list[Hashable]:
    name = _name(data, "name_vi", "name_lo")
    keys: list[Hashable] = []
    for passport in data.get("passports") or []:
        if passport.get("number"):
            country = passport.get("country") or Country.VN.value
            keys.append(("passport", str(passport["number"]).upper(), country, name))
    if name:
        keys.append(("name", name, data.get("unit_id")))
    return keys


def _person_existing(session: Session) -> Iterable[tuple[Hashable, str]]:
    for record_id, name_vi, name_lo, unit_id in session.execute(
        _live(Person, Person.name_vi, Person.name_lo, Person.unit_id)
    ):
        for name in {fold_key(name_vi), fold_key(name_lo)} - {""}:
            yield ("name", name, unit_id), record_id
    statement = (
        select(Person.id, Passport.number, Passport.country, Person.name_vi, Person.name_lo)
        .join(Passport, Passport.person_id == Person.id)
        .where(Person.deleted_at.is_(None))
    )
    for record_id, number, country, name_vi, name_lo in session.execute(statement):
        for name in {fold_key(name_vi), fold_key(name_lo)} - {""}:
            yield ("passport", number, country, name), record_id


PERSON_KIND = ImportKind(
    kind="person",
    service="people",
    title=N_("People"),
    columns=(
        ImportColumn("name_vi", "person", aliases=("Họ và tên", "Họ tên", "Full name", "Name"), width=28),
        ImportColumn("name_lo", "person", aliases=("Tên tiếng Lào", "Lao name"), width=28),
        ImportColumn("name_en", "person", aliases=("English name",), width=24),
        ImportColumn("aliases", "person", LIST, aliases=("Tên khác", "Other names"), width=24),
        ImportColumn("unit_id", "person", UNIT, aliases=("Đơn vị công tác", "Cơ quan"), width=30),
        ImportColumn("birth_date", "person", DATE, aliases=("Ngày sinh", "Ngày tháng năm sinh", "DOB"), width=14),
        ImportColumn("rank", "person", CHOICE, enum=Rank, aliases=("Cấp bậc", "Quân hàm"), width=16),
        ImportColumn("rank_since", "person", DATE, width=14),
        ImportColumn("position", "person", aliases=("Chức vụ", "Title"), width=28),
        ImportColumn("position_since", "person", DATE, width=14),
        ImportColumn("passport_number", "person", aliases=("Số hộ chiếu", "Hộ chiếu", "Passport No"), width=16),
        ImportColumn("passport_kind", "person", CHOICE, enum=PassportKind, aliases=("Loại hộ chiếu",), width=14),
        ImportColumn("passport_country", "person", CHOICE, enum=Country, width=12),
        ImportColumn("passport_issued_on", "person", DATE, aliases=("Ngày cấp",), width=14),
        ImportColumn("passport_expires_on", "person", DATE, aliases=("Ngày hết hạn", "Hạn hộ chiếu"), width=14),
        ImportColumn("notes", "person", aliases=("Ghi chú",), width=30),
    ),
    build=_person_data,
    keys=_person_keys,
    existing=_person_existing,
    errors={
        ("ranks", "rank"): "rank",
        ("ranks", "since"): "rank_since",
        ("positions", "title_vi"): "position",
        ("positions", "since"): "position_since",
        ("passports", "number"): "passport_number",
        ("passports", "kind"): "passport_kind",
        ("passports", "country"): "passport_country",
        ("passports", "issued_on"): "passport_issued_on",
        ("passports", "expires_on"): "passport_expires_on",
    },
    children_merge=("ranks", "positions", "passports"),
)

# --- talks -------------------------------------------------------------------------------------


def _talk_data(values: Mapping[str, Any]) -> dict[str, Any]:
    data = _direct(
        values,
        "kind",
        "title_vi",
        "title_lo",
        "start_at",
        "end_at",
        "place_vi",
        "place_lo",
        "host_unit_id",
        "status",
        "status_reason",
        "notes",
    )
    units = list(dict.fromkeys(values.get("units") or []))
    host = values.get("host_unit_id")
    if host and units and host not in units:
        units.insert(0, host)
    data["units"] = [{"unit_id": unit_id} for unit_id in units]
    return data


def _talk_key(title: str, start: Any) -> Hashable:
    return ("talk", fold_key(title or ""), start.astimezone(LOCAL_ZONE).date() if start else None)


def _talk_existing(session: Session) -> Iterable[tuple[Hashable, str]]:
    for record_id, title, start in session.execute(_live(Talk, Talk.title_vi, Talk.start_at)):
        yield _talk_key(title, start), record_id


TALK_KIND = ImportKind(
    kind="talk",
    service="talks",
    title=N_("Talks and meetings"),
    columns=(
        ImportColumn("start_at", "talk", MOMENT, required=True, aliases=("Ngày", "Thời gian", "Date"), width=18),
        ImportColumn("end_at", "talk", MOMENT, width=18),
        ImportColumn("title_vi", "talk", required=True, aliases=("Nội dung", "Tiêu đề", "Subject"), width=40),
        ImportColumn("title_lo", "talk", width=36),
        ImportColumn("kind", "talk", CHOICE, required=True, enum=TalkKind, aliases=("Loại", "Hình thức"), width=20),
        ImportColumn("place_vi", "talk", aliases=("Địa điểm", "Place"), width=24),
        ImportColumn("place_lo", "talk", width=24),
        ImportColumn("host_unit_id", "talk", UNIT, aliases=("Đơn vị chủ trì", "Host"), width=28),
        ImportColumn("units", "talk", UNITS, aliases=("Đơn vị tham gia",), width=36),
        ImportColumn("status", "talk", CHOICE, enum=TalkStatus, aliases=("Tình trạng",), width=14),
        ImportColumn("status_reason", "talk", width=24),
        ImportColumn("notes", "talk", aliases=("Ghi chú",), width=30),
    ),
    build=_talk_data,
    keys=lambda data: [_talk_key(data.get("title_vi") or "", data.get("start_at"))] if data.get("title_vi") else [],
    existing=_talk_existing,
    errors={("units", "unit_id"): "units"},
)

# --- delegations with members ------------------------------------------------------------------


def _delegation_data(values: Mapping[str, Any]) -> dict[str, Any]:
    data = _direct(
        values,
        "direction",
        "purpose_vi",
        "purpose_lo",
        "own_unit_id",
        "head_person_id",
        "start_date",
        "end_date",
        "border_gate",
        "route",
        "cost_vnd",
        "status",
        "status_reason",
        "decision_number",
        "decision_date",
        "notes",
    )
    members = list(dict.fromkeys(values.get("members") or []))
    head = values.get("head_person_id")
    if head and head not in members:
        members.insert(0, head)
    data["members"] = [
        {"person_id": person_id, "role": MemberRole.HEAD.value if person_id == head else MemberRole.MEMBER.value}
        for person_id in members
    ]
    data["partner_units"] = [{"unit_id": unit_id} for unit_id in dict.fromkeys(values.get("partner_units") or [])]
    return data


def _delegation_key(direction: Any, start: Any, purpose: str) -> Hashable:
    return ("delegation", direction, start, fold_key(purpose or ""))


def _delegation_existing(session: Session) -> Iterable[tuple[Hashable, str]]:
    columns = (Delegation.direction, Delegation.start_date, Delegation.purpose_vi)
    for record_id, direction, start, purpose in session.execute(_live(Delegation, *columns)):
        yield _delegation_key(direction, start, purpose), record_id


DELEGATION_KIND = ImportKind(
    kind="delegation",
    service="delegations",
    title=N_("Delegations"),
    columns=(
        ImportColumn("direction", "delegation", CHOICE, required=True, enum=Direction, aliases=("Đoàn",), width=12),
        ImportColumn("purpose_vi", "delegation", required=True, aliases=("Mục đích", "Nội dung", "Purpose"), width=40),
        ImportColumn("purpose_lo", "delegation", width=36),
        ImportColumn("start_date", "delegation", DATE, required=True, aliases=("Ngày đi", "Từ ngày"), width=14),
        ImportColumn("end_date", "delegation", DATE, required=True, aliases=("Ngày về", "Đến ngày"), width=14),
        ImportColumn("own_unit_id", "delegation", UNIT, width=28),
        ImportColumn("head_person_id", "delegation", PERSON, aliases=("Trưởng đoàn", "Head"), width=24),
        ImportColumn("members", "delegation", PEOPLE, aliases=("Thành viên", "Thành phần"), width=40),
        ImportColumn("partner_units", "delegation", UNITS, aliases=("Đơn vị bạn",), width=36),
        ImportColumn("border_gate", "delegation", aliases=("Cửa khẩu",), width=20),
        ImportColumn("route", "delegation", aliases=("Lộ trình",), width=24),
        ImportColumn("cost_vnd", "delegation", INTEGER, aliases=("Kinh phí", "Cost"), width=16),
        ImportColumn("status", "delegation", CHOICE, enum=DelegationStatus, aliases=("Tình trạng",), width=14),
        ImportColumn("decision_number", "delegation", aliases=("Số quyết định",), width=16),
        ImportColumn("decision_date", "delegation", DATE, aliases=("Ngày quyết định",), width=14),
        ImportColumn("status_reason", "delegation", width=24),
        ImportColumn("notes", "delegation", aliases=("Ghi chú",), width=30),
    ),
    build=_delegation_data,
    keys=lambda data: [_delegation_key(data.get("direction"), data.get("start_date"), data.get("purpose_vi") or "")],
    existing=_delegation_existing,
    errors={("members", "person_id"): "members", ("partner_units", "unit_id"): "partner_units"},
)

# --- plan items ----------------------------------------------------------------------------------


def _plan_existing(session: Session) -> Iterable[tuple[Hashable, str]]:
    for record_id, year, title, unit_id in session.execute(
        _live(PlanItem, PlanItem.year, PlanItem.title_vi, PlanItem.unit_id)
    ):
        yield ("plan", year, fold_key(title), unit_id), record_id


PLAN_ITEM_KIND = ImportKind(
    kind="plan_item",
    service="plan_items",
    title=N_("Plan items"),
    columns=(
        ImportColumn("year", "plan_item", INTEGER, required=True, aliases=("Năm",), width=8),
        ImportColumn("period", "plan_item", aliases=("Thời gian", "Kỳ"), width=18),
        ImportColumn("title_vi", "plan_item", required=True, aliases=("Nội dung", "Hoạt động", "Activity"), width=44),
        ImportColumn("title_lo", "plan_item", width=40),
        ImportColumn("target", "plan_item", NUMBER, aliases=("Chỉ tiêu", "Kế hoạch"), width=14),
        ImportColumn("result", "plan_item", NUMBER, aliases=("Kết quả", "Thực hiện"), width=14),
        ImportColumn("measure", "plan_item", aliases=("Đơn vị tính", "ĐVT"), width=14),
        ImportColumn("due_date", "plan_item", DATE, aliases=("Thời hạn",), width=14),
        ImportColumn("unit_id", "plan_item", UNIT, aliases=("Đơn vị thực hiện",), width=28),
        ImportColumn("notes", "plan_item", aliases=("Ghi chú",), width=30),
    ),
    build=lambda values: _direct(
        values, "year", "period", "title_vi", "title_lo", "target", "result", "measure", "due_date", "unit_id", "notes"
    ),
    keys=lambda data: [("plan", data.get("year"), fold_key(data.get("title_vi") or ""), data.get("unit_id"))],
    existing=_plan_existing,
)

IMPORT_KINDS: dict[str, ImportKind] = {
    spec.kind: spec for spec in (UNIT_KIND, PERSON_KIND, TALK_KIND, DELEGATION_KIND, PLAN_ITEM_KIND)
}
