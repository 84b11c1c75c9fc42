"""The seeds' Military Region 2 figures entered as records, for the yearly-report tests.

PRODUCT.md: Military Region 2 reported 166 delegations with 2,071 person-trips, 75 outgoing with
687 and 91 incoming with 1,384. Here they are real delegation records of the region's provinces
(Tuyên Quang, Điện Biên, Sơn La under Quân khu 2) with real member lists drawn from 16 people:
75 outgoing = 12 of 10 members + 63 of 9 (687); 91 incoming = 19 of 16 + 72 of 15 (1,384). Around
them, records that must not count: another region's delegation, a draft, a cancelled one, one of
the year before.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from dnqp_desktop.core.library import Library
from dnqp_desktop.core.services.policy import SYSTEM
from tests.helpers import make_lao_unit, make_person, make_unit


def mr2_records(library: Library, year: int = 2025) -> dict[str, Any]:
    with library.batch():
        qk2 = make_unit(library, level="military_region", name_vi="Quân khu 2", short_name="QK2", is_own=True)
        qk4 = make_unit(library, level="military_region", name_vi="Quân khu 4", short_name="QK4")
        provinces = [
            make_unit(
                library, name_vi=f"Bộ Chỉ huy quân sự tỉnh {name}", short_name=f"Bộ CHQS {name}", parent_id=qk2.id
            )
            for name in ("Tuyên Quang", "Điện Biên", "Sơn La")
        ]
        thanh_hoa = make_unit(library, name_vi="Bộ Chỉ huy quân sự tỉnh Thanh Hóa", parent_id=qk4.id)
        partner = make_lao_unit(
            library, name_vi="Bộ Chỉ huy quân sự tỉnh Phongsaly", name_lo="ກອງບັນຊາການທະຫານແຂວງຜົ້ງສາລີ"
        )
        people = [make_person(library, name_vi=f"Cán bộ {index:02d}") for index in range(16)]
        sizes = [("outgoing", 10)] * 12 + [("outgoing", 9)] * 63 + [("incoming", 16)] * 19 + [("incoming", 15)] * 72

        def delegation(direction: str, size: int, index: int, **more: Any) -> None:
            month = index % 12 + 1
            library.delegations.create(
                {
                    "direction": direction,
                    "purpose_vi": f"Đoàn {direction} số {index + 1}",
                    "own_unit_id": provinces[index % 3].id,
                    "start_date": date(year, month, 10),
                    "end_date": date(year, month, 12),
                    "status": "completed",
                    "decision_number": f"{index + 1}/QĐ-BCH",
                    "decision_date": date(year, month, 1),
                    "members": [{"person_id": person.id} for person in people[:size]],
                    "partner_units": [{"unit_id": partner.id}],
                    **more,
                },
                actor=SYSTEM,
            )

        for index, (direction, size) in enumerate(sizes):
            delegation(direction, size, index)
        # not counted: another region, a draft, a cancelled trip, the year before
        delegation("outgoing", 3, 0, own_unit_id=thanh_hoa.id)
        delegation("outgoing", 3, 1, status="draft", decision_number="", decision_date=None)
        delegation("incoming", 3, 2, status="cancelled", status_reason="Mưa lũ")
        delegation("outgoing", 3, 3, start_date=date(year - 1, 5, 1), end_date=date(year - 1, 5, 3))
    return {"qk2": qk2, "provinces": provinces, "partner": partner, "people": people}
