"""The Library's title cells: a title too long for its column is cut, never its flag.

Qt elides a cell's whole text at its end, so "A Very Long Title …  (missing)" lost the one
word that says why the row is red. :class:`TitleDelegate` cuts the title itself to the room
the flag leaves (``FLAG_ROLE``), and the style draws the rest as it draws any cell.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Slot
from PySide6.QtWidgets import QApplication, QHeaderView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView

from reader.ui.library_model import FLAG_ROLE

#: Pixels a cut title leaves spare at the cell's end (the style's own layout measures a little wider).
SPARE = 6


def text_room(option: QStyleOptionViewItem) -> int:
    """The pixels a cell's text gets when the style draws it (QCommonStyle: the text rectangle
    less a focus margin each side)."""
    widget = option.widget  # type: ignore[attr-defined]
    style = widget.style() if widget is not None else QApplication.style()
    rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, widget)
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
    return rect.width() - 2 * margin


class TitleDelegate(QStyledItemDelegate):
    """Draws "Title…  (missing)": the title elided to what the flag leaves of the column."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        flag = index.data(FLAG_ROLE)
        if not flag or option.rect.width() <= 0:  # type: ignore[attr-defined]  # a size hint: the whole text
            return
        text: str = option.text  # type: ignore[attr-defined]
        title = text[:-len(flag)] if text.endswith(flag) else text
        fm = option.fontMetrics  # type: ignore[attr-defined]
        # the style lays the text out on its own (a text layout, not these metrics): a title cut to the last pixel
        # was cut again at its end, "— pdfs/exp_annot…." (tryout s14). A few pixels spare, and should the style
        # still find it too long, it cuts the middle (the title), never the end (the file's name, the flag)
        option.textElideMode = Qt.TextElideMode.ElideMiddle  # type: ignore[attr-defined]
        room = text_room(option) - SPARE
        if fm.horizontalAdvance(text) <= room:
            return
        left = max(0, room - fm.horizontalAdvance(flag))
        option.text = fm.elidedText(title, Qt.TextElideMode.ElideRight, left) + flag  # type: ignore[attr-defined]


#: The fewest characters (of average width) the title column keeps, however narrow the window: a short title and
#: "— folder/file" ("Trace-based… — pdfs/exp_annot.pdf"); the other columns scroll sideways past that.
FLOOR_CHARS = 45


class TitleFloor(QObject):
    """Keeps the title column at least :data:`FLOOR_CHARS` wide. It takes the room the other columns leave
    (Stretch) while that is enough; in a narrower window it stays that wide and the table scrolls sideways (the
    Library made 900 pixels wide gave the title 105 pixels, 800 gave it 26: "— pdf…ot.pdf" in every row of a
    copy, nothing to tell them apart, while Author, Size and Claims reviewed kept their widths)."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        table.viewport().installEventFilter(self)
        table.horizontalHeader().sectionResized.connect(self._other_resized)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    @Slot(int, int, int)
    def _other_resized(self, col: int, _old: int, _new: int) -> None:
        if col != 0:
            self.fit()

    def floor(self) -> int:
        return FLOOR_CHARS * self.table.fontMetrics().averageCharWidth()

    def fit(self) -> None:
        h = self.table.horizontalHeader()
        others = sum(h.sectionSize(c) for c in range(1, h.count()) if not h.isSectionHidden(c))
        stretch = self.table.viewport().width() - others >= self.floor()
        if stretch and h.sectionResizeMode(0) != QHeaderView.ResizeMode.Stretch:
            h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        elif not stretch:
            if h.sectionResizeMode(0) == QHeaderView.ResizeMode.Stretch:
                h.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
            if h.sectionSize(0) != self.floor():
                h.resizeSection(0, self.floor())


def title_column(table: QTableView) -> None:
    """The Library's first column: the title takes the room the others leave (never less than the
    :class:`TitleFloor`), its flag always in sight."""
    table.setItemDelegateForColumn(0, TitleDelegate(table))
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    TitleFloor(table)
