"""The claim ledger on a big library: how long listing every reviewed claim
(with the other documents holding it) and checking one opened document take.

A notes file of DOCS documents with 20 claims each, made of real check-worthy
sentences (../shared/data/checkworthy, CheckThat! 2024 / ClaimBuster), and
REVIEWS reviewed claims. Prints timings; no asserts.

    .venv/bin/python benchmarks/ledger.py [DOCS] [REVIEWS]
"""

from __future__ import annotations

import csv
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from notes_db.reviews import ledger, record_findings, reviewed_elsewhere, set_review  # noqa: E402
from notes_db.store import NotesDB  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "checkworthy" / "CT24_checkworthy_english_train.tsv"


def main() -> None:
    docs = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    n_reviews = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    with DATA.open(encoding="utf-8") as f:
        sentences = [r["Text"] for r in csv.DictReader(f, delimiter="\t") if r["class_label"] == "Yes"]
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        store = NotesDB(Path(tmp) / "notes.sqlite")
        ids = []
        t0 = time.perf_counter()
        for d in range(docs):
            rec = store.register_document(f"{d:064x}", f"/docs/{d}.md", f"Document {d}", "markdown", 10000)
            claims = [(f"k{d}-{i}", s, "figure", i * 100, i * 100 + len(s))
                      for i, s in enumerate(rng.sample(sentences, 20))]
            record_findings(store, rec.id, claims, [])
            ids.append((rec.id, claims))
        print(f"library: {docs} documents, {docs * 20} claims remembered in {time.perf_counter() - t0:.1f} s")
        for doc_id, claims in rng.sample(ids, min(n_reviews, len(ids))):
            key, text, kind, s, e = claims[0]
            set_review(store, doc_id, key, "disputed", "checked", text=text, kind=kind, start=s, end=e)
        for _ in range(2):
            t0 = time.perf_counter()
            items = ledger(store)
            t_ledger = time.perf_counter() - t0
        elsewhere = sum(len(r.also_in) for r in items)
        print(f"ledger: {len(items)} reviewed claims, {elsewhere} appearances elsewhere, {t_ledger * 1000:.0f} ms")
        doc_id, claims = ids[-1]
        t0 = time.perf_counter()
        found = reviewed_elsewhere(store, doc_id, [(k, t) for k, t, _kind, _s, _e in claims])
        print(f"opening one document (20 claims) against {n_reviews} reviews: {len(found)} matches, "
              f"{(time.perf_counter() - t0) * 1000:.1f} ms")
        store.close()


if __name__ == "__main__":
    main()
