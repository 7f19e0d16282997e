"""The multi-line note box every note editor uses (a highlight's note, a claim's review): Ctrl+Enter saves,
Escape cancels (its owner puts back what is saved), Tab goes on to the next field.

Signals:
    submitted(): Ctrl+Enter.
    cancelled(): Escape.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFontMetricsF, QKeyEvent, QResizeEvent, QShowEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class NoteEdit(QPlainTextEdit):
    submitted = Signal()
    cancelled = Signal()

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab goes on to the next field, as in any form (a tab in a note was a trap)
        self.setPlaceholderText(placeholder)
        self._lines = (0, 0)
        self.document().contentsChanged.connect(self._grow)  # once: set_lines may be called again

    def set_lines(self, least: int, most: int | None = None) -> None:
        """Show ``least`` lines of its font, more as the note grows (up to ``most``; then it scrolls)."""
        self._lines = (least, most or least)
        self._fit()

    def _grow(self) -> None:
        if self._lines[1] > self._lines[0]:  # a box that grows with its note
            self._fit()

    def _fit(self) -> None:
        least, most = self._lines
        if not least:
            return
        lines, block = 0, self.document().begin()
        while block.isValid() and lines <= most:  # the lines as wrapped at this width (a paragraph not laid out: 1)
            layout = block.layout()
            lines += max(1, layout.lineCount() if layout is not None else 1)
            block = block.next()
        # the frame, the style sheet's border and padding: what the widget has around its viewport (known once laid
        # out; a hidden box's viewport keeps its old height, so a second fit before it is shown went negative)
        vh = self.viewport().height()
        around = self.height() - vh if self.isVisible() and 0 < vh < self.height() else 2 * self.frameWidth()
        shown = min(most, max(least, lines))
        if most > least:  # a scroll bar only once the note is taller than the box can grow (it took width: more lines)
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if lines > most
                                            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # each line at a whole pixel (the box lays its lines at whole pixels: with the app's font, Inter 10 pt,
        # a line is 16.4 px high, and three lines took 50 px, not 49.2: the last one went under a scroll bar)
        line = math.ceil(QFontMetricsF(self.font()).lineSpacing())
        self.setFixedHeight(line * shown + math.ceil(2 * self.document().documentMargin()) + around + 1)

    def resizeEvent(self, e: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(e)
        if self._lines[1] > self._lines[0] and e.size().width() != e.oldSize().width():
            self._fit()  # wrapped again at another width

    def showEvent(self, e: QShowEvent) -> None:  # noqa: N802
        super().showEvent(e)
        self._fit()

    def put_back(self, text: str) -> None:
        """The note as saved, the cursor at its end (Escape: typing goes on from there)."""
        self.setPlainText(text)
        self.moveCursor(QTextCursor.MoveOperation.End)

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride and isinstance(e, QKeyEvent) and e.key() == Qt.Key.Key_Escape:
            e.accept()  # the box's Escape (cancel the edit), before any shortcut of its window
            return True
        return super().event(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:  # noqa: N802
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and e.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.submitted.emit()
            return
        if e.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(e)
