"""Scrolling a long book with highlights on it never asks Qt's own hit test, which walks every
paragraph from the first: the tryout's War and Peace with 10,000 highlights froze the window for
seconds while it reopened at the place left (two such hit tests per scroll, half a second each)."""

from __future__ import annotations

from PySide6.QtCore import QPoint


def test_scrolling_a_long_book_with_highlights_finds_the_screen_without_qts_hit_test(qtbot, open_window, specimen):
    w = open_window(specimen("big/war-and-peace_2600-0.txt"))
    qtbot.waitUntil(lambda: w.view.painted, timeout=30000)
    text = w.doc.text
    place = text.index("CHAPTER III", len(text) // 2)
    h = w.controller.create_highlight(place + 20, place + 60, "yellow")  # the highlights' layer is in use
    assert h is not None
    asked: list[QPoint] = []
    qt_hit_test = w.view.cursorForPosition
    w.view.cursorForPosition = lambda pos: (asked.append(pos), qt_hit_test(pos))[1]  # type: ignore[method-assign]

    w.view.scroll_to(place, top=True)  # as reopening at the place left does
    qtbot.waitUntil(lambda: abs(w.view.top_offset() - place) < 400, timeout=10000)
    w.view.verticalScrollBar().setValue(w.view.verticalScrollBar().value() + 300)
    assert asked == []
    # and what it finds is the text on screen: the highlight is handed to Qt to paint, the point under a word is that word
    assert any(s.cursor.selectionStart() <= w.view.positions.to_qt(place + 30) < s.cursor.selectionEnd()
               for s in w.view.extraSelections())
    c = w.view.cursor_at(place + 30)
    r = w.view.cursorRect(c)
    off = w.view.offset_at(QPoint(r.left() + 1, r.center().y()))
    assert abs(off - (place + 30)) <= 1
