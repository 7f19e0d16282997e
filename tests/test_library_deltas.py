"""The Library follows every write as a delta: the main window's own highlights (it used to follow only
other programs' writes, so a person highlighted, looked at the Library and saw the old count), and other
programs' writes, read row by row from the notes file's change log rather than the whole library again."""

from __future__ import annotations

import random
import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView

import notes_db.library as library_module
from notes_db.library import LibraryEntry, changes_since, library, version
from notes_db.store import NotesDB
from reader.ui.library_model import LibraryModel
from tests.conftest import SAMPLE
from tests.gui_helpers import point_at, select_text

PROSE = ("The committee met on a cold morning in March to decide what would become of the old harbour wall. "
         "Everyone agreed that it had to be repaired, and nobody agreed on who would pay for it.\n\n"
         "By noon the fishermen had walked out, and the mayor had promised a second meeting for April.\n")


@pytest.fixture
def full_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How often the whole library is read (notes_db.library.library)."""
    calls: list[int] = []
    real = library_module.library

    def counted(store: NotesDB) -> list[LibraryEntry]:
        calls.append(1)
        return real(store)

    monkeypatch.setattr(library_module, "library", counted)
    return calls


def _cell(lib, title: str, column: int) -> str:
    titles = lib.row_texts(0)
    return lib.row_texts(column)[titles.index(title)]


def test_library_follows_highlights_made_and_deleted_in_the_window(qtbot, window, tmp_path, full_reads):
    w = window
    folder = tmp_path / "docs"
    folder.mkdir()
    harbour, sample = folder / "harbour.txt", folder / "sample-article.md"
    harbour.write_text(PROSE, encoding="utf-8")
    shutil.copyfile(SAMPLE, sample)
    w.open_path(harbour)
    qtbot.waitUntil(lambda: w.session is not None and w.doc.path == harbour and w.session.doc is w.doc, timeout=20000)

    qtbot.keyClick(w, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    lib = w.library_window
    qtbot.waitExposed(lib)
    assert lib.row_texts(0) == ["harbour"] and _cell(lib, "harbour", 4) == ""
    lib.select_id(lib.model.entries[0].id)
    selected = lib.current_id()
    reads = len(full_reads)
    resets: list[int] = []
    lib.model.modelReset.connect(lambda: resets.append(1))

    # a highlight made in the main window, the Library beside it: its count follows
    passage = "nobody agreed on who would pay for it"
    s = w.doc.text.index(passage)
    select_text(qtbot, w.view, s, s + len(passage))
    qtbot.keyClick(w.view, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: _cell(lib, "harbour", 4) == "1", timeout=5000)
    assert _cell(lib, "harbour", 5) == ""  # no note yet

    # a note written to it: the Notes column follows
    w.editor.note.setFocus()
    qtbot.keyClicks(w.editor.note, "Who pays?")
    qtbot.keyClick(w.editor.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _cell(lib, "harbour", 5) == "1", timeout=5000)

    # deleted with the Delete key in the main window (the person goes back to it): back to none
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=point_at(w.view, s + 5))
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    assert w.session.highlights == []
    qtbot.waitUntil(lambda: _cell(lib, "harbour", 4) == "", timeout=5000)
    assert _cell(lib, "harbour", 5) == ""

    # another document opened in the window comes into the list, on top (last opened)
    w.open_path(sample)
    qtbot.waitUntil(lambda: w.session is not None and w.doc.path == sample and w.session.doc is w.doc, timeout=20000)
    qtbot.waitUntil(lambda: lib.count.text() == "2 documents", timeout=5000)
    assert lib.row_texts(0)[0].startswith("Working Hard")
    assert lib.current_id() == selected  # the row the person chose stays chosen
    assert len(full_reads) == reads and resets == []  # deltas, never the whole library again
    QApplication.processEvents()


def test_outside_writes_come_in_row_by_row(qtbot, window, tmp_path, db_path, full_reads):
    w = window
    harbour = tmp_path / "harbour.txt"
    harbour.write_text(PROSE, encoding="utf-8")
    w.open_path(harbour)
    qtbot.waitUntil(lambda: w.session is not None and w.session.doc is w.doc, timeout=20000)
    qtbot.keyClick(w, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    lib = w.library_window
    qtbot.waitExposed(lib)
    other = NotesDB(db_path)  # as `reader` on the command line would
    try:
        doc = other.register_document("e" * 64, "/elsewhere/storm.md", "Storm report", "markdown", 5000, opened=False)
        other.add_highlight(doc.id, 0, 5, "storm", note="from a script")
        other.add_highlight(w.session.doc_id, 10, 20, "harbour wa")
        reads = len(full_reads)
        assert w.controller.external.take()
        assert lib.count.text() == "2 documents"
        assert (_cell(lib, "Storm report  (missing)", 4), _cell(lib, "Storm report  (missing)", 5)) == ("1", "1")
        assert _cell(lib, "harbour", 4) == "1"
        from notes_db.library import remove_document

        remove_document(other, doc.id)
        assert w.controller.external.take()
        assert lib.row_texts(0) == ["harbour"] and lib.count.text() == "1 document"
        assert len(full_reads) == reads
    finally:
        other.close()
    QApplication.processEvents()


def test_the_change_log_names_only_what_the_library_shows(db_path):
    store = NotesDB(db_path)
    a = store.register_document("a" * 64, "/x/a.md", "Alpha", "markdown", 1000)
    b = store.register_document("b" * 64, "/x/b.md", "Beta", "markdown", 1000)
    seen = version(store)
    assert changes_since(store, seen).entries == []

    h = store.add_highlight(a.id, 0, 5, "hello", note="")
    ch = changes_since(store, seen)
    assert [(e.id, e.highlights, e.notes) for e in ch.entries] == [(a.id, 1, 0)] and ch.gone == []
    seen = ch.version

    store.update_highlight(h.id, note="a thought")  # a note written: the Notes count changes
    assert [(e.id, e.notes) for e in changes_since(store, seen).entries] == [(a.id, 1)]
    seen = changes_since(store, seen).version
    store.update_highlight(h.id, note="another thought")  # its text edited: nothing the Library shows
    store.update_highlight(h.id, color="red")
    assert changes_since(store, seen).entries == []

    store.set_claim_review(b.id, "k1", "disputed")
    store.set_position(a.id, 500)
    ch = changes_since(store, seen)
    assert {e.id: (e.claims_reviewed, e.position) for e in ch.entries} == {a.id: (0, 500), b.id: (1, 0)}
    seen = ch.version

    library_module.remove_document(store, b.id)
    ch = changes_since(store, seen)
    assert ch.entries == [] and ch.gone == [b.id]
    # what the change log gives is what a full read gives, row for row
    assert {e.id: e for e in library(store)} == {a.id: changes_since(store, 0).entries[0]}
    store.close()


def test_a_log_behind_what_was_seen_asks_for_a_full_read(db_path):
    store = NotesDB(db_path)
    store.register_document("a" * 64, "/x/a.md", "Alpha", "markdown", 1000)
    assert changes_since(store, version(store) + 50).reset
    assert not changes_since(store, version(store)).reset
    store.close()


def test_model_deltas_end_as_a_full_rearrangement_would(qtbot, qtmodeltester):
    """Rows changed (moving or not), removed, new, in and out of the filter, under every sort: each
    delta ends where sorting everything again would, and the selected document stays selected."""
    rnd = random.Random(8)

    def entry(i: int) -> LibraryEntry:
        return LibraryEntry(i, f"{rnd.choice(['river', 'storm', 'harbour'])} {rnd.randint(0, 30)}", "", "text",
                            f"/nowhere/{i}.txt", 6000, 0, rnd.randint(0, 6000), f"2026-01-{rnd.randint(1, 28):02d}",
                            rnd.randint(0, 9), rnd.randint(0, 2), 0)

    model = LibraryModel()
    view = QTableView()
    view.setModel(model)
    qtbot.addWidget(view)
    model.set_entries([entry(i) for i in range(300)])
    moves: list[int] = []
    model.rowsMoved.connect(lambda *_: moves.append(1))
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    next_id = 1000
    for step in range(60):
        if step % 10 == 0:
            model.sort(rnd.choice([0, 4, 5, 7, 8]), rnd.choice([Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder]))
        if step % 15 == 0:
            model.set_filter(rnd.choice(["r", "ar", "", "storm 1"]))
            resets.clear()
        ids = sorted(model._all)
        gone = rnd.sample(ids, rnd.randint(0, 3))
        many = step % 20 == 19  # now and then most rows at once (taken as one rearrangement)
        changed = [entry(i) for i in rnd.sample([i for i in ids if i not in gone], 250 if many else rnd.randint(1, 6))]
        new = [entry(next_id + k) for k in range(rnd.randint(0, 3))]
        next_id += 10
        if model.entries:
            selected = model.entries[rnd.randrange(len(model.entries))].id
            view.setCurrentIndex(model.index(next(r for r, e in enumerate(model.entries) if e.id == selected), 2))
        assert model.apply_changes([*changed, *new], gone)
        assert model.entries == model._arranged()
        assert model.total == len(model.all) == len(ids) - len(gone) + len(new)
        if model.entries and any(e.id == selected for e in model.entries):
            assert model.entries[view.currentIndex().row()].id == selected and view.currentIndex().column() == 2
    assert moves and resets == []  # rows were moved, never the whole model reset
    assert not model.apply_changes([model.all[0]], [])  # the same row again: nothing differs
    qtmodeltester.check(model)


def test_library_follows_a_claim_reviewed_in_the_window(qtbot, open_window, full_reads):
    from tests.test_gui import _click_entry, _wait_analysis

    w = open_window()
    panel = _wait_analysis(qtbot, w)
    qtbot.keyClick(w, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    lib = w.library_window
    qtbot.waitExposed(lib)
    title = lib.row_texts(0)[0]
    assert title.startswith("Working Hard") and _cell(lib, title, 6) == ""
    reads = len(full_reads)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    w.tabs.setCurrentWidget(panel)
    panel.sections.setCurrentIndex(1)
    i = next(k for k, c in enumerate(w.controller.analysis.claims) if "56.1%" in c.text)
    _click_entry(qtbot, panel, "claim", i)
    panel.review_status.setCurrentIndex(panel.review_status.findData("disputed"))
    panel.review_note.setFocus()
    qtbot.keyClicks(panel.review_note, "WHO counts differ")
    qtbot.keyClick(panel.review_note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _cell(lib, title, 6) == "1", timeout=5000)  # Claims reviewed
    assert len(full_reads) == reads
    QApplication.processEvents()
