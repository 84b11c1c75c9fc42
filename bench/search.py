"""Search latency on a large database, against a plain LIKE scan of the same rows in the same run.

Builds a throw-away data folder with 100k people, 10k units and 10k agreements whose Vietnamese and
Lao names come from syllable lists with realistic frequencies (Nguyễn is a third of Vietnamese
surnames, Văn and Thị half of the middle names), indexes them with core.search (the same fold and
keys as the services, through ``search.rebuild``), then runs 200 queries of the kinds issue 4
names: no accents, upper case, NFD, old tone placement, hyphens and spaces moved, other recorded
spellings, Lao pieces of names written without spaces, and document references.

The peer is what a search without an index does: ``LIKE '%term%'`` for every folded word over the
same folded text of the same rows. Both run on one warm connection, interleaved; each query's time
is its median over ``--passes`` (3) passes through all 200, on both sides alike.

    .venv/bin/python bench/search.py [--people 100000] [--units 10000] [--agreements 10000] [--keep DIR]

The last line is ``BENCH search ours=<p95 ms> peer=<p95 ms> ratio=<r> goal=50 PASS|MISS``; PASS needs
our p95 under 20 ms and at least 50 times faster than the scan.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
import unicodedata
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import and_, func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dnqp_desktop.core import search  # noqa: E402
from dnqp_desktop.core.library import Library  # noqa: E402
from dnqp_desktop.core.models import Agreement, Person, PersonPosition, Unit  # noqa: E402

GOAL_P95_MS, GOAL_RATIO = 20.0, 50.0

SURNAMES = {"Nguyễn": 38, "Trần": 11, "Lê": 9.5, "Phạm": 7, "Hoàng": 5, "Huỳnh": 4, "Phan": 4.5, "Vũ": 4,
            "Võ": 3, "Đặng": 2, "Bùi": 2, "Đỗ": 1.4, "Hồ": 1.3, "Ngô": 1.3, "Dương": 1, "Lý": 0.5, "Đinh": 1,
            "Mai": 0.5, "Trịnh": 0.5, "Cao": 0.5, "Lương": 0.4, "Tạ": 0.3, "Vi": 0.3, "Lò": 0.3, "Hà": 0.6,
            "Quách": 0.2, "Thái": 0.3, "Kiều": 0.2, "Chu": 0.3, "Đoàn": 0.6}  # fmt: skip
MIDDLE = {"Văn": 30, "Thị": 20, "Đức": 6, "Minh": 6, "Hữu": 4, "Quang": 4, "Thanh": 4, "Ngọc": 3, "Xuân": 3,
          "Hồng": 2, "Anh": 2, "Công": 3, "Đình": 3, "Bá": 2, "Kim": 1, "Mạnh": 2, "Trọng": 2, "Quốc": 2,
          "Tiến": 1, "Việt": 1}  # fmt: skip
GIVEN = ("An Anh Bảo Bình Cường Chiến Chính Công Dũng Duy Dương Đạt Điệp Đông Đức Giang Hà Hải Hạnh Hiếu Hiệp "
         "Hòa Hoàng Hùng Huy Hưng Hương Khánh Khoa Khôi Kiên Lâm Lan Linh Long Lộc Lợi Luân Mạnh Minh Nam "
         "Nghĩa Ngọc Nhân Phong Phúc Phương Quân Quang Quý Sơn Tài Tâm Tân Thắng Thành Thanh Thịnh Thọ Thuận "
         "Thủy Thụy Tiến Toàn Trung Tuấn Tùng Tú Vinh Việt Vũ Xuân Yên Khải Cảnh Chương Định Hậu Huấn Kỳ Lực "
         "Nguyên Quyết Sáng Thạch Thiện Toản Trường Tuyên Uy Vượng Khỏe Hóa").split()  # fmt: skip
PLACES = ("Hòa Bình Thủy Nguyên Quang Ninh Yên Lạc Phú Thọ Tân Sơn Đông Hải Long Xuân Trường Mỹ Lộc Thạch Hà "
          "Giang Tuyên Lâm Điện Biên Mường Tè Khê Kỳ Anh Quỳ Hợp Châu Đức Cẩm Vĩnh Linh Hương Nghĩa Đàn Lang "
          "Chánh Mộc Hóa Tây Trang Bàng Ba Tơ Cần Kiên Lương Sông Mã Na Mèo Ngọc Hồi Bảo Cao Lộ Hàng Sốp Cộp "
          "Xín Mần Thụy Khoa").split()  # fmt: skip
# Lao syllable, its Vietnamese transliteration, its usual Latin spelling.
LAO = [tuple(item.split("/")) for item in (
    "ຄຳ/Khăm/Kham ພອນ/phon/phone ສີ/xi/si ບຸນ/bun/boun ຈັນ/chăn/chanh ວົງ/vông/vong ໄຊ/xay/xay ສະ/xa/sa "
    "ຫວັນ/vẳn/vanh ແກ້ວ/kẹo/keo ມະ/ma/ma ນີ/ni/ny ທອງ/thoong/thong ດາ/đa/da ລາ/la/la ພູ/phu/phou ສຸກ/xúc/souk "
    "ສົມ/xôm/som ເພັດ/phết/phet ຫຼ້າ/lạ/la ວິ/vi/vi ໄລ/lay/lai ຈິດ/chít/chit ອຸ/u/ou ດົມ/đôm/dom ເຂັມ/khem/khem "
    "ປະ/pa/pa ລັດ/lạt/lat ແສງ/xeng/seng ທິບ/thíp/thip ມີ/mi/mi ໄພ/phay/phai ສັກ/xắc/sak ບົວ/bua/boua "
    "ເຮືອງ/hương/heuang ນວນ/nuôn/nouan ຄູນ/khun/khoun ໂພ/phô/pho ທຳ/thăm/tham ໜູ/nu/nou ເພັງ/phêng/pheng "
    "ຊຽງ/xiêng/xieng ຂັນ/khăn/khanh ອິນ/in/inh ແພງ/pheng/phaeng ຜົ້ງ/phông/phong ລີ/lỳ/ly ໝັ້ນ/mẳn/mane"
).split()]  # fmt: skip
LAO_UNIT_PREFIXES = ("ກອງບັນຊາການທະຫານແຂວງ", "ກອງບັນຊາການທະຫານເມືອງ", "ກອງຮ້ອຍປ້ອງກັນຊາຍແດນ")
VN_UNIT_PREFIXES = ("Bộ Chỉ huy quân sự tỉnh", "Ban Chỉ huy quân sự huyện", "Đồn Biên phòng", "Trung đoàn")


class Names:
    """Random but plausible names; every choice goes through one seeded generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def weighted(self, table: dict[str, float]) -> str:
        return self.rng.choices(list(table), list(table.values()))[0]

    def vietnamese_person(self) -> str:
        given = self.rng.choice(GIVEN)
        if self.rng.random() < 0.3:
            given = f"{self.rng.choice(GIVEN)} {given}"
        return f"{self.weighted(SURNAMES)} {self.weighted(MIDDLE)} {given}"

    def lao_word(self, syllables: int) -> tuple[str, str, str]:
        """(Lao, Vietnamese transliteration "Khăm-phon", Latin "Khamphon") of one word."""
        parts = [self.rng.choice(LAO) for _ in range(syllables)]
        lao = "".join(part[0] for part in parts)
        vietnamese = "-".join(part[1] for part in parts)
        return lao, vietnamese[:1].upper() + vietnamese[1:], "".join(part[2] for part in parts).capitalize()

    def lao_person(self) -> tuple[str, str, str]:
        given, family = self.lao_word(self.rng.choice((1, 2, 2, 3))), self.lao_word(self.rng.choice((2, 3, 3, 4)))
        return tuple(f"{a} {b}" for a, b in zip(given, family, strict=True))  # type: ignore[return-value]

    def place(self) -> str:
        return " ".join(self.rng.sample(PLACES, 2))


def build(library: Library, people: int, units: int, agreements: int, seed: int) -> dict[str, list[dict[str, Any]]]:
    """Insert the records in bulk (services would take minutes), then index them the services' way."""
    names, now = Names(seed), datetime.now(UTC)
    stamp = {"created_at": now, "updated_at": now}
    unit_rows: list[dict[str, Any]] = []
    for _ in range(units):
        row = {"id": str(uuid.uuid4()), **stamp, "level": "province_command", "name_lo": "", "aliases": []}
        if names.rng.random() < 0.6:
            place = names.place()
            row |= {"country": "VN", "name_vi": f"{names.rng.choice(VN_UNIT_PREFIXES)} {place}"}
        else:
            lao, vietnamese, latin = names.lao_word(names.rng.choice((2, 3)))
            spaced = vietnamese.replace("-", " ").title()  # "Phông Xa Lỳ"
            row |= {"country": "LA", "name_vi": f"Bộ Chỉ huy quân sự tỉnh {spaced}",
                    "name_lo": names.rng.choice(LAO_UNIT_PREFIXES) + lao, "aliases": [latin, vietnamese]}  # fmt: skip
        unit_rows.append(row)
    person_rows, position_rows = [], []
    for _ in range(people):
        unit = names.rng.choice(unit_rows)
        row = {"id": str(uuid.uuid4()), **stamp, "unit_id": unit["id"], "name_lo": "", "name_en": "", "aliases": []}
        if unit["country"] == "VN":
            row["name_vi"] = names.vietnamese_person()
            title = {"title_vi": "Trợ lý tác chiến " + unit["name_vi"], "title_lo": ""}
        else:
            lao, vietnamese, latin = names.lao_person()
            row |= {"name_vi": vietnamese, "name_lo": lao, "name_en": latin, "aliases": [latin.replace(" ", "")]}
            title = {"title_vi": "Chỉ huy trưởng", "title_lo": "ຫົວໜ້າ" + unit["name_lo"]}
        person_rows.append(row)
        position_rows.append({**stamp, "id": str(uuid.uuid4()), "person_id": row["id"], "since": date(2020, 1, 1),
                              "title_en": "", **title})  # fmt: skip
    agreement_rows = []
    vietnamese_units = [u for u in unit_rows if u["country"] == "VN"]
    lao_units = [u for u in unit_rows if u["country"] == "LA"]
    for index in range(agreements):
        ours, theirs = names.rng.choice(vietnamese_units), names.rng.choice(lao_units)
        year = names.rng.randrange(2000, 2031)
        initials = (
            "".join(word[0] for word in ours["name_vi"].split()[-2:])
            + "-"
            + "".join(word[0] for word in theirs["name_vi"].split()[-3:])
        )
        agreement_rows.append({
            "id": str(uuid.uuid4()), **stamp, "kind": "annual_cooperation", "number": f"{index % 99 + 1:02d}",
            "symbol": f"TTHT-{initials.upper()}",
            "title_vi": f"Thỏa thuận hợp tác năm {year} giữa {ours['name_vi']} và {theirs['name_vi']}",
            "title_lo": f"ຂໍ້ຕົກລົງວ່າດ້ວຍການຮ່ວມມື ປີ {year} ລະຫວ່າງ {theirs['name_lo']}",
        })  # fmt: skip
    with library.write() as session:
        for model, rows in ((Unit, unit_rows), (Person, person_rows), (PersonPosition, position_rows),
                            (Agreement, agreement_rows)):  # fmt: skip
            for start in range(0, len(rows), 5000):
                session.execute(insert(model.__table__), rows[start : start + 5000])  # type: ignore[attr-defined]
        search.rebuild(session)
    return {"unit": unit_rows, "person": person_rows, "agreement": agreement_rows}


def old_tone_style(text: str) -> str:
    """hòa → hoà, thủy → thuỷ: the tone on the second vowel, as older texts and ND30's samples write."""
    decomposed = unicodedata.normalize("NFD", text)
    moved = re.sub("([oOuU])([\u0300\u0301\u0303\u0309\u0323])([aAeEyY])", r"\1\3\2", decomposed)
    return unicodedata.normalize("NFC", moved)


def plain(text: str) -> str:
    stripped = "".join(c for c in unicodedata.normalize("NFD", text) if not "\u0300" <= c <= "\u036f")
    return stripped.replace("đ", "d").replace("Đ", "D")


def lao_place(unit: dict[str, Any]) -> str:
    """The place in a Lao unit's name, as someone would type it: ຫົວພັນ in ກອງບັນຊາການທະຫານແຂວງຫົວພັນ."""
    prefix = next(prefix for prefix in LAO_UNIT_PREFIXES if unit["name_lo"].startswith(prefix))
    return unit["name_lo"][len(prefix) :]


def make_queries(records: dict[str, list[dict[str, Any]]], count: int, seed: int) -> list[tuple[str, str, str, str]]:
    """(case, text typed, kind of record wanted, its title): issue 4's cases in turn."""
    rng = random.Random(seed + 1)
    vietnamese = [p for p in records["person"] if not p["name_lo"]]
    toned = [p for p in vietnamese if old_tone_style(p["name_vi"]) != p["name_vi"]]
    lao_people = [p for p in records["person"] if p["name_lo"]]
    lao_units = [u for u in records["unit"] if u["country"] == "LA"]
    cases: list[tuple[str, list[dict[str, Any]], str, Callable[[dict[str, Any]], str]]] = [
        ("no accents", vietnamese, "person", lambda p: plain(p["name_vi"]).lower()),
        ("upper case", vietnamese, "person", lambda p: p["name_vi"].upper()),
        ("NFD", vietnamese, "person", lambda p: unicodedata.normalize("NFD", p["name_vi"])),
        ("old tones", toned, "person", lambda p: old_tone_style(p["name_vi"])),
        ("hyphens dropped", lao_people, "person", lambda p: p["name_vi"].replace("-", "")),
        ("hyphens as spaces", lao_people, "person", lambda p: plain(p["name_vi"].replace("-", " "))),
        ("Lao surname", lao_people, "person", lambda p: p["name_lo"].split()[1]),
        ("other spelling", lao_units, "unit", lambda u: u["aliases"][0]),
        ("Lao place", lao_units, "unit", lao_place),
        ("reference", records["agreement"], "agreement", lambda a: f"{a['number']} {a['symbol'].replace('-', ' ')}"),
    ]
    queries = []
    for index in range(count):
        case, pool, kind, typed = cases[index % len(cases)]
        record = rng.choice(pool)
        queries.append((case, typed(record), kind, record["name_vi" if kind != "agreement" else "title_vi"]))
    return queries


def peer_statement(query: str) -> Any:
    """The same folded words, looked for with LIKE in every row: what a search without an index does."""
    doc = search.search_doc.c
    words = [doc.text.like(f"%{term}%") for term in search.query_terms(query)]
    return select(doc.kind, doc.record_id, doc.title).where(and_(*words))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def timed(run: Callable[[], Any]) -> float:
    began = time.perf_counter()
    run()
    return (time.perf_counter() - began) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--agreements", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--passes", type=int, default=3, help="passes over all queries; each query's median counts")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", type=Path, help="build the data folder here and keep it (must not exist)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dnqp-bench-search-") as scratch:
        folder = args.keep or Path(scratch)
        with Library.open(folder) as library:
            started = time.perf_counter()
            records = build(library, args.people, args.units, args.agreements, args.seed)
            built = time.perf_counter() - started
            queries = make_queries(records, args.queries, args.seed)
            size = (folder / "dnqp.sqlite3").stat().st_size / 1e6
            ours_ms, peer_ms, found_ours, full, found_peer = [], [], 0, 0, 0
            by_case: dict[str, list[float]] = {}
            with library.read() as session:
                keys = session.scalar(select(func.count()).select_from(search.search_key))
                for _, text, _, _ in queries:  # warm the caches, as a running app has them
                    search.search(session, text)
                    session.execute(peer_statement(text)).all()
                # Each pass runs every query once, after all the others, so its caches are as cold as a
                # new query's in the app; the median over passes drops random preemption on a busy
                # 2-core machine. Both sides alike.
                runs: list[list[tuple[float, float]]] = [[] for _ in queries]
                for _ in range(args.passes):
                    for index, (_, text, _, _) in enumerate(queries):
                        ours_one = timed(lambda text=text: search.search(session, text))
                        peer_one = timed(lambda text=text: session.execute(peer_statement(text)).all())
                        runs[index].append((ours_one, peer_one))
                for index, (case, text, kind, title) in enumerate(queries):
                    ours_ms.append(statistics.median(one for one, _ in runs[index]))
                    peer_ms.append(statistics.median(other for _, other in runs[index]))
                    by_case.setdefault(case, []).append(ours_ms[-1])
                    hits = search.search(session, text)
                    found = any(hit.kind == kind and hit.title == title for hit in hits)
                    found_ours += found
                    # A common name matches more people than a list shows; then the list is full.
                    full += not found and sum(hit.kind == kind for hit in hits) == search.DEFAULT_LIMIT
                    rows = session.execute(peer_statement(text)).all()
                    found_peer += any(row.kind == kind and row.title == title for row in rows)
    ours, peer = percentile(ours_ms, 0.95), percentile(peer_ms, 0.95)
    ratio = peer / ours if ours else float("inf")
    verdict = "PASS" if ours < GOAL_P95_MS and ratio >= GOAL_RATIO else "MISS"
    print(f"database: {args.people:,} people, {args.units:,} units, {args.agreements:,} agreements; "
          f"{keys:,} index keys; {size:.0f} MB; built and indexed in {built:.1f} s")  # fmt: skip
    cases = ", ".join(dict.fromkeys(query[0] for query in queries))
    print(f"queries: {len(queries)} ({cases}), each timed as its median of {args.passes} passes")
    print(
        f"wanted record among the hits: ours {found_ours}/{len(queries)} (+{full} whose list of "
        f"{search.DEFAULT_LIMIT} was full of other matches), LIKE scan {found_peer}/{len(queries)} (no limit)"
    )
    for case, values in by_case.items():
        print(f"  ours, {case:>17}: p50 {statistics.median(values):6.3f} ms   max {max(values):6.3f} ms")
    for label, values in (("ours", ours_ms), ("LIKE scan", peer_ms)):
        print(f"{label:>9}: p50 {statistics.median(values):8.3f} ms   p95 {percentile(values, 0.95):8.3f} ms")
    print(f"BENCH search ours={ours:.3f} peer={peer:.3f} ratio={ratio:.1f} goal={GOAL_RATIO:.0f} {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
