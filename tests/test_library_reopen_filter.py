"""The Library opened again shows every document (tryout 12, s25: it reopened with the last filter, "iraq",
showing 2 of 40 documents with nothing saying why); the filter stays while the window stays open."""

from __future__ import annotations

from PySide6.QtCore import Qt

from notes_db.store import NotesDB

LIBRARY = (Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def test_the_library_reopens_unfiltered(qtbot, window, db_path, tmp_path):
    store = NotesDB(db_path)
    for i, title in enumerate(("IRAQ: Legal History and Traditions", "War and Peace", "QMF: Using QMF")):
        path = tmp_path / f"doc{i}.txt"
        path.write_text(f"{title}\n", encoding="utf-8")
        store.register_document(f"{i}" * 64, str(path), title, "text", 9000)
    store.close()
    w = window
    qtbot.keyClick(w, *LIBRARY)
    lib = w.library_window
    qtbot.waitExposed(lib)
    qtbot.waitUntil(lambda: lib.model.rowCount() == 3)
    qtbot.keyClicks(lib.filter, "iraq")
    assert lib.row_texts(0) == ["IRAQ: Legal History and Traditions"] and lib.count.text() == "1 of 3 documents"
    qtbot.keyClick(w, *LIBRARY)  # asked for while open: the person's filter stays
    assert lib.filter.text() == "iraq" and lib.model.rowCount() == 1
    lib.close()  # (the window's close button)
    qtbot.waitUntil(lambda: not lib.isVisible())

    qtbot.keyClick(w, *LIBRARY)
    qtbot.waitExposed(lib)
    assert lib.filter.text() == ""
    assert lib.count.text() == "3 documents" and sorted(lib.row_texts(0)) == [
        "IRAQ: Legal History and Traditions", "QMF: Using QMF", "War and Peace"]
    assert lib.current_entry() is not None and lib.current_entry().title.startswith("IRAQ")  # still the one chosen
    lib.grab().save(str(tmp_path / "reopened.png"))
