"""While another document is being read, the side panels no longer offer the previous one's
notes and claims to click or edit (a new user edited a review form for 2-4 s on a 429-page PDF)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.conftest import SAMPLE


def _sample_with_a_note(qtbot, open_window):
    w = open_window(SAMPLE)
    h = w.controller.create_highlight(0, 30, "yellow", note="about the first sentence")
    w.select_highlight(h.id, focus_note=True)
    assert w.editor.isVisible() and w.panel.count() == 1
    qtbot.waitUntil(lambda: w.panels.built and w.panels.analysis.result is not None, timeout=60000)
    assert w.panels.analysis.tree.topLevelItemCount() > 0
    return w


def test_a_pdf_opening_clears_the_notes_and_claims_at_once(qtbot, open_window, specimen, db_path):
    w = _sample_with_a_note(qtbot, open_window)
    qtbot.keyClick(w.editor.note, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(w.editor.note, " (typed, not saved)")
    sessions = []
    w.controller.sessionReady.connect(lambda s: sessions.append(s.doc.path.name))
    w.open_path(specimen("normal/tracemonkey.pdf"))  # page 1 at once, the text in the background
    assert w.doc.path == SAMPLE  # its text is not in yet
    assert w.panel.count() == 0 and not w.panel.isEnabled()
    assert not w.editor.isVisible()
    assert w.panels.analysis.tree.topLevelItemCount() == 0
    assert not w.panels.repairs.isEnabled()
    w.grab().save(str(db_path.parent / "opening.png"))
    qtbot.waitUntil(lambda: w.session is not None and w.doc.kind == "pdf", timeout=60000)
    assert sessions == ["tracemonkey.pdf"]  # the sample's notes did not come back when page 1 was painted
    assert w.panel.isEnabled() and w.panels.repairs.isEnabled()
    from notes_db.store import NotesDB

    with NotesDB(db_path) as store:  # the note being typed was kept
        notes = [x.note for d in store.recent_documents() for x in store.highlights(d.id)]
    assert "about the first sentence (typed, not saved)" in notes


def test_a_long_text_opening_disables_the_panels_until_it_is_in(qtbot, open_window, specimen):
    w = _sample_with_a_note(qtbot, open_window)
    w.open_path(specimen("big/war-and-peace_2600-0.txt"))  # read on a thread: the sample stays meanwhile
    assert w.doc.path == SAMPLE
    assert not w.panel.isEnabled() and not w.editor.isVisible()
    assert w.panels.analysis.tree.topLevelItemCount() == 0
    assert w.panels.analysis.status.text() == "Opening war-and-peace_2600-0.txt…"
    qtbot.mouseClick(w.panel.list.viewport(), Qt.MouseButton.LeftButton)  # a click on the list does nothing
    assert not w.editor.isVisible()
    qtbot.waitUntil(lambda: w.session is not None and w.doc.path.name.startswith("war-and-peace"), timeout=120000)
    assert w.panel.isEnabled() and w.panel.count() == 0


def test_a_file_that_cannot_be_opened_gives_the_panels_back(qtbot, open_window, tmp_path, messages):
    w = _sample_with_a_note(qtbot, open_window)
    bad = tmp_path / "broken.epub"
    bad.write_bytes(b"not a zip at all" * 100)
    w.open_path(bad)
    qtbot.waitUntil(lambda: any(level == "error" for level, _t in messages), timeout=30000)
    assert w.doc.path == SAMPLE
    assert w.panel.isEnabled() and w.panel.count() == 1
    assert w.panels.analysis.tree.topLevelItemCount() > 0 and w.panels.repairs.isEnabled()
