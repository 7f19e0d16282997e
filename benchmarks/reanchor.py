"""Re-anchoring 10,000 highlights after War and Peace's text changed.

    python benchmarks/reanchor.py [--count N] [--quick]

A fresh notes file gets N highlights spread over the book (as in
benchmarks/highlights.py). The book is then edited in place: a new preface
near the start (every highlight after it moves), 2,000 characters cut from the
middle (the highlights there are gone), and a paragraph copied right after
itself (its highlights become ambiguous). Opening the edited book places every
highlight again by its quote and context (reader/session.py, reader/anchoring.py).

Prints the time of that re-opening (notes read, placed and written back), of
the placing alone (``anchoring.locate_all``: one pass over the text) and, unless
--quick, of the one-by-one ``locate`` it replaced, checking both place every
highlight the same way. Last line:
reanchor: N highlights in S s on open (placing P s; one by one O s), placed A, not found B, ambiguous C, same: yes
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from highlights import BOOK, make_notes  # noqa: E402


def edit(book: Path) -> None:
    """A preface near the start, a cut in the middle, a paragraph copied after itself."""
    text = book.read_text(encoding="utf-8")
    n = len(text)
    at = text.index("\n\n", n // 100) + 2
    preface = ("A NOTE ON THIS EDITION\n\nThis text was checked against the 1869 edition; "
               "a few passages were cut and one paragraph was set twice by mistake.\n\n")
    text = text[:at] + preface + text[at:]
    mid = text.index("\n\n", n // 2) + 2
    text = text[:mid] + text[mid + 2000:]
    p = text.index("\n\n", 3 * n // 4) + 2
    q = text.index("\n\n", p + 400) + 2
    text = text[:q] + text[p:q] + text[q:]
    book.write_text(text, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--quick", action="store_true", help="skip the one-by-one comparison (about 16 s)")
    args = ap.parse_args()
    from notes_db.store import NotesDB
    from reader import loaders
    from reader.anchoring import Anchor, locate, locate_all
    from reader.session import Session

    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        book = tmp / BOOK.name
        shutil.copyfile(BOOK, book)
        db = tmp / "notes.sqlite"
        make_notes(book, db, args.count)
        store = NotesDB(db)
        before = loaders.load(book)
        record = store.register_document(before.fingerprint, str(book), before.title, before.kind, len(before.text), 0)
        anchors = [Anchor(h.start, h.end, h.exact, h.prefix, h.suffix) for h in store.highlights(record.id)]
        edit(book)
        doc = loaders.load(book)

        t0 = time.perf_counter()
        placed_all = locate_all(doc.text, anchors)
        placing = time.perf_counter() - t0
        one_by_one = None
        same = "not compared (--quick)"
        if not args.quick:
            t0 = time.perf_counter()
            placed_one = [locate(doc.text, a) for a in anchors]
            one_by_one = time.perf_counter() - t0
            same = "yes" if placed_one == placed_all else \
                f"NO ({sum(1 for x, y in zip(placed_one, placed_all, strict=True) if x != y)} differ)"

        t0 = time.perf_counter()
        session = Session(store, doc)
        on_open = time.perf_counter() - t0
        hs = session.highlights
        def key(h: object) -> tuple:
            return (h.id, h.start, h.end, h.orphaned, h.ambiguous)  # type: ignore[attr-defined]

        stored = sorted(map(key, store.highlights(session.doc_id))) == sorted(map(key, hs))
        placed = sum(1 for h in hs if not h.orphaned)
        ambiguous = sum(1 for h in hs if h.orphaned and h.ambiguous)
        gone = sum(1 for h in hs if h.orphaned and not h.ambiguous)
        store.close()

    obo = f"{one_by_one:.2f} s" if one_by_one is not None else "not run"
    print(f"text {len(doc.text):,} characters; {len(anchors):,} highlights")
    print(f"open after the edit (read, place, write back): {on_open:.2f} s")
    print(f"placing alone: locate_all {placing:.2f} s; one by one {obo}; same placements: {same}")
    print(f"the session's highlights are as the notes file holds them: {'yes' if stored else 'NO'}")
    print(f"reanchor: {len(anchors):,} highlights in {on_open:.2f} s on open (placing {placing:.2f} s; one by one {obo}), "
          f"placed {placed:,}, not found {gone:,}, ambiguous {ambiguous:,}, same: {same}")


if __name__ == "__main__":
    main()
