"""A label that gives up width before anything else does: in a crowded status bar (an
800-pixel window with a PDF's page controls) it shows "PDF · 14 pages · 82,6…" and the
whole line in its tooltip, instead of the buttons beside it being cut to "Pa…ew"."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    """One line of text, elided at the right when the layout gives it less than it needs;
    the whole text is its tooltip."""

    def __init__(self, text: str = "", parent: QWidget | None = None, min_chars: int = 6) -> None:
        super().__init__(text, parent)
        self._min_chars = min_chars
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setToolTip(text)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self.setToolTip(text)  # the whole line, however little of it shows

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        hint = super().minimumSizeHint()
        m = self.contentsMargins()
        least = self.fontMetrics().averageCharWidth() * self._min_chars + m.left() + m.right()
        return QSize(min(hint.width(), least), hint.height())

    def shown_text(self) -> str:
        """What the label shows at its width (the text, or its start with "…")."""
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        shown = self.shown_text()
        if shown == self.text():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        self.style().drawItemText(painter, self.contentsRect(), int(self.alignment() | Qt.AlignmentFlag.AlignVCenter),
                                  self.palette(), self.isEnabled(), shown, self.foregroundRole())
