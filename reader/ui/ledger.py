"""The claim ledger: every reviewed claim across the library, with the other
documents that hold the same claim. View > Claim Ledger.

Signals:
    openRequested(str, int, int): a document's path and the claim's start, end.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from notes_db import CLAIM_STATUSES
from reader.ui.figures import count
from reader.ui.tasks import Task

if TYPE_CHECKING:
    from notes_db.reviews import ReviewedClaim

log = logging.getLogger("reader.ui.ledger")

COLUMNS = ("Status", "Claim", "Reviewed in", "Also in", "Note", "Source", "Group")
NOTE = COLUMNS.index("Note")
#: The widest a column is made to fit its content (a longer claim or title is elided, its tooltip whole).
COLUMN_CAPS = {0: 110, 1: 460, 2: 260, 3: 240, 4: 260, 5: 220, 6: 220}
GIVE_WAY_TO = 100  # the narrowest the claim and title columns are made so the note shows whole
CLAIM_KEEPS = 300  # the claim gives way to this first (two lines a row), before the titles are cut (tryout 9)
ROLE = Qt.ItemDataRole.UserRole  # the row's key (see _key)
STATUSES_ROLE = Qt.ItemDataRole.UserRole + 1  # yours and the group's, for the status filter
NOT_YOURS = "—"  # the status cell of a claim only group members reviewed


def _load(db_path: Path) -> list[ReviewedClaim]:
    from notes_db.reviews import ledger
    from notes_db.store import NotesDB
    from notes_db.sync.local import with_group_reviews

    store = NotesDB(db_path)  # one connection per thread
    try:
        return with_group_reviews(store, ledger(store))
    finally:
        store.close()


def _key(r: ReviewedClaim) -> tuple[object, ...]:
    """What a ledger row stands for: one claim of one document."""
    return (r.doc_id, r.key) if r.doc_id >= 0 else (r.doc_title, r.key)


def _cells(r: ReviewedClaim) -> list[tuple[str, list[str] | None]]:
    """A row's cells (the first with the statuses the status filter looks at)."""
    also = ", ".join(t for _d, t, _s, _e in r.also_in)
    group = "\n".join(f"{author}: {status}" + (f" — {' '.join(note.split())}" if note else "")
                      for author, status, note in r.group)
    texts = [r.status or NOT_YOURS, " ".join(r.text.split()) or "(the claim's words come with the next analysis)",
             r.doc_title, also, r.note, r.source, group]
    return [(t, [r.status, *(st for _a, st, _n in r.group)] if c == 0 else None) for c, t in enumerate(texts)]


class _Filter(QSortFilterProxyModel):
    """A status and words, together."""

    status = ""
    words: list[str] = []  # noqa: RUF012

    def filterAcceptsRow(self, row: int, parent: Any) -> bool:  # noqa: N802
        m = self.sourceModel()
        cells = [str(m.index(row, c, parent).data() or "") for c in range(m.columnCount())]
        if self.status and self.status not in (m.index(row, 0, parent).data(STATUSES_ROLE) or ()):
            return False
        text = " ".join(cells).lower()
        return all(w in text for w in self.words)


class LedgerWindow(QWidget):
    openRequested = Signal(str, int, int)

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Claim Ledger")
        from reader.ui.window_keys import close_on_keys

        close_on_keys(self)  # Escape, Ctrl+W
        self.resize(980, 560)
        self._fitted = False  # sized to its columns when the first rows come (reader/ui/window_size.py)
        self.db_path = db_path
        self._task: Task | None = None
        self.items: list[ReviewedClaim] = []
        self._by_key: dict[tuple[object, ...], ReviewedClaim] = {}  # what each row shows, by its ROLE
        lay = QVBoxLayout(self)
        self.summary = QLabel("Reading the library…")
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        row = QHBoxLayout()
        self.filter_text = QLineEdit()
        self.filter_text.setPlaceholderText("Filter claims, notes, documents…")
        self.filter_text.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        self.status_filter.addItem("Any status", "")
        for s in CLAIM_STATUSES:
            self.status_filter.addItem(s.capitalize(), s)
        row.addWidget(self.filter_text, 3)
        row.addWidget(self.status_filter, 1)
        lay.addLayout(row)
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(list(COLUMNS))
        self.proxy = _Filter(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTreeView()
        self.view.setModel(self.proxy)
        self.view.setRootIsDecorated(False)
        self.view.setAlternatingRowColors(True)
        self.view.setSortingEnabled(True)
        self.view.setWordWrap(True)
        self.view.setColumnWidth(0, 80)
        self.view.setColumnWidth(1, 380)
        self.view.setColumnWidth(2, 160)
        self.view.setColumnWidth(3, 160)
        # every column as wide as its content, each time the rows change, and the note taking the rest of the
        # width (a refresh cut the note while empty columns kept the width their first rows gave them);
        # a column the person widened or narrowed stays as they left it
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        self._fitting = False
        self._sized_by_hand = False
        header.sectionResized.connect(self._resized)
        lay.addWidget(self.view, 1)
        hint = QLabel("Double-click a claim (or press Enter on it) to open it in its document; a document under "
                      "“Also in” opens there.")
        hint.setObjectName("cardMeta")
        lay.addWidget(hint)
        self.filter_text.textChanged.connect(self._filter)
        self.status_filter.currentIndexChanged.connect(self._filter)
        self.view.doubleClicked.connect(self._open)
        self.view.installEventFilter(self)  # Enter or Space on a row opens it, as a double click does

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.view and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) \
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            index = self.view.currentIndex()
            if index.isValid():
                self._open(index)
                return True
        return super().eventFilter(obj, event)

    def reload(self, quietly: bool = False) -> None:
        """Read the ledger again in the background (``quietly``: keep showing the summary meanwhile)."""
        if self._task is not None:
            self._task.cancel()
        if not quietly:
            self.summary.setText("Reading the library…")
        task = Task(lambda _p: _load(self.db_path), self, name="ledger")
        task.succeeded.connect(lambda result, t=task: self._loaded(t, result))
        task.failed.connect(lambda exc, t=task: self._failed(t, exc))
        self._task = task
        task.start()

    def shutdown(self) -> None:
        if self._task is not None and self._task.is_running():
            self._task.cancel()
            self._task.wait(10)
        self._task = None

    def closeEvent(self, e: Any) -> None:  # noqa: N802
        self.shutdown()
        super().closeEvent(e)

    def _failed(self, task: Task, exc: object) -> None:
        if task is self._task:
            self._task = None
            self.summary.setText(f"The ledger could not be read: {exc}")

    def _loaded(self, task: Task, items: list[ReviewedClaim]) -> None:
        if task is not self._task:
            return
        self._task = None
        self.set_items(items)

    @Slot()
    def take_changes(self) -> None:
        """Another program wrote to the notes file: read the ledger again, off the GUI thread,
        and take it as a delta (a hidden ledger reads everything when it is shown)."""
        if self.isVisible():
            self.reload(quietly=True)

    def set_items(self, items: list[ReviewedClaim]) -> None:
        """Show ``items`` as a delta on what is shown: rows that went are removed, changed
        cells are set, new rows appended (the view sorts them); the selection and the scroll
        position stay where they are."""
        keyed: dict[tuple[object, ...], ReviewedClaim] = {}
        for r in items:
            k = _key(r)
            while k in keyed:  # the same claim twice: a row each
                k = (*k, "again")
            keyed[k] = r
        for row in range(self.model.rowCount() - 1, -1, -1):
            k = self.model.item(row, 0).data(ROLE)
            if k not in keyed:
                self.model.removeRow(row)
                continue
            now = keyed.pop(k)
            if self._by_key.get(k) != now:
                for col, (text, statuses) in enumerate(_cells(now)):
                    it = self.model.item(row, col)
                    if it.text() != text:
                        it.setText(text)
                        it.setToolTip(text)
                    if statuses is not None:
                        it.setData(statuses, STATUSES_ROLE)
            self._by_key[k] = now
        for k, r in keyed.items():  # new rows
            items_row: list[QStandardItem] = []
            for text, statuses in _cells(r):
                it = QStandardItem(text)
                it.setEditable(False)
                it.setToolTip(text)
                it.setData(k, ROLE)
                if statuses is not None:
                    it.setData(statuses, STATUSES_ROLE)
                items_row.append(it)
            self.model.appendRow(items_row)
            self._by_key[k] = r
        self.items = items
        shown = {self.model.item(row, 0).data(ROLE) for row in range(self.model.rowCount())}
        self._by_key = {k: r for k, r in self._by_key.items() if k in shown}
        elsewhere = sum(1 for r in items if r.also_in)
        mine = [r for r in items if r.status]
        docs = {r.doc_id for r in mine}  # where they were reviewed (where else they appear is said next)
        theirs = sum(len(r.group) for r in items)
        if self.model.rowCount() and not self._sized_by_hand:
            from reader.ui.window_size import fit_columns, fit_window

            self._fitting = True
            try:
                width = fit_columns(self.view, COLUMN_CAPS)
            finally:
                self._fitting = False
            if not self._fitted:  # the first rows: as large as they need, within the screen
                self._fitted = True
                fit_window(self, self.view, width, rows=min(self.model.rowCount(), 14) * 2)  # a claim: 2 lines
            self._room_for_the_note()
        self.summary.setText(f"{count(len(mine))} reviewed claim{'s' if len(mine) != 1 else ''} in {count(len(docs))} "
                             f"document{'s' if len(docs) != 1 else ''}; {elsewhere} also "
                             f"appear{'s' if elsewhere == 1 else ''} in other documents."
                             + (f" Your groups: {theirs} review{'s' if theirs != 1 else ''}." if theirs else ""))
        self._filter()

    def _room_for_the_note(self) -> None:
        """When the window is too narrow for every column, the claim (down to CLAIM_KEEPS), then the two
        title columns, then the claim again give way (down to GIVE_WAY_TO pixels; elided, their tooltip
        whole) before the note is cut: "Reviewed in" was cut to "Retired …" beside a 450-pixel claim."""
        header = self.view.header()
        others = sum(header.sectionSize(c) for c in range(self.model.columnCount())
                     if c != NOTE and not header.isSectionHidden(c))
        short = min(self.view.sizeHintForColumn(NOTE), COLUMN_CAPS[NOTE]) - (self.view.viewport().width() - others)
        self._fitting = True
        try:
            for col, floor in ((1, CLAIM_KEEPS), (2, GIVE_WAY_TO), (3, GIVE_WAY_TO), (1, GIVE_WAY_TO)):
                give = min(short, header.sectionSize(col) - floor)
                if give > 0:
                    header.resizeSection(col, header.sectionSize(col) - give)
                    short -= give
            if short > 0:  # still too narrow: the note whole all the same, the view scrolls sideways
                header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(NOTE, min(self.view.sizeHintForColumn(NOTE), COLUMN_CAPS[NOTE]))
            else:
                header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        finally:
            self._fitting = False

    def resizeEvent(self, e: Any) -> None:  # noqa: N802
        super().resizeEvent(e)
        if self._fitted and not self._sized_by_hand:
            if e.size().width() > e.oldSize().width() > 0:  # wider: the columns cut for room get it back
                from reader.ui.window_size import fit_columns

                self._fitting = True
                try:
                    fit_columns(self.view, COLUMN_CAPS)
                finally:
                    self._fitting = False
            self._room_for_the_note()

    @Slot(int, int, int)
    def _resized(self, col: int, _old: int, _new: int) -> None:
        if not self._fitting and col != NOTE and self.isVisible():
            self._sized_by_hand = True

    @Slot()
    def _filter(self, *_args: object) -> None:
        self.proxy.status = self.status_filter.currentData() or ""
        self.proxy.words = self.filter_text.text().lower().split()
        self.proxy.invalidate()

    def visible_rows(self) -> list[ReviewedClaim]:
        return [self._by_key[self.proxy.index(row, 0).data(ROLE)] for row in range(self.proxy.rowCount())]

    @Slot()
    def _open(self, index: Any) -> None:
        r = self._by_key.get(index.data(ROLE))
        if r is None:
            return
        if index.column() == 3 and r.also_in:
            doc_id, _title, start, end = r.also_in[0]
            self.openRequested.emit(self._path_of(doc_id), start, end)
        elif r.start is not None and r.end is not None:
            self.openRequested.emit(r.doc_path, r.start, r.end)

    def _path_of(self, doc_id: int) -> str:
        from notes_db.store import NotesDB

        store = NotesDB(self.db_path)
        try:
            rec = store.document(doc_id)
            return rec.path if rec else ""
        finally:
            store.close()
