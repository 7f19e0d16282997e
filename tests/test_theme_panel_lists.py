"""A theme chosen while the window is open reaches the Claims list (tryout 9, item 4): its
entries kept the old theme's ink and review tints, dark brown on near-black after Dark, pale
grey on cream after Dark then Sepia, until Reader was started again."""

from __future__ import annotations

from PySide6.QtGui import QColor

from reader.ui import style, themes
from reader.ui.analysis_panel import CLAIMS
from tests.test_comfort import menu_action, window  # noqa: F401 (the fixture)


def claims_list(qtbot, w):
    """The window's Claims list in sight once the sample's analysis is in (a few claims listed)."""
    qtbot.waitUntil(lambda: w.controller.analysis is not None, timeout=60000)
    w.panels.build()
    panel = w.panels.analysis
    w.tabs.setCurrentWidget(panel)
    panel.sections.setCurrentIndex(CLAIMS)
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() > 3)
    return panel


def _claim_colours(panel):
    items = [panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())]
    return [(it.foreground(0).color().name(), it.background(0).color()) for it in items]


def test_the_claims_list_takes_a_new_theme_at_once(qtbot, window):  # noqa: F811
    w = window()
    panel = claims_list(qtbot, w)
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))  # a claim reviewed: its row is tinted
    panel.review_status.setCurrentIndex(panel.review_status.findData("disputed"))
    panel.save_button.click()
    qtbot.waitUntil(lambda: panel.tree.topLevelItem(0).background(0).color().alpha() > 0)
    light_ink = style.INK
    assert {ink for ink, _bg in _claim_colours(panel)} == {QColor(light_ink).name()}
    light_tint = panel.tree.topLevelItem(0).background(0).color()

    w.tabs.setCurrentIndex(0)  # on the Notes tab, View > Reading > Theme > Dark
    menu_action(w.theme_group, "dark").trigger()
    w.tabs.setCurrentWidget(panel)
    dark_ink = QColor(style.INK)
    assert dark_ink.lightness() > 150  # the dark theme's ink is light
    colours = _claim_colours(panel)
    assert {ink for ink, _bg in colours} == {dark_ink.name()}, colours
    tint = panel.tree.topLevelItem(0).background(0).color()
    assert tint.lightness() < 80 and tint != light_tint  # the review's tint is the dark theme's
    assert themes.contrast(dark_ink, tint) >= 4.5

    menu_action(w.theme_group, "sepia").trigger()  # and back to a light one
    sepia_ink = QColor(style.INK)
    assert {ink for ink, _bg in _claim_colours(panel)} == {sepia_ink.name()}
    assert panel.tree.topLevelItem(0).background(0).color().lightness() > 150
