"""At the app's default size every side-panel tab shows its whole label: none cut off, no scroll arrows."""

from __future__ import annotations

from PySide6.QtWidgets import QToolButton

from tests.test_pages import open_pdf, window  # noqa: F401 (the fixture)


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
