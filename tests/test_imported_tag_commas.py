"""A tag with a comma that arrives by import is read as the tag field and ``--tag`` read one (session 10's
leftover). Typed in the window or given as ``--tag 'a,b'``, a comma (or a semicolon) parts tags; an imported
W3C or Hypothesis annotation's "Smith, John" stayed one tag, which the tag field then showed as "Smith, John,
economy" (two tags to the eye), a CSV export's tags column could not tell from two, and the first save of the
note split anyway. Now every way in stores the same tags, "Smith" and "John"; and a tag with a comma written by
an earlier Reader no longer counts as an unsaved change the moment its highlight is chosen."""

from __future__ import annotations

import json
import shutil
import sqlite3

from PySide6.QtCore import Qt

from notes_db import NotesDB
from tests.conftest import SAMPLE
from tests.test_export import ok, reader

PASSAGE = "The world today is undergoing major changes unseen in a century"


def _imported(tmp_path, db_path):
    """The sample, and a W3C annotation file made by another notes file, with tags a Zotero or Hypothesis
    user may have: "Smith, John" in a W3C tagging body, "economy; #health" in Hypothesis' tags list."""
    doc = tmp_path / "sample-article.md"
    shutil.copyfile(SAMPLE, doc)
    other = tmp_path / "other.db"
    ok(reader("highlight", str(doc), "--text", PASSAGE, "--note", "changes", db=other))
    w3c = tmp_path / "notes.jsonld"
    ok(reader("export", str(doc), "-f", "w3c", "-o", str(w3c), db=other))
    data = json.loads(w3c.read_text(encoding="utf-8"))
    a = data["first"]["items"][0]  # an AnnotationCollection of one
    bodies = [b for b in a["body"] if not (isinstance(b, dict) and b.get("purpose") == "tagging")]
    a["body"] = [*bodies, {"type": "TextualBody", "value": "Smith, John", "purpose": "tagging"}]
    a["tags"] = ["economy; #health"]
    w3c.write_text(json.dumps(data), encoding="utf-8")
    said = ok(reader("import", str(w3c), "--into", str(doc), db=db_path))
    assert "1" in said, said
    return doc


def _click(qtbot, w, hid: int) -> None:
    """The person clicks the highlight's entry in the annotations panel: its note and tags show."""
    w.panel.list.scrollTo(w.panel.proxy.index(0, 0))
    qtbot.mouseClick(w.panel.list.viewport(), Qt.MouseButton.LeftButton, pos=w.panel.entry_rect(hid).center())
    qtbot.waitUntil(lambda: w.editor.highlight_id == hid)


def test_an_imported_tag_with_a_comma_is_two_tags_as_typed(tmp_path, db_path):
    doc = _imported(tmp_path, db_path)
    data = json.loads(ok(reader("notes", str(doc), "--json", db=db_path)))
    assert [h["tags"] for h in data["highlights"]] == [["economy", "health", "John", "Smith"]]
    rows = ok(reader("export", str(doc), "-f", "csv", db=db_path)).splitlines()
    assert '"economy, health, John, Smith"' in rows[1]  # four tags, as the tag field reads the column
    assert PASSAGE in ok(reader("search", "tag:John", db=db_path))


def test_the_window_shows_an_imported_comma_tag_as_the_tags_it_saves(qtbot, open_window, tmp_path, db_path):
    doc = _imported(tmp_path, db_path)
    w = open_window(doc)
    qtbot.waitUntil(lambda: len(w.session.highlights) == 1)
    hid = w.session.highlights[0].id
    tags = w.panel.filter_tag
    qtbot.waitUntil(lambda: tags.count() == 5)
    assert [tags.itemText(i) for i in range(tags.count())] == ["All tags", "#economy", "#health", "#John", "#Smith"]
    _click(qtbot, w, hid)
    assert w.editor.tags.text() == "economy, health, John, Smith"
    assert not w.editor.dirty()


def test_a_comma_tag_from_an_earlier_reader_is_not_an_unsaved_change(qtbot, open_window, tmp_path, db_path):
    """A notes file written before (or synced from a Reader that kept the comma): choosing its highlight and
    then another saves nothing behind the person's back."""
    doc = tmp_path / "sample-article.md"
    shutil.copyfile(SAMPLE, doc)
    ok(reader("highlight", str(doc), "--text", PASSAGE, "--tag", "old", db=db_path))
    ok(reader("highlight", str(doc), "--text", "major changes", db=db_path))
    with sqlite3.connect(db_path) as c:
        c.execute("UPDATE tags SET name = 'Smith, John' WHERE name = 'old'")
    with NotesDB(db_path) as db:
        first = next(h for h in db.highlights(db.document_by_path(str(doc)).id) if h.tags)
        assert first.tags == ["Smith, John"]
    w = open_window(doc)
    qtbot.waitUntil(lambda: len(w.session.highlights) == 2)
    second = next(h.id for h in w.session.highlights if h.id != first.id)
    _click(qtbot, w, first.id)
    assert w.editor.tags.text() == "Smith, John" and not w.editor.dirty()
    _click(qtbot, w, second)
    qtbot.waitUntil(lambda: w.editor.highlight_id == second)
    with NotesDB(db_path) as db:
        assert db.highlight(first.id).tags == ["Smith, John"] and db.highlight(first.id).updated == first.updated
