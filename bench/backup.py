"""Backup + verify of a 200 MB database with attachments, against ``cp`` + ``sha256sum`` of the same files.

Builds a throw-away data folder: the real schema (alembic), a few records and 20 attachments of
2.5 MB through the services, then about 200 MB of unit rows filled in one SQL statement (the
benchmark times backups, not inserts). Ours is ``write_backup``: snapshot with SQLite's backup API,
hash, encrypt in authenticated chunks, fsync, drop the file from the OS cache, read it back and
check every chunk and hash, rename. The peer copies the database file and the attachment files
with ``cp`` and checksums the copies with ``sha256sum`` (no encryption, no consistency, no
verification against the source, no fsync). Each side runs once to warm up, then three times;
the median counts.

    .venv/bin/python bench/backup.py [--megabytes 200]

The last line is ``BENCH backup ours=<s> peer=<s> ratio=<r> goal=2 PASS|MISS`` (PASS: ratio <= 2).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dnqp_desktop.core.backup import keys  # noqa: E402
from dnqp_desktop.core.backup.writer import write_backup  # noqa: E402
from dnqp_desktop.core.config import DataFolder, Settings  # noqa: E402
from dnqp_desktop.core.library import Library  # noqa: E402
from dnqp_desktop.core.services.policy import SYSTEM  # noqa: E402

GOAL = 2.0
ROW_BYTES = 4000


def build(root: Path, megabytes: int) -> DataFolder:
    folder = DataFolder(root / "data")
    with Library.open(folder.root) as library:
        unit = library.units.create({"country": "LA", "level": "province_command", "name_vi": "Hủa Phăn"}, actor=SYSTEM)
        scans = root / "scans"
        scans.mkdir()
        rng = random.Random(6)
        for index in range(20):
            source = scans / f"scan-{index}.pdf"
            source.write_bytes(rng.randbytes(2_500_000))
            library.attachments.add("unit", unit.id, source, actor=SYSTEM)
    rows = megabytes * 1_000_000 // (ROW_BYTES + 200)
    connection = sqlite3.connect(folder.database)
    connection.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
        "INSERT INTO unit (id, created_at, updated_at, country, level, is_own, name_vi, name_lo, name_en, "
        "short_name, aliases, address, contact, notes) "
        "SELECT lower(hex(randomblob(16))), '2025-01-01 00:00:00', '2025-01-01 00:00:00', 'LA', "
        "'district_command', 0, 'Đơn vị ' || i, '', '', '', '[]', '', '', hex(randomblob(?)) FROM n",
        (rows, ROW_BYTES // 2),
    )
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    keys.create_key(folder.root, "bench password 2025", "bench password 2025")
    return folder


def peer(folder: DataFolder, target: Path) -> float:
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir()
    started = time.perf_counter()
    subprocess.run(["cp", str(folder.database), str(target / "dnqp.sqlite3")], check=True)
    subprocess.run(["cp", "-r", str(folder.attachments), str(target / "attachments")], check=True)
    files = [str(path) for path in sorted(target.rglob("*")) if path.is_file()]
    subprocess.run(["sha256sum", *files], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def ours(folder: DataFolder, target: Path) -> float:
    shutil.rmtree(target, ignore_errors=True)
    started = time.perf_counter()
    write_backup(folder, target, settings=Settings(), rotate=False)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dnqp-bench-backup-") as temp:
        root = Path(temp)
        started = time.perf_counter()
        folder = build(root, args.megabytes)
        database_mb = folder.database.stat().st_size / 1e6
        attachments_mb = sum(p.stat().st_size for p in folder.attachments.rglob("*") if p.is_file()) / 1e6
        print(f"built in {time.perf_counter() - started:.1f} s: database {database_mb:.0f} MB, "
              f"attachments {attachments_mb:.0f} MB")  # fmt: skip
        ours(folder, root / "ours")
        peer(folder, root / "peer")
        our_times, peer_times = [], []
        for _ in range(3):
            our_times.append(ours(folder, root / "ours"))
            peer_times.append(peer(folder, root / "peer"))
        size = next((root / "ours").iterdir()).stat().st_size / 1e6
        print(f"ours (backup + verify, {size:.0f} MB file): " + ", ".join(f"{t:.2f}" for t in our_times) + " s")
        print("peer (cp + sha256sum): " + ", ".join(f"{t:.2f}" for t in peer_times) + " s")
    our, other = statistics.median(our_times), statistics.median(peer_times)
    ratio = our / other
    verdict = "PASS" if ratio <= GOAL else "MISS"
    print(f"BENCH backup ours={our:.2f} peer={other:.2f} ratio={ratio:.2f} goal={GOAL:g} {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
