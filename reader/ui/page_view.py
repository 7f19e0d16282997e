"""The page view: a PDF's real pages in one continuous vertical scroll.

Pages are rendered on a render thread (its own MuPDF document), only those
visible plus a margin, into a cache bounded in bytes; a page not yet rendered
at the current zoom is drawn scaled from an older image, or blank, never
waited for. Highlights, the selection, find hits and a flash are rectangles
drawn over the page from the Document's word boxes, so everything that works
on text offsets works here too.

Geometry and input are ``page_layout.py``, the render thread
``page_render.py``; this module renders, caches and paints.

Signals:
    colorKeyPressed(int), offsetClicked(int), linkActivated(str): see page_layout.
    positionChanged(int): as ReadingView.
    pageChanged(int): the page at the top of the view (0-based).
    pagePainted(int): a page was drawn with its rendered image (benchmarks, tests).
    noteSignClicked(int): the note sign of a highlight (its id) was clicked (note_signs.py draws them).
"""

from __future__ import annotations

import bisect
import logging
import time
from collections import OrderedDict
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

from reader.bands import line_bands
from reader.ui import style
from reader.ui.highlight_styles import line_color, paint_line
from reader.ui.note_signs import Sticky, paint_sign, signs_on_page, tooltip
from reader.ui.page_layout import PageLayout
from reader.ui.page_render import RenderWorker
from reader.ui.sign_keys import SignKeys, paint_ring
from reader.ui.tasks import single_shot

if TYPE_CHECKING:
    from notes_db import Highlight
    from reader.document import Document
    from reader.pdf_pages import PdfPages

log = logging.getLogger("reader.pages")

CACHE_BYTES = 40 * 2**20  # ~14 fit-width pages: far more than a screenful
PREFETCH = 2  # pages beyond the visible ones


class PageView(PageLayout):
    positionChanged = Signal(int)
    pageChanged = Signal(int)
    pagePainted = Signal(int)
    firstPainted = Signal()
    noteSignClicked = Signal(int)
    _requestRender = Signal(int, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageView")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._known: set[int] = set()
        self._cache: OrderedDict[int, tuple[float, QImage]] = OrderedDict()
        self._cache_bytes = 0
        self.highlights: list[Highlight] = []
        self._highlights_by_page: dict[int, list[Highlight]] = {}
        self._text_edges: dict[int, tuple[float, float]] = {}  # each page's text's left and right (points): note signs
        #: The sticky notes Reader took over, by page: (x, y, text) of each icon; their signs are drawn there.
        self.stickies: dict[int, list[Sticky]] = {}
        self.find_hits: list[tuple[int, int]] = []
        self.find_current = -1
        self._flash: tuple[int, int] | None = None
        self._flash_timer = single_shot(self, self._end_flash)
        # the reading position is reported once scrolling settles
        self._scroll_timer = single_shot(self, lambda: self.positionChanged.emit(self.top_offset()), 400)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self._thread: QThread | None = None
        self._worker: RenderWorker | None = None
        self._last_page = -1
        self.painted_pages: set[int] = set()
        self.painted_at: dict[int, float] = {}  # when each page was first drawn sharp (benchmarks)
        self.failed_pages: set[int] = set()  # pages MuPDF could not draw
        self.painted = False
        self.sign_keys = SignKeys(self)  # the note signs from the keyboard: Tab, Shift+Tab, Enter

    # -- document ------------------------------------------------------------------

    def set_pages(self, pages: PdfPages, password: str | None = None, hidden: frozenset[str] = frozenset()) -> None:
        """Show a PDF's pages at once; its text (for selection) may come later. ``hidden``: the keys of the
        PDF's own annotations Reader draws itself, when already known (:meth:`set_hidden`)."""
        self.shutdown()
        self.pages = pages
        self.doc = None
        self._words = {}
        self._links = {}
        self.highlights = []
        self._highlights_by_page = {}
        self.stickies = {}
        self._selection = None
        self.find_hits, self.find_current = [], -1
        self._cache.clear()
        self._cache_bytes = 0
        self.painted_pages = set()
        self.painted_at = {}
        self.failed_pages = set()
        first = pages.size(0)
        self._sizes = [first] * pages.count  # real sizes arrive as pages come into view
        self._known = {0}
        self._thread = QThread(self)
        self._worker = RenderWorker(pages.data, pages.name, password)
        self._worker.hidden = hidden
        self._worker.moveToThread(self._thread)
        self._requestRender.connect(self._worker.render)
        self._worker.rendered.connect(self._rendered)
        self._worker.failed.connect(self._failed)
        self._thread.start()
        self._apply_fit()
        self.verticalScrollBar().setValue(0)
        # The first page is rendered here, at once: it is what a person waits for.
        res = pages.render(0, self.zoom, hidden)
        if res is None:
            self.failed_pages.add(0)
        else:
            w, h, stride, buf = res
            self._store(0, self.zoom, QImage(buf, w, h, stride, QImage.Format.Format_RGB888).copy())
        self.viewport().update()

    def set_document(self, doc: Document | None) -> None:
        """The text model (words with boxes) once it is extracted."""
        self.doc = doc
        self._words = doc.words.page_ranges() if doc is not None else {}
        self._text_edges = {}
        self.viewport().update()

    def shutdown(self) -> None:
        if self._thread is not None:
            if self._worker is not None:
                with self._worker.lock:
                    self._worker.wanted.clear()
                try:
                    self._requestRender.disconnect(self._worker.render)
                except (RuntimeError, TypeError):
                    pass
            self._thread.quit()
            self._thread.wait(5000)
            if self._worker is not None:
                self._worker.close()
            self._thread = None
            self._worker = None

    # -- rendering ----------------------------------------------------------------------

    def _learn_sizes(self, pages: range) -> None:
        changed = False
        assert self.pages is not None
        for i in pages:
            if i not in self._known:
                self._known.add(i)
                size = self.pages.size(i)
                if size != self._sizes[i]:
                    self._sizes[i] = size
                    changed = True
        if changed:
            self._relayout()

    def _request(self, pages: range) -> None:
        if self._worker is None:
            return
        want = []
        for i in pages:
            cached = self._cache.get(i)
            if i in self.failed_pages:
                continue
            if cached is None or abs(cached[0] - self.zoom) > 1e-6:
                want.append((i, self.zoom))
        with self._worker.lock:
            self._worker.wanted = set(want)
        for i, z in want:
            self._requestRender.emit(i, z)

    @Slot(int, float, QImage, int)
    def _rendered(self, page: int, zoom: float, img: QImage, generation: int) -> None:
        if abs(zoom - self.zoom) > 1e-6:
            return
        if self._worker is not None and generation < self._worker.changed_at.get(page, 0):
            self.viewport().update()  # drawn with the annotations hidden before: asked again at the next paint
            return
        self._store(page, zoom, img)
        if page in self.visible_pages():
            self.viewport().update()

    @Slot(int)
    def _failed(self, page: int) -> None:
        self.failed_pages.add(page)
        self.viewport().update()

    def _store(self, page: int, zoom: float, img: QImage) -> None:
        if style.RECOLOR_PAGES:  # dark theme: light ink on a dark page, as Okular and Zathura do
            from reader.ui.themes import recolor

            img = recolor(img)
        old = self._cache.pop(page, None)
        if old is not None:
            self._cache_bytes -= old[1].sizeInBytes()
        self._cache[page] = (zoom, img)
        self._cache_bytes += img.sizeInBytes()
        visible = set(self.visible_pages())
        while self._cache_bytes > CACHE_BYTES and len(self._cache) > 1:
            victim = next((k for k in self._cache if k not in visible), None)
            if victim is None:
                break
            self._cache_bytes -= self._cache.pop(victim)[1].sizeInBytes()

    @property
    def hidden(self) -> frozenset[str]:
        """The keys of the PDF's own annotations the pages are drawn without."""
        return self._worker.hidden if self._worker is not None else frozenset()

    def set_hidden(self, hidden: frozenset[str], changed: set[int]) -> None:
        """The PDF's own annotations Reader draws itself (it took them over), by key; ``changed``: the pages
        where that changes what is drawn, drawn again (each stays as it was until then)."""
        if self._worker is None:
            return
        with self._worker.lock:
            self._worker.hidden = hidden
            if not changed:
                return
            self._worker.generation += 1
            self._worker.changed_at.update(dict.fromkeys(changed, self._worker.generation))
        for p in changed:
            cached = self._cache.get(p)
            if cached is not None:
                self._cache[p] = (-1.0, cached[1])  # stale: asked for again, drawn until the new one comes
        self.viewport().update()

    def clear_cache(self) -> None:
        """Forget rendered pages (the theme changed how they are drawn)."""
        self._cache.clear()
        self._cache_bytes = 0
        self.viewport().update()

    @property
    def cache_bytes(self) -> int:
        return self._cache_bytes

    def paintEvent(self, e: QPaintEvent) -> None:  # noqa: N802
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, self.firstPainted.emit)
        p = QPainter(self.viewport())
        p.fillRect(self.viewport().rect(), QColor(style.PAGE_BG))
        if self.pages is None or not self._tops:
            p.end()
            return
        vis = self.visible_pages()
        self._learn_sizes(vis)
        vis = self.visible_pages()
        wanted = range(max(0, vis.start - PREFETCH), min(self.count, vis.stop + PREFETCH))
        self._learn_sizes(wanted)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        sel_rects = self._rects_by_page(*self._selection) if self._selection else {}
        flash_rects = self._rects_by_page(*self._flash) if self._flash else {}
        for i in vis:
            r = self.page_rect(i)
            p.fillRect(r.adjusted(2, 3, 2, 3), QColor(0, 0, 0, 28))  # a soft shadow
            p.fillRect(r, QColor(style.PAPER if style.RECOLOR_PAGES else "white"))
            cached = self._cache.get(i)
            if cached is not None:
                self._cache.move_to_end(i)
                img = cached[1]
                if abs(img.width() - r.width()) < 1.5 and abs(img.height() - r.height()) < 1.5:
                    p.drawImage(QPointF(round(r.x()), round(r.y())), img)  # 1:1, no resampling
                else:
                    p.drawImage(r, img)
                if abs(cached[0] - self.zoom) < 1e-6 and i not in self.painted_pages:
                    self.painted_pages.add(i)
                    self.painted_at[i] = time.perf_counter()
                    QTimer.singleShot(0, lambda i=i: self.pagePainted.emit(i))
            if i in self.failed_pages:
                p.setPen(QColor("#9b4a12"))
                p.drawText(r, Qt.AlignmentFlag.AlignCenter, f"Page {i + 1} is damaged and cannot be drawn.")
            self._paint_overlays(p, i, r, sel_rects, flash_rects)
        p.end()
        self._request(wanted)
        page = self.current_page()
        if page != self._last_page:
            self._last_page = page
            self.pageChanged.emit(page)

    def _paint_overlays(self, p: QPainter, i: int, r: QRectF, sel: dict[int, list[QRectF]],
                        flash: dict[int, list[QRectF]]) -> None:
        z = self.zoom
        for h in self._highlights_by_page.get(i, ()):
            fill = QColor(style.HIGHLIGHT_COLORS.get(h.color, "#ffd400"))
            fill.setAlpha(95)
            for rr in line_bands(rr for rr in h.rects if int(rr[0]) == i):  # one band (or line) per line, no gaps
                if int(rr[0]) == i:
                    band = QRectF(r.x() + rr[1] * z, r.y() + rr[2] * z, (rr[3] - rr[1]) * z, (rr[4] - rr[2]) * z)
                    if h.style == "highlight":
                        p.fillRect(band, fill)
                    else:  # an underline, a squiggle or a strike-out: its line, as thick as the zoom makes a pen's
                        paint_line(p, band, h.style, line_color(h.color), max(1.5, 1.2 * z))
        for rect, h in self.note_signs(i, r):  # a note's sign in the page's margin, beside its first line
            paint_sign(p, rect, h.color, self.devicePixelRatioF())
            if self.sign_keys.is_focused(h):
                paint_ring(p, rect)
        for k, (s, e) in enumerate(self.find_hits):
            for q in self._rects_by_page(s, e).get(i, []):
                color = QColor(style.FIND_CURRENT) if k == self.find_current else QColor(style.FIND)
                color.setAlpha(150 if k == self.find_current else 110)
                p.fillRect(q.translated(r.topLeft()), color)
        for q in sel.get(i, []):
            p.fillRect(q.translated(r.topLeft()), QColor(61, 111, 182, 80))
        for q in flash.get(i, []):
            flash_fill = QColor(style.FLASH)
            flash_fill.setAlpha(140)
            p.fillRect(q.translated(r.topLeft()), flash_fill)
        if self.doc is not None and i not in self._words:
            p.setPen(QColor("#8a5a00"))
            note = QRectF(r.x() + 8, r.y() + 8, min(r.width() - 16, 420), 36)
            p.fillRect(note, QColor(255, 244, 220, 235))
            p.drawText(note.adjusted(8, 0, -8, 0), Qt.AlignmentFlag.AlignVCenter,
                       "This page is an image with no text: its text cannot be selected.")

    def note_signs(self, i: int, r: QRectF) -> list[tuple[QRectF, Highlight]]:
        """The note signs on page ``i`` (drawn at ``r``) and their highlights."""
        here = self._highlights_by_page.get(i, ())
        if not any(h.note for h in here):
            return []
        edges = self._text_edges.get(i)
        if edges is None:
            t, words = (self.doc.words, self._words.get(i)) if self.doc is not None else (None, None)
            edges = self._text_edges[i] = ((min(t.x0[k] for k in words), max(t.x1[k] for k in words)) if t and words
                                           else (72.0, r.width() / self.zoom - 72))
        return signs_on_page(list(here), i, r, self.zoom, edges, self.stickies.get(i, ()))

    def note_sign_at(self, pos: QPoint) -> Highlight | None:
        """The highlight whose note sign is under ``pos`` (on the pages on screen)."""
        for i in self.visible_pages():
            for rect, h in self.note_signs(i, self.page_rect(i)):
                if rect.adjusted(-2, -2, 2, 2).contains(QPointF(pos)):
                    return h
        return None

    def _noted_at(self, pos: QPoint) -> Highlight | None:
        """The highlight with a note under ``pos`` (its words show its note too, as in the text view)."""
        word, at = self.word_at(pos, nearest=False), self._page_at(pos)
        return next((h for h in self._highlights_by_page.get(at[0], ()) if h.note and h.start <= word.start < h.end),
                    None) if word is not None and at is not None else None

    def mousePressEvent(self, e: QMouseEvent) -> None:  # noqa: N802
        h = self.note_sign_at(e.position().toPoint()) if e.button() == Qt.MouseButton.LeftButton else None
        if h is None:
            return super().mousePressEvent(e)
        self.setFocus()
        self._press = None
        self.noteSignClicked.emit(h.id)

    def mouseMoveEvent(self, e: QMouseEvent) -> None:  # noqa: N802
        super().mouseMoveEvent(e)
        if not e.buttons() and self.note_sign_at(e.position().toPoint()) is not None:
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)

    def viewportEvent(self, e: QEvent) -> bool:  # noqa: N802
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            h = self.note_sign_at(e.pos()) or self._noted_at(e.pos())
            if h is not None:
                QToolTip.showText(e.globalPos(), tooltip(h.note), self.viewport())
            else:
                QToolTip.hideText()
                e.ignore()
            return True
        return super().viewportEvent(e)

    def _rects_by_page(self, start: int, end: int) -> dict[int, list[QRectF]]:
        out: dict[int, list[QRectF]] = {}
        if self.doc is None:
            return out
        z = self.zoom
        for pg, x0, y0, x1, y1 in line_bands(self.doc.rects_for(start, end)):
            out.setdefault(int(pg), []).append(QRectF(x0 * z, y0 * z, (x1 - x0) * z, (y1 - y0) * z))
        return out

    def resizeEvent(self, e: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(e)
        if self._sizes:
            page, frac = self.current_page(), self._page_fraction()
            if self.fit:
                self._apply_fit()
            else:
                self._relayout()
            self._scroll_to_page(page, frac)

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802
        self.viewport().update()

    @Slot(int)
    def _scrolled(self, _v: int) -> None:
        self._scroll_timer.start()
        self.viewport().update()
        page = self.current_page()
        if page != self._last_page:
            self._last_page = page
            self.pageChanged.emit(page)

    # -- highlights, selection, find, positions --------------------------------------------------

    def set_highlights(self, highlights: list[Highlight]) -> None:
        self.highlights = [h for h in highlights if not h.orphaned]
        by_page: dict[int, list[Highlight]] = {}
        for h in self.highlights:
            for page in {int(rr[0]) for rr in h.rects}:
                by_page.setdefault(page, []).append(h)
        self._highlights_by_page = by_page  # a paint looks at its pages' highlights only
        self.viewport().update()

    def set_find(self, hits: list[tuple[int, int]], current: int) -> None:
        self.find_hits, self.find_current = hits, current
        self.viewport().update()

    def flash(self, start: int, end: int, ms: int = 1200) -> None:
        self._flash = (start, end)
        self._flash_timer.start(ms)
        self.viewport().update()

    @property
    def flashing(self) -> bool:
        return self._flash is not None

    @Slot()
    def _end_flash(self) -> None:
        self._flash = None
        self.viewport().update()

    def scroll_to(self, offset: int, *, flash_to: int | None = None, top: bool = False) -> None:
        """Bring the word at ``offset`` into view (a third from the top)."""
        if self.doc is None or not self.doc.words:
            return
        rects = self.doc.rects_for(offset, max(offset + 1, flash_to or offset + 1))
        if not rects:
            i = bisect.bisect_left(self.doc.words.starts, offset)
            w = self.doc.words[min(i, len(self.doc.words) - 1)]
            rects = [[w.page, *w.rect]]
        pg, _x0, y0 = int(rects[0][0]), rects[0][1], rects[0][2]
        self._learn_sizes(range(pg, pg + 1))
        y = self._tops[pg] + y0 * self.zoom - (8 if top else self.viewport().height() / 3)
        self.verticalScrollBar().setValue(int(max(0, y)))
        if flash_to is not None:
            self.flash(offset, flash_to)
        self.viewport().update()

    def top_offset(self) -> int:
        """The first word visible at the top (the reading position)."""
        if self.doc is None or not self.doc.words:
            return 0
        page = self.current_page()
        y = (self.verticalScrollBar().value() - self._tops[page]) / self.zoom if self._tops else 0
        t = self.doc.words
        for p in range(page, min(page + 3, self.count)):
            for i in self._words.get(p, range(0)):
                if p > page or t.y1[i] >= y:
                    return t.starts[i]
        return t.starts[len(t) - 1]

    def is_offset_visible(self, offset: int) -> bool:
        if self.doc is None:
            return False
        rects = self.doc.rects_for(offset, offset + 1)
        if not rects:
            return False
        pg, x0, y0, _x1, _y1 = rects[0]
        r = self.page_rect(int(pg))
        return self.viewport().rect().contains(QPointF(r.x() + x0 * self.zoom, r.y() + y0 * self.zoom).toPoint())

    def point_of(self, offset: int) -> QPoint:
        """Where the word at ``offset`` is on screen (for tests and menus)."""
        assert self.doc is not None
        pg, x0, y0, x1, y1 = self.doc.rects_for(offset, offset + 1)[0]
        r = self.page_rect(int(pg))
        return QPointF(r.x() + (x0 + x1) / 2 * self.zoom, r.y() + (y0 + y1) / 2 * self.zoom).toPoint()
