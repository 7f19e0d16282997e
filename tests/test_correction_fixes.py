"""The Claims panel's corrections as a person uses them (tryout s13 1.3, 1.4, 1.8, 2): a name typed in other
capitals is the speaker already known, a correction is undone by Ctrl+Z, the keyboard stays on the list, a
dismissed quote is not counted, and the detail line names the new speaker."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from notes_db import NotesDB
from notes_db.corrections import quote_corrections
from notes_db.reviews import speaker_quotes
from reader.speaker_labels import NON_PEOPLE
from tests.test_gui import _click_entry, _wait_analysis
from tests.test_quote_corrections import _groups

XI = "Xi Jinping"


def _not_xi(panel) -> tuple[str, int]:
    """A person's heading other than Xi Jinping's, and the first quote under it."""
    for name, items in _groups(panel).items():
        if name not in NON_PEOPLE and name != XI and items:
            return name, items[0]
    raise AssertionError("nobody but Xi Jinping quoted in the sample")


# (the field offers the document's speakers as you type: their list pops up)
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard")
def test_a_name_typed_in_other_capitals_is_the_speaker_already_known(qtbot, open_window, db_path):
    w = open_window()
    panel = _wait_analysis(qtbot, w)
    w.tabs.setCurrentWidget(panel)
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
