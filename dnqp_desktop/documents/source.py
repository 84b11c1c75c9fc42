"""From records to an ``AgreementDocument``: the one place where the engine reads the library.

Everything is read through the library's services in one go, then frozen into plain data, so
rendering never touches a session. The signatories' rank and post are those stored with the
agreement (as held on the signing day); where a record lacks them, the person's history on the
signing day fills in.
"""

from __future__ import annotations

from pathlib import Path

from dnqp_desktop.core.library import Library
from dnqp_desktop.core.models import Agreement, Person, Unit
from dnqp_desktop.core.services.policy import Actor, Permission, require
from dnqp_desktop.documents.model import (
    AgreementDocument,
    Arrangement,
    Article,
    Chapter,
    Layout,
    Pair,
    Party,
    Signatory,
)
from dnqp_desktop.documents.render import RenderedPdf, write_agreement_pdf

#: Nơi nhận when the record names none: the superior unit, for its information, and the archive.
ARCHIVE_ENTRY = "Lưu: VT, TM"


def build_document(library: Library, agreement_id: str) -> AgreementDocument:
    """Load the agreement and the units and people it names; raises DomainError("not_found")."""
    agreement = library.agreements.get(agreement_id)
    units: dict[str, Unit] = {}

    def unit(unit_id: str | None) -> Unit | None:
        if unit_id is None:
            return None
        if unit_id not in units:
            units[unit_id] = library.units.get(unit_id, include_deleted=True)
        return units[unit_id]

    parties = tuple(party_of(unit(p.unit_id), unit) for p in agreement.parties)  # type: ignore[arg-type]
    party_ids = [p.unit_id for p in agreement.parties]
    people = {s.person_id: library.people.get(s.person_id, include_deleted=True) for s in agreement.signatories}
    signatories = tuple(signatory_of(s, people[s.person_id], party_ids, agreement) for s in agreement.signatories)
    return document_from_records(agreement, parties, signatories, known_names(library), recipients_of(parties))


def document_from_records(
    agreement: Agreement,
    parties: tuple[Party, ...],
    signatories: tuple[Signatory, ...],
    known_names: tuple[str, ...] = (),
    recipients: tuple[str, ...] = (),
) -> AgreementDocument:
    """The document of an already-loaded agreement (the editor's unsaved copy, for instance)."""
    partner_country = next((p.country for p in parties if p.country != "VN"), "LA")
    # Texts in the partner language (Lao, or Khmer for a Cambodian partner) live in the *_lo columns.
    partner_language = "km" if partner_country == "KH" else "lo"
    names = {*known_names, *(p.name.partner for p in parties), *(s.name.partner for s in signatories)}
    return AgreementDocument(
        record_id=agreement.id,
        kind=agreement.kind,
        status=agreement.status,
        partner_language=partner_language,
        title=Pair(agreement.title_vi, agreement.title_lo),
        parties=parties,
        number=agreement.number,
        symbol=agreement.symbol,
        place=Pair(agreement.place_vi, agreement.place_lo),
        signed_on=agreement.signed_on,
        signatories=signatories,
        preamble=Pair(agreement.preamble_vi, agreement.preamble_lo),
        chapters=tuple(Chapter(Pair(c.title_vi, c.title_lo)) for c in agreement.chapters),
        articles=tuple(
            Article(Pair(a.title_vi, a.title_lo), Pair(a.body_vi, a.body_lo), a.chapter_position)
            for a in agreement.articles
        ),
        originals_count=agreement.originals_count,
        recipients=recipients,
        kept_names=tuple(sorted(n for n in names if n)),
        issued_on=agreement.signed_on or agreement.valid_from or agreement.updated_at.date(),
    )


def party_of(record: Unit, unit) -> Party:
    parent = unit(record.parent_id)
    return Party(
        name=Pair(record.name_vi, record.name_lo),
        country=record.country,
        parent=Pair(parent.name_vi, parent.name_lo) if parent is not None else Pair(),
        record_id=record.id,
    )


def signatory_of(row, person: Person, party_ids: list[str], agreement: Agreement) -> Signatory:
    rank, position = row.rank, Pair(row.position_vi, row.position_lo)
    day = agreement.signed_on
    if day is not None and not rank:
        held = person.rank_on(day)
        rank = held.rank if held else ""
    if day is not None and not position:
        post = person.position_on(day)
        position = Pair(post.title_vi, post.title_lo) if post else Pair()
    unit_id = row.unit_id or person.unit_id
    party = party_ids.index(unit_id) if unit_id in party_ids else 0
    return Signatory(
        party=party,
        name=Pair(person.name_vi, person.name_lo),
        rank=rank or "",
        position=position,
        person_id=person.id,
    )


def known_names(library: Library) -> tuple[str, ...]:
    """Partner-language names of every unit and person: a provincial library holds hundreds."""
    names = [u.name_lo for u in library.units.list()] + [p.name_lo for p in library.people.list()]
    return tuple(n for n in names if n)


def recipients_of(parties: tuple[Party, ...]) -> tuple[str, ...]:
    own = next((p for p in parties if p.country == "VN"), None)
    entries = []
    if own is not None and own.parent.vi:
        entries.append(f"{own.parent.vi} (để báo cáo)")
    entries.append(ARCHIVE_ENTRY)
    return tuple(entries)


def export_agreement_pdf(
    library: Library, agreement_id: str, path: Path, arrangement: str, *, actor: Actor
) -> RenderedPdf:
    """``dnqp pdf``: build the document, render it and write it atomically; DomainError if it cannot.

    Printing needs the print right (viewers read on screen only).
    """
    require(actor, Permission.PRINT)
    document = build_document(library, agreement_id)
    return write_agreement_pdf(document, path, Layout(arrangement=Arrangement(arrangement)))
