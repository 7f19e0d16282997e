"""A long book reopens where the person left it, even before Qt has laid out that far."""

from __future__ import annotations

import shutil

from PySide6.QtCore import Qt

from tests.conftest import SHARED

BOOK = SHARED / "corpus" / "big" / "war-and-peace_2600-0.txt"


def test_a_long_book_reopens_at_the_place_left_and_keeps_it(qtbot, open_window, tmp_path):
    book = tmp_path / "war-and-peace.txt"
    shutil.copyfile(BOOK, book)
    w = open_window(book)
    qtbot.waitUntil(lambda: w.view.painted, timeout=20000)
    place = w.doc.text.index("CHAPTER III", len(w.doc.text) // 2)  # a chapter half way through the book
    w.view.scroll_to(place, top=True)
    qtbot.waitUntil(lambda: abs(w.view.top_offset() - place) < 400, timeout=10000)
    left_at = w.view.top_offset()
    w.close()  # the place is saved on the way out

    again = open_window(book)
    qtbot.waitUntil(lambda: again.view.painted, timeout=20000)
    qtbot.waitUntil(lambda: abs(again.view.top_offset() - left_at) < 400, timeout=10000)
    # the first scroll afterwards moves on from there, it does not save the table of contents
    again.view.setFocus()
    qtbot.keyClick(again.view, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: again.controller.session.record.position > left_at, timeout=5000)
