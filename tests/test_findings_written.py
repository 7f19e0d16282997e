"""A document's claims and quotes reach the notes file off the GUI thread once its analysis is ready
(reader/ui/findings_writer.py: War and Peace's took 0.26-0.43 s on it), the views that show them read them when
they are written, and quitting while they are being written loses nothing."""

from __future__ import annotations

import threading

import notes_db.reviews
from notes_db import NotesDB
from notes_db.reviews import speaker_quotes
from reader.speaker_labels import NON_PEOPLE
from tests.gui_helpers import shown_window


def _findings(db_path, doc_id: int) -> list[tuple[str, str]]:
    with NotesDB(db_path) as store:
        return [(r["kind"], r["text"]) for r in store.read_rows(
            "SELECT kind, text FROM findings WHERE doc_id = ? ORDER BY id", [doc_id])]


def _writers(monkeypatch, pause: threading.Event | None = None):
    """record_findings wrapped: the threads that wrote (and, with ``pause``, each write held until it is set)."""
    real = notes_db.reviews.record_findings
    threads: list[int] = []
    entered, finished = threading.Event(), threading.Event()

    def recorded(*args, **kwargs):
        threads.append(threading.get_ident())
        entered.set()
        if pause is not None:
            pause.wait(10)
        real(*args, **kwargs)
        finished.set()

    monkeypatch.setattr(notes_db.reviews, "record_findings", recorded)
    return threads, entered, finished


def test_the_findings_are_written_off_the_gui_thread_and_the_speakers_window_reads_them(
        qtbot, open_window, db_path, monkeypatch):
    from reader.ui import library_actions

    threads, _entered, finished = _writers(monkeypatch)
    w = open_window()
    library_actions.show_speakers(w)  # open before the findings are written: it lists them once they are
    speakers = library_actions._window(w, "speakers")
    with qtbot.waitSignal(w.controller.analyser.findings.remembered, timeout=60000):
        pass
    assert finished.is_set() and threads and threading.get_ident() not in threads  # written, not by the window
    from reader.ui.tasks import Task

    # the write's task goes once done (review s13: each kept the whole analysis for the session)
    qtbot.waitUntil(lambda: not w.controller.analyser.findings.findChildren(Task))
    result = w.controller.analysis
    people = sorted({str(q.extra.get("group")) for q in result.quotes if q.speaker} - set(NON_PEOPLE))
    assert people
    kinds = [k for k, _t in _findings(db_path, w.session.doc_id)]
    assert kinds.count("claim") == len(result.claims) and kinds.count("quote") == len(result.quotes)
    with NotesDB(db_path) as store:
        assert speaker_quotes(store, people[0])  # the library knows who said what

    def listed() -> set[str]:
        m = speakers.people_model
        return {m.item(i).text() for i in range(m.rowCount())}

    qtbot.waitUntil(lambda: any(p in " ".join(listed()) for p in people))  # read again, not left empty


def test_quitting_while_the_findings_are_written_waits_and_keeps_every_note(qtbot, db_path, monkeypatch):
    from tests.conftest import SAMPLE

    pause = threading.Event()
    _threads, entered, finished = _writers(monkeypatch, pause)
    w = shown_window(qtbot, db_path)
    w.open_path(SAMPLE)
    qtbot.waitUntil(lambda: w.session is not None and w.session.doc is w.doc)
    text = w.doc.text
    made = []
    for word in ("the", "and", "of"):
        start = text.index(f" {word} ") + 1
        made.append(w.controller.create_highlight(start, start + len(word), "yellow", f"a note on {word}", ["kept"]))
    doc_id = w.session.doc_id
    qtbot.waitUntil(entered.is_set, timeout=60000)  # the findings' transaction is under way ...
    assert not finished.is_set()
    writer = w.controller.analyser.findings
    real_shutdown = writer.shutdown
    held: list[bool] = []

    def shutdown() -> None:  # quitting reaches the writer while its write is still held: then it goes on
        held.append(not finished.is_set())
        pause.set()
        real_shutdown()

    monkeypatch.setattr(writer, "shutdown", shutdown)
    w.close()  # quit now: the window waits for it
    assert held == [True] and finished.is_set()
    with NotesDB(db_path) as store:  # the file opens, whole, with every note and the findings
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kept = store.highlights(doc_id)
        assert sorted((h.start, h.note, h.tags) for h in kept) == sorted((h.start, h.note, h.tags) for h in made)
    assert any(k == "quote" for k, _t in _findings(db_path, doc_id))


def test_a_correction_made_while_the_rows_wait_to_be_written_is_in_them(db_path):
    """The rows are made when the analysis ends and written a moment later, on another connection: a quote
    corrected (or a correction undone) in between is written as the notes file then holds it, not as it was."""
    from notes_db.reviews import record_findings
    from reader.analysis import Analysis, Quote
    from reader.claims_library import findings_rows, remember_rows
    from reader.quote_fixes import apply_stored, correct, row

    def quote(text: str, start: int, speaker: str, group: str) -> Quote:
        q = Quote(text, speaker, "said", "direct", start, start + len(text), text)
        q.extra["group"] = group
        return q

    result = Analysis(quotes=[quote("the plan works", 0, "he", "India"), quote("we will see", 30, "she", "Ana Ruiz"),
                              quote("not so fast", 60, "they", "Officials")])
    with NotesDB(db_path) as store:
        doc = store.register_document("fp", "/a.txt", "A", "text", 100).id
        record_findings(store, doc, [], [row(q) for q in result.quotes])
        assert correct(store, doc, result, result.quotes[2], dismissed=True)  # corrected before the analysis ended
        claims, quotes = findings_rows(result)  # the analysis ends: its rows made ...
        assert correct(store, doc, result, result.quotes[0], speaker="Ban Ki-moon")  # ... a correction meanwhile
        assert correct(store, doc, result, result.quotes[2], undo=True)  # ... and one taken back
        remember_rows(store, doc, claims, quotes)  # ... then written
        rows = {r["start"]: (r["speaker"], r["speaker_group"]) for r in store.read_rows(
            "SELECT start, speaker, speaker_group FROM findings WHERE doc_id = ?", [doc])}
        assert rows == {0: ("he", "Ban Ki-moon"), 30: ("she", "Ana Ruiz"), 60: ("they", "Officials")}
        apply_stored(store, doc, result)
        assert rows == {q.start: (q.speaker, q.extra["group"]) for q in result.quotes}  # as the panel lists them


def test_another_programs_write_while_the_findings_are_written_is_counted(qtbot, open_window, db_path, monkeypatch):
    """Review s13 D7: while the window's findings write was under way, every change the window saw was taken
    for its own, so a real write by another program then (here `reader highlight`) made no backup due. Only a
    change that may be the writer's own commit is taken for it now: one seen after its transaction, while its
    thread still works, is another program's. The window's own write alone still makes none due."""
    from tests.test_external_changes import reader

    real = notes_db.reviews.reviewed_elsewhere
    after_commit, go_on = threading.Event(), threading.Event()

    def held(*args, **kwargs):  # the writer's thread, its transaction committed, still at work
        after_commit.set()
        go_on.wait(60)
        return real(*args, **kwargs)

    monkeypatch.setattr(notes_db.reviews, "reviewed_elsewhere", held)
    w = open_window()
    external, findings = w.controller.external, w.controller.analyser.findings
    try:
        qtbot.waitUntil(after_commit.is_set, timeout=60000)
        assert findings.writing
        qtbot.waitUntil(lambda: not external.take())  # the window's own commit seen (it is done: after_commit)
        assert not external.others_wrote  # its own write: no backup due for it
        reader("highlight", str(w.doc.path), "--text", "Song Tao", "--occurrence", "1", db=db_path)
        qtbot.waitUntil(lambda: len(w.session.highlights) == 1, timeout=10000)  # (the window looks each second)
        assert findings.writing
        assert external.others_wrote  # another program wrote: a backup is due
    finally:
        go_on.set()
    with qtbot.waitSignal(findings.remembered, timeout=20000):
        pass
    assert external.others_wrote
