"""Lists: ids in collation order with filters, rows loaded by page, trash, pickers."""

from __future__ import annotations

from decimal import Decimal

from dnqp_desktop.core.demo import load_demo
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.listing import LISTINGS, choices, trash_entries
from tests.helpers import make_lao_unit, make_person, make_plan_item, make_unit


def test_every_listing_sorts_on_every_column(library: Library) -> None:
    load_demo(library)
    for listing in LISTINGS.values():
        expected = getattr(library, listing.service).count()
        for column in listing.columns:
            for descending in (False, True):
                ids = listing.ordered_ids(library, sort=column.key, descending=descending)
                assert len(ids) == len(set(ids)) == expected, (listing.kind, column.key)
        rows = listing.load_rows(library, ids[:5])
        assert all(len(row) == len(listing.columns) for row in rows.values())


def test_units_sorted_in_vietnamese_order(library: Library) -> None:
    for name in ("Đồn Biên phòng Na Mèo", "Dung Quất", "An Giang", "Ăn Thề"):
        make_unit(library, name_vi=name)
    listing = LISTINGS["unit"]
    ids = listing.ordered_ids(library, sort="name_vi")
    names = [listing.load_rows(library, ids)[record_id][0] for record_id in ids]
    assert names == ["An Giang", "Ăn Thề", "Dung Quất", "Đồn Biên phòng Na Mèo"]


def test_filters_by_service_field_and_by_linked_unit(library: Library) -> None:
    vn = make_unit(library)
    la = make_lao_unit(library)
    make_person(library, name_vi="Đặng Văn Long", unit_id=vn.id)
    make_person(library, name_vi="Xiêng-pheng Bua-lả-vông", unit_id=la.id)
    assert len(LISTINGS["unit"].ordered_ids(library, filters={"country": "LA"})) == 1
    people = LISTINGS["person"]
    [lao_person] = people.ordered_ids(library, filters={"country": "LA"})
    assert people.load_rows(library, [lao_person])[lao_person][0] == "Xiêng-pheng Bua-lả-vông"


def test_percent_column_sorts_by_value(library: Library) -> None:
    make_plan_item(library, title_vi="Khám bệnh", target=100, result=50)
    make_plan_item(library, title_vi="Quy tập hài cốt", target=15, result=16)
    listing = LISTINGS["plan_item"]
    ids = listing.ordered_ids(library, sort="percent", descending=True)
    percent = listing.columns.index(listing.column("percent"))
    assert [listing.load_rows(library, ids)[i][percent] for i in ids] == [Decimal("106.67"), Decimal("50.00")]


def test_trash_lists_deleted_records_newest_first(library: Library, system) -> None:
    first = make_unit(library, name_vi="Quân khu 2")
    second = make_person(library, name_vi="Nguyễn Thắng Xuân")
    library.units.delete(first.id, actor=system)
    library.people.delete(second.id, actor=system)
    assert [(e.kind, e.title) for e in trash_entries(library)] == [
        ("person", "Nguyễn Thắng Xuân"),
        ("unit", "Quân khu 2"),
    ]


def test_pickers_offer_live_records_alphabetically(library: Library, system) -> None:
    kept = make_unit(library, name_vi="Bộ Chỉ huy quân sự tỉnh Điện Biên", short_name="Bộ CHQS Điện Biên")
    make_unit(library, name_vi="Ban Chỉ huy quân sự huyện Mường Nhé")
    gone = make_unit(library, name_vi="Bộ Chỉ huy quân sự tỉnh cũ")
    library.units.delete(gone.id, actor=system)
    offered = choices(library, "unit")
    assert [record_id for record_id, _title in offered][1] == kept.id
    assert offered[1][1] == "Bộ CHQS Điện Biên — Bộ Chỉ huy quân sự tỉnh Điện Biên"
    assert gone.id not in {record_id for record_id, _title in offered}
