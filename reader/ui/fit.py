"""Small windows: the text never goes below about 45 characters a line.

The side panel keeps the width it was last dragged to (420 px at first)
whenever the window has room for it; a smaller window squeezes it, a larger
one gives the width back.

As the window narrows, the side panel gives up width first (down to
PANEL_MIN); below that it folds away (View > Side Panel, Ctrl+Shift+A, brings
it back) and comes back by itself when the window is wide enough again, if it
was folded for lack of room. The notes search field sits in the menu bar's
corner, so a narrow toolbar overflows into its » menu without losing it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QHBoxLayout, QLayout, QWidget

from reader.ui import style

if TYPE_CHECKING:
    pass

MIN_CHARS = 45
PANEL_MIN = 240
PANEL_WIDTH = 420  # the panel's width in a large window until the person drags it


def min_text_width(w: Any) -> int:
    """Pixels the reading column needs for MIN_CHARS characters, with the view's margins and scroll bar."""
    f = QFont()
    f.setFamilies(style.READING_FAMILY)
    f.setPointSizeF(style.FONT_PT)
    chars = QFontMetricsF(f).averageCharWidth() * MIN_CHARS
    return int(chars + 2 * 28 + 2 * 28 + w.view.verticalScrollBar().sizeHint().width())


class _Fitter(QObject):
    def __init__(self, w: Any) -> None:
        super().__init__(w)
        self.w = w
        self.auto_folded = False
        self.shown_by_hand = False  # the person brought the panel back: it stays until the window is resized
        self._busy = False
        self.panel_width = PANEL_WIDTH  # what the panel gets back when there is room: the width last dragged to
        w.tabs.setMinimumWidth(PANEL_MIN)
        w.splitter.setCollapsible(0, False)
        w.splitter.splitterMoved.connect(self._dragged)
        w.menus.panel_action.toggled.connect(self._panel_toggled)
        w.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        self._floor_timer = QTimer(self)
        self._floor_timer.setSingleShot(True)
        self._floor_timer.setInterval(0)
        self._floor_timer.timeout.connect(self.floor)

    def floor(self) -> None:
        """The window's minimum: what its parts need, but never more than it has (a larger minimum would make
        Qt grow the window by itself: a note box at a large font took 1024 x 700 to 1025 x 783)."""
        w, need = self.w, self.w.minimumSizeHint()
        w.setMinimumSize(min(need.width(), w.width()), min(need.height(), w.height()))

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:  # noqa: N802
        if obj is self.w and ev.type() == QEvent.Type.LayoutRequest:
            self._floor_timer.start()  # once the layout has its new minimum
        if obj is self.w and ev.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            if ev.type() == QEvent.Type.Resize:
                self.shown_by_hand = False
            self._timer.start()
        return False

    def _dragged(self, *_args: object) -> None:
        if self.w.menus.panel_action.isChecked():
            self.panel_width = max(PANEL_MIN, self.w.splitter.sizes()[1])
        self.fit()

    def _panel_toggled(self, on: bool) -> None:
        if not self._busy:
            self.auto_folded = False  # the person decided
            self.shown_by_hand = on
            if on:
                self._timer.start()

    def fit(self) -> None:
        w = self.w
        total = w.splitter.width()
        need = min_text_width(w)
        panel_on = w.menus.panel_action.isChecked()
        self._busy = True
        try:
            if panel_on:
                left, panel = w.splitter.sizes()
                if total - need >= PANEL_MIN:
                    # the text keeps its width; a panel squeezed by a smaller window grows back as room comes back
                    want = min(self.panel_width, total - need)
                    if left < need or panel < want:
                        w.splitter.setSizes([total - want, want])
                elif self.shown_by_hand:  # brought back by hand in a small window: it gets what room there is
                    w.splitter.setSizes([max(total - PANEL_MIN, total // 2), min(PANEL_MIN, total // 2)])
                else:  # no room for both: the panel folds away
                    w.menus.panel_action.setChecked(False)
                    self.auto_folded = True
            elif self.auto_folded and total - need >= PANEL_MIN + 80:
                w.menus.panel_action.setChecked(True)
                self.auto_folded = False
                want = min(self.panel_width, total - need)
                w.splitter.setSizes([total - want, want])
        finally:
            self._busy = False


def install(w: Any) -> None:
    w.fitter = _Fitter(w)  # type: ignore[attr-defined]
    # the window never resizes itself: a note box shown at a large font (QT_FONT_DPI=144 in 1024 x 700) grew it
    # to 1025 x 783 (Qt sets a window's minimum to its layout's, growing it to that); the fitter sets the minimum
    # instead, never above the window's size, and the parts fit the room there is, as above
    own = w.layout()
    if own is not None:
        own.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    w.fitter.floor()
    from PySide6.QtWidgets import QToolButton

    more = w.menus.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    if more is not None:  # the » of a narrow toolbar, in the theme's ink (the style's arrow was dim on dark)
        more.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        more.setText("»")
        more.setToolTip("More of the toolbar")
    field = w.menus.search_field
    # wide enough for its placeholder beside the clear button, at the font in use
    room = field.fontMetrics().horizontalAdvance(field.placeholderText()) + 2 * field.sizeHint().height() + 16
    field.setMinimumWidth(max(160, room))
    field.setMaximumWidth(max(260, room))
    corner = QWidget(w.menuBar())  # a little air around the field: it touched the window's top and right edges
    corner.setObjectName("searchCorner")
    lay = QHBoxLayout(corner)
    lay.setContentsMargins(0, 2, 8, 2)
    lay.addWidget(field)
    w.menuBar().setCornerWidget(corner, Qt.Corner.TopRightCorner)
    corner.show()
    field.show()
