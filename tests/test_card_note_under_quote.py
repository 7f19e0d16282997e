"""A card's note sits right under its quote (tryout 11, section 2: a card whose quote took one line had an empty
line between the quote and the note, the quote's unused second line). Looked at as painted: the rows of ink
in the card, and the gap between the quote's line and the note's."""

from __future__ import annotations

from PySide6.QtGui import QColor

from notes_db import NotesDB


def _ink_runs(image, x0: int, x1: int) -> list[tuple[int, int]]:
    """(first, last) row of each band of rows with dark ink between x0 and x1 (the text, not the card's frame)."""
    runs: list[tuple[int, int]] = []
    start = None
    for y in range(image.height()):
        ink = any(QColor(image.pixel(x, y)).lightness() < 160 for x in range(x0, x1))
        if ink and start is None:
            start = y
        elif not ink and start is not None:
            runs.append((start, y - 1))
            start = None
    if start is not None:
        runs.append((start, image.height() - 1))
    return runs


def test_a_one_line_quote_has_its_note_right_under_it(qtbot, open_window, db_path):
    w = open_window()
    text = w.doc.text
    short = "The world today is undergoing major changes"  # one line on a card
    at = text.index(short)
    with NotesDB(db_path) as db:  # as `reader highlight` (another program) writes it: the window shows it
        db.add_highlight(w.session.doc_id, at, at + len(short), short, note="Read this twice")
    qtbot.waitUntil(lambda: len(w.session.highlights) == 1, timeout=10000)
    h = w.session.highlights[0]
    panel = w.panel
    qtbot.waitUntil(lambda: panel.entry_rect(h.id).isValid() and panel.list.isVisible())
    rect = panel.entry_rect(h.id)
    image = panel.list.viewport().grab(rect).toImage()
    runs = _ink_runs(image, 20, rect.width() - 20)
    assert len(runs) == 3, runs  # where and when; the quote; the note
    (_m0, m1), (q0, q1), (n0, _n1) = runs
    line = q1 - q0 + 1
    assert n0 - q1 < line, runs  # no empty line between the quote and the note
    assert q0 - m1 < line, runs
