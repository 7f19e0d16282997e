from __future__ import annotations

import sqlite3

import pytest

from notes_db import NewerSchemaError, NotesDB, StorageError
from notes_db.store import SCHEMA_VERSION


@pytest.fixture
def store(db_path):
    s = NotesDB(db_path)
    yield s
    s.close()


def _doc(store, fp="fp1", path="/docs/a.md"):
    return store.register_document(fp, path, "A title", "markdown", 1000)


def test_new_file_is_versioned_and_in_wal_mode(store, db_path):
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    names = {r[0] for r in store.db.execute("SELECT name FROM _sqlite_migrations")}
    assert {"m001_initial", "m002_claim_reviews"} <= names


def test_document_recognised_by_content_after_move_and_by_path_after_change(store):
    d = _doc(store)
    assert d.match == "new"
    moved = store.register_document("fp1", "/elsewhere/renamed.md", "A title", "markdown", 1000)
    assert (moved.id, moved.match) == (d.id, "moved")
    changed = store.register_document("fp2", "/elsewhere/renamed.md", "A title", "markdown", 1001)
    assert (changed.id, changed.match) == (d.id, "changed")
    other = store.register_document("fp3", "/docs/b.md", "B", "markdown", 5)
    assert other.id != d.id and other.match == "new"


def test_highlight_note_tags_round_trip_and_tag_counts(store):
    d = _doc(store)
    h = store.add_highlight(d.id, 10, 20, "0123456789", "pre", "suf", "blue", "a note", ["Xi", "rhetoric", "xi"])
    assert h.tags == ["rhetoric", "Xi"]  # duplicates folded case-insensitively, sorted
    h2 = store.update_highlight(h.id, note="changed", tags=["facts"])
    assert (h2.note, h2.tags) == ("changed", ["facts"])
    assert store.tags() == [("facts", 1)]  # unused tags are dropped
    assert [x.id for x in store.highlights(d.id)] == [h.id]


def test_search_index_follows_every_write_at_once(store):
    d = _doc(store)
    h = store.add_highlight(d.id, 0, 5, "Crème brûlée", note="dessert", tags=["food"])
    assert [x.id for x in store.search_simple("creme")] == [h.id]  # accents forgiven
    assert store.search_simple("food")
    store.update_highlight(h.id, note="pudding")
    assert not store.search_simple("dessert")
    assert store.search_simple("pudding")
    store.delete_highlight(h.id)
    assert not store.search_simple("pudding")


def test_delete_then_restore_keeps_id_and_created(store):
    d = _doc(store)
    h = store.add_highlight(d.id, 0, 5, "hello", note="n", tags=["t"])
    gone = store.delete_highlight(h.id)
    assert store.highlights(d.id) == []
    back = store.restore_highlight(gone)
    assert (back.id, back.created, back.note, back.tags) == (h.id, h.created, "n", ["t"])


def test_newer_schema_is_refused_and_left_untouched(db_path):
    NotesDB(db_path).close()
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    before = db_path.read_bytes()
    with pytest.raises(NewerSchemaError, match="newer Reader"):
        NotesDB(db_path)
    assert db_path.read_bytes() == before


def test_full_disk_rolls_back_and_keeps_saved_notes(store):
    d = _doc(store)
    kept = store.add_highlight(d.id, 0, 5, "hello", note="saved before")
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now full
    with pytest.raises(StorageError, match="disk is full"):
        store.add_highlight(d.id, 10, 20000, "x" * 20000, note="y" * 50000)
    store.db.execute("PRAGMA max_page_count = 1073741823")
    assert [h.note for h in store.highlights(d.id)] == [kept.note]


def test_folder_as_db_path_is_a_clear_error(tmp_path):
    with pytest.raises(StorageError, match="folder"):
        NotesDB(tmp_path)


def test_garbage_file_as_db_is_a_clear_error(tmp_path):
    bad = tmp_path / "notes.sqlite"
    bad.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StorageError, match=r"damaged|not a Reader"):
        NotesDB(bad)


def test_claim_reviews_persist(db_path):
    with NotesDB(db_path) as s:
        d = _doc(s)
        s.set_claim_review(d.id, "k1", "disputed", "source says 54%", "https://example.org")
    with NotesDB(db_path) as s:
        r = s.claim_reviews(d.id)["k1"]
        assert (r.status, r.note, r.source) == ("disputed", "source says 54%", "https://example.org")
        with pytest.raises(ValueError):
            s.set_claim_review(d.id, "k1", "maybe")


def test_claim_review_keeps_fields_not_given(store):
    d = _doc(store)
    store.set_claim_review(d.id, "k1", "disputed", "source says 54%", "https://example.org")
    r = store.set_claim_review(d.id, "k1", "verified")
    assert (r.status, r.note, r.source) == ("verified", "source says 54%", "https://example.org")
    store.set_claim_review(d.id, "k1", note="now 56%")
    r = store.claim_reviews(d.id)["k1"]
    assert (r.status, r.note, r.source) == ("verified", "now 56%", "https://example.org")
    store.set_claim_review(d.id, "k2", note="only a note")
    r = store.claim_reviews(d.id)["k2"]
    assert (r.status, r.note, r.source) == ("unchecked", "only a note", "")


def test_reindex_rebuilds(store):
    d = _doc(store)
    store.add_highlight(d.id, 0, 5, "hello", note="world")
    assert store.reindex() == 1
    assert store.search_simple("world")


def test_an_old_notes_file_is_migrated_and_keeps_its_notes(db_path):
    import sqlite_utils

    from notes_db.store import migrations

    db_path.parent.mkdir(parents=True, exist_ok=True)
    old = sqlite_utils.Database(db_path)
    migrations.apply(old, stop_before="m002_claim_reviews")  # a file from the first release
    old.execute("PRAGMA user_version = 1")
    old["documents"].insert({"fingerprint": "fp", "path": "/a.md", "title": "A", "kind": "markdown", "chars": 9,
                             "pages": 0, "position": 5, "created": "x", "opened": "x"})
    old["highlights"].insert({"doc_id": 1, "start": 0, "end": 5, "exact": "hello", "note": "running notes",
                              "tags_text": "", "color": "red", "rects": "[]", "created": "x", "updated": "x"})
    old.conn.commit()
    old.close()
    with NotesDB(db_path) as s:
        assert s.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        (h,) = s.highlights(1)
        assert (h.exact, h.note, h.color) == ("hello", "running notes", "red")
        assert [x.highlight.id for x in s.search("hello").hits] == [h.id]
        assert [x.highlight.id for x in s.search("run", related=True).hits] == [h.id]
        assert s.restored_repairs(1) == []


def test_data_version_tells_changes_made_by_another_connection(db_path):
    with NotesDB(db_path) as window, NotesDB(db_path) as cli:
        d = _doc(window)
        v = window.data_version()
        window.add_highlight(d.id, 0, 5, "hello")
        assert window.data_version() == v  # its own write
        cli.add_highlight(d.id, 6, 11, "world")
        assert window.data_version() != v
