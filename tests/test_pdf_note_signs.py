"""A highlight with a note shows a note sign in the PDF page's margin, as Zotero, Okular and Acrobat do (tryout s14,
section 4: nothing on the page said "there is a note here"): its tooltip is the note's first lines, clicking it opens
that note, it follows the zoom, and it goes when the note does."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from tests.test_pages import drag, open_pdf
from tests.test_pdf_sticky_notes import marked_pdf

LINES = ["Harbours were full of ships that winter.", "The weather at sea turned before the fleet sailed.",
         "Nobody wrote down the last line at all."]


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    import pymupdf

    path = tmp_path / "voyage.pdf"
    with pymupdf.open() as d:
        page = d.new_page()
        for k, line in enumerate(LINES):
            page.insert_text((72, 100 + 30 * k), line, fontsize=12)
        d.save(path)
    return path


def highlight(qtbot, w, words: str, key: Qt.Key = Qt.Key.Key_1):
    pv = w.page_view
    s = w.doc.text.index(words)
    drag(qtbot, pv.viewport(), pv.point_of(s), pv.point_of(s + len(words) - 1))
    qtbot.keyClick(pv, key)
    return next(h for h in w.session.highlights if h.exact == words)


def signs(w) -> list:
    pv = w.page_view
    return pv.note_signs(0, pv.page_rect(0))


def ink_at(w, point: QPoint) -> QColor:
    """The colour a person sees at ``point`` of the page view."""
    pv = w.page_view
    return pv.viewport().grab().toImage().pixelColor(point)


def on_screen(w, words: str) -> list[QRectF]:
    """Where ``words`` are on page 0 on screen, word by word."""
    pv = w.page_view
    s = w.doc.text.index(words)
    page = pv.page_rect(0)
    return [QRectF(page.x() + x0 * pv.zoom, page.y() + y0 * pv.zoom, (x1 - x0) * pv.zoom, (y1 - y0) * pv.zoom)
            for _p, x0, y0, x1, y1 in w.doc.rects_for(s, s + len(words))]


def paper(w) -> QColor:
    """The colour of blank paper on the page, whatever the theme."""
    from reader.ui import style

    return QColor(style.PAPER if style.RECOLOR_PAGES else "white")


def write_note(qtbot, w, text: str) -> None:
    w.editor.note.setPlainText(text)
    qtbot.mouseClick(w.editor.save_button, Qt.MouseButton.LeftButton)


@pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise")  # a tooltip, offscreen
def test_note_sign_appears_tells_opens_follows_zoom_and_goes(qtbot, window, pdf, tmp_path):
    w = window
    open_pdf(qtbot, w, pdf)
    pv = w.page_view
    first = highlight(qtbot, w, "weather at sea")
    other = highlight(qtbot, w, "Harbours were full", Qt.Key.Key_3)
    assert signs(w) == []  # no note, no sign
    text_x = pv.point_of(w.doc.text.index("Harbours")).x()

    w.select_highlight(first.id)
    write_note(qtbot, w, "Storms in March.\nThe log says so.\n\nSee also\nchapter 4\nand 5\nand 6")
    qtbot.waitUntil(lambda: len(signs(w)) == 1)
    (rect, h), = signs(w)
    assert h.id == first.id
    assert rect.right() < text_x  # in the margin, not over the text
    line_y = pv.point_of(w.doc.text.index("weather")).y()
    assert rect.top() <= line_y <= rect.bottom()  # beside the highlight's line
    centre = rect.center().toPoint()
    qtbot.waitUntil(lambda: ink_at(w, centre) != paper(w))  # drawn, where it was blank paper before
    pv.grab().save(str(tmp_path / "note_sign_100.png"))

    # hovering it: the note's first lines (blank ones skipped), "…" for the rest
    QApplication.sendEvent(pv.viewport(), QHelpEvent(QHelpEvent.Type.ToolTip, centre, pv.viewport().mapToGlobal(centre)))
    qtbot.waitUntil(lambda: QToolTip.isVisible()
                    and QToolTip.text() == "Storms in March.\nThe log says so.\nSee also\nchapter 4\n…")

    # blank paper tells nothing; the noted words tell the note too, as in the text view
    blank = QPoint(centre.x(), centre.y() + 200)
    QApplication.sendEvent(pv.viewport(), QHelpEvent(QHelpEvent.Type.ToolTip, blank, pv.viewport().mapToGlobal(blank)))
    qtbot.waitUntil(lambda: not QToolTip.isVisible())
    words = pv.point_of(w.doc.text.index("weather"))
    QApplication.sendEvent(pv.viewport(), QHelpEvent(QHelpEvent.Type.ToolTip, words, pv.viewport().mapToGlobal(words)))
    qtbot.waitUntil(lambda: QToolTip.isVisible() and QToolTip.text().startswith("Storms in March.\nThe log says so."))

    # clicking it: that highlight chosen (another was), its note open in the note box
    w.select_highlight(other.id)
    assert w.editor.highlight_id == other.id
    qtbot.mouseClick(pv.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.waitUntil(lambda: w.editor.highlight_id == first.id)
    assert w.editor.note.toPlainText().startswith("Storms in March.")
    qtbot.waitUntil(lambda: w.editor.note.isVisible() and w.focusWidget() is w.editor.note)  # it takes the typing
    assert pv.selection_range() is None  # a click on the sign starts no selection

    # it follows the zoom: twice as big, still beside its line and off the text
    small = rect.width()
    pv.set_zoom(pv.zoom * 2)
    qtbot.waitUntil(lambda: len(signs(w)) == 1 and abs(signs(w)[0][0].width() - 2 * small) < 0.5)
    pv.horizontalScrollBar().setValue(0)
    pv.scroll_to(w.doc.text.index("weather"))
    (rect2, _h), = signs(w)
    qtbot.waitUntil(lambda: ink_at(w, signs(w)[0][0].center().toPoint()) != paper(w))
    (rect2, _h), = signs(w)
    assert rect2.right() < pv.point_of(w.doc.text.index("Harbours")).x()
    line_y = pv.point_of(w.doc.text.index("weather")).y()
    assert rect2.top() <= line_y <= rect2.bottom()
    pv.grab().save(str(tmp_path / "note_sign_200.png"))

    # the note removed: the sign goes
    w.select_highlight(first.id)
    write_note(qtbot, w, "")
    qtbot.waitUntil(lambda: signs(w) == [])


def test_imported_sticky_note_shows_its_sign(qtbot, window, tmp_path):
    pdf = marked_pdf(tmp_path / "marked.pdf")
    w = window
    open_pdf(qtbot, w, pdf)
    qtbot.waitUntil(lambda: not w.controller.importing and len(w.session.highlights) == 4, timeout=10000)
    # Alice's sticky note and Bob's underline (its note, Carol's reply under it); not Bob's squiggle, which has no
    # note (its author is the highlight's, not note text: pdf3), nor the strike-out
    qtbot.waitUntil(lambda: len(signs(w)) == 2)
    sticky = next(h for h in w.session.highlights if "Check the log book." in h.note)
    (rect,) = [r for r, h in signs(w) if h.id == sticky.id]
    pv = w.page_view
    icon = next(a for a in w.doc.annotations if a.kind == "note" and a.page == 0 and not a.reply_to).rects[0]
    page = pv.page_rect(0)  # where its icon was on the page (right of the line's end), in the note's colour
    assert abs(rect.x() - (page.x() + icon[0] * pv.zoom)) < 1 and abs(rect.y() - (page.y() + icon[1] * pv.zoom)) < 1
    qtbot.waitUntil(lambda: ink_at(w, rect.center().toPoint()) != paper(w))
    beyond = QPointF(page.x() + (icon[0] + 14) * pv.zoom, page.y() + (icon[1] + 14) * pv.zoom).toPoint()
    qtbot.waitUntil(lambda: ink_at(w, beyond) == paper(w), timeout=10000)
    # (the PDF's own icon is no longer drawn there: Reader's sign is, smaller, at its corner)
    others = [r for r, h in signs(w) if h.id != sticky.id]  # the underline's: in the margin
    assert all(r.right() < pv.point_of(w.doc.text.index("The first line")).x() for r in others)
    w.page_view.grab().save(str(tmp_path / "sticky_signs.png"))


def test_notes_on_one_line_have_signs_side_by_side(qtbot, window, pdf, tmp_path):
    w = window
    open_pdf(qtbot, w, pdf)
    pv = w.page_view
    for words, note in (("The weather", "one"), ("at sea", "two"), ("before the fleet", "three")):
        h = highlight(qtbot, w, words)
        w.select_highlight(h.id)
        write_note(qtbot, w, note)
    qtbot.waitUntil(lambda: len(signs(w)) == 3)
    rects = [r for r, _h in signs(w)]  # two in the left margin side by side, one in the right
    assert not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])
    for sign in rects:  # off the line's words, in a margin
        assert not any(sign.intersects(q) for q in on_screen(w, LINES[1]))
    pv.grab().save(str(tmp_path / "signs_side_by_side.png"))


def test_sign_goes_with_its_deleted_highlight_and_comes_back_on_undo(qtbot, window, pdf, tmp_path):
    w = window
    open_pdf(qtbot, w, pdf)
    h = highlight(qtbot, w, "weather at sea")
    w.select_highlight(h.id)
    write_note(qtbot, w, "Storms in March.")
    qtbot.waitUntil(lambda: len(signs(w)) == 1)
    w.marks.delete_highlight(h.id)
    qtbot.waitUntil(lambda: signs(w) == [])
    w.menus.undo_action.trigger()
    qtbot.waitUntil(lambda: [x.note for _r, x in signs(w)] == ["Storms in March."])



def test_pointer_over_a_sign_says_it_can_be_clicked(qtbot, window, pdf):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QMouseEvent

    w = window
    open_pdf(qtbot, w, pdf)
    pv = w.page_view
    h = highlight(qtbot, w, "weather at sea")
    w.select_highlight(h.id)
    write_note(qtbot, w, "Storms in March.")
    qtbot.waitUntil(lambda: len(signs(w)) == 1)

    def move_to(p: QPoint) -> None:
        QApplication.sendEvent(pv.viewport(), QMouseEvent(QEvent.Type.MouseMove, QPointF(p), QPointF(pv.viewport().mapToGlobal(p)),
                                                          Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                                                          Qt.KeyboardModifier.NoModifier))

    move_to(signs(w)[0][0].center().toPoint())
    assert pv.viewport().cursor().shape() == Qt.CursorShape.PointingHandCursor
    move_to(pv.point_of(w.doc.text.index("weather")))
    assert pv.viewport().cursor().shape() == Qt.CursorShape.IBeamCursor  # the words: selectable as before


def test_two_column_paper_right_column_note_sign_in_the_right_margin(qtbot, window, specimen, tmp_path):
    w = window
    open_pdf(qtbot, w, specimen("normal/tracemonkey.pdf"))
    pv = w.page_view
    left = highlight(qtbot, w, "Dynamic languages such as JavaScript")  # the left column
    right = highlight(qtbot, w, "application logic of browser-based")  # the right column
    for h in (left, right):
        w.select_highlight(h.id)
        write_note(qtbot, w, f"on {h.exact}")
    qtbot.waitUntil(lambda: len(signs(w)) == 2)
    where = {h.id: rect for rect, h in signs(w)}
    page = pv.page_rect(0)
    assert where[left.id].right() < pv.point_of(w.doc.text.index("Dynamic")).x()  # the left margin
    assert where[right.id].left() > page.center().x() and where[right.id].right() <= page.right()  # the right one
    for rect in where.values():
        assert not any(rect.intersects(q) for q in on_screen(w, w.doc.text[:2000]))  # over no words of the page's top
    pv.grab().save(str(tmp_path / "two_columns.png"))


def test_sticky_note_sign_stays_where_it_was_placed_when_its_note_is_edited(qtbot, window, tmp_path):
    """Tryout s14: a sticky note's sign jumped back to the page's margin once its text was edited in Reader (it was
    found by its note beginning with the sticky's text); it stays on the sticky's icon, as it does after reopening."""
    pdf = marked_pdf(tmp_path / "marked.pdf")
    w = window
    open_pdf(qtbot, w, pdf)
    qtbot.waitUntil(lambda: not w.controller.importing and len(w.session.highlights) == 4, timeout=10000)
    pv = w.page_view
    sticky = next(h for h in w.session.highlights if h.note == "Check the log book.")
    icon = next(a for a in w.doc.annotations if a.kind == "note" and a.page == 0 and not a.reply_to).rects[0]

    def at_icon() -> bool:
        page = pv.page_rect(0)
        return any(h.id == sticky.id and abs(r.x() - (page.x() + icon[0] * pv.zoom)) < 1
                   and abs(r.y() - (page.y() + icon[1] * pv.zoom)) < 1 for r, h in signs(w))

    qtbot.waitUntil(at_icon)
    w.select_highlight(sticky.id)
    write_note(qtbot, w, "Logbook read: storms all March.")  # all of it rewritten, nothing of the sticky's text left
    qtbot.waitUntil(lambda: any(h.note == "Logbook read: storms all March." for _r, h in signs(w)))
    assert at_icon(), signs(w)  # still on the sticky's icon, not in the margin
    qtbot.waitUntil(lambda: ink_at(w, next(r for r, h in signs(w) if h.id == sticky.id).center().toPoint()) != paper(w))
    page = pv.page_rect(0)  # (the page drawn again without the PDF's own icon, which is larger: Reader's sign only)
    beyond = QPointF(page.x() + (icon[0] + 14) * pv.zoom, page.y() + (icon[1] + 14) * pv.zoom).toPoint()
    qtbot.waitUntil(lambda: ink_at(w, beyond) == paper(w), timeout=10000)
    pv.grab().save(str(tmp_path / "sticky_edited.png"))
