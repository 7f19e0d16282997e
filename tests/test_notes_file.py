"""The notes file under attack: two writers, another program's database, a read-only
file, a missing folder, kill -9, backups, restore and checks. Real files, real processes."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from benchmarks import killtest, two_writers
from notes_db import DamagedError, MissingFolderError, NotesDB, NotReaderFileError, StorageError
from notes_db.backup import backup, backups_dir, check, daily_backup, latest_backup, list_backups, restore
from notes_db.store import APPLICATION_ID, SCHEMA_VERSION
from tests.conftest import SAMPLE


def _notes(db_path: Path, n: int = 2) -> list[int]:
    with NotesDB(db_path) as s:
        d = s.register_document("fp", "/docs/a.md", "A", "markdown", 1000)
        return [s.add_highlight(d.id, i * 10, i * 10 + 5, f"passage {i}", note=f"note {i}").id for i in range(n)]


def _sidecars(db_path: Path) -> list[str]:
    return sorted(p.name for p in db_path.parent.iterdir() if p.name.startswith(db_path.name + "-"))


def test_two_processes_writing_at_once_never_fail(tmp_path):
    db = tmp_path / "shared.sqlite"  # both start on a file that does not exist yet
    saved, failed, total = two_writers.run_writers(db, 60)
    assert (saved, failed, total) == (120, 0, 120)


def test_the_window_and_the_cli_write_one_file_together(qtbot, db_path, tmp_path):
    from reader.ui.main_window import MainWindow

    doc = tmp_path / "article.md"
    shutil.copyfile(SAMPLE, doc)
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    w.show()
    w.open_path(doc)
    qtbot.waitUntil(lambda: w.session is not None and w.session.doc is w.doc)
    passage = "Song Tao"
    s = w.doc.text.index(passage)
    from tests.gui_helpers import select_text

    select_text(qtbot, w.view, s, s + len(passage))
    qtbot.keyClick(w.view, "1")
    assert [h.exact for h in w.session.highlights] == [passage]
    # Searching opens a second connection in the window's process (a tryout lost notes after this)
    qtbot.keyClicks(w.menus.search_field, "Song")
    qtbot.waitUntil(lambda: len(w.panels.search.hits) == 1 and not w.panels.search.busy, timeout=10000)
    r = subprocess.run([sys.executable, "-m", "reader", "notes", str(doc), "--db", str(db_path)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and passage in r.stdout, r.stderr
    r = subprocess.run([sys.executable, "-m", "reader", "highlight", str(doc), "--text", "Working Hard",
                        "--db", str(db_path)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    t = w.doc.text.index("Party members")
    select_text(qtbot, w.view, t, t + len("Party members"))
    qtbot.keyClick(w.view, "2")
    assert "Party members" in [h.exact for h in w.session.highlights]
    r = subprocess.run([sys.executable, "-m", "reader", "notes", str(doc), "--db", str(db_path)],
                       capture_output=True, text=True, timeout=120)  # seen by another process at once
    assert r.returncode == 0 and all(p in r.stdout for p in (passage, "Working Hard", "Party members")), r.stdout
    w.close()
    with NotesDB(db_path) as store:
        rec = store.document_by_path(str(doc))
        assert rec is not None
        assert sorted(h.exact for h in store.highlights(rec.id)) == sorted([passage, "Working Hard", "Party members"])


def test_a_second_connection_in_one_process_keeps_the_first_ones_locks(db_path):
    """On POSIX, closing any descriptor of a file drops every lock the process holds on it.
    Opening the notes file a second time (a thread's connection) must not do that, or the
    next process to close the file deletes the -wal the first connection still writes to."""
    first = NotesDB(db_path)
    doc = first.register_document("fp", "/docs/a.md", "A", "markdown", 1000)
    first.add_highlight(doc.id, 0, 5, "first")
    with NotesDB(db_path):
        pass
    other = "import sys; from notes_db import NotesDB; NotesDB(sys.argv[1]).close()"
    subprocess.run([sys.executable, "-c", other, str(db_path)], check=True, timeout=60)
    first.add_highlight(doc.id, 10, 16, "second")
    count = "import sys, sqlite3; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM highlights').fetchone()[0])"
    seen = subprocess.run([sys.executable, "-c", count, str(db_path)], capture_output=True, text=True, check=True,
                          timeout=60)
    first.close()
    assert seen.stdout.strip() == "2"
    with NotesDB(db_path) as s:
        assert sorted(h.exact for h in s.highlights(doc.id)) == ["first", "second"]
        assert s.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_reader_marks_its_files_and_refuses_others_untouched(tmp_path, db_path):
    _notes(db_path)
    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    con.close()

    foreign = tmp_path / "bookmarks.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE bookmarks (id INTEGER PRIMARY KEY, url TEXT)")
    con.execute("INSERT INTO bookmarks(url) VALUES ('https://example.org')")
    con.commit()
    con.close()
    before = foreign.read_bytes()
    with pytest.raises(NotReaderFileError, match="not a Reader notes file"):
        NotesDB(foreign)
    assert foreign.read_bytes() == before and _sidecars(foreign) == []

    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).close()  # an empty database (no tables) becomes a notes file
    with NotesDB(empty) as s:
        assert s.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_a_notes_file_from_before_the_mark_is_recognised_and_marked(db_path):
    import sqlite_utils

    from notes_db.store import migrations

    old = sqlite_utils.Database(db_path)
    migrations.apply(old, stop_before="m002_claim_reviews")  # a file from the first release: no application_id
    old.execute("PRAGMA user_version = 1")
    old.conn.commit()
    old.close()
    with NotesDB(db_path) as s:
        assert s.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert s.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_read_only_file_is_read_in_full_and_left_as_it_was(db_path, read_only):
    ids = _notes(db_path, 2)
    read_only(db_path)
    before = db_path.read_bytes()
    with NotesDB(db_path) as s:
        assert s.read_only
        d = s.register_document("fp", "/docs/a.md", "A", "markdown", 1000)  # opening a document writes nothing
        assert [h.id for h in s.highlights(d.id)] == ids
        s.set_anchors([(ids[0], 3, 8, 0)])  # re-anchoring is kept in memory only
        assert s.highlight(ids[0]).start == 3
        s.set_position(d.id, 500)
        with pytest.raises(StorageError, match="read-only"):
            s.add_highlight(d.id, 0, 5, "hello")
        with pytest.raises(StorageError, match="read-only"):
            s.update_highlight(ids[0], note="changed")
        assert [h.note for h in s.search("note").hits] != []
    assert db_path.read_bytes() == before
    assert _sidecars(db_path) == []


def test_a_path_in_a_missing_folder_is_refused_and_nothing_is_created(tmp_path):
    target = tmp_path / "typo" / "notes.sqlite"
    with pytest.raises(MissingFolderError, match="does not exist"):
        NotesDB(target)
    assert not (tmp_path / "typo").exists()
    with NotesDB(target, create_folder=True):
        pass
    assert target.is_file()


def test_kill_minus_nine_during_saves_loses_no_acknowledged_write(tmp_path):
    totals = killtest.run(20, seed=3, folder=tmp_path)
    assert totals.trials == 20 and totals.acknowledged > 0
    assert (totals.lost, totals.corrupt, totals.index_bad, totals.open_failed) == (0, 0, 0, 0), totals.problems


# -- backups, restore, check ------------------------------------------------------------------


def test_daily_backup_once_a_day_keeps_the_last_seven(db_path):
    _notes(db_path, 3)
    folder = backups_dir(db_path)
    folder.mkdir()
    for k in range(1, 10):  # nine older daily backups
        day = date.today() - timedelta(days=k)
        shutil.copyfile(db_path, folder / f"notes-{day:%Y-%m-%d}.sqlite")
    made = daily_backup(db_path)
    assert _sidecars(db_path) == []  # the copy leaves nothing beside the notes file
    assert made == folder / f"notes-{date.today():%Y-%m-%d}.sqlite"
    assert daily_backup(db_path) is None  # already done today
    daily = sorted(p.name for p in folder.iterdir())
    assert len(daily) == 7 and daily[-1] == made.name
    assert daily[0] == f"notes-{date.today() - timedelta(days=6):%Y-%m-%d}.sqlite"
    with NotesDB(made) as copy:  # a real, complete notes file
        assert [h.note for h in copy.highlights(1)] == ["note 0", "note 1", "note 2"]
    assert _sidecars(made) == []


def test_backup_is_consistent_while_another_connection_writes(db_path):
    _notes(db_path, 5)
    with NotesDB(db_path) as s:
        s.add_highlight(1, 100, 105, "late", note="written before the backup")
        dest = backup(db_path)
    assert dest.parent == backups_dir(db_path) and latest_backup(db_path) == dest
    with NotesDB(dest) as copy:
        assert "written before the backup" in [h.note for h in copy.highlights(1)]
    with pytest.raises(StorageError, match="already exists"):
        backup(db_path, dest)


def test_restore_refuses_other_files_and_keeps_the_current_one_aside(tmp_path, db_path):
    _notes(db_path, 2)
    saved = backup(db_path, tmp_path / "saved.sqlite")
    with NotesDB(db_path) as s:
        s.add_highlight(1, 50, 55, "after", note="made after the backup")
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"no database here" * 100)
    foreign = tmp_path / "other.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE bookmarks (url TEXT)")
    con.commit()
    con.close()
    current = db_path.read_bytes()
    for bad in (garbage, foreign):
        with pytest.raises(StorageError, match="not a Reader notes file"):
            restore(db_path, bad)
        assert db_path.read_bytes() == current
    aside = restore(db_path, saved)
    assert aside is not None and aside.parent == db_path.parent
    with NotesDB(db_path) as s:
        assert [h.note for h in s.highlights(1)] == ["note 0", "note 1"]
    with NotesDB(aside) as s:
        assert "made after the backup" in [h.note for h in s.highlights(1)]


def test_restore_over_a_damaged_file_moves_it_aside_whole(tmp_path, db_path):
    _notes(db_path, 2)
    saved = backup(db_path)
    damaged = b"\x00" * 4096 + db_path.read_bytes()[4096:]
    db_path.write_bytes(damaged)
    with pytest.raises(DamagedError) as err:
        NotesDB(db_path)
    # says what to do, with the latest backup, on this file (tryout 13: without --db, on the default one)
    assert f"reader restore {saved} --db {db_path}" in str(err.value)
    aside = restore(db_path, saved)
    assert aside is not None and aside.read_bytes() == damaged
    with NotesDB(db_path) as s:
        assert [h.note for h in s.highlights(1)] == ["note 0", "note 1"]


def test_check_finds_a_search_index_out_of_step_and_reindex_fixes_it(db_path):
    _notes(db_path, 3)
    assert check(db_path) == []
    con = sqlite3.connect(db_path)
    con.execute("DROP TRIGGER highlights_fts_update")  # an index that stopped following the notes
    con.execute("UPDATE highlights SET note = 'changed behind the index' WHERE id = 1")
    con.commit()
    con.close()
    (finding,) = check(db_path)
    assert "highlights_fts" in finding.problem and finding.fix == "rebuild it with: reader reindex"
    with NotesDB(db_path) as s:
        s.reindex()
    assert check(db_path) == []


def test_check_on_a_damaged_file_points_at_the_latest_backup(db_path):
    _notes(db_path, 2)
    saved = backup(db_path)
    db_path.write_bytes(b"\x00" * 100 + db_path.read_bytes()[100:])
    (finding,) = check(db_path)
    assert str(saved) in finding.fix


def test_cli_backup_restore_check(tmp_path, db_path):
    def reader(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "reader", *args, "--db", str(db_path)],
                              capture_output=True, text=True, timeout=120)

    assert reader("highlight", str(SAMPLE), "--text", "Song Tao", "--note", "first").returncode == 0
    assert list_backups(db_path)  # the first use of the day made the daily backup
    r = reader("backup", str(tmp_path / "copy.sqlite"))
    assert r.returncode == 0 and r.stdout.strip() == f"backed up to {tmp_path / 'copy.sqlite'}"
    assert reader("highlight", str(SAMPLE), "--text", "Working Hard").returncode == 0
    r = reader("check")
    assert r.returncode == 0 and "sound" in r.stdout
    r = reader("restore", str(SAMPLE))
    assert r.returncode == 1 and "not a Reader notes file" in r.stderr and len(r.stderr.splitlines()) == 1
    r = reader("restore", str(tmp_path / "copy.sqlite"))
    assert r.returncode == 0 and "kept at" in r.stdout, r.stderr
    r = reader("notes", str(SAMPLE), "--json")
    import json

    assert [h["text"] for h in json.loads(r.stdout)["highlights"]] == ["Song Tao"]
    r = reader("backup", "--list")
    assert r.returncode == 0 and len(r.stdout.splitlines()) >= 1


def test_backups_leave_no_temporary_files(db_path):
    _notes(db_path, 1)
    daily_backup(db_path)
    backup(db_path)
    assert [p.name for p in backups_dir(db_path).iterdir() if not p.name.endswith(".sqlite")] == []
    assert os.listdir(backups_dir(db_path))
