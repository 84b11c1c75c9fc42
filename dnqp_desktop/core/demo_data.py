"""The demonstration records, as plain data for ``demo.load_demo``.

Published facts come from PRODUCT.md and the Lao terms from GLOSSARY.md. Where the reports are
silent (a day of the month, when a rank was conferred, a decision number), the value is
illustrative and chosen only so that the published facts hold on the published dates; such values
are marked "illustrative". Lao spellings of Vietnamese place names and personal names are our own
transliterations unless GLOSSARY.md lists them; they are marked "unverified" and should be shown
to a Lao reader before anyone relies on them.

Records refer to each other through ``Ref`` keys, which the loader replaces with the ids the
services hand back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

VIENTIANE = ZoneInfo("Asia/Vientiane")
HANOI_TIME = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class Ref:
    """A demo record named by key, resolved to its id at load time (``U`` and ``P`` build them)."""

    kind: str  # "unit", "person", "talk", "agreement", "series"
    key: str


def U(key: str) -> Ref:
    return Ref("unit", key)


def P(key: str) -> Ref:
    return Ref("person", key)


Row = dict[str, Any]

# --- units -----------------------------------------------------------------------------------

MR_LO = "ກອງບັນຊາການທະຫານເຂດ"  # Quân khu N [V]
PMC_LO = "ກອງບັນຊາການທະຫານແຂວງ"  # Bộ Chỉ huy quân sự tỉnh [V]


def _region(number: int) -> Row:
    return {
        "country": "VN",
        "level": "military_region",
        "name_vi": f"Quân khu {number}",
        "name_lo": f"{MR_LO} {number}",
        "name_en": f"Military Region {number}",
        "short_name": f"QK{number}",
    }


def _province(country: str, name_vi: str, name_lo: str, name_en: str, **more: Any) -> Row:
    row: Row = {
        "country": country,
        "level": "province_command",
        "name_vi": f"Bộ Chỉ huy quân sự tỉnh {name_vi}",
        "name_en": f"{name_en} Provincial Military Command",
        "short_name": f"Bộ CHQS {name_vi}",
        **more,
    }
    if name_lo:
        row["name_lo"] = PMC_LO + name_lo
    return row


# fmt: off
UNITS: tuple[tuple[str, Row], ...] = (
    ("qk2", _region(2)),
    ("qk4", _region(4)),
    ("qk7", _region(7)),
    # Lao renderings of Thanh Hóa, Nghệ An, Tuyên Quang and Điện Biên: unverified.
    ("thanh_hoa", _province("VN", "Thanh Hóa", "ແທງຮວາ", "Thanh Hoa", parent_id=U("qk4"), is_own=True,
                            aliases=["Bộ CHQS tỉnh Thanh Hoá", "Thanh Hoá"])),
    ("nghe_an", _province("VN", "Nghệ An", "ເງະອານ", "Nghe An", parent_id=U("qk4"))),
    ("tuyen_quang", _province("VN", "Tuyên Quang", "ຕວຽນກວາງ", "Tuyen Quang", parent_id=U("qk2"))),
    ("dien_bien", _province("VN", "Điện Biên", "ດຽນບຽນ", "Dien Bien", parent_id=U("qk2"))),
    ("son_la", _province("VN", "Sơn La", "ເຊີນລາ", "Son La", parent_id=U("qk2"))),  # [V]
    ("tay_ninh", _province("VN", "Tây Ninh", "", "Tay Ninh", parent_id=U("qk7"))),
    # The 2025 reorganisation: a district command dissolved, a regional defence command in its
    # place. The district and the command's number are illustrative.
    ("quan_son", {
        "country": "VN", "level": "district_command", "parent_id": U("thanh_hoa"),
        "name_vi": "Ban Chỉ huy quân sự huyện Quan Sơn", "name_en": "Quan Son District Military Command",
        "short_name": "Ban CHQS Quan Sơn", "active_to": date(2025, 6, 30),
        "notes": "Giải thể theo Quyết định 2786/QĐ-BQP ngày 14/6/2025.",
    }),
    ("phong_thu_1", {
        "country": "VN", "level": "regional_defence_command", "parent_id": U("thanh_hoa"),
        "name_vi": "Ban Chỉ huy Phòng thủ khu vực 1 – Thanh Hóa", "name_en": "Regional Defence Command 1 (Thanh Hoa)",
        "short_name": "Ban CH PTKV 1", "active_from": date(2025, 7, 1),
    }),
    ("hua_phan", _province("LA", "Hủa Phăn", "ຫົວພັນ", "Houaphanh", address="Sầm Nưa, Hủa Phăn, Lào",
                           aliases=["Houaphanh", "Houaphan", "Hua Phan"])),
    ("phongsaly", _province("LA", "Phongsaly", "ຜົ້ງສາລີ", "Phongsaly",
                            aliases=["Phông Sa Lỳ", "Phông Xa Lỳ", "Phongsaly", "Phongsali"])),
    ("luang_prabang", _province("LA", "Luang Prabang", "ຫຼວງພະບາງ", "Luang Prabang",
                                aliases=["Luông Pha Băng", "Luông Phra Băng", "Louangphabang"])),
    ("oudomxay", _province("LA", "Oudomxay", "ອຸດົມໄຊ", "Oudomxay", aliases=["U Đôm Xay", "Oudomxai"])),
    ("xiangkhouang", _province("LA", "Xiangkhouang", "ຊຽງຂວາງ", "Xiangkhouang",
                               aliases=["Xiêng Khoảng", "Xieng Khouang"])),
    # Military Region 7 provinces twin with Cambodian units; this pair is illustrative.
    ("svay_rieng", {
        "country": "KH", "level": "province_command", "name_vi": "Bộ Chỉ huy quân sự tỉnh Svay Rieng (Campuchia)",
        "name_en": "Svay Rieng Provincial Military Command", "short_name": "Svay Rieng", "aliases": ["Xvây Riêng"],
    }),
)
# fmt: on

# --- people ----------------------------------------------------------------------------------


def _position(title_vi: str, title_lo: str, title_en: str, unit: str, since: date, until: date | None = None) -> Row:
    return {
        "title_vi": title_vi,
        "title_lo": title_lo,
        "title_en": title_en,
        "unit_id": U(unit),
        "since": since,
        "until": until,
    }


COMMANDER_LO = "ຫົວໜ້າ" + PMC_LO  # "ຫົວໜ້າ…" for Chỉ huy trưởng is unverified (GLOSSARY §1)

# fmt: off
PEOPLE: tuple[tuple[str, Row], ...] = (
    # Real people, with the rank and post the reports give for the dates they give. When the rank
    # or post began, and the passports, are illustrative.
    ("dang_van_long", {
        "name_vi": "Đặng Văn Long", "name_en": "Dang Van Long", "unit_id": U("tuyen_quang"),
        "ranks": [{"rank": "colonel", "since": date(2019, 7, 1)}],
        "positions": [_position("Chỉ huy trưởng", COMMANDER_LO + "ຕວຽນກວາງ", "Commander", "tuyen_quang",
                                date(2021, 3, 1))],
        "passports": [{"number": "C2847193", "kind": "official", "issued_on": date(2023, 1, 10),
                       "expires_on": date(2028, 1, 10)}],
    }),
    ("xiengpheng", {
        # The surname in Lao script is our transliteration (unverified); ຊຽງເພັງ is in PRODUCT.md.
        "name_vi": "Xiêng-pheng Bua-lả-vông", "name_lo": "ຊຽງເພັງ ບົວລະວົງ", "name_en": "Xiengpheng Bualavong",
        "aliases": ["Xiengpheng Bualavong", "Xiêng Phêng", "Xiengpheng"], "unit_id": U("phongsaly"),
        "ranks": [{"rank": "major_general", "since": date(2020, 1, 1)}],
        "positions": [_position("Chỉ huy trưởng", COMMANDER_LO + "ຜົ້ງສາລີ", "Commander", "phongsaly",
                                date(2020, 1, 1))],
    }),
    ("nguyen_thang_xuan", {
        "name_vi": "Nguyễn Thắng Xuân", "name_en": "Nguyen Thang Xuan", "unit_id": U("dien_bien"),
        "notes": "Cấp bậc, chức vụ theo văn bản ký tháng 5/2015; quá trình công tác sau đó chưa cập nhật.",
        "ranks": [{"rank": "colonel", "since": date(2012, 1, 1)}],
        "positions": [_position("Chính ủy", "ຫົວໜ້າການເມືອງ" + PMC_LO + "ດຽນບຽນ", "Political Commissar",
                                "dien_bien", date(2015, 1, 1))],
    }),
    ("bun_chan", {
        # Lao script and English spelling are our transliterations (unverified); his post is
        # assumed - the reports give only his rank.
        "name_vi": "Bun Chăn Vị Lay Chít", "name_lo": "ບຸນຈັນ ວິໄລຈິດ", "name_en": "Bounchanh Vilaychit",
        "aliases": ["Bounchanh Vilaychit", "Bun Chan Vi Lay Chit"], "unit_id": U("luang_prabang"),
        "ranks": [{"rank": "major_general", "since": date(2013, 1, 1)}],
        "positions": [_position("Chỉ huy trưởng", COMMANDER_LO + "ຫຼວງພະບາງ", "Commander", "luang_prabang",
                                date(2013, 1, 1))],
    }),
    # Illustrative people: not real office-holders.
    ("th_commander", {
        "name_vi": "Lê Minh Quang", "name_en": "Le Minh Quang", "unit_id": U("thanh_hoa"),
        "notes": "Nhân vật minh họa trong dữ liệu mẫu.",
        "ranks": [{"rank": "senior_lieutenant_colonel", "since": date(2018, 7, 1), "until": date(2022, 6, 30)},
                  {"rank": "colonel", "since": date(2022, 7, 1)}],
        "positions": [
            _position("Phó Chỉ huy trưởng", "ຮອງ" + COMMANDER_LO + "ແທງຮວາ", "Deputy Commander", "thanh_hoa",
                      date(2019, 1, 1), date(2023, 3, 31)),
            _position("Chỉ huy trưởng", COMMANDER_LO + "ແທງຮວາ", "Commander", "thanh_hoa", date(2023, 4, 1)),
        ],
        "passports": [{"number": "C3051862", "kind": "official", "issued_on": date(2024, 3, 5),
                       "expires_on": date(2029, 3, 5)}],
    }),
    ("th_commissar", {
        "name_vi": "Trần Văn Thịnh", "name_en": "Tran Van Thinh", "unit_id": U("thanh_hoa"),
        "notes": "Nhân vật minh họa trong dữ liệu mẫu.",
        "ranks": [{"rank": "colonel", "since": date(2020, 1, 1)}],
        "positions": [_position("Chính ủy", "ຫົວໜ້າການເມືອງ" + PMC_LO + "ແທງຮວາ", "Political Commissar",
                                "thanh_hoa", date(2022, 9, 1))],
    }),
    ("th_deputy_staff", {
        # Holds only a passport that has already expired.
        "name_vi": "Phạm Đức Tùng", "name_en": "Pham Duc Tung", "unit_id": U("thanh_hoa"),
        "notes": "Nhân vật minh họa trong dữ liệu mẫu.",
        "ranks": [{"rank": "lieutenant_colonel", "since": date(2021, 1, 1)}],
        "positions": [_position("Phó Tham mưu trưởng", "ຮອງຫົວໜ້າເສນາທິການ", "Deputy Chief of Staff",
                                "thanh_hoa", date(2023, 1, 1))],
        "passports": [{"number": "B1736204", "kind": "official", "issued_on": date(2020, 9, 30),
                       "expires_on": date(2025, 9, 30)}],
    }),
    ("th_interpreter", {
        # Liaison officer and interpreter; her passport runs out within six months of 2026-06-01.
        # Her name in Lao script is our transliteration (unverified).
        "name_vi": "Vi Thị Lan", "name_lo": "ວີ ທິ ລານ", "name_en": "Vi Thi Lan", "unit_id": U("thanh_hoa"),
        "notes": "Nhân vật minh họa trong dữ liệu mẫu.",
        "ranks": [{"rank": "captain", "since": date(2019, 9, 1), "until": date(2023, 8, 31)},
                  {"rank": "major", "since": date(2023, 9, 1)}],
        "positions": [_position("Trợ lý đối ngoại, phiên dịch tiếng Lào", "ຜູ້ຊ່ວຍວຽກງານການຕ່າງປະເທດ ແລະ ນາຍພາສາລາວ",
                                "Foreign affairs officer, Lao interpreter", "thanh_hoa", date(2019, 9, 1))],
        "passports": [{"number": "C1942057", "kind": "official", "issued_on": date(2021, 11, 30),
                       "expires_on": date(2026, 11, 30)}],
    }),
    ("hp_commander", {
        # Name and its Lao spelling are illustrative.
        "name_vi": "Khăm-phon Xay-nha-vông", "name_lo": "ຄຳພອນ ໄຊຍະວົງ", "name_en": "Khamphon Xaiyavong",
        "aliases": ["Khamphone Xayavong"], "unit_id": U("hua_phan"), "notes": "Nhân vật minh họa trong dữ liệu mẫu.",
        "ranks": [{"rank": "colonel", "since": date(2019, 1, 1)}],
        "positions": [_position("Chỉ huy trưởng", COMMANDER_LO + "ຫົວພັນ", "Commander", "hua_phan",
                                date(2021, 6, 1))],
    }),
)
# fmt: on

# --- talks -----------------------------------------------------------------------------------

THANH_HOA_HUA_PHAN_SERIES = Ref("series", "thanh_hoa_hua_phan_annual")

# fmt: off
TALKS: tuple[tuple[str, Row], ...] = (
    ("tq_psl_2024", {
        "kind": "twinning_review",
        "title_vi": "Hội đàm đánh giá kết quả kết nghĩa giữa Bộ CHQS tỉnh Tuyên Quang và Bộ CHQS tỉnh Phongsaly",
        "title_lo": "ການໂອ້ລົມເຈລະຈາ ຕີລາຄາຜົນການແຮກສ່ຽວ ລະຫວ່າງ ກອງບັນຊາການທະຫານແຂວງຕວຽນກວາງ ແລະ "
                    "ກອງບັນຊາການທະຫານແຂວງຜົ້ງສາລີ",
        "start_at": datetime(2024, 4, 24, 8, 0, tzinfo=VIENTIANE),
        "end_at": datetime(2024, 4, 24, 11, 30, tzinfo=VIENTIANE),
        "timezone": "Asia/Vientiane", "place_vi": "Tỉnh Phongsaly, Lào", "place_lo": "ແຂວງຜົ້ງສາລີ",
        "host_unit_id": U("phongsaly"), "status": "held",
        "units": [{"unit_id": U("tuyen_quang")}, {"unit_id": U("phongsaly")}],
        "participants": [{"person_id": P("dang_van_long"), "role": "chair"},
                         {"person_id": P("xiengpheng"), "role": "chair"}],
        "agenda": "1. Đánh giá kết quả thực hiện kết nghĩa.\n2. Thống nhất hoạt động kết nghĩa năm 2024.",
        "minutes": "Hai bên đánh giá kết quả kết nghĩa từ năm 2017 và ký Bản ghi nhớ về các hoạt động "
                   "kết nghĩa năm 2024.",
    }),
    ("db_briefing_2025", {
        # The date is illustrative: Điện Biên holds such briefings periodically.
        "kind": "periodic_briefing",
        "title_vi": "Giao ban định kỳ giữa Bộ CHQS tỉnh Điện Biên và Bộ CHQS các tỉnh Luang Prabang, "
                    "Phongsaly, Oudomxay",
        "title_lo": "ກອງປະຊຸມປະຈຳໄລຍະ ລະຫວ່າງ ກອງບັນຊາການທະຫານແຂວງດຽນບຽນ ແລະ ກອງບັນຊາການທະຫານແຂວງ "
                    "ຫຼວງພະບາງ, ຜົ້ງສາລີ, ອຸດົມໄຊ",
        "start_at": datetime(2025, 3, 20, 8, 0, tzinfo=HANOI_TIME), "timezone": "Asia/Ho_Chi_Minh",
        "place_vi": "Bộ CHQS tỉnh Điện Biên", "place_lo": PMC_LO + "ດຽນບຽນ",
        "host_unit_id": U("dien_bien"), "status": "held",
        "units": [{"unit_id": U(key)} for key in ("dien_bien", "luang_prabang", "phongsaly", "oudomxay")],
        "agenda": "Trao đổi tình hình trên tuyến biên giới dài 360 km; phối hợp tìm kiếm, quy tập hài cốt liệt sĩ.",
        "minutes": "Các bên thông báo tình hình biên giới và thống nhất kế hoạch phối hợp năm 2025.",
    }),
    ("th_hp_2025", {
        "kind": "annual_talks",
        "title_vi": "Hội đàm thường niên năm 2025 giữa Bộ CHQS tỉnh Thanh Hóa và Bộ CHQS tỉnh Hủa Phăn",
        "title_lo": "ການໂອ້ລົມເຈລະຈາປະຈຳປີ 2025 ລະຫວ່າງ ກອງບັນຊາການທະຫານແຂວງແທງຮວາ ແລະ ກອງບັນຊາການທະຫານແຂວງຫົວພັນ",
        "start_at": datetime(2025, 5, 22, 8, 0, tzinfo=VIENTIANE),
        "end_at": datetime(2025, 5, 22, 16, 30, tzinfo=VIENTIANE),
        "timezone": "Asia/Vientiane", "place_vi": "Sầm Nưa, tỉnh Hủa Phăn", "place_lo": "ຊຳເໜືອ, ແຂວງຫົວພັນ",
        "host_unit_id": U("hua_phan"), "status": "held", "series_id": THANH_HOA_HUA_PHAN_SERIES,
        "units": [{"unit_id": U("thanh_hoa")}, {"unit_id": U("hua_phan")}],
        "participants": [{"person_id": P("th_commander"), "role": "chair"},
                         {"person_id": P("hp_commander"), "role": "chair"},
                         {"person_id": P("th_interpreter"), "role": "interpreter"}],
        "agenda": "1. Đánh giá kết quả hợp tác năm 2024.\n2. Ký Thỏa thuận hợp tác năm 2025.",
        "minutes": "Hai bên đánh giá kết quả hợp tác năm 2024, trong đó mùa khô 2023–2024 quy tập 16 bộ hài cốt "
                   "liệt sĩ, đạt 106,66% kế hoạch; ký Thỏa thuận hợp tác quân sự, quốc phòng năm 2025.",
    }),
    ("tq_psl_2027", {
        "kind": "twinning_review",
        "title_vi": "Hội đàm kết nghĩa năm 2027 giữa Bộ CHQS tỉnh Tuyên Quang và Bộ CHQS tỉnh Phongsaly",
        "title_lo": "ການໂອ້ລົມເຈລະຈາແຮກສ່ຽວ ປີ 2027 ລະຫວ່າງ ກອງບັນຊາການທະຫານແຂວງຕວຽນກວາງ ແລະ "
                    "ກອງບັນຊາການທະຫານແຂວງຜົ້ງສາລີ",
        "start_at": datetime(2027, 4, 22, 8, 0, tzinfo=HANOI_TIME), "timezone": "Asia/Ho_Chi_Minh",
        "place_vi": "Bộ CHQS tỉnh Tuyên Quang", "host_unit_id": U("tuyen_quang"), "status": "planned",
        "units": [{"unit_id": U("tuyen_quang")}, {"unit_id": U("phongsaly")}],
    }),
    ("th_hp_2027", {
        "kind": "annual_talks",
        "title_vi": "Hội đàm thường niên năm 2027 giữa Bộ CHQS tỉnh Thanh Hóa và Bộ CHQS tỉnh Hủa Phăn",
        "title_lo": "ການໂອ້ລົມເຈລະຈາປະຈຳປີ 2027 ລະຫວ່າງ ກອງບັນຊາການທະຫານແຂວງແທງຮວາ ແລະ ກອງບັນຊາການທະຫານແຂວງຫົວພັນ",
        "start_at": datetime(2027, 5, 20, 8, 0, tzinfo=VIENTIANE), "timezone": "Asia/Vientiane",
        "place_vi": "Sầm Nưa, tỉnh Hủa Phăn", "place_lo": "ຊຳເໜືອ, ແຂວງຫົວພັນ",
        "host_unit_id": U("hua_phan"), "status": "confirmed", "series_id": THANH_HOA_HUA_PHAN_SERIES,
        "units": [{"unit_id": U("thanh_hoa")}, {"unit_id": U("hua_phan")}],
        "agenda": "1. Đánh giá kết quả hợp tác năm 2026.\n2. Ký Thỏa thuận hợp tác năm 2027.",
    }),
)
# fmt: on

# --- agreements ------------------------------------------------------------------------------


def _articles(*rows: tuple[int | None, str, str, str, str]) -> list[Row]:
    """(chapter position, title vi, title lo, body vi, body lo) per article."""
    keys = ("chapter_position", "title_vi", "title_lo", "body_vi", "body_lo")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def _signatory(person: str, unit: str) -> Row:
    """Rank and post are filled in by the loader from the person's history on the signing day."""
    return {"person_id": P(person), "unit_id": U(unit)}


# fmt: off
AGREEMENTS: tuple[tuple[str, Row], ...] = (
    ("dien_bien_regulation", {
        # May 2015, 3 chapters and 11 articles, the signatories: published. The day, place, number
        # and symbol, and the wording of the articles: illustrative.
        "kind": "twinning_regulation", "number": "05", "symbol": "QC-ĐB-LPB",
        "title_vi": "Quy chế kết nghĩa giữa Bộ Chỉ huy quân sự tỉnh Điện Biên và Bộ Chỉ huy quân sự tỉnh Luang Prabang",
        "title_lo": "ລະບຽບການແຮກສ່ຽວ ລະຫວ່າງ ກອງບັນຊາການທະຫານແຂວງດຽນບຽນ ແລະ ກອງບັນຊາການທະຫານແຂວງຫຼວງພະບາງ",
        "place_vi": "Điện Biên", "place_lo": "ດຽນບຽນ", "signed_on": date(2015, 5, 15),
        "valid_from": date(2015, 5, 15), "status": "signed", "originals_count": 4,
        "parties": [{"unit_id": U("dien_bien")}, {"unit_id": U("luang_prabang")}],
        "signatories": [_signatory("nguyen_thang_xuan", "dien_bien"), _signatory("bun_chan", "luang_prabang")],
        "chapters": [
            {"title_vi": "Những quy định chung", "title_lo": "ບົດບັນຍັດທົ່ວໄປ"},
            {"title_vi": "Nội dung hợp tác", "title_lo": "ເນື້ອໃນການຮ່ວມມື"},
            {"title_vi": "Tổ chức thực hiện", "title_lo": "ການຈັດຕັ້ງປະຕິບັດ"},
        ],
        "articles": _articles(
            (0, "Mục đích", "ຈຸດປະສົງ",
             "Quy chế này quy định nội dung, hình thức tổ chức hoạt động kết nghĩa giữa hai Bộ Chỉ huy quân sự "
             "tỉnh, nhằm tăng cường quan hệ hữu nghị vĩ đại, đoàn kết đặc biệt Việt Nam – Lào.",
             "ລະບຽບການສະບັບນີ້ ກຳນົດເນື້ອໃນ ແລະ ຮູບການຈັດຕັ້ງການເຄື່ອນໄຫວແຮກສ່ຽວ ລະຫວ່າງກອງບັນຊາການທະຫານແຂວງທັງສອງ "
             "ເພື່ອເພີ່ມທະວີສາຍພົວພັນມິດຕະພາບອັນຍິ່ງໃຫຍ່ ແລະ ຄວາມສາມັກຄີພິເສດ ລາວ-ຫວຽດນາມ."),
            (0, "Nguyên tắc", "ຫຼັກການ",
             "Hoạt động kết nghĩa tuân thủ pháp luật của mỗi nước; tôn trọng độc lập, chủ quyền, bình đẳng, "
             "cùng có lợi.",
             "ການເຄື່ອນໄຫວແຮກສ່ຽວ ປະຕິບັດຕາມກົດໝາຍຂອງແຕ່ລະປະເທດ; ເຄົາລົບເອກະລາດ, ອະທິປະໄຕ, ສະເໝີພາບ "
             "ແລະ ຕ່າງຝ່າຍຕ່າງມີຜົນປະໂຫຍດ."),
            (0, "Phạm vi áp dụng", "ຂອບເຂດການນຳໃຊ້",
             "Quy chế áp dụng đối với các cơ quan, đơn vị thuộc hai Bộ Chỉ huy quân sự tỉnh.",
             "ລະບຽບການສະບັບນີ້ ນຳໃຊ້ກັບບັນດາກົມກອງ ທີ່ຂຶ້ນກັບກອງບັນຊາການທະຫານແຂວງທັງສອງ."),
            (1, "Trao đổi thông tin", "ການແລກປ່ຽນຂໍ້ມູນຂ່າວສານ",
             "Hai bên định kỳ trao đổi thông tin về tình hình biên giới và các vấn đề quốc phòng, an ninh "
             "có liên quan.",
             "ສອງຝ່າຍແລກປ່ຽນຂໍ້ມູນຂ່າວສານເປັນປະຈຳ ກ່ຽວກັບສະພາບການຊາຍແດນ ແລະ ບັນຫາປ້ອງກັນຊາດ-ປ້ອງກັນຄວາມສະຫງົບ "
             "ທີ່ກ່ຽວຂ້ອງ."),
            (1, "Trao đổi đoàn", "ການແລກປ່ຽນຄະນະຜູ້ແທນ",
             "Hằng năm hai bên trao đổi đoàn các cấp và thăm hỏi nhau vào các ngày lễ, tết truyền thống.",
             "ແຕ່ລະປີ ສອງຝ່າຍແລກປ່ຽນຄະນະຜູ້ແທນທຸກຂັ້ນ ແລະ ຢ້ຽມຢາມຖາມຂ່າວກັນ ໃນໂອກາດບຸນປະເພນີ ແລະ ວັນສຳຄັນ."),
            (1, "Hội đàm thường niên", "ການໂອ້ລົມເຈລະຈາປະຈຳປີ",
             "Hai bên tổ chức hội đàm hằng năm, luân phiên đăng cai, để đánh giá kết quả và thống nhất kế hoạch "
             "năm sau.",
             "ສອງຝ່າຍຈັດການໂອ້ລົມເຈລະຈາປະຈຳປີ ໂດຍຜັດປ່ຽນກັນເປັນເຈົ້າພາບ ເພື່ອຕີລາຄາຜົນໄດ້ຮັບ "
             "ແລະ ເປັນເອກະພາບແຜນການຂອງປີຕໍ່ໄປ."),
            (1, "Phối hợp quản lý, bảo vệ biên giới", "ການປະສານສົມທົບປົກປັກຮັກສາຊາຍແດນ",
             "Hai bên phối hợp tuần tra, phòng chống buôn bán ma túy và xuất nhập cảnh trái phép trên tuyến biên giới.",
             "ສອງຝ່າຍປະສານສົມທົບກັນລາດຕະເວນ, ປ້ອງກັນ ແລະ ຕ້ານການຄ້າຢາເສບຕິດ ແລະ ການຂ້າມແດນຜິດກົດໝາຍ "
             "ຕາມເສັ້ນຊາຍແດນ."),
            (1, "Tìm kiếm, quy tập hài cốt liệt sĩ", "ການຂຸດຄົ້ນ ແລະ ສົ່ງອັດຖິກັບຄືນປະເທດ",
             "Hai bên phối hợp tìm kiếm, quy tập và hồi hương hài cốt liệt sĩ quân tình nguyện và chuyên gia "
             "Việt Nam hy sinh trên địa bàn tỉnh Luang Prabang.",
             "ສອງຝ່າຍປະສານສົມທົບກັນ ຂຸດຄົ້ນ ແລະ ສົ່ງອັດຖິ ທະຫານອາສາສະໝັກ ແລະ ຊ່ຽວຊານຫວຽດນາມ "
             "ທີ່ເສຍສະລະຢູ່ແຂວງຫຼວງພະບາງ ກັບຄືນປະເທດ."),
            (1, "Đào tạo, giúp đỡ", "ການບຳລຸງ ແລະ ການຊ່ວຍເຫຼືອ",
             "Bộ Chỉ huy quân sự tỉnh Điện Biên giúp đào tạo tiếng Việt và bồi dưỡng cán bộ cho Bộ Chỉ huy quân sự "
             "tỉnh Luang Prabang theo khả năng.",
             "ກອງບັນຊາການທະຫານແຂວງດຽນບຽນ ຊ່ວຍບຳລຸງພາສາຫວຽດນາມ ແລະ ບຳລຸງພະນັກງານ "
             "ໃຫ້ແກ່ກອງບັນຊາການທະຫານແຂວງຫຼວງພະບາງ ຕາມຄວາມສາມາດ."),
            (2, "Trách nhiệm thi hành", "ຄວາມຮັບຜິດຊອບໃນການຈັດຕັ້ງປະຕິບັດ",
             "Chỉ huy hai Bộ Chỉ huy quân sự tỉnh chỉ đạo thực hiện Quy chế; hằng năm sơ kết, 5 năm tổng kết.",
             "ຄະນະບັນຊາການຂອງກອງບັນຊາການທະຫານແຂວງທັງສອງ ຊີ້ນຳການຈັດຕັ້ງປະຕິບັດລະບຽບການສະບັບນີ້; "
             "ສະຫຼຸບປະຈຳປີ ແລະ ສະຫຼຸບຄືນທຸກໆ 5 ປີ."),
            (2, "Hiệu lực thi hành", "ຜົນສັກສິດ",
             "Quy chế có hiệu lực kể từ ngày ký, được lập thành 04 bản bằng tiếng Việt và tiếng Lào, "
             "có giá trị như nhau.",
             "ລະບຽບການສະບັບນີ້ ມີຜົນສັກສິດນັບແຕ່ວັນລົງນາມ, ເຮັດເປັນ 4 ສະບັບ ເປັນພາສາຫວຽດນາມ ແລະ ພາສາລາວ "
             "ມີຄຸນຄ່າເທົ່າທຽມກັນ."),
        ),
    }),
    ("tq_psl_mou_2024", {
        # Number, symbol and the wording of the articles are illustrative. The Lao for "memorandum of
        # understanding" is unverified (GLOSSARY §1).
        "kind": "memorandum", "number": "01", "symbol": "BGN-TQ-PSL",
        "title_vi": "Bản ghi nhớ về các hoạt động kết nghĩa năm 2024 giữa Bộ Chỉ huy quân sự tỉnh Tuyên Quang "
                    "và Bộ Chỉ huy quân sự tỉnh Phongsaly",
        "title_lo": "ບົດບັນທຶກຄວາມເຂົ້າໃຈ ວ່າດ້ວຍການເຄື່ອນໄຫວແຮກສ່ຽວ ປີ 2024 ລະຫວ່າງ ກອງບັນຊາການທະຫານແຂວງຕວຽນກວາງ "
                    "ແລະ ກອງບັນຊາການທະຫານແຂວງຜົ້ງສາລີ",
        "place_vi": "Phongsaly", "place_lo": "ຜົ້ງສາລີ", "signed_on": date(2024, 4, 24),
        "valid_from": date(2024, 1, 1), "valid_to": date(2024, 12, 31), "status": "signed",
        "talk_id": Ref("talk", "tq_psl_2024"),
        "parties": [{"unit_id": U("tuyen_quang")}, {"unit_id": U("phongsaly")}],
        "signatories": [_signatory("dang_van_long", "tuyen_quang"), _signatory("xiengpheng", "phongsaly")],
        "articles": _articles(
            (None, "Trao đổi đoàn", "ການແລກປ່ຽນຄະນະຜູ້ແທນ",
             "Hai bên trao đổi đoàn cán bộ vào dịp kỷ niệm ngày thành lập quân đội mỗi nước.",
             "ສອງຝ່າຍແລກປ່ຽນຄະນະຜູ້ແທນພະນັກງານ ໃນໂອກາດວັນສ້າງຕັ້ງກອງທັບຂອງແຕ່ລະປະເທດ."),
            (None, "Giúp đỡ, hỗ trợ", "ການຊ່ວຍເຫຼືອ",
             "Bộ Chỉ huy quân sự tỉnh Tuyên Quang hỗ trợ Bộ Chỉ huy quân sự tỉnh Phongsaly đào tạo tiếng Việt "
             "và một số trang thiết bị.",
             "ກອງບັນຊາການທະຫານແຂວງຕວຽນກວາງ ຊ່ວຍເຫຼືອກອງບັນຊາການທະຫານແຂວງຜົ້ງສາລີ ດ້ານການບຳລຸງພາສາຫວຽດນາມ "
             "ແລະ ອຸປະກອນຈຳນວນໜຶ່ງ."),
            (None, "Tổ chức thực hiện", "ການຈັດຕັ້ງປະຕິບັດ",
             "Cơ quan tham mưu hai bên theo dõi, đôn đốc và sơ kết việc thực hiện vào cuối năm 2024.",
             "ພາກສ່ວນເສນາທິການຂອງສອງຝ່າຍ ຕິດຕາມ, ຊຸກຍູ້ ແລະ ສະຫຼຸບການຈັດຕັ້ງປະຕິບັດ ໃນທ້າຍປີ 2024."),
        ),
    }),
    ("th_hp_2025", {
        # Number, symbol and the wording of the articles are illustrative.
        "kind": "annual_cooperation", "number": "01", "symbol": "TTHT-TH-HP",
        "title_vi": "Thỏa thuận hợp tác quân sự, quốc phòng năm 2025 giữa Bộ Chỉ huy quân sự tỉnh Thanh Hóa "
                    "và Bộ Chỉ huy quân sự tỉnh Hủa Phăn",
        "title_lo": "ຂໍ້ຕົກລົງວ່າດ້ວຍການຮ່ວມມືດ້ານການທະຫານ ແລະ ປ້ອງກັນປະເທດ ປີ 2025 ລະຫວ່າງ "
                    "ກອງບັນຊາການທະຫານແຂວງແທງຮວາ ແລະ ກອງບັນຊາການທະຫານແຂວງຫົວພັນ",
        "place_vi": "Sầm Nưa", "place_lo": "ຊຳເໜືອ", "signed_on": date(2025, 5, 22),
        "valid_from": date(2025, 1, 1), "valid_to": date(2025, 12, 31), "status": "signed", "originals_count": 4,
        "talk_id": Ref("talk", "th_hp_2025"),
        "preamble_vi": "Căn cứ kết quả hội đàm ngày 22 tháng 5 năm 2025 tại Sầm Nưa, hai bên thống nhất "
                       "các nội dung hợp tác năm 2025 như sau:",
        "preamble_lo": "ອີງຕາມຜົນຂອງການໂອ້ລົມເຈລະຈາ ວັນທີ 22 ພຶດສະພາ 2025 ທີ່ຊຳເໜືອ, ສອງຝ່າຍເປັນເອກະພາບກັນ "
                       "ກ່ຽວກັບເນື້ອໃນການຮ່ວມມືປີ 2025 ດັ່ງນີ້:",
        "parties": [{"unit_id": U("thanh_hoa")}, {"unit_id": U("hua_phan")}],
        "signatories": [_signatory("th_commander", "thanh_hoa"), _signatory("hp_commander", "hua_phan")],
        "articles": _articles(
            (None, "Trao đổi đoàn và thông tin", "ການແລກປ່ຽນຄະນະຜູ້ແທນ ແລະ ຂໍ້ມູນຂ່າວສານ",
             "Hai bên duy trì trao đổi đoàn các cấp, thông báo kịp thời cho nhau tình hình quốc phòng, an ninh "
             "trên tuyến biên giới.",
             "ສອງຝ່າຍຮັກສາການແລກປ່ຽນຄະນະຜູ້ແທນທຸກຂັ້ນ, ແຈ້ງໃຫ້ກັນຊາບຢ່າງທັນການ ກ່ຽວກັບສະພາບການ "
             "ປ້ອງກັນຊາດ-ປ້ອງກັນຄວາມສະຫງົບ ຕາມເສັ້ນຊາຍແດນ."),
            (None, "Tìm kiếm, quy tập hài cốt liệt sĩ", "ການຂຸດຄົ້ນ ແລະ ສົ່ງອັດຖິກັບຄືນປະເທດ",
             "Hai bên phối hợp tìm kiếm, quy tập và hồi hương hài cốt liệt sĩ quân tình nguyện và chuyên gia "
             "Việt Nam hy sinh trên địa bàn tỉnh Hủa Phăn.",
             "ສອງຝ່າຍປະສານສົມທົບກັນ ຂຸດຄົ້ນ ແລະ ສົ່ງອັດຖິ ທະຫານອາສາສະໝັກ ແລະ ຊ່ຽວຊານຫວຽດນາມ "
             "ທີ່ເສຍສະລະຢູ່ແຂວງຫົວພັນ ກັບຄືນປະເທດ."),
            (None, "Đào tạo, huấn luyện", "ການບຳລຸງ ແລະ ຝຶກອົບຮົມ",
             "Bộ Chỉ huy quân sự tỉnh Thanh Hóa giúp đào tạo tiếng Việt và bồi dưỡng nghiệp vụ cho cán bộ, "
             "chiến sĩ Bộ Chỉ huy quân sự tỉnh Hủa Phăn.",
             "ກອງບັນຊາການທະຫານແຂວງແທງຮວາ ຊ່ວຍບຳລຸງພາສາຫວຽດນາມ ແລະ ວິຊາສະເພາະ ໃຫ້ແກ່ພະນັກງານ-ນັກຮົບ "
             "ກອງບັນຊາການທະຫານແຂວງຫົວພັນ."),
            (None, "Hiệu lực", "ຜົນສັກສິດ",
             "Thỏa thuận áp dụng cho các hoạt động từ ngày 01 tháng 01 đến ngày 31 tháng 12 năm 2025, được lập "
             "thành 04 bản, 02 bản tiếng Việt và 02 bản tiếng Lào, có giá trị như nhau.",
             "ຂໍ້ຕົກລົງສະບັບນີ້ ນຳໃຊ້ສຳລັບການເຄື່ອນໄຫວ ແຕ່ວັນທີ 1 ມັງກອນ ຫາ ວັນທີ 31 ທັນວາ 2025, ເຮັດເປັນ 4 ສະບັບ, "
             "ພາສາຫວຽດນາມ 2 ສະບັບ ແລະ ພາສາລາວ 2 ສະບັບ, ມີຄຸນຄ່າເທົ່າທຽມກັນ."),
        ),
    }),
)
# fmt: on

# --- twinnings -------------------------------------------------------------------------------

# fmt: off
TWINNINGS: tuple[Row, ...] = (
    {"unit_a_id": U("tuyen_quang"), "unit_b_id": U("phongsaly"), "since": date(2017, 1, 1),
     "notes": "Kết nghĩa từ năm 2017; ngày cụ thể chưa xác minh."},
    {"unit_a_id": U("dien_bien"), "unit_b_id": U("luang_prabang"), "since": date(2015, 5, 15),
     "regulation_id": Ref("agreement", "dien_bien_regulation")},
    {"unit_a_id": U("thanh_hoa"), "unit_b_id": U("hua_phan")},
    {"unit_a_id": U("son_la"), "unit_b_id": U("xiangkhouang")},
    {"unit_a_id": U("tay_ninh"), "unit_b_id": U("svay_rieng"), "notes": "Cặp kết nghĩa minh họa."},
)
# fmt: on

# --- delegations -----------------------------------------------------------------------------

NA_MEO = "Cửa khẩu quốc tế Na Mèo"
NA_MEO_ROUTE = "Thanh Hóa – cửa khẩu Na Mèo / Nậm Xôi – Sầm Nưa"

# fmt: off
DELEGATIONS: tuple[Row, ...] = (
    {
        # Decision number and date, cost and gifts: illustrative.
        "direction": "outgoing", "own_unit_id": U("thanh_hoa"), "partner_units": [{"unit_id": U("hua_phan")}],
        "purpose_vi": "Dự hội đàm và ký Thỏa thuận hợp tác năm 2025 với Bộ CHQS tỉnh Hủa Phăn",
        "purpose_lo": "ເຂົ້າຮ່ວມການໂອ້ລົມເຈລະຈາ ແລະ ລົງນາມຂໍ້ຕົກລົງວ່າດ້ວຍການຮ່ວມມື ປີ 2025 "
                      "ກັບກອງບັນຊາການທະຫານແຂວງຫົວພັນ",
        "head_person_id": P("th_commander"),
        "members": [{"person_id": P("th_commander"), "role": "head"},
                    {"person_id": P("th_interpreter"), "role": "interpreter"}],
        "start_date": date(2025, 5, 21), "end_date": date(2025, 5, 23),
        "border_gate": NA_MEO, "route": NA_MEO_ROUTE, "cost_vnd": 85_000_000,
        "gifts": "Tranh sơn mài, đặc sản Thanh Hóa.",
        "status": "approved", "decision_number": "215/QĐ-BCH", "decision_date": date(2025, 5, 12),
        "approver_person_id": P("th_commissar"),
    },
    {
        # Modelled on the exchange reported for the 80th anniversary of the Vietnam People's Army
        # (December 2024); the details are illustrative.
        "direction": "incoming", "own_unit_id": U("thanh_hoa"), "partner_units": [{"unit_id": U("hua_phan")}],
        "purpose_vi": "Thăm, chúc mừng 80 năm Ngày thành lập Quân đội nhân dân Việt Nam",
        "purpose_lo": "ຢ້ຽມຢາມ ແລະ ສະແດງຄວາມຍິນດີ ເນື່ອງໃນໂອກາດວັນສ້າງຕັ້ງກອງທັບປະຊາຊົນຫວຽດນາມ ຄົບຮອບ 80 ປີ",
        "head_person_id": P("hp_commander"), "members": [{"person_id": P("hp_commander"), "role": "head"}],
        "start_date": date(2024, 12, 15), "end_date": date(2024, 12, 16), "border_gate": NA_MEO,
        "status": "completed", "decision_number": "1890/QĐ-BCH", "decision_date": date(2024, 12, 5),
        "report": "Đoàn đã thăm Bộ CHQS tỉnh Thanh Hóa và giao lưu văn nghệ; hai bên trao đổi kế hoạch hợp tác "
                  "năm 2025.",
    },
    {
        # Waiting for approval; the head's passport has expired and the interpreter's runs out
        # before the trip, so the passport check has something to say.
        "direction": "outgoing", "own_unit_id": U("thanh_hoa"), "partner_units": [{"unit_id": U("hua_phan")}],
        "purpose_vi": "Khảo sát, thống nhất kế hoạch tìm kiếm, quy tập hài cốt liệt sĩ mùa khô 2026–2027",
        "purpose_lo": "ສຳຫຼວດ ແລະ ເປັນເອກະພາບແຜນການຂຸດຄົ້ນອັດຖິ ລະດູແລ້ງ 2026–2027",
        "head_person_id": P("th_deputy_staff"),
        "members": [{"person_id": P("th_deputy_staff"), "role": "head"},
                    {"person_id": P("th_interpreter"), "role": "interpreter"}],
        "start_date": date(2027, 1, 12), "end_date": date(2027, 1, 15),
        "border_gate": NA_MEO, "route": NA_MEO_ROUTE, "status": "submitted",
    },
    {
        "direction": "outgoing", "own_unit_id": U("thanh_hoa"), "partner_units": [{"unit_id": U("hua_phan")}],
        "purpose_vi": "Dự hội đàm thường niên năm 2027 tại Sầm Nưa",
        "purpose_lo": "ເຂົ້າຮ່ວມການໂອ້ລົມເຈລະຈາປະຈຳປີ 2027 ທີ່ຊຳເໜືອ",
        "head_person_id": P("th_commander"),
        "members": [{"person_id": P("th_commander"), "role": "head"},
                    {"person_id": P("th_deputy_staff"), "role": "member"},
                    {"person_id": P("th_interpreter"), "role": "interpreter"}],
        "start_date": date(2027, 5, 19), "end_date": date(2027, 5, 21),
        "border_gate": NA_MEO, "route": NA_MEO_ROUTE, "status": "draft",
    },
)
# fmt: on

# --- plan items ------------------------------------------------------------------------------

REMAINS_VI = "Tìm kiếm, quy tập, hồi hương hài cốt liệt sĩ quân tình nguyện và chuyên gia Việt Nam"
REMAINS_LO = "ຂຸດຄົ້ນ ແລະ ສົ່ງອັດຖິ ທະຫານອາສາສະໝັກ ແລະ ຊ່ຽວຊານຫວຽດນາມ ກັບຄືນປະເທດ"  # [V]
TH_HP_2025 = Ref("agreement", "th_hp_2025")

# fmt: off
PLAN_ITEMS: tuple[Row, ...] = (
    # 16 sets in the 2023–24 dry season; the report's "106.66%" is 16/15 cut off rather than
    # rounded. The demo holds no 2024 agreement, so this item hangs on the unit only.
    {"unit_id": U("thanh_hoa"), "year": 2024, "period": "Mùa khô 2023–2024", "title_vi": REMAINS_VI,
     "title_lo": REMAINS_LO, "target": 15, "result": 16, "measure": "bộ hài cốt"},
    # 21 sets "= 130%" as published; no whole target gives exactly 130 %, 16 gives 131.25 %.
    {"agreement_id": TH_HP_2025, "unit_id": U("thanh_hoa"), "year": 2025, "period": "Mùa khô 2024–2025",
     "title_vi": REMAINS_VI, "title_lo": REMAINS_LO, "target": 16, "result": 21, "measure": "bộ hài cốt"},
    # The remaining targets and results are illustrative, except "aid worth over 200 billion VND".
    {"agreement_id": TH_HP_2025, "unit_id": U("thanh_hoa"), "year": 2025,
     "title_vi": "Khám bệnh, cấp thuốc miễn phí cho nhân dân vùng biên giới tỉnh Hủa Phăn",
     "title_lo": "ກວດພະຍາດ ແລະ ແຈກຢາໃຫ້ປະຊາຊົນຕາມເຂດຊາຍແດນແຂວງຫົວພັນ ໂດຍບໍ່ເສຍຄ່າ",
     "target": 3000, "result": 3240, "measure": "lượt người"},
    {"agreement_id": TH_HP_2025, "unit_id": U("thanh_hoa"), "year": 2025,
     "title_vi": "Hỗ trợ xây dựng công trình và trang thiết bị cho tỉnh Hủa Phăn",
     "title_lo": "ຊ່ວຍເຫຼືອການກໍ່ສ້າງ ແລະ ອຸປະກອນ ໃຫ້ແຂວງຫົວພັນ",
     "target": 200_000_000_000, "result": 203_500_000_000, "measure": "VND"},
    {"agreement_id": TH_HP_2025, "unit_id": U("thanh_hoa"), "year": 2025, "title_vi": "Trao đổi đoàn các cấp",
     "title_lo": "ແລກປ່ຽນຄະນະຜູ້ແທນທຸກຂັ້ນ", "target": 4, "result": 4, "measure": "đoàn"},
    {"agreement_id": TH_HP_2025, "unit_id": U("thanh_hoa"), "year": 2025,
     "title_vi": "Bồi dưỡng tiếng Việt cho cán bộ Bộ CHQS tỉnh Hủa Phăn",
     "title_lo": "ບຳລຸງພາສາຫວຽດນາມ ໃຫ້ພະນັກງານກອງບັນຊາການທະຫານແຂວງຫົວພັນ",
     "target": 20, "result": 20, "measure": "học viên"},
    # Behind plan, for the dashboard.
    {"agreement_id": TH_HP_2025, "unit_id": U("thanh_hoa"), "year": 2025,
     "title_vi": "Tuần tra song phương trên tuyến biên giới", "title_lo": "ລາດຕະເວນຮ່ວມຕາມເສັ້ນຊາຍແດນ",
     "target": 8, "result": 3, "measure": "đợt", "due_date": date(2025, 12, 31)},
)
# fmt: on
