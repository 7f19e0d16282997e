"""A long book's first screen comes first: its beginning, read as the whole will be,
with the highlights on it; the whole then takes its place where the person is."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader import loaders, preview
from tests.conftest import CORPUS

BOOK = CORPUS / "big" / "war-and-peace_2600-0.txt"


def _texts() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.suffix.lower() in (".txt", ".text") and p.is_file())


@pytest.mark.parametrize("chars", [400, 2000, 12000])
def test_the_beginning_is_read_exactly_as_the_whole(chars):
    """Every plain text of the corpus: the beginning's paragraphs, kinds, levels and
    repairs are the whole's first ones (cut anywhere, not only where a book is easy)."""
    checked = 0
    for path in _texts():
        part = preview.first_part(path, chars)
        if part is None:
            continue
        whole = loaders.load(path)
        assert preview.same_start(part, whole), path.name
        assert part.title == whole.title and part.author == whole.author
        checked += 1
    assert checked >= 1


def test_a_short_file_or_a_chosen_encoding_gets_no_separate_beginning(tmp_path):
    short = tmp_path / "short.txt"
    short.write_text("A paragraph.\n\nAnother one.\n", encoding="utf-8")
    assert preview.first_part(short) is None
    book = tmp_path / "book.txt"
    shutil.copyfile(BOOK, book)
    assert preview.first_part(book) is not None
    loaders.choose_encoding(book, "cp1252")
    try:
        assert preview.first_part(book) is None  # read as the person chose, by the loader itself
    finally:
        loaders.choose_encoding(book, None)


def test_a_changed_beginning_is_not_taken_for_the_whole(tmp_path):
    book = tmp_path / "book.txt"
    shutil.copyfile(BOOK, book)
    part = preview.first_part(book)
    assert part is not None
    whole = loaders.load(book)
    assert preview.same_start(part, whole)
    book.write_bytes(book.read_bytes().replace(b"Well, Prince", b"Well, Count", 1))
    assert not preview.same_start(part, loaders.load(book))


def _book_with_notes(tmp_path: Path, db_path: Path) -> tuple[Path, list[tuple[int, int]]]:
    """The book, and a notes file with a highlight on its first screen, one a few screens
    down, and one far into the book."""
    from notes_db.store import NotesDB
    from reader.session import Session

    book = tmp_path / "docs" / "war-and-peace.txt"
    book.parent.mkdir()
    shutil.copyfile(BOOK, book)
    doc = loaders.load(book)
    store = NotesDB(db_path)
    s = Session(store, doc)
    ranges = []
    for phrase, after in (("Well, Prince, so Genoa and Lucca", 0), ("Anna Pávlovna", 9000),
                          ("CHAPTER III", len(doc.text) // 2)):
        start = doc.text.index(phrase, after)
        ranges.append((start, start + len(phrase)))
        s.create(start, start + len(phrase), "yellow")
    store.close()
    return book, ranges


def test_a_long_book_shows_its_beginning_with_its_highlights_and_then_the_whole_in_place(qtbot, window, tmp_path,
                                                                                      db_path):
    book, ranges = _book_with_notes(tmp_path, db_path)
    w = window
    qtbot.waitUntil(lambda: w.controller.store is not None)
    w.open_path(book)
    # at once: the beginning, with the highlights that are on it (not the one half way in)
    view = w.view
    shown = view.toPlainText()
    assert 10_000 < len(shown) < 100_000
    assert w.windowTitle() == "War and Peace — Reader"
    on_screen = [(s, e) for s, e, _id in view.painted_highlights()]
    assert on_screen == ranges[:2]
    assert w.controller.session is None  # nothing can be noted on it before the whole is in
    view.verticalScrollBar().setValue(900)  # the person reads on
    top = view.top_offset()
    qtbot.waitUntil(lambda: w.session is not None and w.session.doc is w.doc, timeout=20000)
    assert len(view.toPlainText()) > 3_000_000
    assert view.verticalScrollBar().value() == 900 and view.top_offset() == top  # nothing moved
    assert [(s, e) for s, e, _id in view.painted_highlights()] == ranges
    assert w.panel.list.model().rowCount() == 3
    # and the whole is the document: a highlight made now is saved on it
    view.select_range(ranges[1][1] + 5, ranges[1][1] + 30)
    view.setFocus()
    from PySide6.QtCore import Qt

    qtbot.keyClick(view, Qt.Key.Key_2)
    assert len(w.session.highlights) == 4


def test_a_book_left_further_on_opens_there_once_the_whole_is_in(qtbot, window, tmp_path, db_path):
    from notes_db.store import NotesDB

    book, ranges = _book_with_notes(tmp_path, db_path)
    with NotesDB(db_path) as store:
        rec = store.document_by_path(str(book))
        assert rec is not None
        store.set_position(rec.id, ranges[2][0])
    w = window
    qtbot.waitUntil(lambda: w.controller.store is not None)
    w.open_path(book)
    assert not w.controller.first.notes_on_screen()  # the beginning is not where the person is
    qtbot.waitUntil(lambda: w.session is not None and w.session.doc is w.doc, timeout=20000)
    qtbot.waitUntil(lambda: abs(w.view.top_offset() - ranges[2][0]) < 400, timeout=10000)


# -- the first screen's highlights, before the notes file is open -----------------------------


def _sample_with_notes(tmp_path: Path, db_path: Path) -> tuple[Path, list[tuple[int, int]]]:
    from notes_db.store import NotesDB
    from reader.session import Session
    from tests.conftest import SAMPLE

    doc_path = tmp_path / "docs" / "sample.md"
    doc_path.parent.mkdir(exist_ok=True)
    shutil.copyfile(SAMPLE, doc_path)
    doc = loaders.load(doc_path)
    with NotesDB(db_path) as store:
        s = Session(store, doc)
        ranges = []
        for phrase in ("56.1% are Party members", "More than 39 million Party members"):
            start = doc.text.index(phrase)
            ranges.append((start, start + len(phrase)))
            s.create(start, start + len(phrase), "green", note="checked" if not ranges[1:] else "")
    return doc_path, sorted(ranges)


def test_peek_reads_a_documents_highlights_without_opening_the_notes_file(tmp_path, db_path):
    from notes_db.peek import peek

    missing = tmp_path / "nowhere" / "notes.sqlite"
    assert peek(missing, "ab" * 32, "/x.txt") is not None and not missing.exists()  # nothing made
    doc_path, ranges = _sample_with_notes(tmp_path, db_path)
    doc = loaders.load(doc_path)
    seen = peek(db_path, doc.fingerprint, str(doc_path))
    assert seen is not None and seen.known and seen.position == 0 and not seen.repairs_undone
    assert [(h.start, h.end, h.color) for h in seen.highlights] == [(s, e, "green") for s, e in ranges]
    assert [h.note for h in seen.highlights if h.exact.startswith("56.1%")] == ["checked"]
    unknown = peek(db_path, "cd" * 32, str(tmp_path / "other.md"))
    assert unknown is not None and not unknown.known and unknown.highlights == []
    # the same path with other content: its notes are placed again by the session, not guessed at
    assert peek(db_path, "cd" * 32, str(doc_path)) is None


def test_the_first_screen_shows_the_highlights_before_the_notes_file_is_open(qtbot, tmp_path, db_path):
    from reader.ui.main_window import MainWindow

    doc_path, ranges = _sample_with_notes(tmp_path, db_path)
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.open_path(doc_path)  # as at start-up: before the window is shown
    assert w.controller.store is None
    assert [(s, e) for s, e, _id in w.view.painted_highlights()] == ranges
    assert w.controller.first.notes_on_screen()
    w.show()
    qtbot.waitUntil(lambda: w.session is not None and w.session.doc is w.doc, timeout=10000)
    assert [(s, e) for s, e, _id in w.view.painted_highlights()] == ranges
    assert w.panel.list.model().rowCount() == 2


def test_highlights_made_on_another_text_wait_for_the_session(qtbot, tmp_path, db_path):
    from reader.ui.main_window import MainWindow

    doc_path, ranges = _sample_with_notes(tmp_path, db_path)
    text = doc_path.read_text(encoding="utf-8")
    doc_path.write_text("A new first paragraph.\n\n" + text, encoding="utf-8")  # edited: everything moved
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.open_path(doc_path)
    assert w.view.painted_highlights() == [] and not w.controller.first.notes_on_screen()
    w.show()
    qtbot.waitUntil(lambda: w.session is not None and w.session.doc is w.doc, timeout=10000)
    moved = len("A new first paragraph.") + 1
    assert [(s, e) for s, e, _id in w.view.painted_highlights()] == [(s + moved, e + moved) for s, e in ranges]
