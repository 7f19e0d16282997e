"""The annotations panel's model: this document's highlights in reading order (orphans last),
following the session by delta (``HighlightsChanged``: one row changed, rows added, a long read's
batch of thousands as one rows-inserted), and the filter proxy (colour, tag, words)."""

from __future__ import annotations

import bisect
from collections import Counter
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from notes_db import Highlight
from reader.session import HighlightsChanged
from reader.ui.annotations import elide
from reader.ui.highlight_styles import SIGNS

IdRole = Qt.ItemDataRole.UserRole
HighlightRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
#: What a card shows changes together when its highlight does (its text, its tooltip, the highlight).
CARD_ROLES = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, HighlightRole]


def _key(h: Highlight) -> tuple[bool, int, int]:
    return (h.orphaned, h.start, h.id)


def meta_text(h: Highlight) -> str:
    meta = ([f"p. {h.page + 1}"] if h.page is not None else []) + [h.created[:10]]
    if h.origin != "user":
        meta.append(h.origin)
    if h.author:  # (another program's: a PDF annotation's author)
        meta.append(f"by {h.author}")
    if h.style in SIGNS:  # (an underline, a squiggle, a strike-out: the card's stripe says its colour)
        meta.append(SIGNS[h.style])
    return " · ".join(meta)


class HighlightsModel(QAbstractListModel):
    """The highlights of one document in reading order (orphans last), updated by delta."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Highlight] = []
        self._keys: list[tuple[bool, int, int]] = []
        self._by_id: dict[int, Highlight] = {}
        self.tag_counts: Counter[str] = Counter()

    # -- Qt's side --------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        h = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            parts = [meta_text(h), elide(h.exact, 280)]
            if h.orphaned:
                parts.insert(1, "Found more than once in this version: not placed" if h.ambiguous
                             else "Not found in this version of the document")
            if h.note:
                parts.append(elide(h.note, 400))
            if h.tags:
                parts.append("  ".join(f"#{t}" for t in h.tags))
            return "\n".join(parts)
        if role == Qt.ItemDataRole.ToolTipRole:
            return h.note or None
        if role == IdRole:
            return h.id
        if role == HighlightRole:
            return h
        return None

    # -- the session's side -----------------------------------------------------------

    def reset(self, highlights: list[Highlight]) -> None:
        self.beginResetModel()
        rows = list(highlights)
        keys = [_key(h) for h in rows]
        if any(a > b for a, b in pairwise(keys)):  # the session's are in order already
            rows.sort(key=_key)
            keys.sort()
        self._rows, self._keys = rows, keys
        self._by_id = {h.id: h for h in self._rows}
        self.tag_counts = Counter(t for h in self._rows for t in h.tags)
        self.endResetModel()

    def highlights(self) -> list[Highlight]:
        """The rows, in reading order (not to be changed)."""
        return self._rows

    def row_of(self, highlight_id: int) -> int | None:
        h = self._by_id.get(highlight_id)
        return None if h is None else bisect.bisect_left(self._keys, _key(h))

    def apply(self, change: HighlightsChanged, everything: list[Highlight]) -> None:
        if change.reset:
            self.reset(everything)
            return
        for h in change.removed:
            self._remove(h.id)
        for h in change.changed:
            old = self._by_id.get(h.id)
            if old is not None and _key(old) == _key(h):
                row = bisect.bisect_left(self._keys, _key(old))
                self.tag_counts.subtract(old.tags)
                self.tag_counts.update(h.tags)
                self._rows[row] = h
                self._by_id[h.id] = h
                ix = self.index(row)
                self.dataChanged.emit(ix, ix, CARD_ROLES)  # that row only: the view, its proxy, screen readers
            else:
                self._remove(h.id)
                self._add(h)
        if len(change.added) > 1:
            self._add_many(change.added)
        else:
            for h in change.added:
                self._add(h)
        self.tag_counts = +self.tag_counts  # drop tags no longer used

    def _add_many(self, added: tuple[Highlight, ...] | list[Highlight]) -> None:
        """Many highlights (a batch of a long read): one rows-inserted per run that lands in one place
        (a batch in reading order is one run), not one per highlight."""
        by_id = self._by_id
        fresh = [h for h in added if h.id not in by_id]
        keys = [(h.orphaned, h.start, h.id) for h in fresh]  # _key, inline: a batch is thousands
        if any(a > b for a, b in pairwise(keys)):
            order = sorted(range(len(keys)), key=keys.__getitem__)
            fresh, keys = [fresh[i] for i in order], [keys[i] for i in order]
        if not fresh:
            return
        first = bisect.bisect_left(self._keys, keys[0])
        if first == bisect.bisect_left(self._keys, keys[-1]):
            runs = [(first, 0, len(fresh))]  # all in one place
        else:
            at = [bisect.bisect_left(self._keys, k) for k in keys]
            runs, k = [], 0
            while k < len(fresh):
                j = k + 1
                while j < len(fresh) and at[j] == at[k]:
                    j += 1
                runs.append((at[k], k, j))
                k = j
        shift = 0  # rows inserted before this run by the runs before it
        for at_row, k, j in runs:
            row = at_row + shift
            run = fresh[k:j]
            self.beginInsertRows(QModelIndex(), row, row + len(run) - 1)
            self._rows[row:row] = run
            self._keys[row:row] = keys[k:j]
            by_id.update({h.id: h for h in run})
            self.tag_counts.update([t for h in run for t in h.tags])
            self.endInsertRows()
            shift += len(run)

    def _add(self, h: Highlight) -> None:
        key = _key(h)
        row = bisect.bisect_left(self._keys, key)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, h)
        self._keys.insert(row, key)
        self._by_id[h.id] = h
        self.tag_counts.update(h.tags)
        self.endInsertRows()

    def _remove(self, highlight_id: int) -> None:
        h = self._by_id.get(highlight_id)
        if h is None:
            return
        row = bisect.bisect_left(self._keys, _key(h))
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        del self._keys[row]
        del self._by_id[highlight_id]
        self.tag_counts.subtract(h.tags)
        self.endRemoveRows()


class HighlightsFilter(QSortFilterProxyModel):
    """Colour, tag and words: a row shows when it passes all three."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.color: str | None = None
        self.tag: str | None = None
        self.words: list[str] = []

    def set_filters(self, color: str | None, tag: str | None, text: str) -> None:
        self.beginFilterChange()
        self.color, self.tag, self.words = color, tag, text.lower().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        if self.color is None and self.tag is None and not self.words:
            return True
        model = self.sourceModel()
        assert isinstance(model, HighlightsModel)
        h = model._rows[source_row]
        if self.color is not None and h.color != self.color:
            return False
        if self.tag is not None and self.tag not in h.tags:
            return False
        if self.words:
            hay = f"{h.exact} {h.note} {' '.join(h.tags)}".lower()
            return all(w in hay for w in self.words)
        return True
