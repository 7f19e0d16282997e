"""A long text laid out in short turns: the window answers while Qt lays out a book.

Qt lays a QTextDocument out lazily: the first screen at once, the rest on a timer, a step per
timer event. Each step is twice as long as the one before, up to 200,000 characters (a private
constant of QTextDocumentLayout): on War and Peace (3 MB) the window was frozen for 330-460 ms
a step, fifteen times over, while the person was reading its first page.

:class:`LayoutPacer` takes over that timer while the text is not all laid out: the layout's
timer events stop at its event filter, and each lays out a little more, asking Qt for the
block a few thousand characters past the last one asked for (``blockBoundingRect`` lays out up
to a block in steps that do not grow), for at most :data:`TURN_MS` of the thread's time. Qt's
own calls (the screen being painted, a jump far down the text) lay out what they need, as
before. The scroll bar is told of the text's new height after each turn, as Qt's own
size timer (whose events stop here too) would have. Once the whole text is laid out, timer
events pass again; a new width (the window resized) starts the pacing anew.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QEvent, QObject, QRectF, QSizeF
from PySide6.QtGui import QAbstractTextDocumentLayout, QTextDocument

log = logging.getLogger("reader.ui.layout_pacer")

#: The longest stretch of the GUI thread's time one turn of layout takes (ms) ...
TURN_MS = 20.0
#: ... and the most characters it lays out (a fast machine's turn stays short too).
TURN_CHARS = 30_000
#: Characters asked for at a time (Qt lays out to the next of its check points, every ~2,000 px).
STEP_CHARS = 3000
#: The thread's time left to other events between two turns (ms).
REST_MS = 4.0


class LayoutPacer(QObject):
    """Lays out ``qdoc`` in short turns (see the module's docstring)."""

    def __init__(self, qdoc: QTextDocument) -> None:
        super().__init__(qdoc)
        self.qdoc = qdoc
        self.layout: QAbstractTextDocumentLayout = qdoc.documentLayout()
        self._asked = 0  # Qt position up to which the layout was asked for
        self._key = self._width_key()
        self._done = False
        self._told = 0.0  # the height last told to the scroll bar
        self._last_turn = 0.0
        self.turns = 0
        qdoc.contentsChange.connect(self._changed)
        self.layout.update.connect(self._updated)
        self.layout.installEventFilter(self)

    def _width_key(self) -> tuple[float, float]:
        return (self.qdoc.pageSize().width(), self.qdoc.rootFrame().frameFormat().leftMargin())

    def _changed(self, *_args: object) -> None:
        self._asked = 0  # Qt lays the text out again from its start
        self._told = 0.0
        self._done = False

    def _updated(self, rect: QRectF) -> None:
        """Qt asks for the whole text to be repainted when it lays it out again from its start (a page
        size set, even the same one: the width alone does not tell): pacing starts again."""
        if rect.height() > 1e6:
            self._changed()

    @property
    def done(self) -> bool:
        return self._done

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:  # noqa: N802 (Qt override)
        if ev.type() != QEvent.Type.Timer or obj is not self.layout:
            return False
        key = self._width_key()
        if key != self._key:  # a new width: laid out anew
            self._key = key
            self._changed()
        if self._done:
            return False
        now = time.perf_counter()
        if (now - self._last_turn) * 1000 >= REST_MS:
            self._turn(now)
            self._last_turn = time.perf_counter()
        return not self._done  # Qt's step (ever longer) and its size timer: not while pacing

    def _turn(self, start: float) -> None:
        qdoc, layout = self.qdoc, self.layout
        end = qdoc.characterCount() - 1
        first = self._asked
        while True:
            self._asked = min(end, self._asked + STEP_CHARS)
            block = qdoc.findBlock(self._asked)
            layout.blockBoundingRect(block)
            if self._asked >= end or self._asked - first >= TURN_CHARS or \
                    (time.perf_counter() - start) * 1000 >= TURN_MS:
                break
        self.turns += 1
        bottom = layout.blockBoundingRect(block).bottom()
        if self._asked >= end:
            self._done = True  # (Qt says the whole text's size itself, its size timer let through now)
        elif bottom > self._told:  # the scroll bar follows (the view reads the height laid out so far)
            self._told = bottom
            layout.documentSizeChanged.emit(QSizeF(qdoc.textWidth(), bottom))


def pace(qdoc: QTextDocument) -> LayoutPacer:
    """Lay ``qdoc`` out in short turns from now on (while it is shown in a view)."""
    return LayoutPacer(qdoc)
