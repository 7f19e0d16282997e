"""Note signs on a PDF's pages: a small folded-paper sign, in the highlight's colour, in the page margin beside
the first line of a highlight that has a note (an imported sticky note is such a highlight), as Zotero, Okular
and Acrobat show one. Hovering it shows the note's first lines; clicking it opens the note (page_view.py).

Drawn as a vector path at the view's zoom (crisp at any zoom); where it goes is worked out from the highlights
of the pages on screen only (a book's 10,000 highlights cost what is visible). Qt-only, no SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap

from reader.ui import style

if TYPE_CHECKING:
    from notes_db import Highlight

#: The sign's size and its gap from the text, in PDF points (it grows and shrinks with the zoom).
SIZE = 11.0
GAP = 5.0
#: The note's lines a tooltip shows, and the characters of each.
TIP_LINES = 4
TIP_WIDTH = 80


def first_rect(h: Highlight) -> list[float] | None:
    """The highlight's first line box (page, x0, y0, x1, y1): the top one on its first page."""
    if not h.rects:
        return None
    page = min(int(r[0]) for r in h.rects)
    return min((r for r in h.rects if int(r[0]) == page), key=lambda r: (r[2], r[1]))


#: A sticky note Reader took over: its icon's corner (x, y, in points), its text, and the words it came in on
#: (start, end; -1, -1 when not known).
Sticky = tuple[float, float, str, int, int]


def sticky_places(highlights: Sequence[Highlight], stickies: Sequence[Sticky]) -> dict[int, tuple[float, float]]:
    """Where the PDF's sticky notes the highlights came in from had their icons (x, y in points), by highlight id:
    an imported highlight whose note begins with a sticky note's text on its page, else (its note was edited in
    Reader since) the imported highlight with a note on the very words the sticky came in on. One sticky, one
    highlight."""
    imported = [h for h in highlights if h.origin == "imported" and h.note]
    out: dict[int, tuple[float, float]] = {}
    left: list[Sticky] = []
    for sticky in stickies:
        x, y, text = sticky[0], sticky[1], sticky[2]
        h = next((h for h in imported if text and h.id not in out and h.note.startswith(text)), None)
        if h is None:
            left.append(sticky)
        else:
            out[h.id] = (x, y)
    for x, y, _text, start, end in left:
        h = next((h for h in imported if h.id not in out and (h.start, h.end) == (start, end)), None)
        if h is not None:
            out[h.id] = (x, y)
    return out


def signs_on_page(highlights: list[Highlight], page: int, page_rect: QRectF, zoom: float,
                  text: tuple[float, float], stickies: Sequence[Sticky] = ()) -> list[tuple[QRectF, Highlight]]:
    """Where the note signs of ``highlights`` (those on ``page``) go on screen: an imported sticky note's where
    its icon was (``stickies``: the page's sticky notes, :data:`Sticky`), even once its note is edited; any other in the
    margin, ``GAP`` off the page's text (``text``: its left and right edges, in points), beside its first line:
    the left margin, or the right one for a highlight starting in the page's right half (a two-column paper's
    right column); one beside another on the same line steps further out, never over another."""
    size = SIZE * zoom
    left, right = text
    width = page_rect.width() / zoom
    out: list[tuple[QRectF, Highlight]] = []
    placed = sticky_places(highlights, stickies) if stickies else {}
    for h in highlights:
        if not h.note:
            continue
        first = first_rect(h)
        if first is None or int(first[0]) != page:
            continue
        at = placed.get(h.id)
        if at is not None:
            out.append((QRectF(page_rect.x() + at[0] * zoom, page_rect.y() + at[1] * zoom, size, size), h))
            continue
        mid = page_rect.y() + (first[2] + first[4]) / 2 * zoom
        on_right = first[1] > (left + right) / 2 and right + GAP + SIZE <= width
        if on_right:
            x = page_rect.x() + min(page_rect.width() - size - 2, (right + GAP) * zoom)
        else:
            x = page_rect.x() + max(2.0, (left - GAP) * zoom - size)
        rect = QRectF(x, mid - size / 2, size, size)
        step = (size * 0.6 + 2) * (1 if on_right else -1)
        while any(rect.intersects(r) for r, _h in out) and page_rect.left() <= rect.x() + step <= page_rect.right() - size:
            rect.translate(step, 0)
        out.append((rect, h))
    return out


_drawn: dict[tuple[str, str, int, float], QPixmap] = {}


def paint_sign(p: QPainter, rect: QRectF, color_name: str, ratio: float = 1.0) -> None:
    """The sign in ``rect``: drawn once per colour, size and screen (``ratio``: its device pixel ratio) into a
    pixmap at that size, crisp, then copied (a page with dozens of notes paints in no time)."""
    key = (color_name, style.THEME, round(rect.width() * 4), ratio)
    pm = _drawn.get(key)
    if pm is None:
        if len(_drawn) > 64:  # (zooming through many sizes)
            _drawn.clear()
        side = int(rect.width() * ratio) + 3
        pm = QPixmap(side, side)
        pm.setDevicePixelRatio(ratio)
        pm.fill(Qt.GlobalColor.transparent)
        q = QPainter(pm)
        draw_sign(q, QRectF(1, 1, rect.width(), rect.height()), color_name)
        q.end()
        pm = _drawn[key] = pm
    p.drawPixmap(QPointF(round(rect.x()) - 1, round(rect.y()) - 1), pm)


def draw_sign(p: QPainter, rect: QRectF, color_name: str) -> None:
    """A sheet of paper with its top right corner folded and two lines of writing, filled with the
    highlight's colour and outlined darker (a yellow one still shows on white paper)."""
    fill = QColor(style.HIGHLIGHT_COLORS.get(color_name, style.HIGHLIGHT_COLORS["yellow"]))
    ink = fill.darker(220)
    s = rect.width()
    fold = s * 0.32
    x0, y0, x1, y1 = rect.left(), rect.top(), rect.right(), rect.bottom()
    sheet = QPainterPath(QPointF(x0, y0))
    sheet.lineTo(x1 - fold, y0)
    sheet.lineTo(x1, y0 + fold)
    sheet.lineTo(x1, y1)
    sheet.lineTo(x0, y1)
    sheet.closeSubpath()
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(ink, max(1.0, s / 12))
    p.setPen(pen)
    p.setBrush(fill)
    p.drawPath(sheet)
    corner = QPainterPath(QPointF(x1 - fold, y0))
    corner.lineTo(x1 - fold, y0 + fold)
    corner.lineTo(x1, y0 + fold)
    corner.closeSubpath()
    p.setBrush(fill.darker(125))
    p.drawPath(corner)
    for k in (0.52, 0.74):  # two lines of writing
        y = y0 + s * k
        p.drawLine(QPointF(x0 + s * 0.2, y), QPointF(x1 - s * 0.2, y))
    p.restore()


def tooltip(note: str) -> str:
    """The note's first lines (blank ones skipped), each cut to a tooltip's width, and "…" when there is more."""
    lines = [ln.strip() for ln in note.splitlines() if ln.strip()]
    shown = [ln if len(ln) <= TIP_WIDTH else ln[: TIP_WIDTH - 1].rstrip() + "…" for ln in lines[:TIP_LINES]]
    if len(lines) > TIP_LINES:
        shown.append("…")
    return "\n".join(shown)
