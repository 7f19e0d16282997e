"""One notion of progress: a short document that fits on one screen showed 100% in the status bar
and 0% in the Library; now both say how far the person has read, the end once it is on screen."""

from __future__ import annotations

from PySide6.QtCore import Qt

PROGRESS_COLUMN = 7


def _library_progress(qtbot, w, title: str) -> str:
    w.show_library()
    lib = w.library_window
    model = lib.model
    qtbot.waitUntil(lambda: any(model.data(model.index(r, 0)) == title for r in range(model.rowCount())),
                    timeout=10000)
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0)) == title)
    assert model.headerData(PROGRESS_COLUMN, Qt.Orientation.Horizontal) == "Progress"
    return str(model.data(model.index(row, PROGRESS_COLUMN)))


def test_a_short_text_on_one_screen_is_read_to_its_end_in_the_status_bar_and_the_library(qtbot, open_window, tmp_path):
    short = tmp_path / "short.md"
    short.write_text("# A short note\n\nIt fits on one screen, all of it.\n", encoding="utf-8")
    w = open_window(short)
    qtbot.waitUntil(lambda: w.progress_label.text() == "100% · A short note", timeout=5000)
    assert _library_progress(qtbot, w, "A short note") == "100%"


def test_a_long_text_shows_the_same_progress_in_both_places(qtbot, open_window):
    w = open_window()  # the sample article: several screens
    bar = w.view.verticalScrollBar()
    # laid out whole first (its scroll range final: a loaded machine scrolled to an end still growing)
    qtbot.waitUntil(lambda: w.view._laid_out() and bar.maximum() > 0 and w.view.whole_end_shown() is False,
                    timeout=20000)
    bar.setValue(bar.maximum() // 2)
    qtbot.waitUntil(lambda: 0 < w.controller.session.record.position < len(w.doc.text), timeout=5000)
    shown = w.progress_label.text().split("%")[0]
    assert 0 < int(shown) < 100
    assert _library_progress(qtbot, w, w.doc.title) == f"{shown}%"
    bar.setValue(bar.maximum())  # the end on screen: read to the end, in both places
    qtbot.waitUntil(lambda: w.controller.session.record.position == len(w.doc.text), timeout=20000)
    assert w.progress_label.text().startswith("100%")
    w.library_window.close()
    assert _library_progress(qtbot, w, w.doc.title) == "100%"


def test_going_back_to_the_start_of_a_text_read_to_its_end_leaves_the_library_at_100(qtbot, open_window):
    """The Library says how far the person read, not where they are now: read to the end, scrolled back to
    the top, it still says 100% (it said 0%). The place saved is the top, so the text opens there again."""
    w = open_window()  # the sample article: several screens
    bar = w.view.verticalScrollBar()
    # laid out whole first (its scroll range final: a loaded machine scrolled to an end still growing)
    qtbot.waitUntil(lambda: w.view._laid_out() and bar.maximum() > 0 and w.view.whole_end_shown() is False,
                    timeout=20000)
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: w.controller.session.record.position == len(w.doc.text), timeout=20000)
    bar.setValue(0)
    qtbot.waitUntil(lambda: w.controller.session.record.position == 0, timeout=5000)
    assert w.progress_label.text().startswith("0%")  # the status bar: where the person is now
    assert _library_progress(qtbot, w, w.doc.title) == "100%"
    header = w.library_window.model.headerData(PROGRESS_COLUMN, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "furthest" in header, header  # what the column shows, where the person looks for it
    # the place saved is the top: another window opening the text starts there
    assert w.controller.store.document(w.controller.session.doc_id).position == 0


def test_a_schema_17_file_starts_with_its_places_as_the_furthest_read(db_path):
    """A notes file of schema 17 knew only the last place: that is how far its documents were read, and a
    place saved afterwards before it does not lower it."""
    import sqlite_utils

    from notes_db.library import library
    from notes_db.store import APPLICATION_ID, SCHEMA_VERSION, NotesDB, migrations

    db_path.parent.mkdir(parents=True, exist_ok=True)
    old = sqlite_utils.Database(db_path)
    migrations.apply(old, stop_before="m018_furthest_read")  # the file as schema 17 left it
    old.execute("PRAGMA user_version = 17")
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for fp, title, position in (("fp-a", "Half read", 500), ("fp-b", "Never read", 0)):
        old.execute("INSERT INTO documents (fingerprint, path, title, kind, chars, pages, position, created, opened) "
                    "VALUES (?, ?, ?, 'markdown', 1000, 0, ?, 'x', 'x')", [fp, f"/docs/{fp}.md", title, position])
    old.conn.commit()
    old.close()
    with NotesDB(db_path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        progress = {e.title: e.progress for e in library(store)}
        assert progress == {"Half read": 0.5, "Never read": 0.0}
        ids = {e.title: e.id for e in library(store)}
        store.set_position(ids["Half read"], 100)  # back near the start
        store.set_position(ids["Never read"], 250)
        store.set_position(ids["Never read"], 0)
        progress = {e.title: e.progress for e in library(store)}
        assert progress == {"Half read": 0.5, "Never read": 0.25}
        assert store.document(ids["Half read"]).position == 100


def test_a_short_page_that_comes_to_fit_after_it_is_shown_is_read_to_its_end(qtbot, open_window, tmp_path):
    """Tryout s13: a 211-word news page shown whole said 0% in the Library. Its first screen came before the
    window had its final size (no window manager), when it did not fit; once it fits, it has been read."""
    page = tmp_path / "page.md"
    page.write_text("# A page\n\n" + "\n\n".join(f"Paragraph {k} of a short news page, read whole." for k in range(12))
                    + "\n", encoding="utf-8")
    w = open_window()
    w.resize(900, 260)  # too short for the page
    w.open_path(page)
    qtbot.waitUntil(lambda: w.session is not None and w.session.doc is w.doc and w.doc.title == "A page")
    bar = w.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=5000)
    qtbot.wait(50)
    assert w.controller.session.record.position < len(w.doc.text)  # not all of it on screen yet
    w.resize(900, 1000)  # now it all fits
    qtbot.waitUntil(lambda: bar.maximum() <= 0, timeout=5000)
    qtbot.waitUntil(lambda: w.controller.session.record.position == len(w.doc.text), timeout=20000)
    assert _library_progress(qtbot, w, "A page") == "100%"


def test_a_page_whose_last_line_shows_but_not_its_bottom_margin_is_read_to_its_end(qtbot, open_window, tmp_path):
    """Tryout 13 (twice): a 211-word news page shown whole down to its last line said 0% in the status bar and the
    Library; its scroll range was the few pixels of the page's bottom margin."""
    body = "\n\n".join(f"Paragraph {k} of a short news page, read whole." for k in range(12)) + "\n"
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text("# A page\n\n" + body, encoding="utf-8")
    second.write_text("# B page\n\n" + body, encoding="utf-8")  # as tall
    w = open_window(first)
    w.resize(900, 1000)
    bar = w.view.verticalScrollBar()
    qtbot.waitUntil(lambda: w.view._laid_out() and bar.maximum() <= 0, timeout=5000)
    margin = int(w.view.document().documentMargin())
    height = int(w.view.document().size().height())
    w.resize(900, w.height() - (w.view.viewport().height() - height) - margin // 2)  # half the margin cut off
    w.open_path(second)
    qtbot.waitUntil(lambda: w.session is not None and w.session.doc is w.doc and w.doc.title == "B page")
    qtbot.waitUntil(lambda: w.view._laid_out() and 0 < bar.maximum() <= margin, timeout=5000)
    assert bar.value() == 0
    qtbot.waitUntil(lambda: w.progress_label.text().startswith("100%"), timeout=5000)
    qtbot.waitUntil(lambda: w.controller.session.record.position == len(w.doc.text), timeout=5000)
    assert _library_progress(qtbot, w, "B page") == "100%"
