"""Escape clears the notes search (tryout 11, section 2: the toolbar's search field kept an old query,
'"right side tag:', across documents, even after Escape in the Search tab). In either field, the Search tab's
or the toolbar's, Escape empties both and the results go; in an empty field Escape is the window's again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.test_gui import SENTENCE, highlight_passage


@pytest.mark.parametrize("where", ["toolbar", "tab"])
def test_escape_clears_the_query_in_both_fields(qtbot, open_window, where):
    w = open_window()
    highlight_passage(qtbot, w, SENTENCE)
    toolbar = w.menus.search_field
    qtbot.keyClicks(toolbar, "sacrif*")
    panel = w.panels.search
    qtbot.waitUntil(lambda: len(panel.hits) == 1 and not panel.busy, timeout=5000)
    assert panel.query.text() == "sacrif*"
    field = toolbar if where == "toolbar" else panel.query
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert toolbar.text() == "" and panel.query.text() == ""
    qtbot.waitUntil(lambda: panel.list.count() == 0 and not panel.hits, timeout=5000)
    assert panel.status.text() == "Type to search every highlight, note and tag."
