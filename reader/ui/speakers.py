"""Speaker pages: who is quoted across the library, and everything one person
is quoted as saying, by document, with near-duplicates in other words shown
together (a misquote signal). View > Speakers.

The names are a model with a filter proxy over it: typing part of a name narrows the list (as Zotero's tag
selector does; accents and case do not matter; Escape clears it), and the quotes follow the current name
whether it was clicked, reached by the arrow keys or by typing its first letters in the list.

Signals:
    openRequested(str, int, int): a document's path and the quote's start, end.
"""

from __future__ import annotations

import logging
import unicodedata
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QSplitter, QTreeView, QVBoxLayout, QWidget

from reader.titles import file_in_folder
from reader.ui.copy_names import CopyNameDelegate
from reader.ui.tasks import Task
from reader.ui.wrap_delegate import WrapDelegate

if TYPE_CHECKING:
    from notes_db.people import Person
    from notes_db.reviews import Finding

log = logging.getLogger("reader.ui.speakers")

ROLE = Qt.ItemDataRole.UserRole


def _people(db_path: Path) -> list[Person]:
    from notes_db.reviews import people
    from notes_db.store import NotesDB

    store = NotesDB(db_path)
    try:
        return people(store)
    finally:
        store.close()


def _quotes(db_path: Path, name: str, person: Person | None) -> tuple[list[Finding], list[list[Finding]]]:
    from notes_db.reviews import similar_quote_groups, speaker_quotes
    from notes_db.store import NotesDB

    store = NotesDB(db_path)
    try:
        quotes = speaker_quotes(store, name, person)
    finally:
        store.close()
    return quotes, similar_quote_groups(quotes)


#: Room for the quotes beside the list of names.
QUOTES_WIDTH = 620
#: A name reached by the arrow keys shows its quotes once the keys rest this long (holding Down through a
#: thousand names reads the library once, not a thousand times).
FOLLOW_MS = 120
#: Up to this many quotes the quotes scroll by pixels (each row measured at once, wrapped), beyond it by rows.
PIXEL_SCROLL_QUOTES = 1500


def folded(text: str) -> str:
    """Lower case without accents: "natasha" finds "Natásha", "rostov" "Rostóv"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


class NameFilter(QSortFilterProxyModel):
    """The names holding every word typed (in any order, anywhere in the name). The heading of the polls,
    documents and media stays while one of them matches. Each row's words are folded once, when the names
    come, so a keystroke costs one substring test a row."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._keys: list[str | None] = []  # a row's folded name; None for a heading
        self._words: list[str] = []
        self._heading_kept = True

    def set_keys(self, keys: list[str | None]) -> None:
        self._keys = keys
        self._refilter()

    def set_text(self, text: str) -> None:
        words = folded(text).split()
        if words != self._words:
            self._words = words
            self._refilter()

    def _refilter(self) -> None:
        self.beginFilterChange()
        heading = next((i for i, k in enumerate(self._keys) if k is None), None)
        self._heading_kept = heading is not None and any(
            self._match(k) for k in self._keys[heading + 1:] if k is not None)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _match(self, key: str) -> bool:
        return all(w in key for w in self._words)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        if row >= len(self._keys):
            return True
        key = self._keys[row]
        return self._heading_kept if key is None else self._match(key)


class SpeakersWindow(QWidget):
    openRequested = Signal(str, int, int)

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Speakers")
        from reader.ui.window_keys import close_on_keys

        close_on_keys(self)  # Escape, Ctrl+W
        self.resize(980, 560)
        self._fitted = False  # sized to the names when they come
        self.db_path = db_path
        self._tasks: list[Task] = []
        self.current = ""
        self._loaded = ""  # the person whose quotes are shown
        self._persons: dict[str, Person] = {}  # the names listed, with their groups (one person's quotes at once)
        self.quotes: list[Finding] = []
        self.groups: list[list[Finding]] = []
        self._at: dict[int, int] = {}
        lay = QVBoxLayout(self)
        self.summary = QLabel("Reading the library…")
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        lay.addWidget(self.summary)
        self.split = split = QSplitter()
        names = QWidget()
        names_lay = QVBoxLayout(names)
        names_lay.setContentsMargins(0, 0, 0, 0)
        names_lay.setSpacing(4)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter names…")
        self.filter.setToolTip("Type part of a name to narrow the list; Escape clears it")
        self.filter.setClearButtonEnabled(True)
        names_lay.addWidget(self.filter)
        self.people_model = QStandardItemModel(self)
        self.people_filter = NameFilter(self)
        self.people_filter.setSourceModel(self.people_model)
        self.people = QListView()
        self.people.setModel(self.people_filter)
        self.people.setUniformItemSizes(True)  # thousands of one-line names: no row measured on its own
        self.people.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        # a name too long for the list is cut with an ellipsis, whole in its tooltip: no sideways scrolling
        self.people.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.people.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.people.setItemDelegate(CopyNameDelegate(self.people))  # a copy's folder and file kept, its title cut
        names_lay.addWidget(self.people, 1)
        split.addWidget(names)
        self.quote_model = QStandardItemModel(self)
        self.quote_view = QTreeView()
        self.quote_view.setHeaderHidden(True)
        # a quote is read whole: wrapped to the width, each row as tall as its lines (measured once a width by
        # the delegate, only for the rows Qt lays out), never one line cut with an ellipsis
        self.quote_view.setWordWrap(True)
        self.quote_view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.quote_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.quote_view.setItemDelegate(WrapDelegate(self.quote_view))
        self.quote_view.setModel(self.quote_model)
        self.quote_view.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        split.addWidget(self.quote_view)
        split.setSizes([260, 700])
        lay.addWidget(split, 1)
        self._follow = QTimer(self)  # the arrow keys' current name, once they rest
        self._follow.setSingleShot(True)
        self._follow.setInterval(FOLLOW_MS)
        self._follow.timeout.connect(self._show_current)
        self.people.clicked.connect(self._clicked)
        self.people.selectionModel().currentChanged.connect(self._current_changed)
        self.people.activated.connect(self._clicked)  # Enter on a name: at once
        self.filter.textChanged.connect(self._filter_changed)
        self.filter.installEventFilter(self)
        self.quote_view.activated.connect(self._open)  # a double click, or Enter on a quote: open it there

    def _clicked(self, index: Any) -> None:
        self._follow.stop()
        name = index.data(ROLE)
        if name is not None:  # not the heading of the polls, documents and media
            self.show_person(str(name))

    def _current_changed(self, index: QModelIndex, _previous: QModelIndex) -> None:
        name = index.data(ROLE)
        if name is not None and name != self.current:
            self._announce(str(name))  # at once: what shows is never the previous person's
            self._follow.start()

    @Slot()
    def _show_current(self) -> None:
        if self.current and self._loaded != self.current:
            self.show_person(self.current)

    @Slot(str)
    def _filter_changed(self, text: str) -> None:
        self.people_filter.set_text(text)
        current = self.people.currentIndex()
        if current.isValid():
            self.people.scrollTo(current)

    def _first_person(self) -> QModelIndex:
        model = self.people_filter
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            if index.data(ROLE) is not None:
                return index
        return QModelIndex()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        """In the filter box: Escape clears it (and closes the window only once it is empty), Down or Enter
        goes to the first name that matches (Down did not, when a name further down was chosen and still
        matched: "natasha", Down, went to the last of them, "Natásha's door", tryout 11)."""
        if obj is self.filter and isinstance(event, QKeyEvent):
            key = event.key()
            if key == Qt.Key.Key_Escape and self.filter.text():
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()  # the key is the box's, not the window's Escape shortcut
                    return True
                if event.type() == QEvent.Type.KeyPress:
                    self.filter.clear()
                    return True
            if event.type() == QEvent.Type.KeyPress and key in (Qt.Key.Key_Down, Qt.Key.Key_Return,
                                                                Qt.Key.Key_Enter):
                current = self._first_person()
                if current.isValid():
                    self.people.setCurrentIndex(current)
                    self.people.setFocus()
                    if key != Qt.Key.Key_Down:
                        self._clicked(current)
                return True
        return super().eventFilter(obj, event)

    def _run(self, fn: Any, done: Any) -> None:
        task = Task(lambda _p: fn(), self, name="speakers")
        task.finished.connect(task.deleteLater)  # (a child of this window: what it read goes with it)

        def ok(result: Any) -> None:
            self._forget(task)
            done(result)

        def failed(exc: object) -> None:
            self._forget(task)
            self.summary.setText(f"The library could not be read: {exc}")

        task.succeeded.connect(ok)
        task.failed.connect(failed)
        self._tasks.append(task)
        task.start()

    def _forget(self, task: Task) -> None:
        if task in self._tasks:
            self._tasks.remove(task)

    def reload(self) -> None:
        self._run(lambda: _people(self.db_path), self._people_read)

    def _people_read(self, persons: list[Person]) -> None:
        self._persons = {p.name: p for p in persons}
        self.set_people([(p.name, p.quotes - p.positions, p.documents, p.positions) for p in persons])

    def shutdown(self) -> None:
        for t in list(self._tasks):
            t.cancel()
            t.wait(10)
        self._tasks.clear()

    def closeEvent(self, e: Any) -> None:  # noqa: N802
        self.shutdown()
        super().closeEvent(e)

    def set_people(self, people: list[tuple[str, int, int]] | list[tuple[str, int, int, int]]) -> None:
        """The people quoted (name, quotes, documents[, positions]), most quoted first; then, under a heading
        of their own, the polls, documents and media quoted ('the poll', 'Twelve percent', 'CNN'): sources,
        not people. Quotes and positions are counted apart, as a document's panel counts its two tabs."""
        from reader.speaker_labels import DOCUMENTS, DOCUMENTS_EXPLAINED, is_document

        # the list made again announces no one: the person shown stays (their row found again below)
        selection = self.people.selectionModel()
        blocked = selection.blockSignals(True)
        self.people_model.clear()
        self._follow.stop()  # the list is new: its first row is not a name the keys went to
        persons = [p for p in people if not is_document(p[0])]
        documents = [p for p in people if is_document(p[0])]
        rows: list[QStandardItem] = []
        keys: list[str | None] = []
        for k, (name, n, docs, *more) in enumerate([*persons, *documents]):
            if k == len(persons):
                head = QStandardItem(DOCUMENTS)
                bold = QFont()
                bold.setWeight(QFont.Weight.DemiBold)
                head.setFont(bold)
                head.setToolTip(DOCUMENTS_EXPLAINED)
                head.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: not selectable, no page of its own
                rows.append(head)
                keys.append(None)
            said = f"{n} quote{'s' if n != 1 else ''}" + (
                f", {more[0]} position{'s' if more[0] != 1 else ''}" if more and more[0] else "")  # (not "44 in 1 doc")
            it = QStandardItem(f"{name}  ({said} in {docs} doc{'s' if docs != 1 else ''})")
            it.setToolTip(it.text())
            it.setData(name, ROLE)
            rows.append(it)
            keys.append(folded(name))
        self.people_filter.set_keys(keys)
        self.people_model.invisibleRootItem().appendRows(rows)  # one insertion, not one a name
        kept = False
        if self.current:  # the person shown stays the current row when the library is read again
            at = self.people_model.match(self.people_model.index(0, 0), ROLE, self.current, 1,
                                         Qt.MatchFlag.MatchExactly)
            if at:  # (the same name: its quotes are not read again)
                self.people.setCurrentIndex(self.people_filter.mapFromSource(at[0]))
                kept = True
        selection.blockSignals(blocked)
        if self.current and not kept:  # gone from the library: nobody shown
            self.current, self._loaded = "", ""
            self.quote_model.clear()
        if people and not self._fitted:  # every name whole, the quotes beside them, within the screen
            self._fitted = True
            from reader.ui.window_size import available

            names = self.people.sizeHintForColumn(0) + 2 * self.people.frameWidth() \
                + self.people.verticalScrollBar().sizeHint().width() + 8
            max_w, max_h = available(self)
            names = min(names, max_w // 2)
            self.resize(min(max_w, names + QUOTES_WIDTH + 40), min(max_h, self.height()))
            self.split.setSizes([names, self.width() - names - 40])
        if kept:  # the summary stays the person's (a document's findings written meanwhile read the library again)
            if self._loaded != self.current:
                self._follow.start()  # the keys went to them and the list came back before their quotes were read
            return
        sources = f" and {len(documents)} polls, documents or media" if documents else ""
        self.summary.setText(f"{len(persons)} people{sources} quoted across the library. Click one (or move to it "
                             "with the arrow keys) to see what they said; type part of a name above the list to find it. "
                             "(Quotes with no speaker in the text, or whose speaker the text does not name, "
                             "are in each document's quotes panel.)"
                             if people else "Nobody is quoted yet: open documents, and their quotes are read.")

    def _announce(self, name: str) -> None:
        """The person chosen, while their quotes are read: their name, not the previous person's quotes."""
        self.current = name
        self._loaded = ""
        self.quote_model.clear()
        self.summary.setMinimumHeight(max(self.summary.minimumHeight(), self.summary.height()))
        self.summary.setText(f"Reading the quotes of {name}…")

    def show_person(self, name: str) -> None:
        self._follow.stop()
        self._announce(name)
        person = self._persons.get(name)
        self._run(lambda: _quotes(self.db_path, name, person), lambda r, n=name: self.set_quotes(n, *r))

    def set_quotes(self, name: str, quotes: list[Finding], groups: list[list[Finding]]) -> None:
        if name != self.current:
            return
        self.quotes, self.groups = quotes, groups
        self._loaded = name
        self._at = {id(q): i for i, q in enumerate(quotes)}  # a quote's place, at once (list.index: 1,246² steps)
        self.quote_model.clear()
        bold = QFont()
        bold.setWeight(QFont.Weight.DemiBold)
        by_doc: dict[int, list[Finding]] = {}
        for q in quotes:
            by_doc.setdefault(q.doc_id, []).append(q)
        if groups:
            top = QStandardItem(f"Said nearly the same in other words ({len(groups)})")
            top.setFont(bold)
            for g in groups:
                head = QStandardItem(" / ".join(sorted({q.doc_title for q in g})))
                for q in g:
                    head.appendRow(self._quote_item(q, f"{q.doc_title}: "))
                top.appendRow(head)
            self.quote_model.appendRow(top)
        titles = Counter(qs[0].doc_title for qs in by_doc.values())  # (a person quoted in thousands of documents)
        for qs in by_doc.values():
            opened = qs[0].opened[:10]
            # copies of one title told apart by their files, as the Library does (second tryout s13)
            title = qs[0].doc_title + (f" — {file_in_folder(qs[0].doc_path)}" if titles[qs[0].doc_title] > 1 else "")
            top = QStandardItem(f"{title} ({len(qs)})" + (f" · opened {opened}" if opened else ""))
            top.setToolTip(qs[0].doc_path)
            top.setFont(bold)
            for q in qs:
                top.appendRow(self._quote_item(q))
            self.quote_model.appendRow(top)
        # smooth scrolling needs every row's height before the first paint (~0.1 ms a wrapped quote): past
        # PIXEL_SCROLL_QUOTES the bar goes a row at a time, and only the rows shown are measured
        self.quote_view.setVerticalScrollMode(QTreeView.ScrollMode.ScrollPerPixel if len(quotes) <= PIXEL_SCROLL_QUOTES
                                              else QTreeView.ScrollMode.ScrollPerItem)
        self.quote_view.expandAll()
        # the header keeps its height (the library's summary takes two lines, a person's one): the lists stay put
        self.summary.setMinimumHeight(max(self.summary.minimumHeight(), self.summary.height()))
        from notes_db.reviews import counted

        positions = sum(1 for q in quotes if q.position)
        self.summary.setText(f"{name}: {counted(len(quotes) - positions, positions)} in {len(by_doc)} "
                             f"document{'s' if len(by_doc) != 1 else ''}"
                             + (f"; {len(groups)} said nearly the same in different words." if groups else "."))

    def _quote_item(self, q: Finding, prefix: str = "") -> QStandardItem:
        it = QStandardItem(prefix + q.said())
        it.setToolTip(q.speaker)
        it.setData(self._at[id(q)], ROLE)
        return it

    @Slot()
    def _open(self, index: Any) -> None:
        i = index.data(ROLE)
        if i is None:
            return
        q = self.quotes[int(i)]
        self.openRequested.emit(q.doc_path, q.start, q.end)
