"""Marks in the reading view's margin: a highlight with a note shows a small
note mark beside its first line, so notes are seen without opening the panel.

Drawn after the text in the view's paintEvent, only for the highlights whose
first line is on screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRectF, Qt
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
    top = view.offset_at(QPoint(0, 0))
    bottom = view.offset_at(QPoint(vp.width() - 1, vp.height() - 1))
    # the highlights on screen only (they are kept by position): not all of them on every paint
    noted = [overlay.by_id[hid] for hid in overlay.ids_in(max(0, top - 1), bottom + 2) if overlay.by_id[hid].note]
    to_view = overlay.to_view
    out: list[tuple[int, QRectF]] = []
    for h in noted:
        start = to_view(h.start) if to_view is not None else h.start
        if start < top - 1 or start > bottom + 1:
            continue
        cur = view._cursor(start)
        line = view.cursorRect(cur)
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
