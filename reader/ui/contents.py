"""The Contents tab for every kind: a PDF's outline (pages) or a document's
headings, chapter lines and EPUB table of contents (text offsets)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from reader.contents import Entry

PAGE_ROLE = Qt.ItemDataRole.UserRole
OFFSET_ROLE = Qt.ItemDataRole.UserRole + 1


def fill(tree: QTreeWidget, pdf_outline: list[tuple[int, str, int]] | None, entries: list[Entry], note: str = "") -> int:
    """Fill the tree (nested by level); returns how many entries it shows.
    Outline rows carry a page (PAGE_ROLE), entries an offset (OFFSET_ROLE).
    ``note`` heads the list instead of "Contents" (where the entries come from), broken after its ";"."""
    tree.clear()
    tree.setHeaderLabels(["Contents", "Page"] if pdf_outline else [note.replace("; ", ";\n") or "Contents"])
    tree.headerItem().setToolTip(0, note)
    tree.setColumnCount(2 if pdf_outline else 1)
    rows: list[tuple[int, str, str, int | None, int | None]] = (
        [(lv, t, str(p + 1), p, None) for lv, t, p in pdf_outline] if pdf_outline
        else [(e.level, e.title, "", None, e.offset) for e in entries]
    )
    stack: list[tuple[int, QTreeWidgetItem]] = []
    for level, title, right, page, offset in rows:
        item = QTreeWidgetItem([title, right] if pdf_outline else [title])
        item.setToolTip(0, title)
        if page is not None:
            item.setData(0, PAGE_ROLE, page)
        if offset is not None:
            item.setData(0, OFFSET_ROLE, offset)
        while stack and stack[-1][0] >= level:
            stack.pop()
        (stack[-1][1].addChild(item) if stack else tree.addTopLevelItem(item))
        stack.append((level, item))
    if len(rows) < 200:
        tree.expandAll()
    return len(rows)


def offset_of(item: QTreeWidgetItem) -> int | None:
    value = item.data(0, OFFSET_ROLE)
    return int(value) if value is not None else None
