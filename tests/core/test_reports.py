"""Yearly figures computed from records: scope of subordinate units, what counts, percent achieved."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from dnqp_desktop.core.demo import load_demo
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.reports import find_unit, yearly_report
from tests.helpers import make_plan_item, make_unit
from tests.report_records import mr2_records


def test_military_region_2(library: Library) -> None:
    records = mr2_records(library)
    with library.read() as session:
        report = yearly_report(session, 2025, records["qk2"].id)
        province = yearly_report(session, 2025, records["provinces"][0].id)
    assert (report.delegations, report.person_trips) == (166, 2071)
    assert (report.outgoing.delegations, report.outgoing.person_trips) == (75, 687)
    assert (report.incoming.delegations, report.incoming.person_trips) == (91, 1384)
    assert sum(o + i for o, i in report.per_month) == 166 and len(report.unit_names) == 4
    assert province.delegations == 56  # every third of the 166 belongs to Tuyên Quang
    with library.read() as session:
        assert yearly_report(session, 2024, records["qk2"].id).delegations == 1


def test_the_demo_year_2025_of_thanh_hoa(library: Library) -> None:
    load_demo(library)
    with library.read() as session:
        unit = find_unit(session, "Bộ CHQS Thanh Hóa")
        report = yearly_report(session, 2025, unit.id, today=date(2026, 1, 15))
    assert (report.outgoing.delegations, report.outgoing.person_trips) == (1, 2)
    assert (report.talks_held, report.agreements_signed, len(report.twinned_pairs)) == (1, 1, 1)
    by_title = {line.title[:20]: line for line in report.plan}
    assert by_title["Tìm kiếm, quy tập, h"].percent == Decimal("131.25")
    assert by_title["Tuần tra song phương"].behind is True
    with library.read() as session:
        assert yearly_report(session, 2024, unit.id, today=date(2026, 1, 15)).plan[0].percent == Decimal("106.67")


def test_percent_16_of_15(library: Library) -> None:
    assert make_plan_item(library, target=15, result=16).percent == Decimal("106.67")


def test_finding_the_unit(library: Library) -> None:
    make_unit(library, name_vi="Quân khu 2", short_name="QK2", level="military_region")
    make_unit(library, name_vi="Bộ Chỉ huy quân sự tỉnh Điện Biên", short_name="Bộ CHQS Điện Biên")
    make_unit(library, name_vi="Bộ Chỉ huy quân sự tỉnh Sơn La", short_name="Bộ CHQS Sơn La")
    with library.read() as session:
        assert find_unit(session, "qk2").short_name == "QK2"
        assert find_unit(session, "dien bien").short_name == "Bộ CHQS Điện Biên"
        with pytest.raises(DomainError) as missing:
            find_unit(session, "QK9")
        with pytest.raises(DomainError) as several:
            find_unit(session, "Bộ CHQS")
    assert missing.value.message_id == "unit_not_found" and several.value.message_id == "unit_ambiguous"
