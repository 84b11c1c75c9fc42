"""Twinning regulation (quy chế kết nghĩa): chapters of articles, like Điện Biên–Luang Prabang 2015."""

from __future__ import annotations

from dnqp_desktop.documents.templates.base import DraftParts, PartDraft, Template
from dnqp_desktop.documents.templates.common import CLOSING, CLOSING_TITLES


def _skeleton(partner: str) -> DraftParts:
    lao = partner == "lo"
    return DraftParts(
        chapters=(
            PartDraft("Những quy định chung", "ບົດບັນຍັດທົ່ວໄປ" if lao else ""),
            PartDraft("Nội dung hợp tác", "ເນື້ອໃນການຮ່ວມມື" if lao else ""),
            PartDraft("Tổ chức thực hiện", "ການຈັດຕັ້ງປະຕິບັດ" if lao else ""),
        ),
        articles=(
            PartDraft("Mục đích", "ຈຸດປະສົງ" if lao else "", chapter=0),
            PartDraft("Nguyên tắc", "ຫຼັກການ" if lao else "", chapter=0),
            PartDraft("Phạm vi áp dụng", "ຂອບເຂດການນຳໃຊ້" if lao else "", chapter=0),
            PartDraft("Trao đổi thông tin", "ການແລກປ່ຽນຂໍ້ມູນຂ່າວສານ" if lao else "", chapter=1),
            PartDraft("Trao đổi đoàn", "ການແລກປ່ຽນຄະນະຜູ້ແທນ" if lao else "", chapter=1),
            PartDraft("Trách nhiệm thi hành", "ຄວາມຮັບຜິດຊອບໃນການຈັດຕັ້ງປະຕິບັດ" if lao else "", chapter=2),
        ),
    )


TEMPLATE = Template(
    kind="twinning_regulation",
    names={"vi": "Quy chế", "lo": "ລະບຽບການ", "km": "បទប្បញ្ញត្តិ"},
    closing_titles=CLOSING_TITLES,
    closing=CLOSING,
    skeleton=_skeleton,
)
