"""The Library: every document in the notes file, sortable and filterable.

Model/view: :class:`LibraryModel` holds the rows from
``notes_db.library.library`` (one query); a QSortFilterProxyModel sorts on
plain values (C++ comparisons) and filters on one precomputed search string a
row. Whether a file is still there is asked only for the rows on screen.

Signals (LibraryWindow):
    openRequested(str): a document's path, to open in the main window.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from notes_db import StorageError

if TYPE_CHECKING:
    from notes_db.library import LibraryEntry
    from notes_db.store import NotesDB

log = logging.getLogger("reader.ui.library")

COLUMNS = ("Title", "Author", "Kind", "Size", "Highlights", "Notes", "Claims reviewed", "Progress", "Last opened")
KIND_NAMES = {"pdf": "PDF", "markdown": "Markdown", "text": "Text", "web": "Web page", "epub": "EPUB"}
ID_ROLE = Qt.ItemDataRole.UserRole + 3
MISSING_ROLE = Qt.ItemDataRole.UserRole + 4
_Index = QModelIndex | QPersistentModelIndex


def _size(e: LibraryEntry) -> str:
    if e.pages:
        return f"{e.pages} page{'' if e.pages == 1 else 's'}"
    words = e.chars // 6
    return f"{words:,} words" if words >= 1000 else f"{e.chars:,} chars"


def _date(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso[:16]


_SORT_KEYS: tuple[Any, ...] = (
    lambda e: e.title.casefold(), lambda e: e.author.casefold(), lambda e: e.kind,
    lambda e: e.pages * 3000 or e.chars, lambda e: e.highlights, lambda e: e.notes, lambda e: e.claims_reviewed,
    lambda e: e.progress, lambda e: e.opened,
)


class LibraryModel(QAbstractTableModel):
    """The documents on show: all of them, filtered and sorted in Python (a
    10,000-row sort is a few milliseconds; a proxy asking data() for every
    comparison would take seconds)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.all: list[LibraryEntry] = []
        self.entries: list[LibraryEntry] = []  # what the table shows, in order
        self._search: dict[int, str] = {}
        self._missing: dict[int, bool] = {}
        self._filter = ""
        self._sort = (8, Qt.SortOrder.DescendingOrder)

    def set_entries(self, entries: list[LibraryEntry]) -> None:
        self.beginResetModel()
        self.all = entries
        self._search = {}
        self._missing = {}
        self.entries = self._arranged()
        self.endResetModel()

    def _arranged(self) -> list[LibraryEntry]:
        needle = self._filter.casefold()
        rows = [e for e in self.all if needle in self._search_text(e)] if needle else list(self.all)
        col, order = self._sort
        if 0 <= col < len(_SORT_KEYS):
            rows.sort(key=_SORT_KEYS[col], reverse=order == Qt.SortOrder.DescendingOrder)
        return rows

    def _search_text(self, e: LibraryEntry) -> str:
        text = self._search.get(e.id)
        if text is None:
            text = self._search[e.id] = f"{e.title} {e.author} {KIND_NAMES.get(e.kind, e.kind)} {Path(e.path).name}".casefold()
        return text

    def set_filter(self, text: str) -> None:
        if text == self._filter:
            return
        self.beginResetModel()
        self._filter = text
        self.entries = self._arranged()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self.entries = self._arranged()
        self.layoutChanged.emit()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt override)
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def missing(self, e: LibraryEntry) -> bool:
        """Is this document's file gone? Asked of the disk once, for rows someone looks at."""
        gone = self._missing.get(e.id)
        if gone is None:
            gone = self._missing[e.id] = not e.path or not os.path.isfile(e.path)
        return gone

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        e = self.entries[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                if not e.path:
                    return f"{e.title}  (not on this device)"
                return f"{e.title}  (missing)" if self.missing(e) else e.title
            return (
                None, e.author, KIND_NAMES.get(e.kind, e.kind), _size(e), e.highlights or "", e.notes or "",
                e.claims_reviewed or "", f"{round(e.progress * 100)}%", _date(e.opened),
            )[col]
        if role == ID_ROLE:
            return e.id
        if role == MISSING_ROLE:
            return self.missing(e)
        if role == Qt.ItemDataRole.ToolTipRole:
            if not e.path:
                return ("Its notes came from your other devices; the file was never opened here.\n"
                        "Locate… the file (it is recognised by its content), or just open it.")
            return f"{e.path}\nThe file is not there any more: Locate… it." if self.missing(e) else e.path
        if role == Qt.ItemDataRole.ForegroundRole and col == 0 and self.missing(e):
            return QBrush(QColor("#b3261e"))
        if role == Qt.ItemDataRole.TextAlignmentRole and 4 <= col <= 7:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def forget_missing(self) -> None:
        self._missing = {}


class _Table(QTableView):
    activatedRow = Signal(QModelIndex)

    def keyPressEvent(self, e: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activatedRow.emit(self.currentIndex())
            return
        super().keyPressEvent(e)


class LibraryWindow(QWidget):
    openRequested = Signal(str)
    documentRemoved = Signal(int)

    def __init__(self, store: NotesDB, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("library")
        self.setWindowTitle("Library — Reader")
        self.store = store
        self.confirm_box: QMessageBox | None = None
        self.model = LibraryModel(self)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by title, author, kind or file name…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.filter.returnPressed.connect(self._open_current)  # filter as you type, then Enter
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
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        h.setSortIndicator(8, Qt.SortOrder.DescendingOrder)  # the model's own order: no sort needed now
        h.setSortIndicatorShown(True)
        # the title gets the room: the other columns as wide as their headers and figures need
        for col, width in ((1, 140), (2, 80), (3, 95), (4, 75), (5, 55), (6, 115), (7, 70), (8, 125)):
            h.resizeSection(col, width)
        h.setSectionsClickable(True)
        h.sortIndicatorChanged.connect(self.model.sort)
        self.table.activatedRow.connect(self._open_index)
        self.table.doubleClicked.connect(self._open_index)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)

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
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)
        self.resize(1320, 640)
        self.reload()

    # -- data ---------------------------------------------------------------------

    def reload(self) -> None:
        from notes_db.library import library

        current = self.current_id()
        try:
            entries = library(self.store)
        except StorageError as exc:
            QMessageBox.warning(self, "Library", str(exc))
            entries = []
        self.model.set_entries(entries)
        self._update_count()
        if current is not None:
            self.select_id(current)
        elif self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))
        self._update_buttons()

    def showEvent(self, e: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(e)
        h = self.table.horizontalHeader()
        for col in range(1, h.count()):  # no title cut short ("ighlights"): measured once the style is in
            if h.sectionSize(col) < h.sectionSizeHint(col):
                h.resizeSection(col, h.sectionSizeHint(col))

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), len(self.model.all)
        noun = "document" if total == 1 else "documents"
        self.count.setText(f"{total:,} {noun}" if shown == total else f"{shown:,} of {total:,} {noun}")

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
        for row in range(self.model.rowCount()):
            idx = self.model.index(row, 0)
            if idx.data(ID_ROLE) == doc_id:
                self.table.setCurrentIndex(idx)
                self.table.scrollTo(idx)
                return True
        return False

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
                self.reload()
                self.select_id(e.id)
            return
        start = str(Path(e.path).parent) if Path(e.path).parent.is_dir() else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, f"Locate {Path(e.path).name}", start, "All files (*)")
        if path:
            self.relocate(e.id, path)

    def relocate(self, doc_id: int, path: str) -> None:
        from notes_db.library import relocate_document

        try:
            relocate_document(self.store, doc_id, str(Path(path).resolve()))
        except StorageError as exc:
            QMessageBox.warning(self, "Library", str(exc))
            return
        self.reload()
        self.select_id(doc_id)

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
        self.reload()
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(min(max(row, 0), self.model.rowCount() - 1), 0))


def show_library(window: Any) -> LibraryWindow | None:
    """File > Library: one Library window per main window, reloaded each time it is shown."""
    store = window.controller.ensure_store()
    if store is None:
        return None
    lib: LibraryWindow | None = getattr(window, "library_window", None)
    if lib is None:
        lib = LibraryWindow(store, window)
        lib.openRequested.connect(window.open_path)
        lib.documentRemoved.connect(lambda doc_id: _forgotten(window, doc_id))
        window.library_window = lib
    else:
        lib.reload()
    lib.show()
    if QGuiApplication.platformName() != "offscreen":
        lib.raise_()
    lib.activateWindow()
    return lib


def _forgotten(window: Any, doc_id: int) -> None:
    """The document removed from the Library is open: it starts afresh, with no notes."""
    session = getattr(window, "session", None)
    if session is not None and session.doc_id == doc_id and window.doc is not None:
        window.controller.reattach_session()
