"""Selecting text snaps to whole words when dragging; Shift+arrows adjust by character."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from tests.gui_helpers import point_at
from tests.test_comfort import window  # noqa: F401 (the fixture)


def drag(qtbot, view, a, b):
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=a)
    for k in range(1, 6):
        p = a + (b - a) * (k / 5)
        QApplication.sendEvent(vp, QMouseEvent(QEvent.Type.MouseMove, QPointF(p), QPointF(vp.mapToGlobal(p)),
                                               Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton,
                                               Qt.KeyboardModifier.NoModifier))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=b)


def test_a_drag_takes_whole_words_and_shift_arrows_adjust_by_character(qtbot, window):  # noqa: F811
    w = window()
    t = w.doc.text
    s = t.index("undergoing major changes unseen")
    # from inside "undergoing" to inside "changes"
    drag(qtbot, w.view, point_at(w.view, s + 4), point_at(w.view, s + len("undergoing major cha")))
    start, end = w.view.selection_range()
    assert t[start:end] == "undergoing major changes"
    qtbot.keyClick(w.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    start, end = w.view.selection_range()
    assert t[start:end] == "undergoing major changes "  # one character more, not a word
    qtbot.keyClick(w.view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    start, end = w.view.selection_range()
    assert t[start:end] == "undergoing major change"
    # a backwards drag snaps too, and a drag that ends on a space takes nothing more
    e = t.index("political smear") + len("political sm")
    drag(qtbot, w.view, point_at(w.view, e), point_at(w.view, t.index("bullying") + 2))
    start, end = w.view.selection_range()
    assert t[start:end] == "bullying and political smear"
