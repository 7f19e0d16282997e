"""The highlights of a reading view, painted as extra selections for the part
of the text on screen only.

Qt lays out every paragraph an extra selection touches, and a highlight
written into the text's formats would be an edit; so the view keeps its
highlights sorted by position and hands Qt the few dozen near the screen,
again when it scrolls. 10,000 highlights on a 3 MB book cost what is visible.

Where highlights overlap, the overlapping part is drawn in both colours
layered (the older below, each newer one translucent over it, as marker over
marker), with a line in the oldest one's colour under it: a new highlight
over part of another never hides it. Overlaps are found among the
highlights near the screen only.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QTextEdit

from notes_db import Highlight
from reader.ui import style
from reader.ui.highlight_styles import line_color

#: The format property carrying a highlight's id.
HIGHLIGHT_ID = QTextFormat.Property.UserProperty


#: How an underline and a squiggle are drawn in the text (a strike-out is the font's, in the line's colour).
_LINES = {"underline": QTextCharFormat.UnderlineStyle.SingleUnderline,
          "squiggly": QTextCharFormat.UnderlineStyle.WaveUnderline}


def highlight_format(h: Highlight) -> QTextCharFormat:
    """A band of the highlight's colour, or (its style) a line of it under, wavy under or through the words;
    a note is a dotted line under a band or a strike-out, and its tooltip."""
    fmt = QTextCharFormat()
    if h.style == "highlight":
        fmt.setBackground(style.highlight_fill(h.color))
    _line(fmt, h)
    if h.note:
        if h.style not in _LINES:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(QColor(style.HIGHLIGHT_COLORS.get(h.color, "#ffd400")).darker(140))
        fmt.setToolTip(h.note)
    fmt.setProperty(HIGHLIGHT_ID, h.id)
    return fmt


def _line(fmt: QTextCharFormat, h: Highlight) -> None:
    """An underline's, a squiggle's or a strike-out's line into ``fmt`` (a band has none)."""
    if h.style in _LINES:
        fmt.setUnderlineStyle(_LINES[h.style])
        fmt.setUnderlineColor(line_color(h.color))
    elif h.style == "strikeout":  # (Qt strikes in the words' colour: the words take the line's, legibly)
        fmt.setFontStrikeOut(True)
        ink = QColor(style.HIGHLIGHT_COLORS.get(h.color, "#ffd400"))
        fmt.setForeground(ink.lighter(120) if style.THEME == "dark" else ink.darker(160))


def overlap_format(stack: list[Highlight]) -> QTextCharFormat:
    """Where highlights overlap (``stack`` oldest first): their colours layered,
    each newer one translucent over the one below, and a line in the oldest
    one's colour, so the highlight underneath still shows where it runs. Only bands are layered: an
    underline, a squiggle or a strike-out among them keeps its own line (drawn again here, over the fill)."""
    bands = [h for h in stack if h.style == "highlight"]
    fmt = QTextCharFormat()
    if len(bands) > 1:
        fill = style.highlight_fill(bands[0].color)
        a = style.HIGHLIGHT_ALPHA / 255
        for h in bands[1:]:
            c = QColor(style.HIGHLIGHT_COLORS.get(h.color, style.HIGHLIGHT_COLORS["yellow"]))
            fill = QColor(round(fill.red() * (1 - a) + c.red() * a), round(fill.green() * (1 - a) + c.green() * a),
                          round(fill.blue() * (1 - a) + c.blue() * a))
        fmt.setBackground(fill)
        if len(bands) == len(stack):
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(QColor(style.HIGHLIGHT_COLORS.get(bands[0].color, "#ffd400")).darker(120))
    for h in stack:
        _line(fmt, h)
    notes = [h.note for h in stack if h.note]
    if notes:
        fmt.setToolTip("\n\n".join(notes))
    fmt.setProperty(HIGHLIGHT_ID, stack[-1].id)
    return fmt


class HighlightOverlay:
    """Highlights by position in one view's text (code points); ``to_view`` maps
    a highlight's offsets there (the original text shows them where they came from).
    ``cursor(start, end)`` makes the view's Qt cursor for a range."""

    def __init__(self, cursor: Callable[[int, int], QTextCursor], length: int) -> None:
        self._cursor = cursor
        self.length = length
        self.to_view: Callable[[int], int] | None = None
        self.by_id: dict[int, Highlight] = {}
        self._where: dict[int, tuple[int, int]] = {}
        self._order: list[tuple[int, int]] = []  # (start, id), sorted
        self._longest = 0
        self._made: dict[int, list[QTextEdit.ExtraSelection]] = {}  # made for the screen, kept while valid
        self._overlaps: dict[tuple[int, int, tuple[int, ...]], list[QTextEdit.ExtraSelection]] = {}

    def reset(self, highlights: Iterable[Highlight], to_view: Callable[[int], int] | None = None) -> None:
        self.to_view = to_view
        self._made = {}
        self._overlaps = {}
        if to_view is None:  # the reading view: one pass, no call per highlight (10,000 on a book)
            length = self.length
            placed = [h for h in highlights if not h.orphaned and h.start < h.end <= length]
            self.by_id = {h.id: h for h in placed}
            self._where = {h.id: (h.start, h.end) for h in placed}
            order = [(h.start, h.id) for h in placed]
            self._longest = max((h.end - h.start for h in placed), default=0)
        else:
            self.by_id, self._where, self._longest = {}, {}, 0
            order = []
            for h in highlights:
                where = self._place(h)
                if where is not None:
                    self.by_id[h.id] = h
                    self._where[h.id] = where
                    order.append((where[0], h.id))
                    self._longest = max(self._longest, where[1] - where[0])
        order.sort()  # in order already when they come from the session: one pass
        self._order = order

    def apply(self, added: Iterable[Highlight], changed: Iterable[Highlight], removed: Iterable[Highlight]) -> None:
        self._overlaps = {}  # remade for the screen only
        for h in (*removed, *changed):
            self._drop(h.id)
        new = (*changed, *added)
        many = len(new) > 64  # a batch of a long read: sorted in at once, not one insertion each
        longest = self._longest
        for h in new:
            where = self._place(h)
            if where is not None:
                self.by_id[h.id] = h
                self._where[h.id] = where
                if many:
                    self._order.append((where[0], h.id))
                else:
                    bisect.insort(self._order, (where[0], h.id))
                if where[1] - where[0] > longest:
                    longest = where[1] - where[0]
        self._longest = longest
        if many:
            self._order.sort()  # two sorted runs: one pass

    def _place(self, h: Highlight) -> tuple[int, int] | None:
        if h.orphaned:
            return None
        start, end = (self.to_view(h.start), self.to_view(h.end)) if self.to_view else (h.start, h.end)
        if end <= start or end > self.length:
            return None
        return start, end

    def _drop(self, highlight_id: int) -> None:
        self.by_id.pop(highlight_id, None)
        self._made.pop(highlight_id, None)
        where = self._where.pop(highlight_id, None)
        if where is not None:
            i = bisect.bisect_left(self._order, (where[0], highlight_id))
            if i < len(self._order) and self._order[i] == (where[0], highlight_id):
                del self._order[i]

    def ranges(self) -> list[tuple[int, int, int]]:
        """(start, end, id) of every highlight on this view, in reading order."""
        return [(*self._where[hid], hid) for _s, hid in self._order]

    def ids_in(self, start: int, end: int) -> list[int]:
        """The highlights overlapping [start, end), in reading order."""
        lo = bisect.bisect_left(self._order, (start - self._longest, -1))
        hi = bisect.bisect_left(self._order, (end, -1))
        return [hid for _s, hid in self._order[lo:hi] if self._where[hid][1] > start]

    def selections(self, start: int, end: int) -> list[QTextEdit.ExtraSelection]:
        """Extra selections for the highlights overlapping [start, end), one per
        paragraph: Qt measures a selection across paragraphs by laying out the
        whole text."""
        out: list[QTextEdit.ExtraSelection] = []
        ids = self.ids_in(start, end)
        for hid in ids:
            made = self._made.get(hid)
            if made is None:
                made = self._made[hid] = self._pieces(hid)
            out.extend(made)
        for a, b, cover in self._overlapping(ids):  # after the highlights: drawn over them
            key = (a, b, cover)
            made = self._overlaps.get(key)
            if made is None:
                made = self._overlaps[key] = pieces(self._cursor(a, b), overlap_format([self.by_id[h] for h in cover]))
            out.extend(made)
        return out

    def _overlapping(self, ids: list[int]) -> list[tuple[int, int, tuple[int, ...]]]:
        """(start, end, ids oldest first) of each stretch two or more of ``ids`` cover (a sweep over their ends)."""
        events = sorted((p, kind, hid) for hid in ids for p, kind in ((self._where[hid][0], 1), (self._where[hid][1], 0)))
        out: list[tuple[int, int, tuple[int, ...]]] = []
        active: set[int] = set()
        last = 0
        for p, kind, hid in events:
            if len(active) > 1 and p > last:
                cover = tuple(sorted(active))
                if out and out[-1][1] == last and out[-1][2] == cover:
                    out[-1] = (out[-1][0], p, cover)
                else:
                    out.append((last, p, cover))
            last = p
            if kind:
                active.add(hid)
            else:
                active.discard(hid)
        return out

    def _pieces(self, hid: int) -> list[QTextEdit.ExtraSelection]:
        return pieces(self._cursor(*self._where[hid]), highlight_format(self.by_id[hid]))


def pieces(whole: QTextCursor, fmt: QTextCharFormat) -> list[QTextEdit.ExtraSelection]:
    """A selection as one extra selection per paragraph it covers: Qt measures a
    selection across paragraphs by laying out the whole text first."""
    qstart, qend = whole.selectionStart(), whole.selectionEnd()
    out = []
    block = whole.document().findBlock(qstart)
    while block.isValid() and block.position() < qend:
        c = QTextCursor(block)
        c.setPosition(max(qstart, block.position()))
        c.setPosition(min(qend, block.position() + block.length() - 1), QTextCursor.MoveMode.KeepAnchor)
        if c.hasSelection():
            sel = QTextEdit.ExtraSelection()
            sel.cursor = c
            sel.format = fmt
            out.append(sel)
        block = block.next()
    return out


class MarkLayer:
    """Marks over the text (find hits, repairs): kept sorted, handed to Qt near the screen only."""

    def __init__(self, cursor: Callable[[int, int], QTextCursor]) -> None:
        self._cursor = cursor
        self.marks: list[tuple[int, int, QTextCharFormat]] = []
        self._starts: list[int] = []
        self._longest = 0
        self._made: dict[int, list[QTextEdit.ExtraSelection]] = {}

    def set(self, marks: list[tuple[int, int, QTextCharFormat]], length: int) -> None:
        self.marks = sorted(((s, min(e, length), f) for s, e, f in marks if s < length and e > s), key=lambda m: m[0])
        self._starts = [m[0] for m in self.marks]
        self._longest = max((e - s for s, e, _f in self.marks), default=0)
        self._made = {}

    def selections(self, start: int, end: int) -> list[QTextEdit.ExtraSelection]:
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, end)
        out: list[QTextEdit.ExtraSelection] = []
        for i in range(lo, hi):
            s, e, fmt = self.marks[i]
            if e <= start:
                continue
            made = self._made.get(i)
            if made is None:
                made = self._made[i] = pieces(self._cursor(s, e), fmt)
            out.extend(made)
        return out
