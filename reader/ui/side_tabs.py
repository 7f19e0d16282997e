"""Tab bars with every label whole, in one row.

The side panel's six tabs (Notes, Contents, Claims, Repairs, Search, Group)
need about 400 pixels in one row; a small window (800x600) gives the side
panel 240. Instead of cutting the labels to "N… C… Cl…", the side panel keeps
one row of whole labels and Qt's arrows scroll it (two rows of tabs read as
two panels); the current tab is always brought into view, Ctrl+PgDown and
Ctrl+PgUp switch tabs (reader/ui/actions.py), and the bar's focus shows as a
ring around its current tab (``resources/style.qss``).

The Claims panel's sections (Quotes, Claims, Terms, Positions with their
counts) are few enough to be seen all at once: their labels shorten to fit
one row instead (``FitTabBar``), the counts going to the tooltips.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QTabBar, QTabWidget, QWidget


class ScrollTabBar(QTabBar):
    """One row of whole labels; Qt's arrows scroll it when it has no room for them all."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUsesScrollButtons(True)
        self.setElideMode(Qt.TextElideMode.ElideNone)
        self.setExpanding(False)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """As narrow as its widest tab: the arrows scroll the row rather than widen the panel."""
        widest = max((self.tabSizeHint(i).width() for i in range(self.count())), default=0)
        return QSize(widest, super().minimumSizeHint().height())


class SideTabs(QTabWidget):
    """The side panel: a QTabWidget whose tabs stay in one row, every label whole; when the panel is
    too narrow for them all (an 800x600 window), Qt's arrows scroll the row (the current tab is
    always brought into view). Two rows of tabs pushed the pages down and read as two panels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabBar(ScrollTabBar(self))


class FitTabBar(QTabBar):
    """One row of tabs whose labels shorten to fit, for a panel's sections ("Quotes (4,487)", …).

    Each tab has labels from the longest to the shortest ("Quotes (4,487)", "Quotes"); the bar shows
    the longest that fit all together in its width, the same form for every tab, and a tab showing a
    shorter label has its longest in its tooltip. Only when even the shortest do not fit does Qt cut
    them ("Posi…"). Never a second row (two rows of sections read as two panels and pushed the list
    down as the counts arrived), never arrows hiding a section.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels: list[tuple[str, ...]] = []
        self.setUsesScrollButtons(False)
        self.setElideMode(Qt.TextElideMode.ElideRight)
        self.setExpanding(True)

    def add_labelled(self, *labels: str) -> int:
        """A tab with these labels, longest first."""
        self._labels.append(labels)
        i = self.addTab(labels[-1])
        self._fit()
        return i

    def set_labels(self, index: int, *labels: str) -> None:
        """Tab ``index``'s labels, longest first (one label: always that one)."""
        self._labels[index] = labels
        self._fit()

    def _fit(self) -> None:
        if self.count() != len(self._labels):
            return
        fm = self.fontMetrics()
        # a tab's padding and frame: its width beyond its label's, as the style lays it out
        frame = [self.tabSizeHint(i).width() - fm.horizontalAdvance(self.tabText(i)) for i in range(self.count())]
        forms = max((len(labels) for labels in self._labels), default=1)
        shown: list[str] = []
        fits = False
        for k in range(forms):
            shown = [labels[min(k, len(labels) - 1)] for labels in self._labels]
            fits = sum(fm.horizontalAdvance(t) + f for t, f in zip(shown, frame, strict=True)) <= self.width()
            if fits:
                break
        for i, (text, labels) in enumerate(zip(shown, self._labels, strict=True)):
            if self.tabText(i) != text:
                self.setTabText(i, text)
            tip = labels[0] if text != labels[0] or not fits else ""
            if self.tabToolTip(i) != tip:
                self.setTabToolTip(i, tip)

    def shortened(self) -> bool:
        """True when some tab shows less than its longest label."""
        return any(self.tabText(i) != labels[0] for i, labels in enumerate(self._labels))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()
