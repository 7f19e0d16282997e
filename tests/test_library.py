"""The Library: every document in the notes file, driven as a person drives it."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from notes_db.library import library, remove_document
from notes_db.store import NotesDB
from reader.ui.main_window import MainWindow
from tests.conftest import SAMPLE
from tests.gui_helpers import select_text

PROSE = ("The committee met on a cold morning in March to decide what would become of the old harbour wall. "
         "Everyone agreed that it had to be repaired, and nobody agreed on who would pay for it.\n\n"
         "By noon the fishermen had walked out, and the mayor had promised a second meeting for April.\n")


@pytest.fixture
def docs(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    sample = folder / "sample-article.md"
    shutil.copyfile(SAMPLE, sample)
    harbour = folder / "harbour.txt"
    harbour.write_text(PROSE, encoding="utf-8")
    return sample, harbour


def open_and_wait(qtbot, w: MainWindow, path) -> None:
    w.open_path(path)
    qtbot.waitUntil(lambda: w.session is not None and w.doc.path == path and w.session.doc is w.doc, timeout=20000)


def test_library_query_counts_and_remove(tmp_path, db_path):
    store = NotesDB(db_path)
    a = store.register_document("a" * 64, "/x/a.md", "Alpha", "markdown", 1000)
    b = store.register_document("b" * 64, "/x/b.pdf", "Beta", "pdf", 5000, pages=12)
    store.add_highlight(a.id, 0, 5, "hello", color="yellow", note="first thought", tags=["alpha"])
    store.add_highlight(a.id, 10, 20, "world wide", color="red")
    store.add_highlight(b.id, 0, 4, "beta", tags=["shared"])
    store.set_claim_review(a.id, "k1", "disputed")
    store.set_claim_review(a.id, "k2", "unchecked")
    store.set_position(a.id, 500)
    entries = {e.title: e for e in library(store)}
    assert (entries["Alpha"].highlights, entries["Alpha"].notes, entries["Alpha"].claims_reviewed) == (2, 1, 1)
    assert entries["Alpha"].progress == 0.5 and entries["Beta"].pages == 12
    removed = remove_document(store, a.id)
    assert removed is not None and (removed.highlights, removed.notes, removed.claims_reviewed) == (2, 1, 1)
    assert [e.title for e in library(store)] == ["Beta"]
    assert store.highlights(a.id) == [] and store.claim_reviews(a.id) == {}
    assert [t for t, _n in store.tags()] == ["shared"]  # tags used only by the removed document went with it
    assert remove_document(store, a.id) is None
    store.close()


def test_library_lists_sorts_filters_opens_locates_and_removes(qtbot, window, docs, monkeypatch):
    w = window
    sample, harbour = docs
    open_and_wait(qtbot, w, harbour)
    passage = "nobody agreed on who would pay for it"
    s = w.doc.text.index(passage)
    select_text(qtbot, w.view, s, s + len(passage))
    qtbot.keyClick(w.view, Qt.Key.Key_1)
    w.editor.note.setFocus()
    qtbot.keyClicks(w.editor.note, "Who pays?")
    qtbot.keyClick(w.editor.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    open_and_wait(qtbot, w, sample)

    qtbot.keyClick(w, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    lib = w.library_window
    qtbot.waitExposed(lib)
    assert lib.isVisible() and lib.model.rowCount() == 2
    titles = lib.row_texts(0)
    assert titles[0].startswith("Working Hard")  # last opened first
    row = titles.index("harbour")
    cells = [lib.model.index(row, c).data() for c in range(9)]
    assert cells[2] == "Text" and cells[4] == 1 and cells[5] == 1 and cells[7].endswith("%")
    assert "2 documents" in lib.count.text()

    # sort by title with a click on its header
    header = lib.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_center(header, 0))
    assert lib.row_texts(0) == sorted(lib.row_texts(0), key=str.casefold) or lib.row_texts(0) == sorted(
        lib.row_texts(0), key=str.casefold, reverse=True)

    # filter as you type
    lib.filter.setFocus()
    qtbot.keyClicks(lib.filter, "harb")
    assert len(lib.row_texts(0)) == 1 and lib.row_texts(0)[0].startswith("harbour") and "1 of 2" in lib.count.text()
    lib.filter.clear()
    assert lib.model.rowCount() == 2

    # Enter opens the selected document in the main window
    lib.select_id(next(e.id for e in lib.model.entries if e.title == "harbour"))
    lib.table.setFocus()
    qtbot.keyClick(lib.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.doc.path == harbour and w.session is not None and w.session.doc is w.doc)

    # a moved file is flagged, and Locate... finds it again
    moved = harbour.with_name("harbour-moved.txt")
    harbour.rename(moved)
    lib.reload()
    row = next(i for i, t in enumerate(lib.row_texts(0)) if t.startswith("harbour"))
    assert lib.row_texts(0)[row] == "harbour  (missing)"
    lib.table.setCurrentIndex(lib.model.index(row, 0))
    assert not lib.open_button.isEnabled() and lib.locate_button.isEnabled()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(moved), ""))
    qtbot.mouseClick(lib.locate_button, Qt.MouseButton.LeftButton)
    assert "harbour" in lib.row_texts(0) and lib.open_button.isEnabled()

    # Remove from Library asks first, and says what goes with it
    lib.select_id(next(e.id for e in lib.model.entries if e.title == "harbour"))
    qtbot.mouseClick(lib.remove_button, Qt.MouseButton.LeftButton)
    box = lib.confirm_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "1 highlight" in box.text() and "1 note" in box.text() and "file itself is not touched" in box.text()
    assert "It is open in Reader" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert lib.model.rowCount() == 2
    qtbot.mouseClick(lib.remove_button, Qt.MouseButton.LeftButton)
    box = lib.confirm_box
    remove = next(b for b in box.buttons() if b.text() == "Remove")
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    # it was open in the window: it starts afresh there, with no notes, and the file is untouched
    qtbot.waitUntil(lambda: w.session is not None and w.session.highlights == [])
    row = next(i for i, t in enumerate(lib.row_texts(0)) if t.startswith("harbour"))
    assert lib.model.index(row, 4).data() == "" and moved.exists()
    # a document that is not open goes from the list
    lib.select_id(next(e.id for e in lib.model.entries if e.title.startswith("Working Hard")))
    qtbot.mouseClick(lib.remove_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(next(b for b in lib.confirm_box.buttons() if b.text() == "Remove"), Qt.MouseButton.LeftButton)
    assert len(lib.row_texts(0)) == 1 and lib.row_texts(0)[0].startswith("harbour")
    QApplication.processEvents()


def _center(header, section):
    from PySide6.QtCore import QPoint

    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    return QPoint(x, header.height() // 2)


def library_of_two(qtbot, w, docs):
    """Both documents opened (the sample last), then the Library shown with Ctrl+Shift+L."""
    sample, harbour = docs
    open_and_wait(qtbot, w, harbour)
    open_and_wait(qtbot, w, sample)
    qtbot.keyClick(w, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    lib = w.library_window
    qtbot.waitExposed(lib)
    return lib


def test_typing_a_filter_then_enter_opens_the_one_left(qtbot, window, docs):
    w = window
    _sample, harbour = docs
    lib = library_of_two(qtbot, w, docs)
    lib.filter.setFocus()
    qtbot.keyClicks(lib.filter, "harb")
    assert lib.row_texts(0) == ["harbour"]
    qtbot.keyClick(lib.filter, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.doc.path == harbour and w.session is not None and w.session.doc is w.doc)


def test_a_path_pasted_into_the_filter_finds_its_file(qtbot, window, docs):
    """Tryout 13: Copy Path, then paste into the filter: "0 of 8". A filter with a folder separator in it is
    looked for in each row's whole path (a plain word is not: "docs" here is every file's folder)."""
    _sample, harbour = docs
    lib = library_of_two(qtbot, window, docs)
    lib.filter.setFocus()
    qtbot.keyClicks(lib.filter, str(harbour))
    assert lib.model.rowCount() == 1 and lib.row_texts(0) == ["harbour"]
    lib.filter.clear()
    qtbot.keyClicks(lib.filter, "docs")
    assert lib.model.rowCount() == 0
