"""The Library: every document in the notes file, sortable and filterable.

Model/view: :class:`~reader.ui.library_model.LibraryModel` holds the rows from
``notes_db.library.library`` (one query), sorted and filtered in Python on
plain values and one precomputed search string a row. Whether a file is still
there is asked only for the rows on screen. What another program writes to the
notes file (``ExternalChanges.written``) comes in as a delta while the window
is shown.

Signals (LibraryWindow):
    openRequested(str): a document's path, to open in the main window.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from notes_db import StorageError
from reader.ui import library_menu, messages
from reader.ui.elided_label import ElidedLabel
from reader.ui.figures import count
from reader.ui.library_model import ID_ROLE, MISSING_ROLE, LibraryModel, widest_sizes
from reader.ui.library_title import title_column

if TYPE_CHECKING:
    from notes_db.library import LibraryEntry
    from notes_db.store import NotesDB
    from reader.ui.library_loading import LibraryRead

log = logging.getLogger("reader.ui.library")


class _Table(QTableView):
    activatedRow = Signal(QModelIndex)

    def keyPressEvent(self, e: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activatedRow.emit(self.currentIndex())
            return
        super().keyPressEvent(e)


_MOVES = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


class LibraryWindow(QWidget):
    #: Up to this many documents (the largest id) the Library is read at once, on the GUI thread
    #: (1,000 rows are read in ~10 ms); more are read in the background, shown as they arrive.
    READ_AT_ONCE = 1000
    openRequested = Signal(str)
    documentRemoved = Signal(int)
    #: Locate... pointed this document at the file the main window shows.
    documentRelocated = Signal(int)

    def __init__(self, store: NotesDB, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("library")
        self.setWindowTitle("Library — Reader")
        self.store = store
        self.confirm_box: QMessageBox | None = None
        self.model = LibraryModel(self)
        self._task: LibraryRead | None = None  # reading a big Library's rows (reader/ui/library_loading.py)
        self._want_current: int | None = None  # the document to select once its row arrives
        self._expected = 0
        self._partial = False  # closed before every row was in: read again when shown
        self._seen = 0  # how far the notes file's change log was read (notes_db.library.version)
        self._own_changes = QTimer(self)
        self._own_changes.setSingleShot(True)
        self._own_changes.setInterval(0)
        self._own_changes.timeout.connect(self.take_changes)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by title, author, kind or file name…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.filter.returnPressed.connect(self._open_current)  # filter as you type, then Enter
        self.filter.installEventFilter(self)  # the arrow keys move the table's choice: then Enter opens that one
        self.count = QLabel()
        self.count.setObjectName("muted")
        self.table = _Table()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # a column's width is measured on the first 100 rows, not 1,000 (Qt's default): the window
        # fits its columns when first shown, and 9 x 1,000 cells were most of its first paint
        self.table.horizontalHeader().setResizeContentsPrecision(100)
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        title_column(self.table)  # it takes the room left; "Long title…  (missing)": the flag stays in sight
        h.setSortIndicator(8, Qt.SortOrder.DescendingOrder)  # the model's own order: no sort needed now
        h.setSortIndicatorShown(True)
        # the title gets the room: the other columns as wide as their headers and figures need
        for col, width in ((1, 140), (2, 80), (3, 95), (4, 75), (5, 55), (6, 115), (7, 70), (8, 125)):
            h.resizeSection(col, width)
        h.sortIndicatorChanged.connect(self.model.sort)
        self.table.activatedRow.connect(self._open_index)
        self.table.doubleClicked.connect(self._open_index)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        library_menu.install(self)  # right click: Open, Show in Folder, Copy Path, Locate…, Remove…
        self.row_menu: QMenu | None = None

        self.open_button = QPushButton("Open")
        self.open_button.clicked.connect(lambda: self._open_index(self.table.currentIndex()))
        self.locate_button = QPushButton("Locate…")
        self.locate_button.setToolTip("The file was moved or renamed: show Reader where it is now")
        self.locate_button.clicked.connect(self.locate_current)
        self.remove_button = QPushButton("Remove from Library…")
        self.remove_button.clicked.connect(self.remove_current)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.remove_current)
        QShortcut(QKeySequence.StandardKey.Find, self, self.filter.setFocus)
        QShortcut(QKeySequence("Escape"), self, self.close)

        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.count)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.locate_button)
        self.said = ElidedLabel()  # what a row's menu could not do ("No file manager found…"), whole in its tooltip
        self.said.setObjectName("muted")
        buttons.addWidget(self.said, 1)
        buttons.addWidget(self.remove_button)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)
        self.resize(1320, 640)
        self._fitted = False  # sized to its columns when first shown (reader/ui/window_size.py)
        self.reload()

    # -- data ---------------------------------------------------------------------

    @Slot()
    def take_changes(self) -> None:
        """The notes file was written (by another program, or by this window's own session):
        the rows of the documents that changed since the last look are read, and only those
        (``notes_db.library.changes_since``), and the model takes them as a delta. A hidden
        Library catches up when it is shown."""
        if not self.isVisible() or self.loading:  # (read once the rows are in)
            return
        from notes_db.library import changes_since

        try:
            changes = changes_since(self.store, self._seen)
        except StorageError as exc:
            log.info("the Library is not updated: %s", exc)
            return
        if changes.reset:  # the file's log went back (a backup restored in its place): read it all
            self.reload()
            return
        self._seen = changes.version
        if self.model.apply_changes(changes.entries, changes.gone):
            self._update_count()
            if self.model.rowCount() and not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.model.index(0, 0))
            self._update_buttons()

    def _after_write(self) -> None:
        """The Library itself changed the notes file (removed, relocated): its rows follow."""
        if self.isVisible():
            self.take_changes()
        else:
            self.reload()

    def catch_up(self) -> None:
        """Shown again: the rows that changed while it was hidden (those only), and whether
        files came or went meanwhile (asked again of the rows on screen). Closed before all its
        rows were in, it reads them all again."""
        if self._partial and not self.loading:
            self.reload()
            return
        self.take_changes()
        self.model.forget_missing()
        self.table.viewport().update()
        self._update_buttons()

    @Slot()
    @Slot(object)
    def take_own_changes(self, *_args: object) -> None:
        """This window's session wrote (a highlight made, edited or deleted; a document opened; a claim reviewed):
        taken in once the event loop turns, so a burst (500 imported annotations) is one look."""
        self._own_changes.start()

    @property
    def loading(self) -> bool:
        """Whether a big Library is still being read (its rows come in batches meanwhile)."""
        return self._task is not None

    def reload(self) -> None:
        """Read every row again. A small Library is read at once; a big one on a thread of its
        own, shown as its rows arrive (the first screenful first), while the window answers."""
        from notes_db.library import library, size_bound, version

        current = self.current_id()
        self.cancel_loading()
        try:
            self._seen = version(self.store)  # first: a write during the read is taken again later, never lost
            big = size_bound(self.store) > self.READ_AT_ONCE
            entries = [] if big else library(self.store)
        except StorageError as exc:
            QMessageBox.warning(self, "Library", str(exc))
            big, entries = False, []
        self.model.set_entries(entries)
        if big:
            self._read_in_background(current)
            return
        self._update_count()
        if current is not None:
            self.select_id(current)
        elif self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))
        self._update_buttons()

    def _read_in_background(self, current: int | None) -> None:
        from reader.ui.library_loading import LibraryRead

        task = LibraryRead(self.store.path, self)
        task.batch.connect(self._take_batch)
        task.done.connect(self._read_done)
        task.failed.connect(self._read_failed)
        self._task = task
        self._want_current = current
        self._partial = True
        self._update_count()
        self._update_buttons()
        task.start()

    def _take_batch(self, batch: list[LibraryEntry], total: int) -> None:
        self._expected = total
        keep = self.current_id() or self._want_current  # (the row current before reading again, once it is in)
        self.model.add_entries(batch)  # (rows scattered by a sort: the model is reset, the current row kept here)
        self._update_count()
        if not self.table.currentIndex().isValid():
            if keep is not None:
                self.select_id(keep)
            elif self.model.rowCount():
                self.table.setCurrentIndex(self.model.index(0, 0))
        self._update_buttons()
        if self.isVisible() and not self._fitted:
            self._fit()

    def _read_done(self) -> None:
        self._task = None
        self._partial = False
        self._update_count()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))
        self._update_buttons()
        self.take_changes()  # what was written while the rows were read

    def _read_failed(self, exc: object) -> None:
        self._task = None
        self._update_count()
        QMessageBox.warning(self, "Library", str(exc))

    def cancel_loading(self) -> LibraryRead | None:
        """Stop reading the rows (the window closed, the application quits, or it reads again)."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
        return task

    def shutdown(self) -> None:
        """The application quits: the read stops (it is a daemon thread: it never holds quitting up)."""
        if (task := self.cancel_loading()) is not None:
            task.wait(1.0)

    def closeEvent(self, e: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """A closed Library stops reading; shown again, it reads what it has not (``show_library``)."""
        self.cancel_loading()
        super().closeEvent(e)

    def showEvent(self, e: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(e)
        h = self.table.horizontalHeader()
        for col in range(1, h.count()):  # no title cut short ("ighlights"): measured once the style is in
            if h.sectionSize(col) < h.sectionSizeHint(col):
                h.resizeSection(col, h.sectionSizeHint(col))
        sizes = max(self.table.fontMetrics().horizontalAdvance(t) for t in widest_sizes()) + 16  # (the cell's margins)
        if h.sectionSize(3) < sizes:  # no size cut ("535,134 …"), whatever rows came since the window was fitted
            h.resizeSection(3, sizes)
        if not self._fitted and not self.loading:  # the first time its rows are in: as large as they need
            self._fit()

    def _fit(self) -> None:
        """As large as the columns need, within the screen (once)."""
        self._fitted = True
        from reader.ui.window_size import fit_columns, fit_window

        header, precision = self.table.horizontalHeader(), self.table.horizontalHeader().resizeContentsPrecision()
        header.setResizeContentsPrecision(30)  # the 24 rows fitted (100 rows' cells: 110 ms of a big Library's first read)
        fit_window(self, self.table, fit_columns(self.table, {0: 560, 1: 170}), rows=min(self.model.rowCount(), 24))
        header.setResizeContentsPrecision(precision)

    def _update_count(self) -> None:
        if self.loading:
            self.count.setText(f"Loading {count(self.model.total)} of {count(self._expected)}…" if self._expected else "Reading…")
            return
        shown, total = self.model.rowCount(), self.model.total
        noun = "document" if total == 1 else "documents"
        self.count.setText(f"{count(total)} {noun}" if shown == total else f"{count(shown)} of {count(total)} {noun}")

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        """In the filter box, Up, Down, Page Up and Page Down move the table's chosen row (the box keeps the
        keyboard), so that Enter opens the row one moved to (tryout 11: Down did nothing, and Enter opened the
        row chosen before)."""
        if obj is self.filter and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in _MOVES and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            if self.model.rowCount():
                QGuiApplication.sendEvent(self.table, QKeyEvent(event.type(), event.key(), event.modifiers()))
            return True
        return super().eventFilter(obj, event)

    @Slot(str)
    def _filter(self, text: str) -> None:
        self.model.set_filter(text.strip())
        self._update_count()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))
        self._update_buttons()

    def current_id(self) -> int | None:
        idx = self.table.currentIndex()
        return int(idx.data(ID_ROLE)) if idx.isValid() else None

    def current_entry(self) -> LibraryEntry | None:
        idx = self.table.currentIndex()
        return self.model.entries[idx.row()] if idx.isValid() else None

    def select_id(self, doc_id: int) -> bool:
        row = self.model.row_for(doc_id)
        if row is None:
            return False
        idx = self.model.index(row, 0)
        self.table.setCurrentIndex(idx)
        self.table.scrollTo(idx)
        return True

    def row_texts(self, column: int = 0) -> list[str]:
        """What the table shows in one column, top to bottom (for tests and scripts)."""
        return [str(self.model.index(r, column).data() or "") for r in range(self.model.rowCount())]

    @Slot()
    def _update_buttons(self, *_args: object) -> None:
        idx = self.table.currentIndex()
        has = idx.isValid()
        missing = bool(idx.data(MISSING_ROLE)) if has else False
        self.open_button.setEnabled(has and not missing)
        self.locate_button.setEnabled(has)
        self.locate_button.setDefault(missing)
        self.remove_button.setEnabled(has)

    # -- actions ------------------------------------------------------------------

    @Slot()
    def _open_current(self) -> None:
        self._open_index(self.table.currentIndex())

    @Slot(QModelIndex)
    def _open_index(self, idx: QModelIndex) -> None:
        if not idx.isValid():
            return
        e = self.model.entries[idx.row()]
        if not e.path:
            self.locate_current()
            return
        if not os.path.isfile(e.path):
            self.model.forget_missing()
            self.table.viewport().update()
            self._update_buttons()
            box = QMessageBox(QMessageBox.Icon.Question, "File not found",
                              f"{Path(e.path).name} is not at {Path(e.path).parent} any more.\nLocate it?",
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
            box.finished.connect(lambda r: self.locate_current() if r == QMessageBox.StandardButton.Yes else None)
            box.finished.connect(box.deleteLater)
            self.confirm_box = box
            box.open()
            return
        self.openRequested.emit(e.path)

    @Slot()
    def locate_current(self) -> None:
        e = self.current_entry()
        if e is None:
            return
        if not e.path:  # synced from another device: found by its content
            from reader.ui.elsewhere import locate

            if locate(self, self.store, e.id, e.title):
                self._after_write()
                self.select_id(e.id)
            return
        start = str(Path(e.path).parent) if Path(e.path).parent.is_dir() else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, f"Locate {Path(e.path).name}", start, "All files (*)")
        if path:
            self.relocate(e.id, path)

    def relocate(self, doc_id: int, path: str) -> None:
        from notes_db.library import relocate_document

        path = str(Path(path).resolve())
        doc = getattr(self.parent(), "doc", None)
        showing = doc is not None and str(Path(doc.path).resolve()) == path  # the window shows this very file
        try:
            done = relocate_document(self.store, doc_id, path)
        except StorageError as exc:
            QMessageBox.warning(self, "Library", str(exc))
            return
        self._after_write()
        self.select_id(doc_id)
        if done.merged:
            kept = f", with its {done.highlights} highlight{'s' if done.highlights != 1 else ''}" if done.highlights else ""
            messages.info(f"{Path(path).name} had been opened after it moved: that Library row is merged into "
                          f"this one{kept}, and the notes are placed on the file's text.")
        if showing:
            self.documentRelocated.emit(doc_id)  # open in the window: its notes are read again, from this row

    @Slot()
    def remove_current(self) -> None:
        e = self.current_entry()
        if e is None:
            return
        what = []
        if e.highlights:
            what.append(f"{e.highlights} highlight{'s' if e.highlights != 1 else ''}")
        if e.notes:
            what.append(f"{e.notes} note{'s' if e.notes != 1 else ''}")
        if e.claims_reviewed:
            what.append(f"{e.claims_reviewed} claim review{'s' if e.claims_reviewed != 1 else ''}")
        goes = f"Its {', '.join(what)} will be deleted with it." if what else "It has no highlights or notes."
        session = getattr(self.parent(), "session", None)
        if session is not None and session.doc_id == e.id:
            goes += "\nIt is open in Reader: it stays listed, without notes, while it is open."
        box = QMessageBox(QMessageBox.Icon.Warning, "Remove from Library",
                          f"Remove “{e.title}” from the Library?\n\n{goes}\nThe file itself is not touched.",
                          QMessageBox.StandardButton.Cancel, self)
        box.addButton("Remove", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _r, b=box, doc_id=e.id: self._confirmed_remove(
            doc_id, b.clickedButton() is not None and b.buttonRole(b.clickedButton()) == QMessageBox.ButtonRole.DestructiveRole))
        box.finished.connect(box.deleteLater)
        self.confirm_box = box
        box.open()

    def _confirmed_remove(self, doc_id: int, yes: bool) -> None:
        self.confirm_box = None
        if not yes:
            return
        from notes_db.library import remove_document

        row = self.table.currentIndex().row()
        try:
            remove_document(self.store, doc_id)
        except StorageError as exc:
            QMessageBox.warning(self, "Library", str(exc))
            return
        self.documentRemoved.emit(doc_id)
        self._after_write()
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(min(max(row, 0), self.model.rowCount() - 1), 0))
