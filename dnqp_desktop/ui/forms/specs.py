"""What each record's form holds: pages, fields, child tables. Declarative, so forms stay alike.

Labels come from core/messages.py (the same names the error messages use), so a field and the
message about it always agree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from dnqp_desktop.core.i18n import N_
from dnqp_desktop.core.models.enums import (
    AgreementKind,
    AgreementStatus,
    Country,
    DelegationStatus,
    Direction,
    MemberRole,
    ParticipantRole,
    PassportKind,
    Rank,
    TalkKind,
    TalkStatus,
    TwinningStatus,
    UnitLevel,
)

LINE, TEXT, LIST, CHOICE, BOOL, DATE, DATETIME, INTEGER, NUMBER = (
    "line",
    "text",
    "list",
    "choice",
    "bool",
    "date",
    "datetime",
    "integer",
    "number",
)
UNIT, PERSON, AGREEMENT, TALK = "ref:unit", "ref:person", "ref:agreement", "ref:talk"


@dataclass(frozen=True)
class Field:
    name: str
    editor: str = LINE
    enum: type[StrEnum] | None = None
    required: bool = False
    #: Lao text: the editor gets a Lao-capable font and a hint.
    lao: bool = False


@dataclass(frozen=True)
class Table:
    """A child collection edited as rows (a person's passports)."""

    collection: str
    kind: str
    columns: tuple[Field, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Page:
    title: str
    fields: tuple[Field, ...] = ()
    table: Table | None = None


@dataclass(frozen=True)
class FormSpec:
    kind: str
    service: str
    new_title: str
    pages: tuple[Page, ...]
    attachments: bool = True
    #: The field whose value names the record in the window title.
    title_field: str = "name_vi"
    defaults: dict[str, object] = field(default_factory=dict)
    zone_field: str | None = None

    def all_fields(self) -> list[Field]:
        return [f for page in self.pages for f in page.fields]

    def tables(self) -> list[Table]:
        return [page.table for page in self.pages if page.table is not None]


NOTES = Field("notes", TEXT)

UNIT_FORM = FormSpec(
    kind="unit",
    service="units",
    new_title=N_("New unit"),
    pages=(
        Page(
            N_("Details"),
            (
                Field("name_vi", required=True),
                Field("name_lo", lao=True),
                Field("name_en"),
                Field("short_name"),
                Field("aliases", LIST),
                Field("country", CHOICE, Country, required=True),
                Field("level", CHOICE, UnitLevel, required=True),
                Field("parent_id", UNIT),
                Field("is_own", BOOL),
                Field("active_from", DATE),
                Field("active_to", DATE),
            ),
        ),
        Page(N_("Contact and notes"), (Field("address", TEXT), Field("contact", TEXT), NOTES)),
    ),
    defaults={"country": "LA", "level": "province_command"},
)

PERSON_FORM = FormSpec(
    kind="person",
    service="people",
    new_title=N_("New person"),
    pages=(
        Page(
            N_("Details"),
            (
                Field("name_vi"),
                Field("name_lo", lao=True),
                Field("name_en"),
                Field("aliases", LIST),
                Field("unit_id", UNIT),
                Field("birth_date", DATE),
                NOTES,
            ),
        ),
        Page(
            N_("Rank history"),
            table=Table(
                "ranks",
                "person_rank",
                (Field("rank", CHOICE, Rank, required=True), Field("since", DATE, required=True), Field("until", DATE)),
            ),
        ),
        Page(
            N_("Positions"),
            table=Table(
                "positions",
                "person_position",
                (
                    Field("title_vi"),
                    Field("title_lo", lao=True),
                    Field("unit_id", UNIT),
                    Field("since", DATE, required=True),
                    Field("until", DATE),
                ),
            ),
        ),
        Page(
            N_("Passports"),
            table=Table(
                "passports",
                "passport",
                (
                    Field("number", required=True),
                    Field("kind", CHOICE, PassportKind),
                    Field("country", CHOICE, Country),
                    Field("issued_on", DATE),
                    Field("expires_on", DATE, required=True),
                ),
            ),
        ),
    ),
)

TWINNING_FORM = FormSpec(
    kind="twinning",
    service="twinnings",
    new_title=N_("New twinning"),
    title_field="",
    pages=(
        Page(
            N_("Details"),
            (
                Field("unit_a_id", UNIT, required=True),
                Field("unit_b_id", UNIT, required=True),
                Field("since", DATE),
                Field("status", CHOICE, TwinningStatus),
                Field("ended_on", DATE),
                Field("regulation_id", AGREEMENT),
                NOTES,
            ),
        ),
    ),
    defaults={"status": "active"},
)

TALK_FORM = FormSpec(
    kind="talk",
    service="talks",
    new_title=N_("New talk or meeting"),
    title_field="title_vi",
    zone_field="timezone",
    pages=(
        Page(
            N_("Details"),
            (
                Field("kind", CHOICE, TalkKind, required=True),
                Field("title_vi", required=True),
                Field("title_lo", lao=True),
                Field("timezone", CHOICE),
                Field("start_at", DATETIME, required=True),
                Field("end_at", DATETIME),
                Field("place_vi"),
                Field("place_lo", lao=True),
                Field("host_unit_id", UNIT),
                Field("status", CHOICE, TalkStatus),
                Field("status_reason", TEXT),
            ),
        ),
        Page(N_("Units taking part"), table=Table("units", "talk_unit", (Field("unit_id", UNIT, required=True),))),
        Page(
            N_("Participants"),
            table=Table(
                "participants",
                "talk_participant",
                (Field("person_id", PERSON, required=True), Field("role", CHOICE, ParticipantRole)),
                ordered=True,
            ),
        ),
        Page(N_("Agenda and minutes"), (Field("agenda", TEXT), Field("minutes", TEXT), NOTES)),
    ),
    defaults={"kind": "annual_talks", "status": "planned", "timezone": "Asia/Ho_Chi_Minh"},
)

DELEGATION_FORM = FormSpec(
    kind="delegation",
    service="delegations",
    new_title=N_("New delegation"),
    title_field="purpose_vi",
    pages=(
        Page(
            N_("Details"),
            (
                Field("direction", CHOICE, Direction, required=True),
                Field("purpose_vi", TEXT, required=True),
                Field("purpose_lo", TEXT, lao=True),
                Field("own_unit_id", UNIT),
                Field("head_person_id", PERSON),
                Field("start_date", DATE, required=True),
                Field("end_date", DATE, required=True),
                Field("border_gate"),
                Field("route", TEXT),
            ),
        ),
        Page(
            N_("Members"),
            table=Table(
                "members",
                "delegation_member",
                (Field("person_id", PERSON, required=True), Field("role", CHOICE, MemberRole)),
                ordered=True,
            ),
        ),
        Page(
            N_("Partner units"),
            table=Table("partner_units", "delegation_unit", (Field("unit_id", UNIT, required=True),)),
        ),
        Page(
            N_("Approval"),
            (
                Field("status", CHOICE, DelegationStatus),
                Field("status_reason", TEXT),
                Field("decision_number"),
                Field("decision_date", DATE),
                Field("approver_person_id", PERSON),
                Field("passport_override_reason", TEXT),
            ),
        ),
        Page(N_("Costs and report"), (Field("cost_vnd", INTEGER), Field("gifts", TEXT), Field("report", TEXT), NOTES)),
    ),
    defaults={"direction": "outgoing", "status": "draft"},
)

AGREEMENT_FORM = FormSpec(
    kind="agreement",
    service="agreements",
    new_title=N_("New agreement"),
    title_field="title_vi",
    pages=(
        Page(
            N_("Details"),
            (
                Field("kind", CHOICE, AgreementKind, required=True),
                Field("title_vi", required=True),
                Field("title_lo", lao=True),
                Field("number"),
                Field("symbol"),
                Field("place_vi"),
                Field("place_lo", lao=True),
                Field("signed_on", DATE),
                Field("valid_from", DATE),
                Field("valid_to", DATE),
                Field("status", CHOICE, AgreementStatus),
                Field("originals_count", INTEGER),
                Field("supersedes_id", AGREEMENT),
                Field("talk_id", TALK),
                NOTES,
            ),
        ),
        Page(N_("Parties"), table=Table("parties", "agreement_party", (Field("unit_id", UNIT, required=True),), True)),
    ),
    defaults={"kind": "annual_cooperation", "status": "draft", "originals_count": 2},
)

PLAN_ITEM_FORM = FormSpec(
    kind="plan_item",
    service="plan_items",
    new_title=N_("New plan item"),
    title_field="title_vi",
    pages=(
        Page(
            N_("Details"),
            (
                Field("year", INTEGER, required=True),
                Field("period"),
                Field("title_vi", required=True),
                Field("title_lo", lao=True),
                Field("agreement_id", AGREEMENT),
                Field("unit_id", UNIT),
                Field("target", NUMBER),
                Field("result", NUMBER),
                Field("measure"),
                Field("due_date", DATE),
                NOTES,
            ),
        ),
    ),
)

FORMS: dict[str, FormSpec] = {
    spec.kind: spec
    for spec in (UNIT_FORM, PERSON_FORM, TWINNING_FORM, TALK_FORM, DELEGATION_FORM, AGREEMENT_FORM, PLAN_ITEM_FORM)
}

#: Time zones offered for talks: where the partners are.
TALK_ZONES: tuple[str, ...] = ("Asia/Ho_Chi_Minh", "Asia/Vientiane", "Asia/Phnom_Penh", "Asia/Bangkok", "UTC")

ChoicesFor = Callable[[str], list[tuple[str, str]]]
