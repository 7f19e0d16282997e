"""Choosing a section whose list is long (War and Peace's 11,892 quotes) says it is being listed at once.

Tryout 11, item 1.6: clicking Quotes (11,892) highlighted the tab, but the list went on showing the claims
for 1.5-4.5 s, with no sign that anything was happening, while the quotes were laid out. Now the old list goes
at once and "Listing 11,892 quotes…" is painted in its place (with the busy cursor) before the work starts."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication

from reader.ui.analysis_panel import CLAIMS, QUOTES
from reader.ui.long_list import LONG_LIST
from tests.test_comfort import window  # noqa: F401 (the fixture)


class _Painted(QObject):
    """What the list showed each time it was painted: its first entry."""

    def __init__(self, tree) -> None:
        super().__init__(tree)
        self.tree = tree
        self.seen: list[str] = []

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            top = self.tree.topLevelItem(0)
            self.seen.append(top.text(0) if top is not None else "")
        return False


def test_a_long_section_says_it_is_being_listed_before_it_is(qtbot, window, monkeypatch):  # noqa: F811
    w = window()
    qtbot.waitUntil(lambda: w.controller.analysis is not None, timeout=60000)
    w.panels.build()
    panel = w.panels.analysis
    w.tabs.setCurrentWidget(panel)
    result = w.controller.analysis
    times = LONG_LIST // sum(1 for q in result.quotes if q.kind != "position") + 2
    book = dataclasses.replace(result, quotes=result.quotes * times)  # a long book's quotes
    panel.sections.setCurrentIndex(CLAIMS)
    panel.set_analysis(book, panel.reviews, panel.highlighted)
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == len(book.claims))
    claim = panel.tree.topLevelItem(0).text(0)

    painted = _Painted(panel.tree)
    panel.tree.viewport().installEventFilter(painted)
    filling: list[tuple[list[str], object]] = []  # what had been painted, and the cursor, when the listing began
    real = panel._fill_tree

    def fill() -> None:
        cursor = QGuiApplication.overrideCursor()
        filling.append((list(painted.seen), cursor.shape() if cursor is not None else None))
        real()

    monkeypatch.setattr(panel, "_fill_tree", fill)
    bar = panel.sections
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(QUOTES).center())
    assert bar.currentIndex() == QUOTES
    qtbot.waitUntil(lambda: bool(filling) and panel.tree.topLevelItemCount() > 1)
    seen, cursor = filling[0]
    quotes = sum(1 for q in book.quotes if q.kind != "position")
    assert seen and seen[-1] == f"Listing {quotes:,} quotes…", seen  # on screen before the work began
    assert claim not in seen, seen  # the claims were not left showing
    assert cursor == Qt.CursorShape.WaitCursor
    assert QGuiApplication.overrideCursor() is None  # and the cursor back once the quotes are in
    assert panel.tree.topLevelItem(0).childCount() > 0  # a speaker's quotes, no sign left

    filling.clear()  # a short list (the claims): no sign
    painted.seen.clear()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(CLAIMS).center())
    qtbot.waitUntil(lambda: bool(filling))
    assert not any(s.startswith("Listing") for s in filling[0][0]) and filling[0][1] is None


def test_a_long_list_is_measured_once_at_the_width_it_is_shown_in(qtbot, window, monkeypatch):  # noqa: F811
    """Each entry of a long list is measured as it is made (wrap_delegate.HintedWrapDelegate), at the width it
    is shown in: the list's scroll bar is kept while the sign shows, or every entry was measured once without
    it and once again when it came (War and Peace's section switch: 11,000 rows twice, a second more)."""
    w = window()
    qtbot.waitUntil(lambda: w.controller.analysis is not None, timeout=60000)
    w.panels.build()
    panel = w.panels.analysis
    w.tabs.setCurrentWidget(panel)
    result = w.controller.analysis
    times = LONG_LIST // sum(1 for q in result.quotes if q.kind != "position") + 2
    book = dataclasses.replace(result, quotes=result.quotes * times)
    panel.sections.setCurrentIndex(CLAIMS)
    panel.set_analysis(book, panel.reviews, panel.highlighted)
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == len(book.claims))
    widths: list[int] = []
    real = panel.rows.hint
    monkeypatch.setattr(panel.rows, "hint", lambda item, depth: (widths.append(panel.tree.viewport().width()),
                                                                  real(item, depth)))
    bar = panel.sections
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(QUOTES).center())
    qtbot.waitUntil(lambda: panel.tree.topLevelItem(0) is not None and panel.tree.topLevelItem(0).childCount() > 0)
    for _ in range(3):
        QGuiApplication.processEvents()
    rows = sum(1 + panel.tree.topLevelItem(i).childCount() for i in range(panel.tree.topLevelItemCount()))
    assert panel.tree.verticalScrollBar().isVisible()
    assert len(widths) == rows  # each once ...
    assert set(widths) == {panel.tree.viewport().width()}  # ... at the width it is shown in
