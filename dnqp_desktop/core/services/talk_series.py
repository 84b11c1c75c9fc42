"""Talk statuses and periodic series.

Statuses move planned → confirmed → held, and planned or confirmed talks may be postponed or
cancelled with a reason; a postponed talk is planned or confirmed again once it has a new date.
The rule is checked on every update (the talk form edits the status like any field), so an
illegal move is refused with one clear message whatever the caller. ``create`` accepts any status:
talks held before the application existed are recorded as they were.

A series is several talks sharing ``series_id`` (a yearly briefing). When the host alternates,
the first talk is hosted by the given host and each following one by the other side.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.models import Talk
from dnqp_desktop.core.models.base import new_id
from dnqp_desktop.core.models.enums import TalkStatus
from dnqp_desktop.core.services.base import Draft, ServiceHost
from dnqp_desktop.core.services.passport_check import add_months
from dnqp_desktop.core.services.policy import Actor

PLANNED, CONFIRMED, HELD = TalkStatus.PLANNED, TalkStatus.CONFIRMED, TalkStatus.HELD
POSTPONED, CANCELLED = TalkStatus.POSTPONED, TalkStatus.CANCELLED

#: status -> the statuses it may move to
TALK_TRANSITIONS: dict[str, frozenset[str]] = {
    PLANNED: frozenset({CONFIRMED, POSTPONED, CANCELLED}),
    CONFIRMED: frozenset({HELD, POSTPONED, CANCELLED, PLANNED}),
    POSTPONED: frozenset({PLANNED, CONFIRMED, CANCELLED}),
    HELD: frozenset(),
    CANCELLED: frozenset(),
}
MAX_OCCURRENCES = 50


def status_problems(session: Session, draft: Draft, now: datetime) -> Iterator[DomainError]:
    """An update's status move, if it is one the rules do not allow."""
    if draft.record_id is None:
        return
    stored = session.get(Talk, draft.record_id)
    new = draft.get("status")
    if stored is None or stored.status == new:
        return
    if new not in TALK_TRANSITIONS.get(stored.status, frozenset()):
        yield DomainError(
            "illegal_transition", field="status", kind="talk", status=TalkStatus(stored.status), target=TalkStatus(new)
        )
    elif new == HELD and draft.get("start_at") is not None and draft["start_at"] > now:
        yield DomainError("talk_not_yet_held", field="status", kind="talk")


class TalkSeries:
    """Mixed into TalkService: periodic series with alternating hosts."""

    _host: ServiceHost

    if TYPE_CHECKING:

        def create(self, data: Mapping[str, Any], *, actor: Actor) -> Talk: ...
        def list(self, **kwargs: Any) -> list[Talk]: ...

    def create_series(
        self,
        data: Mapping[str, Any],
        *,
        occurrences: int,
        every_months: int = 12,
        alternate_host: bool = True,
        actor: Actor,
    ) -> list[Talk]:
        """``occurrences`` talks, ``every_months`` apart, all or none (one transaction).

        ``data`` is the first talk. With ``alternate_host``, its ``units`` must name the two sides
        and the host passes to the other side at each occurrence; the place is the host's, so it
        is kept only for the talks the first host holds.
        """
        if not 1 <= occurrences <= MAX_OCCURRENCES:
            raise DomainError("series_size", field="series_id", kind="talk", maximum=MAX_OCCURRENCES)
        host = data.get("host_unit_id")
        units = [row.get("unit_id") for row in data.get("units") or []]
        other = None
        if alternate_host:
            others = [unit for unit in units if unit and unit != host]
            if not host or len(others) != 1 or host not in units:
                raise DomainError("series_needs_two_sides", field="host_unit_id", kind="talk")
            other = others[0]
        series_id = data.get("series_id") or new_id()
        created: list[Talk] = []
        with self._host.batch():
            for index in range(occurrences):
                row = dict(data)
                row["series_id"] = series_id
                for name in ("start_at", "end_at"):
                    moment = _moment(data.get(name))
                    if moment is not None:
                        row[name] = _shift(moment, every_months * index)
                if alternate_host and index % 2 == 1:
                    row["host_unit_id"] = other
                    row["place_vi"], row["place_lo"] = "", ""
                if index > 0:
                    row["status"] = PLANNED.value
                    row["minutes"] = ""
                created.append(self.create(row, actor=actor))
        return created


def _moment(value: Any) -> datetime | None:
    if isinstance(value, str) and value.strip():
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            return None  # the service names the bad value
    return value if isinstance(value, datetime) else None


def _shift(moment: datetime, months: int) -> datetime:
    day = add_months(moment.date(), months)
    return moment.replace(year=day.year, month=day.month, day=day.day)
