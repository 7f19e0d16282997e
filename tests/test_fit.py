"""Small windows: the text keeps about 45 characters a line; the panel shrinks, then folds away."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF

from reader.ui import fit, style
from tests.test_comfort import window  # noqa: F401 (the fixture)


def chars_per_line(w) -> float:
    f = QFont()
    f.setFamilies(style.READING_FAMILY)
    f.setPointSizeF(style.FONT_PT)
    frame = w.view.document().rootFrame().frameFormat()
    column = w.view.viewport().width() - frame.leftMargin() - frame.rightMargin() - 2 * w.view.document().documentMargin()
    return column / QFontMetricsF(f).averageCharWidth()


def test_the_text_keeps_45_characters_and_the_panel_folds_away(qtbot, window):  # noqa: F811
    w = window()
    qtbot.waitUntil(lambda: hasattr(w, "fitter"))
    assert w.tabs.isVisible()
    w.resize(800, 600)
    qtbot.waitUntil(lambda: chars_per_line(w) >= 44)
    assert w.tabs.isVisible() and w.tabs.width() >= fit.PANEL_MIN - 1  # the panel shrank but stays
    w.resize(560, 420)
    qtbot.waitUntil(lambda: not w.tabs.isVisible())
    assert not w.menus.panel_action.isChecked()
    qtbot.waitUntil(lambda: chars_per_line(w) >= 44)
    assert w.menus.search_field.isVisible()  # the notes search is never dropped
    # the toggle brings the panel back
    qtbot.keyClick(w, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: w.tabs.isVisible())
    qtbot.wait(20)
    assert w.tabs.isVisible()
    w.resize(540, 420)
    qtbot.waitUntil(lambda: not w.tabs.isVisible())
    # a wide window again: the panel folded for lack of room comes back by itself
    w.resize(1200, 800)
    qtbot.waitUntil(lambda: w.tabs.isVisible())
    assert w.menus.panel_action.isChecked()
    qtbot.waitUntil(lambda: chars_per_line(w) >= 60)


def test_a_panel_closed_by_hand_stays_closed(qtbot, window):  # noqa: F811
    w = window()
    qtbot.waitUntil(lambda: hasattr(w, "fitter"))
    w.menus.panel_action.trigger()
    assert not w.tabs.isVisible()
    w.resize(560, 420)
    qtbot.wait(20)
    w.resize(1300, 850)
    qtbot.wait(50)
    assert not w.tabs.isVisible()
