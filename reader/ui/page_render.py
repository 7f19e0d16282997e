"""The page view's render thread: its own MuPDF document, pages rendered on
request (and skipped when nobody wants them any more)."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QImage

if TYPE_CHECKING:
    from reader.pdf_pages import PdfPages

log = logging.getLogger("reader.pages")


class RenderWorker(QObject):
    """Renders pages on its own thread with its own copy of the document."""

    rendered = Signal(int, float, QImage, int)
    failed = Signal(int)

    def __init__(self, data: bytes, name: str, password: str | None) -> None:
        super().__init__()
        self._args = (data, name, password)
        self._pages: PdfPages | None = None
        self.wanted: set[tuple[int, float]] = set()
        #: The xrefs of annotations not to draw, by page (Reader draws those itself); how many times that
        #: changed, and at which change each page's last did: a page rendered before that is rendered again.
        self.hidden: frozenset[str] = frozenset()  # their keys (reader.pdf_pages.PdfAnnotation.key)
        self.generation = 0
        self.changed_at: dict[int, int] = {}
        self.lock = threading.Lock()

    @Slot(int, float)
    def render(self, page: int, zoom: float) -> None:
        with self.lock:
            if (page, zoom) not in self.wanted:
                return  # scrolled away or zoomed since: nobody wants it now
            hidden, generation = self.hidden, self.generation
        if self._pages is None:
            from reader.pdf_pages import PdfPages

            try:
                self._pages = PdfPages(*self._args)
            except Exception as exc:  # the GUI thread opened it already; this should not fail
                log.error("render thread could not open the PDF: %s", exc)
                return
        res = self._pages.render(page, zoom, hidden)
        with self.lock:
            self.wanted.discard((page, zoom))
        if res is None:
            self.failed.emit(page)
            return
        w, h, stride, buf = res
        img = QImage(buf, w, h, stride, QImage.Format.Format_RGB888).copy()
        self.rendered.emit(page, zoom, img, generation)

    @Slot()
    def close(self) -> None:
        if self._pages is not None:
            self._pages.close()
            self._pages = None
