"""Arrowing from a speaker's heading to their first quote: the detail box under the list comes back (a heading has
none) and takes room from the list, and the quote chosen stays whole in view (tryout 10: "the detail box appears
at the bottom and pushes the list up, so the selected quote shows only its first line")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from reader.ui.analysis_panel import ROLE
from tests.test_gui import _wait_analysis


def test_the_quote_arrowed_to_stays_whole_when_the_detail_box_comes_back(qtbot, open_window, tmp_path):
    w = open_window()
    w.resize(1400, 900)
    panel = _wait_analysis(qtbot, w)
    w.tabs.setCurrentWidget(panel)
    tree = panel.tree
    tree.setFocus()
    heads = [i for i in range(tree.topLevelItemCount()) if tree.topLevelItem(i).childCount()]
    assert len(heads) >= 2

    def whole() -> bool:  # (Qt's own scrolling to the current row may leave its last pixel out)
        item = tree.currentItem()
        return item is not None and tree.viewport().rect().adjusted(0, 0, 0, 1).contains(tree.visualItemRect(item))

    for at in heads[1:4]:  # (items are fetched afresh: the list is built again when more findings come)
        head = tree.topLevelItem(at)
        first = head.child(0).data(0, ROLE)
        tree.setCurrentItem(head)  # a heading: no detail box, the list as tall as it gets
        qtbot.waitUntil(lambda: not panel.detail.isVisible())
        tree.scrollToItem(tree.currentItem(), QAbstractItemView.ScrollHint.PositionAtBottom)
        tree.viewport().update()
        qtbot.keyClick(tree, Qt.Key.Key_Down)  # its first quote, scrolled up into the bottom row
        assert tree.currentItem().data(0, ROLE) == first
        qtbot.waitUntil(lambda: panel.detail.isVisible())
        qtbot.waitUntil(whole, timeout=2000)
        for _ in range(5):  # laid out as it settles (a check while the old layout stands would pass)
            QApplication.processEvents()
        qtbot.waitUntil(whole, timeout=2000)
        title = panel.detail_title  # and the detail's title whole, however many lines it wraps to
        assert title.height() >= title.heightForWidth(title.width()), title.text()
    w.grab().save(str(tmp_path / "panel-detail.png"))
