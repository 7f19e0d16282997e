"""File > Quit (Ctrl+Q) while a long book is still opening quits at once and cancels the
opening (the tryout found the key did nothing: the platform's Quit key can be missing)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget


def _press_ctrl_q(qtbot, w) -> None:
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    target = QApplication.focusWidget() or w
    qtbot.keyClick(target, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_q_while_a_long_book_opens_quits_and_cancels_the_opening(qtbot, window, specimen):
    w = window
    w.open_path(specimen("big/war-and-peace_2600-0.txt"))
    qtbot.waitUntil(lambda: w.controller._load_task is not None, timeout=30000)  # the whole is being read
    task = w.controller._load_task
    assert w.statusBar().currentMessage() == "Opening war-and-peace_2600-0.txt…"
    assert "Ctrl+Q" in [k.toString() for k in w.menus.quit_action.shortcuts()]  # shown in the menu too

    _press_ctrl_q(qtbot, w)

    assert not w.isVisible()
    assert w.controller.closing and task.cancelled
    qtbot.waitUntil(lambda: not task.is_running(), timeout=60000)
    qtbot.wait(50)  # a result handed back now would be shown: it must not be
    assert w.controller.session is None and (w.doc is None or len(w.doc.text) < 1_000_000)


def test_quit_closes_readers_other_windows_too(qtbot, window):
    w = window
    other = QWidget()  # another of Reader's windows (the Library, the Claim Ledger ...)
    qtbot.addWidget(other)
    other.show()
    qtbot.waitExposed(other)
    w.menus.quit_action.trigger()
    assert not w.isVisible() and not other.isVisible()
