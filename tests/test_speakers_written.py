"""A name that heads no speaker group finds the quotes whose speaker, as the text writes it, holds its words
(`reader speakers xi` where the group is a description and the text says "General Secretary Xi Jinping"), by
the index over the folded speakers (schema 16), not by reading every quote into Python; a notes file of
schema 15 gets the folded speakers when it is opened."""

from __future__ import annotations

import json
from pathlib import Path

import sqlite_utils

from notes_db.people import Person
from notes_db.reviews import record_findings, speaker_quotes
from notes_db.store import APPLICATION_ID, SCHEMA_VERSION, NotesDB, migrations
from tests.test_export import reader

QUOTES = [  # (text, speaker as written, group, cue, start, end)
    ("“We will never seek hegemony.”", "General Secretary Xi Jinping", "Chinese leader", "said", 0, 30),
    ("“The talks went well.”", "Hecht", "Hecht", "said", 40, 62),
    ("“Nous verrons.”", "Natásha O’Neill", "Natásha O’Neill", "said", 70, 85),
    ("“Peace is near.”", "President Jinping Xi", "Chinese leader", "said", 90, 106),
]


def _library(db_path: Path) -> None:
    with NotesDB(db_path) as store:
        doc = store.register_document("fp-leaders", "/news/leaders.md", "Leaders meet", "markdown", 200)
        record_findings(store, doc.id, [("k1", "Trade rose 5% last year.", "figure", 110, 134)], QUOTES)


def _said(db_path: Path, name: str) -> list[tuple[str, str]]:
    """What `reader speakers NAME --json` lists: (speaker as written, the quote)."""
    r = reader("speakers", name, "--json", db=db_path)
    data = json.loads(r.stdout)  # the JSON either way; none found exits 1, as without --json
    assert r.returncode == (0 if data["quotes"] else 1), r.stderr
    return [(q["speaker"], q["text"]) for q in data["quotes"]]


def test_a_word_of_the_name_as_written_finds_the_quotes_and_only_whole_words(db_path):
    _library(db_path)
    # nobody's group is named Xi: the speaker as written is
    assert _said(db_path, "xi") == [("General Secretary Xi Jinping", "“We will never seek hegemony.”"),
                                    ("President Jinping Xi", "“Peace is near.”")]
    assert _said(db_path, "Xi Jinping") == [("General Secretary Xi Jinping", "“We will never seek hegemony.”")]
    assert _said(db_path, "general secretary") == [("General Secretary Xi Jinping", "“We will never seek hegemony.”")]
    assert _said(db_path, "secretary general") == []  # the words one after another, in their order
    assert _said(db_path, "he") == []  # not 'Hecht', not 'hegemony'
    r = reader("speakers", "he", db=db_path)
    assert r.returncode != 0 and "no quotes by he" in r.stderr, (r.stdout, r.stderr)
    with NotesDB(db_path) as store:  # accents and apostrophes folded as the Speakers window's filter folds them
        assert [q.speaker for q in speaker_quotes(store, "natasha o'neill", Person("natasha o'neill", []))] \
            == ["Natásha O’Neill"]
        assert [q.speaker for q in speaker_quotes(store, "neill", Person("neill", []))] == ["Natásha O’Neill"]
        assert [q.speaker for q in speaker_quotes(store, "XI", Person("XI", []))] == [
            "General Secretary Xi Jinping", "President Jinping Xi"]


def test_a_new_analysis_replaces_what_the_index_finds(db_path):
    _library(db_path)
    with NotesDB(db_path) as store:
        (doc,) = store.read_rows("SELECT id FROM documents")
        record_findings(store, doc["id"], [], [("“Later.”", "Premier Li Qiang", "Li Qiang", "said", 0, 8)])
        assert speaker_quotes(store, "xi", Person("xi", [])) == []
        assert [q.words for q in speaker_quotes(store, "premier", Person("premier", []))] == ["Later."]
        store.db.execute("DELETE FROM documents")  # its findings go with it, and out of the index
        assert speaker_quotes(store, "premier", Person("premier", [])) == []
    from notes_db.backup import check

    assert check(db_path) == []  # the index matches the findings


def test_a_schema_15_file_gets_its_speakers_folded_when_opened(db_path):
    db_path.parent.mkdir(parents=True, exist_ok=True)
    old = sqlite_utils.Database(db_path)
    migrations.apply(old, stop_before="m016_folded_speakers")  # the file as Reader's schema 15 left it
    old.execute("PRAGMA user_version = 15")
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    old["documents"].insert({"fingerprint": "fp", "path": "/news/leaders.md", "title": "Leaders meet",
                             "kind": "markdown", "chars": 200, "pages": 0, "position": 0, "created": "x",
                             "opened": "x"})
    for text, speaker, group, cue, start, end in QUOTES:  # as schema 15's record_findings wrote them
        old.execute('INSERT INTO findings (doc_id, kind, text, speaker, speaker_group, cue, start, "end", '
                    "claim_kind) VALUES (1, 'quote', ?, ?, ?, ?, ?, ?, 'direct')",
                    [text, speaker, group, cue, start, end])
    old.conn.commit()
    old.close()
    assert _said(db_path, "xi") == [("General Secretary Xi Jinping", "“We will never seek hegemony.”"),
                                    ("President Jinping Xi", "“Peace is near.”")]
    assert _said(db_path, "he") == []
    with NotesDB(db_path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        folded = [r[0] for r in store.db.execute("SELECT speaker_folded FROM findings ORDER BY id")]
        assert folded == [" general secretary xi jinping ", " hecht ", " natasha o neill ", " president jinping xi "]
