"""Rows as tall as their wrapped text, for the Claims & Quotes lists and the Speakers window's quotes (any tree
of long entries)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView


class WrapDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text: a first line of metadata, then the words."""

    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self.tree = tree
        self._laid_out_width = -1
        self._heights: dict[tuple[str, int, str], int] = {}  # wrapped text's height by (text, width, font)
        tree.viewport().installEventFilter(self)

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:  # noqa: N802
        # Row heights depend on the width: measured while the tab was hidden (or before the scroll bar came),
        # the last line of an entry (who said it) was cut off. Measure again when the width is known.
        if ev.type() in (QEvent.Type.Resize, QEvent.Type.Show) and obj is self.tree.viewport():
            width = self.tree.viewport().width()
            if width != self._laid_out_width and self.tree.isVisible():
                self._laid_out_width = width
                QTimer.singleShot(0, self.tree.doItemsLayout)
        return False

    def _width(self, index: QModelIndex | QPersistentModelIndex) -> int:
        """The width the text is painted in: the row's (the viewport less the indentation) less
        the 4 px on each side paint() leaves. Measured narrower, an entry whose last line just
        fits got an empty line under it (the gap after the first claim)."""
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        indent = self.tree.indentation() * (depth + (1 if self.tree.rootIsDecorated() else 0))
        return max(80, self.tree.viewport().width() - indent - 8)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        width = self._width(index)
        key = (text, width, font.key())
        height = self._heights.get(key)
        if height is None:  # measured once a width: the list again (a filter typed, a section back) lays out fast
            if len(self._heights) > 100_000:
                self._heights.clear()
            height = QFontMetrics(font).boundingRect(QRect(0, 0, width, 100000), Qt.TextFlag.TextWordWrap, text).height()
            self._heights[key] = height
        return QSize(width + 8, height + 10)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        style_ = opt.widget.style() if opt.widget else QApplication.style()
        style_.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.setPen(opt.palette.highlightedText().color() if selected else opt.palette.text().color())
        painter.setFont(opt.font)
        painter.drawText(opt.rect.adjusted(4, 5, -4, -5), Qt.TextFlag.TextWordWrap, text)
        painter.restore()
