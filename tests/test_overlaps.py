"""A new highlight over part of an older one: both colours stay visible, and each can be clicked."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor

from reader.ui import style
from tests.gui_helpers import point_at, select_text

OLDER = "More than 39 million Party members fought tirelessly"  # yellow, first
NEWER = "fought tirelessly at the frontline"  # red, over the end of the older one


def seen_colour(w, start: int, end: int) -> QColor:
    """The colour a person sees behind the letters start..end (one line): the commonest pixel there."""
    a, b = point_at(w.view, start), point_at(w.view, end)
    assert a.y() == b.y(), "one line"
    line = w.view.cursorRect(w.view.cursor_at(start))
    img = w.view.viewport().grab().toImage()
    box = QRect(a.x(), line.top(), b.x() - a.x(), line.height())
    counts = Counter(img.pixel(x, y) for x in range(box.left(), box.right()) for y in range(box.top(), box.bottom()))
    return QColor.fromRgb(counts.most_common(1)[0][0])


def far(c1: QColor, c2: QColor) -> int:
    return abs(c1.red() - c2.red()) + abs(c1.green() - c2.green()) + abs(c1.blue() - c2.blue())


def test_a_highlight_over_part_of_another_leaves_both_visible_and_clickable(qtbot, open_window):
    w = open_window()
    s1 = w.doc.text.index(OLDER)
    s2 = w.doc.text.index(NEWER)
    select_text(qtbot, w.view, s1, s1 + len(OLDER))
    qtbot.keyClick(w.view, Qt.Key.Key_1)
    select_text(qtbot, w.view, s2, s2 + len(NEWER))
    qtbot.keyClick(w.view, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: len(w.session.highlights) == 2)
    older, newer = sorted(w.session.highlights, key=lambda h: h.id)
    assert (older.color, older.exact, newer.color, newer.exact) == ("yellow", OLDER, "red", NEWER)
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=point_at(w.view, s1 - 20))  # away from both
    qtbot.wait(50)

    only_older = seen_colour(w, s1, s1 + 8)  # "More tha"
    both = seen_colour(w, s2, s2 + 6)  # "fought": under both
    only_newer = seen_colour(w, s1 + len(OLDER) + 1, s1 + len(OLDER) + 7)  # " at th"
    assert far(only_older, style.highlight_fill("yellow")) < 12
    assert far(only_newer, style.highlight_fill("red")) < 12
    # where they overlap, neither colour alone: the older one is not hidden under the newer
    assert far(both, only_newer) > 40 and far(both, only_older) > 40, (both.name(), only_older.name(), only_newer.name())

    def click(offset: int) -> int | None:
        qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=point_at(w.view, offset))
        return w.editor.highlight_id

    assert click(s1 + 3) == older.id
    assert click(s1 + len(OLDER) + 3) == newer.id
    picked = {click(s2 + 2), click(s2 + 2)}  # in the overlap, a second click reaches the one underneath
    assert picked == {older.id, newer.id}
    assert w.panel.current_id() == w.editor.highlight_id
