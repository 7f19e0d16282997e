"""kill -9 at random moments while Reader saves: is every acknowledged write still there?

A child process opens the notes file and saves highlights (add, edit a note,
tag) in a loop, printing "ok ID NOTE" only after each save returned (the
transaction committed). The parent kills it with SIGKILL after a random delay,
then opens the file as Reader would and checks: integrity_check is ok, the
search index agrees with the notes, and every acknowledged save is there with
the note it acknowledged. Every trial starts from the file the last one left.

Run: .venv/bin/python benchmarks/killtest.py [TRIALS] [SEED]
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def child(db: str, seed: int) -> None:
    from notes_db import NotesDB

    rng = random.Random(seed)
    store = NotesDB(db)
    doc = store.register_document("fp-kill", "/kill.md", "Kill", "markdown", 10_000)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    mine: list[int] = []
    i = 0
    while True:
        i += 1
        if mine and rng.random() < 0.3:
            hid = rng.choice(mine)
            note = f"edited {seed}-{i}"
            store.update_highlight(hid, note=note, tags=[f"t{i % 7}"])
        else:
            note = f"note {seed}-{i} " + "x" * rng.randrange(0, 3000)
            hid = store.add_highlight(doc.id, i, i + 5, f"passage {seed}-{i}", note=note, tags=["kill"]).id
            mine.append(hid)
        sys.stdout.write(f"ok {hid} {note[:40]}\n")
        sys.stdout.flush()


@dataclass
class Totals:
    trials: int = 0
    acknowledged: int = 0
    lost: int = 0
    corrupt: int = 0
    index_bad: int = 0
    open_failed: int = 0
    problems: list[str] = field(default_factory=list)


def trial(db: Path, seed: int, rng: random.Random, totals: Totals) -> None:
    p = subprocess.Popen([sys.executable, __file__, "--child", str(db), str(seed)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert p.stdout is not None
    if p.stdout.readline().strip() != "ready":
        err = p.stderr.read() if p.stderr else ""
        p.wait()
        totals.open_failed += 1
        totals.problems.append(f"seed {seed}: child did not start: {err.strip()[-300:]}")
        return
    time.sleep(rng.uniform(0, 0.25))
    p.send_signal(signal.SIGKILL)
    out, _err = p.communicate()
    acked: dict[int, str] = {}
    for line in out.splitlines():
        parts = line.split(" ", 2)
        if len(parts) == 3 and parts[0] == "ok":
            acked[int(parts[1])] = parts[2]
    totals.trials += 1
    totals.acknowledged += len(acked)

    from notes_db import NotesDB, StorageError

    try:
        store = NotesDB(db)
    except StorageError as exc:
        totals.open_failed += 1
        totals.problems.append(f"seed {seed}: cannot open after kill: {exc}")
        return
    try:
        if store.db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            totals.corrupt += 1
            totals.problems.append(f"seed {seed}: integrity_check failed")
        for table in ("highlights_fts", "highlights_stem"):
            try:
                store.db.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")
            except Exception as exc:
                totals.index_bad += 1
                totals.problems.append(f"seed {seed}: {table}: {exc}")
        for hid, note in acked.items():  # the last acknowledged state of each highlight
            h = store.highlight(hid)
            if h is None:
                totals.lost += 1
                totals.problems.append(f"seed {seed}: highlight {hid} lost")
            elif _step(h.note) < _step(note):  # a later save may have committed unacknowledged; an older may not
                totals.lost += 1
                totals.problems.append(f"seed {seed}: highlight {hid} has {h.note[:30]!r}, acknowledged {note!r}")
    finally:
        store.close()


def _step(note: str) -> int:
    """The loop counter a note was written at ("note SEED-I ..." or "edited SEED-I")."""
    return int(note.split()[1].split("-")[1])


def run(trials: int, seed: int = 1, folder: Path | None = None) -> Totals:
    rng = random.Random(seed)
    totals = Totals()
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        db = Path(tmp) / "notes.sqlite"
        for k in range(trials):
            trial(db, seed * 100_000 + k, rng, totals)
    return totals


def main() -> None:
    args = sys.argv[1:]
    if args and args[0] == "--child":
        child(args[1], int(args[2]))
        return
    trials = int(args[0]) if args else 1000
    seed = int(args[1]) if len(args) > 1 else 1
    t0 = time.perf_counter()
    totals = run(trials, seed)
    print(f"kill -9 during saves: {totals.trials} trials, {totals.acknowledged} acknowledged writes, "
          f"{totals.lost} lost, {totals.corrupt} corrupt, {totals.index_bad} search-index mismatches, "
          f"{totals.open_failed} failed to open ({time.perf_counter() - t0:.0f} s)")
    for line in totals.problems[:20]:
        print("PROBLEM", line)


if __name__ == "__main__":
    main()
