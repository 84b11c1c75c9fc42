"""The double bookings of one talk or delegation, as sentences for its form."""

from __future__ import annotations

from dnqp_desktop.core.i18n import _
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.listing import Lookups
from dnqp_desktop.core.schedule import conflicts_of


def conflict_lines(library: Library, kind: str, record_id: str | None) -> list[str]:
    if record_id is None:
        return []
    lines = []
    with library.read() as session:
        lookups = Lookups(session)
        for conflict in conflicts_of(session, kind, record_id):
            other = conflict.second if conflict.first.record_id == record_id else conflict.first
            names = [lookups.person(pid) for pid in sorted(conflict.people)]
            names += [lookups.unit(uid) for uid in sorted(conflict.units)]
            lines.append(_("Double booking with “{other}”: {names}").format(other=other.title, names=", ".join(names)))
    return lines
