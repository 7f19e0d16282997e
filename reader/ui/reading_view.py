"""The reading view: a document laid out for reading, with highlights painted on.

The QTextDocument holds ``Document.text`` (one paragraph separator per block,
U+2028 for line breaks). Offsets in and out of this class are Reader's code
points; Qt counts UTF-16 units, so every position crossing into Qt goes
through ``reader.textpos`` (an emoji is one character to Reader, two to Qt).

Highlights, find hits, repair marks and the flash after a jump are extra
selections, never part of the text; of the highlights only those near the
screen are handed to Qt (``highlight_overlay.py``).

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
    QColor,
    QContextMenuEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPaintEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextFrameFormat,
    QWheelEvent,
)
from PySide6.QtWidgets import QMenu, QTextBrowser, QTextEdit, QWidget

from notes_db import Highlight
from reader.document import Document
from reader.session import HighlightsChanged
from reader.textpos import TextPositions
from reader.ui import style
from reader.ui.highlight_overlay import HighlightOverlay, MarkLayer, pieces
from reader.ui.layout_pacer import pace
from reader.ui.tasks import single_shot
from reader.ui.text_layout import build_document, screen_painted, take_prebuilt

log = logging.getLogger("reader.view")

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
        self._flash_sel: list[QTextEdit.ExtraSelection] = []
        self.mark_layer = MarkLayer(self._cursor)
        self.claim_layer = MarkLayer(self._cursor)
        self._flash_timer = single_shot(self, self._end_flash)
        # the reading position is reported once scrolling settles
        self._scroll_timer = single_shot(self, self._settled, 400)
        self._resize_keep: int | None = None  # the offset at the top while the width changes
        self._resize_timer = single_shot(self, self._resized)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        #: Where scroll_to was asked to go while Qt had not laid out that far yet (a
        #: long book lays out a screenful at a time): reached as the range grows,
        #: dropped when the person scrolls or clicks first.
        self._scroll_target: int | None = None
        self.verticalScrollBar().rangeChanged.connect(self._range_changed)
        #: Filled by the window: adds its actions to the context menu at an offset.
        self.menu_provider: Callable[[QMenu, int], None] | None = None
        self.overlay = HighlightOverlay(self._cursor, 0)
        self._shown_range = (0, 0)
        self.painted = False

    def paintEvent(self, e: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(e)
        from reader.ui.margin import paint_note_marks

        paint_note_marks(self)  # a mark beside each highlight with a note
        screen_painted.set()  # a long text being loaded may be built now (text_layout.prebuild)
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, self.firstPainted.emit)

    # -- building -------------------------------------------------------------

    def set_document(self, doc: Document) -> None:
        self.doc = doc
        screen_painted.clear()  # until this text is painted
        pre = take_prebuilt(doc)  # a long text's, built while it loaded (reader/ui/text_layout.py)
        if pre is not None:
            self.positions, qdoc = pre.positions, pre.qdoc
            qdoc.setParent(self)
        else:
            self.positions = TextPositions(doc.text)
            qdoc = build_document(doc, self.positions, self)
        self.setDocument(qdoc)
        self.pacer = pace(qdoc)  # Qt lays a long text out in short turns (reader/ui/layout_pacer.py)
        self.verticalScrollBar().setValue(0)  # a new text starts at its top, margin included
        self._resize_keep = None  # a place in the text that was shown is no place in this one
        self._apply_width()
        self.overlay = HighlightOverlay(self._cursor, self.positions.length)
        self._flash_sel = []
        self.mark_layer = MarkLayer(self._cursor)
        self.claim_layer = MarkLayer(self._cursor)
        self._refresh_selections()
        if qdoc.characterCount() - 1 != self.positions.length16:  # the offset contract; a bug if broken
            log.error("reading view out of step with the text (%d UTF-16 units, expected %d)",
                      qdoc.characterCount() - 1, self.positions.length16)

    # -- layout -----------------------------------------------------------------

    def resizeEvent(self, e: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        # A new width wraps the lines anew: the passage at the top stays at the top (the scroll
        # value alone would land elsewhere in a long text, the status bar still naming the old place).
        # A window resized once resizes the view more than once, and Qt settles the layout after:
        # the passage is the one at the top before the first, put back after each and once settled.
        keep = self._resize_keep
        if keep is None and self.doc is not None and e.oldSize().width() > 0 \
                and e.oldSize().width() != e.size().width() and self.verticalScrollBar().value() > 0 \
                and self._scroll_target is None:
            keep = self.top_offset()
        super().resizeEvent(e)
        self._apply_width()
        if keep is not None:
            self._resize_keep = keep
            self._scroll_to(keep, top=True)
            self._resize_timer.start()
        if self._layers_in_use():
            self._refresh_selections()

    def _resized(self) -> None:
        keep = self._resize_keep
        if keep is not None and self.doc is not None:
            self._scroll_to(keep, top=True)
            # the reading place and the status bar follow once it settles; until then the passage is the
            # one to keep (Qt's answer for the point at the top is not right while it lays the text out anew)
            self._scroll_timer.start()

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
        """Show a document's highlights; ``to_view`` maps text offsets to this
        view's (the original text shows them where they came from)."""
        self.overlay.reset(highlights, to_view)
        self._refresh_selections()

    def apply_highlights(self, change: HighlightsChanged, everything: list[Highlight]) -> None:
        """Follow one action's change (only what is on screen is repainted)."""
        if not change.reset and not change.added and not change.removed and change.changed and all(
                (was := self.overlay.by_id.get(h.id)) is not None and (was.start, was.end) == (h.start, h.end)
                and not h.orphaned for h in change.changed):
            # a note saved, a colour changed: nothing moved, so the range handed to Qt for the screen
            # still holds (no hit test of Qt's for it), and only those highlights' lines are repainted
            self.overlay.apply((), change.changed, ())
            self._refresh_selections(keep_range=True)  # Qt repaints where the selections changed
            for h in change.changed:  # and the margin beside the first line (the note mark)
                self._update_line(h.start)
            return
        if change.reset:
            self.overlay.reset(everything, self.overlay.to_view)
        else:
            self.overlay.apply(change.added, change.changed, change.removed)
        self._refresh_selections()
        # Qt repaints only where the extra selections changed; the note marks sit in the margin
        self.viewport().update()

    def _update_line(self, offset: int) -> None:
        """Repaint the line at ``offset`` (a text offset) across the view's width, if it is on screen."""
        view_offset = self.overlay.to_view(offset) if self.overlay.to_view is not None else offset
        line = self.cursorRect(self._cursor(view_offset))
        vp = self.viewport().rect()
        if line.bottom() >= 0 and line.top() <= vp.height():
            self.viewport().update(0, line.top(), vp.width(), line.height())

    @property
    def highlights(self) -> list[Highlight]:
        """The highlights shown on this view."""
        return list(self.overlay.by_id.values())

    def painted_highlights(self) -> list[tuple[int, int, int]]:
        """(start, end, highlight id) of every highlight on the text, in reading order."""
        return self.overlay.ranges()

    def visible_range(self) -> tuple[int, int]:
        """The offsets on screen, give or take a screenful either side."""
        vp = self.viewport().rect()
        h = vp.height()
        top = self.offset_at(QPoint(0, -h)) if h else 0  # near the top: not Qt's search above the first line
        bottom = self.positions.from_qt(self._position_at(QPoint(vp.width(), 2 * h)))
        # Before Qt has laid a text out (just opened) it answers the end of the text for a
        # point below the first lines: three screens hold no more characters than this.
        bottom = min(bottom, top + 3 * max(1, vp.width() // 3) * max(1, h // 6))
        return top, bottom + 1

    def set_marks(self, marks: list[tuple[int, int, QTextCharFormat]]) -> None:
        """Formats under the highlights: the repairs in the original text, find hits."""
        self.mark_layer.set(marks, self.positions.length)
        self._refresh_selections()

    @property
    def marks(self) -> list[tuple[int, int, QTextCharFormat]]:
        return self.mark_layer.marks

    def set_claim_marks(self, marks: list[tuple[int, int, QTextCharFormat]]) -> None:
        """Claims reviewed as disputed or false, marked in the text (reader/ui/claim_marks.py)."""
        self.claim_layer.set(marks, self.positions.length)
        self._refresh_selections()

    def _layers_in_use(self) -> bool:
        return bool(self.overlay.by_id or self.mark_layer.marks or self.claim_layer.marks)

    def _refresh_selections(self, keep_range: bool = False) -> None:
        """Hand Qt the extra selections for the screen (and a screenful either side); ``keep_range``:
        for the same stretch of text as last time (nothing scrolled or moved since)."""
        sels: list[QTextEdit.ExtraSelection] = []
        if self._layers_in_use():
            if not keep_range or self._shown_range == (0, 0):
                self._shown_range = self.visible_range()
            for layer in (self.mark_layer, self.claim_layer, self.overlay):
                sels += layer.selections(*self._shown_range)
        self.setExtraSelections(sels + self._flash_sel)

    @Slot(int)
    def _settled(self) -> None:
        self._resize_keep = None
        if self._scroll_target is None:  # not a place on the way to where we are going
            self.positionChanged.emit(self.reading_offset())

    def whole_end_shown(self) -> bool:
        """Whether the end of the text is on screen (scrolled to the bottom, or it all fits), Qt having
        laid it all out (before that a long book's scroll range is not yet its own)."""
        bar = self.verticalScrollBar()
        if not self._laid_out():
            return False
        if bar.value() >= bar.maximum():
            return True
        # the last line on screen, the page's bottom margin below it not (tryout 13: a 211-word page shown whole
        # said 0%, its scroll range the few pixels of that margin)
        block = self.document().lastBlock()
        layout = block.layout()
        line = layout.lineAt(layout.lineCount() - 1)
        bottom = layout.position().y() + line.rect().bottom()  # (the layout's position: the block's, in the page)
        return bottom - bar.value() <= self.viewport().height()

    def reading_offset(self) -> int:
        """How far the person has read, the one notion of progress (the status bar's percentage, the
        Library's, the place saved): the top of the screen, or the end of the text once that is on
        screen (a short text that fits one screen has been read to its end)."""
        return self.positions.length if self.whole_end_shown() else self.top_offset()

    def _range_changed(self, _lo: int, hi: int) -> None:
        target = self._scroll_target
        if target is None:
            return
        if hi >= target or self._laid_out():
            # there, or as near as the text allows (a place in its last screen cannot come to the top)
            self._scroll_target = None
            self._scroll_timer.start()  # say where, as after any scroll (the value may not change)
        self.verticalScrollBar().setValue(min(target, hi))

    def _laid_out(self) -> bool:
        """Whether Qt has laid out the whole text (the scroll bar's range is final)."""
        layout = self.document().lastBlock().layout()
        return layout is not None and layout.lineCount() > 0

    def _scrolled(self, _value: int) -> None:
        self._scroll_timer.start()
        if self._layers_in_use():
            vp = self.viewport().rect()
            top = self.offset_at(vp.topLeft())  # at the very top: not Qt's search above the first line
            bottom = self.offset_at(vp.bottomRight())
            lo, hi = self._shown_range
            if top < lo or bottom >= hi:  # scrolled past what was handed to Qt
                self._refresh_selections()

    def flash(self, start: int, end: int, ms: int = 1200) -> None:
        """Briefly mark a passage so the eye finds it after a jump."""
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(style.FLASH))
        fmt.setForeground(QColor(style.MARK_INK))
        self._flash_sel = pieces(self._cursor(start, end), fmt)
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

    def is_offset_visible(self, offset: int) -> bool:
        vp = self.viewport().rect()  # the offsets at two corners: Qt's own hit test walks every paragraph
        return self.offset_at(QPoint(0, 0)) <= offset <= self.offset_at(QPoint(vp.width() - 1, vp.height() - 1))

    def scroll_to(self, offset: int, *, flash_to: int | None = None, top: bool = False) -> None:
        """Bring an offset into view (a third from the top, or at the top)."""
        if self._resize_keep is not None:
            # asked for while a new width settles (the side panel came, the window was resized): this place is
            # the one to keep now, not the one at the top before the width changed (which took the person back)
            self._resize_keep = offset if top else None
        self._scroll_to(offset, top)
        if flash_to is not None:
            self.flash(offset, flash_to)

    def _scroll_to(self, offset: int, top: bool) -> None:
        c = self._cursor(offset)
        block = c.block()
        layout = block.layout()
        y = self.document().documentLayout().blockBoundingRect(block).top()
        first_line = block == self.document().firstBlock()
        if layout is not None and layout.lineCount():
            line = layout.lineForTextPosition(c.position() - block.position())
            if line.isValid():
                y += line.y()
                first_line = first_line and line.lineNumber() == 0
        target = y - (4 if top else self.viewport().height() / 3)
        if first_line:
            target = 0  # the page's top margin too: the first line is not pressed against the edge
        self.set_scroll_value(int(max(0, target)))

    def set_scroll_value(self, value: int) -> None:
        """Scroll to a height in the text, also below what Qt has laid out so far."""
        bar = self.verticalScrollBar()
        # The range catches up with the layout later (Qt tells the scroll bar of a new document size on
        # a timer): also when the text is all laid out but the range is not yet its height.
        behind = not self._laid_out() or bar.maximum() < self.document().size().height() - self.viewport().height() - 1
        self._scroll_target = value if value > bar.maximum() and behind else None
        bar.setValue(value)

    def offset_at(self, pos: QPoint) -> int:
        """The code-point offset under a point of the viewport."""
        qdoc = self.document()
        first = qdoc.documentLayout().blockBoundingRect(qdoc.firstBlock())
        if pos.y() + self.verticalScrollBar().value() < first.top():
            # above the first line: Qt would try every paragraph of the text in turn
            # (a second on a long book) and answer the end of the text
            return 0
        return self.positions.from_qt(self._position_at(pos))

    def _position_at(self, pos: QPoint) -> int:
        """Qt's position under a point of the viewport, as ``cursorForPosition`` answers it, found
        among the blocks laid out so far by halving: Qt's own hit test walks every paragraph from
        the first (half a second a call in War and Peace, and each scroll asked it twice)."""
        qdoc = self.document()
        layout = qdoc.documentLayout()
        y = pos.y() + self.verticalScrollBar().value()
        x = pos.x() + self.horizontalScrollBar().value()
        lo, hi = 0, qdoc.blockCount() - 1
        while lo < hi:  # the last laid-out block whose top is at or above y (Qt lays a text out from its start)
            mid = (lo + hi + 1) // 2
            block = qdoc.findBlockByNumber(mid)
            lay = block.layout()
            if lay is not None and lay.lineCount() > 0 and layout.blockBoundingRect(block).top() <= y:
                lo = mid
            else:
                hi = mid - 1
        block = qdoc.findBlockByNumber(lo)
        lay = block.layout()
        if lay is None or lay.lineCount() == 0:
            return self.cursorForPosition(pos).position()
        origin = lay.position()
        line = lay.lineAt(lay.lineCount() - 1)
        for i in range(lay.lineCount()):
            candidate = lay.lineAt(i)
            if origin.y() + candidate.y() + candidate.height() > y:
                line = candidate
                break
        if y > origin.y() + line.y() + line.height() and block.next().isValid() and (
                block.next().layout() is None or block.next().layout().lineCount() == 0):
            return max(0, qdoc.characterCount() - 1)  # below what Qt has laid out: its answer, the end of the text
        return block.position() + line.xToCursor(x - origin.x())

    # -- input --------------------------------------------------------------------

    def wheelEvent(self, e: QWheelEvent) -> None:  # noqa: N802
        self._scroll_target = None
        super().wheelEvent(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:  # noqa: N802
        self._scroll_target = None
        key = e.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and not (
            e.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            self.colorKeyPressed.emit(key - Qt.Key.Key_0)
            e.accept()
            return
        if key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp) and e.modifiers() == Qt.KeyboardModifier.NoModifier:
            # a page from what is on screen, as Space does; Qt moves the hidden text
            # cursor instead, which jumps back to wherever it was last put (the start)
            self.verticalScrollBar().triggerAction(
                self.verticalScrollBar().SliderAction.SliderPageStepAdd if key == Qt.Key.Key_PageDown
                else self.verticalScrollBar().SliderAction.SliderPageStepSub)
            e.accept()
            return
        super().keyPressEvent(e)
        # Qt scrolls only until the cursor shows: the first line's leading and the page margin stayed cut off
        bar = self.verticalScrollBar()
        if e.matches(QKeySequence.StandardKey.MoveToStartOfDocument) or e.matches(
                QKeySequence.StandardKey.SelectStartOfDocument):
            bar.setValue(bar.minimum())
        elif e.matches(QKeySequence.StandardKey.MoveToEndOfDocument) or e.matches(
                QKeySequence.StandardKey.SelectEndOfDocument):
            bar.setValue(bar.maximum())

    def mousePressEvent(self, e: QMouseEvent) -> None:  # noqa: N802
        self._scroll_target = None
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
