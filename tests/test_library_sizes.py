"""The Library's Size column is never cut (tryout 12, s69: War and Peace's "535,134 …"): a long text's size
is short ("535K words"), the column is at least as wide as the widest size, also for a document added after
the window was first fitted to its rows; the exact count is in the cell's tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem

from notes_db.store import NotesDB
from reader.ui.library_title import text_room

LIBRARY = (Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def _size_cell(lib, title: str) -> tuple[str, str, str]:
    """(the Size cell's text, what is drawn of it, its tooltip) on the row of ``title``."""
    row = [e.title for e in lib.model.entries].index(title)
    index = lib.model.index(row, 3)
    return str(index.data()), _drawn_at(lib, row, 3), str(index.data(Qt.ItemDataRole.ToolTipRole))


def _drawn_at(lib, row: int, col: int) -> str:
    """What the style draws in a cell: its text elided to the cell as Qt elides it."""
    index = lib.model.index(row, col)
    opt = QStyleOptionViewItem()
    lib.table.initViewItemOption(opt)
    opt.rect = lib.table.visualRect(index)
    lib.table.itemDelegateForIndex(index).initStyleOption(opt, index)
    return opt.fontMetrics.elidedText(opt.text, opt.textElideMode, text_room(opt))


def test_sizes_are_short_and_never_cut(qtbot, window, db_path, tmp_path):
    short = tmp_path / "note.txt"
    short.write_text("A short note.\n", encoding="utf-8")
    store = NotesDB(db_path)
    store.register_document("a" * 64, str(short), "A short note", "text", 9_000)
    store.close()
    w = window
    qtbot.keyClick(w, *LIBRARY)
    lib = w.library_window
    qtbot.waitExposed(lib)
    qtbot.waitUntil(lambda: lib.model.rowCount() == 1)
    assert _size_cell(lib, "A short note")[:2] == ("1,500 words", "1,500 words")
    lib.close()  # fitted to that one row; then long documents come, and the Library is opened again

    other = NotesDB(db_path)
    try:
        other.register_document("b" * 64, str(tmp_path / "war-and-peace.txt"), "War and Peace", "text", 3_210_804)
        other.register_document("c" * 64, str(tmp_path / "qmf.pdf"), "QMF: Using QMF", "pdf", 1_900_000, pages=1_429)
        other.register_document("d" * 64, str(tmp_path / "all.txt"), "Everything", "text", 60_000_000)
    finally:
        other.close()
    qtbot.keyClick(w, *LIBRARY)
    qtbot.waitExposed(lib)
    qtbot.waitUntil(lambda: lib.model.rowCount() == 4)
    text, shown, tip = _size_cell(lib, "War and Peace")
    assert (text, shown) == ("535K words", "535K words")  # whole, no "…"
    assert tip.startswith("About 535,134 words\n")  # the exact count, then the file
    assert _size_cell(lib, "QMF: Using QMF")[:2] == ("1,429 pages", "1,429 pages")
    assert _size_cell(lib, "Everything")[:2] == ("10.0M words", "10.0M words")
    lib.resize(1320, 640)  # (the offscreen screen is small: the fitted window is narrow)
    qtbot.waitUntil(lambda: lib.width() == 1320)
    assert _size_cell(lib, "War and Peace")[1] == "535K words"
    lib.grab().save(str(tmp_path / "sizes.png"))
