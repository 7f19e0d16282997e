"""Rows as tall as their wrapped text, for the Claims & Quotes lists and the Speakers window's quotes (any tree
of long entries).

:class:`WrapDelegate` measures a row when the view asks (``sizeHint``, in Python); :class:`HintedWrapDelegate`
measures each item once, as it is made, into its size hint (``QTreeWidgetItem.setSizeHint``), and the view reads
those itself: a tree of 11,000 entries (War and Peace's quotes) is laid out again, after an entry moved, without
11,000 calls into Python (a quarter of a second each time)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QTreeWidget,
    QTreeWidgetItem,
)


class _Wrapped(QStyledItemDelegate):
    """Entries painted wrapped: a first line of metadata, then the words; measured by the subclasses."""

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
                self.width_changed()
                QTimer.singleShot(0, self.tree.doItemsLayout)
        return False

    def width_changed(self) -> None:
        """Another width: what is measured ahead of the view's asking is measured again (rows are laid out
        again once the resizing is over)."""

    def width_at(self, depth: int) -> int:
        """The width the text of a row ``depth`` levels down is painted in: the row's (the viewport less the
        indentation) less the 4 px on each side paint() leaves. Measured narrower, an entry whose last line just
        fits got an empty line under it (the gap after the first claim)."""
        indent = self.tree.indentation() * (depth + (1 if self.tree.rootIsDecorated() else 0))
        return max(80, self.tree.viewport().width() - indent - 8)

    def measure(self, text: str, font: QFont, width: int) -> QSize:
        """The size of ``text`` wrapped to ``width`` in ``font``."""
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


class WrapDelegate(_Wrapped):
    """Rows as tall as their wrapped text, measured when the view asks."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        return self.measure(text, font, self._width(index))

    def _width(self, index: QModelIndex | QPersistentModelIndex) -> int:
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        return self.width_at(depth)


class HintedWrapDelegate(_Wrapped):
    """Rows as tall as their wrapped text, measured into each item's size hint (:meth:`hint`, called by whoever
    makes the items, before they go into the tree): the view lays the rows out from those without asking Python.
    When the width changes, every item is measured again."""

    # (no sizeHint here: Qt's own reads the item's size hint, Qt.SizeHintRole, without calling Python)

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.items_tree = tree
        tree.installEventFilter(self)  # its font: another text size, another theme

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:  # noqa: N802
        if obj is self.tree and ev.type() == QEvent.Type.FontChange:
            self.width_changed()  # (the view lays its rows out again itself)
        return super().eventFilter(obj, ev)

    def hint(self, item: QTreeWidgetItem, depth: int) -> None:
        """Measure ``item`` (``depth`` levels down: 0 for a heading or a claim, 1 for a quote under its heading)."""
        font = item.data(0, Qt.ItemDataRole.FontRole)
        item.setSizeHint(0, self.measure(item.text(0), font if font is not None else self.tree.font(),
                                         self.width_at(depth)))

    def width_changed(self) -> None:
        """Every item measured again (another width), at once: laid out with its old height, a row cut off its
        last line until the list was laid out again."""
        tree = self.items_tree
        model = tree.model()
        model.blockSignals(True)  # a change a row would relay the rows out 11,000 times
        try:
            for i in range(tree.topLevelItemCount()):
                top = tree.topLevelItem(i)
                if top is None:
                    continue
                self.hint(top, 0)
                for j in range(top.childCount()):
                    child = top.child(j)
                    if child is not None:
                        self.hint(child, 1)
        finally:
            model.blockSignals(False)
