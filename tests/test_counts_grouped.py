"""Counts read as the rest of the app writes them (lead's nit, session 8): the annotations panel said
"Annotations (2000)" and "reading 400 of 2000…" over "Reading 2,000 highlights…"; the find bar
"1 of 4000". Every count is grouped by the locale's thousands separator (reader/ui/figures.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt

from tests.test_highlights_read_later import PARAGRAPHS, _book


@pytest.fixture
def locale_back():
    was = QLocale()
    yield
    QLocale.setDefault(was)


def test_the_panel_and_find_bar_group_their_counts(qtbot, window, db_path, tmp_path, locale_back):
    QLocale.setDefault(QLocale("en_GB"))
    path, made = _book(tmp_path, db_path, "long.txt", every=2)
    n = len(made)
    assert n == 2000
    w = window
    titles: list[str] = []
    w.controller.highlightsLoading.connect(lambda *_a: titles.append(w.panel.title.text()))
    qtbot.waitUntil(lambda: w.controller.store is not None)
    w.open_path(path)
    qtbot.waitUntil(lambda: w.session is not None and w.session.loading == 0 and w.panel.count() == n, timeout=30000)
    assert w.panel.title.text() == "Annotations (2,000)"
    assert "Annotations (reading 400 of 2,000…)" in titles, titles  # while they were read
    assert w.panel.empty.text() in ("", "Reading 2,000 highlights…")

    qtbot.keyClick(w.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(w.find_bar.field, "harvest")
    qtbot.waitUntil(lambda: not w.find_bar.searching and bool(w.find_bar.hits), timeout=20000)
    assert len(w.find_bar.hits) == PARAGRAPHS and w.find_bar.count.text() == "1 of 4,000"

    # in German the separator is a dot, in every count alike
    QLocale.setDefault(QLocale("de_DE"))
    w.panel.filter_text.setFocus()
    qtbot.keyClicks(w.panel.filter_text, "rain record")  # every fifth of them has this note
    qtbot.waitUntil(lambda: w.panel.count() == n // 5)
    assert w.panel.title.text() == "Annotations (400 of 2.000)"
    qtbot.keyClick(w.find_bar.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.find_bar.count.text() == "2 of 4.000")
    w.grab().save(str(tmp_path / "counts.png"))
