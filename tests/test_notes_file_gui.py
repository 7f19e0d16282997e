"""The window with a read-only notes file, and with a damaged one at start."""

from __future__ import annotations

import shutil

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from notes_db import NotesDB
from notes_db.backup import backup, latest_backup
from tests.conftest import SAMPLE
from tests.gui_helpers import shown_window, visible_message_box


def _window(qtbot, db_path, doc):
    w = shown_window(qtbot, db_path)
    w.open_path(doc)
    return w


def _two_highlights(tmp_path, db_path):
    from reader.loaders import load
    from reader.session import Session

    doc = tmp_path / "article.md"
    shutil.copyfile(SAMPLE, doc)
    with NotesDB(db_path) as store:
        s = Session(store, load(doc))
        for passage in ("Song Tao", "Working Hard"):
            i = s.doc.text.index(passage)
            s.create(i, i + len(passage), note=f"about {passage}")
    return doc


def test_read_only_notes_file_shows_every_note_and_says_read_only(qtbot, tmp_path, db_path, read_only):
    doc = _two_highlights(tmp_path, db_path)
    read_only(db_path)
    before = db_path.read_bytes()
    w = _window(qtbot, db_path, doc)
    qtbot.waitUntil(lambda: w.session is not None and w.session.doc is w.doc)
    qtbot.waitUntil(lambda: w.panel.count() == 2)
    assert w.panel.title.text() == "Annotations (2)"
    label = w.statusBar().findChild(QLabel, "readOnlyNotes")
    assert label is not None and label.isVisible() and label.text() == "Notes: read-only"
    assert w.banner.isVisible() and "read-only" in w.banner.text()
    from tests.gui_helpers import select_text

    i = w.doc.text.index("Party members")
    select_text(qtbot, w.view, i, i + len("Party members"))
    qtbot.keyClick(w.view, Qt.Key.Key_1)  # a person tries to highlight anyway
    qtbot.waitUntil(lambda: "was not saved" in w.banner.text())
    assert w.panel.count() == 2
    w.close()
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir() if p.name.startswith("notes.sqlite")) == ["notes.sqlite"]


def test_damaged_notes_file_at_start_offers_the_latest_backup(qtbot, tmp_path, db_path):
    doc = _two_highlights(tmp_path, db_path)
    saved = backup(db_path)
    damaged = b"\x00" * 100 + db_path.read_bytes()[100:]
    db_path.write_bytes(damaged)
    w = _window(qtbot, db_path, doc)

    qtbot.waitUntil(lambda: visible_message_box() is not None)
    box = visible_message_box()
    assert box.windowTitle() == "Notes file damaged"
    assert "damaged" in box.text() and "latest backup" in box.informativeText()
    assert "Notes are unavailable" in w.banner.text()
    restore_button = next(b for b in box.buttons() if b.text() == "Restore Latest Backup")
    qtbot.mouseClick(restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.session is not None and w.panel.count() == 2)
    assert "restored" in w.banner.text().lower()
    kept = [p for p in db_path.parent.iterdir() if "before-restore" in p.name and p.suffix == ".sqlite"]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged  # the damaged file is kept, not deleted
    assert latest_backup(db_path) is not None and saved.exists()
    w.close()


def test_a_notes_path_in_a_missing_folder_is_reported_not_created(qtbot, tmp_path):
    target = tmp_path / "typo" / "notes.sqlite"
    w = _window(qtbot, target, SAMPLE)
    qtbot.waitUntil(lambda: "does not exist" in w.banner.text())
    assert "Notes are unavailable" in w.banner.text() and str(tmp_path / "typo") in w.banner.text()
    assert not (tmp_path / "typo").exists()
    w.close()
