"""A panel's status sentence that keeps to one line when the panel is short.

In an 800 x 600 window the Claims panel's summary ("18 quotes and 1 position from 8 speakers,
19 check-worthy claims, 7 quoted terms. Click an entry…") took three lines, and with the
section tabs, the filters and a claim's review form the list had room for part of one claim
(tryout 9). Short, the sentence shows one line and the whole of it is its tooltip: its short form when it
has one ("8 speakers · 37 quotes · 12 positions · 214 claims · 9 terms"), else its start, cut with "…" where
it stops (the first line alone was cut after "214 check-worthy claims," with no sign of more: tryout s14)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QWidget

#: A panel shorter than this (pixels) keeps its status to one line.
SHORT_PANEL = 620
_ANY = 16777215  # QWIDGETSIZE_MAX


class StatusLine(QLabel):
    """A word-wrapped label, shown as one line by :meth:`fit` when its panel is short."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)  # cut: the first line shows
        self.compact = False
        self.short = ""

    def setText(self, text: str, short: str = "") -> None:  # noqa: N802 (Qt's name)
        """The sentence, and what one line of it says (``short``) when the panel is short."""
        self.short = short
        super().setText(text)
        self.setToolTip(text if self.compact else "")

    def shown_text(self) -> str:
        """What the label shows: the whole sentence; one line in a short panel, cut with "…" if it must be."""
        if not self.compact:
            return self.text()
        return self.fontMetrics().elidedText(self.short or self.text(), Qt.TextElideMode.ElideRight,
                                             self.contentsRect().width())

    def fit(self, panel_height: int) -> None:
        """One line in a panel shorter than SHORT_PANEL, as many as it needs in a taller one."""
        compact = panel_height < SHORT_PANEL
        if compact == self.compact:
            return
        self.compact = compact
        m = self.contentsMargins()
        self.setMaximumHeight(self.fontMetrics().lineSpacing() + m.top() + m.bottom() + 2 if compact else _ANY)
        self.setToolTip(self.text() if compact else "")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        if not self.compact:
            super().paintEvent(event)
            return
        painter = QPainter(self)
        self.style().drawItemText(painter, self.contentsRect(), int(self.alignment()), self.palette(),
                                  self.isEnabled(), self.shown_text(), self.foregroundRole())
