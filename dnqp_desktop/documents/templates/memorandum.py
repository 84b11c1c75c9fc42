"""Memorandum of understanding (bản ghi nhớ); the Lao term is unverified (GLOSSARY.md §1)."""

from __future__ import annotations

from dnqp_desktop.documents.templates.base import DraftParts, PartDraft, Template
from dnqp_desktop.documents.templates.common import CLOSING, CLOSING_TITLES


def _skeleton(partner: str) -> DraftParts:
    lao = partner == "lo"
    return DraftParts(
        chapters=(),
        articles=(
            PartDraft("Trao đổi đoàn", "ການແລກປ່ຽນຄະນະຜູ້ແທນ" if lao else ""),
            PartDraft("Tổ chức thực hiện", "ການຈັດຕັ້ງປະຕິບັດ" if lao else ""),
        ),
    )


TEMPLATE = Template(
    kind="memorandum",
    names={"vi": "Bản ghi nhớ", "lo": "ບົດບັນທຶກຄວາມເຂົ້າໃຈ", "km": "អនុស្សរណៈនៃការយោគយល់គ្នា"},
    title_prefixes={"lo": ("ບົດບັນທຶກຊ່ວຍຈຳ",)},
    closing_titles=CLOSING_TITLES,
    closing=CLOSING,
    skeleton=_skeleton,
)
