"""A claim's review note is a box of a few lines (tryout 12: "the review note is one line; I write sentences and
sources"): Enter starts a new line, Ctrl+Enter or Save saves, Escape puts back what is saved, as in a highlight's
note editor (the same box: reader/ui/note_edit.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

CTRL = Qt.KeyboardModifier.ControlModifier


def _claim(qtbot, w):
    qtbot.waitUntil(lambda: w.controller.analysis is not None, timeout=20000)
    panel = w.panels.analysis
    w.tabs.setCurrentWidget(panel)
    panel.sections.setCurrentIndex(1)
    i = next(k for k, c in enumerate(w.controller.analysis.claims) if "56.1%" in c.text)
    item = panel.select_entry("claim", i)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=panel.tree.visualItemRect(item).center())
    return panel, w.controller.analysis.claims[i].key


def _stored(w, key):
    r = w.controller.claim_reviews().get(key)
    return r.note if r is not None else None


def test_the_review_note_takes_lines_saves_on_ctrl_enter_and_escape_cancels(qtbot, open_window):
    from reader.ui.app import make_app

    make_app()  # the app's own font (Inter 10 pt, 16.4 px a line): three lines once took 1 px too few, under a scroll bar
    w = open_window()
    panel, key = _claim(qtbot, w)
    note = panel.review_note
    assert panel.review_row.isVisible() and note.isVisible()
    line = note.fontMetrics().lineSpacing()
    assert note.viewport().height() >= 2 * line  # two lines while empty (a small screen keeps room for the list)
    qtbot.mouseClick(note.viewport(), Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is note
    qtbot.keyClicks(note, "The party's own figure.")
    qtbot.keyClick(note, Qt.Key.Key_Return)  # a new line, not a save
    qtbot.keyClicks(note, "Source: CPC statistics bulletin 2020.")
    qtbot.keyClick(note, Qt.Key.Key_Return)
    qtbot.keyClicks(note, "Table 3.")
    typed = "The party's own figure.\nSource: CPC statistics bulletin 2020.\nTable 3."
    assert note.toPlainText() == typed
    qtbot.waitUntil(lambda: note.viewport().height() >= 3 * line)  # it grows with the note: all of it shows
    assert note.verticalScrollBar().maximum() == 0
    assert _stored(w, key) is None
    qtbot.keyClick(note, Qt.Key.Key_Return, CTRL)
    assert _stored(w, key) == typed
    qtbot.keyClicks(note, " Checked twice.")  # more typed, then Escape: back to what is saved, nothing written
    qtbot.keyClick(note, Qt.Key.Key_Escape)
    assert note.toPlainText() == typed
    qtbot.waitUntil(lambda: note.viewport().height() >= 3 * line)  # it grows with the note: all of it shows
    assert note.verticalScrollBar().maximum() == 0
    assert _stored(w, key) == typed
    assert panel.isVisible() and note.isVisible()  # Escape cancelled the edit; nothing else went away
    qtbot.keyClick(note, Qt.Key.Key_Return)  # the Save button saves too
    qtbot.keyClicks(note, "And a third line.")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert _stored(w, key) == typed + "\nAnd a third line."
    source = panel.review_source  # Escape in the link: the link as saved
    qtbot.mouseClick(source, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(source, "https://example.org/typo")
    qtbot.keyClick(source, Qt.Key.Key_Escape)
    assert source.text() == ""


def test_a_highlights_note_editor_cancels_on_escape_too(qtbot, open_window):
    w = open_window()
    start = w.doc.text.index("Song Tao")
    h = w.controller.create_highlight(start, start + len("Song Tao"), "yellow", "saved words", [])
    w.marks.select_highlight(h.id, focus_note=True)
    qtbot.keyClicks(w.editor.note, " and unsaved ones")
    assert w.editor.dirty()
    qtbot.keyClick(w.editor.note, Qt.Key.Key_Escape)
    assert w.editor.note.toPlainText() == "saved words" and not w.editor.dirty()
    assert w.session.highlight(h.id).note == "saved words"


def test_the_shortcuts_list_says_how_a_note_is_saved_and_put_back(qtbot, open_window):
    from PySide6.QtWidgets import QTreeWidget

    w = open_window()
    w.shortcuts_action.trigger()
    qtbot.waitUntil(lambda: getattr(w, "shortcuts_dialog", None) is not None and w.shortcuts_dialog.isVisible())
    tree = w.shortcuts_dialog.findChild(QTreeWidget, "shortcuts")
    rows = {(tree.topLevelItem(i).text(0), tree.topLevelItem(i).child(j).text(0)): tree.topLevelItem(i).child(j).text(1)
            for i in range(tree.topLevelItemCount()) for j in range(tree.topLevelItem(i).childCount())}
    assert rows[("In the note editor", "Put back the note as saved")] == "Esc"
    assert rows[("In the Claims list", "Save a claim's review (in its note)")] == "Ctrl+Enter"
    assert rows[("In the Claims list", "Put back the review as saved")] == "Esc"
    w.shortcuts_dialog.close()



def test_the_note_box_refits_once_per_change_however_often_its_lines_are_set(qtbot):
    """Review s12, finding 8: each ``set_lines`` connected the box's refit to its text again, so a box set twice
    refitted twice on every key. It grows with the note all the same, to the last limit set."""
    from PySide6.QtCore import SIGNAL

    from reader.ui.note_edit import NoteEdit

    form = QWidget()
    qtbot.addWidget(form)
    box = NoteEdit("a note")
    doc = box.document()
    before = doc.receivers(SIGNAL("contentsChanged()"))
    box.set_lines(2, 6)
    box.set_lines(2, 4)
    box.set_lines(2, 4)
    assert doc.receivers(SIGNAL("contentsChanged()")) <= before + 1
    QVBoxLayout(form).addWidget(box)
    form.resize(300, 200)
    form.show()
    qtbot.waitExposed(form)
    empty = box.height()
    qtbot.keyClicks(box, "one")
    for line in ("two", "three", "four", "five", "six"):
        qtbot.keyClick(box, Qt.Key.Key_Return)
        qtbot.keyClicks(box, line)
    line = box.fontMetrics().lineSpacing()
    assert box.height() >= empty + line  # grew from two lines to four, and no further
    assert box.height() < empty + 3 * line
