"""Smaller defects a new user hit: Tab in the note box, the PDF page in the status bar after a
find, where the Export dialog starts, a missing file handed to the open window, and Qt's
offscreen noise on --screenshot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.conftest import ROOT, SAMPLE


def test_tab_in_the_note_box_moves_to_the_tags(qtbot, open_window):
    w = open_window(SAMPLE)
    h = w.controller.create_highlight(0, 30, "yellow")
    w.select_highlight(h.id, focus_note=True)
    qtbot.mouseClick(w.editor.note.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(w.editor.note, "check the title")
    qtbot.keyClick(w.editor.note, Qt.Key.Key_Tab)
    assert w.editor.tags.hasFocus()
    qtbot.keyClicks(w.editor.tags, "survey, later")
    qtbot.keyClick(w.editor.tags, Qt.Key.Key_Return)
    saved = w.session.highlight(h.id)
    assert saved.note == "check the title" and sorted(saved.tags) == ["later", "survey"]


def test_status_bar_page_follows_a_find_on_a_pdf(qtbot, open_window, specimen):
    w = open_window(specimen("normal/tracemonkey.pdf"))
    qtbot.waitUntil(lambda: w.pdf.made_page_view is not None and w.page_view.painted)
    qtbot.waitUntil(lambda: w.progress_label.text().startswith("Page 1 of 14"))
    qtbot.keyClick(w.page_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(w.find_bar.field, "Acknowledgments")  # on page 13 only
    qtbot.waitUntil(lambda: w.pdf.page_box.value() >= 12)
    qtbot.waitUntil(lambda: w.progress_label.text().startswith(f"Page {w.pdf.page_box.value()} of 14"))


def test_export_starts_in_documents_then_in_the_last_export_folder(qtbot, open_window, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    w = open_window(SAMPLE)  # the sample lives in Reader's resources/ folder
    asked: list[str] = []
    answers = [str(tmp_path / "exports" / "mine.md"), ""]
    (tmp_path / "exports").mkdir()

    def save_dialog(_parent, _title, start, _filters, *_a, **_k):
        asked.append(start)
        return answers.pop(0), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    w.export_notes()
    assert (tmp_path / "exports" / "mine.md").exists()
    w.export_notes()
    first, second = (Path(a) for a in asked)
    assert first.name == "sample-article.notes.md" and first.parent != SAMPLE.parent
    assert first.parent in (tmp_path / "home", tmp_path / "home" / "Documents")
    assert second.parent == tmp_path / "exports"


def test_a_missing_file_given_to_the_open_window_is_said_in_it(qtbot, open_window, db_path, messages):
    from reader.ui.instance import serve

    w = open_window(SAMPLE)
    assert serve(w, db_path) is not None
    missing = db_path.parent / "no-such-book.txt"
    proc = subprocess.Popen([sys.executable, "-m", "reader", "--db", str(db_path), str(missing)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60000)  # the window answers meanwhile
    _out, err = proc.communicate()
    assert proc.returncode == 1 and "File not found" in err and "Traceback" not in err
    assert ("warning", f"File not found: {missing}") in messages
    assert w.banner.isVisible() and "no-such-book.txt" in w.banner.text()


def test_screenshot_says_nothing_about_size_hints(tmp_path, db_path):
    out = tmp_path / "shot.png"
    r = subprocess.run([sys.executable, "-m", "reader", "--screenshot", str(out), "--db", str(db_path), str(SAMPLE)],
                       capture_output=True, text=True, timeout=120, cwd=ROOT,
                       env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert r.returncode == 0, r.stderr
    assert "propagateSizeHints" not in r.stderr
    assert out.exists()


def test_tags_on_a_note_card_take_the_room_the_date_leaves(qtbot, open_window):
    w = open_window(SAMPLE)  # the side panel at its usual 420 px
    h = w.controller.create_highlight(0, 30, "yellow", note="n", tags=["figures", "check-later", "economy"])
    qtbot.waitUntil(lambda: w.panel.count() == 1)
    delegate = w.panel.list.itemDelegate()
    width = delegate.text_width(w.panel.list.visualRect(w.panel.proxy.index(0, 0)).width())
    meta, tags, _tag_w = delegate.meta_line(w.session.highlight(h.id), width)
    assert 300 < width < 420, width  # half of it was too little for these three tags
    assert tags == "#check-later  #economy  #figures" or tags == "#figures  #check-later  #economy"
    assert "…" not in meta
    w.panel.grab().save(str(w.controller.db_path.parent / "card.png"))


def test_first_claims_analysis_of_a_long_text_shows_how_far_it_is(qtbot, open_window, tmp_path):
    paragraphs = [f"In {1900 + i % 100} the committee said that growth in region {i} reached {i % 40} percent, "
                  f"and the minister of region {i} told reporters that \"we will do better next year\"."
                  for i in range(1200)]
    book = tmp_path / "report.txt"
    book.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    w = open_window(SAMPLE)
    qtbot.waitUntil(lambda: w.panels.built and w.panels.analysis.result is not None, timeout=60000)
    seen: list[str] = []
    w.controller.analysisProgress.connect(lambda _d, _t: seen.append(w.panels.analysis.status.text()))
    w.open_path(book)
    qtbot.waitUntil(lambda: w.panels.analysis.result is not None and w.doc.path == book, timeout=120000)
    shown = [s for s in seen if s.startswith("Finding claims and quotes… ") and s.endswith("%")]
    assert shown and any(0 < int(s.rsplit(" ", 1)[1][:-1]) < 100 for s in shown), seen
