"""Labels a person reads whole at 800x600, 1280x800 and 1400x900 (found by the last session's tryout): the
status bar's PDF buttons were cut to "Pa…ew", "Fi…th" at 800 px; the Claims panel's sections ("Quotes (8)",
…, "Positions (0)") scrolled behind arrows in a 240 px side panel (now one row of whole names there, each
count in its tooltip: tests/test_section_tabs_one_row.py), "Positions (N)" cut at 1400x900; the
search order reads "Most relevant", never "Most relevan". What gives way now is the document line, elided
with the whole line in its tooltip."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QStyle, QStyleOptionComboBox, QToolButton

from reader.ui import fit
from tests.conftest import SHARED
from tests.test_pages import drag, open_pdf, window  # noqa: F401 (the fixture)

SIZES = [(800, 600), (1280, 800), (1400, 900)]
ARTICLE = SHARED / "data" / "attribution" / "dev" / "breitbart_2016-09-12_stealth-over-health-hillary-clin.txt"


def _narrow_panel(qtbot, w) -> None:
    """The person brings the side panel back if the small window folded it, and drags it as narrow as it goes."""
    if not w.tabs.isVisible():
        qtbot.keyClick(w, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    handle = w.splitter.handle(1)
    qtbot.waitUntil(lambda: w.tabs.isVisible() and handle.isVisible())
    mid = QPoint(handle.width() // 2, handle.height() // 2)
    drag(qtbot, handle, mid, mid + QPoint(1000, 0))
    qtbot.waitUntil(lambda: w.tabs.width() <= fit.PANEL_MIN + 10)


@pytest.mark.parametrize("size", SIZES)
def test_pdf_status_bar_buttons_read_whole(qtbot, window, specimen, size):  # noqa: F811
    w = window()
    w.resize(*size)
    open_pdf(qtbot, w, specimen("normal/tracemonkey.pdf"))
    qtbot.waitUntil(lambda: "characters" in w.doc_info.text(), timeout=20000)
    buttons = [b for b in w.pdf.controls.findChildren(QToolButton) if b.isVisible()]
    assert [b.text() for b in buttons] == ["Pages", "−", "+", "Width", "Page"]
    for b in buttons:
        assert b.width() >= b.sizeHint().width(), b.text()  # the whole label, no "…"
        assert b.geometry().right() < w.pdf.controls.width(), b.text()
    assert w.menus.page_action.text().replace("&", "") == "Page View"  # the menu keeps its full name
    info = w.doc_info
    assert info.toolTip() == info.text() and info.text().startswith("PDF · 14 pages · ")
    bar = w.statusBar()
    assert info.mapTo(bar, QPoint(info.width(), 0)).x() <= bar.width()  # the line gives way inside the bar
    # it may be cut short (how short depends on what else the status bar says), never anything else
    assert info.shown_text() == info.text() or info.shown_text().endswith("…")
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)  # "Pages" still switches to the text and back
    qtbot.waitUntil(lambda: not w.pdf.page_mode)
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.pdf.page_mode)


@pytest.mark.parametrize("size", SIZES)
def test_claims_sections_and_search_order_read_whole_in_a_narrow_panel(qtbot, window, tmp_path, size):  # noqa: F811
    if not ARTICLE.exists():
        pytest.skip("the attribution dev set is not beside the project")
    doc = tmp_path / ARTICLE.name
    shutil.copyfile(ARTICLE, doc)
    w = window()
    w.resize(*size)
    w.open_path(doc)
    qtbot.waitUntil(lambda: w.session is not None and w.session.doc is w.doc, timeout=20000)
    qtbot.waitUntil(lambda: w.controller.analysis is not None, timeout=60000)
    w.panels.build()
    panel = w.panels.analysis
    w.tabs.setCurrentWidget(panel)
    _narrow_panel(qtbot, w)
    bar = panel.sections
    qtbot.waitUntil(lambda: (bar.tabText(3) if bar.tabText(3) != "Positions" else bar.tabToolTip(3)).startswith("Positions ("))
    # the sections in one row, all inside the bar, and the bar above the filter field
    qtbot.waitUntil(lambda: all(bar.rect().contains(bar.tabRect(i)) for i in range(bar.count()))
                    and bar.geometry().bottom() < panel.filter_text.geometry().top())
    seen = []
    for i in range(bar.count()):
        label = bar.tabText(i)  # "Positions (3)", or "Positions" (the count in its tooltip) in a narrow panel
        r = bar.tabRect(i)
        assert bar.rect().contains(r), label
        # the whole label, not "Posi…": Qt cuts a tab's label only when it is given less than it asks for
        assert r.width() >= max(bar.tabSizeHint(i).width(), bar.fontMetrics().horizontalAdvance(label) + 6), label
        assert not any(r.intersects(o) for o in seen), label
        seen.append(r)
    assert not any(b.isVisible() for b in bar.findChildren(QToolButton))  # no arrows
    for i in reversed(range(bar.count())):  # each section, where it is drawn, opens
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(i).center())
        assert bar.currentIndex() == i, bar.tabText(i)

    w.tabs.setCurrentWidget(w.panels.search)
    order = w.panels.search.order
    qtbot.waitUntil(order.isVisible)
    opt = QStyleOptionComboBox()
    order.initStyleOption(opt)
    field = order.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt, QStyle.SubControl.SC_ComboBoxEditField,
                                         order)
    for k in range(order.count()):
        assert field.width() >= order.fontMetrics().horizontalAdvance(order.itemText(k)), order.itemText(k)
    assert order.geometry().right() <= w.panels.search.width()
