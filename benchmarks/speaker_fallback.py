"""One person's quotes by a name that heads no speaker group ("Xi" where the group is "Xi Jinping") at
1,000,000 findings: the fallback of notes_db.reviews.speaker_quotes, its time and peak memory.

    python benchmarks/speaker_fallback.py [--findings N] [--docs N] [--db PATH] [--runs N]

Builds (once; reused while it holds N findings) a notes file through Reader's own ``record_findings``: N
findings over 2,000 documents, 40% claims and 60% quotes, the quotes' speakers drawn from 6,000 made-up
people written with and without their titles ("Senator Ana Núñez", "Núñez"), accents and curly apostrophes
among them, and one "General Secretary Xi Jinping" / "President Xi" in 1 document of 20. Then, for each
name, times ``speaker_quotes(store, name, Person(name, []))`` (a person with no groups: only the fallback
runs), best of ``--runs``, and its peak Python memory (tracemalloc, one more run), and prints them;
``--people``: the library's people too, which ``reader speakers NAME`` joins before it looks at the quotes.

The file is built by the code this script is run with, so the numbers before and after a schema change
come from two files: build and time with the old code (``git archive main``), then copy the file and run
this script with the new code on the copy (``--db COPY``): it opens the older file, migrates it (the time
is printed) and times the same names.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from notes_db.people import Person  # noqa: E402
from notes_db.reviews import record_findings, speaker_quotes  # noqa: E402
from notes_db.store import NotesDB  # noqa: E402

FIRST = ["Ana", "John", "Mary", "Pierre", "Natásha", "Søren", "José", "Li", "Ahmed", "Olga", "Kwame", "Ingrid",
         "Mateo", "Chloé", "Dmitri", "Aisha", "Hugo", "Zoë", "Raúl", "Yuki"]
LAST = ["Núñez", "Smith", "O’Neill", "Hecht", "Hernández", "Müller", "Rostóv", "Okafor", "Tanaka", "Dubois",
        "Kowalski", "García", "Nguyen", "Al-Sayed", "D’Angelo", "Petrov", "Larsen", "Moreau", "Silva", "Brown"]
TITLES = ["", "", "", "Senator", "President", "Dr.", "Minister", "Mayor", "Professor", "Chief Executive"]
NAMES = ["xi", "he", "smith", "natasha", "o'neill", "jose nunez"]


def people(rng: random.Random, n: int) -> list[tuple[str, str]]:
    """(group, a way the text writes it) for n people: 'Ana Núñez 12' is written 'Senator Ana Núñez 12' too."""
    out = []
    for i in range(n):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        group = f"{first} {last}" if i < 400 else f"{first} {last} {i}"  # some thousands of distinct people
        out.append((group, f"{rng.choice(TITLES)} {group}".strip()))
    return out


def build(path: Path, n_findings: int, n_docs: int) -> None:
    rng = random.Random(42)
    vocab = ["".join(rng.choice("etaoinshrdlucmfwypvbgkq") for _ in range(rng.randint(2, 9))) for _ in range(5000)]
    who = people(rng, 6000)
    store = NotesDB(path)
    per_doc = n_findings // n_docs
    t0 = time.perf_counter()
    for d in range(n_docs):
        rec = store.register_document(f"fp{d}", f"/library/doc{d}.txt", f"Document {d}", "text", 100_000)
        claims, quotes = [], []
        for i in range(per_doc):
            text = " ".join(rng.choices(vocab, k=rng.randint(8, 30)))
            if i % 5 < 2:
                claims.append((f"k{i}", text, "figure", i * 200, i * 200 + len(text)))
                continue
            group, written = rng.choice(who)
            if d % 20 == 0 and i % 50 == 2:
                group, written = "Xi Jinping", rng.choice(["General Secretary Xi Jinping", "President Xi", "Xi"])
            speaker = written if rng.random() < 0.5 else group.split()[-1] if not group[-1].isdigit() else group
            quotes.append((f"“{text}”", speaker, group, "said", i * 200, i * 200 + len(text) + 2))
        record_findings(store, rec.id, claims, quotes)
        if (d + 1) % 200 == 0:
            print(f"  {(d + 1) * per_doc:,} findings, {time.perf_counter() - t0:.0f} s", flush=True)
    store.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--findings", type=int, default=1_000_000)
    ap.add_argument("--docs", type=int, default=2_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--db", type=Path, default=Path("/tmp/reader-speaker-fallback.sqlite"))
    ap.add_argument("--copy-from", type=Path, help="start from a copy of this file (made by older code)")
    ap.add_argument("--people", action="store_true",
                    help="also time the library's people once (what `reader speakers NAME` joins first; the words "
                         "the library writes in lower case read with them)")
    args = ap.parse_args()
    if args.copy_from:
        for suffix in ("", "-wal", "-shm"):
            Path(str(args.db) + suffix).unlink(missing_ok=True)
        shutil.copy(args.copy_from, args.db)
    if args.db.exists():
        n = sqlite3.connect(args.db).execute("SELECT COUNT(*) FROM findings").fetchone()[0]
        if n != args.findings:
            for suffix in ("", "-wal", "-shm"):
                Path(str(args.db) + suffix).unlink(missing_ok=True)
    if not args.db.exists():
        print(f"building {args.findings:,} findings in {args.db} ...", flush=True)
        build(args.db, args.findings, args.docs)
    version = sqlite3.connect(args.db).execute("PRAGMA user_version").fetchone()[0]
    t0 = time.perf_counter()
    store = NotesDB(args.db)
    opened = time.perf_counter() - t0
    now = store.db.execute("PRAGMA user_version").fetchone()[0]
    (quotes,) = store.db.execute("SELECT COUNT(*) FROM findings WHERE kind = 'quote'").fetchone()
    size = args.db.stat().st_size / 2**20
    print(f"notes file {args.db}: {size:,.0f} MB, {args.findings:,} findings ({quotes:,} quotes); "
          f"schema {version} -> {now}, opened in {opened:.2f} s")
    for name in NAMES:
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            found = speaker_quotes(store, name, Person(name, []))
            times.append(time.perf_counter() - t)
        tracemalloc.start()
        speaker_quotes(store, name, Person(name, []))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"  {name!r:14} {len(found):6,} quotes  {min(times) * 1000:9.1f} ms  peak {peak / 2**20:8.1f} MB",
              flush=True)
    if args.people:
        from notes_db.reviews import people

        tracemalloc.start()
        t = time.perf_counter()
        everyone = people(store)
        took = time.perf_counter() - t
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"  people: {len(everyone):,} in {took:.1f} s (under tracemalloc), peak {peak / 2**20:.0f} MB")
    store.close()


if __name__ == "__main__":
    main()
