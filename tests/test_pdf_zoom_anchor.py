"""Zooming a PDF keeps the place a person looks at: Ctrl+plus/minus around the middle of the view, Ctrl+wheel around
the pointer (tryout s12: Ctrl++ zoomed around the left edge, so the right half of the page ran off the screen;
Okular and Zotero keep the centre or the pointer in place)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication


def _page_point(pv, at: QPointF) -> tuple[int, float, float]:
    """The page under a point of the viewport, and the point in the page's own units."""
    for i in pv.visible_pages():
        r = pv.page_rect(i)
        if r.top() <= at.y() <= r.bottom():
            return i, (at.x() - r.x()) / pv.zoom, (at.y() - r.y()) / pv.zoom
    raise AssertionError("no page there")


def test_zoom_keys_keep_the_middle_and_the_wheel_keeps_the_pointer(qtbot, window, specimen, tmp_path):
    w = window
    w.resize(1000, 700)
    w.open_path(specimen("normal/tracemonkey.pdf"))
    pv = w.page_view
    qtbot.waitUntil(lambda: 0 in pv.painted_pages, timeout=20000)
    pv.set_zoom(1, "width")
    pv.go_to_page(1)
    centre = QPointF(pv.viewport().rect().center())
    page, x, y = _page_point(pv, centre)
    for _ in range(3):
        qtbot.keyClick(pv, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert pv.horizontalScrollBar().maximum() > 0  # wider than the view now
    assert pv.horizontalScrollBar().value() > 0  # and not shown from its left edge
    page2, x2, y2 = _page_point(pv, centre)
    assert page2 == page and abs(x2 - x) < 2 and abs(y2 - y) < 2  # the same point in the middle (page units)

    pointer = QPointF(pv.viewport().width() - 60, 80)  # near the top right
    page, x, y = _page_point(pv, pointer)
    wheel = QWheelEvent(pointer, pv.viewport().mapToGlobal(pointer.toPoint()).toPointF(), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    zoom = pv.zoom
    QApplication.sendEvent(pv.viewport(), wheel)
    assert pv.zoom > zoom
    page2, x2, y2 = _page_point(pv, pointer)
    assert page2 == page and abs(x2 - x) < 2 and abs(y2 - y) < 2  # the point under the pointer stays under it
    # (the pages drawn again at the new zoom, for a look at it)
    qtbot.waitUntil(lambda: all(abs(pv._cache.get(i, (0.0,))[0] - pv.zoom) < 1e-6 for i in pv.visible_pages()),
                    timeout=20000)
    w.grab().save(str(tmp_path / "zoomed.png"))
