"""The window's smaller promises, each as a person meets it: find, opening,
focus, claims to notes, the note editor, bugs, quitting, screenshots."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from reader.ui import find_bar as find_bar_module
from reader.ui.highlight_overlay import HIGHLIGHT_ID
from reader.ui.main_window import MainWindow
from tests.conftest import ROOT, SAMPLE
from tests.gui_helpers import select_text
from tests.test_gui import SENTENCE, _click_entry, _wait_analysis, highlight_passage


def big_text(tmp_path, mb: float = 1.7):
    """A text over the size read in the background (1.5 MB), with a passage to find at its end."""
    para = SAMPLE.read_text(encoding="utf-8").replace("#", "").replace("[", "").replace("]", "") + "\n\n"
    n = int(mb * 1_000_000 / len(para.encode())) + 1
    path = tmp_path / "big.txt"
    path.write_text(para * n + "The very last sentence of the long file.\n", encoding="utf-8")
    return path


def test_find_escape_closes_and_another_document_clears_it(qtbot, open_window, specimen):
    w = open_window()
    qtbot.keyClick(w.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert w.find_bar.isVisible() and w.find_bar.field.hasFocus()
    qtbot.keyClicks(w.find_bar.field, "party")
    qtbot.waitUntil(lambda: not w.find_bar.searching)
    n = len(w.find_bar.hits)
    assert n > 10 and w.find_bar.count.text() == f"1 of {n}" and w.view.marks
    qtbot.keyClick(w.find_bar.field, Qt.Key.Key_Escape)
    assert not w.find_bar.isVisible() and w.find_bar.hits == [] and not w.view.marks
    assert w.view.hasFocus()  # back to reading
    # find again, then open a shorter document: the old hits must not follow it there
    qtbot.keyClick(w.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(w.find_bar.field, "the")
    qtbot.waitUntil(lambda: not w.find_bar.searching)
    other = specimen("text/cp1252.txt")
    w.open_path(other)
    qtbot.waitUntil(lambda: w.session is not None and w.session.doc.path == other)
    assert not w.find_bar.isVisible() and w.find_bar.hits == [] and not w.view.marks
    qtbot.keyClick(w.find_bar.field, Qt.Key.Key_Return)  # stepping finds nothing stale (no Qt warnings)


def test_find_in_a_long_text_does_not_wait_for_the_whole_text(qtbot, open_window, tmp_path, monkeypatch):
    # One slice of the text per event-loop turn, whatever the machine's speed: with the
    # shipped 12 ms budget a fast machine searches all 1.7 MB before typing returns.
    monkeypatch.setattr(find_bar_module, "SLICE_S", 0.0001)
    w = open_window(big_text(tmp_path))
    qtbot.keyClick(w.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(w.find_bar.field, "very last sentence")
    assert w.find_bar.searching  # typing returned before the search reached the end
    qtbot.keyClicks(w.find_bar.field, " of the long")  # the newest query wins
    qtbot.waitUntil(lambda: not w.find_bar.searching, timeout=20000)
    assert len(w.find_bar.hits) == 1 and w.find_bar.count.text() == "1 of 1"
    s, _e = w.find_bar.hits[0]
    assert w.doc.text[s:].startswith("very last sentence of the long")


def test_opening_a_big_file_says_so_then_clears_it(qtbot, open_window, tmp_path):
    w = open_window()
    path = big_text(tmp_path)
    w.open_path(path)
    assert w.statusBar().currentMessage() == "Opening big.txt…" and w.progress.isVisible()
    qtbot.waitUntil(lambda: w.session is not None and w.session.doc.path == path, timeout=30000)
    assert w.statusBar().currentMessage() == "" and not w.progress.isVisible()
    assert "Text" in w.doc_info.text() and "characters" in w.doc_info.text()


def test_file_open_gives_the_document_the_keyboard(qtbot, open_window, specimen, monkeypatch):
    w = open_window()
    pdf = specimen("normal/tracemonkey.pdf")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(pdf), "")))
    w.menus.search_field.setFocus()
    w.menus.open_action.trigger()
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.page_view and w.page_view.hasFocus())
    before = w.page_view.zoom
    qtbot.keyClick(w.page_view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert w.page_view.zoom > before


def test_highlight_and_note_from_a_reviewed_claim_keeps_the_review(qtbot, open_window):
    w = open_window()
    panel = _wait_analysis(qtbot, w)
    w.tabs.setCurrentWidget(panel)
    panel.sections.setCurrentIndex(1)
    claims = w.controller.analysis.claims
    i = next(k for k, c in enumerate(claims) if "56.1%" in c.text)
    _click_entry(qtbot, panel, "claim", i)
    panel.review_status.setCurrentIndex(panel.review_status.findData("disputed"))
    panel.review_note.setFocus()
    qtbot.keyClicks(panel.review_note, "WHO counts differ")
    qtbot.keyClick(panel.review_note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseClick(panel.highlight_button, Qt.MouseButton.LeftButton)
    (h,) = w.session.highlights
    c = claims[i]
    assert (h.start, h.end, h.color, h.origin) == (c.start, c.end, "orange", "claim")
    assert h.claim_key == c.key and h.note == "WHO counts differ" and h.tags == ["claim"]
    assert w.tabs.currentIndex() == 0 and w.editor.note.toPlainText() == "WHO counts differ"


def test_a_colour_key_while_searching_brings_the_note_editor_forward(qtbot, open_window):
    w = open_window()
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert w.tabs.currentWidget() is w.panels.search
    highlight_passage(qtbot, w, SENTENCE, Qt.Key.Key_3)
    (h,) = w.session.highlights
    assert w.tabs.currentIndex() == 0 and w.editor.isVisible() and w.editor.highlight_id == h.id
    # on screen, the highlight is painted over its words
    painted = [s for s in w.view.extraSelections() if s.format.property(HIGHLIGHT_ID) == h.id]
    assert painted and painted[0].cursor.selectedText() == SENTENCE


def test_a_bug_is_shown_as_a_bug_and_nothing_is_lost(qtbot, open_window, messages, monkeypatch):
    w = open_window()
    highlight_passage(qtbot, w, SENTENCE)
    reported = []
    from reader.ui import messages as bus

    bus.bus.bugReported.connect(lambda summary, details: reported.append(details))

    def broken(*_a, **_k):
        raise KeyError("oops")

    monkeypatch.setattr(w.session, "create", broken)
    s = w.doc.text.index("Song Tao")
    select_text(qtbot, w.view, s, s + 8)
    qtbot.keyClick(w.view, Qt.Key.Key_2)
    assert any(level == "error" and "a bug in Reader" in text for level, text in messages), messages
    assert reported and "KeyError: 'oops'" in reported[0]
    assert [h.exact for h in w.session.highlights] == [SENTENCE] and w.panel.count() == 1
    assert not w.menus.redo_action.isEnabled()


def test_a_world_made_failure_is_a_sentence_not_a_bug(qtbot, open_window, messages, monkeypatch):
    from notes_db import StorageError

    w = open_window()

    def full(*_a, **_k):
        raise StorageError("The disk is full: free some space and try again.")

    monkeypatch.setattr(w.session.store, "add_highlight", full)
    highlight_passage(qtbot, w, SENTENCE)
    assert messages[-1] == ("error", "The disk is full: free some space and try again.")
    assert w.session.highlights == [] and w.panel.count() == 0 and not w.menus.undo_action.isEnabled()


def _run_reader(args, env_extra, timeout=120):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **env_extra}
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True, timeout=timeout,
                          env=env, cwd=ROOT)


@pytest.mark.slow
def test_screenshot_of_a_long_file_while_analysis_runs_exits_cleanly(tmp_path):
    # one 750 KB line with no sentence end keeps the claims analysis busy for minutes
    path = tmp_path / "one-line.txt"
    path.write_text(("word and another word, " * 33000).strip() + "\n", encoding="utf-8")
    out = tmp_path / "shot.png"
    r = _run_reader(["--db", str(tmp_path / "n.sqlite"), "--screenshot", str(out), str(path)], {})
    assert r.returncode == 0, r.stderr[-2000:]  # not SIGABRT: nothing left running to be destroyed
    assert "Destroyed while thread" not in r.stderr
    assert out.stat().st_size > 10_000


def test_screenshot_waits_for_a_big_file_and_its_highlights(qtbot, tmp_path, db_path):
    from reader.ui import app

    path = big_text(tmp_path)
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    w.resize(1000, 700)
    w.show()
    w.open_path(path)
    assert w.doc is None or w.doc.path != path  # still reading it in the background
    out = tmp_path / "shot.png"
    assert app._screenshot(app.make_app(), w, str(out), []) == 0
    assert w.doc is not None and w.doc.path == path  # captured after the text was in, not "Opening…"
    assert out.stat().st_size > 10_000


def test_an_uncaught_exception_reaches_the_person_as_a_bug(qapp, messages, monkeypatch):
    from reader.ui import messages as bus

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    bus.install_excepthook()
    try:
        raise ZeroDivisionError("in a slot")
    except ZeroDivisionError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert messages == [("error", "Something went wrong while handling that (a bug in Reader, not something you did).")]
