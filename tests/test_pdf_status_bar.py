"""A PDF's status bar: the zoom shown beside its buttons, as Okular and Zotero show it, and a message that does not
fit beside the page controls cut with "…", the whole of it in the tooltip (tryout 13: "The PDF wa", no zoom)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.ui import messages


def test_the_zoom_is_shown_and_follows_the_keys(qtbot, window, specimen, tmp_path):
    w = window
    w.resize(1000, 700)
    w.open_path(specimen("normal/tracemonkey.pdf"))
    pv = w.page_view
    qtbot.waitUntil(lambda: 0 in pv.painted_pages, timeout=20000)
    label = w.pdf.zoom_label
    assert label.isVisible()
    pv.set_zoom(96 / 72)  # a PDF point as a point of this 96-dpi screen: the printed size
    assert pv.logicalDpiX() == 96 and label.text() == "100%"
    qtbot.keyClick(pv, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert label.text() == "120%"
    qtbot.keyClick(pv, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(pv, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert label.text() == "83%"
    w.menus.fit_width_action.trigger()
    assert label.text() == f"{round(pv.zoom * 72 / 96 * 100)}%" and label.text() != "83%"

    long = "The PDF was damaged; Reader repaired what it could, and some pages may show less than the file holds."
    messages.info(long)
    bar = w.statusBar()
    shown = bar.currentMessage()
    assert shown != long and shown.endswith("…") and long.startswith(shown[:-1]), shown
    assert bar.fontMetrics().horizontalAdvance(shown) <= w.pdf.controls.x()  # not under the page controls
    assert bar.toolTip() == long
    bar.showMessage("Text size 110%", 2000)  # another message, shown plainly: the old one's tooltip goes with it
    assert bar.toolTip() == ""
    w.grab().save(str(tmp_path / "pdf-status.png"))
