"""Enter or Space on a speaker's heading in the Quotes list does what a click on it does: the text shows that
speaker's first quote (tryout 9: "Enter on a speaker header in the Quotes list does nothing")."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.test_gui import _wait_analysis, point_at_no_scroll


def _headings(panel):
    tree = panel.tree
    return [tree.topLevelItem(i) for i in range(tree.topLevelItemCount()) if tree.topLevelItem(i).childCount()]


def test_enter_space_or_a_click_on_a_speaker_heading_shows_their_first_quote(qtbot, open_window, tmp_path):
    w = open_window()
    panel = _wait_analysis(qtbot, w)
    w.tabs.setCurrentWidget(panel)
    heads = _headings(panel)
    assert len(heads) >= 2
    bar = w.view.verticalScrollBar()
    view = w.view

    def first_quote(head):
        return panel.entry(head.child(0))[1]

    def away_from(q) -> None:
        bar.setValue(bar.maximum() if q.start < len(w.doc.text) // 2 else 0)
        qtbot.waitUntil(lambda: not view.viewport().rect().contains(point_at_no_scroll(view, q.start)))

    head = heads[0]
    q = first_quote(head)
    away_from(q)
    panel.tree.setCurrentItem(head)
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert view.flashing and view.viewport().rect().contains(point_at_no_scroll(view, q.start))
    assert panel.tree.currentItem() is head and head.isExpanded()  # Down goes on to that quote
    qtbot.keyClick(panel.tree, Qt.Key.Key_Down)
    assert panel.tree.currentItem() is head.child(0)
    w.grab().save(str(tmp_path / "panel-heading-enter.png"))

    head = heads[1]  # Space on the next speaker's heading
    q = first_quote(head)
    away_from(q)
    panel.tree.setCurrentItem(head)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Space)
    assert view.viewport().rect().contains(point_at_no_scroll(view, q.start))

    head = heads[0]  # and a click on a heading, the same
    q = first_quote(head)
    away_from(q)
    panel.tree.scrollToItem(head)
    rect = panel.tree.visualItemRect(head)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.viewport().rect().contains(point_at_no_scroll(view, q.start))
