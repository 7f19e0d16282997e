"""Reading comfort: size, font, width, spacing and theme a person picks and keeps;
progress in the status bar; the Help menu."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QTextCharFormat, QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication

from reader.ui import style, themes
from reader.ui.main_window import MainWindow
from tests.conftest import SAMPLE
from tests.gui_helpers import select_text


@pytest.fixture
def window(qtbot, db_path):
    def make(path=SAMPLE) -> MainWindow:
        w = MainWindow(db_path)
        qtbot.addWidget(w)
        w.resize(1200, 800)
        w.show()
        qtbot.waitExposed(w)
        w.open_path(path)
        qtbot.waitUntil(lambda: w.session is not None and w.session.doc is w.doc, timeout=20000)
        return w

    yield make
    themes.apply(None, "light")  # module-level colours back for the next test


def body_point_size(w: MainWindow) -> float:
    at = w.doc.text.index("The world today")
    c = QTextCursor(w.view.document())
    c.setPosition(at + 3)
    return c.charFormat().font().pointSizeF()


def menu_action(group, key: str):
    return next(a for a in group.actions() if a.data() == key)


def test_zoom_keys_in_the_text_view_are_kept(qtbot, window):
    w = window()
    assert w.menus.zoom_in_action.isEnabled()  # not only for PDFs any more
    before = body_point_size(w)
    qtbot.keyClick(w.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert body_point_size(w) == pytest.approx(before + 2)
    qtbot.keyClick(w.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert body_point_size(w) == pytest.approx(before + 1)
    # a new window (the next time Reader starts) keeps the size
    w2 = window()
    assert body_point_size(w2) == pytest.approx(before + 1)
    qtbot.keyClick(w2.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert body_point_size(w2) == pytest.approx(before)


def test_font_width_and_spacing_from_the_reading_menu(qtbot, window):
    w = window()
    at = w.doc.text.index("The world today")
    menu_action(w.family_group, "sans").trigger()
    c = QTextCursor(w.view.document())
    c.setPosition(at + 3)
    assert c.charFormat().font().families()[0] == style.SANS[0]
    line = c.blockFormat().lineHeight()
    menu_action(w.spacing_group, "relaxed").trigger()
    c = QTextCursor(w.view.document())
    c.setPosition(at + 3)
    assert c.blockFormat().lineHeight() > line
    margin = w.view.document().rootFrame().frameFormat().leftMargin()
    menu_action(w.width_group, "narrow").trigger()
    assert w.view.document().rootFrame().frameFormat().leftMargin() > margin  # a narrower column
    w2 = window()
    assert w2.comfort.family == "sans" and w2.comfort.spacing == "relaxed" and w2.comfort.width == "narrow"
    assert menu_action(w2.family_group, "sans").isChecked()


def paper_pixel(w: MainWindow) -> QColor:
    img = w.view.viewport().grab().toImage()
    return QColor(img.pixel(QPoint(8, img.height() // 2)))  # the margin beside the column


@pytest.mark.parametrize("theme", ["light", "sepia", "dark"])
def test_every_theme_keeps_text_highlights_and_find_hits_readable(theme):
    themes.apply(None, theme)
    try:
        ink, paper = QColor(style.INK), QColor(style.PAPER)
        assert themes.contrast(ink, paper) >= 7
        assert themes.contrast(QColor(style.MUTED), paper) >= 3.5
        assert themes.contrast(QColor(style.QUOTE_INK), paper) >= 4.5
        for name in style.HIGHLIGHT_COLORS:
            assert themes.contrast(ink, style.highlight_fill(name)) >= 4.5, name
        for mark in (style.FIND, style.FIND_CURRENT, style.FLASH):
            assert themes.contrast(QColor(style.MARK_INK), QColor(mark)) >= 4.5
        # find hits, the flash and the highlight colours are told apart
        marks = {style.FIND, style.FIND_CURRENT, style.FLASH}
        assert len(marks) == 3 and not marks & set(style.HIGHLIGHT_COLORS.values())
    finally:
        themes.apply(None, "light")


def test_dark_theme_from_the_menu_with_highlights_and_panels(qtbot, window):
    w = window()
    assert paper_pixel(w).lightness() > 200
    menu_action(w.theme_group, "dark").trigger()
    assert w.theme == "dark" and paper_pixel(w).lightness() < 60
    passage = "The world today is undergoing major changes"
    s = w.doc.text.index(passage)
    select_text(qtbot, w.view, s, s + len(passage))
    qtbot.keyClick(w.view, Qt.Key.Key_1)
    sel = next(x for x in w.view.extraSelections() if x.cursor.selectionStart() == s)
    text = QColor(w.view.document().findBlock(s).charFormat().foreground().color())
    assert themes.contrast(sel.format.background().color(), QColor(style.INK)) >= 4.5
    assert text.lightness() > 150  # light ink on the dark page
    panel_bg = w.panel.grab().toImage().pixel(QPoint(5, 5))
    assert QColor(panel_bg).lightness() < 80  # the side panel is dark too
    qtbot.wait(50)
    shot = w.panel.grab().toImage()
    bright = sum(1 for x in range(0, shot.width(), 4) for y in range(0, shot.height(), 4)
                 if QColor(shot.pixel(x, y)).lightness() > 225)
    assert bright / ((shot.width() // 4) * (shot.height() // 4)) < 0.03  # no white cards with light text
    w2 = window()
    assert w2.theme == "dark"  # kept
    menu_action(w2.theme_group, "light").trigger()
    assert paper_pixel(w2).lightness() > 200


def test_pdf_pages_are_recoloured_in_the_dark_theme(qtbot, window, specimen):
    w = window()
    menu_action(w.theme_group, "dark").trigger()
    w.open_path(specimen("normal/tracemonkey.pdf"))
    pv = w.page_view
    qtbot.waitUntil(lambda: 0 in pv.painted_pages, timeout=20000)
    img: QImage = pv.viewport().grab().toImage()
    r = pv.page_rect(0)
    margin = QColor(img.pixel(QPoint(int(r.x()) + 12, int(r.y()) + 12)))
    assert margin.lightness() < 60  # the page's white margin is dark
    before = pv.zoom
    qtbot.keyClick(pv, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert pv.zoom > before  # Ctrl+plus zooms the pages in the page view
    qtbot.waitUntil(lambda: w.doc.kind == "pdf", timeout=30000)


def test_screenshot_in_a_theme(tmp_path, db_path):
    out = tmp_path / "dark.png"
    r = subprocess.run([sys.executable, "-m", "reader", "--screenshot", str(out), "--theme", "dark", str(SAMPLE),
                        "--db", str(db_path)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    img = QImage(str(out))
    assert not img.isNull() and QColor(img.pixel(QPoint(40, img.height() // 2))).lightness() < 60


def test_progress_in_the_status_bar(qtbot, window, tmp_path):
    chapters = tmp_path / "docs" / "novel.txt"
    chapters.parent.mkdir(parents=True, exist_ok=True)
    para = ("The river ran high that spring and the town waited on the bank for the water to fall again, "
            "as it had every year since anyone could remember.\n\n")
    chapters.write_text("A Novel\n\n" + "".join(f"CHAPTER {n}\n\n" + para * 12 for n in ("I", "II", "III")))
    w = window(chapters)
    w.resize(900, 500)
    qtbot.waitUntil(lambda: w.progress_label.text().startswith("0%"))
    w.view.scroll_to(w.doc.text.index("CHAPTER II"), top=True)
    qtbot.waitUntil(lambda: "CHAPTER II" in w.progress_label.text(), timeout=3000)
    pct = int(w.progress_label.text().split("%")[0])
    assert 20 < pct < 70
    bar = w.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)

    def at_the_end() -> bool:  # the mouse wheel down to the end, as a person would (layout may still settle)
        if bar.value() < bar.maximum():
            vp = w.view.viewport()
            centre = QPointF(vp.width() / 2, vp.height() / 2)
            QApplication.sendEvent(vp, QWheelEvent(centre, QPointF(vp.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                                                   QPoint(0, -360), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                                                   Qt.ScrollPhase.NoScrollPhase, False))
        return w.progress_label.text().startswith("100%")

    qtbot.waitUntil(at_the_end, timeout=10000)


def test_help_menu(qtbot, window, tmp_path):
    other = tmp_path / "docs" / "other.txt"
    other.parent.mkdir(parents=True, exist_ok=True)
    other.write_text("Another document entirely, with a sentence or two in it for the test.\n")
    w = window(other)
    assert [a.text() for a in w.menuBar().actions()][-1] == "&Help"
    w.shortcuts_action.trigger()
    dlg = w.shortcuts_dialog
    qtbot.waitExposed(dlg)
    from PySide6.QtWidgets import QTreeWidget

    tree = dlg.findChild(QTreeWidget, "shortcuts")
    rows = {tree.topLevelItem(i).child(j).text(0): tree.topLevelItem(i).child(j).text(1)
            for i in range(tree.topLevelItemCount()) for j in range(tree.topLevelItem(i).childCount())}
    assert rows["Find in Document…"] == "Ctrl+F" and rows["Library…"] == "Ctrl+Shift+L"
    assert rows["Actual Size"] == "Ctrl+0" and "Ctrl+=" in rows["Zoom In"]
    # a shortcut changed on an action shows up: the list is built from the actions
    w.menus.find_action.setShortcut("Ctrl+Alt+F")
    from reader.ui.comfort import shortcut_rows
    assert ("Edit", "Find in Document…", "Ctrl+Alt+F") in shortcut_rows(w)
    dlg.close()
    help_menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "&Help")
    assert [a.text().replace("&", "") for a in help_menu.actions() if a.text()][:3] == [
        "Keyboard Shortcuts", "Open Sample Article", "About Reader"]
    w.sample_action.trigger()
    qtbot.waitUntil(lambda: w.doc.path == SAMPLE)


def test_shortcuts_list_has_the_keys_of_the_editor_find_bar_and_pdf_pages(qtbot, window):
    from PySide6.QtWidgets import QTreeWidget

    w = window()
    qtbot.keyClick(w.view, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: getattr(w, "shortcuts_dialog", None) is not None and w.shortcuts_dialog.isVisible())
    tree = w.shortcuts_dialog.findChild(QTreeWidget, "shortcuts")
    rows = {(tree.topLevelItem(i).text(0), tree.topLevelItem(i).child(j).text(0)): tree.topLevelItem(i).child(j).text(1)
            for i in range(tree.topLevelItemCount()) for j in range(tree.topLevelItem(i).childCount())}
    assert rows[("In the note editor", "Save the note")] == "Ctrl+Enter"
    assert rows[("In the note editor", "Save the tags")].startswith("Enter")
    assert rows[("In the Find bar", "Close Find")] == "Esc"
    assert rows[("On PDF pages", "Previous / next page")] == "PgUp / PgDn"
    assert rows[("On PDF pages", "First / last page")] == "Home / End"
    assert rows[("On PDF pages", "Zoom in / out")] == "Ctrl+mouse wheel"
    assert rows[("Edit", "Undo")] == "Ctrl+Z"  # and the menus' own, read from their actions
    w.shortcuts_dialog.close()


def test_repair_marks_and_find_hits_are_readable_in_the_dark_theme(qtbot, window):
    w = window()
    menu_action(w.theme_group, "dark").trigger()
    w.menus.original_action.trigger()  # View > Show Original Text: the repairs marked
    sels = w.view.extraSelections()
    tinted = [QTextCharFormat(s.format) for s in sels if s.format.background().style() != Qt.BrushStyle.NoBrush]
    assert tinted
    for f in tinted:
        ink = f.foreground().color() if f.foreground().style() != Qt.BrushStyle.NoBrush else QColor(style.INK)
        assert themes.contrast(ink, f.background().color()) >= 4.5
    w.menus.original_action.trigger()
    w.menus.find_action.trigger()
    qtbot.keyClicks(w.find_bar.field, "development")
    qtbot.waitUntil(lambda: any(s.format.background().color() == QColor(style.FIND) for s in w.view.extraSelections()))
    sels = w.view.extraSelections()
    for s in sels:
        if s.format.background().color() in (QColor(style.FIND), QColor(style.FIND_CURRENT)):
            assert themes.contrast(s.format.foreground().color(), s.format.background().color()) >= 4.5
