"""Where a PDF's pages sit in the page view (one continuous scroll at a zoom),
and what a person does there with the mouse and keys: select words in reading
order, click a link or a highlight, zoom, turn pages.

PageLayout signals:
    colorKeyPressed(int), offsetClicked(int), linkActivated(str): as ReadingView.
    zoomChanged(float): the zoom the pages are laid out at, when it changes (1.0 is 100%: a PDF point a pixel).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QKeyEvent, QKeySequence, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QMenu, QWidget

if TYPE_CHECKING:
    from reader.document import Document, Word
    from reader.pdf_pages import PdfLink, PdfPages

GAP = 14
MARGIN = 18


class PageLayout(QAbstractScrollArea):
    colorKeyPressed = Signal(int)
    offsetClicked = Signal(int)
    linkActivated = Signal(str)
    zoomChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages: PdfPages | None = None
        self.doc: Document | None = None
        self.zoom = 1.0
        self.fit: str | None = "width"  # "width" | "page" | None
        self._told_zoom = 0.0  # the zoom last announced (zoomChanged)
        self._sizes: list[tuple[float, float]] = []
        self._tops: list[float] = []
        self._height = 0.0
        self._words: dict[int, range] = {}  # page -> index range in doc.words
        self._links: dict[int, list[PdfLink]] = {}
        self._selection: tuple[int, int] | None = None
        self._anchor_word: Word | None = None
        self._press: QPoint | None = None
        self._dragged = False
        #: Filled by the window, as ReadingView's: adds its actions to the right-click menu at an offset.
        self.menu_provider: Callable[[QMenu, int], None] | None = None

    @property
    def count(self) -> int:
        return len(self._sizes)

    # -- layout ------------------------------------------------------------------------

    def _relayout(self) -> None:
        tops, y = [], float(MARGIN)
        for _w, h in self._sizes:
            tops.append(y)
            y += h * self.zoom + GAP
        self._tops = tops
        self._height = y + MARGIN - GAP
        sb = self.verticalScrollBar()
        sb.setRange(0, max(0, int(self._height - self.viewport().height())))
        sb.setPageStep(self.viewport().height())
        sb.setSingleStep(40)
        hb = self.horizontalScrollBar()
        widest = max((w for w, _h in self._sizes), default=0) * self.zoom + 2 * MARGIN
        hb.setRange(0, max(0, int(widest - self.viewport().width())))
        hb.setPageStep(self.viewport().width())
        if self.zoom != self._told_zoom:
            self._told_zoom = self.zoom
            self.zoomChanged.emit(self.zoom)

    def _apply_fit(self) -> None:
        if not self._sizes:
            return
        w, h = self._sizes[self.current_page() if self._tops else 0]
        vw = max(100, self.viewport().width() - 2 * MARGIN)
        vh = max(100, self.viewport().height() - 2 * MARGIN)
        if self.fit == "width":
            self.zoom = min(vw / w, 8.0)
        elif self.fit == "page":
            self.zoom = min(vw / w, vh / h, 8.0)
        self._relayout()

    def set_zoom(self, zoom: float, fit: str | None = None, anchor: QPointF | None = None) -> None:
        """Zoom to ``zoom`` (or fit the width or the page), keeping the point of the page under ``anchor`` (a
        point of the viewport: the pointer's, for Ctrl+wheel) where it is; by default the viewport's centre
        (as Okular and Zotero zoom: the right half of a page does not run off the screen)."""
        hb, vb = self.horizontalScrollBar(), self.verticalScrollBar()
        at = anchor if anchor is not None else QPointF(self.viewport().rect().center())
        kept: tuple[int, float, float] | None = None  # the anchor's page and point in the page's units
        if self._tops:
            y = vb.value() + at.y()
            page = max(0, min(self.count - 1, bisect.bisect_right(self._tops, y) - 1))
            kept = page, (hb.value() + at.x() - self._left(page)) / self.zoom, (y - self._tops[page]) / self.zoom
        self.fit = fit
        if fit:
            self._apply_fit()
        else:
            self.zoom = max(0.1, min(zoom, 8.0))
            self._relayout()
        if kept is not None:
            page, px, py = kept
            hb.setValue(round(self._left(page) + px * self.zoom - at.x()))
            vb.setValue(round(self._tops[page] + py * self.zoom - at.y()))
        self.viewport().update()

    def _left(self, page: int) -> float:
        """Where the page's left edge is in the scrolled area (``page_rect``'s x with no horizontal scroll)."""
        return max(MARGIN, (self.viewport().width() - self._sizes[page][0] * self.zoom) / 2)

    def zoom_in(self, anchor: QPointF | None = None) -> None:
        self.set_zoom(self.zoom * 1.2, anchor=anchor)

    def zoom_out(self, anchor: QPointF | None = None) -> None:
        self.set_zoom(self.zoom / 1.2, anchor=anchor)

    def page_rect(self, i: int) -> QRectF:
        w, h = self._sizes[i]
        x = self._left(i) - self.horizontalScrollBar().value()
        return QRectF(x, self._tops[i] - self.verticalScrollBar().value(), w * self.zoom, h * self.zoom)

    def visible_pages(self) -> range:
        if not self._tops:
            return range(0)
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        first = max(0, bisect.bisect_right(self._tops, top) - 1)
        last = max(first, bisect.bisect_right(self._tops, bottom) - 1)
        return range(first, min(last + 1, self.count))

    def current_page(self) -> int:
        if not self._tops:
            return 0
        mid = self.verticalScrollBar().value() + self.viewport().height() * 0.25
        return max(0, min(self.count - 1, bisect.bisect_right(self._tops, mid) - 1))

    def _page_fraction(self) -> float:
        p = self.current_page()
        if not self._tops:
            return 0.0
        h = self._sizes[p][1] * self.zoom
        return (self.verticalScrollBar().value() - self._tops[p]) / h if h else 0.0

    def _scroll_to_page(self, page: int, frac: float = 0.0) -> None:
        if not self._tops:
            return
        page = max(0, min(page, self.count - 1))
        self.verticalScrollBar().setValue(int(self._tops[page] + frac * self._sizes[page][1] * self.zoom))

    def go_to_page(self, page: int) -> None:
        self._scroll_to_page(page, -MARGIN / max(1.0, self._sizes[0][1] * self.zoom) if page else 0.0)
        self.viewport().update()

    def selection_range(self) -> tuple[int, int] | None:
        return self._selection

    def clear_selection(self) -> None:
        self._selection = None
        self.viewport().update()

    def selected_text(self) -> str:
        if self._selection is None or self.doc is None:
            return ""
        s, e = self._selection
        return " ".join(self.doc.text[s:e].replace("\u2028", " ").split())

    # -- input -------------------------------------------------------------------------------------

    def _page_at(self, pos: QPoint) -> tuple[int, float, float] | None:
        if not self._tops:
            return None
        y = pos.y() + self.verticalScrollBar().value()
        i = max(0, min(self.count - 1, bisect.bisect_right(self._tops, y) - 1))
        r = self.page_rect(i)
        return i, (pos.x() - r.x()) / self.zoom, (pos.y() - r.y()) / self.zoom

    def word_at(self, pos: QPoint, nearest: bool = True) -> Word | None:
        hit = self._page_at(pos)
        if hit is None:
            return None
        i, x, y = hit
        if self.doc is None:
            return None
        t = self.doc.words
        best, dist = None, 1e18
        for k in self._words.get(i, range(0)):
            x0, y0, x1, y1 = t.x0[k], t.y0[k], t.x1[k], t.y1[k]
            if x0 <= x <= x1 and y0 <= y <= y1:
                return t[k]
            if nearest:
                dx = max(x0 - x, 0, x - x1)
                dy = max(y0 - y, 0, y - y1) * 3  # lines matter more than columns
                d = dx * dx + dy * dy
                if d < dist:
                    best, dist = k, d
        return t[best] if best is not None else None

    def link_at(self, pos: QPoint) -> PdfLink | None:
        hit = self._page_at(pos)
        if hit is None or self.pages is None:
            return None
        i, x, y = hit
        if i not in self._links:
            self._links[i] = self.pages.links(i)
        for ln in self._links[i]:
            x0, y0, x1, y1 = ln.rect
            if x0 <= x <= x1 and y0 <= y <= y1:
                return ln
        return None

    def mousePressEvent(self, e: QMouseEvent) -> None:  # noqa: N802
        self.setFocus()
        if e.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(e)
        self._press = e.position().toPoint()
        self._dragged = False
        self._anchor_word = self.word_at(self._press)
        if self._selection is not None:
            self._selection = None
            self.viewport().update()

    def mouseMoveEvent(self, e: QMouseEvent) -> None:  # noqa: N802
        pos = e.position().toPoint()
        if self._press is not None and e.buttons() & Qt.MouseButton.LeftButton:
            if (pos - self._press).manhattanLength() >= 4:
                self._dragged = True
            if self._dragged and self._anchor_word is not None:
                w = self.word_at(pos)
                if w is not None:
                    a = self._anchor_word
                    self._selection = (min(a.start, w.start), max(a.end, w.end))
                    self.viewport().update()
            return
        over_word = self.word_at(pos, nearest=False) is not None
        self.viewport().setCursor(Qt.CursorShape.IBeamCursor if over_word else Qt.CursorShape.ArrowCursor)

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:  # noqa: N802
        pos = e.position().toPoint()
        if e.button() == Qt.MouseButton.LeftButton and self._press is not None and not self._dragged:
            link = self.link_at(pos)
            if link is not None:
                if link.uri.startswith("#page="):
                    self.go_to_page(int(link.uri.split("=", 1)[1]) - 1)
                else:
                    self.linkActivated.emit(link.uri)
            else:
                w = self.word_at(pos, nearest=False)
                if w is not None:
                    self.offsetClicked.emit(w.start)
        self._press = None

    def mouseDoubleClickEvent(self, e: QMouseEvent) -> None:  # noqa: N802
        w = self.word_at(e.position().toPoint(), nearest=False)
        if w is not None:
            self._selection = (w.start, w.end)
            self.viewport().update()

    def contextMenuEvent(self, e: QContextMenuEvent) -> None:  # noqa: N802
        """The text view's right-click menu on the pages: Copy, then the window's (highlight, edit)."""
        menu = QMenu(self)
        copy = menu.addAction("&Copy", self.copy_selection)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setEnabled(self._selection is not None)
        if self.menu_provider is not None:
            under = self.word_at(e.pos(), nearest=False)
            offset = under.start if under is not None else (self._selection[0] if self._selection else -1)
            self.menu_provider(menu, offset)
        menu.exec(e.globalPos())
        menu.deleteLater()

    def copy_selection(self) -> None:
        if self._selection:
            QGuiApplication.clipboard().setText(self.selected_text())

    def wheelEvent(self, e: QWheelEvent) -> None:  # noqa: N802
        if e.modifiers() & Qt.KeyboardModifier.ControlModifier:  # around the pointer
            (self.zoom_in if e.angleDelta().y() > 0 else self.zoom_out)(e.position())
            e.accept()
            return
        super().wheelEvent(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:  # noqa: N802
        key, mods = e.key(), e.modifiers()
        sb = self.verticalScrollBar()
        plain = not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and plain:
            self.colorKeyPressed.emit(key - Qt.Key.Key_0)
        elif key == Qt.Key.Key_C and mods & Qt.KeyboardModifier.ControlModifier:
            self.copy_selection()
        elif key == Qt.Key.Key_PageDown:
            self.go_to_page(self.current_page() + 1)
        elif key == Qt.Key.Key_PageUp:
            self.go_to_page(self.current_page() - 1)
        elif key == Qt.Key.Key_Home:
            sb.setValue(0)
        elif key == Qt.Key.Key_End:
            sb.setValue(sb.maximum())
        elif key == Qt.Key.Key_Down:
            sb.setValue(sb.value() + sb.singleStep())
        elif key == Qt.Key.Key_Up:
            sb.setValue(sb.value() - sb.singleStep())
        elif key == Qt.Key.Key_Space:
            sb.setValue(sb.value() + sb.pageStep() * (-1 if mods & Qt.KeyboardModifier.ShiftModifier else 1))
        elif key == Qt.Key.Key_Escape:
            self.clear_selection()
        else:
            super().keyPressEvent(e)
