"""Defects a new user's tryout found (brief s6/polish), driven as that person drove them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from notes_db.library import Relocated, library, relocate_document
from notes_db.store import NotesDB
from tests.gui_helpers import select_text
from tests.test_cli import reader
from tests.test_library import PROSE, open_and_wait


def test_locate_after_opening_the_moved_file_keeps_the_notes(qtbot, window, tmp_path, db_path, monkeypatch, messages):
    """Highlight from the command line, move and edit the file, open it (a new empty row), then Locate the
    old row onto it: the notes follow the file, one row is left, and the open document shows them."""
    w = window
    first = tmp_path / "harbour.txt"
    first.write_text(PROSE, encoding="utf-8")
    r = reader("highlight", str(first), "--text", "nobody agreed on who would pay for it", "--note", "x", db=db_path)
    assert r.returncode == 0, r.stderr
    (tmp_path / "sub").mkdir()
    moved = tmp_path / "sub" / "harbour.txt"
    shutil.move(first, moved)
    with moved.open("a", encoding="utf-8") as f:
        f.write("A line added after the move.\n")
    open_and_wait(qtbot, w, moved)
    assert w.session is not None and w.session.highlights == []  # a new document to Reader

    qtbot.keyClick(w, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    lib = w.library_window
    qtbot.waitExposed(lib)
    assert lib.model.rowCount() == 2
    old = next(e for e in lib.model.entries if e.path == str(first))
    lib.select_id(old.id)
    assert lib.row_texts(0)[lib.table.currentIndex().row()].endswith("(missing)")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(moved), ""))
    qtbot.mouseClick(lib.locate_button, Qt.MouseButton.LeftButton)

    # one row for the file, with its highlight and note
    assert lib.model.rowCount() == 1
    assert lib.model.index(0, 4).data() == 1 and lib.model.index(0, 5).data() == 1
    assert "(missing)" not in lib.row_texts(0)[0]
    assert any(level == "info" and "merged" in text for level, text in messages)
    lib.grab().save(str(tmp_path / "polish-locate.png"))
    # the open document shows the note, placed on the edited text
    qtbot.waitUntil(lambda: w.session is not None and len(w.session.highlights) == 1, timeout=20000)
    h = w.session.highlights[0]
    assert h.note == "x" and w.doc.text[h.start:h.end] == "nobody agreed on who would pay for it"
    store = NotesDB(db_path)
    try:
        rows = [e for e in library(store) if e.path == str(moved)]
        assert len(rows) == 1 and rows[0].highlights == 1
    finally:
        store.close()
    # and the command line finds them on the file too
    r = reader("notes", str(moved), db=db_path)
    assert r.returncode == 0 and "who would pay" in r.stdout and "x" in r.stdout


def test_relocate_merges_the_row_of_the_same_file_with_its_notes_and_reviews(db_path):
    store = NotesDB(db_path)
    try:
        a = store.register_document("a" * 64, "/old/h.txt", "harbour", "text", 100)
        b = store.register_document("b" * 64, "/new/h.txt", "harbour", "text", 120)
        store.add_highlight(a.id, 0, 5, "hello", note="on the old row")
        store.add_highlight(b.id, 10, 15, "world", note="on the new row")
        store.set_claim_review(a.id, "k1", "disputed")
        store.set_claim_review(b.id, "k1", "verified")  # one claim reviewed on both rows: one review is kept
        store.set_claim_review(b.id, "k2", "false")
        done = relocate_document(store, a.id, "/new/h.txt")
        assert (done.merged, done.highlights) == (1, 1)
        assert [e.id for e in library(store)] == [a.id] and store.document(b.id) is None
        assert sorted(h.note for h in store.highlights(a.id)) == ["on the new row", "on the old row"]
        reviews = store.claim_reviews(a.id)
        assert sorted(reviews) == ["k1", "k2"] and reviews["k2"].status == "false"
        # Locate onto a file no other row names: nothing merged
        assert relocate_document(store, a.id, "/elsewhere/h.txt") == Relocated()
    finally:
        store.close()


SETUP = Path(__file__).resolve().parent.parent / "scripts" / "setup"


def _setup_check(*args: str, path: str) -> list[str]:
    r = subprocess.run(["bash", str(SETUP), "--check", *args], env={"PATH": path, "HOME": str(Path.home())},
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return r.stdout.split()


@pytest.mark.skipif(shutil.which("dpkg-query") is None, reason="a Debian machine's package database")
def test_setup_finds_installed_packages_without_sbin_on_the_path():
    """A second run installs nothing, whoever runs it: ldconfig is not on a user's PATH, dpkg-query is."""
    assert _setup_check("--test", path="/usr/bin:/bin") == []  # what setup --test installed is seen as there


def test_setup_still_lists_what_is_missing(tmp_path):
    """On a fresh machine every package is installed; one provided under another name (t64) is not."""
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "dpkg-query").write_text(
        "#!/bin/sh\n"
        "# nothing installed but libglib2.0-0t64 (which provides libglib2.0-0) and libegl1:amd64\n"
        'for a in "$@"; do last="$a"; done\n'
        'case "$last" in\n'
        "  -f=*|-W) printf 'install ok installed|libglib2.0-0 (= 2.80.0-6), libgio-2.0-0\\n'\n"
        "           printf 'deinstall ok config-files|libgl1\\n' ;;\n"
        "  libegl1) printf 'install ok installed\\n' ;;\n"
        "  libfontconfig1) printf 'install ok half-installed\\n' ;;\n"
        '  *) echo "dpkg-query: no packages found matching $last" >&2; exit 1 ;;\n'
        "esac\n", encoding="utf-8")
    (fake / "dpkg-query").chmod(0o755)
    missing = _setup_check(path=f"{fake}:/usr/bin:/bin")
    assert "libglib2.0-0" not in missing and "libegl1" not in missing
    for name in ("libgl1", "libfontconfig1", "libxcb-icccm4", "libdbus-1-3", "fonts-dejavu-core", "libxcb-cursor0"):
        assert name in missing


def test_undo_history_stays_with_its_document(qtbot, window, tmp_path):
    """Highlight, open another file, come back: Ctrl+Z still undoes that highlight (and never reaches across)."""
    w = window
    first = tmp_path / "harbour.txt"
    first.write_text(PROSE, encoding="utf-8")
    second = tmp_path / "other.txt"
    second.write_text("Another text altogether, about the weather in the hills and the long road home.\n",
                      encoding="utf-8")
    open_and_wait(qtbot, w, first)
    passage = "nobody agreed on who would pay for it"
    s = w.doc.text.index(passage)
    select_text(qtbot, w.view, s, s + len(passage))
    qtbot.keyClick(w.view, Qt.Key.Key_1)
    assert len(w.session.highlights) == 1 and w.menus.undo_action.isEnabled()

    open_and_wait(qtbot, w, second)
    assert not w.menus.undo_action.isEnabled()  # nothing done in this one
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # reaches nothing elsewhere
    open_and_wait(qtbot, w, first)
    qtbot.waitUntil(lambda: len(w.session.highlights) == 1)
    assert w.menus.undo_action.isEnabled() and "Highlight" in w.menus.undo_action.toolTip()
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.session.highlights == [] and w.panel.count() == 0
    assert w.menus.redo_action.isEnabled()
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [w.doc.text[h.start:h.end] for h in w.session.highlights] == [passage] and w.panel.count() == 1


def test_undo_history_starts_afresh_when_the_file_changed_meanwhile(qtbot, window, tmp_path):
    w = window
    first = tmp_path / "harbour.txt"
    first.write_text(PROSE, encoding="utf-8")
    second = tmp_path / "other.txt"
    second.write_text("Another text.\n", encoding="utf-8")
    open_and_wait(qtbot, w, first)
    passage = "nobody agreed on who would pay for it"
    s = w.doc.text.index(passage)
    select_text(qtbot, w.view, s, s + len(passage))
    qtbot.keyClick(w.view, Qt.Key.Key_1)
    open_and_wait(qtbot, w, second)
    first.write_text("A new first line.\n\n" + PROSE, encoding="utf-8")
    open_and_wait(qtbot, w, first)
    qtbot.waitUntil(lambda: len(w.session.highlights) == 1)
    assert not w.menus.undo_action.isEnabled()  # its steps named places in the old text


def test_a_long_book_at_its_start_and_after_a_jump_to_its_end(qtbot, window, specimen, tmp_path):
    """War and Peace at 0% named the Gutenberg licence at the end of the file (Qt answers the end of the
    text below what it has laid out); a Claims-panel jump to its last lines left the percentage at 0%."""
    w = window
    book = specimen("big/war-and-peace_2600-0.txt")
    w.open_path(book)
    qtbot.waitUntil(lambda: w.session is not None and w.doc.path == book and w.progress_label.text().startswith("0%"),
                    timeout=120000)
    shown: list[str] = []

    def settled() -> bool:
        shown.append(w.progress_label.text())
        return w.view._laid_out()  # the whole book laid out: every label it will show meanwhile was seen

    qtbot.waitUntil(settled, timeout=120000)
    qtbot.wait(600)  # the status bar follows a scroll once it settles (400 ms)
    shown.append(w.progress_label.text())
    assert set(shown) == {"0%"}  # the licence header on screen: no heading yet
    w.grab().save(str(tmp_path / "polish-wp-start.png"))

    end = len(w.doc.text)
    w.panels.analysis.activated.emit(end - 300, end - 290)  # what a click on a claim in its last lines does
    qtbot.waitUntil(lambda: w.progress_label.text().startswith("100%"), timeout=20000)
    assert w.view.top_offset() > end - 5000


def test_notes_says_one_highlight_and_bad_arguments_are_one_line_exit_1(tmp_path, db_path):
    doc = tmp_path / "harbour.txt"
    doc.write_text(PROSE, encoding="utf-8")
    assert reader("highlight", str(doc), "--text", "the fishermen had walked out", db=db_path).returncode == 0
    r = reader("notes", str(doc), db=db_path)
    assert r.returncode == 0 and r.stdout.splitlines()[0] == "harbour (1 highlight)"
    for args, says in ((["notes"], "the following arguments are required: PATH"),
                       (["export", str(doc), "--format", "bogus"], "invalid choice: 'bogus'"),
                       (["highlight", str(doc)], "the following arguments are required: --text")):
        r = reader(*args, db=db_path)
        assert r.returncode == 1 and r.stdout == "", args
        assert r.stderr.count("\n") == 1 and says in r.stderr and r.stderr.startswith("reader "), r.stderr
    r = subprocess.run([sys.executable, "-m", "reader", "--db"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "--db: expected one argument" in r.stderr


def test_sync_keeps_a_server_only_once_it_answered(tmp_path, db_path, monkeypatch):
    conf = tmp_path / "config" / "sync.json"
    monkeypatch.setenv("READER_SYNC_CONFIG", str(conf))
    r = reader("sync", "--server", "postgresql://ana:s3cret@127.0.0.1:1/notes", db=db_path)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "The server was not saved." in r.stderr
    assert not conf.exists()  # neither the URL nor the password
    r = reader("sync", "--status", db=db_path)
    assert r.returncode == 0 and "server: none yet" in r.stdout and "last error" not in r.stdout
    # kept on purpose without trying it: said so
    r = reader("sync", "--status", "--server", "postgresql://ana:s3cret@127.0.0.1:1/notes", db=db_path)
    assert r.returncode == 0 and "(not tried yet" in r.stdout and conf.exists()
    assert "server: ana@127.0.0.1:1/notes" in r.stdout and "s3cret" not in r.stdout
    assert "last error: The sync server cannot be reached" in r.stdout
    conf.unlink()  # the server forgotten: its old error is not shown as this setup's
    r = reader("sync", "--status", db=db_path)
    assert "server: none yet" in r.stdout and "last error" not in r.stdout
