"""The annotations panel: this document's highlights in reading order, as a
model and a painted card per visible row, so 10,000 highlights cost what is on
screen. The model follows the session by delta (``HighlightsChanged``); the
filters are a proxy model (both in reader/ui/highlights_model.py).

AnnotationsPanel signals:
    activated(int): an entry was clicked (highlight id): jump there.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from notes_db import Highlight
from reader.note_lines import signed_lines
from reader.session import HighlightsChanged
from reader.ui import style, themes
from reader.ui.annotations import elide
from reader.ui.figures import count
from reader.ui.highlights_model import (
    HighlightRole,
    HighlightsFilter,
    HighlightsModel,
    IdRole,
    Index,
    meta_text,
)

ALL = "__all__"


class CardDelegate(QStyledItemDelegate):
    """Paints a highlight as a card: colour stripe, where and when, the quote
    (two lines), the note (``note_slots`` lines) and the tags. Every card is one height,
    so the view never measures the rows it does not show: the cards grow together when
    a note needs more lines (AnnotationsPanel._fit_notes), up to NOTE_LINES."""

    PAD = 8
    #: Cards kept painted (a screenful or two of them): scrolling back costs nothing.
    CACHED = 96
    #: A note's lines a card gives it at most (a sticky note and two replies); the rest go on the last, after "↵".
    NOTE_LINES = 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.small = QFont()
        self.small.setPixelSize(11)
        self.quote_font = QFont()
        self.quote_font.setFamilies(style.SERIF)
        self.quote_font.setItalic(True)
        self.body = QFont()
        self.line_small = QFontMetrics(self.small).lineSpacing()
        self.line_quote = QFontMetrics(self.quote_font).lineSpacing()
        self.line_body = QFontMetrics(self.body).lineSpacing()
        self.height = 2 * self.PAD + self.line_small + 2 * self.line_quote + self.line_body + 10
        self.note_slots = 1  # the note lines under a quote of two lines (the most any note of the list needs)
        self._cache: OrderedDict[tuple[object, ...], QPixmap] = OrderedDict()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        return QSize(200, self.height + (self.note_slots - 1) * self.line_body)

    @classmethod
    def note_rows(cls, note: str) -> int:
        """The lines a card would give ``note`` under a quote of two lines: its own lines, at most NOTE_LINES."""
        if not note:
            return 1
        if "\n" not in note and "\u2028" not in note:
            return 1
        return max(1, min(cls.NOTE_LINES, len(signed_lines(note))))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        h = index.data(HighlightRole)
        if not isinstance(h, Highlight):
            return
        rect: QRect = option.rect  # type: ignore[attr-defined]
        from PySide6.QtWidgets import QStyle  # its many enums are made on first use: not before the first frame

        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        key = (h.id, h.updated, h.color, h.style, h.orphaned, h.start, rect.width(), rect.height(), selected, ratio, style.PAPER)
        card = self._cache.get(key)
        if card is None:
            card = QPixmap(int(rect.width() * ratio), int(rect.height() * ratio))
            card.setDevicePixelRatio(ratio)
            card.fill(Qt.GlobalColor.transparent)
            p = QPainter(card)
            self._paint_card(p, QRect(0, 0, rect.width(), rect.height()), h, selected)
            p.end()
            self._cache[key] = card
            if len(self._cache) > self.CACHED:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        painter.drawPixmap(rect.topLeft(), card)

    def text_width(self, card_width: int) -> int:
        """The width of a card's lines of text, for a card ``card_width`` wide."""
        r = QRect(0, 0, card_width, self.height).adjusted(2, 2, -2, -2)
        return max(20, r.right() - self.PAD - (r.left() + 5 + self.PAD))  # as _paint_card lays it out

    def meta_line(self, h: Highlight, w: int) -> tuple[str, str, int]:
        """The first line of a card as painted in ``w`` pixels: where and when, the tags (both
        elided to fit) and the tags' width. The tags take the room the date leaves them, not
        half the line whatever it holds (they were cut to '#figur…' beside a short date)."""
        fm = QFontMetrics(self.small)
        tags = "  ".join(f"#{t}" for t in h.tags)
        meta = meta_text(h) + (" · not found in this version" if h.orphaned else "")
        room = max(w // 2, w - fm.horizontalAdvance(meta) - 12)
        tag_w = min(fm.horizontalAdvance(tags) + 2, room) if tags else 0  # (elidedText cuts at the exact width)
        return (fm.elidedText(meta, Qt.TextElideMode.ElideRight, w - tag_w - 6),
                fm.elidedText(tags, Qt.TextElideMode.ElideRight, tag_w) if tags else "", tag_w)

    def _paint_card(self, painter: QPainter, rect: QRect, h: Highlight, selected: bool) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = rect.adjusted(2, 2, -2, -2)
        painter.setPen(QPen(themes.color("#3d6fb6" if selected else "#e3dfd6")))
        painter.setBrush(themes.color("#f7faff" if selected else "#ffffff"))
        painter.drawRoundedRect(r, 6, 6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(style.HIGHLIGHT_COLORS.get(h.color, "#ffd400")))
        painter.drawRoundedRect(QRect(r.left(), r.top(), 5, r.height()), 2, 2)
        x = r.left() + 5 + self.PAD
        w = max(20, r.right() - self.PAD - x)
        y = r.top() + self.PAD
        # where and when, the tags at the right
        painter.setFont(self.small)
        meta, tags, tag_w = self.meta_line(h, w)
        painter.setPen(themes.color("#9b4a12" if h.orphaned else "#8a857c"))
        painter.drawText(QRect(x, y, w - tag_w - 6, self.line_small), Qt.AlignmentFlag.AlignLeft, meta)
        if tags:
            painter.setPen(QColor(style.ACCENT))
            painter.drawText(QRect(x + w - tag_w, y, tag_w, self.line_small), Qt.AlignmentFlag.AlignRight, tags)
        y += self.line_small + 3
        # the quote, two lines at most
        painter.setFont(self.quote_font)
        painter.setPen(QColor(style.INK))
        qfm = QFontMetrics(self.quote_font)
        quote = elide(h.exact, 400)
        cut = _fit(qfm, quote, w)
        painter.drawText(QRect(x, y, w, self.line_quote), Qt.AlignmentFlag.AlignLeft, quote[:cut])
        if cut < len(quote):
            rest = quote[cut:].lstrip()
            painter.drawText(QRect(x, y + self.line_quote, w, self.line_quote), Qt.AlignmentFlag.AlignLeft,
                             qfm.elidedText(rest, Qt.TextElideMode.ElideRight, w))
        # the note right under the quote: a quote of one line left an empty line above the note (tryout 11)
        y += (2 if cut < len(quote) else 1) * self.line_quote + 3
        if h.note:
            painter.setFont(self.body)
            painter.setPen(themes.color("#3a3733"))
            bfm = QFontMetrics(self.body)
            room = self.note_slots + (0 if cut < len(quote) else 1)  # a quote of one line leaves one more
            for i, line in enumerate(self.note_lines(h.note, room)):
                painter.drawText(QRect(x, y + i * self.line_body, w, self.line_body), Qt.AlignmentFlag.AlignLeft,
                                 bfm.elidedText(line, Qt.TextElideMode.ElideRight, w))

    @staticmethod
    def note_lines(note: str, room: int) -> list[str]:
        """A note's lines as a card shows them in ``room`` lines (two under a quote of one line): its own lines,
        not run into one sentence (a sticky note and its reply); what does not fit goes on the last, after "↵".
        A line that only signs the one before ("— Erin", as a PDF's sticky note and each reply come in) ends that
        line: "Is this true? — Erin" over "Yes, see Sec 6 — Frank", not "— Erin  ↵  Yes, see…  ↵  — Frank"."""
        lines = [elide(line, 400) for line in signed_lines(note)]
        return lines if len(lines) <= room else [*lines[:room - 1], "  ↵  ".join(lines[room - 1:])]




def _fit(fm: QFontMetrics, text: str, width: int) -> int:
    """How many characters of ``text`` fit on one line, broken at a space."""
    if fm.horizontalAdvance(text) <= width:
        return len(text)
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that fits
        mid = (lo + hi + 1) // 2
        if fm.horizontalAdvance(text[:mid]) <= width:
            lo = mid
        else:
            hi = mid - 1
    space = text.rfind(" ", 0, lo + 1)
    return space if space > lo // 2 else lo


class CardList(QListView):
    """The list of cards. Every card is the same height (``setUniformItemSizes``), so a card whose
    highlight changed (a note saved, a colour) needs no new layout: QListView's own dataChanged lays
    every row out again for any change of data (3.5 ms with 10,000 highlights, on every note saved).
    One changed card goes to QAbstractItemView's dataChanged instead, past QListView's: it repaints
    that card and tells accessibility the row changed (a screen reader hears it); anything wider is
    QListView's as before."""

    def dataChanged(self, top_left: QModelIndex | QPersistentModelIndex,  # noqa: N802 (Qt override)
                    bottom_right: QModelIndex | QPersistentModelIndex, roles: Any = ()) -> None:
        if self.uniformItemSizes() and top_left == bottom_right and top_left.isValid():
            QAbstractItemView.dataChanged(self, top_left, bottom_right, list(roles))
            return
        super().dataChanged(top_left, bottom_right, list(roles))


class AnnotationsPanel(QWidget):
    activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidePanel")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 10, 10, 6)
        lay.setSpacing(6)
        self.title = QLabel("Annotations")
        self.title.setObjectName("panelTitle")
        lay.addWidget(self.title)
        self.filter_text = QLineEdit()
        self.filter_text.setPlaceholderText("Filter annotations…")
        self.filter_text.setClearButtonEnabled(True)
        lay.addWidget(self.filter_text)
        row = QHBoxLayout()
        self.filter_color = QComboBox()
        self.filter_color.addItem("All colours", ALL)
        for name in style.COLOR_NAMES:
            self.filter_color.addItem(name.capitalize(), name)
        self.filter_tag = QComboBox()
        self.filter_tag.addItem("All tags", ALL)
        row.addWidget(self.filter_color, 1)
        row.addWidget(self.filter_tag, 1)
        lay.addLayout(row)
        self.model = HighlightsModel(self)
        self.proxy = HighlightsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.list = CardList()
        self.list.setModel(self.proxy)
        self.list.setItemDelegate(CardDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.list.setObjectName("annotationList")
        lay.addWidget(self.list, 1)
        self.empty = QLabel("No highlights yet.\nSelect text and press 1–5, or right-click it.")
        self.empty.setObjectName("emptyHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        lay.addWidget(self.empty, 1)
        self._tags: list[str] = []
        self._reading: tuple[int, int] | None = None  # (listed, of how many) while the highlights are read
        self.filter_text.textChanged.connect(self._refilter)
        self.filter_color.currentIndexChanged.connect(self._refilter)
        self.filter_tag.currentIndexChanged.connect(self._refilter)
        self.list.clicked.connect(self._on_click)
        self.list.activated.connect(self._on_click)
        for sig in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset, self.proxy.layoutChanged,
                    # the proxy drops a row before its source does: the total is counted once the source has too
                    self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            sig.connect(self._update_title)
        self.model.rowsInserted.connect(lambda _p, first, last: self._fit_notes(first, last))
        self.model.dataChanged.connect(lambda top, bottom, *_r: self._fit_notes(top.row(), bottom.row(), True))
        self.model.rowsRemoved.connect(lambda *_a: self._fit_notes(shrink=True))
        self.model.modelReset.connect(lambda: self._fit_notes(shrink=True))
        self._update_title()

    def _fit_notes(self, first: int = 0, last: int = -1, shrink: bool = False) -> None:
        """The cards take the note lines the longest note of the list needs (tryout s15: a sticky's quote, a
        whole PDF line, takes two lines, and its reply was run into the note's one). They stay one height, so
        10,000 rows are laid out without measuring each (a height per card cost ~75 ms a highlight added).
        Rows ``first``..``last`` came or changed: they can only add lines; with ``shrink`` (rows gone, a note
        changed) the whole list is looked at again, when its cards have grown."""
        delegate = self.list.itemDelegate()
        if not isinstance(delegate, CardDelegate):
            return
        rows = self.model.highlights()
        slots = max([delegate.note_slots if not shrink else 1,
                     *(delegate.note_rows(h.note) for h in rows[first:last + 1 if last >= 0 else None] if h.note)])
        if shrink and delegate.note_slots > 1 and slots < delegate.note_slots:
            slots = max((delegate.note_rows(h.note) for h in rows if h.note), default=1)
        if slots != delegate.note_slots:
            delegate.note_slots = slots
            delegate.sizeHintChanged.emit(self.proxy.index(0, 0))  # the list lays its rows out again

    # -- the session's highlights ---------------------------------------------------

    def set_highlights(self, highlights: list[Highlight], current: int | None = None) -> None:
        self._reading = None
        self.model.reset(highlights)
        self._update_tags()
        self.select(current)

    def apply(self, change: HighlightsChanged, everything: list[Highlight]) -> None:
        keep = self.current_id()
        self.model.apply(change, everything)
        if change.changed or change.reset or any(h.tags for h in change.added + change.removed):
            self._update_tags()
        if change.current is not None:
            self.select(change.current)
        elif keep is not None and self.model.row_of(keep) is not None:
            self.select(keep)

    def _update_tags(self) -> None:
        tags = sorted(self.model.tag_counts, key=str.lower)
        if tags == self._tags:
            return
        self._tags = tags
        keep = self.filter_tag.currentData()
        self.filter_tag.blockSignals(True)
        self.filter_tag.clear()
        self.filter_tag.addItem("All tags", ALL)
        for t in tags:
            self.filter_tag.addItem(f"#{t}", t)
        idx = self.filter_tag.findData(keep)
        self.filter_tag.setCurrentIndex(max(idx, 0))
        self.filter_tag.blockSignals(False)
        if idx < 0 and keep not in (None, ALL):
            self._refilter()

    @Slot()
    def _refilter(self, *_args: object) -> None:
        current = self.current_id()
        color, tag = self.filter_color.currentData(), self.filter_tag.currentData()
        self.proxy.set_filters(None if color in (None, ALL) else color, None if tag in (None, ALL) else tag,
                               self.filter_text.text().strip())
        self.select(current)
        self._update_title()

    @Slot()
    def _update_title(self, *_args: object) -> None:
        n, shown = self.model.rowCount(), self.proxy.rowCount()
        self.title.setText(f"Annotations ({count(n)})" if n == shown else f"Annotations ({count(shown)} of {count(n)})")
        self.empty.setVisible(not shown)
        self.list.setVisible(bool(shown))
        if self._reading is not None:  # the rest are on their way
            total = self._reading[1]
            self.title.setText(f"Annotations (reading {count(n)} of {count(total)}…)" if n == shown
                               else f"Annotations ({count(shown)} of {count(n)}, reading {count(total)}…)")
            if not shown:
                self.empty.setText(f"Reading {count(total)} highlights…" if not n else "No highlights match these filters yet.")
        elif n and not shown:
            self.empty.setText("No highlights match these filters.")
        elif not n:
            self.empty.setText("No highlights yet.\nSelect text and press 1–5, or right-click it.")

    def set_reading(self, done: int, total: int) -> None:
        """The document's highlights are being read (``done`` of ``total`` listed); over when done == total."""
        self._reading = (done, total) if done < total else None
        self._update_title()

    def show_opening(self) -> None:
        """A document is being opened: its notes are not counted yet (not "no highlights yet")."""
        self._reading = None
        self.set_highlights([])
        self.title.setText("Annotations")
        self.empty.setText("Opening…")

    # -- what a person sees and does --------------------------------------------------

    def count(self) -> int:
        """How many entries are listed (after the filters)."""
        return self.proxy.rowCount()

    def entry_text(self, row: int) -> str:
        """What the card in ``row`` says: where and when, the quote, the note, the tags."""
        return str(self.proxy.index(row, 0).data(Qt.ItemDataRole.DisplayRole))

    def entry_rect(self, highlight_id: int) -> QRect:
        return self.list.visualRect(self._proxy_index(highlight_id))

    def visible_highlights(self) -> list[Highlight]:
        return [self.proxy.index(r, 0).data(HighlightRole) for r in range(self.proxy.rowCount())]

    def current_id(self) -> int | None:
        ix = self.list.currentIndex()
        return ix.data(IdRole) if ix.isValid() else None

    def _proxy_index(self, highlight_id: int | None) -> QModelIndex:
        row = self.model.row_of(highlight_id) if highlight_id is not None else None
        if row is None:
            return QModelIndex()
        return self.proxy.mapFromSource(self.model.index(row))

    def select(self, highlight_id: int | None) -> None:
        ix = self._proxy_index(highlight_id)
        sel = self.list.selectionModel()
        if ix.isValid():
            if sel.currentIndex() != ix or not sel.isSelected(ix):
                sel.setCurrentIndex(ix, sel.SelectionFlag.ClearAndSelect)
            if not self.list.viewport().rect().contains(self.list.visualRect(ix)):
                self.list.scrollTo(ix)
        else:
            sel.clear()
            self.list.setCurrentIndex(QModelIndex())

    @Slot(QModelIndex)
    def _on_click(self, index: QModelIndex) -> None:
        hid = index.data(IdRole)
        if hid is not None:
            self.activated.emit(hid)
