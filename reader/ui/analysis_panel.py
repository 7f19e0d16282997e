"""The Claims & Quotes panel: what the article asserts and who it quotes.

Signals:
    activated(int, int): start, end of an entry that was clicked (jump and flash).
    highlightRequested(str, int, int, str): "claim" or "quote", start, end, speaker.
    reviewChanged(str, str, str, str): a claim's key, status, note, source link.
    elsewhereRequested(str, int, int): open another document (path) at a claim reviewed there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from notes_db import CLAIM_STATUSES, ClaimReview
from reader.speaker_labels import NO_SPEAKER, group_order
from reader.ui import style
from reader.ui.analysis_status import summary
from reader.ui.annotations import elide
from reader.ui.covered import Covered
from reader.ui.figures import count as figure
from reader.ui.keep_in_view import KeepCurrentInView
from reader.ui.long_list import listed_with_sign, listing_sign
from reader.ui.quote_entries import QuoteList, quote_title, recount_speakers, speaker_item
from reader.ui.review_box import Pending, ReviewBox
from reader.ui.side_tabs import FitTabBar
from reader.ui.status_line import StatusLine
from reader.ui.wrap_delegate import HintedWrapDelegate

if TYPE_CHECKING:  # the engine loads with the first analysis, not with the window
    from reader.analysis import Analysis, Claim, Quote, Term
    from reader.quote_fixes import QuotesCorrected

ALL = "__all__"
QUOTES, CLAIMS, TERMS, POSITIONS = 0, 1, 2, 3  # positions: what someone wants, believes, plans; what a poll shows
SECTIONS = ("Quotes", "Claims", "Terms", "Positions")
STATUS_COLORS = {"unchecked": "#8a857c", "verified": "#2f7d32", "disputed": "#b26a00", "false": "#b3261e"}
ROLE = Qt.ItemDataRole.UserRole


class AnalysisPanel(QWidget):
    activated = Signal(int, int)
    highlightRequested = Signal(str, int, int, str)
    reviewChanged = Signal(str, str, str, str)
    elsewhereRequested = Signal(str, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidePanel")
        self.result: Analysis | None = None
        self.reviews: dict[str, ClaimReview] = {}
        self.highlighted: list[tuple[int, int]] = []
        self.elsewhere: dict[str, Any] = {}  # claim key -> notes_db.reviews.Elsewhere
        self._covered = Covered()
        self.speaker_counts: dict[str, int] = {}  # the section's quotes by group, as the speaker list counts them
        self.quote_list: QuoteList  # the quotes listed, by group and by number (reader/ui/quote_entries.py)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 10, 10, 6)
        lay.setSpacing(6)
        self.status = StatusLine("Open a document to see its claims and quotes.")  # one line when short
        self.status.setObjectName("cardMeta")
        lay.addWidget(self.status)
        self.sections = FitTabBar()  # one row: "Positions (1,234)", or "Positions" when the panel is narrow
        self.sections.setObjectName("sections")
        for name in SECTIONS:
            self.sections.add_labelled(name)
        lay.addWidget(self.sections)
        self.filter_text = QLineEdit()
        self.filter_text.setPlaceholderText("Filter…")
        self.filter_text.setClearButtonEnabled(True)
        lay.addWidget(self.filter_text)
        row = QHBoxLayout()
        self.facet = QComboBox()  # speaker (quotes) or kind (claims)
        self.status_filter = QComboBox()
        self.status_filter.addItem("Any status", ALL)
        for s in CLAIM_STATUSES:
            self.status_filter.addItem(s.capitalize(), s)
        row.addWidget(self.facet, 1)
        row.addWidget(self.status_filter, 1)
        lay.addLayout(row)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setIndentation(14)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.rows = HintedWrapDelegate(self.tree)  # each entry measured as it is made: moving one is quick
        self.tree.setItemDelegate(self.rows)
        self.tree.setVerticalScrollMode(QTreeWidget.ScrollMode.ScrollPerPixel)
        lay.addWidget(self.tree, 1)

        self.detail = QFrame()
        self.detail.setObjectName("editor")
        d = QVBoxLayout(self.detail)
        d.setContentsMargins(8, 8, 8, 8)
        d.setSpacing(6)
        # three rows, not five: the list above keeps room for a few entries in a small window
        self.detail_title = QLabel()
        self.detail_title.setWordWrap(True)
        self.detail_title.setObjectName("cardQuote")
        self.highlight_button = QPushButton("Highlight")  # short: the buttons fit a narrow panel
        self.highlight_button.setToolTip("Highlight the passage and write a note about it")
        title_row = QHBoxLayout()
        title_row.addWidget(self.detail_title, 1)
        title_row.addWidget(self.highlight_button, 0, Qt.AlignmentFlag.AlignTop)
        d.addLayout(title_row)
        self.review_row = ReviewBox()  # status, a note of a few lines, a source link, Save
        self.review_status, self.review_note = self.review_row.status, self.review_row.note
        self.review_source, self.save_button = self.review_row.source, self.review_row.save_button
        d.addWidget(self.review_row)
        self.elsewhere_button = QPushButton()  # "also in <title>: disputed": one click opens it there
        self.elsewhere_button.setObjectName("elsewhere")
        self.elsewhere_button.setFlat(True)
        self.elsewhere_button.setStyleSheet("text-align: left;")
        self.elsewhere_button.hide()
        d.addWidget(self.elsewhere_button)
        lay.addWidget(self.detail)
        self.detail.hide()

        self.sections.currentChanged.connect(self._section_changed)
        self.filter_text.textChanged.connect(self._render)
        self.facet.currentIndexChanged.connect(self._render)
        self.status_filter.currentIndexChanged.connect(self._render)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.installEventFilter(self)  # Enter or Space on an entry jumps to it, as a click does
        self.keeper = KeepCurrentInView(self.tree)  # the detail box below takes room: the entry chosen stays whole
        self.tree.currentItemChanged.connect(lambda cur, _prev: self._show_detail(cur))
        self.highlight_button.clicked.connect(self._highlight)
        self.review_row.saveRequested.connect(self._save_review)
        self.review_row.cancelled.connect(lambda: self._show_detail(self.tree.currentItem()))  # Escape: as saved
        self.elsewhere_button.clicked.connect(self._open_elsewhere)
        self._section_changed(QUOTES)

    # -- data -------------------------------------------------------------------

    def resizeEvent(self, e: object) -> None:  # noqa: N802
        super().resizeEvent(e)  # type: ignore[arg-type]
        self.status.fit(self.height())  # an 800 x 600 window: the list keeps room for its entries
        self.tree.doItemsLayout()  # wrapped rows change height with the width
        self._fit_title()

    def set_busy(self, text: str) -> None:
        """Findings are coming (or failed): the previous ones are not this document's, so they go."""
        self.status.setText(text)
        if self.result is not None:
            self.save_pending()
            self.clear(text)

    def clear(self, text: str = "Reading the document…") -> None:
        """Another document is opening: no entries, plain section names, a reading line."""
        self.result = None
        self.review_row.release()  # saved before the document was left (save_pending)
        self.elsewhere = {}
        self.status.setText(text)
        for i, name in enumerate(SECTIONS):
            self.sections.set_labels(i, name)
        self.facet.setCurrentIndex(0)  # not the last document's speaker while this one's are found
        self._fill_facets()
        self.tree.setCurrentIndex(QModelIndex())
        self._render()

    def set_analysis(self, result: Analysis | None, reviews: dict[str, ClaimReview],
                     highlighted: list[tuple[int, int]]) -> None:
        fresh = result is not self.result  # another document's (or a new reading's) findings
        self.result = result
        self.reviews = dict(reviews)
        self.highlighted = highlighted
        self.elsewhere = {}
        if fresh:
            self.tree.setCurrentIndex(QModelIndex())
        self._index_highlighted()
        if result is None:
            self.status.setText("No analysis for this document.")
        else:
            self._say_counts(result)
        self._fill_facets()
        self._render()
        if fresh:
            self.tree.scrollToTop()

    def _say_counts(self, result: Analysis) -> None:
        """The status line's counts of quotes, speakers, claims and terms, and the sections' counts."""
        text, short, quotes, positions = summary(result)
        self.status.setText(text, short)
        counts = {QUOTES: quotes, CLAIMS: len(result.claims), TERMS: len(result.terms), POSITIONS: positions}
        for i, name in enumerate(SECTIONS):  # the counts when the row has room for them
            self.sections.set_labels(i, f"{name} ({figure(counts[i])})", name)

    def set_elsewhere(self, elsewhere: dict[str, Any]) -> None:
        """Claims of this document already reviewed in another one (by claim key)."""
        if not elsewhere and not self.elsewhere:  # none, as before: not War and Peace's 11,000 quotes listed again
            return
        self.elsewhere = dict(elsewhere)
        self._render()

    def elsewhere_text(self, key: str) -> str:
        e = self.elsewhere.get(key)
        if e is None:
            return ""
        r = e.review
        return f"also in {r.doc_title}: {r.status}" + (f" ({r.note})" if r.note else "")

    def set_highlighted(self, ranges: list[tuple[int, int]]) -> None:
        if ranges == self.highlighted:  # (the notes file written, not these highlights: nothing listed again)
            return
        self.highlighted = ranges
        self._index_highlighted()
        self._render()

    def _index_highlighted(self) -> None:
        self._covered = Covered(self.highlighted)

    def set_review(self, review: ClaimReview) -> None:
        self.reviews[review.key] = review
        self._render()

    def set_reviews(self, reviews: dict[str, ClaimReview]) -> None:
        """The document's reviews as the notes file now holds them (another program changed them)."""
        if reviews == self.reviews:
            return
        self.reviews = dict(reviews)
        self._render()  # the claim chosen shows its review as stored, or as typed if not saved yet

    def _is_highlighted(self, start: int, end: int) -> bool:
        """Whether highlights cover at least half of the entry (a word of it highlighted is not the claim)."""
        return self._covered.half(start, end)

    # -- rendering --------------------------------------------------------------------

    @Slot(int)
    def _section_changed(self, index: int) -> None:
        self.status_filter.setVisible(index == CLAIMS)
        self.facet.setVisible(index != TERMS)
        self._fill_facets()
        self._render()

    def _fill_facets(self) -> None:
        keep = self.facet.currentData()
        self.facet.blockSignals(True)
        self.facet.clear()
        section = self.sections.currentIndex()
        if section in (QUOTES, POSITIONS):
            self.facet.addItem("All speakers", ALL)
            counts: dict[str, int] = {}
            for q in self.result.quotes if self.result else []:
                if (q.kind == "position") != (section == POSITIONS):
                    continue
                g = q.extra.get("group", NO_SPEAKER)
                counts[g] = counts.get(g, 0) + 1
            # people first, then polls, documents and media, then quotes without a person
            for g, n in sorted(counts.items(), key=lambda kv: group_order(*kv)):
                speaker_item(self.facet, self.facet.count(), g, n)
            self.speaker_counts = counts  # (moved with a corrected quote: quote_entries.recount_speakers)
        elif section == CLAIMS:
            self.facet.addItem("All kinds", ALL)
            for k in ("figure", "record", "history", "comparison", "statement"):
                self.facet.addItem(k.capitalize(), k)
        idx = self.facet.findData(keep)
        self.facet.setCurrentIndex(max(idx, 0))
        self.facet.blockSignals(False)

    def _matches(self, text: str) -> bool:
        words = self.filter_text.text().lower().split()
        low = text.lower()
        return all(w in low for w in words)

    def restyle(self) -> None:
        """Another theme: the entries again in its colours (a claim's ink and its review's tint are
        the theme's; they stayed the old theme's, dark brown on black, until the list was rebuilt)."""
        self._render()

    @Slot()
    def _render(self, *_args: object) -> None:
        item = self.tree.currentItem()
        current = item.data(0, ROLE) if item is not None else None
        self.tree.blockSignals(True)
        self.tree.clear()
        self.tree.blockSignals(False)
        self.quote_list = QuoteList(self.tree, self._is_highlighted, self.rows.hint)
        if self.result is not None:
            with listed_with_sign(self, self.tree, listing_sign(self.result, SECTIONS[self.sections.currentIndex()])):
                self._fill_tree()
        if not current or self.select_entry(*current) is None:  # listed again: the box stays, with the focus in it
            self._hide_detail()

    def _listed(self, q: Quote, group: str) -> bool:
        """Whether the section shown, the speaker chosen and the words typed list quote ``q`` (of ``group``)."""
        section, facet = self.sections.currentIndex(), self.facet.currentData()
        return (q.kind == "position") == (section == POSITIONS) and facet in (None, ALL, group) \
            and self._matches(f"{q.speaker or ''} {q.cue} {q.text}")

    def quotes_corrected(self, corrected: QuotesCorrected) -> None:
        """The reader corrected a quote (reader/ui/quote_ops.py): its entry moves to its new heading, the headings'
        counts and places and the speakers' counts follow; the rest of the list stays as it is (listed again,
        War and Peace's quotes took a second). The entry chosen stays chosen."""
        if corrected.result is not self.result or self.result is None:
            return
        self._say_counts(self.result)
        facet, section = self.facet.currentData(), self.sections.currentIndex()
        recount_speakers(self.facet, self.speaker_counts, [
            (c.old.group, c.new.group) for c in corrected.changes if c.old.group != c.new.group
            and (self.result.quotes[c.number].kind == "position") == (section == POSITIONS)]
            if section in (QUOTES, POSITIONS) else [])
        if self.facet.currentData() != facet:  # the speaker chosen has no quote left: all of them, listed again
            self._render()
            return
        if self.sections.currentIndex() in (QUOTES, POSITIONS):
            self.quote_list.move(self.result.quotes, corrected.changes, self._listed)
            if self.tree.currentItem() is None:
                self.detail.hide()

    def _fill_tree(self) -> None:
        assert self.result is not None
        section = self.sections.currentIndex()
        facet = self.facet.currentData()
        if section in (QUOTES, POSITIONS):
            groups: dict[str, list[tuple[int, Quote]]] = {}
            for i, q in enumerate(self.result.quotes):
                g = q.extra.get("group", NO_SPEAKER)
                if self._listed(q, g):
                    groups.setdefault(g, []).append((i, q))
            self.quote_list.fill(groups)
        elif section == CLAIMS:
            wanted_status = self.status_filter.currentData()
            for i, c in enumerate(self.result.claims):
                review = self.reviews.get(c.key)
                status = review.status if review else "unchecked"
                if facet not in (None, ALL) and c.kind != facet:
                    continue
                if wanted_status not in (None, ALL) and status != wanted_status:
                    continue
                if not self._matches(f"{c.kind} {c.text} {review.note if review else ''}"):
                    continue
                mark = "●  highlighted · " if self._is_highlighted(c.start, c.end) else ""
                also = self.elsewhere_text(c.key)
                item = QTreeWidgetItem([f"{elide(c.text, 260)}\n— {mark}{c.kind}, {c.score:.0%} confident, {status}"
                                        + (f"\n↪ {elide(also, 160)}" if also else "")])
                item.setForeground(0, QBrush(QColor(style.INK)))
                item.setToolTip(0, c.text + (f"\n\nYour note: {review.note}" if review and review.note else ""))
                item.setData(0, ROLE, ("claim", i))
                if status != "unchecked":
                    tint = QColor(STATUS_COLORS[status])
                    item.setBackground(0, QBrush(tint.lighter(190) if style.THEME != "dark" else tint.darker(260)))
                self.rows.hint(item, 0)
                self.tree.addTopLevelItem(item)
        else:
            for i, t in enumerate(self.result.terms):
                if not self._matches(t.text):
                    continue
                by = f"  (as used by {t.speaker})" if t.speaker else ""
                item = QTreeWidgetItem([f"“{elide(t.text, 120)}”{by}"])
                item.setData(0, ROLE, ("term", i))
                self.rows.hint(item, 0)
                self.tree.addTopLevelItem(item)

    def entry(self, item: QTreeWidgetItem | None) -> tuple[str, Quote | Claim | Term] | None:
        data = item.data(0, ROLE) if item is not None else None
        if not data or self.result is None:
            return None
        kind, i = data
        if kind == "quote":
            return kind, self.result.quotes[i]
        if kind == "claim":
            return kind, self.result.claims[i]
        return kind, self.result.terms[i]

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.tree and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) \
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            item = self.tree.currentItem()
            if item is not None and (self.entry(item) is not None or item.childCount()):
                self._clicked(item)  # an entry, or a speaker's heading: as a click on it
                return True
        return super().eventFilter(obj, event)

    @Slot(QTreeWidgetItem, int)
    def _clicked(self, item: QTreeWidgetItem, _col: int = 0) -> None:
        """An entry: jump to it in the text; a speaker's heading: to their first quote (the heading stays chosen)."""
        e = self.entry(item if item.childCount() == 0 else item.child(0))
        if e is not None:
            self.activated.emit(e[1].start, e[1].end)

    def _show_detail(self, item: QTreeWidgetItem | None) -> None:
        e = self.entry(item)
        if e is None:
            self._hide_detail()
            return
        kind, obj = e
        from reader.analysis import Claim, Quote

        QTimer.singleShot(0, self._fit_title)  # again once laid out (a box just shown had no width yet)
        self.detail.show()
        self.review_row.setVisible(kind == "claim")
        self.save_button.setVisible(kind == "claim")
        self.highlight_button.setVisible(kind != "term")
        also = self.elsewhere_text(obj.key) if isinstance(obj, Claim) else ""
        self.elsewhere_button.setText(f"↪ {elide(also, 120)}" if also else "")
        self.elsewhere_button.setToolTip(also)
        self.elsewhere_button.setVisible(bool(also))
        if isinstance(obj, Claim):
            review = self.reviews.get(obj.key) or ClaimReview(obj.key)
            self.detail_title.setText(f"Claim ({obj.kind}, confidence {obj.score:.0%})")
            self._save_later(self.review_row.take(review))  # typed for the claim chosen before: saved
        else:
            self._save_later(self.review_row.release())
            self.detail_title.setText(quote_title(obj) if isinstance(obj, Quote) else "Quoted term")
        self._fit_title()

    def _fit_title(self) -> bool:
        """The detail's title as tall as its lines (Qt's layouts gave a wrapped title two lines for three)."""
        label = self.detail_title
        need = label.heightForWidth(label.width()) if label.width() > 0 else -1
        if need > 0 and need != label.minimumHeight():
            label.setMinimumHeight(need)
            return True
        return False

    @Slot()
    def _highlight(self) -> None:
        e = self.entry(self.tree.currentItem())
        if e is None:
            return
        kind, obj = e
        speaker = obj.extra.get("group", "") if kind == "quote" and obj.speaker else ""  # type: ignore[union-attr]
        self.highlightRequested.emit(kind, obj.start, obj.end, speaker)

    @Slot()
    def _open_elsewhere(self) -> None:
        e = self.entry(self.tree.currentItem())
        found = self.elsewhere.get(e[1].key) if e is not None and e[0] == "claim" else None  # type: ignore[union-attr]
        if found is not None and found.review.start is not None:
            r = found.review
            self.elsewhereRequested.emit(r.doc_path, r.start, r.end if r.end is not None else r.start)

    def _hide_detail(self) -> None:
        """No entry chosen: the detail box goes (what was typed in it saved), and the focus goes to the list."""
        self._save_later(self.review_row.release())
        focus = QApplication.focusWidget()
        focused = focus is not None and self.detail.isAncestorOf(focus)
        self.detail.hide()
        if focused:  # not on to the text, where a digit typed next is a colour key
            self.tree.setFocus()

    def _save_later(self, pending: Pending | None) -> None:
        """Save a review typed and left (once the list has done choosing: saving lists the entries again)."""
        result = self.result
        if pending is not None and result is not None:
            QTimer.singleShot(0, self, lambda: self.reviewChanged.emit(*pending) if self.result is result else None)

    def save_pending(self) -> None:
        """Before another document replaces this one (or the app closes): the review typed and not saved."""
        shown = self.review_row.shown
        if shown is not None and self.review_row.dirty():
            self.reviewChanged.emit(shown.key, *self.review_row.values())

    @Slot()
    def _save_review(self) -> None:
        e = self.entry(self.tree.currentItem())
        if e is None or e[0] != "claim":
            return
        key = e[1].key  # type: ignore[union-attr]
        self.reviewChanged.emit(key, *self.review_row.values())

    def select_entry(self, kind: str, index: int) -> QTreeWidgetItem | None:
        """Select an entry as a click would (for keyboard users and tests)."""
        items = [t for t in (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())) if t is not None]
        for top in list(items):
            items += [c for c in (top.child(j) for j in range(top.childCount())) if c is not None]
        for it in items:
            if it.data(0, ROLE) == (kind, index):
                self.tree.setCurrentItem(it)
                self.tree.scrollToItem(it)
                return it
        return None
