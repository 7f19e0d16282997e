"""Down from a filter box goes where a person expects (tryout 11, section 2): in the Speakers window to the
first name that matches, not the one chosen before further down ("natasha", Down: "Natásha's door", the last
of them); in the Library the arrow keys move the table's chosen row from the box, so Enter opens the row
moved to (Down did nothing, and Enter opened the row that was chosen before)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.ui.speakers import ROLE
from tests.test_library import docs, library_of_two  # noqa: F401 (the fixture)
from tests.test_speakers_window_keys import _names, _speakers


def test_down_in_the_speakers_filter_goes_to_the_first_match(qtbot, open_window, tmp_path):
    _w, win = _speakers(qtbot, open_window, tmp_path)
    win.filter.setFocus()
    qtbot.keyClicks(win.filter, "bolkon")
    first, last = _names(win)[0], _names(win)[-1]
    assert first != last
    model = win.people.model()
    win.people.setCurrentIndex(next(model.index(r, 0) for r in range(model.rowCount())
                                    if model.index(r, 0).data(ROLE) == last))  # the last match chosen before
    win.filter.setFocus()
    qtbot.keyClick(win.filter, Qt.Key.Key_Down)
    assert win.people.hasFocus() and win.people.currentIndex().data(ROLE) == first
    qtbot.waitUntil(lambda: win.summary.text().startswith(f"{first}: 1 quote"), timeout=10000)


def test_the_arrow_keys_in_the_library_filter_move_the_table_and_enter_opens_that_row(qtbot, window, docs):  # noqa: F811
    w = window
    sample, harbour = docs
    lib = library_of_two(qtbot, w, docs)
    qtbot.waitUntil(lambda: lib.model.rowCount() == 2)
    lib.filter.setFocus()
    titles = lib.row_texts(0)
    start = lib.table.currentIndex().row()
    qtbot.keyClick(lib.filter, Qt.Key.Key_Down if start == 0 else Qt.Key.Key_Up)
    moved = lib.table.currentIndex().row()
    assert moved == 1 - start  # the row moved (the key stayed the box's: Enter below is the box's too)
    wanted = harbour if titles[moved] == "harbour" else sample
    assert wanted != w.doc.path  # not the document on screen
    qtbot.keyClick(lib.filter, Qt.Key.Key_Return)  # Enter opens the row moved to
    qtbot.waitUntil(lambda: w.doc.path == wanted and w.session is not None and w.session.doc is w.doc)
