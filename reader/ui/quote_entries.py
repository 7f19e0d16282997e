"""The Quotes and Positions lists of the Claims panel: a heading per speaker group ("Pierre (838)"), the quotes
under it in reading order, and the move of a corrected quote's entry (reader/ui/quote_ops.py announces it).

The panel fills its list with :class:`QuoteList` and keeps it: a quote the reader corrected leaves its heading
for another (or for "Not quotes (dismissed by you)", or back), the two headings' counts and places change, and
nothing else of the list is touched. Listed again, War and Peace's 11,000 quotes took a second; moved, one quote
takes milliseconds. What is listed is the same either way (tests/test_quote_corrections.py compares them).
Split from analysis_panel.py."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QTreeWidget, QTreeWidgetItem

from reader.quote_fixes import corrected, found_as_written, reading
from reader.speaker_labels import NON_PEOPLE, explained, group_order, names_mention
from reader.ui.annotations import elide, worded
from reader.ui.figures import count as figure

if TYPE_CHECKING:
    from reader.analysis import Quote
    from reader.quote_fixes import QuoteChange

ROLE = Qt.ItemDataRole.UserRole  # an entry's ("quote", number in the analysis); None on a heading
GROUP_ROLE = ROLE + 1  # a heading's group


def heading(group: str, count: int) -> str:
    return f"{group} ({figure(count)})"


def group_item(group: str) -> QTreeWidgetItem:
    """A speaker group's heading (its count is set by the caller, :func:`heading`)."""
    top = QTreeWidgetItem()
    tip = explained(group)
    top.setToolTip(0, (tip + "\n\n" if tip else "") + "Click, or press Enter, to see the first of these in the text")
    f = top.font(0)
    f.setWeight(QFont.Weight.DemiBold)
    top.setFont(0, f)
    top.setData(0, ROLE, None)
    top.setData(0, GROUP_ROLE, group)
    return top


def quote_item(group: str, i: int, q: Quote, highlighted: bool) -> QTreeWidgetItem:
    """The entry of quote number ``i`` (``q``) under ``group``'s heading."""
    mark = "●  highlighted · " if highlighted else ""
    head = f"{mark}{q.kind}" + (f", {q.cue}" if worded(q.cue) else "")  # not "direct, —"
    done = corrected(q)
    if done:  # (quote_fix.py) what the analysis found, not read as the new speaker's name
        head += (" · corrected by you" if done == "speaker" else "") + f" · found: {found_as_written(q)}"
    elif q.speaker and not names_mention(group, q.speaker):
        head += f" · “{q.speaker}”"  # as the text names the speaker ("he", "the senator")
    child = QTreeWidgetItem([f"{elide(q.text, 260)}\n— {head}"])
    child.setToolTip(0, q.text)
    child.setData(0, ROLE, ("quote", i))
    return child


def speaker_item(combo: QComboBox, at: int, group: str, count: int) -> None:
    """The speaker list's entry of ``group`` ("Pierre (838)"), put at ``at``."""
    combo.insertItem(at, heading(group, count), group)
    tip = explained(group)
    if tip:
        combo.setItemData(at, tip, Qt.ItemDataRole.ToolTipRole)


def recount_speakers(combo: QComboBox, counts: dict[str, int], moves: list[tuple[str, str]]) -> None:
    """The speaker list (after "All speakers") once quotes moved from one group to another (old, new): the groups
    touched counted again and each in its place (speaker_labels.group_order, as it was filled), an emptied one
    gone, the one chosen still chosen (unless it is gone). ``counts``: each group's quotes, kept up to date."""
    if not moves:
        return
    touched: set[str] = set()
    for old, new in moves:
        counts[old] = counts.get(old, 0) - 1
        counts[new] = counts.get(new, 0) + 1
        touched |= {old, new}
    chosen = combo.currentData()
    combo.blockSignals(True)  # (the panel looks at the choice itself)
    try:
        for g in touched:
            i = combo.findData(g)
            if i >= 1:
                combo.removeItem(i)
        for g in sorted(touched):
            n = counts.get(g, 0)
            if n <= 0:
                counts.pop(g, None)
                continue
            speaker_item(combo, 1 + bisect_left(_Speakers(combo, counts), group_order(g, n)), g, n)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
    finally:
        combo.blockSignals(False)


class _Speakers:
    """The speaker list's groups (after "All speakers") as the sorted sequence of their places, for bisect."""

    def __init__(self, combo: QComboBox, counts: dict[str, int]) -> None:
        self.combo, self.counts = combo, counts

    def __len__(self) -> int:
        return self.combo.count() - 1

    def __getitem__(self, at: int) -> tuple[bool, bool, bool, int, str]:
        g = str(self.combo.itemData(at + 1))
        return group_order(g, self.counts.get(g, 0))


class QuoteList:
    """What the panel's tree lists of the quotes: each group's heading and each quote's entry, by group and by
    number, to find them again when one moves."""

    def __init__(self, tree: QTreeWidget, highlighted: Callable[[int, int], bool],
                 hint: Callable[[QTreeWidgetItem, int], None]) -> None:
        self.tree = tree
        self.highlighted = highlighted  # whether highlights cover a passage (start, end)
        self.hint = hint  # an item measured, at a depth (wrap_delegate.HintedWrapDelegate.hint)
        self.groups: dict[str, QTreeWidgetItem] = {}
        self.entries: dict[int, QTreeWidgetItem] = {}

    def fill(self, groups: dict[str, list[tuple[int, Quote]]]) -> None:
        """List ``groups`` (each a group's quotes, with their numbers, in reading order) in an empty tree."""
        for g, items in sorted(groups.items(), key=lambda kv: group_order(kv[0], len(kv[1]))):
            top = group_item(g)
            top.setText(0, heading(g, len(items)))
            self.hint(top, 0)
            self.groups[g] = top
            self.tree.addTopLevelItem(top)
            children = [quote_item(g, i, q, self.highlighted(q.start, q.end)) for i, q in items]
            for child in children:
                self.hint(child, 1)
            top.addChildren(children)
            self.entries.update((i, c) for (i, _q), c in zip(items, children, strict=True))
            top.setExpanded(True)

    def move(self, quotes: list[Quote], changes: list[QuoteChange], listed: Callable[[Quote, str], bool]) -> None:
        """Each changed quote's entry out of its group and (if ``listed`` with its new group) into the new one,
        in reading order; the headings touched counted again and put in their place; an emptied one gone.
        The chosen entry stays chosen (and in view), as it did when the list was filled again."""
        tree = self.tree
        item = tree.currentItem()
        current = item.data(0, ROLE) if item is not None else None
        moved = {("quote", c.number) for c in changes}
        touched: set[str] = set()
        tree.blockSignals(True)  # no entry chosen on the way (the detail box follows the choice)
        try:
            self._take_emptied(changes)
            for c in changes:
                old = self.entries.pop(c.number, None)
                if old is not None and (parent := old.parent()) is not None:
                    parent.removeChild(old)
                    touched.add(str(parent.data(0, GROUP_ROLE)))
                q = quotes[c.number]
                if listed(q, c.new.group):
                    top = self.groups.get(c.new.group)
                    if top is None:
                        top = self.groups[c.new.group] = group_item(c.new.group)
                    entry = quote_item(c.new.group, c.number, q, self.highlighted(q.start, q.end))
                    self.hint(entry, 1)
                    top.insertChild(self._place(top, c.number), entry)
                    self.entries[c.number] = entry
                    touched.add(c.new.group)
            self._regroup(touched)
        finally:
            tree.blockSignals(False)
        chosen = self.entries.get(current[1]) if current in moved else None
        if chosen is not None:
            tree.setCurrentItem(chosen)  # chosen again: its detail box says what it is now
            tree.scrollToItem(chosen)
        elif item is not None and (current in moved or item.treeWidget() is None):
            tree.setCurrentIndex(QModelIndex())  # it is no longer listed (filtered out, or its heading gone)

    def _take_emptied(self, changes: list[QuoteChange]) -> None:
        """The headings all of whose entries leave, out of the tree first (a heading taken out after an entry
        was moved made the tree lay its 11,000 rows out once more)."""
        leaving: dict[str, int] = {}
        for c in changes:
            old = self.entries.get(c.number)
            parent = old.parent() if old is not None else None
            if parent is not None:
                g = str(parent.data(0, GROUP_ROLE))
                leaving[g] = leaving.get(g, 0) + 1
        for g, n in leaving.items():
            top = self.groups[g]
            at = self.tree.indexOfTopLevelItem(top) if n == top.childCount() else -1
            if at >= 0:
                self.tree.takeTopLevelItem(at)

    @staticmethod
    def _place(top: QTreeWidgetItem, index: int) -> int:
        """Where quote number ``index`` goes among ``top``'s entries (in reading order)."""
        numbers = _Numbers(top)
        return bisect_left(numbers, index)

    def _regroup(self, touched: set[str]) -> None:
        """The headings of the groups ``touched`` after their entries changed: counted again and each in its
        place, or gone if empty. Those out of place are taken out until the rest are in order (taking one out
        gives others new neighbours: each is looked at again), then put back one by one among them."""
        tree = self.tree
        pending: list[QTreeWidgetItem] = []
        inside: list[QTreeWidgetItem] = []
        for g in sorted(touched):
            top = self.groups[g]
            n = top.childCount()
            at = tree.indexOfTopLevelItem(top)
            if n == 0:
                del self.groups[g]
                if at >= 0:
                    tree.takeTopLevelItem(at)
                continue
            top.setText(0, heading(g, n))
            self.hint(top, 0)
            (inside if at >= 0 else pending).append(top)
        while (wrong := next((t for t in inside if not self._in_place(tree.indexOfTopLevelItem(t))), None)) is not None:
            inside.remove(wrong)
            tree.takeTopLevelItem(tree.indexOfTopLevelItem(wrong))
            pending.append(wrong)
        for top in pending:
            tree.insertTopLevelItem(bisect_left(_Keys(self), _top_key(top)), top)
            top.setExpanded(True)

    def _in_place(self, at: int) -> bool:
        key, count = self._key(at), self.tree.topLevelItemCount()
        return (at == 0 or self._key(at - 1) < key) and (at == count - 1 or key < self._key(at + 1))

    def _key(self, at: int) -> tuple[bool, bool, bool, int, str]:
        top = self.tree.topLevelItem(at)
        assert top is not None
        return _top_key(top)


def _top_key(top: QTreeWidgetItem) -> tuple[bool, bool, bool, int, str]:
    """Where a heading is listed (speaker_labels.group_order of its group and count)."""
    return group_order(str(top.data(0, GROUP_ROLE)), top.childCount())


class _Numbers:
    """A group's entries as the sorted sequence of their quotes' numbers, for bisect (read one at a time)."""

    def __init__(self, top: QTreeWidgetItem) -> None:
        self.top = top

    def __len__(self) -> int:
        return self.top.childCount()

    def __getitem__(self, j: int) -> int:
        child = self.top.child(j)
        assert child is not None
        return int(child.data(0, ROLE)[1])


class _Keys:
    """The tree's headings as the sorted sequence of their places (speaker_labels.group_order), for bisect."""

    def __init__(self, listing: QuoteList) -> None:
        self.listing = listing

    def __len__(self) -> int:
        return self.listing.tree.topLevelItemCount()

    def __getitem__(self, at: int) -> tuple[bool, bool, bool, int, str]:
        return self.listing._key(at)


def quote_title(q: Quote) -> str:
    """The detail box's title for a quote: its kind, the person, and how the text names them ("he", "Xi"), or, in
    a story, whose turn it is; "dismissed by you" once the reader said it is not a quote."""
    group = str(q.extra.get("group") or q.speaker or "")
    done = corrected(q)  # the reader's name (quote_fix.py adds what the analysis found), not the text's
    if done == "dismissed":  # (not "Direct quote · dismissed by you (stressed) · found: …": review s14)
        found = found_as_written(q)
        return (f"Not a quote (dismissed by you) · the analysis found "
                f"{reading(q.kind, '' if found == 'no speaker' else found)}")
    who = group if done == "speaker" \
        else q.speaker if q.speaker and group.lower() == q.speaker.lower() \
        else f"{group} (“{q.speaker}”)" if q.speaker \
        else f"{group} (their turn in the dialogue)" if group not in NON_PEOPLE else "no speaker in the text"
    what = "Position" if q.kind == "position" else f"{q.kind.capitalize()} quote"
    return f"{what} · {who}" + (f" ({q.cue})" if worded(q.cue) else "")
