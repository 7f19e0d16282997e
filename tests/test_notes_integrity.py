"""The notes file survives other code in the window's process closing a descriptor of it.

The damaged file of brief s5/integrity: a file dialog showing the notes file's
folder (File > Open, File > Export…) made Qt read and close ``notes.sqlite``,
``-wal`` and ``-shm`` in the window's process, which drops every POSIX lock the
process holds on them. The next ``reader`` command to finish then thought it was
alone: it deleted the -wal and -shm the window was still writing to, the
window's later notes went into a deleted file and its final checkpoint wrote a
diverging history over what the commands had added (lost highlights, pages
referenced twice, "UNIQUE constraint failed: sync_rows.kind, sync_rows.local_id").
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from notes_db.store import NotesDB
from tests.conftest import SAMPLE
from tests.gui_helpers import select_text, shown_window, visible_message_box

_WRITER = """
import sys
from notes_db.store import NotesDB
s = NotesDB(sys.argv[1])
doc = s.register_document('f' * 64, '/elsewhere/article.txt', 'Article', 'text', 5000)
for i in range(int(sys.argv[2])):
    s.add_highlight(doc.id, i, i + 5, 'from a script', note=f'script {i}', tags=['cli'])
s.close()
"""


def _script_writes(db: Path, n: int) -> None:
    subprocess.run([sys.executable, "-c", _WRITER, str(db), str(n)], check=True, timeout=120)


def _reader(*args: str, db: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "reader", *args, "--db", str(db)], capture_output=True, text=True,
                       timeout=180)
    assert r.returncode == 0, r.stderr


def _look_at_folder_like_a_file_dialog(folder: Path) -> None:
    """What Qt's and GTK's file dialogs do to pick icons: read the first bytes of each file, close it."""
    for f in sorted(folder.iterdir()):
        if f.is_file():
            with f.open("rb") as fh:
                fh.read(64)


def _sound(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return [r[0] for r in con.execute("PRAGMA integrity_check")]
    finally:
        con.close()


def _notes(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return sorted(r[0] for r in con.execute("SELECT note FROM highlights"))
    finally:
        con.close()


def test_a_closed_descriptor_in_the_window_process_does_not_let_others_take_the_file(db_path):
    _script_writes(db_path, 1)
    window = NotesDB(db_path)
    doc = window.register_document("a" * 64, "/elsewhere/window.txt", "Window", "text", 5000)
    window.add_highlight(doc.id, 0, 5, "before", note="window before")
    _look_at_folder_like_a_file_dialog(db_path.parent)
    _script_writes(db_path, 5)  # finishes last: must not delete the -wal the window writes to
    assert db_path.with_name(db_path.name + "-wal").exists()
    for i in range(30):
        window.add_highlight(doc.id, 10 + i, 20 + i, "after", note=f"window {i}")
    _script_writes(db_path, 40)
    window.add_highlight(doc.id, 100, 110, "late", note="window late")
    window.close()
    assert _sound(db_path) == ["ok"]
    notes = _notes(db_path)
    assert notes.count("script 0") == 3  # one from each script: none lost
    assert len([n for n in notes if n.startswith("script ")]) == 1 + 5 + 40
    assert "window before" in notes and "window late" in notes
    assert len([n for n in notes if n.startswith("window ") and n[7:].isdigit()]) == 30


def test_window_keeps_its_notes_after_a_file_dialog_in_the_notes_folder(qtbot, open_window, db_path, tmp_path):
    """A person opens a file dialog in the folder of the notes file while `reader` writes from a terminal."""
    doc = db_path.parent / "article.md"
    doc.write_bytes(SAMPLE.read_bytes())
    w = open_window(doc)
    dialog = QFileDialog(w, "Open", str(db_path.parent))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(500)  # the dialog lists the folder and reads each file to pick its icon
    dialog.close()
    _reader("highlight", str(doc), "--text", "Song Tao", "--note", "from the terminal", db=db_path)
    at = w.doc.text.index("Minister")
    select_text(qtbot, w.view, at, at + len("Minister"))
    qtbot.keyClick(w.view, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: any(h.exact == "Minister" for h in w.session.highlights))
    _reader("highlight", str(doc), "--text", "Song Tao", "--note", "terminal again", db=db_path)
    qtbot.waitUntil(lambda: sum(h.note.startswith("terminal") or h.note.startswith("from the")
                                for h in w.session.highlights) == 2, timeout=5000)
    w.close()
    qtbot.waitUntil(lambda: w.controller.store is None, timeout=5000)
    assert _sound(db_path) == ["ok"]
    notes = _notes(db_path)
    assert "from the terminal" in notes and "terminal again" in notes
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("SELECT count(*) FROM highlights WHERE exact = 'Minister'").fetchone()[0] == 1
    finally:
        con.close()


# -- one refused write does not stop the next ---------------------------------------------------


def test_a_stale_sync_row_does_not_refuse_every_later_highlight(qtbot, open_window, db_path):
    """A row of sync_rows naming the id the next highlight gets (its delete unseen: a file written
    outside Reader) made every highlight fail with "UNIQUE constraint failed: sync_rows.kind,
    sync_rows.local_id"; the new highlight retires it instead."""
    w = open_window()
    at = w.doc.text.index("Minister")
    select_text(qtbot, w.view, at, at + len("Minister"))
    qtbot.keyClick(w.view, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: len(w.session.highlights) == 1)
    first = w.session.highlights[0].id
    con = sqlite3.connect(db_path)
    con.execute("INSERT INTO sync_rows(kind, local_id, gid, stamps) VALUES ('highlight', ?, 'left-over', '{}')",
                [first + 1])
    con.commit()
    con.close()
    for word in ("Central", "Committee"):
        at = w.doc.text.index(word)
        select_text(qtbot, w.view, at, at + len(word))
        qtbot.keyClick(w.view, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: len(w.session.highlights) == 3)
    assert "not saved" not in w.banner.text() and "could not" not in w.banner.text()
    w.close()
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("SELECT local_id, deleted FROM sync_rows WHERE gid = 'left-over'").fetchone() == (None, 1)
        assert con.execute("SELECT count(*) FROM highlights").fetchone()[0] == 3
    finally:
        con.close()


def test_a_write_the_file_refuses_is_reported_and_the_next_one_is_saved(db_path):
    from notes_db import StorageError

    store = NotesDB(db_path)
    doc = store.register_document("a" * 64, "/elsewhere/a.txt", "A", "text", 100)
    h = store.add_highlight(doc.id, 0, 5, "first")
    try:
        store.add_highlight(doc.id, 0, 5, "the same id again", highlight_id=h.id)
    except StorageError as exc:
        message = str(exc)
    else:
        raise AssertionError("a second highlight with the same id was stored")
    assert message.startswith("That change was not saved") and "\n" not in message
    store.add_highlight(doc.id, 6, 9, "next", note="saved after the refusal")
    assert [x.exact for x in store.highlights(doc.id)] == ["first", "next"]
    store.close()


# -- a damaged file found while reading: the window says so and offers the backup ----------------


def _damage_table(db: Path, table: str) -> None:
    """Overwrite the first page of ``table`` with garbage, as lost writes leave it (the file still opens)."""
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    con.execute("PRAGMA journal_mode = delete")
    con.close()
    with db.open("r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(bytes([13, 0, 0, 0, 9]) + b"\xa5" * (page_size - 5))


def test_a_damaged_file_found_when_a_document_opens_offers_the_latest_sound_backup(qtbot, open_window, db_path,
                                                                                   tmp_path):
    from notes_db.backup import backup
    from reader.loaders import load
    from reader.session import Session

    doc = tmp_path / "article.md"
    doc.write_bytes(SAMPLE.read_bytes())
    with NotesDB(db_path) as store:
        s = Session(store, load(doc))
        for passage in ("Song Tao", "Working Hard"):
            i = s.doc.text.index(passage)
            s.create(i, i + len(passage), note=f"about {passage}")
    saved = backup(db_path)
    broken = backup(db_path, saved.with_name("notes-by-hand.sqlite"))  # a newer backup, itself damaged
    _damage_table(broken, "documents")
    os.utime(broken, (saved.stat().st_mtime + 60, saved.stat().st_mtime + 60))
    with NotesDB(db_path) as store:
        s = Session(store, load(doc))
        i = s.doc.text.index("Minister")
        s.create(i, i + len("Minister"), note="made after the backup")
    _damage_table(db_path, "highlights")

    w = shown_window(qtbot, db_path)
    w.open_path(doc)
    qtbot.waitUntil(lambda: visible_message_box() is not None, timeout=10000)
    box = visible_message_box()
    assert box.windowTitle() == "Notes file damaged"
    info = box.informativeText()
    assert "latest backup" in info and "It holds 2 highlights" in info and "About 1 highlight" in info
    restore = next(b for b in box.buttons() if b.text() == "Restore Latest Backup")
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.session is not None and len(w.session.highlights) == 2, timeout=10000)
    assert sorted(h.note for h in w.session.highlights) == ["about Song Tao", "about Working Hard"]
    assert "restored" in w.banner.text().lower() and saved.name in w.banner.text()
    assert [p for p in db_path.parent.iterdir() if "before-restore" in p.name and p.suffix == ".sqlite"]
    w.close()


# -- a backup when a window closes after notes changed ------------------------------------------


def test_closing_a_window_after_notes_changed_leaves_a_backup_in_rotation(qtbot, open_window, db_path, monkeypatch):
    from notes_db.backup import KEEP_SESSION, list_backups

    monkeypatch.delenv("READER_NO_SESSION_BACKUP")
    folder = db_path.parent / "backups"

    def session_backups() -> list[Path]:
        return sorted(folder.glob("notes-session-*.sqlite")) if folder.is_dir() else []

    w = open_window()
    w.close()  # nothing changed: no backup
    qtbot.wait(300)
    assert session_backups() == []
    for k in range(KEEP_SESSION + 1):
        w = open_window()
        word = ["Minister", "Central", "Committee", "China", "Song", "Tao", "Working"][k]
        at = w.doc.text.index(word)
        select_text(qtbot, w.view, at, at + len(word))
        qtbot.keyClick(w.view, Qt.Key.Key_1)
        qtbot.waitUntil(lambda w=w, k=k: len(w.session.highlights) == k + 1)
        before = session_backups()
        w.close()
        qtbot.waitUntil(lambda before=before: session_backups() != before and not list(folder.glob("*.part")),
                        timeout=20000)
        newest = max(session_backups(), key=lambda p: p.stat().st_mtime)
        con = sqlite3.connect(newest)
        try:
            assert con.execute("SELECT count(*) FROM highlights").fetchone()[0] == k + 1
        finally:
            con.close()
        qtbot.wait(1100)  # backups are named by the second
    qtbot.waitUntil(lambda: len(session_backups()) == KEEP_SESSION)  # the oldest went (once the last backup is done)
    assert list_backups(db_path)[0] in session_backups()


# -- a notes file from an earlier build ---------------------------------------------------------

OLD_FILES = ["notes-v7-anchored-text-then-sync-author.sqlite.gz", "notes-v7-anchored-text-then-sync-claims.sqlite.gz"]


def test_a_file_from_builds_that_named_migrations_differently_is_brought_up_to_date(db_path):
    """user_version 7 files made by 8de8284 (m006_anchored_text) and then opened by fefeefe or 5c9575c
    (m006_sync, m007_document_author or m007_claims_across_the_library): opening them said
    "duplicate column name: anchored_sha". Built by scripts/old_notes_files.py."""
    import gzip

    from notes_db.store import SCHEMA_VERSION

    for name in OLD_FILES:
        db_path.write_bytes(gzip.decompress((Path(__file__).parent / "data" / name).read_bytes()))
        con = sqlite3.connect(db_path)
        assert con.execute("PRAGMA user_version").fetchone()[0] == 7
        con.close()
        with NotesDB(db_path) as store:
            assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
            (old,) = [h for h in store.highlights(1) if h.note]
            assert (old.exact, old.note, old.tags) == ("twenty chars of text", "an old note", ["kept", "old"])
            assert store.claim_reviews(1)["k1"].status == "disputed"
            assert [h.note for h in store.highlights(2)] == ["made by the second build"]
            assert [h.note for h in store.search_simple("old note")] == ["an old note"]
            h = store.add_highlight(1, 70, 80, "a new one", note="after the upgrade")
            store.update_highlight(h.id, note="edited")
            assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db_path.unlink()


def test_a_file_whose_migrations_cannot_run_is_refused_in_one_sentence_and_left_unchanged(db_path):
    from notes_db import StorageError

    con = sqlite3.connect(db_path)
    con.execute("CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, migration_set TEXT, name TEXT, "
                "applied_at TEXT)")
    con.execute("INSERT INTO _sqlite_migrations (migration_set, name) VALUES ('reader.notes', 'm001_initial')")
    con.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, fingerprint TEXT)")  # not what m001 made
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    def contents() -> list[str]:
        c = sqlite3.connect(db_path)
        try:
            return list(c.iterdump())
        finally:
            c.close()

    before = contents()
    try:
        NotesDB(db_path)
    except StorageError as exc:
        message = str(exc)
    else:
        raise AssertionError("a file that cannot be migrated was opened")
    assert "earlier test build" in message and "not changed" in message and "\n" not in message
    assert contents() == before  # every table and row as it was (only its journal is WAL now)


def test_a_damaged_file_is_found_at_start_even_where_the_open_document_does_not_look(qtbot, db_path, tmp_path):
    """The day's first backup checks its copy: damage in notes of other documents shows at start too."""
    with NotesDB(db_path) as store:
        doc = store.register_document("e" * 64, "/elsewhere/other.txt", "Other", "text", 5000)
        for i in range(300):
            store.add_highlight(doc.id, i, i + 5, "other words " * 5, note=f"note {i} " * 10)
    _damage_table(db_path, "highlights")
    w = shown_window(qtbot, db_path)
    w.open_path(SAMPLE)
    qtbot.waitUntil(lambda: visible_message_box() is not None, timeout=15000)
    assert visible_message_box().windowTitle() == "Notes file damaged"
    assert w.session is not None  # the sample's own notes were read: the backup's check found the damage
    assert "no sound backup" in visible_message_box().informativeText()
    assert not [p for p in (db_path.parent / "backups").glob("*.sqlite")]  # the damaged copy was not kept
    w.close()
