"""Right-click on a PDF page: the text view's menu (Copy, Highlight in each colour, Highlight and Add Note)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

from tests.test_pages import drag, open_pdf, window  # noqa: F401 (the fixture)


def right_click_and(qtbot, widget, pos, act: Callable[[QMenu], None]) -> None:
    """Right-click at pos; once the menu is up, ``act`` on it (the menu runs its own loop)."""
    done: list[bool] = []
    timer = QTimer()
    timer.setInterval(20)

    def poll() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu) and not done:
            done.append(True)
            timer.stop()
            act(menu)

    timer.timeout.connect(poll)
    timer.start()
    qtbot.mouseClick(widget, Qt.MouseButton.RightButton, pos=pos)
    # the window system follows a right-click with a context-menu event (QTest sends the click only)
    QApplication.sendEvent(widget, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, widget.mapToGlobal(pos)))
    qtbot.waitUntil(lambda: bool(done))
    timer.stop()


def click_item(qtbot, menu: QMenu, text: str) -> None:
    action = next(a for a in menu.actions() if a.text().replace("&", "") == text)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


# a menu pops up: the offscreen platform cannot raise it or grab the keyboard (the test machine, not Reader)
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard")
def test_right_click_on_selected_words_highlights_them_in_a_colour(qtbot, window, specimen):  # noqa: F811
    w = window()
    open_pdf(qtbot, w, specimen("normal/tracemonkey.pdf"))
    pv = w.page_view
    phrase = "Dynamic languages such as JavaScript"
    s = w.doc.text.index(phrase)
    drag(qtbot, pv.viewport(), pv.point_of(s), pv.point_of(s + len(phrase) - 1))
    assert pv.selection_range() is not None
    seen: dict[str, list[str]] = {}

    def choose(menu: QMenu) -> None:
        seen["menu"] = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
        click_item(qtbot, menu, "Highlight")
        sub = next(a for a in menu.actions() if a.text() == "Highlight").menu()
        qtbot.waitUntil(sub.isVisible)
        seen["colours"] = [a.text() for a in sub.actions()]
        click_item(qtbot, sub, "Blue")

    right_click_and(qtbot, pv.viewport(), pv.point_of(s + 3), choose)
    qtbot.waitUntil(lambda: len(w.session.highlights) == 1)
    (h,) = w.session.highlights
    assert h.color == "blue" and w.doc.text[h.start:h.end] == phrase
    assert {"Copy", "Highlight", "Highlight and Add Note"} <= set(seen["menu"])
    assert {"Yellow", "Blue"} <= set(seen["colours"])

    # on the highlight now: edit and delete are offered too; Copy puts the words on the clipboard
    drag(qtbot, pv.viewport(), pv.point_of(s), pv.point_of(s + len(phrase) - 1))

    def copy(menu: QMenu) -> None:
        seen["again"] = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
        click_item(qtbot, menu, "Copy")

    right_click_and(qtbot, pv.viewport(), pv.point_of(s + 3), copy)
    qtbot.waitUntil(lambda: QApplication.clipboard().text() == phrase)
    assert {"Edit Note…", "Delete Highlight"} <= set(seen["again"])
