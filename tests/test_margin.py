"""A highlight with a note shows a mark in the margin, in the text and on PDF pages."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from reader.ui import style
from reader.ui.margin import note_mark_rects
from tests.gui_helpers import select_text
from tests.test_comfort import window  # noqa: F401 (the fixture)
from tests.test_pages import drag, open_pdf


def is_accent(c: QColor) -> bool:
    a = QColor(style.ACCENT)
    return abs(c.red() - a.red()) < 40 and abs(c.green() - a.green()) < 40 and abs(c.blue() - a.blue()) < 40


def test_noted_highlight_has_a_margin_mark(qtbot, window):  # noqa: F811
    w = window()
    passage = "The world today is undergoing major changes"
    other = "unilateralism, protectionism, bullying and political smear"
    for text, key in ((passage, Qt.Key.Key_1), (other, Qt.Key.Key_2)):
        s = w.doc.text.index(text)
        select_text(qtbot, w.view, s, s + len(text))
        qtbot.keyClick(w.view, key)
    noted, _plain = sorted(w.session.highlights, key=lambda h: h.start)
    assert note_mark_rects(w.view) == []  # no note, no mark
    w.select_highlight(noted.id, focus_note=True)
    qtbot.keyClicks(w.editor.note, "Which changes?")
    qtbot.keyClick(w.editor.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(h.note for h in w.session.highlights))
    marks = note_mark_rects(w.view)
    assert [hid for hid, _r in marks] == [noted.id]
    r = marks[0][1]
    w.view.viewport().repaint()
    img = w.view.viewport().grab().toImage()
    assert is_accent(QColor(img.pixel(r.center().toPoint())))
    line = w.view.cursorRect(w.view.cursor_at(noted.start))
    assert r.right() < line.left() + 1 and line.top() - 2 <= r.center().y() <= line.bottom() + 2


def test_noted_highlight_has_a_mark_on_the_pdf_page(qtbot, db_path, specimen):

    from reader.ui.main_window import MainWindow

    w = MainWindow(db_path)
    qtbot.addWidget(w)
    w.resize(1200, 860)
    w.show()
    qtbot.waitExposed(w)
    open_pdf(qtbot, w, specimen("normal/tracemonkey.pdf"))
    pv = w.page_view
    t = w.doc.text
    s = t.index("Dynamic languages such as JavaScript")
    e = s + len("Dynamic languages such as JavaScript")
    drag(qtbot, pv.viewport(), pv.point_of(s), pv.point_of(e - 1))
    qtbot.keyClick(pv, Qt.Key.Key_1)
    (h,) = w.session.highlights
    r = pv.page_rect(0)
    assert pv.note_signs(0, r) == []  # no note: no sign beside the line
    w.select_highlight(h.id, focus_note=True)
    qtbot.keyClicks(w.editor.note, "Why harder?")
    qtbot.keyClick(w.editor.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.session.highlights[0].note == "Why harder?")
    qtbot.waitUntil(lambda: len(pv.note_signs(0, pv.page_rect(0))) == 1)
    (sign, noted), = pv.note_signs(0, pv.page_rect(0))  # a note sign in the margin, beside the first line
    assert noted.id == h.id and sign.right() < pv.point_of(s).x()
    y = int(r.y() + (h.rects[0][2] + h.rects[0][4]) / 2 * pv.zoom)
    assert sign.top() <= y <= sign.bottom()
    qtbot.waitUntil(lambda: pv.viewport().grab().toImage().pixelColor(sign.center().toPoint()) != QColor("white"))


def test_disputed_and_false_claims_are_marked_in_the_text(qtbot, window):  # noqa: F811
    from PySide6.QtGui import QTextCharFormat

    from tests.test_gui import _click_entry, _wait_analysis

    w = window()
    panel = _wait_analysis(qtbot, w)
    w.tabs.setCurrentWidget(panel)
    panel.sections.setCurrentIndex(1)
    claims = w.controller.analysis.claims
    i = next(k for k, c in enumerate(claims) if "56.1%" in c.text)
    wavy = QTextCharFormat.UnderlineStyle.WaveUnderline

    def marked() -> list[tuple[int, int, str]]:
        return [(s.cursor.selectionStart(), s.cursor.selectionEnd(), s.format.underlineColor().name())
                for s in w.view.extraSelections() if s.format.underlineStyle() == wavy]

    assert marked() == []
    _click_entry(qtbot, panel, "claim", i)
    panel.review_status.setCurrentIndex(panel.review_status.findData("disputed"))
    panel.review_note.setFocus()
    qtbot.keyClicks(panel.review_note, "WHO counts differ")
    qtbot.keyClick(panel.review_note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(marked()) == 1)
    (start, end, color) = marked()[0]
    c = claims[i]
    qt = w.view.positions
    assert (start, end) == (qt.to_qt(c.start), qt.to_qt(c.end)) and color == "#d07a00"
    tip = next(s.format.toolTip() for s in w.view.extraSelections() if s.format.underlineStyle() == wavy)
    assert tip == "Claim marked disputed: WHO counts differ"
    for status, expect in (("false", ["#c62828"]), ("verified", [])):
        panel.review_status.setCurrentIndex(panel.review_status.findData(status))
        panel.review_note.setFocus()
        qtbot.keyClick(panel.review_note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda expect=expect: [m[2] for m in marked()] == expect)


def on_screen(w) -> QImage:
    """What the window shows now (the flushed backing store, no fresh paint)."""
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    return w.screen().grabWindow(w.winId()).toImage()


def test_margin_mark_follows_the_note_on_save_undo_and_redo(qtbot, window):  # noqa: F811
    w = window()
    passage = "The world today is undergoing major changes"
    s = w.doc.text.index(passage)
    select_text(qtbot, w.view, s, s + len(passage))
    qtbot.keyClick(w.view, Qt.Key.Key_1)
    (h,) = w.session.highlights
    w.select_highlight(h.id, focus_note=True)
    qtbot.keyClicks(w.editor.note, "Which changes?")
    qtbot.keyClick(w.editor.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.session.highlights[0].note == "Which changes?")
    ((_hid, r),) = note_mark_rects(w.view)
    at = w.view.viewport().mapTo(w, r.center().toPoint())

    def mark_shown() -> bool:
        return is_accent(QColor(on_screen(w).pixel(at)))

    qtbot.waitUntil(mark_shown)  # shown at once, not on the next change
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the note is undone
    assert w.session.highlights[0].note == ""
    qtbot.waitUntil(lambda: not mark_shown())
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert w.session.highlights[0].note == "Which changes?"
    qtbot.waitUntil(mark_shown)
