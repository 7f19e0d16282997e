"""The Speakers window shows a long quote whole: wrapped to the width of the list, its row as tall as its lines
(tryout 12: "a long quote is one line cut off with '…'; I cannot read what they said")."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics

from reader.ui.speakers import ROLE
from tests.gui_helpers import speakers_window

LONG = ("The budget is balanced this year and it will stay balanced next year, because we have cut what the "
        "ministries spend on themselves, raised what the largest companies pay, and put every saving into "
        "schools, hospitals and the roads that the provinces have waited for since the last election")
TEXT = (f"Ministers met on Monday. “{LONG},” said Natásha Rostóva, the finance minister. "
        "“We will cut taxes,” said Pierre Bezúkhov, the prime minister. Nobody else spoke.\n")


def _quote_rows(win):
    m = win.quote_model
    return [m.index(r, 0, m.index(t, 0)) for t in range(m.rowCount()) for r in range(m.rowCount(m.index(t, 0)))]


def test_a_long_quote_is_wrapped_whole_and_follows_the_width(qtbot, open_window, tmp_path):
    _w, win = speakers_window(qtbot, open_window, tmp_path, TEXT)
    names = win.people.model()
    qtbot.waitUntil(lambda: any(names.index(r, 0).data(ROLE) == "Natásha Rostóva" for r in range(names.rowCount())),
                    timeout=20000)
    row = next(names.index(r, 0) for r in range(names.rowCount()) if names.index(r, 0).data(ROLE) == "Natásha Rostóva")
    qtbot.mouseClick(win.people.viewport(), Qt.MouseButton.LeftButton, pos=win.people.visualRect(row).center())
    qtbot.waitUntil(lambda: win.summary.text().startswith("Natásha Rostóva: 1 quote"), timeout=10000)
    view = win.quote_view
    fm = QFontMetrics(view.font())
    one_line = fm.height()

    def need(quote) -> int:  # the height the quote's lines take at the row's width now
        r = view.visualRect(quote)
        return fm.boundingRect(QRect(0, 0, r.width() - 8, 10000), Qt.TextFlag.TextWordWrap, quote.data()).height()

    assert win.width() != 900  # each resize below changes the width
    for width in (900, 640):  # the window made narrower: more lines, still whole
        before = view.viewport().width()
        win.resize(width, 560)
        qtbot.waitUntil(lambda before=before: view.viewport().width() != before)
        (quote,) = _quote_rows(win)
        assert LONG[:40] in quote.data()
        # the delegate lays the rows out again once the width is known: every line shown, not one with an ellipsis
        qtbot.waitUntil(lambda quote=quote: view.visualRect(quote).height() >= need(quote))
        r = view.visualRect(quote)
        assert r.right() <= view.viewport().width()  # nothing runs off to the right (no sideways scrolling)
        assert need(quote) > 2 * one_line  # a long quote: several lines at this width
    img = view.viewport().grab().toImage()  # and the last line is painted: ink in the row's lower part
    r = view.visualRect(quote)
    ink = sum(1 for x in range(r.left(), r.right(), 2) for y in range(r.bottom() - one_line - 4, r.bottom() - 2)
              if img.pixelColor(x, y).lightness() < 120)
    assert ink > 20
