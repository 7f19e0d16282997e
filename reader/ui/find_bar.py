"""Find in the document (Ctrl+F): every hit marked, Enter steps to the next.

The search is :func:`reader.find.iter_find`, run a slice of the text per turn
of the event loop, so typing never waits for a 3 MB book; each keystroke
starts over and the newest query wins. Esc closes the bar; opening another
document clears it.

FindBar signals:
    hitsChanged(): the hits or the current hit changed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from reader.find import iter_find
from reader.ui import style
from reader.ui.figures import count

if TYPE_CHECKING:
    from reader.document import Document
    from reader.ui.document_view import DocumentView
    from reader.ui.page_view import PageView
    from reader.ui.reading_view import ReadingView

#: Searching runs this long per turn of the event loop.
SLICE_S = 0.012


class _FindField(QLineEdit):
    escaped = Signal()

    def keyPressEvent(self, e: QKeyEvent) -> None:  # noqa: N802
        if e.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(e)


class FindBar(QWidget):
    hitsChanged = Signal()

    def __init__(self, text_view: ReadingView, current_view: Callable[[], DocumentView],
                 page_view: Callable[[], PageView | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.text_view = text_view
        self.current_view = current_view
        self.page_view = page_view
        self.doc: Document | None = None
        #: Whether the text view shows the repaired text (find marks are not drawn on the original).
        self.marks_on_text = True
        self.hits: list[tuple[int, int]] = []
        self.index = -1
        self._search: Iterator[list[tuple[int, int]]] | None = None
        self._stepped = False
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._search_some)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 4, 10, 4)
        self.field = _FindField()
        self.field.setPlaceholderText("Find in document")
        self.field.setClearButtonEnabled(True)
        self.count = QLabel("")
        prev_b, next_b, close_b = QPushButton("Previous"), QPushButton("Next"), QPushButton("Close")
        for w in (self.field, self.count, prev_b, next_b, close_b):
            lay.addWidget(w)
        lay.setStretch(0, 1)
        self.field.textChanged.connect(self._changed)
        self.field.returnPressed.connect(lambda: self.step(1))
        self.field.escaped.connect(self.close_bar)
        prev_b.clicked.connect(lambda: self.step(-1))
        next_b.clicked.connect(lambda: self.step(1))
        close_b.clicked.connect(self.close_bar)
        self.hide()

    @property
    def searching(self) -> bool:
        return self._search is not None

    @Slot()
    def open(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    @Slot()
    def close_bar(self) -> None:
        self.hide()
        self._stop()
        self.hits, self.index = [], -1
        self._show_marks()
        self.current_view().setFocus()

    def set_document(self, doc: Document | None) -> None:
        """A new document: the old one's hits mean nothing here."""
        self.doc = doc
        self._stop()
        self.hits, self.index = [], -1
        self.count.setText("")
        if self.isVisible():
            self.field.blockSignals(True)
            self.field.clear()
            self.field.blockSignals(False)
            self.hide()

    def _stop(self) -> None:
        self._timer.stop()
        self._search = None

    @Slot(str)
    def _changed(self, text: str) -> None:
        self._stop()
        self.hits, self.index = [], -1
        self._stepped = False
        if self.doc is not None and text.strip():
            self._search = iter_find(self.doc.text, text)
            self.count.setText("Finding…")
            self._timer.start()
            self._search_some()
        else:
            self.count.setText("")
            self._show_marks()

    def _search_some(self) -> None:
        """Slices of the text for a few milliseconds, then back to the event loop (typing
        goes on); the first hit after the reading position is shown as soon as it is found."""
        if self._search is None:
            return
        until = time.perf_counter() + SLICE_S
        while time.perf_counter() < until:
            try:
                batch = next(self._search)
            except StopIteration:
                self._stop()
                if not self._stepped:
                    self.step(1, first=True)
                else:
                    self._update_count()
                    self._show_marks()
                return
            self.hits.extend(batch)
            if batch and not self._stepped and batch[-1][0] >= self.current_view().top_offset():
                self.step(1, first=True)
        self._update_count()

    def step(self, direction: int, first: bool = False) -> None:
        if self.hits:
            if first:
                top = self.current_view().top_offset()
                self.index = next((k for k, (s, _e) in enumerate(self.hits) if s >= top), 0)
                self._stepped = True
            else:
                self.index = (self.index + direction) % len(self.hits)
            s, _e = self.hits[self.index]
            self.current_view().scroll_to(s)
        self._update_count()
        self._show_marks()

    def _update_count(self) -> None:
        if self.hits:
            more = "+" if self.searching else ""
            self.count.setText(f"{count(self.index + 1)} of {count(len(self.hits))}{more}")
        elif not self.searching:
            self.count.setText("No matches" if self.field.text().strip() else "")

    def _show_marks(self) -> None:
        pv = self.page_view()
        if pv is not None:
            pv.set_find(self.hits, self.index)
        if self.marks_on_text and self.text_view.doc is self.doc:  # (a PDF on its pages has no text laid out)
            hit, current = QTextCharFormat(), QTextCharFormat()
            hit.setBackground(QColor(style.FIND))
            current.setBackground(QColor(style.FIND_CURRENT))
            for f in (hit, current):
                f.setForeground(QColor(style.MARK_INK))
            self.text_view.set_marks([(s, e, current if k == self.index else hit) for k, (s, e) in enumerate(self.hits)])
        self.hitsChanged.emit()
