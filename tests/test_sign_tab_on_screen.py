"""Tab in the page view goes to the note signs actually on screen (tryout s15: the first Tab focused a sign scrolled
out of view above, the status said "Note 1 of 5 on screen" and the tooltip showed over the toolbar). A sign whose
page is on screen but which is scrolled away is skipped; the tooltip sits beside the focused sign."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtWidgets import QApplication, QToolTip

from tests.test_pages import open_pdf
from tests.test_pdf_note_sign_keys import ring_drawn
from tests.test_pdf_note_signs import highlight, pdf, write_note  # noqa: F401  (pdf: the fixture)


@pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise")  # a tooltip, offscreen
def test_the_first_tab_goes_to_a_sign_in_view_not_one_scrolled_away(qtbot, window, pdf, tmp_path):  # noqa: F811
    w = window
    open_pdf(qtbot, w, pdf)
    pv = w.page_view
    ids = {}
    for words, note in (("Harbours were full", "Ships from Riga."), ("last line", "Why not?")):
        h = highlight(qtbot, w, words)
        w.select_highlight(h.id)
        write_note(qtbot, w, note)
        ids[note] = h.id
    qtbot.waitUntil(lambda: len(pv.note_signs(0, pv.page_rect(0))) == 2)

    def rect_of(hid: int) -> QRectF:
        return next(r for r, h in pv.note_signs(0, pv.page_rect(0)) if h.id == hid)

    # scroll the first sign out above the view; the page (and the second sign) stays on screen
    w.resize(w.width(), 420)
    bar = pv.verticalScrollBar()
    target = bar.value() + int((rect_of(ids["Ships from Riga."]).bottom() + rect_of(ids["Why not?"]).top()) / 2)
    qtbot.waitUntil(lambda: bar.maximum() >= target)
    bar.setValue(target)
    first, second = rect_of(ids["Ships from Riga."]), rect_of(ids["Why not?"])
    seen = QRectF(pv.viewport().rect())
    assert not seen.contains(first.center()) and seen.contains(second.center())
    assert 0 in pv.visible_pages()

    pv.setFocus()
    qtbot.waitUntil(lambda: w.focusWidget() is pv)
    qtbot.keyClick(pv, Qt.Key.Key_Tab)
    assert w.statusBar().currentMessage().startswith("Note 1 of 1 on screen")  # (said as the key is handled)
    qtbot.waitUntil(lambda: ring_drawn(w, rect_of(ids["Why not?"])))  # the sign in view, not the one above
    qtbot.waitUntil(lambda: QToolTip.isVisible() and QToolTip.text() == "Why not?")
    tip = next(t for t in QApplication.topLevelWidgets() if t.inherits("QTipLabel") and t.isVisible())
    sign = QRect(pv.viewport().mapToGlobal(second.topLeft().toPoint()), second.size().toSize())
    # beside the sign (a little right and below, as a pointer's tooltip), not over the toolbar
    assert sign.right() < tip.x() <= sign.right() + 40 and sign.top() <= tip.y() <= sign.bottom() + 30, (tip, sign)
    import os

    if os.environ.get("READER_SHOTS"):
        w.grab().save(os.path.join(os.environ["READER_SHOTS"], "sign_in_view.png"))
