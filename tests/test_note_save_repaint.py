"""A note saved repaints what it changed, and only that: the highlight's line in the reading view (its
dotted underline, the mark in the margin) and its card in the panel, not the whole view, and without
laying every card of the panel out again."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QRegion

from reader.ui.margin import note_mark_rects
from tests.gui_helpers import analysed, select_text

PASSAGE = "The world today is undergoing major changes"


def covers(region: QRegion, rect: QRect) -> bool:
    """Whether ``region`` holds all of ``rect`` (QRegion.contains says whether they overlap)."""
    return QRegion(rect).subtracted(region).isEmpty()


class Painted(QObject):
    """The region of every paint a widget gets."""

    def __init__(self) -> None:
        super().__init__()
        self.region = QRegion()
        self.paints = 0

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:  # noqa: N802
        if e.type() == QEvent.Type.Paint:
            self.region = self.region.united(e.region())  # type: ignore[attr-defined]
            self.paints += 1
        return False


def _save_note(qtbot, w, text: str) -> None:
    qtbot.keyClicks(w.editor.note, text)
    qtbot.keyClick(w.editor.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_a_saved_note_repaints_its_line_and_its_card_only(qtbot, open_window) -> None:
    w = open_window()
    s = w.doc.text.index(PASSAGE)
    select_text(qtbot, w.view, s, s + len(PASSAGE))
    qtbot.keyClick(w.view, Qt.Key.Key_1)
    (h,) = w.session.highlights
    assert w.editor.highlight_id == h.id  # the new highlight's note, ready to be written
    w.editor.note.setFocus()
    qtbot.keyClicks(w.editor.note, "Which changes?")
    # the claims and quotes found (their arrival repaints the panel and may repaint the view) and written;
    # Qt lays a text out a stretch at a time after it is shown, repainting as it goes: all that done first
    analysed(qtbot, w)
    qtbot.waitUntil(lambda: not w.view.flashing and w.view._laid_out())
    qtbot.wait(100)  # everything settled and painted
    view, cards = Painted(), Painted()
    w.view.viewport().installEventFilter(view)
    w.panel.list.viewport().installEventFilter(cards)

    qtbot.keyClick(w.editor.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # saved
    qtbot.waitUntil(lambda: w.session.highlight(h.id).note == "Which changes?")
    # the reading view: the highlight's line (its underline) and the note mark beside it, repainted (a paint
    # may come in parts: waited for until it covers them)
    ((hid, mark),) = note_mark_rects(w.view)
    assert hid == h.id
    line = w.view.cursorRect(w.view.cursor_at(s))
    qtbot.waitUntil(lambda: covers(view.region, mark.toAlignedRect()) and covers(view.region, line)
                    and covers(cards.region, w.panel.entry_rect(h.id)))
    qtbot.wait(20)  # (and any paint on its heels, for what must not have been painted)
    whole = w.view.viewport().rect()
    assert not covers(view.region, whole)  # not the whole view for one note
    # its card in the panel says the note, and was repainted
    row = w.panel.model.row_of(h.id)
    assert row is not None and "Which changes?" in w.panel.entry_text(row)
    card = w.panel.entry_rect(h.id)
    assert covers(cards.region, card)
    assert not cards.region.intersects(QRect(card.left(), card.bottom() + 2, card.width(), 40))  # not the next card


def test_a_changed_note_still_shows_after_scrolling_away_and_back(qtbot, open_window) -> None:
    """The view kept the range it handed Qt for the screen: scrolled away and back, the note's
    highlight still has its mark (the kept range is remade when the screen leaves it)."""
    w = open_window()
    s = w.doc.text.index(PASSAGE)
    select_text(qtbot, w.view, s, s + len(PASSAGE))
    qtbot.keyClick(w.view, Qt.Key.Key_1)
    (h,) = w.session.highlights
    w.select_highlight(h.id, focus_note=True)
    _save_note(qtbot, w, "First thought")
    qtbot.waitUntil(lambda: [hid for hid, _r in note_mark_rects(w.view)] == [h.id])
    bar = w.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: note_mark_rects(w.view) == [])
    w.select_highlight(h.id, focus_note=True)
    w.editor.note.selectAll()
    _save_note(qtbot, w, "Second thought")
    qtbot.waitUntil(lambda: w.session.highlight(h.id).note == "Second thought")
    w.view.scroll_to(s)
    qtbot.waitUntil(lambda: [hid for hid, _r in note_mark_rects(w.view)] == [h.id])
    sel = [x for x in w.view.extraSelections() if x.format.toolTip() == "Second thought"]
    assert sel  # the highlight's format on screen is the new note's
