"""Minutes of talks (biên bản hội đàm, ບົດບັນທຶກ): numbered sections instead of articles."""

from __future__ import annotations

from dnqp_desktop.documents.templates.base import DraftParts, PartDraft, Template

CLOSING = {
    "vi": "{kind} được lập tại {place}, {date}, thành {count} bản, mỗi bản bằng {vi_name} và {partner_name}, "
    "các bản có giá trị như nhau; mỗi Bên giữ {each} bản.",
    "lo": "{kind}ສະບັບນີ້ ໄດ້ເຮັດຂຶ້ນທີ່ {place}, {date}, ເປັນ {count} ສະບັບ, ເປັນ{vi_name} ແລະ {partner_name}, "
    "ທຸກສະບັບມີຄຸນຄ່າເທົ່າທຽມກັນ; ແຕ່ລະຝ່າຍເກັບຮັກສາໄວ້ {each} ສະບັບ.",
    "km": "{kind}នេះ ធ្វើនៅ{place} {date} ជា {count} ច្បាប់ ជា{vi_name} និង{partner_name} "
    "ដែលមានតម្លៃស្មើគ្នា។ ភាគីនីមួយៗរក្សាទុក {each} ច្បាប់។",
}


def _skeleton(partner: str) -> DraftParts:
    lao = partner == "lo"
    return DraftParts(
        chapters=(),
        articles=(
            PartDraft("Kết quả hợp tác năm qua", "ຜົນການຮ່ວມມືໃນປີຜ່ານມາ" if lao else ""),
            PartDraft("Phương hướng hợp tác năm tới", "ທິດທາງການຮ່ວມມືໃນປີຕໍ່ໜ້າ" if lao else ""),
        ),
    )


TEMPLATE = Template(
    kind="minutes",
    names={"vi": "Biên bản hội đàm", "lo": "ບົດບັນທຶກການໂອ້ລົມເຈລະຈາ", "km": "កំណត់ហេតុកិច្ចពិភាក្សា"},
    title_prefixes={"vi": ("Biên bản",), "lo": ("ບົດບັນທຶກ",)},
    numbering="section",
    closing_titles={"vi": "Hiệu lực", "lo": "ຜົນສັກສິດ", "km": "អានុភាព"},
    closing=CLOSING,
    skeleton=_skeleton,
)
