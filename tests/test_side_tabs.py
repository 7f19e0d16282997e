"""At the app's default size every side-panel tab shows its whole label: none cut off, no scroll arrows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
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
def test_every_side_tab_reads_whole_and_clicks_in_a_small_window(qtbot, window, specimen, size):  # noqa: F811
    """At 800x600 the tabs were cut to "N… C… Cl…": now they go into rows, each label whole and each clickable."""
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
    page_top = w.tabs.currentWidget().mapTo(w.tabs, QPoint(0, 0)).y()
    seen: list[QRect] = []
    for i in range(bar.count()):
        label = bar.tabText(i)
        r = bar.shown_rect(i)
        assert bar.rect().contains(r), label  # inside the bar: nothing cut at its edge
        assert r.width() >= bar.fontMetrics().horizontalAdvance(label) + 12, label  # the whole word, no "…"
        assert bar.mapTo(w.tabs, r.bottomLeft()).y() < page_top, label  # above the page, not under it
        assert not any(r.intersects(o) for o in seen), label
        seen.append(r)
    assert not any(b.isVisible() for b in bar.findChildren(QToolButton) if b.objectName() != "sideTab")  # no arrows
    for i in reversed(range(bar.count())):  # each tab, where it is drawn, opens its page
        centre = bar.shown_rect(i).center()
        target = bar.childAt(centre) or bar
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(bar, centre))
        assert w.tabs.currentIndex() == i and w.tabs.currentWidget().isVisible(), bar.tabText(i)
    wrapped = size[0] == 800
    assert bar.wrapped() is wrapped and any(b.isVisible() for b in bar.buttons()) is wrapped
