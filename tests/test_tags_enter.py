"""Enter in the Tags field while its completion list is open takes the tag offered and saves, in one
press, as Zotero does (tryout 8, item 3: the first Enter only closed the list and saved nothing)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from notes_db import NotesDB


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard")
def test_enter_with_the_completion_list_open_takes_the_tag_and_saves(qtbot, open_window, db_path):
    from tests.test_gui import SENTENCE, highlight_passage

    with NotesDB(db_path) as other:  # tags the person used before, on another document
        rec = other.register_document("f" * 64, "/elsewhere/other.md", "Other", "markdown", 100)
        other.add_highlight(rec.id, 0, 5, "Other", tags=["economy", "health"])
    w = open_window()
    highlight_passage(qtbot, w, SENTENCE)
    hid = w.editor.highlight_id
    w.editor.tags.setFocus()
    qtbot.keyClicks(w.editor.tags, "hea")
    popup = w.editor.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # the list has the keyboard while it is open
    qtbot.waitUntil(lambda: next(h for h in w.session.highlights if h.id == hid).tags == ["health"])
    assert w.editor.tags.text() == "health" and not popup.isVisible()
    # a second tag, the offered one chosen with the arrow keys first: the same single Enter
    qtbot.keyClicks(w.editor.tags, ", eco")
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: next(h for h in w.session.highlights if h.id == hid).tags == ["economy", "health"])
    with NotesDB(db_path) as db:  # in the notes file, not only on screen
        assert db.highlight(hid).tags == ["economy", "health"]
