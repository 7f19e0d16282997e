"""The Library's "(missing)" flag is seen whatever the title's length (tryout 8): the title
column used to cut "A Long Title…" and the flag with it, so a red row never said why."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem, QTableView

from notes_db.store import NotesDB
from reader.ui.library_title import text_room

LONG = ("The Collected Correspondence of the Harbour Commission on the Repair of the Old Sea Wall, "
        "with the Minutes of Every Meeting Held Between 1887 and 1912")


def drawn(table: QTableView, row: int) -> str:
    """The text the style draws in a title cell: what its delegate gives, elided to the cell as Qt elides it."""
    index = table.model().index(row, 0)
    opt = QStyleOptionViewItem()
    table.initViewItemOption(opt)
    opt.rect = table.visualRect(index)
    table.itemDelegateForIndex(index).initStyleOption(opt, index)
    return opt.fontMetrics.elidedText(opt.text, opt.textElideMode, text_room(opt))


def test_a_long_titles_missing_flag_is_not_cut_off(qtbot, window, db_path, tmp_path):
    here = tmp_path / "docs" / "here.txt"
    here.parent.mkdir()
    here.write_text("A text that is still there.\n", encoding="utf-8")
    store = NotesDB(db_path)
    store.register_document("a" * 64, str(tmp_path / "docs" / "gone.txt"), LONG, "text", 90_000)
    store.register_document("b" * 64, str(here), LONG + " (the copy still here)", "text", 90_000)
    store.register_document("c" * 64, "", "Notes From Another Device About " + LONG, "text", 90_000)
    store.close()

    w = window
    qtbot.keyClick(w, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    lib = w.library_window
    qtbot.waitExposed(lib)
    qtbot.waitUntil(lambda: lib.model.rowCount() == 3)
    for width in (lib.width(), 1300):  # (the title column gets what the other columns leave)
        lib.resize(width, lib.height())
        qtbot.waitUntil(lambda width=width: lib.width() == width)
        texts = {lib.model.entries[r].title: drawn(lib.table, r) for r in range(3)}
        gone = texts[LONG]
        assert gone.endswith("…  (missing)") and gone.startswith("The Collected"), gone
        absent = texts["Notes From Another Device About " + LONG]
        assert absent.endswith("…  (not on this device)"), absent
        present = texts[LONG + " (the copy still here)"]
        assert present.endswith("…") and "missing" not in present  # a file that is there: only its title, cut
    lib.grab().save(str(tmp_path / "library.png"))
