"""One notion of progress: a short document that fits on one screen showed 100% in the status bar
and 0% in the Library; now both say how far the person has read, the end once it is on screen."""

from __future__ import annotations

from PySide6.QtCore import Qt

PROGRESS_COLUMN = 7


def _library_progress(qtbot, w, title: str) -> str:
    w.show_library()
    lib = w.library_window
    model = lib.model
    qtbot.waitUntil(lambda: any(model.data(model.index(r, 0)) == title for r in range(model.rowCount())),
                    timeout=10000)
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0)) == title)
    assert model.headerData(PROGRESS_COLUMN, Qt.Orientation.Horizontal) == "Progress"
    return str(model.data(model.index(row, PROGRESS_COLUMN)))


def test_a_short_text_on_one_screen_is_read_to_its_end_in_the_status_bar_and_the_library(qtbot, open_window, tmp_path):
    short = tmp_path / "short.md"
    short.write_text("# A short note\n\nIt fits on one screen, all of it.\n", encoding="utf-8")
    w = open_window(short)
    qtbot.waitUntil(lambda: w.progress_label.text() == "100% · A short note", timeout=5000)
    assert _library_progress(qtbot, w, "A short note") == "100%"


def test_a_long_text_shows_the_same_progress_in_both_places(qtbot, open_window):
    w = open_window()  # the sample article: several screens
    bar = w.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and w.view.whole_end_shown() is False, timeout=5000)
    bar.setValue(bar.maximum() // 2)
    qtbot.waitUntil(lambda: 0 < w.controller.session.record.position < len(w.doc.text), timeout=5000)
    shown = w.progress_label.text().split("%")[0]
    assert 0 < int(shown) < 100
    assert _library_progress(qtbot, w, w.doc.title) == f"{shown}%"
    bar.setValue(bar.maximum())  # the end on screen: read to the end, in both places
    qtbot.waitUntil(lambda: w.controller.session.record.position == len(w.doc.text), timeout=5000)
    assert w.progress_label.text().startswith("100%")
    w.library_window.close()
    assert _library_progress(qtbot, w, w.doc.title) == "100%"
