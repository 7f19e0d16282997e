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

import sqlite3
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from notes_db.store import NotesDB
from tests.conftest import SAMPLE
from tests.gui_helpers import select_text

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
