"""Speaker pages: who is quoted across the library, and everything one person
is quoted as saying, by document, with near-duplicates in other words shown
together (a misquote signal). View > Speakers.

Signals:
    openRequested(str, int, int): a document's path and the quote's start, end.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QListView, QSplitter, QTreeView, QVBoxLayout, QWidget

from reader.ui.tasks import Task

if TYPE_CHECKING:
    from notes_db.reviews import Finding

log = logging.getLogger("reader.ui.speakers")

ROLE = Qt.ItemDataRole.UserRole


def _people(db_path: Path) -> list[tuple[str, int, int]]:
    from notes_db.reviews import speakers
    from notes_db.store import NotesDB

    store = NotesDB(db_path)
    try:
        return speakers(store)
    finally:
        store.close()


def _quotes(db_path: Path, name: str) -> tuple[list[Finding], list[list[Finding]]]:
    from notes_db.reviews import similar_quote_groups, speaker_quotes
    from notes_db.store import NotesDB

    store = NotesDB(db_path)
    try:
        quotes = speaker_quotes(store, name)
    finally:
        store.close()
    return quotes, similar_quote_groups(quotes)


#: Room for the quotes beside the list of names.
QUOTES_WIDTH = 620


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
        self.quotes: list[Finding] = []
        self.groups: list[list[Finding]] = []
        lay = QVBoxLayout(self)
        self.summary = QLabel("Reading the library…")
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        lay.addWidget(self.summary)
        self.split = split = QSplitter()
        self.people_model = QStandardItemModel(self)
        self.people = QListView()
        self.people.setModel(self.people_model)
        self.people.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        # a name too long for the list is cut with an ellipsis, whole in its tooltip: no sideways scrolling
        self.people.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.people.setTextElideMode(Qt.TextElideMode.ElideRight)
        split.addWidget(self.people)
        self.quote_model = QStandardItemModel(self)
        self.quote_view = QTreeView()
        self.quote_view.setHeaderHidden(True)
        self.quote_view.setWordWrap(True)
        self.quote_view.setModel(self.quote_model)
        self.quote_view.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        split.addWidget(self.quote_view)
        split.setSizes([260, 700])
        lay.addWidget(split, 1)
        self.people.clicked.connect(self._clicked)
        self.quote_view.doubleClicked.connect(self._open)

    def _clicked(self, index: Any) -> None:
        name = index.data(ROLE)
        if name is not None:  # not the heading of the polls, documents and media
            self.show_person(str(name))

    def _run(self, fn: Any, done: Any) -> None:
        task = Task(lambda _p: fn(), self, name="speakers")

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
        self._run(lambda: _people(self.db_path), self.set_people)

    def shutdown(self) -> None:
        for t in list(self._tasks):
            t.cancel()
            t.wait(10)
        self._tasks.clear()

    def closeEvent(self, e: Any) -> None:  # noqa: N802
        self.shutdown()
        super().closeEvent(e)

    def set_people(self, people: list[tuple[str, int, int]]) -> None:
        """The people quoted, most quoted first; then, under a heading of their own, the polls, documents and
        media quoted ('the poll', 'Twelve percent', 'CNN'): sources, not people."""
        from reader.speaker_labels import DOCUMENTS, DOCUMENTS_EXPLAINED, is_document

        self.people_model.clear()
        persons = [p for p in people if not is_document(p[0])]
        documents = [p for p in people if is_document(p[0])]
        for k, (name, n, docs) in enumerate([*persons, *documents]):
            if k == len(persons):
                head = QStandardItem(DOCUMENTS)
                bold = QFont()
                bold.setWeight(QFont.Weight.DemiBold)
                head.setFont(bold)
                head.setToolTip(DOCUMENTS_EXPLAINED)
                head.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: not selectable, no page of its own
                self.people_model.appendRow(head)
            it = QStandardItem(f"{name}  ({n} in {docs} doc{'s' if docs != 1 else ''})")
            it.setToolTip(it.text())
            it.setData(name, ROLE)
            self.people_model.appendRow(it)
        if people and not self._fitted:  # every name whole, the quotes beside them, within the screen
            self._fitted = True
            from reader.ui.window_size import available

            names = self.people.sizeHintForColumn(0) + 2 * self.people.frameWidth() \
                + self.people.verticalScrollBar().sizeHint().width() + 8
            max_w, max_h = available(self)
            names = min(names, max_w // 2)
            self.resize(min(max_w, names + QUOTES_WIDTH + 40), min(max_h, self.height()))
            self.split.setSizes([names, self.width() - names - 40])
        sources = f" and {len(documents)} polls, documents or media" if documents else ""
        self.summary.setText(f"{len(persons)} people{sources} quoted across the library. Click one to see what they said. "
                             "(Quotes with no speaker in the text, or whose speaker the text does not name, "
                             "are in each document's quotes panel.)"
                             if people else "Nobody is quoted yet: open documents, and their quotes are read.")

    def show_person(self, name: str) -> None:
        self.current = name
        self._run(lambda: _quotes(self.db_path, name), lambda r, n=name: self.set_quotes(n, *r))

    def set_quotes(self, name: str, quotes: list[Finding], groups: list[list[Finding]]) -> None:
        if name != self.current:
            return
        self.quotes, self.groups = quotes, groups
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
        for qs in by_doc.values():
            opened = qs[0].opened[:10]
            top = QStandardItem(f"{qs[0].doc_title} ({len(qs)})" + (f" · opened {opened}" if opened else ""))
            top.setFont(bold)
            for q in qs:
                top.appendRow(self._quote_item(q))
            self.quote_model.appendRow(top)
        self.quote_view.expandAll()
        # the header keeps its height (the library's summary takes two lines, a person's one): the lists stay put
        self.summary.setMinimumHeight(max(self.summary.minimumHeight(), self.summary.height()))
        self.summary.setText(f"{name}: {len(quotes)} quote{'s' if len(quotes) != 1 else ''} in {len(by_doc)} "
                             f"document{'s' if len(by_doc) != 1 else ''}"
                             + (f"; {len(groups)} said nearly the same in different words." if groups else "."))

    def _quote_item(self, q: Finding, prefix: str = "") -> QStandardItem:
        it = QStandardItem(prefix + "“" + q.words + "”")
        it.setToolTip(q.speaker)
        it.setData(self.quotes.index(q), ROLE)
        return it

    @Slot()
    def _open(self, index: Any) -> None:
        i = index.data(ROLE)
        if i is None:
            return
        q = self.quotes[int(i)]
        self.openRequested.emit(q.doc_path, q.start, q.end)
