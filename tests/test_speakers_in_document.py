"""A group that is no name stays its document's and the Speakers window says so, as README promises:
"The countess (in War and Peace)", "Their leaders (in Working Hard to…)" (s11 tryout 1.3 and 1.9: only a name
another document also had carried the suffix, so "Their leaders" looked like a person of the library)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.test_export import ok, reader

SAMPLE_TITLE = "Working Hard to Bring Happiness to the…"  # the sample's title, cut at a word


def test_the_speakers_window_lists_a_common_words_group_with_its_document(qtbot, open_window, db_path):
    from reader.ui.library_actions import _window, show_speakers
    from tests.test_gui import _wait_analysis

    w = open_window()
    _wait_analysis(qtbot, w)
    show_speakers(w)
    sp = _window(w, "speakers")
    qtbot.waitUntil(lambda: sp.people_model.rowCount() > 0, timeout=20000)
    names = [sp.people_model.item(r).data(Qt.ItemDataRole.UserRole) for r in range(sp.people_model.rowCount())]
    assert f"Their leaders (in {SAMPLE_TITLE})" in names, names
    assert "Xi Jinping" in names and "Their leaders" not in names, names  # a name: the library's, no suffix
    qtbot.keyClicks(sp.filter, "their leaders")  # found by its words, as before
    shown = [sp.people_filter.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(sp.people_filter.rowCount())]
    assert f"Their leaders (in {SAMPLE_TITLE})" in shown, shown
    lines = ok(reader("speakers", db=db_path)).splitlines()  # the command line lists it the same way
    assert f"Their leaders (in {SAMPLE_TITLE}): 1 quote in 1 document" in lines, lines
    out = ok(reader("speakers", "their leaders", db=db_path))  # and finds it without the suffix
    assert out.startswith(f"Their leaders (in {SAMPLE_TITLE}): 1 quote in 1 document\n"), out
