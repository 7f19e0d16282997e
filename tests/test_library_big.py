"""A big Library is read off the GUI thread: its first rows show while the rest come in batches,
the window answers meanwhile (filtering, sorting, closing), and once every row is in it shows what
a read at once would have shown."""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction

import notes_db.library as library_module
from notes_db.library import LibraryEntry, in_batches, library
from notes_db.store import NotesDB
from reader.ui.library_model import LibraryModel

WORDS = ("river harbour storm policy market north winter claim record history science letter empire house "
         "garden war peace city night light memory island road season report study").split()
DOCS = 6000


def _build(path: Path, n: int, seed: int = 3) -> None:
    """``n`` documents (some opened at the same minute, a few never opened), a highlight or two on some."""
    rnd = random.Random(seed)
    store = NotesDB(path)
    docs, highlights = [], []
    for i in range(1, n + 1):
        title = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(2, 5))).capitalize()
        opened = (None if rnd.random() < 0.01 else
                  f"2026-{rnd.randint(1, 11):02d}-{rnd.randint(1, 28):02d}T{rnd.randint(0, 3):02d}:00:00.000+00:00")
        docs.append({"id": i, "fingerprint": f"{i:064x}", "path": f"/nowhere/{title.replace(' ', '-')}-{i}.md",
                     "title": title, "author": rnd.choice(WORDS).capitalize(), "kind": "markdown",
                     "chars": 5000, "pages": 0, "position": rnd.randint(0, 5000), "created": "2025-01-01T00:00:00",
                     "opened": opened, "restored_repairs": "[]"})
        if i % 7 == 0:
            highlights.append({"doc_id": i, "start": 0, "end": 5, "exact": "hello", "prefix": "", "suffix": "",
                               "color": "yellow", "note": "a thought" if i % 2 else "", "tags_text": "",
                               "origin": "user", "orphaned": 0, "created": "2026-01-01", "updated": "2026-01-01"})
    with store.db.atomic():
        store.db.table("documents").insert_all(docs, batch_size=2000)
        store.db.table("highlights").insert_all(highlights, batch_size=2000)
    store.close()


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "notes.sqlite"
    _build(path, DOCS)
    return path


@pytest.fixture
def big_db(big_file: Path, db_path: Path) -> Path:
    """The test's own copy of the big notes file, where the window looks for its notes."""
    db_path.write_bytes(big_file.read_bytes())
    return db_path


class Gate:
    """Holds the Library's reading thread after its first batch until the test lets it go on
    (the read itself is the real one: ``notes_db.library.in_batches``)."""

    def __init__(self) -> None:
        self.go = threading.Event()
        self.batches = 0

    def wrap(self, real: object) -> object:
        def held(store: NotesDB, *args: object, **kw: object) -> Iterator[tuple[int, list[LibraryEntry]]]:
            for item in real(store, *args, **kw):  # type: ignore[operator]
                if self.batches == 1:
                    self.go.wait(30)
                self.batches += 1
                yield item
        return held


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    g = Gate()
    monkeypatch.setattr(library_module, "in_batches", g.wrap(library_module.in_batches))
    yield g
    g.go.set()  # never leave a thread waiting


def _open_library(qtbot, w):
    """File > Library… (from the menu: after the Library was closed, no window is active for its shortcut)."""
    next(a for a in w.findChildren(QAction) if a.text() == "&Library…").trigger()
    lib = w.library_window
    qtbot.waitExposed(lib)
    return lib


def test_in_batches_lists_what_library_lists(big_db: Path) -> None:
    store = NotesDB(big_db)
    try:
        batches = list(in_batches(store, first=7, size=1000))
        assert [len(b) for _t, b in batches][:3] == [7, 1000, 1000]
        assert {t for t, _b in batches} == {DOCS}
        assert [e for _t, b in batches for e in b] == library(store)  # same rows, counts and order
    finally:
        store.close()


def test_big_library_shows_rows_while_it_reads_and_stays_responsive(qtbot, big_db, gate, window) -> None:
    w = window
    turns: list[int] = []
    ticker = QTimer(w)
    ticker.setInterval(0)
    ticker.timeout.connect(lambda: turns.append(1))
    ticker.start()

    lib = _open_library(qtbot, w)
    # the first screenful is on show while the rest is being read
    qtbot.waitUntil(lambda: lib.model.rowCount() == 200, timeout=20000)
    assert lib.loading
    assert lib.count.text() == f"Loading 200 of {DOCS:,}…"
    assert lib.table.currentIndex().row() == 0  # the newest row is current, as in a small Library
    before = len(turns)
    qtbot.wait(50)
    assert len(turns) > before  # the event loop turns while the rows are read: nothing waits on them
    assert lib.loading and gate.batches == 1

    # the person filters and sorts meanwhile: the window answers at once, on what is in so far
    qtbot.keyClicks(lib.filter, "harbour")
    assert lib.model.rowCount() and all("harbour" in f"{e.title} {e.author}".lower() for e in lib.model.entries)
    lib.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)  # a click on "Title"
    assert _titles_sorted(lib)
    lib.table.setCurrentIndex(lib.model.index(2, 0))  # the person picks a row
    picked = lib.current_id()

    gate.go.set()
    qtbot.waitUntil(lambda: not lib.loading, timeout=30000)
    store = NotesDB(big_db)
    every = library(store)
    store.close()
    want = sorted((e for e in every if "harbour" in f"{e.title} {e.author} markdown {Path(e.path).name}".lower()),
                  key=lambda e: e.title.casefold())
    assert [e.id for e in lib.model.entries] == [e.id for e in want]  # the read done: as one read at once
    assert lib.current_id() == picked  # the rows that came in around it did not take it away
    assert lib.count.text() == f"{len(want):,} of {DOCS:,} documents"
    qtbot.keyClick(lib.filter, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(lib.filter, Qt.Key.Key_Delete)
    assert lib.count.text() == f"{DOCS:,} documents" and lib.model.rowCount() == DOCS
    assert _titles_sorted(lib)
    ticker.stop()


def test_closing_a_library_still_reading_stops_the_read_and_reopening_reads_it_all(qtbot, big_db, gate, window) -> None:
    w = window
    lib = _open_library(qtbot, w)
    qtbot.waitUntil(lambda: lib.model.rowCount() == 200, timeout=20000)
    task = lib._task
    assert task is not None and task.running()
    qtbot.keyClick(lib, Qt.Key.Key_Escape)  # closed while it reads
    assert not lib.isVisible() and not lib.loading
    gate.go.set()
    qtbot.waitUntil(lambda: not task.running(), timeout=20000)  # the thread gave up at its next batch
    qtbot.wait(20)
    assert lib.model.rowCount() == 200  # nothing more came in after the close

    lib = _open_library(qtbot, w)  # shown again: read again, to the end
    qtbot.waitUntil(lambda: not lib.loading, timeout=30000)
    assert lib.model.rowCount() == DOCS and lib.count.text() == f"{DOCS:,} documents"
    assert [e.id for e in lib.model.entries] == [e.id for e in library(w.controller.store)]


def test_quitting_while_the_library_reads_stops_the_read(qtbot, big_db, gate, window) -> None:
    w = window
    lib = _open_library(qtbot, w)
    qtbot.waitUntil(lambda: lib.model.rowCount() == 200, timeout=20000)
    task = lib._task
    assert task is not None
    w.shutdown()  # what quitting runs
    assert task.stopped and not lib.loading
    gate.go.set()
    qtbot.waitUntil(lambda: not task.running(), timeout=20000)


def _entries(n: int, seed: int) -> list[LibraryEntry]:
    rnd = random.Random(seed)
    return [LibraryEntry(i, rnd.choice(WORDS).capitalize(), rnd.choice(WORDS), rnd.choice(["pdf", "text"]),
                         f"/x/{i}", rnd.randint(1, 9) * 1000, 0, 0, f"2026-0{rnd.randint(1, 9)}-01", rnd.randint(0, 3),
                         0, 0) for i in range(1, n + 1)]


@pytest.mark.parametrize("column", [0, 1, 4, 8])
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_batches_land_where_a_read_at_once_puts_them(qtbot, column: int, order: Qt.SortOrder) -> None:
    every = _entries(1500, seed=column)
    reference = LibraryModel()
    reference.sort(column, order)
    reference.set_filter("a")
    reference.set_entries(every)
    model = LibraryModel()
    inserted: list[int] = []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append(last - first + 1))
    model.sort(column, order)
    model.set_filter("a")
    rnd = random.Random(column)
    shuffled = sorted(every, key=lambda _e: rnd.random())
    for size in (3, 40, 400, 1057):  # a few rows land as runs, many as one reset
        model.add_entries(shuffled[:size])
        shuffled = shuffled[size:]
    assert [e.id for e in model.entries] == [e.id for e in reference.entries]
    assert model.total == 1500 and len(model.all) == 1500
    assert sum(inserted) < len(model.entries)  # some rows came by runs, the scattered batch by a reset


def _titles_sorted(lib) -> bool:
    """The rows in title order (what a row shows may add its file's name: a title two documents have)."""
    titles = [e.title for e in lib.model.entries]
    return titles == sorted(titles, key=str.casefold)
