"""The fixed wording of each document language: national headings, labels, ranks, dates.

This is document text, fixed per document language, not user-interface text: it is not passed
through gettext. Vietnamese follows Nghị định 30/2020 (DOCUMENTS.md §1), Lao the usage recorded in
DOCUMENTS.md §2 and GLOSSARY.md. Khmer wording is our own and unverified: show it to a Khmer
reader before relying on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(number: int) -> str:
    """1 → I, 14 → XIV: chapters are numbered in Roman numerals (Nghị định 30, Phụ lục I)."""
    result = ""
    for value, letters in _ROMAN:
        while number >= value:
            result += letters
            number -= value
    return result


def khmer_digits(number: int | str) -> str:
    return str(number).translate(str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩"))


def vietnamese_date(day: date) -> str:
    """The Nghị định 30 date: a zero before days under 10 and months 1–2 ("ngày 05 tháng 01 năm 2020")."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


#: CLDR's Lao month names (DOCUMENTS.md §2), held here so that printing a date does not load
#: babel's Lao locale data; a test keeps them equal to ``core.i18n.format_date``.
_LAO_MONTHS = ("ມັງກອນ", "ກຸມພາ", "ມີນາ", "ເມສາ", "ພຶດສະພາ", "ມິຖຸນາ", "ກໍລະກົດ", "ສິງຫາ", "ກັນຍາ", "ຕຸລາ", "ພະຈິກ", "ທັນວາ")


def lao_date(day: date) -> str:
    """The Lao date: Arabic digits, the Lao month, the Gregorian year (ວັນທີ 22 ພຶດສະພາ 2025)."""
    return f"ວັນທີ {day.day} {_LAO_MONTHS[day.month - 1]} {day.year}"


_KHMER_MONTHS = ("មករា", "កុម្ភៈ", "មីនា", "មេសា", "ឧសភា", "មិថុនា", "កក្កដា", "សីហា", "កញ្ញា", "តុលា", "វិច្ឆិកា", "ធ្នូ")


def khmer_date(day: date) -> str:
    return f"ថ្ងៃទី{khmer_digits(day.day)} ខែ{_KHMER_MONTHS[day.month - 1]} ឆ្នាំ{khmer_digits(day.year)}"


@dataclass(frozen=True)
class Language:
    code: str
    national_name: str
    motto: str
    #: "Số", "ເລກທີ", "លេខ": the label before the document number.
    number_label: str
    #: "ĐẠI DIỆN", "ຕາງໜ້າ": on behalf of a party, above its signature.
    on_behalf: str
    chapter: Callable[[int], str]
    article: Callable[[int], str]
    date: Callable[[date], str]
    #: How this language names Vietnamese and the partner languages ("tiếng Lào", "ພາສາລາວ").
    language_names: dict[str, str]
    ranks: dict[str, str]
    #: Whether headings are written in capitals (Vietnamese; Lao and Khmer have no case).
    upper_case: bool = False

    def place_and_date(self, place: str, day: date | None) -> str:
        when = self.date(day) if day else ""
        return ", ".join(part for part in (place, when) if part)

    def rank(self, code: str) -> str:
        """The rank in this language; a grade the partner army lacks is written the Vietnamese way."""
        return self.ranks.get(code) or VIETNAMESE.ranks.get(code, "")


VIETNAMESE = Language(
    code="vi",
    national_name="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    motto="Độc lập - Tự do - Hạnh phúc",
    number_label="Số",
    on_behalf="ĐẠI DIỆN",
    chapter=lambda n: f"Chương {roman(n)}",
    article=lambda n: f"Điều {n}.",
    date=vietnamese_date,
    language_names={"vi": "tiếng Việt", "lo": "tiếng Lào", "km": "tiếng Khmer"},
    ranks={
        "second_lieutenant": "Thiếu úy",
        "lieutenant": "Trung úy",
        "senior_lieutenant": "Thượng úy",
        "captain": "Đại úy",
        "major": "Thiếu tá",
        "lieutenant_colonel": "Trung tá",
        "senior_lieutenant_colonel": "Thượng tá",
        "colonel": "Đại tá",
        "major_general": "Thiếu tướng",
        "lieutenant_general": "Trung tướng",
        "colonel_general": "Thượng tướng",
        "general": "Đại tướng",
    },
    upper_case=True,
)

LAO = Language(
    code="lo",
    national_name="ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ",
    motto="ສັນຕິພາບ ເອກະລາດ ປະຊາທິປະໄຕ ເອກະພາບ ວັດທະນະຖາວອນ",
    number_label="ເລກທີ",
    on_behalf="ຕາງໜ້າ",
    # ໝວດ (chapter) and ມາດຕາ (article) [V]; Roman chapter numbers mirror "Chương I" [U].
    chapter=lambda n: f"ໝວດທີ {roman(n)}",
    article=lambda n: f"ມາດຕາ {n}",
    date=lao_date,
    language_names={"vi": "ພາສາຫວຽດນາມ", "lo": "ພາສາລາວ", "km": "ພາສາຂະເໝນ"},
    # GLOSSARY.md §1 [V]; Thượng úy and Thượng tá have no Lao grade.
    ranks={
        "second_lieutenant": "ຮ້ອຍຕີ",
        "lieutenant": "ຮ້ອຍໂທ",
        "captain": "ຮ້ອຍເອກ",
        "major": "ພັນຕີ",
        "lieutenant_colonel": "ພັນໂທ",
        "colonel": "ພັນເອກ",
        "major_general": "ພົນຈັດຕະວາ",
        "lieutenant_general": "ພົນຕີ",
        "colonel_general": "ພົນໂທ",
        "general": "ພົນເອກ",
    },
)

KHMER = Language(
    code="km",
    national_name="ព្រះរាជាណាចក្រកម្ពុជា",
    motto="ជាតិ សាសនា ព្រះមហាក្សត្រ",
    number_label="លេខ",
    on_behalf="តំណាង",
    chapter=lambda n: f"ជំពូកទី{khmer_digits(n)}",
    article=lambda n: f"មាត្រា {khmer_digits(n)}",
    date=khmer_date,
    language_names={"vi": "ភាសាវៀតណាម", "lo": "ភាសាឡាវ", "km": "ភាសាខ្មែរ"},
    ranks={  # unverified
        "second_lieutenant": "អនុសេនីយ៍ត្រី",
        "lieutenant": "អនុសេនីយ៍ទោ",
        "captain": "អនុសេនីយ៍ឯក",
        "major": "វរសេនីយ៍ត្រី",
        "lieutenant_colonel": "វរសេនីយ៍ទោ",
        "colonel": "វរសេនីយ៍ឯក",
        "major_general": "ឧត្តមសេនីយ៍ត្រី",
        "lieutenant_general": "ឧត្តមសេនីយ៍ទោ",
        "colonel_general": "ឧត្តមសេនីយ៍ឯក",
    },
)

LANGUAGES: dict[str, Language] = {language.code: language for language in (VIETNAMESE, LAO, KHMER)}
