"""The search panel honours a minus on a field, and an OR next to a date, as the search help says."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QPoint, QRect, Qt

PASSAGES = {
    "survey": ("95% of the Chinese public", ["survey"], "yellow"),
    "members": ("More than 39 million Party members", ["figures"], "red"),
    "plain": ("56.1% are Party members", [], "yellow"),
}


def shown(w) -> list[str]:
    """The passages of the result cards a person sees, top to bottom."""
    lst = w.panels.search.list
    return [lst.itemWidget(lst.item(i)).quote.text() for i in range(lst.count())]


def search_for(qtbot, w, query: str) -> list[str]:
    """Type a query into the search field (replacing what is there); the passages it lists."""
    panel = w.panels.search
    panel.query.selectAll()
    qtbot.keyClicks(panel.query, query)
    assert panel.busy  # typing starts a search
    qtbot.waitUntil(lambda: not panel.busy, timeout=5000)
    return sorted(" ".join(html.unescape(re.sub(r"<[^>]+>", "", t)).split()) for t in shown(w))


def test_minus_tag_colour_status_and_or_with_a_date_in_the_search_panel(qtbot, open_window):
    w = open_window()
    for text, tags, color in PASSAGES.values():
        s = w.doc.text.index(text)
        w.controller.create_highlight(s, s + len(text), color, "", tags)
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert w.tabs.currentWidget() is w.panels.search
    tip = w.panels.search.query.toolTip()
    assert "-tag:x" in tip and "OR joins only the two things beside it" in tip  # the search help says the rule

    survey, members, plain = (p[0] for p in PASSAGES.values())
    assert search_for(qtbot, w, "-tag:survey") == sorted([members, plain])
    assert search_for(qtbot, w, "-color:yellow") == [members]
    assert search_for(qtbot, w, "party -tag:figures") == [plain]
    assert search_for(qtbot, w, "-status:disputed -tag:survey -tag:figures") == [plain]
    # a date after OR is one of the two alternatives, not a filter on both
    assert search_for(qtbot, w, "tag:survey OR after:2000-01-01") == sorted([survey, members, plain])
    assert search_for(qtbot, w, "tag:survey OR before:2000-01-01") == [survey]
    assert search_for(qtbot, w, "party after:2000-01-01") == sorted([members, plain])


def test_search_tab_in_a_narrow_panel_shows_its_buttons_and_results_whole(qtbot, open_window):
    from reader.ui import fit
    from tests.test_pages import drag

    w = open_window()
    s = w.doc.text.index(PASSAGES["plain"][0])
    w.controller.create_highlight(s, s + len(PASSAGES["plain"][0]), "yellow", "", [])
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    panel = w.panels.search
    assert search_for(qtbot, w, "party") == [PASSAGES["plain"][0]]  # found while the panel is wide
    handle = w.splitter.handle(1)
    mid = QPoint(handle.width() // 2, handle.height() // 2)
    drag(qtbot, handle, mid, mid + QPoint(900, 0))  # the person drags the panel as narrow as it goes
    qtbot.waitUntil(lambda: w.tabs.width() <= fit.PANEL_MIN + 10)
    button = panel.save_button

    def whole() -> bool:  # "Save search", not "ve sear" (as the panel's layout settles at its new width)
        box = QRect(button.mapTo(panel, QPoint(0, 0)), button.size())
        return panel.rect().contains(box) and button.width() >= button.sizeHint().width()

    qtbot.waitUntil(whole)
    card = panel.list.itemWidget(panel.list.item(0))
    qtbot.waitUntil(lambda: card.width() <= panel.list.viewport().width() and not panel.list.horizontalScrollBar().isVisible())
