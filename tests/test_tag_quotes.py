"""A tag typed between quotation marks (tryout s12, 1.6): ``rhetoric, check, "quoted, tag"`` gave four tags,
two with a stray quotation mark (``"quoted``, ``tag"``) that the tag browser, the Markdown front matter and
``tag:`` search then carried. A comma parts tags everywhere (the CSV tags column, a Markdown ``#tag`` and the
tag field itself could not tell a tag holding one from two), so the marks go, the tags are quoted and tag,
and the tag field says so while they are typed. The window, ``--tag``, an import and every export agree; a
comma tag an earlier Reader stored is still found by ``tag:"quoted, tag"``."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from PySide6.QtCore import Qt

from notes_db import NotesDB
from tests.conftest import SAMPLE
from tests.test_export import ok, reader

PASSAGE = "The world today is undergoing major changes unseen in a century"
TYPED = 'rhetoric, check, "quoted, tag"'
STORED = ["check", "quoted", "rhetoric", "tag"]


@pytest.fixture
def doc(tmp_path):
    path = tmp_path / "sample-article.md"
    shutil.copyfile(SAMPLE, path)
    return path


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard")
def test_the_tag_field_says_commas_part_tags_and_saves_no_stray_marks(qtbot, open_window, db_path, tmp_path):
    from tests.test_gui import SENTENCE, highlight_passage

    w = open_window()
    highlight_passage(qtbot, w, SENTENCE)
    hid = w.editor.highlight_id
    assert not w.editor.tags_hint.isVisible()
    w.editor.tags.setFocus()
    qtbot.keyClicks(w.editor.tags, TYPED)
    qtbot.waitUntil(w.editor.tags_hint.isVisible)
    said = w.editor.tags_hint.text()
    assert "Commas part tags" in said and "#quoted  #tag" in said and '"' not in said.split(":", 1)[1]
    w.editor.grab().save(str(tmp_path / "tag_hint.png"))
    w.editor.tags.setFocus()
    popup = w.editor.completer.popup()
    if popup is not None and popup.isVisible():
        popup.hide()
    qtbot.keyClick(w.editor.tags, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: next(h for h in w.session.highlights if h.id == hid).tags == STORED)
    with NotesDB(db_path) as db:
        assert db.highlight(hid).tags == STORED
    # what the field then shows reads back as the same tags, with no marks and no hint
    qtbot.waitUntil(lambda: not w.editor.tags_hint.isVisible())
    assert '"' not in w.editor.tags.text() and not w.editor.dirty()
    tags = w.panel.filter_tag
    qtbot.waitUntil(lambda: tags.count() == 5)
    assert [tags.itemText(i) for i in range(1, tags.count())] == [f"#{t}" for t in STORED]


def test_tag_option_import_and_exports_agree(tmp_path, db_path, doc):
    ok(reader("highlight", str(doc), "--text", PASSAGE, "--tag", TYPED, db=db_path))
    data = json.loads(ok(reader("notes", str(doc), "--json", db=db_path)))
    assert [h["tags"] for h in data["highlights"]] == [STORED]
    rows = ok(reader("export", str(doc), "-f", "csv", db=db_path)).splitlines()
    assert '"check, quoted, rhetoric, tag"' in rows[1]
    md = ok(reader("export", str(doc), "-f", "markdown", db=db_path))
    assert "#check #quoted #rhetoric #tag" in md and '\\"' not in md
    w3c = tmp_path / "notes.jsonld"
    ok(reader("export", str(doc), "-f", "w3c", "-o", str(w3c), db=db_path))
    a = json.loads(w3c.read_text(encoding="utf-8"))["first"]["items"][0]
    assert sorted(b["value"] for b in a["body"] if b.get("purpose") == "tagging") == STORED
    assert PASSAGE in ok(reader("search", "tag:quoted", db=db_path))
    # another tool's file with the tag typed the same way: the same four tags come in
    a["body"] = [b for b in a["body"] if b.get("purpose") != "tagging"] + [
        {"type": "TextualBody", "value": TYPED, "purpose": "tagging"}]
    w3c.write_text(json.dumps({"type": "AnnotationCollection", "first": {"items": [a]}}), encoding="utf-8")
    other = tmp_path / "other.sqlite"
    ok(reader("import", str(w3c), "--into", str(doc), db=other))
    data = json.loads(ok(reader("notes", str(doc), "--json", db=other)))
    assert [h["tags"] for h in data["highlights"]] == [STORED]


def test_a_stored_comma_tag_is_found_by_a_quoted_tag_search(db_path, doc):
    ok(reader("highlight", str(doc), "--text", PASSAGE, "--tag", "old", db=db_path))
    with sqlite3.connect(db_path) as c:  # as an earlier Reader (or a synced one) stored it
        c.execute("UPDATE tags SET name = 'quoted, tag' WHERE name = 'old'")
    assert PASSAGE in ok(reader("search", 'tag:"quoted, tag"', db=db_path))
    assert "no results" in ok(reader("search", "tag:quoted", db=db_path))


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard")
def test_a_tag_begun_with_a_quotation_mark_is_completed(qtbot, open_window, db_path):
    from tests.test_gui import SENTENCE, highlight_passage

    with NotesDB(db_path) as other:  # a tag the person used before
        rec = other.register_document("f" * 64, "/elsewhere/other.md", "Other", "markdown", 100)
        other.add_highlight(rec.id, 0, 5, "Other", tags=["rhetoric"])
    w = open_window()
    highlight_passage(qtbot, w, SENTENCE)
    hid = w.editor.highlight_id
    w.editor.tags.setFocus()
    qtbot.keyClicks(w.editor.tags, '"rhet')
    popup = w.editor.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: next(h for h in w.session.highlights if h.id == hid).tags == ["rhetoric"])
