"""Marking an agreement final, and previewing one that is not saved yet.

The core decides whether a text may be final and keeps the PDF; it cannot print. This module
renders the PDF from the stored record and hands it to ``AgreementService.mark_final`` together
with the moment of the record it was rendered from, so that a change made meanwhile is refused
instead of sealing a PDF that no longer matches.

``unsaved_document`` builds the document of an editor's unsaved copy, so that a clerk can look at
a draft before saving it: typed dates and numbers are read leniently (the service, not the
preview, is where a bad value is refused).
"""

from __future__ import annotations

import dataclasses
import tempfile
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.models import Agreement
from dnqp_desktop.core.models.base import utcnow
from dnqp_desktop.core.services.policy import Actor
from dnqp_desktop.core.services.rules import Invalid, parse_date_text
from dnqp_desktop.documents import source
from dnqp_desktop.documents.model import AgreementDocument, Arrangement, Layout
from dnqp_desktop.documents.render import Cancelled, Progress, render_pdf


def finalise(
    library: Library,
    agreement_id: str,
    *,
    actor: Actor,
    arrangement: Arrangement = Arrangement.ORIGINALS,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Agreement:
    """Check, render and mark final; raises DomainError with every problem, writing nothing then."""
    problems = library.agreements.check_final(agreement_id)
    if problems:
        raise DomainError.combine(problems)
    stored = library.agreements.get(agreement_id)
    document = dataclasses.replace(source.build_document(library, agreement_id), status="final")
    rendered = render_pdf(document, Layout(arrangement=arrangement), progress=progress, cancelled=cancelled)
    with tempfile.TemporaryDirectory(prefix="dnqp-final-") as folder:
        path = Path(folder) / "final.pdf"
        path.write_bytes(rendered.data)
        return library.agreements.mark_final(
            agreement_id, path, layout=arrangement.value, actor=actor, rendered_from=stored.updated_at
        )


def unsaved_document(
    library: Library, data: Mapping[str, Any], *, record_id: str = "", status: str = "draft"
) -> AgreementDocument:
    """The document of an editor's values (the mapping ``AgreementService.update`` would be given)."""
    text = {name: _text(data.get(name)) for name in _TEXT_FIELDS}
    text["number"], text["symbol"] = text["number"].upper(), text["symbol"].upper()  # as the service stores them
    agreement = SimpleNamespace(
        id=record_id,
        kind=data.get("kind") or "",
        status=status,
        **text,
        signed_on=_day(data.get("signed_on")),
        valid_from=_day(data.get("valid_from")),
        originals_count=_count(data.get("originals_count")),
        updated_at=utcnow(),
        chapters=[SimpleNamespace(**_texts(row, ("title_vi", "title_lo"))) for row in data.get("chapters", [])],
        articles=[
            SimpleNamespace(
                **_texts(row, ("title_vi", "title_lo", "body_vi", "body_lo")),
                chapter_position=row.get("chapter_position"),
            )
            for row in data.get("articles", [])
        ],
    )
    units: dict[str, Any] = {}

    def unit(unit_id: str | None) -> Any:
        if unit_id is None:
            return None
        if unit_id not in units:
            units[unit_id] = library.units.get(unit_id, include_deleted=True)
        return units[unit_id]

    # A unit or person chosen but not found (typed, not picked) raises not_found: say so in the preview.
    party_ids = [row["unit_id"] for row in data.get("parties", []) if row.get("unit_id")]
    parties = tuple(source.party_of(unit(unit_id), unit) for unit_id in party_ids)
    signatories = []
    for row in data.get("signatories", []):
        if not row.get("person_id"):
            continue
        person = library.people.get(row["person_id"], include_deleted=True)
        values = SimpleNamespace(
            unit_id=row.get("unit_id"), rank=row.get("rank") or "", **_texts(row, ("position_vi", "position_lo"))
        )
        signatories.append(source.signatory_of(values, person, party_ids, agreement))
    return source.document_from_records(
        agreement,  # type: ignore[arg-type]
        parties,
        tuple(signatories),
        source.known_names(library),
        source.recipients_of(parties),
    )


_TEXT_FIELDS = ("title_vi", "title_lo", "number", "symbol", "place_vi", "place_lo", "preamble_vi", "preamble_lo")


def _text(value: Any) -> str:
    return unicodedata.normalize("NFC", value).strip() if isinstance(value, str) else ""


def _texts(row: Mapping[str, Any], names: tuple[str, ...]) -> dict[str, str]:
    return {name: _text(row.get(name)) for name in names}


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return parse_date_text(value)
        except Invalid:
            return None
    return None


def _count(value: Any) -> int:
    try:
        return max(1, min(20, int(value)))
    except (TypeError, ValueError):
        return 2
