"""The side panel by keyboard: a focus ring on the tab bar's current tab (both themes), Ctrl+PgDown /
Ctrl+PgUp to switch its tabs from anywhere in the window, and keys for View > Claim Ledger and
Speakers shown in the menus, none shared with another command."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from reader.ui import themes
from reader.ui.comfort import shortcut_rows


def _ring_pixels(bar, colour: str) -> int:
    """Pixels of the accent colour down the left and right edges of the current tab (the selected tab's
    own mark is a line under it: a ring is the only thing that draws at its sides)."""
    img = bar.grab().toImage()
    r = bar.tabRect(bar.currentIndex())
    want = QColor(colour)
    n = 0
    for x in (*range(r.left(), r.left() + 4), *range(r.right() - 3, r.right() + 1)):
        for y in range(r.top() + 4, r.bottom() - 4):
            c = img.pixelColor(x, y)
            n += abs(c.red() - want.red()) + abs(c.green() - want.green()) + abs(c.blue() - want.blue()) < 60
    return n


def _press(qtbot, w, key: Qt.Key, mods: Qt.KeyboardModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget() or w, key, mods)


def test_tab_bar_focus_shows_a_ring_in_both_themes_and_ctrl_pgdown_switches_tabs(qtbot, open_window):
    w = open_window()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    w.panels.build()
    bar = w.tabs.tabBar()
    for theme, accent in (("light", "#3d6fb6"), ("dark", "#82aee8")):
        w.theme = themes.apply(w, theme)
        w.view.setFocus()
        assert _ring_pixels(bar, accent) == 0  # not focused: no ring
        start = w.tabs.currentIndex()
        _press(qtbot, w, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)  # from the text
        assert w.tabs.currentIndex() == (start + 1) % bar.count()
        assert QApplication.focusWidget() is bar
        assert _ring_pixels(bar, accent) > 20, theme  # the ring shows where the keyboard is
        _press(qtbot, w, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
        assert w.tabs.currentIndex() == start
        w.view.setFocus()  # Tab from the text reaches the bar, and the ring shows there too
        for _ in range(40):
            if QApplication.focusWidget() is bar:
                break
            _press(qtbot, w, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)
        assert QApplication.focusWidget() is bar
        assert _ring_pixels(bar, accent) > 20, theme


def test_ledger_and_speakers_have_keys_in_the_menus_and_no_key_is_shared(qtbot, open_window):
    w = open_window()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    w.panels.build()
    rows = shortcut_rows(w)
    keys = {command: k for _menu, command, k in rows}
    assert keys["Claim Ledger"] == "Ctrl+Shift+E" and keys["Speakers"] == "Ctrl+Shift+K"
    assert keys["Next Panel Tab"] == "Ctrl+PgDown" and keys["Previous Panel Tab"] == "Ctrl+PgUp"
    each = Counter(part.strip() for _m, _c, k in rows for part in k.split(","))
    assert [k for k, n in each.items() if n > 1] == []
    w.view.setFocus()
    _press(qtbot, w, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: any(type(t).__name__ == "LedgerWindow" and t.isVisible()
                                for t in QApplication.topLevelWidgets()), timeout=5000)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    w.view.setFocus()
    _press(qtbot, w, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: any(type(t).__name__ == "SpeakersWindow" and t.isVisible()
                                for t in QApplication.topLevelWidgets()), timeout=5000)
