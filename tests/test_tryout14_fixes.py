"""What session 14's tryout found (/work/briefs/s14/tryout_report.md), each driven as the person did it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

CTRL = Qt.KeyboardModifier.ControlModifier


def _focus(w):
    return QApplication.focusWidget()


def _claims_tab(qtbot, w, words: str = "56.1%"):
    """The Claims panel's Claims list, the claim with ``words`` clicked: (panel, claim key)."""
    qtbot.waitUntil(lambda: w.controller.analysis is not None, timeout=20000)
    panel = w.panels.analysis
    w.tabs.setCurrentWidget(panel)
    panel.sections.setCurrentIndex(1)
    i = next(k for k, c in enumerate(w.controller.analysis.claims) if words in c.text)
    item = panel.select_entry("claim", i)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=panel.tree.visualItemRect(item).center())
    qtbot.waitUntil(lambda: panel.review_row.isVisible())
    return panel, w.controller.analysis.claims[i].key


# -- 1.1: a claim reviewed with the keyboard only ---------------------------------------------------------------


def test_a_claim_reviewed_with_the_keyboard_keeps_the_focus_and_everything_typed(qtbot, open_window):
    w = open_window()
    panel, key = _claims_tab(qtbot, w)
    panel.tree.setFocus()
    qtbot.waitUntil(lambda: _focus(w) is panel.tree)
    for _ in range(6):  # Tab on from the list to the status box, as the person did
        if _focus(w) is panel.review_status:
            break
        qtbot.keyClick(_focus(w), Qt.Key.Key_Tab)
    assert _focus(w) is panel.review_status
    qtbot.keyClick(panel.review_status, Qt.Key.Key_Down)  # unchecked -> verified
    assert panel.review_status.currentData() == "verified"
    qtbot.waitUntil(lambda: panel.review_row.isVisible())
    assert _focus(w) is panel.review_status  # the person is still where they were
    before = len(w.session.highlights) if w.session is not None else 0
    qtbot.keyClick(panel.review_status, Qt.Key.Key_Tab)
    assert _focus(w) is panel.review_source
    qtbot.keyClicks(panel.review_source, "https://example.org/report-2020")
    qtbot.keyClick(panel.review_source, Qt.Key.Key_Tab)
    assert _focus(w) is panel.review_note
    qtbot.keyClicks(panel.review_note, "Figures 1 to 5 of the 2020 bulletin.")
    qtbot.keyClick(panel.review_note, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: key in w.controller.claim_reviews())
    r = w.controller.claim_reviews()[key]
    assert (r.status, r.source, r.note) == ("verified", "https://example.org/report-2020",
                                            "Figures 1 to 5 of the 2020 bulletin.")
    assert len(w.session.highlights) == before  # no digit typed became a colour key
    assert panel.review_row.isVisible() and _focus(w) is panel.review_note  # saved; the person is still there
    assert panel.review_note.toPlainText() == "Figures 1 to 5 of the 2020 bulletin."
    assert key in w.controller.claim_reviews()


def test_the_status_waits_for_enter_and_a_review_left_unsaved_is_saved_on_choosing_another_claim(qtbot, open_window,
                                                                                                 messages):
    w = open_window()
    panel, key = _claims_tab(qtbot, w)
    panel.review_status.setFocus()
    qtbot.waitUntil(lambda: _focus(w) is panel.review_status)
    qtbot.keyClick(panel.review_status, Qt.Key.Key_Down)
    qtbot.keyClick(panel.review_status, Qt.Key.Key_Down)  # on to disputed: verified was never saved on the way
    qtbot.keyClicks(panel.review_status, "12")  # digits typed here are the box's, not colour keys
    assert not w.session.highlights and not any("colour" in text for _level, text in messages)
    assert panel.review_status.currentData() == "disputed" and key not in w.controller.claim_reviews()
    qtbot.keyClick(panel.review_status, Qt.Key.Key_Escape)  # Escape: the status as saved
    assert panel.review_status.currentData() == "unchecked" and _focus(w) is panel.review_status
    qtbot.keyClick(panel.review_status, Qt.Key.Key_Down)
    qtbot.keyClick(panel.review_status, Qt.Key.Key_Return)  # Enter saves it
    qtbot.waitUntil(lambda: key in w.controller.claim_reviews())
    assert w.controller.claim_reviews()[key].status == "verified" and _focus(w) is panel.review_status
    assert "verified" in panel.tree.currentItem().text(0)

    qtbot.mouseClick(panel.review_note.viewport(), Qt.MouseButton.LeftButton)  # a note typed, then another claim
    qtbot.keyClicks(panel.review_note, "The bulletin says 56.1% too.")
    other = next(k for k, c in enumerate(w.controller.analysis.claims) if "39 million" in c.text)
    item = panel.select_entry("claim", other)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=panel.tree.visualItemRect(item).center())
    qtbot.waitUntil(lambda: w.controller.claim_reviews()[key].note == "The bulletin says 56.1% too.")
    assert panel.review_note.toPlainText() == "" and panel.review_status.currentData() == "unchecked"
    assert panel.tree.currentItem().data(0, Qt.ItemDataRole.UserRole) == ("claim", other)


# -- 1.2: Ctrl+Shift+N on the highlight just made with a colour key ---------------------------------------------


def test_ctrl_shift_n_after_a_colour_key_keeps_the_colour_and_opens_the_note(qtbot, open_window, messages):
    from tests.gui_helpers import point_at

    w = open_window()
    start = w.doc.text.index("COVID-")
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=point_at(w.view, start))
    qtbot.waitUntil(lambda: _focus(w) is w.view)
    qtbot.keyClick(w.view, Qt.Key.Key_Right, CTRL | Qt.KeyboardModifier.ShiftModifier)  # "COVID-" selected
    assert w.view.textCursor().hasSelection()
    qtbot.keyClick(w.view, Qt.Key.Key_4)  # blue
    qtbot.waitUntil(lambda: len(w.session.highlights) == 1)
    (h,) = w.session.highlights
    assert h.color == "blue"
    qtbot.keyClick(_focus(w), Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: _focus(w) is w.editor.note)  # the note box takes the typing, for that highlight
    assert w.editor.highlight_id == h.id
    qtbot.keyClicks(w.editor.note, "Blue stays blue.")
    qtbot.keyClick(w.editor.note, Qt.Key.Key_Return, CTRL)
    (h,) = w.session.highlights
    assert (h.color, h.note) == ("blue", "Blue stays blue.")
    assert w.session.highlight(h.id).color == "blue"
    assert not any("yellow" in text for _level, text in messages)


def test_a_review_typed_and_not_saved_is_saved_on_quitting(qtbot, open_window, db_path):
    from notes_db.store import NotesDB

    w = open_window()
    panel, key = _claims_tab(qtbot, w)
    panel.review_status.setFocus()
    qtbot.waitUntil(lambda: _focus(w) is panel.review_status)
    qtbot.keyClick(panel.review_status, Qt.Key.Key_Down)
    qtbot.keyClick(panel.review_status, Qt.Key.Key_Tab)
    qtbot.keyClicks(panel.review_source, "https://example.org/b")
    doc_id = w.session.doc_id
    assert key not in w.controller.claim_reviews()
    w.close()  # Ctrl+Q's way out: nothing typed is lost
    with NotesDB(db_path) as store:
        r = store.claim_reviews(doc_id)[key]
    assert (r.status, r.source) == ("verified", "https://example.org/b")
