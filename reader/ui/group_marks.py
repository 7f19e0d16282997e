"""Group highlights in the margin: a small badge with the author's initials
beside the line where each highlight a group member shared begins, in the
reading view (:class:`GroupMarks`) and on a PDF's pages (:class:`PageGroupMarks`,
inside the page's right margin, so it scrolls and zooms with the page).

A transparent child of the view's viewport, painted over it, so the views
themselves are untouched; only the marks on screen are placed on each paint.
The Group tab lists the same highlights with full names.
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

if TYPE_CHECKING:
    from reader.ui.page_view import PageView
    from reader.ui.reading_view import ReadingView

BADGE_W, BADGE_H = 22.0, 15.0
PALETTE = ("#7b61ff", "#e8590c", "#0c8599", "#c2255c", "#5c940d", "#1971c2")


def initials(author: str) -> str:
    name = author.split("_")[0] or author
    return name[:2].upper()


def author_color(author: str) -> QColor:
    return QColor(PALETTE[zlib.crc32(author.encode()) % len(PALETTE)])


class _Badges(QWidget):
    """Badges over a scroll area's viewport; subclasses say where (``rects``)."""

    def __init__(self, area: QAbstractScrollArea) -> None:
        super().__init__(area.viewport())
        self.area = area
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.marks: list[tuple[str, int]] = []  # (author, start offset in the document's text)
        area.verticalScrollBar().valueChanged.connect(self._follow)
        area.horizontalScrollBar().valueChanged.connect(self._follow)
        area.viewport().installEventFilter(self)
        self._follow()
        self.show()

    def rects(self) -> list[tuple[str, QRectF]]:
        raise NotImplementedError

    def set_marks(self, marks: list[tuple[str, int]]) -> None:
        self.marks = sorted(marks, key=lambda m: (m[1], m[0]))
        self.setVisible(bool(self.marks))
        self._follow()

    def _follow(self, *_args: object) -> None:
        # the viewport scrolls its children with it: stay put over the whole viewport
        self.setGeometry(self.area.viewport().rect())
        self.update()

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:  # noqa: N802
        if obj is self.area.viewport() and ev.type() == QEvent.Type.Resize:
            self._follow()
        return False

    def paintEvent(self, _ev: QPaintEvent) -> None:  # noqa: N802
        rects = self.rects()
        if not rects:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setPixelSize(9)
        font.setBold(True)
        p.setFont(font)
        for author, r in rects:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(author_color(author))
            p.drawRoundedRect(r, 4, 4)
            p.setPen(QColor("white"))
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, initials(author))
        p.end()


class GroupMarks(_Badges):
    """In the reading view's right margin, beside the line."""

    def __init__(self, view: ReadingView) -> None:
        super().__init__(view)
        self.view = view

    def rects(self) -> list[tuple[str, QRectF]]:
        """(author, where the badge goes) for the marks whose line is on screen."""
        if not self.marks:
            return []
        view = self.view
        vp = view.viewport().rect()
        top = view.offset_at(QPoint(0, 0))
        bottom = view.offset_at(QPoint(vp.width() - 1, vp.height() - 1))
        overlay = getattr(view, "overlay", None)
        to_view = getattr(overlay, "to_view", None)
        out: list[tuple[str, QRectF]] = []
        line_top, on_line = None, 0
        for author, start in self.marks:
            s = to_view(start) if to_view is not None else start
            if s < top - 1 or s > bottom + 1:
                continue
            line = view.cursorRect(view.cursor_at(s))
            on_line = on_line + 1 if line.top() == line_top else 0
            line_top = line.top()
            x = vp.width() - 6 - (BADGE_W + 3) * (on_line + 1)
            y = line.top() + (line.height() - BADGE_H) / 2
            out.append((author, QRectF(x, y, BADGE_W, BADGE_H)))
        return out


class PageGroupMarks(_Badges):
    """On a PDF's pages, inside the page's right margin beside the line (it scrolls and zooms with the page)."""

    def __init__(self, view: PageView) -> None:
        super().__init__(view)
        self.view = view

    def rects(self) -> list[tuple[str, QRectF]]:
        view = self.view
        doc = view.doc
        if not self.marks or doc is None or view.pages is None:
            return []
        vis = view.visible_pages()
        z = view.zoom
        vp = QRectF(view.viewport().rect())
        out: list[tuple[str, QRectF]] = []
        line_key, on_line = None, 0
        for author, start in self.marks:
            found = doc.rects_for(start, start + 1)
            if not found:
                continue
            pg, _x0, y0, _x1, y1 = found[0]
            if int(pg) not in vis:
                continue
            page = view.page_rect(int(pg))
            y = page.y() + (y0 + y1) / 2 * z
            key = (int(pg), round(y))
            on_line = on_line + 1 if key == line_key else 0
            line_key = key
            r = QRectF(page.right() - 6 - (BADGE_W + 3) * (on_line + 1), y - BADGE_H / 2, BADGE_W, BADGE_H)
            if r.intersects(vp):
                out.append((author, r))
        return out
