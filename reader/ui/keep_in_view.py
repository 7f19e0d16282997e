"""A list's chosen row stays in view when the list gets shorter under it (a detail box appearing or growing
below the list takes its height: the row arrowed to was left cut to its first line)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem
from shiboken6 import isValid


class KeepCurrentInView(QObject):
    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree
        self.viewport = tree.viewport()
        self.viewport.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        # the event first: the viewport has events while the list is being destroyed, the list's own part gone
        if isinstance(event, QResizeEvent) and obj is self.viewport and isValid(self.tree) \
                and event.size().height() < event.oldSize().height():
            item = self.tree.currentItem()
            r = self.tree.visualItemRect(item) if item is not None else None
            if r is not None and r.isValid() and r.bottom() >= 0 and r.top() < event.oldSize().height():
                QTimer.singleShot(0, lambda it=item: self.keep(it))  # it was in view: it stays (once laid out)
        return False

    def keep(self, item: QTreeWidgetItem | None) -> None:
        if item is not None and item is self.tree.currentItem():
            self.tree.scrollToItem(item)
