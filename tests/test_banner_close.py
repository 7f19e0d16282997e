"""The message banner has a close button (tryout 11, section 2: the damaged-PDF banner had none; a click on the
banner closed it, but nothing said so)."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_the_banner_has_a_close_button_that_closes_it(qtbot, open_window, specimen, tmp_path):
    w = open_window()
    w.open_path(specimen("nasty/corrupt_bad1.pdf"))
    banner = w.banner
    qtbot.waitUntil(lambda: banner.isVisible() and "damaged" in banner.text())
    close = banner.close_button
    qtbot.waitUntil(close.isVisible)
    assert close.toolTip() == "Close this message"
    assert banner.rect().contains(close.geometry())  # inside the banner, at its right end
    assert close.geometry().right() > banner.width() - 20
    assert banner.contentsRect().right() < close.geometry().left()  # the message's words stop before it
    w.grab().save(str(tmp_path / "banner.png"))
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not banner.isVisible())
    assert w.doc is not None and w.session is not None  # the document on screen stays
