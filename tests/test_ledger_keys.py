"""The Claim Ledger from the keyboard: Enter or Space on a reviewed claim opens it in its document, as a double
click does (tryout 10: "Tab to the table, Down, then Enter or Space: nothing opens")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.test_export import ok, reader
from tests.test_gui import point_at_no_scroll

CLAIM = "56.1% are Party members"


def test_enter_or_space_on_a_reviewed_claim_opens_it(qtbot, open_window, db_path, tmp_path):
    from reader.ui import library_actions

    w = open_window()
    sample = w.doc.path
    ok(reader("review", str(sample), "--claim", CLAIM, "--status", "disputed", "--note", "The ministry counts 50%",
              db=db_path))
    other = tmp_path / "docs" / "other.txt"
    other.parent.mkdir(parents=True, exist_ok=True)
    other.write_text("Another text altogether.\n\nNothing to review here.\n", encoding="utf-8")
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Space):
        w.open_path(other)
        qtbot.waitUntil(lambda: w.doc is not None and w.doc.path == other and w.session is not None)
        library_actions.show_ledger(w)
        ledger = library_actions._window(w, "ledger")
        qtbot.waitUntil(lambda lw=ledger: lw.model.rowCount() == 1, timeout=20000)
        ledger.activateWindow()
        ledger.view.setFocus()
        qtbot.keyClick(ledger.view, Qt.Key.Key_Down)  # to the first row
        assert ledger.view.currentIndex().isValid()
        qtbot.keyClick(ledger.view, key)
        qtbot.waitUntil(lambda: w.doc is not None and w.doc.path == sample and w.session is not None, timeout=20000)
        at = w.doc.text.index(CLAIM)
        qtbot.waitUntil(lambda a=at: w.view.viewport().rect().contains(point_at_no_scroll(w.view, a)), timeout=10000)
    assert QApplication.focusWidget() is not None
