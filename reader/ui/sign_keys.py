"""The note signs on a PDF's pages from the keyboard (tryout s14: only a mouse could reach them): Tab and Shift+Tab
in the page view go from sign to sign on the pages on screen, in reading order (page, then down the page, then
across); Enter opens the focused sign's note, as a click does (Tab from there on goes on from it); Escape lets go
of it. Past the last sign
(or before the first) Tab leaves the page view as it did before, so it never traps the keyboard. The focused sign
has a focus ring, its note's first lines show as its tooltip and the status bar says which it is.

An event filter on the page view (page_view.py draws the ring where this says); Qt-only, no SQL.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import QToolTip

from reader.ui import messages, style
from reader.ui.note_signs import tooltip

if TYPE_CHECKING:
    from notes_db import Highlight
    from reader.ui.page_view import PageView

log = logging.getLogger("reader.ui.sign_keys")

#: The keys that open the focused sign's note.
OPEN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class SignKeys(QObject):
    """Which note sign of the page view has the keyboard's focus (a highlight id, or None), and the keys."""

    def __init__(self, view: PageView) -> None:
        super().__init__(view)
        self.view = view
        self.focused: int | None = None
        view.installEventFilter(self)

    def signs(self) -> list[tuple[QRectF, Highlight]]:
        """The note signs on screen, in reading order: page, then top to bottom, then left to right. Only those in
        the view: a page on screen may have signs scrolled out of it (tryout s15: the first Tab went to a sign
        above the view, its tooltip over the toolbar, while the status said "on screen")."""
        v = self.view
        seen = QRectF(v.viewport().rect())
        out: list[tuple[int, QRectF, Highlight]] = []
        for i in v.visible_pages():
            out.extend((i, rect, h) for rect, h in v.note_signs(i, v.page_rect(i)) if seen.contains(rect.center()))
        out.sort(key=lambda s: (s[0], round(s[1].top()), s[1].left()))
        return [(rect, h) for _i, rect, h in out]

    def focused_rect(self) -> QRectF | None:
        """Where the focused sign is on screen (None when none is, or it is scrolled away)."""
        return next((rect for rect, h in self.signs() if h.id == self.focused), None) if self.focused is not None \
            else None

    def is_focused(self, h: Highlight) -> bool:
        """Whether ``h``'s sign is drawn with the focus ring (the view has the keyboard's focus)."""
        return self.focused == h.id and self.view.hasFocus()

    def step(self, forward: bool) -> bool:
        """The next (previous) sign on screen takes the focus; False when there is none (the focus leaves)."""
        signs = self.signs()
        ids = [h.id for _r, h in signs]
        if self.focused in ids:
            k = ids.index(self.focused) + (1 if forward else -1)
        else:
            k = 0 if forward else len(ids) - 1
        if not 0 <= k < len(ids):
            self.release()
            return False
        rect, h = signs[k]
        self.focused = h.id
        self.view.viewport().update()
        beside = QPoint(int(rect.right()) + 4, int(rect.top()))  # the note beside its sign, not over it
        QToolTip.showText(self.view.viewport().mapToGlobal(beside), tooltip(h.note), self.view.viewport(),
                          rect.toAlignedRect())
        messages.status(f"Note {k + 1} of {len(ids)} on screen: Enter opens it, Tab goes to the next.")
        return True

    def release(self) -> None:
        """No sign has the focus any more."""
        if self.focused is not None:
            self.focused = None
            QToolTip.hideText()
            self.view.viewport().update()

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:  # noqa: N802
        if obj is not self.view:
            return False
        if e.type() == QEvent.Type.KeyPress and isinstance(e, QKeyEvent):
            key, mods = e.key(), e.modifiers()
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not mods & (Qt.KeyboardModifier.ControlModifier
                                                                          | Qt.KeyboardModifier.AltModifier):
                back = key == Qt.Key.Key_Backtab or bool(mods & Qt.KeyboardModifier.ShiftModifier)
                return self.step(not back)
            if key in OPEN_KEYS and self.focused is not None and self.focused_rect() is not None:
                QToolTip.hideText()
                self.view.noteSignClicked.emit(self.focused)
                return True
            if key == Qt.Key.Key_Escape:
                self.release()
        elif e.type() == QEvent.Type.FocusIn and isinstance(e, QFocusEvent):
            if e.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
                self.focused = None  # (not the sign focused when the view was last left: review s15)
                self.step(e.reason() == Qt.FocusReason.TabFocusReason)  # come in by Tab: on the first (last) sign
        elif e.type() == QEvent.Type.FocusOut and self.focused is not None:  # (the ring is drawn with the focus only)
            QToolTip.hideText()
            self.view.viewport().update()
        return False


def paint_ring(p: QPainter, rect: QRectF) -> None:
    """The focus ring around a focused sign: the accent colour, a little outside it, as a focused button has."""
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(style.ACCENT), 2)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    pad = max(2.0, rect.width() * 0.2)
    p.drawRoundedRect(rect.adjusted(-pad, -pad, pad, pad), 3, 3)
    p.restore()
