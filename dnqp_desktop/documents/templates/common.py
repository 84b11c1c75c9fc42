"""The closing article shared by agreements, memoranda and regulations (DOCUMENTS.md §3).

It states where and when the text was signed, how many originals were made, that each exists in
Vietnamese and in the partner language, and that all are equally authentic; the Vietnamese form
follows the domestic "lập thành 02 bản có giá trị pháp lý như nhau, mỗi bên giữ 01 bản".
"""

from __future__ import annotations

CLOSING_TITLES = {"vi": "Hiệu lực thi hành", "lo": "ຜົນສັກສິດ", "km": "អានុភាពអនុវត្ត"}

CLOSING = {
    "vi": "{kind} này có hiệu lực kể từ ngày ký; được ký tại {place}, {date}, lập thành {count} bản gốc, "
    "mỗi bản bằng {vi_name} và {partner_name}, các văn bản có giá trị pháp lý như nhau; mỗi Bên giữ {each} bản.",
    "lo": "{kind}ສະບັບນີ້ ມີຜົນສັກສິດນັບແຕ່ວັນລົງນາມ; ໄດ້ລົງນາມທີ່ {place}, {date}, ເຮັດເປັນ {count} ສະບັບ, "
    "ເປັນ{vi_name} ແລະ {partner_name}, ທຸກສະບັບມີຄຸນຄ່າທາງກົດໝາຍເທົ່າທຽມກັນ; ແຕ່ລະຝ່າຍເກັບຮັກສາໄວ້ {each} ສະບັບ.",
    "km": "{kind}នេះ មានអានុភាពចាប់ពីថ្ងៃចុះហត្ថលេខា។ ធ្វើនៅ{place} {date} ជា {count} ច្បាប់ ជា{vi_name} "
    "និង{partner_name} ដែលមានតម្លៃគតិយុត្តស្មើគ្នា។ ភាគីនីមួយៗរក្សាទុក {each} ច្បាប់។",
}
