"""The claim ledger compares each reviewed claim with each distinct sentence of the library once
(notes_db.reviews._ClaimIndex), and finds exactly what comparing it with every claim finds, in the same
order: the first claim of each other document, by the keys it shares (figures, then longest terms)."""

from __future__ import annotations

import random

from notes_db.claim_match import candidates_key, score
from notes_db.reviews import ledger, record_findings, set_review
from notes_db.store import NotesDB

SENTENCES = [
    "Among the 40,000 medical workers sent to Hubei, 56.1% are Party members.",
    "Party members make up 56.1 per cent of the 40,000 medical workers sent to Hubei province.",
    "Unemployment fell to 3.5% in September, the lowest rate since 1969.",
    "The jobless rate dropped to 3.5 percent in September, its lowest level since 1969.",
    "The bridge was opened in 1932 and carries 160,000 vehicles a day.",
    "About 160,000 vehicles a day cross the bridge, which opened in 1932.",
    "The council approved the harbour wall repairs without a vote.",
    "Without a vote, the council approved repairs to the harbour wall.",
    "Exports rose 12% last year to 2.1 billion dollars.",
    "Imports fell 12% last year.",
]


def every_claim(store: NotesDB, text: str, doc_id: int) -> list[tuple[int, int | None]]:
    """The ledger's answer worked out the slow way: every claim under every key, in order."""
    claims = store.read_rows("SELECT doc_id, text, start FROM findings WHERE kind = 'claim' ORDER BY id")
    out: list[tuple[int, int | None]] = []
    seen = {doc_id}
    for k in candidates_key(text):
        for c in claims:
            if k in candidates_key(c["text"]) and c["doc_id"] not in seen and score(text, c["text"]) >= 0.5:
                seen.add(c["doc_id"])
                out.append((c["doc_id"], c["start"]))
    return out


def test_ledger_finds_what_comparing_every_claim_finds(tmp_path):
    rng = random.Random(3)
    store = NotesDB(tmp_path / "notes.sqlite")
    docs = []
    for d in range(40):
        rec = store.register_document(f"{d:064x}", f"/docs/{d}.md", f"Document {d}", "markdown", 5000)
        picked = rng.sample(SENTENCES, 4)  # the same sentences in many documents, and paraphrases
        claims = [(f"k{d}-{i}", s, "figure", i * 100, i * 100 + len(s)) for i, s in enumerate(picked)]
        record_findings(store, rec.id, claims, [])
        docs.append((rec.id, claims))
    for doc_id, claims in rng.sample(docs, 15):
        key, text, kind, s, e = claims[rng.randrange(4)]
        set_review(store, doc_id, key, "disputed", "checked", text=text, kind=kind, start=s, end=e)
    items = ledger(store)
    assert len(items) == 15 and sum(len(r.also_in) for r in items) > 30
    for r in items:
        assert [(d, s) for d, _t, s, _e in r.also_in] == every_claim(store, r.text, r.doc_id), r.text
    store.close()
