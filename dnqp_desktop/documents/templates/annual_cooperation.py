"""Annual cooperation agreement (thỏa thuận hợp tác hằng năm, ຂໍ້ຕົກລົງວ່າດ້ວຍການຮ່ວມມື)."""

from __future__ import annotations

from dnqp_desktop.documents.templates.base import DraftParts, PartDraft, Template
from dnqp_desktop.documents.templates.common import CLOSING, CLOSING_TITLES


def _skeleton(partner: str) -> DraftParts:
    lao = partner == "lo"
    return DraftParts(
        chapters=(),
        articles=(
            PartDraft("Trao đổi đoàn và thông tin", "ການແລກປ່ຽນຄະນະຜູ້ແທນ ແລະ ຂໍ້ມູນຂ່າວສານ" if lao else ""),
            PartDraft("Tìm kiếm, quy tập hài cốt liệt sĩ", "ການຂຸດຄົ້ນ ແລະ ສົ່ງອັດຖິກັບຄືນປະເທດ" if lao else ""),
            PartDraft("Đào tạo, huấn luyện", "ການບຳລຸງ ແລະ ຝຶກອົບຮົມ" if lao else ""),
        ),
    )


TEMPLATE = Template(
    kind="annual_cooperation",
    names={"vi": "Thỏa thuận", "lo": "ຂໍ້ຕົກລົງ", "km": "កិច្ចព្រមព្រៀង"},
    title_prefixes={"vi": ("Thoả thuận",)},
    closing_titles=CLOSING_TITLES,
    closing=CLOSING,
    skeleton=_skeleton,
)
