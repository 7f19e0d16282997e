"""An imported annotation's author is data of the highlight (pdf3 item 2; tryout s14: it lived only in the note's
text, "— Bob", and the annotated PDF said "Reader" for every annotation): the card says "by Bob", W3C has it as
``creator`` (and import reads it back), JSON and CSV as ``author``, the annotated PDF as the annotation's title;
it syncs; a notes file of schema 22 has it taken out of the notes Reader itself wrote at import, and only those."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from notes_db.store import SCHEMA_VERSION, NotesDB
from notes_db.sync.client import sync
from reader.cli import main as cli_main
from tests.pg_server import (
    PgServer,
    pg,  # noqa: F401  (the session's server fixture)
)
from tests.sync_helpers import Site
from tests.test_pdf_sticky_notes import LINES, marked_pdf


def _json(capsys, *args: str) -> dict:
    capsys.readouterr()
    assert cli_main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


def test_the_author_goes_out_with_w3c_and_the_annotated_pdf_and_comes_back(capsys, tmp_path, db_path):
    import pymupdf

    pdf = marked_pdf(tmp_path / "marked.pdf")
    hs = _json(capsys, "notes", str(pdf), "--json", "--db", str(db_path))["highlights"]
    assert {h["text"]: h["author"] for h in hs} == {"harbours and ships.": "Bob", LINES[1]: "Alice",
                                                    "nobody marked": "Bob", "struck out": ""}
    assert cli_main(["highlight", str(pdf), "--text", "fourth line", "--db", str(db_path)]) == 0  # the person's own
    w3c = tmp_path / "notes.jsonld"
    assert cli_main(["export", str(pdf), "-f", "w3c", "-o", str(w3c), "--db", str(db_path)]) == 0
    items = json.loads(w3c.read_text(encoding="utf-8"))["first"]["items"]
    creators = {a["target"]["selector"][0]["exact"]: a.get("creator") for a in items}
    assert creators[LINES[1]] == {"type": "Person", "name": "Alice"} and creators["fourth line"] is None
    fresh = tmp_path / "fresh.sqlite"
    assert cli_main(["--db", str(fresh), "import", str(w3c)]) == 0
    back = _json(capsys, "notes", str(pdf), "--json", "--db", str(fresh))["highlights"]
    assert {h["text"]: h["author"] for h in back} == {"harbours and ships.": "Bob", LINES[1]: "Alice",
                                                      "nobody marked": "Bob", "struck out": "", "fourth line": ""}
    again = tmp_path / "again.jsonld"
    assert cli_main(["export", str(pdf), "-f", "w3c", "-o", str(again), "--db", str(fresh)]) == 0
    assert again.read_bytes() == w3c.read_bytes()

    capsys.readouterr()  # Markdown and the terminal's list say it too
    assert cli_main(["export", str(pdf), "-f", "markdown", "--db", str(db_path)]) == 0
    md = capsys.readouterr().out
    assert "yellow · by Alice · [open in Reader]" in md and "purple · squiggly · by Bob · [open" in md, md
    assert cli_main(["notes", str(pdf), "--db", str(db_path)]) == 0
    assert f" by Alice “{LINES[1]}”" in capsys.readouterr().out
    capsys.readouterr()  # and search finds them by their author (the note no longer holds the name)
    assert cli_main(["search", "author:alice", "--db", str(db_path)]) == 0
    found = capsys.readouterr().out
    assert LINES[1] in found and "nobody marked" not in found, found
    assert cli_main(["search", "-author:bob", "kind:imported", "--db", str(db_path)]) == 0
    found = capsys.readouterr().out
    assert LINES[1] in found and "struck out" in found and "nobody marked" not in found, found
    out = tmp_path / "annotated.pdf"
    assert cli_main(["export", str(pdf), "-f", "pdf", "-o", str(out), "--db", str(db_path)]) == 0
    with pymupdf.open(out) as d:
        titles = sorted(a.info.get("title", "") for a in d[0].annots())
    assert titles == ["Alice", "Bob", "Bob", "Reader", "Reader"], titles  # (the strike-out named no one)


def _schema_22_file(path: Path) -> None:
    import sqlite_utils

    from notes_db.store import APPLICATION_ID, migrations

    path.parent.mkdir(parents=True, exist_ok=True)
    old = sqlite_utils.Database(path)
    migrations.apply(old, stop_before="m023_highlight_author")
    old.execute("PRAGMA user_version = 22")
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    old["documents"].insert({"fingerprint": "f" * 64, "path": "/x.pdf", "title": "x", "kind": "pdf", "chars": 99,
                             "pages": 1, "position": 0, "created": "x", "opened": "x"})
    for k, (note, origin) in enumerate((("Check the log book.\n\n— Alice", "imported"), ("— Bob", "imported"),
                                        ("ports\n\n— Bob\n\nHarbours, not ports.\n\n— Carol", "imported"),
                                        ("as Orwell said\n\n— George Orwell", "user"),
                                        ("a line\n— not an author", "imported"))):
        old["highlights"].insert({"doc_id": 1, "start": k * 10, "end": k * 10 + 5, "exact": "words", "note": note,
                                  "tags_text": "", "color": "yellow", "rects": "[]", "origin": origin, "created": "x",
                                  "updated": "x"})
    old.conn.commit()
    old.close()


def test_a_schema_22_file_has_the_authors_reader_wrote_taken_out_of_the_notes(db_path):
    _schema_22_file(db_path)
    with NotesDB(db_path) as s:
        assert s.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 23
        got = [(h.note, h.author) for h in s.highlights(1)]
        assert got == [
            ("Check the log book.", "Alice"),
            ("", "Bob"),
            ("ports\n\n— Bob\n\nHarbours, not ports.\n\n— Carol", ""),  # (replies under it: left as written)
            ("as Orwell said\n\n— George Orwell", ""),  # (the person's own note)
            ("a line\n— not an author", ""),
        ], got
        h = s.add_highlight(1, 60, 65, "other", author="Dora")  # a new one stamps its author for sync
        stamps = json.loads(s.read_rows("SELECT stamps FROM sync_rows WHERE kind = 'highlight' AND local_id = ?",
                                        [h.id])[0]["stamps"])
        assert "author" in stamps and s.highlight(h.id).author == "Dora"  # type: ignore[union-attr]


@pytest.fixture
def site(pg: PgServer) -> Site:  # noqa: F811
    return Site(pg)


def test_the_author_syncs(tmp_path: Path, site: Site) -> None:
    url = site.person("ann")
    a, b = NotesDB(tmp_path / "a.sqlite"), NotesDB(tmp_path / "b.sqlite")
    d = a.register_document("4" * 64, "/a/paper.pdf", "Paper", "pdf", 5000)
    a.add_highlight(d.id, 0, 4, "word", origin="imported", author="Bob")
    for store in (a, b, a, b):
        sync(store, url)
    bd = b.document_by_fingerprint("4" * 64)
    assert bd is not None
    assert [(h.exact, h.author) for h in b.highlights(bd.id)] == [("word", "Bob")]
    a.close()
    b.close()


def test_the_first_frames_look_finds_the_authors_and_a_schema_22_files_highlights(db_path):
    """The window's first frame reads the notes file before opening (and migrating) it: the author is there for
    a file of today; a file from before authors still has its highlights (with none)."""
    from notes_db.peek import peek

    _schema_22_file(db_path)
    seen = peek(db_path, "f" * 64, "/x.pdf")
    assert seen is not None and seen.known
    assert [(h.note, h.author) for h in seen.highlights][:2] == [("Check the log book.\n\n— Alice", ""), ("— Bob", "")]
    NotesDB(db_path).close()  # migrated
    seen = peek(db_path, "f" * 64, "/x.pdf")
    assert seen is not None
    assert [(h.note, h.author) for h in seen.highlights][:2] == [("Check the log book.", "Alice"), ("", "Bob")]


def test_a_schema_22_file_gets_the_indexes_search_reads_for_style_and_author(db_path):
    """m024: style: and author: filters read a partial index of the few highlights with a line style or an author
    (at a million notes a filter alone read every row: 170-190 ms); what they find is the same."""
    _schema_22_file(db_path)
    with NotesDB(db_path) as s:
        indexes = {r[0] for r in s.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()}
        assert {"highlights_styled", "highlights_authored"} <= indexes
        s.update_highlight(s.highlights(1)[0].id, style="underline")
        assert [h.highlight.author for h in s.search("author:ali", limit=20).hits] == ["Alice"]
        assert [h.highlight.style for h in s.search("style:underline", limit=20).hits] == ["underline"]
        assert len(s.search("style:highlight", limit=20).hits) == 4
        plan = " ".join(str(r[-1]) for r in s.db.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM highlights h WHERE (h.author != '' AND h.author LIKE '%ali%')"))
        assert "highlights_authored" in plan, plan
