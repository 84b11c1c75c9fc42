"""Start-up with a large database against a bare PySide6 window, in one run.

Builds (once, cached under /tmp) a data folder with 100 000 people, 10 000 units and 10 000
agreements, then times, from process start to the window being shown:
  ours: `dnqp gui` on that folder (Library.open + MainWindow),
  peer: a bare QMainWindow,
and the resident memory of both. Goals: time ratio ≤ 1.5, at most 80 MB more memory.

    .venv/bin/python bench/startup.py [--rows 100000] [--runs 5]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, os, sys, time
started = float(os.environ["BENCH_STARTED"])
mode = sys.argv[1]
result = {}

def rss_mb():
    with open("/proc/self/status") as status:
        kb = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    return kb / 1024

if mode == "ours":  # what `dnqp gui` does, in its order: cli, then Qt (ui/app.py run_gui)
    from pathlib import Path
    import dnqp_desktop.cli
    from dnqp_desktop.ui.app import apply_language, ensure_application
    from dnqp_desktop.ui.main_window import MainWindow
    app = ensure_application()
    apply_language(app, "vi")
    window = MainWindow(data_folder=Path(sys.argv[2]))
else:
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1200, 760)
window.show()
result["seconds"] = time.time() - started
from PySide6.QtCore import QTimer

def fill():
    if mode == "ours":
        from dnqp_desktop.core.library import Library
        from dnqp_desktop.core.services.policy import SYSTEM  # the log-in (Argon2, by design slow) is not timed
        window.attach(Library.open(sys.argv[2], fall_back_to_read_only=True), SYSTEM)
    app.processEvents()
    result["filled"] = time.time() - started
    result["rss_mb"] = rss_mb()
    print(json.dumps(result), flush=True)
    app.quit()

QTimer.singleShot(0, fill)
app.exec()
"""

SYLLABLES_VI = "an anh bảo bình châu chiến cường dũng đức giang hà hải hòa hùng khánh lâm long minh nam phong quang sơn tâm thắng thành trung tuấn văn việt xuân".split()  # noqa: E501
FAMILIES_VI = "Nguyễn Trần Lê Phạm Hoàng Vũ Đặng Bùi Đỗ Hồ Ngô Dương Lý".split()
SYLLABLES_LO = "ສົມ ບຸນ ຄຳ ແກ້ວ ພອນ ໄຊ ວົງ ສີ ທອງ ຈັນ ມະນີ ພູ ວັນ ນາ ລາ".split()


def build(folder: Path, rows: int) -> None:
    """Fill a migrated database directly with SQL: the bench measures start-up, not loading."""
    from dnqp_desktop.core.library import Library

    random.seed(7)
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
    with Library.open(folder) as library:
        raw = library.engine.raw_connection()
        try:
            cursor = raw.cursor()
            units = []
            for index in range(rows // 10):
                name = f"Đơn vị {random.choice(SYLLABLES_VI).title()} {index}"
                units.append((str(uuid.uuid4()), now, now, random.choice(["VN", "LA"]), "province_command", 0, name))
            cursor.executemany(
                "INSERT INTO unit (id, created_at, updated_at, country, level, is_own, name_vi, name_lo, name_en,"
                " short_name, aliases, address, contact, notes) VALUES (?,?,?,?,?,?,?,'','','','[]','','','')",
                units,
            )
            people = []
            for _index in range(rows):
                given = " ".join(random.choice(SYLLABLES_VI).title() for _ in range(2))
                name = f"{random.choice(FAMILIES_VI)} {given}"
                lao = " ".join(random.choice(SYLLABLES_LO) for _ in range(3))
                people.append((str(uuid.uuid4()), now, now, name, lao, random.choice(units)[0]))
            cursor.executemany(
                "INSERT INTO person (id, created_at, updated_at, name_vi, name_lo, name_en, aliases, unit_id, notes)"
                " VALUES (?,?,?,?,?,'','[]',?,'')",
                people,
            )
            agreements = []
            for index in range(rows // 10):
                signed = date(2000 + index % 26, 5, 1).isoformat()
                agreements.append((str(uuid.uuid4()), now, now, f"Thỏa thuận hợp tác số {index}", signed))
            cursor.executemany(
                "INSERT INTO agreement (id, created_at, updated_at, kind, number, symbol, title_vi, title_lo, place_vi,"
                " place_lo, signed_on, status, originals_count, preamble_vi, preamble_lo, notes)"
                " VALUES (?,?,?,'annual_cooperation','','',?,'','','',?,'signed',2,'','','')",
                agreements,
            )
            raw.commit()
        finally:
            raw.close()
    with Library.open(folder):  # first open after a bulk load may build the search index: not timed
        pass


def measure(mode: str, folder: Path) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"), "PYTHONPATH": str(ROOT)}
    env["BENCH_STARTED"] = repr(time.time())
    result = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(folder)], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(f"/tmp/dnqp-bench-startup-{args.rows}")
    if not (folder / "dnqp.sqlite3").exists():
        print(f"building {args.rows} people …", flush=True)
        build(folder, args.rows)
    # An installed copy (a wheel, the PyInstaller bundle) carries bytecode, as PySide6 in
    # site-packages does; with PYTHONDONTWRITEBYTECODE set (as on CI) our sources would otherwise
    # be compiled again at every start and the bench would time the compiler.
    compileall.compile_dir(ROOT / "dnqp_desktop", quiet=1)
    # Installed copies carry compiled catalogs too (`make` compiles them); a .mo older than its
    # .po would be compiled in memory at every start (about 60 ms), as in a tree just edited.
    from dnqp_desktop.tools.catalogs import compile_all

    compile_all()
    measure("ours", folder)  # warm the file cache for both
    measure("peer", folder)
    # Alternating, so that both sides meet the same load (this host's speed drifts by a third).
    ours, peer = [], []
    for _ in range(args.runs):
        ours.append(measure("ours", folder))
        peer.append(measure("peer", folder))
    ours_s = statistics.median(run["seconds"] for run in ours)
    peer_s = statistics.median(run["seconds"] for run in peer)
    ours_mb = max(run["rss_mb"] for run in ours)
    peer_mb = max(run["rss_mb"] for run in peer)
    ratio = ours_s / peer_s
    filled = statistics.median(run["filled"] for run in ours)
    print(f"start-up to window shown: ours {ours_s:.3f} s, bare QMainWindow {peer_s:.3f} s")
    print(f"start-up to the records on screen (library open, overview filled): ours {filled:.3f} s")
    print(f"resident memory: ours {ours_mb:.0f} MB, bare {peer_mb:.0f} MB (+{ours_mb - peer_mb:.0f} MB)")
    verdict = "PASS" if ratio <= 1.5 and ours_mb - peer_mb <= 80 else "MISS"
    print(f"BENCH startup ours={ours_s:.3f} peer={peer_s:.3f} ratio={ratio:.2f} goal=1.5 {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
