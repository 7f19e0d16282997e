"""View > Next / Previous Highlight (Alt+Down / Alt+Up): from where the reader is, to the document's next or
previous highlight, chosen in the panel and the note editor and flashing in the text as a jump from the panel
is; at either end it stops and says so (no wrapping). Listed in Help > Keyboard Shortcuts, no key shared."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTreeWidget

from reader.ui.comfort import shortcut_rows

ALT = Qt.KeyboardModifier.AltModifier


def _passages(w, words: list[str]) -> list[int]:
    """Highlight each passage (made out of order: the keys go by the text's order, not the making's)."""
    ids = {}
    for text in reversed(words):
        start = w.doc.text.index(text)
        h = w.controller.create_highlight(start, start + len(text), "yellow", "", [])
        assert h is not None
        ids[text] = h.id
    return [ids[t] for t in words]


def _press(qtbot, widget, key: Qt.Key) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, key, ALT)


def _chosen(w) -> int | None:
    return w.editor.highlight_id if w.panel.current_id() == w.editor.highlight_id else None


def test_alt_down_and_up_step_through_the_highlights_from_the_screen_and_stop_at_the_ends(
        qtbot, open_window, messages):
    w = open_window()
    text = w.doc.text
    words = ["world largest ever sea-crossing project", "56.1% are Party members", "Song Tao"]
    words.sort(key=text.index)
    first, second, third = _passages(w, words)
    starts = [text.index(p) for p in words]
    w.editor.load(None)
    w.panel.select(None)
    w.view.scroll_to(0, top=True)
    assert w.view.verticalScrollBar().value() == 0 and _chosen(w) is None  # at the top, nothing chosen
    assert not w.view.is_offset_visible(starts[1]) and not w.view.is_offset_visible(starts[2])  # to be scrolled to

    _press(qtbot, w.view, Qt.Key.Key_Down)  # from the top: the first highlight of the text
    assert _chosen(w) == first
    assert w.view.flashing and w.view.is_offset_visible(starts[0])
    assert messages[-1] == ("status", "Highlight 1 of 3.")
    _press(qtbot, w.view, Qt.Key.Key_Down)
    assert _chosen(w) == second and w.view.is_offset_visible(starts[1])
    _press(qtbot, w.view, Qt.Key.Key_Down)
    assert _chosen(w) == third and w.view.is_offset_visible(starts[2])
    assert messages[-1] == ("status", "Highlight 3 of 3.")
    _press(qtbot, w.view, Qt.Key.Key_Down)  # past the last: stays, and says so
    assert _chosen(w) == third
    assert messages[-1] == ("status", "No highlight after this one (3 in all); Alt+Up goes back.")
    _press(qtbot, w.view, Qt.Key.Key_Up)
    assert _chosen(w) == second and w.view.is_offset_visible(starts[1])
    assert QApplication.focusWidget() is w.view  # the keyboard stays in the text

    # scrolled away from the chosen one: from what is on screen, not from the chosen highlight
    w.view.verticalScrollBar().setValue(w.view.verticalScrollBar().maximum())
    assert not w.view.is_offset_visible(starts[1])
    _press(qtbot, w.view, Qt.Key.Key_Up)
    assert _chosen(w) == (third if starts[2] < w.view.top_offset() else second)
    w.view.scroll_to(0, top=True)
    _press(qtbot, w.view, Qt.Key.Key_Up)  # nothing above the top
    assert messages[-1] == ("status", "No highlight before this place (3 in all); Alt+Down goes on.")

    # from the annotations list too: an entry clicked, then the key
    qtbot.mouseClick(w.panel.list.viewport(), Qt.MouseButton.LeftButton, pos=w.panel.entry_rect(first).center())
    assert _chosen(w) == first
    _press(qtbot, w.panel.list, Qt.Key.Key_Down)
    assert _chosen(w) == second


def test_the_keys_are_in_the_view_menu_and_the_shortcuts_list_and_clash_with_nothing(qtbot, open_window):
    w = open_window()
    w.panels.build()
    rows = shortcut_rows(w)
    assert ("View", "Next Highlight", "Alt+Down") in rows and ("View", "Previous Highlight", "Alt+Up") in rows
    each = Counter(part.strip() for _m, _c, k in rows for part in k.split(","))
    assert [k for k, n in each.items() if n > 1] == []
    w.shortcuts_action.trigger()
    qtbot.waitUntil(lambda: getattr(w, "shortcuts_dialog", None) is not None and w.shortcuts_dialog.isVisible())
    tree = w.shortcuts_dialog.findChild(QTreeWidget, "shortcuts")
    shown = [(tree.topLevelItem(i).child(j).text(0), tree.topLevelItem(i).child(j).text(1))
             for i in range(tree.topLevelItemCount()) for j in range(tree.topLevelItem(i).childCount())]
    assert ("Next Highlight", "Alt+Down") in shown and ("Previous Highlight", "Alt+Up") in shown
    w.shortcuts_dialog.close()


def test_no_highlights_says_so(qtbot, open_window, messages):
    w = open_window()
    _press(qtbot, w.view, Qt.Key.Key_Down)
    assert messages[-1] == ("status", "This document has no highlights in its text.")


def test_the_keys_step_on_a_pdfs_pages(qtbot, open_window, specimen, messages):
    w = open_window(specimen("normal/tracemonkey.pdf"))
    qtbot.waitUntil(lambda: 0 in w.page_view.painted_pages, timeout=10000)
    text = w.doc.text
    words = ["trace trees", "Mozilla"]
    ids = []
    for p in words:
        start = text.index(p)
        h = w.controller.create_highlight(start, start + len(p), "yellow", "", [])
        assert h is not None
        ids.append((start, h.id))
    ids.sort()
    w.editor.load(None)
    w.page_view.scroll_to(0, top=True)
    _press(qtbot, w.page_view, Qt.Key.Key_Down)
    assert _chosen(w) == ids[0][1] and w.page_view.is_offset_visible(ids[0][0])
    _press(qtbot, w.page_view, Qt.Key.Key_Down)
    assert _chosen(w) == ids[1][1] and w.page_view.is_offset_visible(ids[1][0])
    assert messages[-1] == ("status", "Highlight 2 of 2.")
