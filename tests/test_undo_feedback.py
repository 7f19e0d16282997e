"""Undo and redo say what they did in the status bar; the annotations count follows deletes."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui_helpers import point_at
from tests.test_gui import highlight_passage

FIRST = "The world today is undergoing major changes"
SECOND = "unilateralism, protectionism, bullying and political smear"


def test_undo_redo_say_what_they_did_and_the_count_follows(qtbot, open_window):
    w = open_window()
    s, _e = highlight_passage(qtbot, w, FIRST)
    highlight_passage(qtbot, w, SECOND, key=Qt.Key.Key_2)
    assert w.panel.title.text() == "Annotations (2)"
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=point_at(w.view, s + 5))
    w.editor.note.setFocus()
    qtbot.keyClicks(w.editor.note, "Which changes?")
    qtbot.keyClick(w.editor.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert w.statusBar().currentMessage() == "Note saved."
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert all(not h.note for h in w.session.highlights)
    assert w.statusBar().currentMessage() == "Undone: edit note."
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert w.statusBar().currentMessage() == "Redone: edit note."

    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=point_at(w.view, s + 5))
    qtbot.mouseClick(w.editor.delete_button, Qt.MouseButton.LeftButton)
    assert len(w.session.highlights) == 1
    assert w.panel.title.text() == "Annotations (1)"  # no filter: not "1 of 2"
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(w.session.highlights) == 2
    assert w.statusBar().currentMessage() == "Undone: delete highlight."
    assert w.panel.title.text() == "Annotations (2)"
