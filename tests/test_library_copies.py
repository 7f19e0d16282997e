"""Copies of a document are told apart in the Library (tryout 12, s69: five identical rows "Two-Column
Document with Lorem Ipsum", no file name or path anywhere): a title that repeats is followed by its
file's name, kept in sight when the title is cut; every row's tooltip is its full path; the row's menu
has Show in Folder and Copy Path."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices, QGuiApplication

from notes_db.store import NotesDB
from tests.test_library_flag import drawn

TITLE = "Two-Column Document with Lorem Ipsum and a Title Long Enough to Be Cut in a Narrow Column"


def _text(path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("Lorem ipsum dolor sit amet.\n", encoding="utf-8")


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard")
def test_copies_show_their_file_names_tooltips_and_menu(qtbot, window, db_path, tmp_path, monkeypatch):
    copies = [tmp_path / "docs" / "two-column.txt", tmp_path / "docs" / "old" / "two-column.txt",
              tmp_path / "downloads" / "lorem-v2.txt"]
    single = tmp_path / "docs" / "harbour.txt"
    for p in (*copies, single):
        _text(p)
    store = NotesDB(db_path)
    for i, p in enumerate(copies):
        store.register_document(f"{i}" * 64, str(p), TITLE, "text", 9000)
    store.register_document("h" * 64, str(single), "Harbour Report", "text", 9000)
    store.close()

    w = window
    qtbot.keyClick(w, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    lib = w.library_window
    qtbot.waitExposed(lib)
    qtbot.waitUntil(lambda: lib.model.rowCount() == 4)
    texts = set(lib.row_texts(0))
    assert texts == {f"{TITLE} — docs/two-column.txt", f"{TITLE} — old/two-column.txt", f"{TITLE} — downloads/lorem-v2.txt",
                     "Harbour Report"}  # one file name in two folders: the folder says which; a title only one has: as it was
    for r in range(4):  # every row's tooltip: where its file is
        assert lib.model.index(r, 0).data(Qt.ItemDataRole.ToolTipRole) == lib.model.entries[r].path
        assert lib.model.index(r, 2).data(Qt.ItemDataRole.ToolTipRole) == lib.model.entries[r].path

    lib.resize(1100, lib.height())  # a narrow title column: the title is cut, never the file's name
    qtbot.waitUntil(lambda: lib.width() == 1100)
    cut = [drawn(lib.table, r) for r in range(4) if lib.model.entries[r].title == TITLE]
    assert all("…" in t for t in cut), cut
    assert sorted(t.rsplit("— ", 1)[1] for t in cut) == ["docs/two-column.txt", "downloads/lorem-v2.txt", "old/two-column.txt"]
    lib.grab().save(str(tmp_path / "copies_narrow.png"))
    lib.resize(1320, lib.height())

    other = NotesDB(db_path)  # another copy of the harbour report, as `reader` on the command line would add it
    try:
        twin = tmp_path / "elsewhere" / "harbour-copy.txt"
        _text(twin)
        other.register_document("t" * 64, str(twin), "Harbour Report", "text", 9000, opened=False)
        assert w.controller.external.take()
        qtbot.waitUntil(lambda: lib.model.rowCount() == 5)
        assert {"Harbour Report — docs/harbour.txt", "Harbour Report — elsewhere/harbour-copy.txt"} <= set(lib.row_texts(0))
        from notes_db.library import remove_document

        remove_document(other, other.document_by_path(str(twin)).id)
        assert w.controller.external.take()
        qtbot.waitUntil(lambda: lib.model.rowCount() == 4)
        assert "Harbour Report" in lib.row_texts(0)  # alone again: no file name
    finally:
        other.close()

    row = lib.row_texts(0).index(f"{TITLE} — downloads/lorem-v2.txt")
    menu = lib.table.customContextMenuRequested
    menu.emit(lib.table.visualRect(lib.model.index(row, 0)).center())
    assert lib.row_menu is not None and lib.current_id() == lib.model.entries[row].id  # the row clicked is current
    actions = {a.text(): a for a in lib.row_menu.actions() if a.text()}
    assert list(actions) == ["Open", "Show in Folder", "Copy Path", "Locate…", "Remove from Library…"]
    lib.grab().save(str(tmp_path / "copies_wide.png"))
    lib.row_menu.grab().save(str(tmp_path / "copies_menu.png"))
    actions["Copy Path"].trigger()
    assert QGuiApplication.clipboard().text() == str(copies[2])
    shown: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: shown.append(url.toLocalFile()) or True)
    actions["Show in Folder"].trigger()
    assert shown == [str(copies[2].parent)]
    lib.row_menu.close()
