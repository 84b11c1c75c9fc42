"""The demo data set loads through the services, holds the published facts, and loads only once."""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal

import pytest

from dnqp_desktop.core.demo import DEMO_ACCOUNTS, DemoSummary, load_demo
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.models import Agreement, Person, Unit
from dnqp_desktop.core.services import audit
from dnqp_desktop.core.services.policy import Actor
from dnqp_desktop.core.services.rules import has_lao_letters


@pytest.fixture
def demo(library: Library) -> tuple[Library, DemoSummary]:
    return library, load_demo(library)


def counts(library: Library) -> dict[str, int]:
    return {item.name: getattr(library, item.name).count() for item in fields(DemoSummary)}


def unit_named(library: Library, name_vi: str) -> Unit:
    (unit,) = [u for u in library.units.list() if u.name_vi == name_vi]
    return unit


def person_named(library: Library, name_vi: str) -> Person:
    (person,) = [p for p in library.people.list() if p.name_vi == name_vi]
    return person


def agreement_of_kind(library: Library, kind: str) -> Agreement:
    (agreement,) = library.agreements.list(filters={"kind": kind})
    return agreement


def test_summary_counts_what_the_services_count(demo) -> None:
    library, summary = demo
    assert counts(library) == {item.name: getattr(summary, item.name) for item in fields(DemoSummary)}
    assert all(value > 0 for value in counts(library).values())
    assert summary.total == sum(counts(library).values())


def test_every_record_has_one_create_row_in_the_audit_log(demo) -> None:
    library, summary = demo
    services = [getattr(library, item.name) for item in fields(DemoSummary)]
    with library.read() as session:
        assert audit.count(session) == summary.total + len(DEMO_ACCOUNTS)  # records and demo accounts
        assert audit.verify_chain(session) is None
        for service in services:
            for record in service.list():
                assert [row.action for row in audit.history(session, service.kind, record.id)] == ["create"]


def test_the_dien_bien_luang_prabang_regulation_has_3_chapters_and_11_articles(demo) -> None:
    library, _ = demo
    regulation = agreement_of_kind(library, "twinning_regulation")
    assert regulation.signed_on.year == 2015 and regulation.signed_on.month == 5
    assert len(regulation.chapters) == 3 and len(regulation.articles) == 11
    assert {article.chapter_position for article in regulation.articles} == {0, 1, 2}
    signers = {library.people.get(s.person_id).name_vi: s for s in regulation.signatories}
    assert set(signers) == {"Nguyễn Thắng Xuân", "Bun Chăn Vị Lay Chít"}
    assert signers["Nguyễn Thắng Xuân"].rank == "colonel"
    assert signers["Nguyễn Thắng Xuân"].position_vi == "Chính ủy"
    assert signers["Bun Chăn Vị Lay Chít"].rank == "major_general"
    assert regulation.id in {twinning.regulation_id for twinning in library.twinnings.list()}


def test_tuyen_quang_and_phongsaly_are_twinned_since_2017(demo) -> None:
    library, _ = demo
    tuyen_quang = unit_named(library, "Bộ Chỉ huy quân sự tỉnh Tuyên Quang")
    phongsaly = unit_named(library, "Bộ Chỉ huy quân sự tỉnh Phongsaly")
    (twinning,) = library.twinnings.list(filters={"unit_id": phongsaly.id})
    assert {twinning.unit_a_id, twinning.unit_b_id} == {tuyen_quang.id, phongsaly.id}
    assert twinning.since is not None and twinning.since.year == 2017
    assert {"Phông Sa Lỳ", "Phông Xa Lỳ", "Phongsaly", "Phongsali"} <= set(phongsaly.aliases)


def test_plan_item_percentages(demo) -> None:
    library, _ = demo
    by_figures = {(item.target, item.result): item for item in library.plan_items.list()}
    assert by_figures[(15, 16)].percent == Decimal("106.67")
    assert by_figures[(16, 21)].percent == Decimal("131.25")
    assert any(item.percent is not None and item.percent < 50 for item in by_figures.values())
    assert all(has_lao_letters(item.title_lo) for item in by_figures.values())


def test_xiengpheng_has_a_lao_name_and_the_alias_spellings(demo) -> None:
    library, _ = demo
    person = person_named(library, "Xiêng-pheng Bua-lả-vông")
    assert person.name_lo.startswith("ຊຽງເພັງ")
    assert {"Xiengpheng Bualavong", "Xiêng Phêng"} <= set(person.aliases)
    assert person.rank_on(person.positions[0].since).rank == "major_general"


def test_every_article_of_every_agreement_is_written_in_lao(demo) -> None:
    library, _ = demo
    agreements = library.agreements.list()
    assert len(agreements) == 3
    for agreement in agreements:
        assert has_lao_letters(agreement.title_lo) and has_lao_letters(agreement.place_lo)
        assert all(has_lao_letters(chapter.title_lo) for chapter in agreement.chapters)
        for article in agreement.articles:
            assert has_lao_letters(article.title_lo) and has_lao_letters(article.body_lo), article.title_vi


def test_signatories_carry_the_rank_held_on_the_signing_day(demo) -> None:
    library, _ = demo
    for agreement in library.agreements.list():
        assert len(agreement.signatories) == 2
        for signatory in agreement.signatories:
            person = library.people.get(signatory.person_id)
            assert signatory.rank == person.rank_on(agreement.signed_on).rank
            assert signatory.position_vi == person.position_on(agreement.signed_on).title_vi


def test_someone_changed_rank_so_the_rank_at_a_date_matters(demo) -> None:
    library, _ = demo
    assert any(len({rank.rank for rank in person.ranks}) > 1 for person in library.people.list())


def test_the_2025_annual_agreement_belongs_to_the_talks_in_sam_nua(demo) -> None:
    library, _ = demo
    agreement = agreement_of_kind(library, "annual_cooperation")
    talk = library.talks.get(agreement.talk_id)
    assert (agreement.place_vi, agreement.place_lo) == ("Sầm Nưa", "ຊຳເໜືອ")
    assert talk.start_at.date().isoformat() == agreement.signed_on.isoformat() == "2025-05-22"
    assert talk.status == "held"
    assert {p.role for p in talk.participants} >= {"chair"}


def test_there_is_work_waiting_for_the_dashboard(demo) -> None:
    library, _ = demo
    assert library.delegations.count(filters={"status": "submitted"}) == 1
    assert library.delegations.count(filters={"status": "draft"}) == 1
    assert library.talks.count(filters={"status": "confirmed"}) == 1
    assert library.talks.count(filters={"year": 2027}) == 2
    expiries = [passport.expires_on for person in library.people.list() for passport in person.passports]
    assert any(day.isoformat() < "2026-06-01" for day in expiries)
    assert any("2026-06-01" <= day.isoformat() < "2026-12-01" for day in expiries)


def test_the_2025_reorganisation_is_shown(demo) -> None:
    library, _ = demo
    levels = {unit.level: unit for unit in library.units.list()}
    assert levels["district_command"].active_to.isoformat() == "2025-06-30"
    assert levels["regional_defence_command"].active_from.isoformat() == "2025-07-01"


def test_a_second_load_is_refused_and_changes_nothing(demo) -> None:
    library, _ = demo
    before = counts(library)
    with library.read() as session:
        audit_rows = audit.count(session)
    with pytest.raises(DomainError) as raised:
        load_demo(library)
    assert raised.value.message_id == "demo_not_empty"
    assert counts(library) == before
    with library.read() as session:
        assert audit.count(session) == audit_rows


def test_a_viewer_cannot_load_the_demo(library: Library, viewer: Actor) -> None:
    with pytest.raises(DomainError) as raised:
        load_demo(library, actor=viewer)
    assert raised.value.message_id == "forbidden"
    assert library.is_empty()
