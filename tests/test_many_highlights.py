"""A book with thousands of highlights: every one is there once it opens, in the
panel and on the text, however far down the book it is."""

from __future__ import annotations

from PySide6.QtCore import Qt

from notes_db.store import NotesDB
from reader import loaders
from reader.session import Session
from reader.ui.highlight_overlay import HIGHLIGHT_ID

PARAGRAPHS = 6000
EVERY = 3  # a highlight on every third paragraph: 2,000


def _book_with_highlights(tmp_path, db_path):
    paras = [f"Paragraph {i:05d} tells of the harvest in village {i:05d}, and of the rain that came after it."
             for i in range(PARAGRAPHS)]
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    doc = loaders.load(path)
    store = NotesDB(db_path)
    session = Session(store, doc)
    items = []
    for i in range(0, PARAGRAPHS, EVERY):
        start = doc.text.index(f"village {i:05d}")
        note = f"rain record {i:05d}" if i % 30 == 0 else ""
        items.append((start, start + len("village 00000"), ["yellow", "green", "blue"][i % 3], note, []))
    made, _used = session.create_many(items, origin="user")
    store.close()
    assert len(made) == PARAGRAPHS // EVERY
    return path


def _painted(w, hid: int) -> list[str]:
    """The words painted as highlight ``hid`` on the reading view's screen."""
    return [s.cursor.selectedText() for s in w.view.extraSelections() if s.format.property(HIGHLIGHT_ID) == hid]


def test_a_highlight_far_down_a_long_book_is_listed_and_painted_when_scrolled_to(qtbot, window, db_path, tmp_path):
    path = _book_with_highlights(tmp_path, db_path)
    w = window
    w.open_path(path)
    qtbot.waitUntil(lambda: w.session is not None and w.session.doc is w.doc and w.panel.count() > 0)
    n = PARAGRAPHS // EVERY
    qtbot.waitUntil(lambda: w.panel.count() == n)
    assert w.panel.title.text() == f"Annotations ({n:,})"
    first, last = w.session.highlights[0], w.session.highlights[-1]
    assert _painted(w, first.id) == ["village 00000"]  # the first screen has its highlights
    # ... and Qt is handed those near the screen only, not all of the book's (laid out before the first frame)
    assert 0 < sum(1 for s in w.view.extraSelections() if s.format.property(HIGHLIGHT_ID) is not None) < n // 4
    assert _painted(w, last.id) == []  # ... and not the last page's
    # Scrolled to the end of the book (Qt lays a long text out as it goes), the last one is painted.
    bar = w.view.verticalScrollBar()

    def at_end() -> bool:
        bar.setValue(bar.maximum())
        return bool(_painted(w, last.id))

    qtbot.waitUntil(at_end, timeout=10000)
    assert _painted(w, last.id) == [f"village {PARAGRAPHS - EVERY:05d}"]
    # Back at the top; a note far down is found by the panel's filter, and a click there jumps to it.
    bar.setValue(0)
    qtbot.waitUntil(lambda: not _painted(w, last.id))
    far = next(h for h in reversed(w.session.highlights) if h.note)
    qtbot.keyClicks(w.panel.filter_text, far.note)
    assert w.panel.count() == 1 and far.note in w.panel.entry_text(0)
    rect = w.panel.list.visualRect(w.panel.proxy.index(0, 0))
    qtbot.mouseClick(w.panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: bool(_painted(w, far.id)))
    assert _painted(w, far.id) == [w.doc.text[far.start:far.end]] and w.view.flashing
    assert w.editor.highlight_id == far.id and w.editor.note.toPlainText() == far.note



def test_the_tag_completer_follows_tags_added_and_dropped_not_every_note(qtbot, open_window, db_path):
    from tests.test_gui import SENTENCE, highlight_passage

    with NotesDB(db_path) as other:  # a tag another document uses stays offered throughout
        rec = other.register_document("f" * 64, "/elsewhere/other.md", "Other", "markdown", 100)
        other.add_highlight(rec.id, 0, 5, "Other", tags=["elsewhere"])
    w = open_window()

    def offered() -> list[str]:
        return w.editor.completer.model().stringList()

    assert offered() == ["elsewhere"]
    highlight_passage(qtbot, w, SENTENCE)
    w.editor.tags.setFocus()
    qtbot.keyClicks(w.editor.tags, "health")
    qtbot.keyClick(w.editor.tags, Qt.Key.Key_Return)
    assert offered() == ["elsewhere", "health"]
    # a note saved, a colour changed: the tags stay as they are
    w.editor.note.setFocus()
    qtbot.keyClicks(w.editor.note, "checked against the report")
    qtbot.keyClick(w.editor.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert w.session.highlights[0].note == "checked against the report" and offered() == ["elsewhere", "health"]
    # the last use of a tag dropped: no longer offered (one still used elsewhere is)
    w.editor.tags.clear()
    qtbot.keyClick(w.editor.tags, Qt.Key.Key_Return)
    assert w.session.highlights[0].tags == [] and offered() == ["elsewhere"]
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undone: back again
    assert w.session.highlights[0].tags == ["health"] and offered() == ["elsewhere", "health"]


def test_background_work_runs_below_the_window(qtbot):
    """The claims analysis (a child process, and the helper it forks for a long book) runs at a
    lower priority than the window: pressing 1 or saving a note while it runs gets a core."""
    import os

    from reader import workers
    from reader.ui.tasks import ProcessTask

    task = ProcessTask("os:nice", (0,), name="niceness")  # os.nice(0): the child's own niceness
    with qtbot.waitSignal(task.succeeded, timeout=30000) as got:
        task.start()
    assert got.args[0] == min(19, os.nice(0) + workers.NICENESS)


def test_the_group_tab_lists_highlights_made_while_another_tab_was_shown(qtbot, open_window):
    from tests.test_gui import SENTENCE, highlight_passage

    w = open_window()
    qtbot.waitUntil(lambda: w.panels.built)
    panel = w.panels.sync.panel

    def listed() -> list[str]:
        return [panel.model.data(panel.model.index(i)) for i in range(panel.model.rowCount())]

    highlight_passage(qtbot, w, SENTENCE)  # the Notes tab is in front
    assert w.tabs.currentIndex() == 0
    w.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: len(listed()) == 1)
    assert listed()[0].startswith("you: “Nearly 400 Party members")
    w.tabs.setCurrentIndex(0)
    start = w.doc.text.index("Working Hard")
    w.session.create(start, start + len("Working Hard"), "green")
    w.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: len(listed()) == 2)
    assert any("Working Hard" in line for line in listed())
