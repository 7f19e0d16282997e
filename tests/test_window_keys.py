"""The Speakers and Claim Ledger windows close with Escape and with Ctrl+W, as the Library does."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from reader.ui.ledger import LedgerWindow
from reader.ui.speakers import SpeakersWindow


def open_from_view_menu(qtbot, w, label: str, kind: type) -> QWidget:
    action = next(a for a in w.menus.view_menu.actions() if a.text().replace("&", "") == label)
    action.trigger()
    win = next(c for c in w.findChildren(kind))
    qtbot.waitExposed(win)
    return win


@pytest.mark.parametrize("label,kind", [("Claim Ledger", LedgerWindow), ("Speakers", SpeakersWindow)])
@pytest.mark.parametrize("key,mods", [(Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                                      (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)])
def test_secondary_window_closes_with_escape_and_ctrl_w(qtbot, open_window, label, kind, key, mods):
    w = open_window()
    win = open_from_view_menu(qtbot, w, label, kind)
    assert win.isVisible()
    qtbot.waitUntil(lambda: win.isActiveWindow())  # shown windows take the keys
    focus = win.focusWidget() or win
    qtbot.keyClick(focus, key, mods)
    qtbot.waitUntil(lambda: not win.isVisible())
    assert w.isVisible()  # only that window
