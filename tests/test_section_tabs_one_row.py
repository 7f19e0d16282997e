"""The Claims panel's sections (Quotes, Claims, Terms, Positions) stay in one row when their counts arrive.

Session 10's leftover: the labels grow from "Quotes" to "Quotes (4,487)" when the findings come in, and the
sections went into two rows, pushing the list down under the person's eyes (and two rows of tabs read as two
panels). Now the row keeps its height: the counts show when the row has room for them all, else the names
alone (each count in its tab's tooltip, and in the summary line above); every name stays whole, at the
panel's default width and dragged as narrow as it goes."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QPoint, Qt

from reader.ui.analysis_panel import CLAIMS, POSITIONS, QUOTES, TERMS
from reader.ui.app import make_app
from tests.test_comfort import window  # noqa: F401 (the fixture)
from tests.test_pages import drag
from tests.test_whole_labels import _narrow_panel


def _one_row(bar) -> int:
    """The bar's height, after checking its tabs lie in one row, inside it, side by side, each name whole."""
    row = max(bar.tabSizeHint(i).height() for i in range(bar.count()))
    assert bar.height() <= row + 2, [bar.tabText(i) for i in range(bar.count())]
    rects = [bar.tabRect(i) for i in range(bar.count())]
    assert len({r.top() for r in rects}) == 1  # one row
    for i, r in enumerate(rects):
        label = bar.tabText(i)
        assert bar.rect().contains(r), label
        # the whole label, not "Posi…": Qt cuts a tab's label only when it is given less than it asks for
        assert r.width() >= max(bar.tabSizeHint(i).width(), bar.fontMetrics().horizontalAdvance(label) + 6), label
        assert i == 0 or rects[i - 1].right() < r.left(), label
    return bar.height()


def _below(panel) -> int:
    """How far below the top of the sections' row the filter field starts (the summary above may take lines)."""
    return panel.filter_text.y() - panel.sections.y()


def _sections(panel) -> list[str]:
    return [panel.sections.tabText(i) for i in range(panel.sections.count())]


def test_the_sections_keep_one_row_as_the_counts_arrive(qtbot, window):  # noqa: F811
    make_app()  # the app's own font (Inter 10 pt), wider than Qt's default: what a person sees
    w = window()
    w.resize(1320, 860)  # reader.ui.app's default: the side panel at its first width
    w.panels.build()
    panel = w.panels.analysis
    w.tabs.setCurrentWidget(panel)
    bar = panel.sections
    panel.clear()  # as when a document opens: the names, no counts yet
    qtbot.waitUntil(lambda: _sections(panel) == ["Quotes", "Claims", "Terms", "Positions"])
    height, list_top = _one_row(bar), _below(panel)  # the filter field (and the list) right under the row

    qtbot.waitUntil(lambda: w.controller.analysis is not None, timeout=60000)
    result = w.controller.analysis
    panel.set_analysis(result, panel.reviews, panel.highlighted)
    qtbot.waitUntil(lambda: _sections(panel)[QUOTES].startswith("Quotes ("))
    assert _one_row(bar) == height and _below(panel) == list_top
    assert _sections(panel)[TERMS] == f"Terms ({len(result.terms)})"

    # a long article's counts (four figures): still one row, the list where it was, every count shown
    # while the row has room for them
    big = dataclasses.replace(result, quotes=result.quotes * 300, claims=result.claims * 200)
    positions = sum(1 for q in big.quotes if q.kind == "position")
    panel.set_analysis(big, panel.reviews, panel.highlighted)
    qtbot.waitUntil(lambda: "," in _sections(panel)[QUOTES])
    assert _one_row(bar) == height and _below(panel) == list_top
    assert _sections(panel)[CLAIMS] == f"Claims ({len(big.claims):,})"

    # the panel dragged as narrow as it goes: the names alone, each count in its tooltip
    _narrow_panel(qtbot, w)
    qtbot.waitUntil(lambda: _sections(panel) == ["Quotes", "Claims", "Terms", "Positions"])
    assert _one_row(bar) == height
    assert bar.tabToolTip(QUOTES) == f"Quotes ({len(big.quotes) - positions:,})"
    assert bar.tabToolTip(POSITIONS) == f"Positions ({positions:,})"
    for i in reversed(range(bar.count())):  # each section, where it is drawn, opens on a click
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(i).center())
        assert bar.currentIndex() == i, bar.tabText(i)

    handle = w.splitter.handle(1)  # the panel dragged wide again: the counts again
    mid = QPoint(handle.width() // 2, handle.height() // 2)
    drag(qtbot, handle, mid, mid - QPoint(300, 0))
    qtbot.waitUntil(lambda: w.tabs.width() > 480)
    qtbot.waitUntil(lambda: _sections(panel)[QUOTES] == f"Quotes ({len(big.quotes) - positions:,})")
    assert _one_row(bar) == height and bar.tabToolTip(QUOTES) == ""
