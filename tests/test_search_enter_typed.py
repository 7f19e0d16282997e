"""Enter in the search field acts on the query as typed (tryout s15 1.1: search `sticky`, then type `blue note`
and press Return at once: Reader opened the old query's first result, and the old results stood under the new
query; a malformed query opened a stale result and showed no error). Now the new query runs, and its first
result opens once it is in; a query that cannot be read whole shows why and opens nothing."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt

from tests.test_gui import SENTENCE, highlight_passage

OTHER = "China's achievements in poverty alleviation have been acclaimed"


def _shoot(w, name: str) -> None:
    out = os.environ.get("READER_SHOTS")
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        w.grab().save(str(Path(out) / name))


def test_enter_right_after_typing_opens_the_new_querys_first_result(qtbot, open_window):
    w = open_window()
    highlight_passage(qtbot, w, SENTENCE)
    highlight_passage(qtbot, w, OTHER)
    (first,) = [h for h in w.session.highlights if h.exact == SENTENCE]
    (other,) = [h for h in w.session.highlights if h.exact == OTHER]
    panel = w.panels.search
    opened: list[int] = []
    panel.openRequested.connect(lambda _path, hid: opened.append(hid))
    toolbar = w.menus.search_field
    qtbot.keyClicks(toolbar, "sacrif*")
    qtbot.waitUntil(lambda: [h.highlight.id for h in panel.hits] == [first.id] and not panel.busy, timeout=5000)

    toolbar.selectAll()
    qtbot.keyClicks(toolbar, "acclaim*")
    # at once, before the new search has run: the old results are not shown as this query's
    assert panel.status.text() == "Searching…" and not panel.list.isEnabled()
    _shoot(w, "search_typed.png")
    qtbot.keyClick(toolbar, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: opened == [other.id], timeout=5000)
    qtbot.waitUntil(lambda: [h.highlight.id for h in panel.hits] == [other.id] and panel.list.isEnabled())

    toolbar.selectAll()
    qtbot.keyClicks(toolbar, 'sacrif* OR "unclosed')
    qtbot.keyClick(toolbar, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "quotation mark is not closed" in panel.status.text(), timeout=5000)
    _shoot(w, "search_bad_enter.png")
    qtbot.keyClick(toolbar, Qt.Key.Key_Return)  # its results are in: still nothing opens
    # (once every search asked for has come back and the list is shown again: nothing opened late either)
    qtbot.waitUntil(lambda: not panel.busy and panel.list.isEnabled() and panel.status.text() != "Searching…")
    assert "quotation mark is not closed" in panel.status.text()
    assert opened == [other.id]
