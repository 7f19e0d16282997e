"""A document with many highlights opens with its text first; its highlights are read off the GUI
thread and come in batches (the panel lists them as they come, the view paints those on screen),
with the count in the panel's title; another document opened meanwhile gets none of them."""

from __future__ import annotations

import gc
import sqlite3

import pytest

from notes_db.store import NotesDB
from reader import loaders
from reader.session import Session
from reader.ui import highlights_loading
from reader.ui.highlight_overlay import HIGHLIGHT_ID
from tests.conftest import SAMPLE

PARAGRAPHS = 4000


def _book(tmp_path, db_path, name: str, every: int, word: str = "village"):
    """A long plain text with a highlight on every ``every``-th paragraph (a tenth with a note)."""
    paras = [f"Paragraph {i:05d} tells of the harvest in {word} {i:05d}, and of the rain that came after it."
             for i in range(PARAGRAPHS)]
    path = tmp_path / name
    path.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    doc = loaders.load(path)
    store = NotesDB(db_path)
    session = Session(store, doc)
    items = []
    for i in range(0, PARAGRAPHS, every):
        start = doc.text.index(f"{word} {i:05d}")
        items.append((start, start + len(f"{word} 00000"), "yellow", f"rain record {i:05d}" if i % 10 == 0 else "", []))
    made, _used = session.create_many(items, origin="user")
    store.close()
    return path, made


def _rows_in_file(db_path, doc_id: int) -> int:
    with sqlite3.connect(db_path) as conn:
        return int(conn.execute("SELECT count(*) FROM highlights WHERE doc_id = ?", [doc_id]).fetchone()[0])


def _painted(w, hid: int) -> list[str]:
    return [s.cursor.selectedText() for s in w.view.extraSelections() if s.format.property(HIGHLIGHT_ID) == hid]


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(highlights_loading, "FIRST_BATCH", 100)
    monkeypatch.setattr(highlights_loading, "BATCH", 300)


def test_the_text_shows_first_then_every_highlight(qtbot, window, db_path, tmp_path, small_batches):
    path, made = _book(tmp_path, db_path, "long.txt", every=2)
    n = len(made)
    assert n > highlights_loading.READ_OVER
    w = window
    at_ready: dict[str, object] = {}

    def ready(session) -> None:  # what the person sees when the document is up
        at_ready.update(text=w.view.doc is w.doc and w.view.document().toPlainText().startswith("Paragraph 00000"),
                        listed=w.panel.count(), painted=len(w.view.highlights), title=w.panel.title.text(),
                        empty=w.panel.empty.text(), coming=session.loading)

    qtbot.waitUntil(lambda: w.controller.store is not None)  # File > Open in a window that is up
    w.controller.sessionReady.connect(ready)
    counts: list[tuple[int, int]] = []
    w.controller.highlightsLoading.connect(lambda done, total: counts.append((done, total)))
    titles: list[str] = []
    w.controller.highlightsLoading.connect(lambda *_a: titles.append(w.panel.title.text()))
    w.open_path(path)
    qtbot.waitUntil(lambda: "coming" in at_ready)
    # the text is on screen, its highlights not yet read; the panel says they are coming
    assert at_ready["text"] is True and at_ready["listed"] == 0 and at_ready["painted"] == 0
    assert at_ready["coming"] == n and at_ready["title"] == f"Annotations (reading 0 of {n:,}…)"
    assert at_ready["empty"] == f"Reading {n:,} highlights…"
    qtbot.waitUntil(lambda: not w.controller.highlights_reader.active, timeout=30000)
    # then every one of them: listed (one card per row in the notes file) and on the text
    assert w.panel.count() == _rows_in_file(db_path, w.session.doc_id) == n
    assert w.panel.title.text() == f"Annotations ({n:,})" and not w.progress.isVisible()
    assert sorted(h.id for h in w.panel.visible_highlights()) == sorted(h.id for h in made)
    assert [h.id for h in w.panel.visible_highlights()] == [h.id for h in w.session.highlights]  # reading order
    assert len(w.view.highlights) == n and w.session.loading == 0
    # they came in batches, the panel counting them as they did
    dones = [d for d, _t in counts]
    assert len(counts) > 4 and dones == sorted(dones) and dones[-1] == n and 0 < dones[1] < n
    assert any(t.startswith("Annotations (reading ") and not t.startswith("Annotations (reading 0 ") for t in titles)
    first = w.session.highlights[0]
    assert _painted(w, first.id) == ["village 00000"]  # the first screen has its highlights


def test_the_first_batch_is_the_one_on_screen(qtbot, window, db_path, tmp_path, small_batches):
    """Reopened far down the book, the highlights there come first."""
    path, made = _book(tmp_path, db_path, "long.txt", every=2)
    far = made[len(made) * 3 // 4]
    with NotesDB(db_path) as store:
        rec = store.document_by_path(str(path.resolve()))
        assert rec is not None
        store.set_position(rec.id, far.start)
    w = window
    first_batch: list[list[int]] = []
    w.controller.highlightsChanged.connect(
        lambda change: first_batch.append([h.id for h in change.added]) if change.loaded and not first_batch else None)
    w.open_path(path)
    qtbot.waitUntil(lambda: bool(first_batch) and not w.controller.highlights_reader.active, timeout=30000)
    assert far.id in first_batch[0] and made[0].id not in first_batch[0]
    assert _painted(w, far.id) == [w.doc.text[far.start:far.end]]


def test_another_document_opened_mid_read_gets_none_of_its_highlights(qtbot, window, db_path, tmp_path,
                                                                     small_batches):
    big, _made = _book(tmp_path, db_path, "first.txt", every=2)
    other, other_made = _book(tmp_path, db_path, "second.txt", every=3, word="hamlet")
    w = window
    switched: list[object] = []

    def after_first_batch(done: int, total: int) -> None:
        if done and not switched:  # a batch is in, more are on their way: the person opens another file
            switched.append(w.controller.highlights_reader.read)
            assert done < total
            w.open_path(other)

    w.controller.highlightsLoading.connect(after_first_batch)
    w.open_path(big)
    qtbot.waitUntil(lambda: bool(switched))
    read = switched[0]
    assert read is not None
    qtbot.waitUntil(lambda: not read.running() and not w.controller.highlights_reader.active, timeout=30000)
    qtbot.wait(50)  # anything the first read had on its way has been delivered (or dropped)
    assert w.doc.path == other and w.session.doc.path == other
    wanted = {h.id for h in other_made}
    assert {h.id for h in w.panel.visible_highlights()} == wanted
    assert w.panel.count() == _rows_in_file(db_path, w.session.doc_id) == len(other_made)
    assert {h.id for h in w.view.highlights} == wanted
    assert {h.id for h in w.session.highlights} == wanted
    assert w.panel.title.text() == f"Annotations ({len(other_made):,})"


def test_closing_the_window_mid_read_stops_the_read(qtbot, window, db_path, tmp_path, small_batches, messages):
    big, _made = _book(tmp_path, db_path, "first.txt", every=2)
    w = window
    closed: list[object] = []

    def close_after_first(done: int, total: int) -> None:
        if done and not closed:
            closed.append(w.controller.highlights_reader.read)
            w.close()

    w.controller.highlightsLoading.connect(close_after_first)
    w.open_path(big)
    qtbot.waitUntil(lambda: bool(closed))
    read = closed[0]
    assert read is not None
    qtbot.waitUntil(lambda: not read.running(), timeout=10000)
    assert w.controller.store is None and not w.controller.highlights_reader.active
    assert [m for m in messages if m[0] in ("error", "bug")] == []
    assert gc.isenabled()  # the collector, paused while the read ran, runs again


def test_the_collector_pauses_for_the_read_and_gets_everything_back_when_the_document_is_left(
        qtbot, window, db_path, tmp_path, small_batches):
    path, made = _book(tmp_path, db_path, "long.txt", every=2)
    w = window
    paused: list[bool] = []
    w.controller.highlightsLoading.connect(lambda done, total: paused.append(not gc.isenabled()) if done < total else None)
    w.open_path(path)
    qtbot.waitUntil(lambda: w.session is not None and w.panel.count() == len(made)
                    and not w.controller.highlights_reader.active, timeout=30000)
    assert paused and all(paused[1:])  # no full pass over the window's objects in the middle of a batch
    assert gc.isenabled() and gc.get_freeze_count() > 0  # what was read is set aside while the book is open
    w.open_path(SAMPLE)
    qtbot.waitUntil(lambda: w.session is not None and w.session.doc.path == SAMPLE)
    assert gc.get_freeze_count() == 0  # ... and collectable again once it is left


def test_a_search_result_opens_its_document_at_a_highlight_still_to_be_read(qtbot, window, db_path, tmp_path,
                                                                           small_batches):
    path, made = _book(tmp_path, db_path, "long.txt", every=2)
    far = made[-7]
    w = window
    w.marks.open_highlight(str(path), far.id)
    qtbot.waitUntil(lambda: w.editor.highlight_id == far.id, timeout=30000)
    assert w.panel.current_id() == far.id
    qtbot.waitUntil(lambda: _painted(w, far.id) == [w.doc.text[far.start:far.end]])
    qtbot.waitUntil(lambda: w.panel.count() == len(made) and not w.controller.highlights_reader.active, timeout=30000)
    assert w.editor.highlight_id == far.id


def test_the_session_takes_batches_without_doubles_or_deleted_ones(db_path, tmp_path):
    """Made or deleted while the read is under way: the batches (read before or after) change neither."""
    path, made = _book(tmp_path, db_path, "long.txt", every=200)
    doc = loaders.load(path)
    with NotesDB(db_path) as store:
        session = Session(store, doc, read_over=5)
        assert session.loading == len(made) and session.highlights == []
        early = store.highlights(session.doc_id)  # a read from before the changes
        new = session.create(doc.text.index("harvest in village 00001"), doc.text.index("harvest in village 00001") + 7)
        gone = made[3]
        session.delete(gone.id)
        late = store.highlights(session.doc_id)  # ... and one from after them
        changes = [session.take_loaded(early[:4]), session.take_loaded(late[2:]), session.take_loaded(early[4:])]
        assert all(c is None or c.loaded for c in changes)
        session.finish_loading([], session.record.anchored_sha or "")
        ids = [h.id for h in session.highlights]
        assert sorted(ids) == sorted({h.id for h in made} - {gone.id} | {new.id})
        assert ids == [h.id for h in store.highlights(session.doc_id)]  # reading order, as stored
        assert session.loading == 0
        assert session.take_loaded(early) is None  # over: nothing more comes in


def test_highlights_made_on_another_text_are_placed_again_off_the_gui_thread(qtbot, window, db_path, tmp_path,
                                                                             small_batches, messages):
    """The file changed since its highlights were made (a paragraph added at the top, one removed further
    down): the read places them again on the new text, the window stores where, and says how many were lost."""
    path, made = _book(tmp_path, db_path, "long.txt", every=2)
    text = path.read_text(encoding="utf-8")
    lost = made[100]  # its paragraph goes
    at = text.index(lost.exact)  # in the file (the document's offsets are its text's)
    para_start = text.rindex("\n\n", 0, at) + 2
    para_end = text.index("\n\n", at) + 2
    path.write_text("A new first paragraph, added since.\n\n" + text[:para_start] + text[para_end:], encoding="utf-8")
    w = window
    w.open_path(path)
    qtbot.waitUntil(lambda: w.session is not None and w.session.doc is w.doc, timeout=30000)
    assert w.session.loading == len(made)
    qtbot.waitUntil(lambda: not w.controller.highlights_reader.active, timeout=30000)
    placed = [h for h in w.session.highlights if not h.orphaned]
    assert len(placed) == len(made) - 1 and [h.id for h in w.session.highlights if h.orphaned] == [lost.id]
    assert all(w.doc.text[h.start:h.end] == h.exact for h in placed)
    assert w.panel.count() == len(made) and len(w.view.highlights) == len(made) - 1
    with NotesDB(db_path) as store:  # stored as placed, and on which text
        stored = {h.id: h for h in store.highlights(w.session.doc_id)}
        rec = store.document_by_fingerprint(w.doc.fingerprint)
    assert all((stored[h.id].start, stored[h.id].end) == (h.start, h.end) for h in placed) and stored[lost.id].orphaned
    from reader.session import text_sha

    assert rec is not None and rec.anchored_sha == text_sha(w.doc.text)
    assert any("1 highlight could not be found" in text for _level, text in messages)


def test_started_with_the_book_its_first_screen_keeps_its_highlights_until_the_read_brings_them(
        qtbot, db_path, tmp_path, small_batches):
    """`reader BOOK`: the first screen is painted with its highlights before the notes file opens
    (notes_db/peek.py); the session then reads the many highlights, and the screen never goes bare."""
    from reader.ui.main_window import MainWindow

    path, made = _book(tmp_path, db_path, "long.txt", every=2)
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    w.resize(1200, 800)
    shown: list[int] = []
    w.controller.sessionReady.connect(lambda _s: shown.append(len(w.view.highlights)))
    w.controller.highlightsLoading.connect(lambda *_a: shown.append(len(w.view.highlights)))
    w.open_path(path)  # as app.run does, before the window is shown
    assert w.controller.store is None and w.view.highlights  # painted from a look at the file
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.session is not None and not w.controller.highlights_reader.active
                    and w.panel.count() == len(made), timeout=30000)
    assert len(shown) > 3 and all(n > 0 for n in shown)  # never bare while they came in
    assert len(w.view.highlights) == len(made)
    assert _painted(w, made[0].id) == ["village 00000"]


def test_a_finding_highlighted_mid_read_over_a_passage_still_to_come_is_not_made_twice(
        qtbot, window, db_path, tmp_path, small_batches):
    """Highlighting a claim from its panel while the notes are read, on a passage highlighted already
    (its batch not in yet): no second highlight; the existing one is shown once it is in."""
    path, made = _book(tmp_path, db_path, "long.txt", every=2)
    far = made[-3]
    w = window
    done_early: list[bool] = []

    def first_batch(done: int, total: int) -> None:
        if done and not done_early:
            done_early.append(w.session.highlight(far.id) is None)
            w.marks.highlight_finding("claim", far.start, far.end, "")

    w.controller.highlightsLoading.connect(first_batch)
    w.open_path(path)
    qtbot.waitUntil(lambda: bool(done_early) and not w.controller.highlights_reader.active, timeout=30000)
    assert done_early == [True]  # it was still to come when the claim was highlighted
    qtbot.waitUntil(lambda: w.editor.highlight_id == far.id)
    assert _rows_in_file(db_path, w.session.doc_id) == len(made) == w.panel.count()
