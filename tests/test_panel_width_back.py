"""The side panel has its width back after the window is made small and large again (tryout 8:
"the side panel stays narrow after resizing to 800x600 and back"). Tried offscreen and under Xvfb
(xdotool windowsize, at once and in 50-pixel steps, with a text and a PDF, every tab): the panel
comes back to its width in each; this test keeps it so."""

from __future__ import annotations

from reader.ui import fit
from tests.test_comfort import window  # noqa: F401 (the fixture)


def test_the_panel_gets_its_width_back(qtbot, window):  # noqa: F811
    w = window()
    w.resize(1400, 900)
    qtbot.waitUntil(lambda: hasattr(w, "fitter") and w.splitter.sizes()[1] == fit.PANEL_WIDTH)
    for narrow in ((800, 600), (700, 600)):  # squeezed, then folded away for lack of room
        w.resize(*narrow)
        qtbot.waitUntil(lambda: w.splitter.sizes()[1] < fit.PANEL_WIDTH)
        w.resize(1400, 900)
        qtbot.waitUntil(lambda: w.tabs.isVisible() and w.splitter.sizes()[1] == fit.PANEL_WIDTH)
    # a width dragged to is the one it gets back
    w.splitter.moveSplitter(1400 - 500, 1)
    qtbot.waitUntil(lambda: w.splitter.sizes()[1] >= 480)
    dragged = w.splitter.sizes()[1]
    w.resize(800, 600)
    qtbot.waitUntil(lambda: w.splitter.sizes()[1] < dragged)
    w.resize(1400, 900)
    qtbot.waitUntil(lambda: abs(w.splitter.sizes()[1] - dragged) <= 1)
