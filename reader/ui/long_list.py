"""A long section of the Claims panel (War and Peace's 11,892 quotes take ~1.7 s CPU to lay out) is listed with
a sign first: the old list goes at once and "Listing 11,892 quotes…" shows, with a busy cursor, until the new one
is in (tryout 11, 1.6: the last section's list stayed up for seconds with no sign). Split from analysis_panel.py."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from reader.ui.figures import count as figure

if TYPE_CHECKING:
    from reader.analysis import Analysis

LONG_LIST = 1500  # entries: a list longer than this takes a moment to lay out


def listing_sign(result: Analysis, section: str) -> str:
    """"Listing 11,892 quotes…" when ``section`` ("Quotes", "Claims", "Terms", "Positions") has more entries than
    are laid out at once, else ""."""
    if section == "Claims":
        n, noun = len(result.claims), "claim"
    elif section == "Terms":
        n, noun = len(result.terms), "quoted term"
    else:
        n = sum(1 for q in result.quotes if (q.kind == "position") == (section == "Positions"))
        noun = "position" if section == "Positions" else "quote"
    return f"Listing {figure(n)} {noun}{'' if n == 1 else 's'}…" if n > LONG_LIST else ""


@contextmanager
def listed_with_sign(panel: QWidget, tree: QTreeWidget, sign: str) -> Iterator[None]:
    """While the caller fills ``tree``: ``sign`` shown in it first (painted now), with a busy cursor."""
    if not sign:
        yield
        return
    item = QTreeWidgetItem([sign])
    item.setFlags(Qt.ItemFlag.NoItemFlags)
    tree.addTopLevelItem(item)
    # A long list has a scroll bar: kept while the sign shows, the entries are measured at the width they are
    # shown in (measured without it, each was measured again once it came: 11,000 rows twice)
    policy = tree.verticalScrollBarPolicy()
    tree.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    panel.repaint()  # now, with the section chosen, not the last section's list until the new one is in
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    tree.clear()
    try:
        yield
    finally:
        tree.doItemsLayout()  # (its scroll range: the bar stays when it is given back to the list)
        tree.setVerticalScrollBarPolicy(policy)
        QGuiApplication.restoreOverrideCursor()
