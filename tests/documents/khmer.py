"""A Vietnamese–Khmer agreement built by hand: the partner language is a property of the document.

The Khmer wording is our own (Tây Ninh – Svay Rieng twinning, illustrative, unverified).
"""

from __future__ import annotations

from datetime import date

from dnqp_desktop.documents.model import AgreementDocument, Article, Pair, Party, Signatory

TAY_NINH = Pair("Bộ Chỉ huy quân sự tỉnh Tây Ninh", "បញ្ជាការដ្ឋានយោធាខេត្តតៃនិញ")
SVAY_RIENG = Pair("Bộ Chỉ huy quân sự tỉnh Svay Rieng", "បញ្ជាការដ្ឋានយោធាខេត្តស្វាយរៀង")

ARTICLES = (
    Article(
        Pair("Trao đổi đoàn", "ការផ្លាស់ប្តូរគណៈប្រតិភូ"),
        Pair(
            "Hằng năm hai bên trao đổi đoàn các cấp và thăm hỏi nhau vào các ngày lễ truyền thống.",
            "ជារៀងរាល់ឆ្នាំ ភាគីទាំងពីរផ្លាស់ប្តូរគណៈប្រតិភូគ្រប់លំដាប់ថ្នាក់ និងសួរសុខទុក្ខគ្នាទៅវិញទៅមកក្នុងឱកាសបុណ្យប្រពៃណី។",
        ),
    ),
    Article(
        Pair("Phối hợp bảo vệ biên giới", "កិច្ចសហការការពារព្រំដែន"),
        Pair(
            "Hai bên phối hợp tuần tra, phòng chống buôn lậu và xuất nhập cảnh trái phép trên tuyến biên giới "
            "giữa hai tỉnh trong năm 2025.",
            "ភាគីទាំងពីរសហការល្បាតរួមគ្នា ទប់ស្កាត់ការរត់ពន្ធ និងការឆ្លងដែនខុសច្បាប់ តាមបណ្តោយព្រំដែនរវាងខេត្តទាំងពីរ ក្នុងឆ្នាំ2025។",
        ),
    ),
    Article(
        Pair("Hiệu lực", "អានុភាព"),
        Pair(
            "Bản ghi nhớ có hiệu lực kể từ ngày ký, lập thành 02 bản bằng tiếng Việt và tiếng Khmer, "
            "có giá trị như nhau.",
            "អនុស្សរណៈនេះ មានអានុភាពចាប់ពីថ្ងៃចុះហត្ថលេខា ធ្វើជា 2 ច្បាប់ ជាភាសាវៀតណាម និងភាសាខ្មែរ ដែលមានតម្លៃស្មើគ្នា។",
        ),
    ),
)


def khmer_document(**changes: object) -> AgreementDocument:
    values: dict[str, object] = {
        "record_id": "khmer-test",
        "kind": "memorandum",
        "status": "final",
        "partner_language": "km",
        "title": Pair(
            "Bản ghi nhớ về hoạt động kết nghĩa năm 2025 giữa Bộ Chỉ huy quân sự tỉnh Tây Ninh "
            "và Bộ Chỉ huy quân sự tỉnh Svay Rieng",
            "អនុស្សរណៈនៃការយោគយល់គ្នា ស្តីពីសកម្មភាពភាតរភាពឆ្នាំ2025 រវាងបញ្ជាការដ្ឋានយោធាខេត្តតៃនិញ និងបញ្ជាការដ្ឋានយោធាខេត្តស្វាយរៀង",
        ),
        "parties": (
            Party(TAY_NINH, "VN", parent=Pair("Quân khu 7", "តំបន់យោធាទី7")),
            Party(SVAY_RIENG, "KH"),
        ),
        "number": "3",
        "symbol": "BGN-TN-SR",
        "place": Pair("Tây Ninh", "តៃនិញ"),
        "signed_on": date(2025, 3, 7),
        "signatories": (
            Signatory(0, Pair("Nguyễn Văn Minh", "ង្វៀន វ៉ាន់ មិញ"), "colonel", Pair("Chỉ huy trưởng", "មេបញ្ជាការ")),
            Signatory(1, Pair("Sok Pheak", "សុខ ភក្តិ"), "major_general", Pair("Chỉ huy trưởng", "មេបញ្ជាការ")),
        ),
        "articles": ARTICLES,
        "recipients": ("Quân khu 7 (để báo cáo)", "Lưu: VT, TM"),
        "kept_names": ("តៃនិញ", "ស្វាយរៀង", "សុខ ភក្តិ"),
        "issued_on": date(2025, 3, 7),
    }
    values.update(changes)
    return AgreementDocument(**values)  # type: ignore[arg-type]
