"""The reading view: a document laid out for reading, with highlights painted on.

The QTextDocument holds ``Document.text`` (one paragraph separator per block,
U+2028 for line breaks). Offsets in and out of this class are Reader's code
points; Qt counts UTF-16 units, so every position crossing into Qt goes
through ``reader.textpos`` (an emoji is one character to Reader, two to Qt). Highlights are extra selections: painted, never part of
the text, never in the text's undo history.

Signals:
    colorKeyPressed(int): a digit key 1-9 was pressed (1-based).
    offsetClicked(int): a click without a selection landed on this offset.
    positionChanged(int): the first visible offset, after scrolling settles.
    linkActivated(str): a link in the text was clicked.
    firstPainted(): the view has painted once (slow start-up work can begin).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPaintEvent,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextListFormat,
)
from PySide6.QtWidgets import QMenu, QTextBrowser, QTextEdit, QWidget

from notes_db import Highlight
from reader.document import Document
from reader.session import HighlightsChanged
from reader.textpos import TextPositions, qt_safe
from reader.ui import style
from reader.ui.tasks import single_shot

log = logging.getLogger("reader.view")

_HEADING_PT = {1: 21.0, 2: 16.5, 3: 14.0, 4: 13.0, 5: 12.5, 6: 12.5}


def _font(families: list[str], pt: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    f = QFont()
    f.setFamilies(families)
    f.setPointSizeF(pt)
    f.setWeight(weight)
    return f


class ReadingView(QTextBrowser):
    colorKeyPressed = Signal(int)
    offsetClicked = Signal(int)
    positionChanged = Signal(int)
    linkActivated = Signal(str)
    firstPainted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readingView")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAcceptDrops(False)  # the window takes dropped files
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self.anchorClicked.connect(self._on_anchor)
        self.doc: Document | None = None
        self.positions = TextPositions("")
        self._highlight_sel: list[QTextEdit.ExtraSelection] = []
        self._flash_sel: list[QTextEdit.ExtraSelection] = []
        self._mark_sel: list[QTextEdit.ExtraSelection] = []
        self._flash_timer = single_shot(self, self._end_flash)
        # the reading position is reported once scrolling settles
        self._scroll_timer = single_shot(self, lambda: self.positionChanged.emit(self.top_offset()), 400)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._scroll_timer.start())
        #: Filled by the window: adds its actions to the context menu at an offset.
        self.menu_provider: Callable[[QMenu, int], None] | None = None
        self._hl_sel: dict[int, QTextEdit.ExtraSelection] = {}
        self._by_id: dict[int, Highlight] = {}
        self._to_view: Callable[[int], int] | None = None
        self.painted = False

    def paintEvent(self, e: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(e)
        from reader.ui.margin import paint_note_marks

        paint_note_marks(self)  # a mark beside each highlight with a note
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, self.firstPainted.emit)

    # -- building -------------------------------------------------------------

    def set_document(self, doc: Document) -> None:
        self.doc = doc
        self.positions = TextPositions(doc.text)
        qdoc = QTextDocument(self)
        qdoc.setUndoRedoEnabled(False)
        qdoc.setDefaultFont(_font(style.READING_FAMILY, style.FONT_PT))
        qdoc.setDocumentMargin(28)
        cur = QTextCursor(qdoc)
        cur.beginEditBlock()
        base = QTextCharFormat()
        base.setFont(_font(style.READING_FAMILY, style.FONT_PT))
        base.setForeground(QBrush(QColor(style.INK)))
        current_list = None
        for i, b in enumerate(doc.blocks):
            bf, cf = self._formats(b.kind, b.level, base)
            if i:
                cur.insertBlock(bf, cf)
            else:
                cur.setBlockFormat(bf)
                cur.setBlockCharFormat(cf)
            cur.insertText(qt_safe(b.text), cf)
            if b.kind == "list_item":
                if current_list is None:
                    lf = QTextListFormat()
                    lf.setStyle(QTextListFormat.Style.ListDisc)
                    lf.setIndent(1)
                    current_list = cur.createList(lf)
                else:
                    current_list.add(cur.block())
            else:
                current_list = None
        for b in doc.blocks:
            for s in b.spans:
                cur.setPosition(self.positions.to_qt(s.start))
                cur.setPosition(self.positions.to_qt(s.end), QTextCursor.MoveMode.KeepAnchor)
                cur.mergeCharFormat(self._span_format(s.kind, s.href, s.title))
        cur.endEditBlock()
        self.setDocument(qdoc)
        self._apply_width()
        self._hl_sel, self._by_id = {}, {}
        self._highlight_sel = []
        self._flash_sel = []
        self._mark_sel = []
        self._claim_sel: list[QTextEdit.ExtraSelection] = []
        self._refresh_selections()
        if qdoc.characterCount() - 1 != self.positions.length16:  # the offset contract; a bug if broken
            log.error("reading view out of step with the text (%d UTF-16 units, expected %d)",
                      qdoc.characterCount() - 1, self.positions.length16)

    def _formats(self, kind: str, level: int, base: QTextCharFormat) -> tuple[QTextBlockFormat, QTextCharFormat]:
        bf = QTextBlockFormat()
        bf.setLineHeight(style.LINE_HEIGHT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        bf.setBottomMargin(10)
        cf = QTextCharFormat(base)
        if kind == "heading":
            cf.setFont(_font(style.SANS, _HEADING_PT.get(level, 12.5), QFont.Weight.DemiBold))
            bf.setTopMargin(22 if level <= 2 else 14)
            bf.setBottomMargin(8)
            bf.setLineHeight(125, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            bf.setHeadingLevel(level)
        elif kind == "quote":
            bf.setLeftMargin(24)
            cf.setForeground(QBrush(QColor(style.QUOTE_INK)))
            cf.setFontItalic(True)
        elif kind == "code":
            cf.setFont(_font(style.MONO, style.FONT_PT - 2))
            bf.setBackground(QColor(style.CODE_BG))
            bf.setLineHeight(120, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        elif kind == "page":
            cf.setFont(_font(style.SANS, 9))
            cf.setForeground(QBrush(QColor(style.MUTED)))
            cf.setFontCapitalization(QFont.Capitalization.AllUppercase)
            cf.setFontLetterSpacing(110)
            bf.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            bf.setTopMargin(18)
        elif kind == "front":
            cf.setFont(_font(style.SANS, style.FONT_PT - 2.5))
            cf.setForeground(QBrush(QColor(style.MUTED)))
            bf.setLineHeight(125, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            bf.setBottomMargin(2)
        elif kind in ("caption", "footnote"):
            cf.setFont(_font(style.SANS, style.FONT_PT - 2.5))
            cf.setForeground(QBrush(QColor(style.MUTED)))
            bf.setLineHeight(130, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            bf.setBottomMargin(6)
            if kind == "caption":
                cf.setFontItalic(True)
                bf.setLeftMargin(18)
        return bf, cf

    @staticmethod
    def _span_format(kind: str, href: str, title: str = "") -> QTextCharFormat:
        f = QTextCharFormat()
        if title:
            f.setToolTip(title)
        if kind == "em":
            f.setFontItalic(True)
        elif kind == "strong":
            f.setFontWeight(QFont.Weight.Bold)
        elif kind == "code":
            f.setFontFamilies(style.MONO)
            f.setBackground(QColor(style.CODE_BG))
        elif kind == "link":
            f.setAnchor(True)
            f.setAnchorHref(href)
            f.setForeground(QBrush(QColor(style.ACCENT)))
            f.setFontUnderline(True)
            f.setUnderlineColor(QColor(style.LINK_LINE))
        elif kind in ("sup", "footref"):
            f.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
            f.setForeground(QBrush(QColor(style.ACCENT)))
            if href:
                f.setAnchor(True)
                f.setAnchorHref(href)
        return f

    # -- layout -----------------------------------------------------------------

    def resizeEvent(self, e: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(e)
        self._apply_width()

    def _apply_width(self) -> None:
        """Keep a comfortable line length: a centred column, never edge to edge."""
        qdoc = self.document()
        side = max(28, (self.viewport().width() - style.READING_WIDTH) // 2)
        root = qdoc.rootFrame()
        ff: QTextFrameFormat = root.frameFormat()
        if int(ff.leftMargin()) != side:
            ff.setLeftMargin(side)
            ff.setRightMargin(side)
            ff.setTopMargin(24)
            ff.setBottomMargin(80)
            root.setFrameFormat(ff)

    # -- highlights -------------------------------------------------------------

    def set_highlights(self, highlights: list[Highlight], to_view: Callable[[int], int] | None = None) -> None:
        """Paint all of a document's highlights (on open); ``to_view`` maps text
        offsets to this view's (the original text shows them where they came from)."""
        self._to_view = to_view
        self._hl_sel = {}
        self._by_id = {}
        for h in highlights:
            self._put(h)
        self._highlights_changed()

    def apply_highlights(self, change: HighlightsChanged, everything: list[Highlight]) -> None:
        """Repaint only what one action changed."""
        if change.reset:
            self.set_highlights(everything, self._to_view)
            return
        for h in change.removed:
            self._hl_sel.pop(h.id, None)
            self._by_id.pop(h.id, None)
        for h in (*change.changed, *change.added):
            self._put(h)
        self._highlights_changed()

    def _put(self, h: Highlight) -> None:
        self._hl_sel.pop(h.id, None)
        self._by_id.pop(h.id, None)
        if h.orphaned:
            return
        start, end = (self._to_view(h.start), self._to_view(h.end)) if self._to_view else (h.start, h.end)
        if end > self.positions.length:
            return
        sel = QTextEdit.ExtraSelection()
        sel.cursor = self._cursor(start, end)
        fmt = QTextCharFormat()
        fmt.setBackground(style.highlight_fill(h.color))
        if h.note:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(QColor(style.HIGHLIGHT_COLORS.get(h.color, "#ffd400")).darker(140))
            fmt.setToolTip(h.note)
        fmt.setProperty(QTextFormat.Property.UserProperty, h.id)
        sel.format = fmt
        self._hl_sel[h.id] = sel
        self._by_id[h.id] = h

    def _highlights_changed(self) -> None:
        self._highlight_sel = list(self._hl_sel.values())
        self._refresh_selections()

    @property
    def highlights(self) -> list[Highlight]:
        """The highlights painted on this view."""
        return list(self._by_id.values())

    def set_marks(self, marks: list[tuple[int, int, QTextCharFormat]]) -> None:
        """Extra formats under the highlights (the repairs, in the original text)."""
        sels = []
        for start, end, fmt in marks:
            if start > self.positions.length:
                continue
            sel = QTextEdit.ExtraSelection()
            sel.cursor = self._cursor(start, max(start, end))
            sel.format = fmt
            sels.append(sel)
        self._mark_sel = sels
        self._refresh_selections()

    def set_claim_marks(self, marks: list[tuple[int, int, QTextCharFormat]]) -> None:
        """Claims reviewed as disputed or false, marked in the text (reader/ui/claim_marks.py)."""
        sels = []
        for start, end, fmt in marks:
            if end > self.positions.length:
                continue
            sel = QTextEdit.ExtraSelection()
            sel.cursor = self._cursor(start, end)
            sel.format = fmt
            sels.append(sel)
        self._claim_sel = sels
        self._refresh_selections()

    def _refresh_selections(self) -> None:
        claims = getattr(self, "_claim_sel", [])
        self.setExtraSelections(self._mark_sel + claims + self._highlight_sel + self._flash_sel)

    def flash(self, start: int, end: int, ms: int = 1200) -> None:
        """Briefly mark a passage so the eye finds it after a jump."""
        sel = QTextEdit.ExtraSelection()
        sel.cursor = self._cursor(start, end)
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(style.FLASH))
        fmt.setForeground(QColor(style.MARK_INK))
        sel.format = fmt
        self._flash_sel = [sel]
        self._refresh_selections()
        self._flash_timer.start(ms)

    @property
    def flashing(self) -> bool:
        return bool(self._flash_sel)

    @Slot()
    def _end_flash(self) -> None:
        self._flash_sel = []
        self._refresh_selections()

    # -- positions ----------------------------------------------------------------

    def cursor_at(self, offset: int) -> QTextCursor:
        """A Qt cursor at a code-point offset."""
        return self._cursor(offset)

    def _cursor(self, start: int, end: int | None = None) -> QTextCursor:
        """A Qt cursor at ``start`` (selecting to ``end``), code points in, UTF-16 inside."""
        c = QTextCursor(self.document())
        last = max(0, self.document().characterCount() - 1)
        c.setPosition(min(self.positions.to_qt(start), last))
        if end is not None:
            c.setPosition(min(self.positions.to_qt(end), last), QTextCursor.MoveMode.KeepAnchor)
        return c

    def selection_range(self) -> tuple[int, int] | None:
        c = self.textCursor()
        if not c.hasSelection():
            return None
        return self.positions.range_from_qt(c.selectionStart(), c.selectionEnd())

    def select_range(self, start: int, end: int) -> None:
        self.setTextCursor(self._cursor(start, end))

    def top_offset(self) -> int:
        return self.offset_at(QPoint(self.viewport().width() // 2, 4))

    def scroll_to(self, offset: int, *, flash_to: int | None = None, top: bool = False) -> None:
        """Bring an offset into view (a third from the top, or at the top)."""
        c = self._cursor(offset)
        block = c.block()
        layout = block.layout()
        y = self.document().documentLayout().blockBoundingRect(block).top()
        if layout is not None and layout.lineCount():
            line = layout.lineForTextPosition(c.position() - block.position())
            if line.isValid():
                y += line.y()
        target = y - (4 if top else self.viewport().height() / 3)
        self.verticalScrollBar().setValue(int(max(0, target)))
        if flash_to is not None:
            self.flash(offset, flash_to)

    def offset_at(self, pos: QPoint) -> int:
        """The code-point offset under a point of the viewport."""
        return self.positions.from_qt(self.cursorForPosition(pos).position())

    # -- input --------------------------------------------------------------------

    def keyPressEvent(self, e: QKeyEvent) -> None:  # noqa: N802
        key = e.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and not (
            e.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            self.colorKeyPressed.emit(key - Qt.Key.Key_0)
            e.accept()
            return
        super().keyPressEvent(e)

    def mousePressEvent(self, e: QMouseEvent) -> None:  # noqa: N802
        plain = e.button() == Qt.MouseButton.LeftButton and not (e.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        self._drag_from = e.position().toPoint() if plain else None
        super().mousePressEvent(e)

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(e)
        start = getattr(self, "_drag_from", None)
        self._drag_from = None
        if start is not None and (e.position().toPoint() - start).manhattanLength() > 3 and self.textCursor().hasSelection():
            from reader.ui.selection import snap_cursor

            self.setTextCursor(snap_cursor(self.textCursor()))  # a drag takes whole words
        if e.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            if not self.anchorAt(e.position().toPoint()):
                self.offsetClicked.emit(self.offset_at(e.position().toPoint()))

    def contextMenuEvent(self, e: QContextMenuEvent) -> None:  # noqa: N802
        menu = self.createStandardContextMenu(e.pos())
        if self.menu_provider is not None:
            self.menu_provider(menu, self.offset_at(e.pos()))
        menu.exec(e.globalPos())
        menu.deleteLater()

    @Slot(QUrl)
    def _on_anchor(self, url: QUrl) -> None:
        self.linkActivated.emit(url.toString())
