"""A PDF page's note signs from the keyboard (review s14: only a mouse could reach them): Tab and Shift+Tab in the
page view go from sign to sign, the focused one drawn with a focus ring; Enter opens its note as a click does; past
the last sign Tab leaves the page view, as it did before (the keyboard is never trapped)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QToolTip

from reader.ui import style
from tests.test_pages import open_pdf
from tests.test_pdf_note_signs import highlight, pdf, write_note  # noqa: F401  (pdf: the fixture)


def ring_drawn(w, rect: QRectF) -> bool:
    """Whether the accent-coloured ring shows around ``rect`` (a sign) on screen: its pixels just outside the sign."""
    img = w.page_view.viewport().grab().toImage()
    accent = QColor(style.ACCENT)
    pad = max(2.0, rect.width() * 0.2)
    ring = rect.adjusted(-pad, -pad, pad, pad)
    points = [(int(ring.left()), int(ring.center().y())), (int(ring.right()), int(ring.center().y())),
              (int(ring.center().x()), int(ring.top())), (int(ring.center().x()), int(ring.bottom()))]

    def near(x: int, y: int) -> bool:
        return any(abs(c.red() - accent.red()) + abs(c.green() - accent.green()) + abs(c.blue() - accent.blue()) < 90
                   for dx in (-1, 0, 1) for dy in (-1, 0, 1) if (c := img.pixelColor(x + dx, y + dy)).isValid())

    return all(near(x, y) for x, y in points)


@pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise")  # a tooltip, offscreen
def test_tab_goes_from_note_sign_to_note_sign_and_enter_opens_its_note(qtbot, window, pdf, tmp_path):  # noqa: F811
    w = window
    open_pdf(qtbot, w, pdf)
    pv = w.page_view
    notes = {}
    for words, note in (("weather at sea", "Storms in March."), ("Harbours were full", "Ships from Riga."),
                        ("last line", "Why not?")):
        h = highlight(qtbot, w, words)
        w.select_highlight(h.id)
        write_note(qtbot, w, note)
        notes[note] = h.id
    qtbot.waitUntil(lambda: len(pv.note_signs(0, pv.page_rect(0))) == 3)
    order = [notes["Ships from Riga."], notes["Storms in March."], notes["Why not?"]]  # down the page

    def rect_of(hid: int) -> QRectF:
        return next(r for r, h in pv.note_signs(0, pv.page_rect(0)) if h.id == hid)

    pv.setFocus()
    qtbot.waitUntil(lambda: w.focusWidget() is pv)
    assert not any(ring_drawn(w, rect_of(hid)) for hid in order)  # no sign focused yet: no ring
    qtbot.keyClick(pv, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: ring_drawn(w, rect_of(order[0])))  # the first sign down the page
    assert w.focusWidget() is pv and not ring_drawn(w, rect_of(order[1]))
    qtbot.waitUntil(lambda: QToolTip.isVisible() and QToolTip.text() == "Ships from Riga.")
    qtbot.keyClick(pv, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: ring_drawn(w, rect_of(order[1])) and not ring_drawn(w, rect_of(order[0])))
    pv.grab().save(str(tmp_path / "sign_focused.png"))
    qtbot.keyClick(pv, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # Shift+Tab: back to the first
    qtbot.waitUntil(lambda: ring_drawn(w, rect_of(order[0])) and not ring_drawn(w, rect_of(order[1])))
    qtbot.keyClick(pv, Qt.Key.Key_Tab)

    # Enter: that sign's note open in the note box, taking the typing (another highlight was chosen)
    w.select_highlight(notes["Why not?"])
    pv.setFocus()
    qtbot.waitUntil(lambda: w.focusWidget() is pv and ring_drawn(w, rect_of(order[1])))
    qtbot.keyClick(pv, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.editor.highlight_id == order[1] and w.editor.note.toPlainText() == "Storms in March.")
    qtbot.waitUntil(lambda: w.editor.note.isVisible() and w.focusWidget() is w.editor.note)
    assert not ring_drawn(w, rect_of(order[1]))  # the page view let go of the keyboard: no ring

    # back in the page view, Tab goes on from there; past the last sign it leaves the page view
    pv.setFocus()
    qtbot.waitUntil(lambda: w.focusWidget() is pv)
    qtbot.keyClick(pv, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: ring_drawn(w, rect_of(order[2])))
    qtbot.keyClick(pv, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: w.focusWidget() is not pv)
    assert not any(ring_drawn(w, rect_of(hid)) for hid in order)

    # come back by Tab (Shift+Tab) after leaving from the middle sign: the first (last) sign, whichever had it last
    pv.setFocus()
    qtbot.waitUntil(lambda: w.focusWidget() is pv)
    qtbot.keyClick(pv, Qt.Key.Key_Tab)
    qtbot.keyClick(pv, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: ring_drawn(w, rect_of(order[1])))
    w.editor.note.setFocus()
    qtbot.waitUntil(lambda: w.focusWidget() is not pv)
    pv.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: ring_drawn(w, rect_of(order[0])) and not ring_drawn(w, rect_of(order[1])))
    w.editor.note.setFocus()
    qtbot.waitUntil(lambda: w.focusWidget() is not pv)
    pv.setFocus(Qt.FocusReason.BacktabFocusReason)
    qtbot.waitUntil(lambda: ring_drawn(w, rect_of(order[2])) and not ring_drawn(w, rect_of(order[1])))


def test_without_note_signs_tab_leaves_the_page_view_as_before(qtbot, window, pdf):  # noqa: F811
    w = window
    open_pdf(qtbot, w, pdf)
    pv = w.page_view
    highlight(qtbot, w, "weather at sea")  # a highlight without a note: no sign
    pv.setFocus()
    qtbot.waitUntil(lambda: w.focusWidget() is pv)
    qtbot.keyClick(pv, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: w.focusWidget() is not pv)
