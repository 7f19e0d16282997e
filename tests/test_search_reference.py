"""Search at volume gives what the plain rules say it gives.

A few thousand notes with a Zipf vocabulary (so some words are in more notes
than the ranking window and some in a handful), tags and colours; every query is
run through Reader's search and through a straightforward reference written
from the rules in notes_db.search (all matches newest first, filtered with
plain joins; exact bm25 for a query with a moderate number of matches and no
filter, the ranker's own score for the newest matches otherwise). Both must give
the same highlights in the same order, so a faster plan can never change what a
person finds.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

from notes_db import NotesDB
from notes_db.search import COMMON_SCORED, RANK_WINDOW, _score_common, parse

N_NOTES = 4000
TAGS = [f"topic{i}" for i in range(12)]
COLORS = ["yellow", "red", "green", "blue", "purple"]


def _vocabulary(rng: random.Random) -> list[str]:
    syllables = ["ba", "ko", "ri", "tesh", "lun", "mar", "ve", "dos", "pil", "qua", "zen", "thor"]
    words: set[str] = set()
    while len(words) < 900:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))))
    return sorted(words)


@pytest.fixture(scope="module")
def volume(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = tmp_path_factory.mktemp("volume") / "notes.sqlite"
    store = NotesDB(path)
    rng = random.Random(11)
    vocab = _vocabulary(rng)
    weights = [1 / (i + 1) ** 1.1 for i in range(len(vocab))]
    docs = [store.register_document(f"fp{d}", f"/library/doc{d}.pdf", f"Document {d}", "pdf", 100_000, 30).id
            for d in range(8)]
    with store.transaction():
        for i in range(N_NOTES):
            exact = " ".join(rng.choices(vocab, weights, k=rng.randint(6, 24)))
            note = " ".join(rng.choices(vocab, weights, k=rng.randint(2, 12))) if rng.random() < 0.5 else ""
            tags = rng.sample(TAGS, rng.choice([0, 1, 1, 2]))
            day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            store.add_highlight(rng.choice(docs), i * 10, i * 10 + 5, exact, color=rng.choice(COLORS), note=note,
                                tags=tags, created=day)
            if i % 97 == 0:  # the same words again and again: equal scores, ordered as ties are
                store.add_highlight(docs[0], i * 10 + 5, i * 10 + 9, "samewords again samewords", tags=TAGS[:1],
                                    created=day)
    counts = dict(store.db.execute("SELECT term, doc FROM highlights_fts_vocab").fetchall())
    store.vocab = sorted(counts, key=counts.get, reverse=True)
    store.counts = counts
    yield store
    store.close()


def reference(store: NotesDB, text: str, limit: int) -> list[int]:
    """The ids a query should find, in order, worked out the plain way."""
    q = parse(text)
    match = q.match()
    assert match is not None
    conds, params = ["h.id IN (SELECT rowid FROM highlights_fts WHERE highlights_fts MATCH ?)"], [match]
    for t in q.tags:
        conds.append("EXISTS (SELECT 1 FROM highlight_tags ht, tags t WHERE ht.highlight_id = h.id "
                     "AND t.id = ht.tag_id AND t.name = ?)")
        params.append(t)
    for c in q.colors:
        conds.append("h.color = ?")
        params.append(c)
    for t in q.excluded:
        conds.append("h.id NOT IN (SELECT rowid FROM highlights_fts WHERE highlights_fts MATCH ?)")
        params.append(t.fts())
    newest = [r[0] for r in store.db.execute(
        f"SELECT h.id FROM highlights h WHERE {' AND '.join(conds)} ORDER BY h.id DESC", params).fetchall()]
    window = newest[:max(RANK_WINDOW, limit)]
    filtered = bool(q.tags or q.colors or q.excluded)
    if len(window) <= limit:
        return [i for i, _ in _score_common(store, window, q)]
    if len(newest) < RANK_WINDOW and not filtered:  # exact bm25 over every match
        return [r[0] for r in store.db.execute(
            "SELECT rowid FROM highlights_fts WHERE highlights_fts MATCH ? ORDER BY rank LIMIT ?", [match, limit])]
    return [i for i, _ in _score_common(store, window[:max(COMMON_SCORED, limit)], q)][:limit]


def found(store: NotesDB, text: str, limit: int) -> list[int]:
    return [h.highlight.id for h in store.search(text, limit=limit).hits]


def _queries(store: Any) -> list[str]:
    rng = random.Random(3)
    vocab, counts = store.vocab, store.counts
    common = [w for w in vocab if counts[w] >= RANK_WINDOW]
    middling = [w for w in vocab if 21 <= counts[w] < RANK_WINDOW]
    rare = [w for w in vocab if counts[w] <= 20]
    assert common and middling and rare, "the notes must hold words of every kind"
    out = []
    for _ in range(6):
        out += [rng.choice(common), rng.choice(middling), rng.choice(rare)]
        out.append(f"{rng.choice(middling)} {rng.choice(common)}")
        out.append(f"{rng.choice(middling)} {rng.choice(middling)}")
        out.append(f"{rng.choice(rare)} {rng.choice(common)}")
        for word in (rng.choice(common), rng.choice(middling)):
            out.append(f"tag:{rng.choice(TAGS)} {word}")
            out.append(f"tag:{rng.choice(TAGS)} color:{rng.choice(COLORS)} {word}")
            out.append(f"tag:{rng.choice(TAGS)} {word} -{rng.choice(middling)}")
        out.append(f"{rng.choice(middling)} -{rng.choice(common)}")
    out += ["samewords", "samewords again", f"tag:{TAGS[0]} samewords"]
    return out


def test_the_notes_hold_every_path_of_the_ranking(volume):
    """The fixture is what the comparison needs: words beyond the window, within it, and rare."""
    assert volume.counts[volume.vocab[0]] >= RANK_WINDOW
    assert sum(1 for n in volume.counts.values() if 21 <= n < RANK_WINDOW) >= 20


@pytest.mark.parametrize("limit", [20, 50])
def test_search_finds_what_the_reference_finds_in_the_same_order(volume, limit):
    queries = _queries(volume)
    differ = [(q, found(volume, q, limit), reference(volume, q, limit)) for q in queries]
    differ = [d for d in differ if d[1] != d[2]]
    assert not differ, f"{len(differ)} of {len(queries)} queries differ, e.g. {differ[0]}"
    assert sum(1 for q in queries if found(volume, q, limit)) >= len(queries) * 2 // 3  # most find something


def test_date_order_is_newest_first_with_the_filters(volume):
    word = volume.vocab[5]
    tag = TAGS[2]
    hits = [h.highlight.id for h in volume.search(f"tag:{tag} {word}", order="date", limit=30).hits]
    expected = [r[0] for r in volume.db.execute(
        "SELECT h.id FROM highlights h JOIN highlight_tags ht ON ht.highlight_id = h.id JOIN tags t ON t.id = ht.tag_id "
        "WHERE t.name = ? AND h.id IN (SELECT rowid FROM highlights_fts WHERE highlights_fts MATCH ?) "
        "ORDER BY h.id DESC LIMIT 30", [tag, f'"{word}"'])]
    assert hits == expected and len(hits) == 30
