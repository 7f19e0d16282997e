"""The Library's rows: every document in the notes file, filtered and sorted in
Python, and kept up to date as a delta (:meth:`LibraryModel.update_entries`)."""

from __future__ import annotations

import itertools
import os
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from reader.titles import file_in_folder
from reader.ui.figures import count

if TYPE_CHECKING:
    from notes_db.library import LibraryEntry

COLUMNS = ("Title", "Author", "Kind", "Size", "Highlights", "Notes", "Claims reviewed", "Progress", "Last opened")
#: What the Progress column shows (its header's tooltip; README, Library).
PROGRESS_TIP = "How far you have read: the furthest place, 100% once the end has been on screen (going back does not lower it)"
KIND_NAMES = {"pdf": "PDF", "markdown": "Markdown", "text": "Text", "web": "Web page", "epub": "EPUB"}
ID_ROLE = Qt.ItemDataRole.UserRole + 3
MISSING_ROLE = Qt.ItemDataRole.UserRole + 4
#: What follows a title and stays in sight when the title is cut: the file's name and folder when another
#: document has the same title (" — Downloads/paper-v2.pdf"), then the flag ("  (missing)", "  (not on this device)"); "" for none.
FLAG_ROLE = Qt.ItemDataRole.UserRole + 5
MISSING_FLAG = "  (missing)"
ABSENT_FLAG = "  (not on this device)"
_Index = QModelIndex | QPersistentModelIndex


def _size(e: LibraryEntry) -> str:
    """"33 pages", "3,070 words", "535K words", "1.2M words": short enough for the Size column (tryout 12:
    "535,134 …" was cut); the exact count is in the cell's tooltip."""
    if e.pages:
        return f"{count(e.pages)} page{'' if e.pages == 1 else 's'}"
    words = max(1, round(e.chars / 6))  # one unit for every text, short or long
    if words >= 999_500:
        return f"{QLocale().toString(words / 1_000_000, 'f', 1)}M words"
    if words >= 10_000:
        return f"{round(words / 1000)}K words"
    return f"{count(words)} word{'' if words == 1 else 's'}"


def widest_sizes() -> tuple[str, ...]:
    """The widest Size values (the column is made as wide as these at least: no size is ever cut)."""
    return (f"{count(8888)} words", "888K words", f"{QLocale().toString(8.8, 'f', 1)}M words", f"{count(8888)} pages")


def _exact_size(e: LibraryEntry) -> str:
    words = max(1, round(e.chars / 6))
    return f"{count(e.pages)} pages, about {count(words)} words" if e.pages else f"About {count(words)} words"


def _date(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso[:16]


#: What each column shows of a row (the title, column 0, is worked out in ``data``: it asks the disk).
_CELLS: tuple[Any, ...] = (
    lambda e: e.title, lambda e: e.author, lambda e: KIND_NAMES.get(e.kind, e.kind), _size,
    lambda e: e.highlights or "", lambda e: e.notes or "", lambda e: e.claims_reviewed or "",
    lambda e: f"{round(e.progress * 100)}%", lambda e: _date(e.opened),
)


def _newest_first(e: LibraryEntry) -> tuple[str, int]:
    """The Library's own order (reversed): most recently opened, then newest."""
    return (e.opened, e.id)


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
        #: Every document by id; ``all`` lists them most recently opened first.
        self._all: dict[int, LibraryEntry] = {}
        self._all_list: list[LibraryEntry] | None = []
        self.entries: list[LibraryEntry] = []  # what the table shows, in order
        self._search: dict[int, str] = {}
        self._missing: dict[int, bool] = {}
        self._filter = ""
        self._sort = (8, Qt.SortOrder.DescendingOrder)
        #: How many documents have each title: a title two have is followed by its file's name (copies told apart).
        self._titles: Counter[str] = Counter()

    @property
    def all(self) -> list[LibraryEntry]:
        """Every document (shown or filtered out), most recently opened first."""
        if self._all_list is None:
            self._all_list = sorted(self._all.values(), key=_newest_first, reverse=True)
        return self._all_list

    @all.setter
    def all(self, entries: list[LibraryEntry]) -> None:
        self._all = {e.id: e for e in entries}
        self._all_list = sorted(entries, key=_newest_first, reverse=True)

    @property
    def total(self) -> int:
        return len(self._all)

    def set_entries(self, entries: list[LibraryEntry]) -> None:
        self.beginResetModel()
        self.all = entries
        self._titles = Counter([e.title for e in entries])
        self._search = {}
        self._missing = {}
        self.entries = self._arranged()
        self.endResetModel()

    def add_entries(self, batch: list[LibraryEntry]) -> None:
        """Take more documents of a Library being read (``batch``; none of them shown yet): each
        goes where the current sort and filter put it. Read in the Library's own order and shown in
        it (the usual case), a batch is one run of rows after the last; sorted otherwise, the
        batch's rows go in as runs at their places (one reset when they scatter widely, as it
        costs less than thousands of insertions; the view is told either way)."""
        if not batch:
            return
        fresh = [e for e in batch if e.id not in self._all]  # read twice (a write meanwhile): the first stays
        if self._all_list is not None and self._all_list and fresh and \
                _newest_first(fresh[0]) < _newest_first(self._all_list[-1]) and \
                all(_newest_first(a) > _newest_first(b) for a, b in itertools.pairwise(fresh)):
            self._all_list.extend(fresh)  # the Library's own order goes on
        else:
            self._all_list = None
        self._all.update((e.id, e) for e in fresh)
        self._titles.update([e.title for e in fresh])  # (a list, counted in C: a generator costs 15% more)
        self._titles_changed()  # a title shown before may repeat now: those rows name their file (one repaint)
        needle = self._filter.casefold()
        shown = [e for e in fresh if self._matches(e, needle)] if needle else fresh
        if not shown:
            return
        shown = sorted(shown, key=_newest_first, reverse=True)  # then by the sort column, stably (as _arranged)
        col, order = self._sort
        if 0 <= col < len(_SORT_KEYS):
            shown.sort(key=_SORT_KEYS[col], reverse=order == Qt.SortOrder.DescendingOrder)
        if not self.entries or not self._before(shown[0], self.entries[-1]):
            at = len(self.entries)  # all after the last: one run
            self.beginInsertRows(QModelIndex(), at, at + len(shown) - 1)
            self.entries.extend(shown)
            self.endInsertRows()
            return
        places = [self._place(e) for e in shown]  # in the rows shown before this batch (non-decreasing)
        runs = len(set(places))
        if runs > 64:
            self.beginResetModel()
            merged: list[LibraryEntry] = []
            last = 0
            for e, at in zip(shown, places, strict=True):
                merged.extend(self.entries[last:at])
                merged.append(e)
                last = at
            merged.extend(self.entries[last:])
            self.entries = merged
            self.endResetModel()
            return
        offset = 0
        i = 0
        while i < len(shown):
            j = i
            while j < len(shown) and places[j] == places[i]:
                j += 1
            at = places[i] + offset
            self.beginInsertRows(QModelIndex(), at, at + j - i - 1)
            self.entries[at:at] = shown[i:j]
            self.endInsertRows()
            offset += j - i
            i = j

    def row_for(self, doc_id: int) -> int | None:
        """The row showing this document, or None (not in the Library, or filtered out)."""
        e = self._all.get(doc_id)
        return None if e is None else self._row_of(e)

    def apply_changes(self, entries: list[LibraryEntry], gone: list[int]) -> bool:
        """Take some documents' rows as they are now (``entries``) and forget ``gone``, row by
        row: the cost follows the changes, not the library (a 100,000-document Library is not
        sorted again for one new highlight). A row whose place in the order holds is repainted,
        one that must move is moved (``beginMoveRows``), so the current row, the selection
        and the scroll position stay on the same documents. Whether anything differed."""
        if len(entries) + len(gone) > max(200, len(self._all) // 10):  # most of it (a first sync): all at once
            merged = dict(self._all)
            for doc_id in gone:
                merged.pop(doc_id, None)
            merged.update((e.id, e) for e in entries)
            return self.update_entries(list(merged.values()))
        differed = False
        gone_entries = [self._all[i] for i in gone if i in self._all]
        retitled = [e for e in entries if e.id not in self._all or self._all[e.id].title != e.title]
        befores = [self._all[e.id] for e in retitled if e.id in self._all]
        afters = retitled
        repeats = self._count_titles(afters, gone_entries + befores)
        for doc_id in gone:
            old = self._all.pop(doc_id, None)
            if old is None:
                continue
            differed = True
            self._all_list = None
            row = self._row_of(old)
            self._search.pop(doc_id, None)
            self._missing.pop(doc_id, None)
            if row is not None:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.entries[row]
                self.endRemoveRows()
        needle = self._filter.casefold()
        for e in entries:
            was = self._all.get(e.id)
            if was == e:
                continue
            differed = True
            self._all_list = None
            row = self._row_of(was) if was is not None else None
            self._all[e.id] = e
            self._search.pop(e.id, None)
            if was is not None and was.path != e.path:
                self._missing.pop(e.id, None)
            shown = not needle or self._matches(e, needle)
            if row is None:
                if shown:
                    at = self._place(e)
                    self.beginInsertRows(QModelIndex(), at, at)
                    self.entries.insert(at, e)
                    self.endInsertRows()
                continue
            if not shown:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.entries[row]
                self.endRemoveRows()
                continue
            assert was is not None  # (it has a row)
            del self.entries[row]  # where it goes among the others (put back until Qt is told)
            at = self._place(e)
            self.entries.insert(row, was)
            if at != row:
                self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), at if at < row else at + 1)
                del self.entries[row]
                self.entries.insert(at, e)
                self.endMoveRows()
            else:
                self.entries[row] = e
            self.dataChanged.emit(self.index(at, 0), self.index(at, len(COLUMNS) - 1))
        if repeats:
            self._titles_changed()
        return differed

    def _count_titles(self, added: list[LibraryEntry], removed: Any) -> bool:
        """Count these documents' titles in (``added``) and out (``removed``): whether a title began or
        stopped repeating (other rows then show or drop their file's name)."""
        titles = self._titles
        crossed = False
        for e in removed:
            titles[e.title] -= 1
            crossed = crossed or titles[e.title] == 1
            if titles[e.title] <= 0:
                del titles[e.title]
        for e in added:
            titles[e.title] += 1
            crossed = crossed or titles[e.title] == 2
        return crossed

    def _titles_changed(self) -> None:
        """Every title cell is drawn again (the view asks only the rows on screen)."""
        if self.entries:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.entries) - 1, 0))

    def repeated(self, e: LibraryEntry) -> bool:
        """Whether another document in the Library has this one's title (a copy, another version)."""
        return self._titles.get(e.title, 0) > 1

    def _before(self, a: LibraryEntry, b: LibraryEntry) -> bool:
        """Whether ``a`` is shown above ``b``: the sort column, then (as the stable sort in
        :meth:`_arranged` leaves equal rows) most recently opened first."""
        col, order = self._sort
        if 0 <= col < len(_SORT_KEYS):
            ka, kb = _SORT_KEYS[col](a), _SORT_KEYS[col](b)
            if ka != kb:
                return bool(ka > kb) if order == Qt.SortOrder.DescendingOrder else bool(ka < kb)
        return _newest_first(a) > _newest_first(b)

    def _place(self, e: LibraryEntry) -> int:
        """The row ``e`` belongs at among :attr:`entries` (binary search in the shown order)."""
        lo, hi = 0, len(self.entries)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._before(self.entries[mid], e):
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _row_of(self, e: LibraryEntry) -> int | None:
        """The row showing ``e`` (as it was when placed), or None when it is filtered out."""
        row = self._place(e)
        if row < len(self.entries) and self.entries[row].id == e.id:
            return row
        return None

    def update_entries(self, entries: list[LibraryEntry]) -> bool:
        """Take the notes file's documents as they are now, as a delta: rows that went are
        removed, rows that changed are repainted (moved if their place in the order changed),
        new rows are inserted where they belong. The current row, the selection and the scroll
        position stay on the same documents. Whether anything differed."""
        old = {e.id: e for e in self.all}
        changed = [e for e in entries if old.get(e.id, e) != e]  # tuples: compared in C
        if not changed and len(entries) == len(old) and all(e.id in old for e in entries):
            return False
        for e in changed:
            self._search.pop(e.id, None)
            if old[e.id].path != e.path:
                self._missing.pop(e.id, None)
        repeated = {t for t, n in self._titles.items() if n > 1}
        self.all = entries
        self._titles = Counter([e.title for e in entries])
        final = self._arranged()
        shown = {e.id for e in final}
        # 1. rows no longer shown go, last first, a run at a time
        rows = [r for r, e in enumerate(self.entries) if e.id not in shown]
        while rows:
            last = first = rows.pop()
            while rows and rows[-1] == first - 1:
                first = rows.pop()
            self.beginRemoveRows(QModelIndex(), first, last)
            del self.entries[first:last + 1]
            self.endRemoveRows()
        # 2. the rows that stay: new values, and their new order if it changed
        staying = {e.id for e in self.entries}
        target = [e for e in final if e.id in staying]
        if [e.id for e in target] != [e.id for e in self.entries]:
            self.layoutAboutToBeChanged.emit()
            was = {e.id: r for r, e in enumerate(self.entries)}
            now = {e.id: r for r, e in enumerate(target)}
            moved = {was[i]: now[i] for i in was}
            old_indexes = self.persistentIndexList()
            self.entries = target
            self.changePersistentIndexList(old_indexes, [self.index(moved[ix.row()], ix.column()) for ix in old_indexes])
            self.layoutChanged.emit()
        else:
            rows = [r for r, (a, b) in enumerate(zip(self.entries, target, strict=True)) if a != b]
            self.entries = target
            if rows:
                self.dataChanged.emit(self.index(rows[0], 0), self.index(rows[-1], len(COLUMNS) - 1))
        # 3. new rows where they belong (the rows that stay are already in the final order)
        for r, e in enumerate(final):
            if r >= len(self.entries) or self.entries[r].id != e.id:
                self.beginInsertRows(QModelIndex(), r, r)
                self.entries.insert(r, e)
                self.endInsertRows()
        if repeated != {t for t, n in self._titles.items() if n > 1}:
            self._titles_changed()  # a title began or stopped repeating: the rows it is on name their file, or not
        return True

    def _arranged(self) -> list[LibraryEntry]:
        needle = self._filter.casefold()
        rows = [e for e in self.all if self._matches(e, needle)] if needle else list(self.all)
        col, order = self._sort
        if 0 <= col < len(_SORT_KEYS):
            rows.sort(key=_SORT_KEYS[col], reverse=order == Qt.SortOrder.DescendingOrder)
        return rows

    def _matches(self, e: LibraryEntry, needle: str) -> bool:
        """Whether the (case-folded) filter finds the row: in its title, author, kind or file name; a filter
        with a folder separator in it (a path pasted from Copy Path) in its whole path (tryout 13: a pasted
        path found nothing). Only then: "home" is in every path of a home folder."""
        if needle in self._search_text(e):
            return True
        return ("/" in needle or "\\" in needle) and needle in e.path.casefold()

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
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole \
                and COLUMNS[section] == "Progress":
            return PROGRESS_TIP
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
                return e.title + self._tail(e)
            return _CELLS[col](e)  # only the cell asked for (a column's width asks a thousand rows)
        if role == FLAG_ROLE:
            return self._tail(e) if col == 0 else ""
        if role == ID_ROLE:
            return e.id
        if role == MISSING_ROLE:
            return self.missing(e)
        if role == Qt.ItemDataRole.ToolTipRole:
            if not e.path:
                return ("Its notes came from your other devices; the file was never opened here.\n"
                        "Locate… the file (it is recognised by its content), or just open it.")
            where = f"{e.path}\nThe file is not there any more: Locate… it." if self.missing(e) else e.path
            return f"{_exact_size(e)}\n{where}" if col == 3 else where
        if role == Qt.ItemDataRole.ForegroundRole and col == 0 and self.missing(e):
            return QBrush(QColor("#b3261e"))
        if role == Qt.ItemDataRole.TextAlignmentRole and 4 <= col <= 7:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _tail(self, e: LibraryEntry) -> str:
        """What follows the title: " — Downloads/file.pdf" (the file and its folder: copies are often one name in
        two folders) when another document has the same title, then the flag."""
        name = f" — {file_in_folder(e.path)}" if e.path and self._titles.get(e.title, 0) > 1 else ""
        return name + self._flag(e)

    def _flag(self, e: LibraryEntry) -> str:
        if not e.path:
            return ABSENT_FLAG
        return MISSING_FLAG if self.missing(e) else ""

    def forget_missing(self) -> None:
        self._missing = {}
