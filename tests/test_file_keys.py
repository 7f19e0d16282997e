"""Help > Keyboard Shortcuts lists keys a person has (tryout s12, section 2: "Quit: Ctrl+Q, Exit", where
"Exit" is a multimedia keyboard's key the platform binds, no key on a keyboard), and File's Export…,
Import Notes… and Export Annotated PDF… have keys of their own, shared with no other command."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QTreeWidget

from reader.ui.comfort import shortcut_rows

CTRL = Qt.KeyboardModifier.ControlModifier


def test_the_shortcuts_list_names_only_keys_a_keyboard_has(qtbot, open_window):
    w = open_window()
    # what the X11 platform theme binds to Quit (and to Open): a key named Exit (Open) beside Ctrl+Q (Ctrl+O)
    w.menus.quit_action.setShortcuts([QKeySequence("Ctrl+Q"), QKeySequence(Qt.Key.Key_Exit)])
    w.menus.open_action.setShortcuts([QKeySequence("Ctrl+O"), QKeySequence(Qt.Key.Key_Open)])
    w.shortcuts_action.trigger()
    qtbot.waitUntil(lambda: getattr(w, "shortcuts_dialog", None) is not None and w.shortcuts_dialog.isVisible())
    tree = w.shortcuts_dialog.findChild(QTreeWidget, "shortcuts")
    shown = {tree.topLevelItem(i).child(j).text(0): tree.topLevelItem(i).child(j).text(1)
             for i in range(tree.topLevelItemCount()) for j in range(tree.topLevelItem(i).childCount())}
    assert shown["Quit"] == "Ctrl+Q" and shown["Open…"] == "Ctrl+O"
    assert shown["Export…"] == "Ctrl+E" and shown["Import Notes…"] == "Ctrl+I"
    assert shown["Export Annotated PDF…"] == "Ctrl+Shift+S"
    w.shortcuts_dialog.close()


def test_export_and_import_keys_open_their_dialogs_and_clash_with_nothing(qtbot, open_window, monkeypatch):
    w = open_window()
    w.panels.build()
    each = Counter(part.strip() for _m, _c, k in shortcut_rows(w) for part in k.split(","))
    assert [k for k, n in each.items() if n > 1] == []
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (asked.append("save"), ("", ""))[1]))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (asked.append("open"), ("", ""))[1]))
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    w.view.setFocus()
    qtbot.keyClick(w, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: asked == ["save"])
    w.view.setFocus()
    qtbot.keyClick(w, Qt.Key.Key_I, CTRL)
    qtbot.waitUntil(lambda: asked == ["save", "open"])
