"""Talks and meetings."""

from __future__ import annotations

from collections.abc import Iterator

from sqlmodel import Session

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.models import Person, Talk, TalkParticipant, TalkUnit, Unit
from dnqp_desktop.core.models.base import utcnow
from dnqp_desktop.core.models.enums import ParticipantRole, TalkKind, TalkStatus
from dnqp_desktop.core.search import SearchText
from dnqp_desktop.core.services.base import Children, Draft, RecordService
from dnqp_desktop.core.services.checks import date_order, duplicates
from dnqp_desktop.core.services.rules import Choice, DateTimeValue, LaoText, Reference, Text, TimeZoneName
from dnqp_desktop.core.services.talk_series import TalkSeries, status_problems
from dnqp_desktop.core.services.units import NOTES

#: Statuses that make no sense without saying why.
NEEDS_REASON = frozenset({TalkStatus.POSTPONED, TalkStatus.CANCELLED})

TALK_UNITS = Children(
    kind="talk_unit", model=TalkUnit, fields={"unit_id": Reference(model=Unit, kind="unit", required=True)}
)
PARTICIPANTS = Children(
    kind="talk_participant",
    model=TalkParticipant,
    fields={
        "person_id": Reference(model=Person, kind="person", required=True),
        "role": Choice(enum=ParticipantRole, default=ParticipantRole.PARTICIPANT.value),
    },
    position_field="position",
)


class TalkService(RecordService[Talk], TalkSeries):
    kind = "talk"
    model = Talk
    fields = {
        "kind": Choice(enum=TalkKind, required=True),
        "title_vi": Text(max_length=500, required=True),
        "title_lo": LaoText(max_length=500),
        "start_at": DateTimeValue(required=True),
        "end_at": DateTimeValue(),
        "timezone": TimeZoneName(),
        "place_vi": Text(max_length=300),
        "place_lo": LaoText(max_length=300),
        "host_unit_id": Reference(model=Unit, kind="unit"),
        "status": Choice(enum=TalkStatus, default=TalkStatus.PLANNED.value),
        "status_reason": Text(max_length=1000, multiline=True),
        "series_id": Text(max_length=36),
        "agenda": NOTES,
        "minutes": Text(max_length=200_000, multiline=True),
        "notes": NOTES,
    }
    children = {"units": TALK_UNITS, "participants": PARTICIPANTS}
    filterable = frozenset({"kind", "status", "host_unit_id", "series_id"})
    year_field = "start_at"
    default_order = ("start_at",)

    @classmethod
    def search_texts(cls, session: Session, record: Talk) -> SearchText:
        return SearchText(
            title=record.title_vi or record.title_lo,
            names=[record.title_vi, record.title_lo],
            other=[record.place_vi, record.place_lo],
        )

    def check(self, session: Session, draft: Draft) -> Iterator[DomainError]:
        yield from status_problems(session, draft, utcnow())
        yield from date_order(draft, "start_at", "end_at", kind=self.kind, strict=True)
        units = draft.children["units"]
        yield from duplicates(units, "unit_id", kind="talk_unit", collection="units")
        yield from duplicates(
            draft.children["participants"], "person_id", kind="talk_participant", collection="participants"
        )
        host = draft.get("host_unit_id")
        if host and units and host not in {row["unit_id"] for row in units}:
            yield DomainError("host_not_participating", field="host_unit_id", kind=self.kind)
        if draft.get("status") in NEEDS_REASON and not draft.get("status_reason"):
            yield DomainError("reason_required", field="status_reason", kind=self.kind)
