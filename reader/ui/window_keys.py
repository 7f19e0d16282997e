"""Keys every secondary window answers: Escape and Ctrl+W close it (as the Library does)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


def close_on_keys(win: QWidget) -> None:
    for keys in ("Escape", "Ctrl+W"):  # one shortcut per key: two on one key would be ambiguous and do nothing
        sc = QShortcut(QKeySequence(keys), win, win.close)
        sc.setContext(Qt.ShortcutContext.WindowShortcut)
