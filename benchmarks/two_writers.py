"""Two processes saving highlights into one notes file at once.

Each writer opens the notes file as Reader does and saves N highlights in a
tight loop (no pause), as the window and a script would; a failed save is
counted, not retried. Prints saves, failures and what the file holds after.

Run: .venv/bin/python benchmarks/two_writers.py [N] [--cli M]
     (--cli M: also M saves per writer through `reader highlight`, one process each)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def writer(db: str, n: int, name: str) -> None:
    """Child: open the notes file and save n highlights; print 'saved K failed F'."""
    from notes_db import NotesDB, StorageError

    store = NotesDB(db)
    doc = store.register_document(f"fp-{name}", f"/{name}.md", name, "markdown", 10_000)
    saved = failed = 0
    for i in range(n):
        try:
            store.add_highlight(doc.id, i, i + 5, f"{name} passage {i}", note=f"note {i} from {name}")
            saved += 1
        except StorageError as exc:
            failed += 1
            sys.stderr.write(f"{name}: {exc}\n")
    store.close()
    sys.stdout.write(f"saved {saved} failed {failed}\n")


def run_writers(db: Path, n: int, writers: int = 2) -> tuple[int, int, int]:
    """Start the writers together; return (saved, failed, highlights in the file)."""
    procs = [subprocess.Popen([sys.executable, __file__, "--child", str(db), str(n), f"w{k}"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for k in range(writers)]
    saved = failed = 0
    for p in procs:
        out, err = p.communicate(timeout=600)
        if p.returncode != 0:
            raise RuntimeError(f"writer crashed: {err}")
        words = out.split()
        saved += int(words[1])
        failed += int(words[3])
    import sqlite3

    con = sqlite3.connect(db)
    total = con.execute("SELECT COUNT(*) FROM highlights").fetchone()[0]
    con.close()
    return saved, failed, total


def run_cli(db: Path, m: int) -> tuple[int, int]:
    """Two shells running `reader highlight` m times each, at once: (succeeded, failed)."""
    from reader.loaders import load

    sample = ROOT / "resources" / "sample-article.md"
    words = [w for w in load(sample).text.split() if w.isalpha()]
    script = "\n".join(
        f"{sys.executable} -m reader highlight {sample} --db {db} --text '{words[40 + i]}' >/dev/null 2>>{db}.err{{k}}"
        f" || echo fail" for i in range(m))
    procs = [subprocess.Popen(["sh", "-c", script.replace("{k}", str(k))], stdout=subprocess.PIPE, text=True)
             for k in range(2)]
    fails = sum(p.communicate(timeout=3600)[0].count("fail") for p in procs)
    return 2 * m - fails, fails


def main() -> None:
    args = sys.argv[1:]
    if args and args[0] == "--child":
        writer(args[1], int(args[2]), args[3])
        return
    n = int(args[0]) if args and not args[0].startswith("-") else 500
    cli = int(args[args.index("--cli") + 1]) if "--cli" in args else 0
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "notes.sqlite"
        t0 = time.perf_counter()
        saved, failed, total = run_writers(db, n)
        dt = time.perf_counter() - t0
        print(f"two writers x {n} saves (fresh notes file, tight loop): saved {saved}, failed {failed}, "
              f"in the file {total}, {dt:.1f} s")
        if cli:
            ok, bad = run_cli(db, cli)
            errs = "".join(p.read_text() for p in Path(tmp).glob("notes.sqlite.err*"))
            print(f"two shells x {cli} `reader highlight`: succeeded {ok}, failed {bad}")
            if errs.strip():
                print("errors:", errs.strip().splitlines()[:5])
    if os.environ.get("READER_BENCH_STRICT") and failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
