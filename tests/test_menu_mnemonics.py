"""View > Reading's submenus from the keyboard: each item has a letter of its own (tryout 10: "the Theme submenu
items have no mnemonics. From the keyboard you have to use arrows")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from reader.ui import themes


def _submenus(w):
    return {a.text().replace("&", ""): a.menu() for a in w.reading_menu.actions() if a.menu() is not None}


def test_each_reading_choice_has_a_letter_and_the_letter_chooses_it(qtbot, window):
    w = window
    subs = _submenus(w)
    assert {"Font", "Line Width", "Line Spacing", "Theme"} <= set(subs)
    for title, sub in subs.items():
        letters = [QKeySequence.mnemonic(a.text()).toString() for a in sub.actions() if not a.isSeparator()]
        assert all(letters) and len(set(letters)) == len(letters), (title, [a.text() for a in sub.actions()])
    theme = subs["Theme"]
    try:  # (the menu is not popped up: offscreen Qt cannot grab the keyboard for it, and says so)
        qtbot.keyClick(theme, Qt.Key.Key_D)  # Dark
        qtbot.waitUntil(lambda: w.theme == "dark")
        qtbot.keyClick(theme, Qt.Key.Key_L)  # and Light again
        qtbot.waitUntil(lambda: w.theme == "light")
    finally:
        themes.apply(None, "light")
