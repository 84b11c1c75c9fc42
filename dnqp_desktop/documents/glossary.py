"""Partner-language terms from GLOSSARY.md that a line must never cut.

ICU's dictionary splits some proper nouns and compounds where no Lao reader would (ທັນ|ຮ|ວາ for
Thanh Hóa); the terms here, with the names of the document's units and people, are kept whole.
"""

from __future__ import annotations

LAO_TERMS: tuple[str, ...] = (
    # ranks (GLOSSARY §1)
    "ຮ້ອຍຕີ", "ຮ້ອຍໂທ", "ຮ້ອຍເອກ", "ພັນຕີ", "ພັນໂທ", "ພັນເອກ", "ພົນຈັດຕະວາ", "ພົນຕີ", "ພົນໂທ", "ພົນເອກ",
    # units and terms
    "ກະຊວງປ້ອງກັນປະເທດ", "ກອງບັນຊາການທະຫານເຂດ", "ກອງບັນຊາການທະຫານແຂວງ", "ທະຫານຊາຍແດນ",
    "ກອງບັນຊາການທະຫານຊາຍແດນແຂວງ", "ກຳລັງປ້ອງກັນຊາຍແດນ", "ກອງທັບປະຊາຊົນລາວ", "ຫົວໜ້າການເມືອງ",
    "ຫົວໜ້າເສນາທິການ", "ບົດບັນທຶກຄວາມເຂົ້າໃຈ", "ຂໍ້ຕົກລົງ", "ການໂອ້ລົມເຈລະຈາ", "ຄະນະຜູ້ແທນ", "ລະບຽບການ",
    "ແຮກສ່ຽວ", "ທະຫານອາສາສະໝັກ", "ຊ່ຽວຊານ", "ຫວຽດນາມ", "ສປປ ລາວ", "ສສ ຫວຽດນາມ",
    # provinces (GLOSSARY §2)
    "ຜົ້ງສາລີ", "ຫຼວງພະບາງ", "ຫົວພັນ", "ຊຽງຂວາງ", "ບໍລິຄຳໄຊ", "ຄຳມ່ວນ", "ສະຫວັນນະເຂດ", "ສາລະວັນ", "ເຊກອງ",
    "ອັດຕະປື", "ຫຼວງນ້ຳທາ", "ອຸດົມໄຊ", "ຊຳເໜືອ",
)  # fmt: skip

KHMER_TERMS: tuple[str, ...] = (
    # unverified: provinces bordering Vietnam and army terms
    "ខេត្ត", "ស្វាយរៀង", "កងទ័ពភូមិន្ទខេមរភូមិន្ទ", "បញ្ជាការដ្ឋាន", "ហ្វូងទ័ព",
)  # fmt: skip

#: Vietnamese phrases of unit names and titles that a line should not cut.
VIETNAMESE_PHRASES: tuple[str, ...] = (
    "Bộ Chỉ huy", "Chỉ huy", "quân sự", "Quân khu", "Bộ đội", "Biên phòng", "Phòng thủ", "khu vực",
    "Quốc phòng", "Bộ Tư lệnh", "Tư lệnh", "Chính ủy", "Tham mưu", "hợp tác", "kết nghĩa",
)  # fmt: skip

TERMS: dict[str, tuple[str, ...]] = {"lo": LAO_TERMS, "km": KHMER_TERMS}
