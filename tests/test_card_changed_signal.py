"""A note saved on one card tells Qt that row changed (the model's dataChanged for that row only, passed
on by the filter proxy and the list view, which is what screen readers hear), without the list laying
every card out again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QSignalSpy
from PySide6.QtWidgets import QAbstractItemView, QListView

from tests.gui_helpers import analysed, select_text
from tests.test_note_save_repaint import PASSAGE, Painted, covers

OTHER = "a problem plagued the Chinese nation"


def _highlight(qtbot, w, passage: str) -> int:
    s = w.doc.text.index(passage)
    select_text(qtbot, w.view, s, s + len(passage))
    qtbot.keyClick(w.view, Qt.Key.Key_1)
    h = w.session.highlight_at(s)
    assert h is not None
    return h.id


def test_a_saved_note_is_announced_for_its_row_only(qtbot, open_window) -> None:
    w = open_window()
    first = _highlight(qtbot, w, PASSAGE)
    second = _highlight(qtbot, w, OTHER) if OTHER in w.doc.text else None
    assert w.panel.count() == (2 if second else 1)
    w.select_highlight(first, focus_note=True)
    qtbot.keyClicks(w.editor.note, "Which changes?")
    analysed(qtbot, w)  # the claims and quotes found and written: nothing more on its way to the panel
    qtbot.waitUntil(lambda: not w.view.flashing and w.view._laid_out())
    qtbot.wait(50)
    row = w.panel.model.row_of(first)
    assert row is not None
    model_spy = QSignalSpy(w.panel.model.dataChanged)
    proxy_spy = QSignalSpy(w.panel.proxy.dataChanged)
    relaid = [QSignalSpy(sig) for sig in (w.panel.model.layoutChanged, w.panel.model.modelReset,
                                          w.panel.model.rowsInserted, w.panel.model.rowsRemoved)]
    cards = Painted()
    w.panel.list.viewport().installEventFilter(cards)

    with qtbot.waitSignal(w.panel.model.dataChanged, timeout=5000) as changed:
        qtbot.keyClick(w.editor.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    top, bottom = changed.args[0], changed.args[1]
    assert (top.row(), bottom.row()) == (row, row)  # that row, and only it
    assert Qt.ItemDataRole.DisplayRole in changed.args[2]  # what the card says changed
    assert model_spy.count() == 1 and proxy_spy.count() == 1  # passed on by the filter, once
    ptop = proxy_spy.at(0)[0]
    assert w.panel.proxy.mapToSource(ptop).row() == row
    assert all(s.count() == 0 for s in relaid)  # no reset, no rows moved
    assert "Which changes?" in w.panel.entry_text(w.panel.proxy.mapFromSource(w.panel.model.index(row)).row())
    qtbot.waitUntil(lambda: covers(cards.region, w.panel.entry_rect(first)))  # (a paint may come in parts)
    qtbot.wait(20)  # (and any paint on its heels, for what must not have been painted)
    if second is not None:  # the other card was not painted again
        assert not cards.region.intersects(w.panel.entry_rect(second))


def test_the_list_view_passes_the_change_on_to_qt_for_that_card_only(qtbot, open_window, monkeypatch) -> None:
    """The list hands a changed card to Qt's item view (which repaints it and sends accessibility its
    DataChanged event, what a screen reader hears), not to QListView's, which would lay out every card."""
    w = open_window()
    hid = _highlight(qtbot, w, PASSAGE)
    w.select_highlight(hid, focus_note=True)
    qtbot.keyClicks(w.editor.note, "Seen by a screen reader")
    told: list[tuple[int, int]] = []
    relaid: list[int] = []
    item_view, list_view = QAbstractItemView.dataChanged, QListView.dataChanged

    def to_item_view(view, top, bottom, roles=()):  # type: ignore[no-untyped-def]
        if view is w.panel.list:
            told.append((top.row(), bottom.row()))
        return item_view(view, top, bottom, roles)

    def to_list_view(view, top, bottom, roles=()):  # type: ignore[no-untyped-def]
        if view is w.panel.list:
            relaid.append(top.row())
        return list_view(view, top, bottom, roles)

    monkeypatch.setattr(QAbstractItemView, "dataChanged", to_item_view)
    monkeypatch.setattr(QListView, "dataChanged", to_list_view)
    qtbot.keyClick(w.editor.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.session.highlight(hid).note == "Seen by a screen reader")
    row = w.panel.proxy.mapFromSource(w.panel.model.index(w.panel.model.row_of(hid))).row()
    assert told == [(row, row)] and relaid == []
