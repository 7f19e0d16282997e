"""The Claims panel's corrections as a person uses them (tryout s13 1.3, 1.4, 1.8, 2): a name typed in other
capitals is the speaker already known, a correction is undone by Ctrl+Z, the keyboard stays on the list, a
dismissed quote is not counted, and the detail line names the new speaker."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from notes_db import NotesDB
from notes_db.corrections import quote_corrections
from notes_db.reviews import speaker_quotes
from reader.speaker_labels import DISMISSED, NON_PEOPLE
from reader.ui.analysis_panel import ROLE
from tests.test_gui import _click_entry, _wait_analysis
from tests.test_quote_corrections import _groups

XI = "Xi Jinping"


def _claims_shown(qtbot, open_window):
    """The sample article open, analysed, its Claims panel shown: (window, panel)."""
    w = open_window()
    panel = _wait_analysis(qtbot, w)
    w.tabs.setCurrentWidget(panel)
    return w, panel


def _not_xi(panel) -> tuple[str, int]:
    """A person's heading other than Xi Jinping's, and the first quote under it."""
    for name, items in _groups(panel).items():
        if name not in NON_PEOPLE and name != XI and items:
            return name, items[0]
    raise AssertionError("nobody but Xi Jinping quoted in the sample")


# (the field offers the document's speakers as you type: their list pops up)
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard")
def test_a_name_typed_in_other_capitals_is_the_speaker_already_known(qtbot, open_window, db_path):
    w, panel = _claims_shown(qtbot, open_window)
    assert XI in _groups(panel)
    xi_before = len(_groups(panel)[XI])
    _found, index = _not_xi(panel)
    _click_entry(qtbot, panel, "quote", index)
    fix = w.panels.quote_fix
    with NotesDB(db_path) as store:
        library_before = len(speaker_quotes(store, XI))
    qtbot.mouseClick(fix.wrong_button, Qt.MouseButton.LeftButton)
    fix.who.clear()
    qtbot.keyClicks(fix.who, "  xi  jinping ")  # (typed as a person would: other capitals, spaces)
    qtbot.keyClick(fix.who, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: index in _groups(panel).get(XI, []))
    assert "xi jinping" not in _groups(panel)  # no second Xi
    assert len(_groups(panel)[XI]) == xi_before + 1
    assert w.statusBar().currentMessage() == f"Quote given to {XI}."
    with NotesDB(db_path) as store:  # the Speakers window and `reader speakers` have it under him
        assert len(speaker_quotes(store, XI)) == library_before + 1
        (c,) = quote_corrections(store, w.session.doc_id)
        assert c.speaker == XI


def _ctrl_z(qtbot, widget, redo: bool = False) -> None:
    mods = Qt.KeyboardModifier.ControlModifier | (Qt.KeyboardModifier.ShiftModifier if redo else
                                                  Qt.KeyboardModifier.NoModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Z, mods)


# (the field offers the document's speakers as you type: their list pops up)
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard")
def test_ctrl_z_undoes_a_correction_not_an_older_note(qtbot, open_window, db_path):
    w, panel = _claims_shown(qtbot, open_window)
    found, index = _not_xi(panel)
    h = w.controller.create_highlight(0, 12, "yellow")  # an older note, at the top of the text
    assert h is not None and w.controller.edit_highlight(h.id, note="my note", tags=["kept"])
    _click_entry(qtbot, panel, "quote", index)
    fix = w.panels.quote_fix
    qtbot.mouseClick(fix.wrong_button, Qt.MouseButton.LeftButton)
    fix.who.clear()
    qtbot.keyClicks(fix.who, "Song Tao")
    qtbot.keyClick(fix.who, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: index in _groups(panel).get("Song Tao", []))

    _ctrl_z(qtbot, panel.tree)
    qtbot.waitUntil(lambda: index in _groups(panel).get(found, []))
    assert "Song Tao" not in _groups(panel)
    assert w.statusBar().currentMessage() == "Undone: correct speaker."
    note = w.controller.session.highlight(h.id)
    assert note is not None and (note.note, note.tags) == ("my note", ["kept"])  # the note is untouched
    with NotesDB(db_path) as store:
        assert quote_corrections(store, w.session.doc_id) == []
        assert speaker_quotes(store, "Song Tao") == []

    _ctrl_z(qtbot, panel.tree, redo=True)
    qtbot.waitUntil(lambda: index in _groups(panel).get("Song Tao", []))
    assert w.statusBar().currentMessage() == "Redone: correct speaker."
    with NotesDB(db_path) as store:
        assert [c.speaker for c in quote_corrections(store, w.session.doc_id)] == ["Song Tao"]

    # Not a quote, then Restore: each undone in turn, back to Song Tao's
    _click_entry(qtbot, panel, "quote", index)
    qtbot.mouseClick(fix.dismiss_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: index in _groups(panel).get(DISMISSED, []))
    _click_entry(qtbot, panel, "quote", index)
    qtbot.mouseClick(fix.undo_button, Qt.MouseButton.LeftButton)  # Restore
    qtbot.waitUntil(lambda: index in _groups(panel).get(found, []))
    _ctrl_z(qtbot, panel.tree)
    qtbot.waitUntil(lambda: index in _groups(panel).get(DISMISSED, []))
    assert w.statusBar().currentMessage() == "Undone: restore quote."
    _ctrl_z(qtbot, panel.tree)
    qtbot.waitUntil(lambda: index in _groups(panel).get("Song Tao", []))
    assert w.statusBar().currentMessage() == "Undone: mark as no quote."
    with NotesDB(db_path) as store:
        (c,) = quote_corrections(store, w.session.doc_id)
        assert (c.speaker, c.dismissed) == ("Song Tao", False)


# (the field offers the document's speakers as you type: their list pops up)
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard")
def test_after_a_correction_the_keyboard_is_on_the_list_at_the_corrected_entry(qtbot, open_window):
    w, panel = _claims_shown(qtbot, open_window)
    w.activateWindow()
    found, index = _not_xi(panel)
    _click_entry(qtbot, panel, "quote", index)
    fix = w.panels.quote_fix
    fix.dismiss_button.setFocus()  # Tab to the button, Space, as the tester did
    qtbot.keyClick(fix.dismiss_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: index in _groups(panel).get(DISMISSED, []))
    assert not fix.dismiss_button.isVisible()  # gone: the keyboard is not left on it
    assert QApplication.focusWidget() is panel.tree
    assert panel.tree.currentItem().data(0, ROLE) == ("quote", index)

    fix.undo_button.setFocus()  # Restore, from the keyboard too
    qtbot.keyClick(fix.undo_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: index in _groups(panel).get(found, []))
    assert QApplication.focusWidget() is panel.tree
    assert panel.tree.currentItem().data(0, ROLE) == ("quote", index)

    qtbot.mouseClick(fix.wrong_button, Qt.MouseButton.LeftButton)
    fix.who.clear()
    qtbot.keyClicks(fix.who, "Song Tao")
    qtbot.keyClick(fix.who, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: index in _groups(panel).get("Song Tao", []))
    assert QApplication.focusWidget() is panel.tree
    assert panel.tree.currentItem().data(0, ROLE) == ("quote", index)


def _count(text: str, noun: str) -> int:
    import re

    m = re.search(rf"([\d,]+) {noun}", text)
    assert m is not None, text
    return int(m.group(1).replace(",", ""))


def test_a_dismissed_quote_is_not_counted(qtbot, open_window, db_path):
    w, panel = _claims_shown(qtbot, open_window)
    quotes, tab = _count(panel.status.text(), "quote"), panel.sections.tabText(0)
    assert tab == f"Quotes ({quotes})"
    _found, index = _not_xi(panel)
    _click_entry(qtbot, panel, "quote", index)
    qtbot.mouseClick(w.panels.quote_fix.dismiss_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: index in _groups(panel).get(DISMISSED, []))
    assert _count(panel.status.text(), "quote") == quotes - 1  # "17 quotes … from 6 speakers"
    assert panel.sections.tabText(0) == f"Quotes ({quotes - 1})"
    heading = next(panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())
                   if panel.tree.topLevelItem(i).text(0).startswith(DISMISSED))
    assert heading == f"{DISMISSED} (1)"  # the dismissed say their own count
    w.grab().save(str(db_path.parent / "dismissed-not-counted.png"))

    qtbot.mouseClick(w.panels.quote_fix.undo_button, Qt.MouseButton.LeftButton)  # Restore: counted again
    qtbot.waitUntil(lambda: DISMISSED not in _groups(panel))
    assert _count(panel.status.text(), "quote") == quotes
    assert panel.sections.tabText(0) == f"Quotes ({quotes})"


def _a_quote_written_longer(panel, result) -> tuple[str, int]:
    """A person's heading and a quote under it whose speaker the text names at more length ("General Secretary
    Xi Jinping" under "Xi Jinping")."""
    for name, items in _groups(panel).items():
        for i in items:
            q = result.quotes[i]
            if name not in NON_PEOPLE and q.speaker and q.speaker != name and name.lower() in q.speaker.lower():
                return name, i
    raise AssertionError("no quote whose speaker is named at length")


# (the field offers the document's speakers as you type: their list pops up)
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard")
def test_the_detail_line_names_the_new_speaker_and_what_was_found(qtbot, open_window, db_path):
    from reader.quote_fixes import reading

    w, panel = _claims_shown(qtbot, open_window)
    found, index = _a_quote_written_longer(panel, w.controller.analysis)
    written = w.controller.analysis.quotes[index].speaker
    _click_entry(qtbot, panel, "quote", index)
    fix = w.panels.quote_fix
    qtbot.mouseClick(fix.wrong_button, Qt.MouseButton.LeftButton)
    fix.who.clear()
    qtbot.keyClicks(fix.who, "Song Tao")
    qtbot.keyClick(fix.who, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: index in _groups(panel).get("Song Tao", []))
    title = panel.detail_title.text()
    assert "· Song Tao" in title and f"found: {written}" in title, title
    assert f"Song Tao (“{written}”)" not in title  # the text's words are not the new speaker's name
    assert panel.tree.currentItem().text(0).endswith(f"corrected by you · found: {written}")  # the list too
    label = panel.detail_title  # whole, however many lines it wraps to
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
    w.grab().save(str(db_path.parent / "detail-corrected.png"))

    qtbot.mouseClick(fix.dismiss_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: index in _groups(panel).get(DISMISSED, []))
    title = panel.detail_title.text()  # what was dismissed, in words (s15: "Direct quote · dismissed by you (stressed)
    # · found: …" read oddly)
    kind = w.controller.analysis.quotes[index].kind
    assert title == f"Not a quote (dismissed by you) · the analysis found {reading(kind, written)}", title
    assert DISMISSED not in title and f"(“{written}”)" not in title
    assert panel.tree.currentItem().text(0).endswith(f"· found: {written}")
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
    w.grab().save(str(db_path.parent / "detail-dismissed.png"))
    assert found


# (the field offers the document's speakers as you type: their list pops up)
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard")
def test_a_correction_undone_off_screen_says_which_quote_and_where(qtbot, open_window):
    w, panel = _claims_shown(qtbot, open_window)
    found, index = _not_xi(panel)
    words = " ".join(w.controller.analysis.quotes[index].text.split())
    _click_entry(qtbot, panel, "quote", index)
    qtbot.mouseClick(w.panels.quote_fix.dismiss_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: index in _groups(panel).get(DISMISSED, []))
    w.tabs.setCurrentIndex(0)  # the Notes tab: the Claims list is not on screen
    assert w.tabs.currentWidget() is not panel
    _ctrl_z(qtbot, w.view)
    qtbot.waitUntil(lambda: index in _groups(panel).get(found, []))
    message = w.statusBar().currentMessage()
    assert message.startswith("Undone: mark as no quote (the quote “") and message.endswith("”, in the Claims tab).")
    assert words[:20] in message, message
    w.tabs.setCurrentWidget(panel)  # on screen: no more said than the step
    _ctrl_z(qtbot, w.view, redo=True)
    qtbot.waitUntil(lambda: index in _groups(panel).get(DISMISSED, []))
    assert w.statusBar().currentMessage() == "Redone: mark as no quote."


def test_a_name_is_matched_in_the_library_too_case_accents_and_apostrophes_folded(db_path):
    from notes_db.reviews import known_spelling, record_findings

    with NotesDB(db_path) as store:
        a = store.register_document("fa", "/a.txt", "A", "text", 100)
        record_findings(store, a.id, [], [("it works", "Natásha", "Natásha", "said", 0, 8, "direct"),
                                          ("so it is", "O’Brien", "Seán O’Brien", "said", 10, 18, "direct")])
        assert known_spelling(store, "natasha", []) == "Natásha"  # another document's speaker
        assert known_spelling(store, "sean o'brien", ["Pierre"]) == "Seán O’Brien"
        assert known_spelling(store, "NATASHA", ["Natasha"]) == "Natasha"  # the document's own first
        assert known_spelling(store, "Natasha Rostova", []) == "Natasha Rostova"  # a new person: as typed
        assert known_spelling(store, "not quotes (dismissed by you)", []) == "not quotes (dismissed by you)"
