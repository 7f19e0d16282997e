"""Tab bars with every label whole: in one row with scroll arrows, or in rows.

The side panel's six tabs (Notes, Contents, Claims, Repairs, Search, Group)
need about 400 pixels in one row; a small window (800x600) gives the side
panel 240. Instead of cutting the labels to "N… C… Cl…", the side panel keeps
one row of whole labels and Qt's arrows scroll it (two rows of tabs read as
two panels); the current tab is always brought into view, Ctrl+PgDown and
Ctrl+PgUp switch tabs (reader/ui/actions.py), and the bar's focus shows as a
ring around its current tab.

The Claims panel's sections (Quotes, Claims, Terms, Positions with their
counts) use the same bar in rows, on its own in a layout: as many rows as it
needs, each filling the bar's width; then its room is its own
width, and it asks the layout again for its height when the rows change.

Qt's QTabBar lays out, paints and hit-tests one row only, so in rows each tab
is shown as a button (``QToolButton#sideTab``, styled like a tab in
``resources/style.qss``) laid where the rows put it; keys, the current tab
and the signals stay the tab bar's.
"""

from __future__ import annotations

from itertools import combinations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFocusEvent, QMouseEvent, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QTabBar, QTabWidget, QToolButton, QWidget


class WrapTabBar(QTabBar):
    def __init__(self, parent: QWidget | None = None, rows: bool = True) -> None:
        self._buttons: list[QToolButton] = []
        self._shown_rows = 1
        self._in_rows = rows  # False: always one row, with Qt's scroll arrows when it has no room
        super().__init__(parent)
        self.setUsesScrollButtons(not rows)
        self.setElideMode(Qt.TextElideMode.ElideNone)
        self.setExpanding(False)
        self.currentChanged.connect(lambda _i: self._sync())

    # -- layout ------------------------------------------------------------------------

    def _room(self) -> int:
        """The width the bar may take: its tab widget's (the bar's own width follows from it), or,
        on its own in a layout, the width the layout gave it."""
        parent = self.parentWidget()
        return parent.width() if isinstance(parent, QTabWidget) else self.width()

    def _rows(self, width: int) -> list[list[tuple[int, int]]]:
        """Tabs as rows of (index, natural width), in order: as few rows as fit, as even as can be."""
        tabs = [(i, self.tabSizeHint(i).width()) for i in range(self.count()) if self.isTabVisible(i)]
        if not self._in_rows or sum(tw for _i, tw in tabs) <= width or len(tabs) <= 1:
            return [tabs]
        best: list[list[tuple[int, int]]] = [[t] for t in tabs]
        for n in range(2, len(tabs)):  # the fewest rows that fit; among those, the narrowest widest row
            fits = []
            for cuts in combinations(range(1, len(tabs)), n - 1):
                rows = [tabs[a:b] for a, b in zip((0, *cuts), (*cuts, len(tabs)), strict=True)]
                widest = max(sum(tw for _i, tw in row) for row in rows)
                if widest <= width:
                    fits.append((widest, rows))
            if fits:
                best = min(fits, key=lambda f: f[0])[1]
                break
        return best

    def wrapped(self) -> bool:
        """True when the tabs do not fit one row and are shown in rows."""
        return len(self._rows(self._room())) > 1

    def _row_height(self) -> int:
        # the taller of Qt's tab and the button drawn in its place (the button's padding and underline
        # take more height than the tab's: a row of the tab's height cut the top off its label)
        tabs = (self.tabSizeHint(i).height() for i in range(self.count()))
        return max((*tabs, *(b.sizeHint().height() for b in self._buttons)), default=0)

    def _layout(self) -> dict[int, QRect]:
        width = max(1, self.width())
        h = self._row_height()
        rects: dict[int, QRect] = {}
        for r, row in enumerate(self._rows(width)):
            spare = max(0, width - sum(tw for _i, tw in row))
            x = 0
            for k, (i, tw) in enumerate(row):
                extra = spare // len(row) + (1 if k < spare % len(row) else 0)  # each row fills the bar
                rects[i] = QRect(x, r * h, tw + extra, h)
                x += tw + extra
        return rects

    def shown_rect(self, index: int) -> QRect:
        """Where tab ``index`` is drawn and clicked (Qt's ``tabRect`` when in one row)."""
        if not self.wrapped():
            return self.tabRect(index)
        return self._buttons[index].geometry() if index < len(self._buttons) else QRect()

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        rows = self._rows(self._room())
        if len(rows) <= 1:
            return hint
        return QSize(self._room(), len(rows) * self._row_height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """As narrow as its widest tab: the tabs go into rows rather than widen the panel."""
        widest = max((self.tabSizeHint(i).width() for i in range(self.count())), default=0)
        return QSize(widest, super().minimumSizeHint().height())

    # -- rows: a button per tab, laid where the rows put it ---------------------------------

    def _sync(self) -> None:
        """Show the tabs as buttons in rows when wrapped, else Qt's own tabs; buttons follow the tabs."""
        wrapped = self.wrapped()
        while len(self._buttons) < self.count():
            b = QToolButton(self)
            b.setObjectName("sideTab")
            b.setCheckable(True)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the bar keeps the keyboard: arrows change the tab
            b.clicked.connect(lambda _on=False, b=b: self._clicked(b))
            self._buttons.append(b)
        while len(self._buttons) > self.count():
            self._buttons.pop().deleteLater()
        rows = len(self._rows(self._room()))
        if rows != self._shown_rows:  # a row more or less (a narrower bar, a longer label): a new height
            self._shown_rows = rows
            self.updateGeometry()
        rects = self._layout() if wrapped else {}
        for i, b in enumerate(self._buttons):
            b.setText(self.tabText(i))  # "&&" is a literal & in both
            b.setToolTip(self.tabToolTip(i))
            b.setChecked(i == self.currentIndex())
            ring = i == self.currentIndex() and self.hasFocus()  # the bar's focus shows on its current tab
            if bool(b.property("focusRing")) != ring:
                b.setProperty("focusRing", ring)
                b.style().unpolish(b)
                b.style().polish(b)
            if i in rects:
                b.setGeometry(rects[i])
                b.show()
            else:
                b.hide()
        self.update()

    def _clicked(self, button: QToolButton) -> None:
        i = self._buttons.index(button)
        self.setCurrentIndex(i)
        self.tabBarClicked.emit(i)
        button.setChecked(i == self.currentIndex())

    def buttons(self) -> list[QToolButton]:
        """The tabs as shown in rows (hidden when one row has room)."""
        return list(self._buttons)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._sync()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self._sync()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self._sync()

    def tabLayoutChange(self) -> None:  # noqa: N802
        super().tabLayoutChange()
        self._sync()

    def tabInserted(self, index: int) -> None:  # noqa: N802
        super().tabInserted(index)
        self._sync()

    def tabRemoved(self, index: int) -> None:  # noqa: N802
        super().tabRemoved(index)
        self._sync()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if not self.wrapped():  # in rows the buttons are the tabs
            super().paintEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if not self.wrapped():  # Qt's hit test follows its one-row layout
            super().mousePressEvent(event)


class SideTabs(QTabWidget):
    """The side panel: a QTabWidget whose tabs stay in one row, every label whole; when the panel is
    too narrow for them all (an 800x600 window), Qt's arrows scroll the row (the current tab is
    always brought into view). Two rows of tabs pushed the pages down and read as two panels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabBar(WrapTabBar(self, rows=False))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.tabBar().updateGeometry()  # the rows depend on this width: lay the bar and the pages out again
