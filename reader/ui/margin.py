"""Marks in the reading view's margin: a highlight with a note shows a small
note mark beside its first line, so notes are seen without opening the panel.

Drawn after the text in the view's paintEvent, only for the highlights whose
first line is on screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath

from reader.ui import style

if TYPE_CHECKING:
    from reader.ui.reading_view import ReadingView

MARK_W, MARK_H = 9.0, 11.0


def note_mark_rects(view: ReadingView) -> list[tuple[int, QRectF]]:
    """(highlight id, where its mark goes) for noted highlights on screen."""
    overlay = view.overlay
    if not overlay.by_id:
        return []
    vp = view.viewport().rect()
    # the highlights handed to Qt for the screen (a screenful either side, kept by position), not
    # all of them, and no hit test of Qt's on every paint (a millisecond each in a long book)
    lo, hi = view._shown_range
    noted = [overlay.by_id[hid] for hid in overlay.ids_in(lo, hi) if overlay.by_id[hid].note]
    to_view = overlay.to_view
    out: list[tuple[int, QRectF]] = []
    for h in noted:
        start = to_view(h.start) if to_view is not None else h.start
        cur = view._cursor(start)
        line = view.cursorRect(cur)
        if line.bottom() < 0 or line.top() > vp.height():  # its first line is not on screen
            continue
        block_start = cur.block().position()
        cur.setPosition(block_start)
        left = view.cursorRect(cur).left()
        x = max(2.0, left - MARK_W - 10)
        y = line.top() + (line.height() - MARK_H) / 2
        out.append((h.id, QRectF(x, y, MARK_W, MARK_H)))
    return out


def paint_note_marks(view: ReadingView) -> None:
    marks = note_mark_rects(view)
    if not marks:
        return
    p = QPainter(view.viewport())
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    color = QColor(style.ACCENT)
    for _hid, r in marks:
        # a small page with a folded corner
        path = QPainterPath()
        fold = 3.0
        path.moveTo(r.left(), r.top())
        path.lineTo(r.right() - fold, r.top())
        path.lineTo(r.right(), r.top() + fold)
        path.lineTo(r.right(), r.bottom())
        path.lineTo(r.left(), r.bottom())
        path.closeSubpath()
        p.fillPath(path, color)
        p.setPen(Qt.PenStyle.NoPen)
    p.end()
