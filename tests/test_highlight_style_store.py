"""A highlight's style (highlight | underline | squiggly | strikeout) in the notes file: stored, changed in one
transaction, migrated from a schema-20 file, stamped for sync, and given to a PDF's own underlines, squiggles and
strike-outs when they come in (and, once, to those an older Reader took over as plain highlights)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from notes_db import NotesDB
from notes_db.store import SCHEMA_VERSION
from reader.cli import main as cli_main
from tests.test_pdf_sticky_notes import marked_pdf


@pytest.fixture
def store(db_path):
    s = NotesDB(db_path)
    yield s
    s.close()


def _stamps(store: NotesDB, hid: int) -> dict[str, str]:
    (text,) = store.db.execute("SELECT stamps FROM sync_rows WHERE kind = 'highlight' AND local_id = ?",
                               [hid]).fetchone()
    return dict(json.loads(text))


def test_a_style_is_stored_changed_and_restored_with_its_highlight(store):
    d = store.register_document("fp", "/a.md", "A", "markdown", 100)
    plain = store.add_highlight(d.id, 0, 5, "hello")
    struck = store.add_highlight(d.id, 6, 11, "world", style="strikeout")
    assert (plain.style, struck.style) == ("highlight", "strikeout")
    assert "style" in _stamps(store, struck.id)  # a new highlight's style goes with its first sync
    before = _stamps(store, plain.id)["style"]
    wavy = store.update_highlight(plain.id, style="squiggly")
    assert wavy.style == "squiggly" and wavy.color == "yellow"
    assert _stamps(store, plain.id)["style"] > before  # the change is stamped, as a colour change is
    assert [h.style for h in store.highlights(d.id)] == ["squiggly", "strikeout"]
    gone = store.delete_highlight(struck.id)
    assert gone is not None
    assert store.restore_highlight(gone).style == "strikeout"
    assert store.highlight(struck.id).style == "strikeout"
    with pytest.raises(ValueError, match="unknown style"):
        store.update_highlight(plain.id, style="bold")
    with pytest.raises(ValueError, match="unknown style"):
        store.add_highlight(d.id, 0, 5, "hello", style="dotted")
    assert store.highlight(plain.id).style == "squiggly"  # the refused change left it as it was


def _schema_20_file(path: Path) -> None:
    """A notes file as the Reader before styles wrote it: a Markdown file's highlight, and a PDF whose underline
    and strike-out (keys with their kind) and highlight were taken over."""
    import sqlite_utils

    from notes_db.store import APPLICATION_ID, migrations

    path.parent.mkdir(parents=True, exist_ok=True)
    old = sqlite_utils.Database(path)
    migrations.apply(old, stop_before="m021_highlight_style")
    old.execute("PRAGMA user_version = 20")
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for fp, kind in (("fp-md", "markdown"), ("fp-pdf", "pdf")):
        old["documents"].insert({"fingerprint": fp, "path": f"/{fp}", "title": fp, "kind": kind, "chars": 9,
                                 "pages": 1, "position": 0, "created": "x", "opened": "x"})
    old["highlights"].insert({"doc_id": 1, "start": 0, "end": 5, "exact": "hello", "note": "", "tags_text": "",
                              "color": "red", "rects": "[]", "created": "x", "updated": "x"})
    old.conn.executemany("INSERT INTO pdf_annotations (doc_id, key) VALUES (?, ?)",
                         [(2, "0:72,90,180,102:underline"), (2, "0:72,120,150,132:strikeout"), (2, "0:10,10,20,20")])
    old.conn.commit()
    old.close()


def test_a_schema_20_file_is_migrated_its_highlights_drawn_as_bands(db_path):
    _schema_20_file(db_path)
    with NotesDB(db_path) as s:
        assert s.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 21
        (h,) = s.highlights(1)
        assert (h.exact, h.color, h.style) == ("hello", "red", "highlight")
        # the PDF's underline and strike-out get their style on its next open (they need the PDF to be placed)
        keys = {r["key"] for r in s.read_rows("SELECT key FROM pdf_annotations WHERE doc_id = 2")}
        assert "~restyle" in keys
        assert not s.read_rows("SELECT 1 FROM pdf_annotations WHERE doc_id = 1")
        # a highlight made after the migration stamps its style; changing the old one's style stamps it too
        new = s.add_highlight(1, 6, 9, "abc", style="underline")
        assert "style" in _stamps(s, new.id)
        assert s.update_highlight(h.id, style="strikeout").style == "strikeout"
        assert "style" in _stamps(s, h.id)


def _notes(capsys, pdf: Path, db_path: Path) -> dict[str, dict]:
    capsys.readouterr()
    assert cli_main(["notes", str(pdf), "--json", "--db", str(db_path)]) == 0
    return {h["text"]: h for h in json.loads(capsys.readouterr().out)["highlights"]}


def test_a_pdfs_underline_squiggle_and_strike_out_come_in_with_their_style(capsys, tmp_path, db_path):
    pdf = marked_pdf(tmp_path / "marked.pdf")
    hs = _notes(capsys, pdf, db_path)
    assert hs["harbours and ships."]["style"] == "underline"
    assert hs["nobody marked"]["style"] == "squiggly"
    assert hs["struck out"]["style"] == "strikeout"
    assert hs["The second line is about the weather at sea."]["style"] == "highlight"  # the sticky note's line


def test_those_an_older_reader_took_over_as_bands_get_their_style_once(capsys, tmp_path, db_path):
    pdf = marked_pdf(tmp_path / "marked.pdf")
    _notes(capsys, pdf, db_path)
    with NotesDB(db_path) as store:  # as the migration leaves a file whose Reader made them plain highlights
        doc = store.document_by_path(str(pdf.resolve()))
        assert doc is not None
        with store.transaction() as db:
            db.execute("UPDATE highlights SET style = 'highlight'")
            db.execute("INSERT INTO pdf_annotations (doc_id, key) VALUES (?, '~restyle')", [doc.id])
    hs = _notes(capsys, pdf, db_path)
    assert [hs[t]["style"] for t in ("harbours and ships.", "nobody marked", "struck out")] == [
        "underline", "squiggly", "strikeout"]
    assert len(hs) == 4  # none came in again
    with NotesDB(db_path) as store:
        assert not store.read_rows("SELECT 1 FROM pdf_annotations WHERE key = '~restyle'")  # done, once
        struck = next(h for h in store.highlights(doc.id) if h.exact == "struck out")
        store.update_highlight(struck.id, style="highlight")  # the person's choice afterwards
    assert _notes(capsys, pdf, db_path)["struck out"]["style"] == "highlight"  # stays


def test_search_finds_highlights_by_style(store):
    d = store.register_document("fp", "/a.md", "A", "markdown", 100)
    under = store.add_highlight(d.id, 0, 5, "harbour wall", style="underline")
    struck = store.add_highlight(d.id, 6, 11, "harbour gate", style="strikeout", color="red")
    band = store.add_highlight(d.id, 12, 17, "harbour road")

    def found(query: str) -> set[int]:
        return {hit.highlight.id for hit in store.search(query).hits}

    assert found("style:underline") == {under.id}
    assert found("harbour style:strikeout") == {struck.id}
    assert found("harbour -style:highlight") == {under.id, struck.id}
    assert found("style:underline OR color:red") == {under.id, struck.id}
    assert found("style:highlight") == {band.id}
    q = store.search("style:wavy")
    assert q.hits == [] and any("style:wavy matches nothing" in p for p in q.query.problems)


def test_the_first_frames_look_at_a_schema_20_file_finds_its_highlights(db_path):
    """The window's first frame reads the notes file before opening (and migrating) it: a file from before
    styles has its highlights drawn there as bands, not none (review s14)."""
    from notes_db.peek import peek

    _schema_20_file(db_path)
    seen = peek(db_path, "fp-md", "/fp-md")
    assert seen is not None and seen.known
    assert [(h.exact, h.color, h.style) for h in seen.highlights] == [("hello", "red", "highlight")]
