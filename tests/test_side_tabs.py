"""At the app's default size every side-panel tab shows its whole label: none cut off, no scroll arrows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QToolButton

from reader.ui import fit
from tests.test_pages import drag, open_pdf, window  # noqa: F401 (the fixture)


def test_all_side_tabs_fit_at_the_default_window_size(qtbot, window, specimen):  # noqa: F811
    w = window()
    w.resize(1320, 860)  # reader.ui.app's default
    open_pdf(qtbot, w, specimen("normal/pdflatex-outline.pdf"))  # an outline: the Contents tab too
    w.panels.build()
    bar = w.tabs.tabBar()
    labels = [bar.tabText(i) for i in range(bar.count())]
    assert {"Notes", "Contents", "Search", "Group"} <= set(labels) and len(labels) == 6
    qtbot.waitUntil(lambda: bar.tabRect(bar.count() - 1).right() <= bar.width())
    for i in range(bar.count()):
        r = bar.tabRect(i)
        assert r.left() >= 0 and r.right() <= bar.width(), labels[i]
        assert r.width() >= bar.fontMetrics().horizontalAdvance(labels[i].replace("&&", "&")), labels[i]
    assert not any(b.isVisible() for b in bar.findChildren(QToolButton))  # no scroll arrows needed


@pytest.mark.parametrize("size", [(800, 600), (1280, 800)])
def test_every_side_tab_reads_whole_in_one_row_and_clicks_in_a_small_window(qtbot, window, specimen, size):  # noqa: F811
    """At 800x600 the tabs were cut to "N… C… Cl…", then went into two rows (read as two panels): now they
    stay in one row, each label whole, and Qt's arrows scroll the row when the panel is too narrow."""
    w = window()
    w.resize(*size)
    open_pdf(qtbot, w, specimen("normal/pdflatex-outline.pdf"))
    w.panels.build()
    if size[0] < 1000:  # the person drags the panel as narrow as it goes
        handle = w.splitter.handle(1)
        qtbot.waitUntil(lambda: w.tabs.isVisible() and handle.isVisible())
        mid = QPoint(handle.width() // 2, handle.height() // 2)
        drag(qtbot, handle, mid, mid + QPoint(600, 0))
        qtbot.waitUntil(lambda: w.tabs.width() <= fit.PANEL_MIN + 10)
    bar = w.tabs.tabBar()
    row = max(bar.tabSizeHint(i).height() for i in range(bar.count()))
    assert bar.height() <= row + 2  # one row
    arrows = [b for b in bar.findChildren(QToolButton) if b.isVisible()]
    assert bool(arrows) is (size[0] < 1000)  # arrows only when the row has no room
    page_top = w.tabs.currentWidget().mapTo(w.tabs, QPoint(0, 0)).y()
    for i in reversed(range(bar.count())):  # each tab, brought into view, reads whole; a tab in view opens on a click
        bar.setCurrentIndex(i)
        label = bar.tabText(i)
        qtbot.waitUntil(lambda: bar.rect().contains(bar.tabRect(bar.currentIndex())))
        r = bar.tabRect(i)
        assert r.width() >= bar.fontMetrics().horizontalAdvance(label) + 12, label  # the whole word, no "…"
        assert bar.mapTo(w.tabs, r.bottomLeft()).y() < page_top + 2, label  # above the page, not under it
        other = next(j for j in range(bar.count()) if j != i and bar.rect().contains(bar.tabRect(j)))
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(other).center())
        assert w.tabs.currentIndex() == other and w.tabs.currentWidget().isVisible(), bar.tabText(other)
