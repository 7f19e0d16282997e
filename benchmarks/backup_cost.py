"""What a backup costs on a big notes file (the session backup a window leaves when it closes).

The notes file given (e.g. the 1M-note file benchmarks/search.py builds) is first copied into a
temporary folder (so its owner's file and backups are untouched), then on the copy:

- session backup: notes_db.backup.session_backup, as the process a closing window starts runs it
  (SQLite's online backup API into a new file, PRAGMA quick_check of the copy, rename, rotation);
- quick_check: PRAGMA quick_check of the notes file itself;
- counting: what the damage dialog reads to say what a restore would lose (notes_db.backup.contents).

Run: .venv/bin/python benchmarks/backup_cost.py --db /tmp/reader-search-bench.sqlite [--runs 2]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, required=True, help="a notes file to measure on (copied first)")
    ap.add_argument("--runs", type=int, default=2)
    args = ap.parse_args()
    from notes_db.backup import contents, session_backup

    with tempfile.TemporaryDirectory(prefix="reader-backup-cost-") as t:
        db = Path(t) / "notes.sqlite"
        src = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
        dst = sqlite3.connect(db)
        src.backup(dst)
        src.close()
        dst.close()
        size = db.stat().st_size
        con = sqlite3.connect(db)
        notes = con.execute("SELECT count(*) FROM highlights").fetchone()[0]
        con.close()
        times: dict[str, list[float]] = {"session backup": [], "quick_check": [], "contents": []}
        for _ in range(args.runs):
            t0 = time.perf_counter()
            made = session_backup(db, keep=1)
            times["session backup"].append(time.perf_counter() - t0)
            assert made is not None
            t0 = time.perf_counter()
            con = sqlite3.connect(db)
            ok = con.execute("PRAGMA quick_check").fetchone()[0]
            con.close()
            times["quick_check"].append(time.perf_counter() - t0)
            assert ok == "ok"
            t0 = time.perf_counter()
            contents(db)
            times["contents"].append(time.perf_counter() - t0)
        shutil.rmtree(Path(t) / "backups", ignore_errors=True)
    print(f"notes file: {notes:,} highlights, {size / 2**20:,.0f} MB")
    for name, xs in times.items():
        print(f"{name}: best {min(xs):.2f} s of {len(xs)} ({', '.join(f'{x:.2f}' for x in xs)})")


if __name__ == "__main__":
    main()
