"""The open window shows what `reader` on the command line (or any other program) writes to the notes
file: highlights and claim reviews, without reopening the document or restarting (found by a tryout:
a review set by `reader review` stayed "Disputed" in the open window until a restart)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from tests.conftest import SAMPLE

CLAIM = "Among the 40,000 plus medical workers sent from around the country to assist Hubei, 56.1% are Party members."


def reader(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    r = subprocess.run([sys.executable, "-m", "reader", *args, "--db", str(db)], capture_output=True, text=True,
                       timeout=180)
    assert r.returncode == 0, r.stderr
    return r


def test_window_shows_highlights_and_reviews_written_from_the_command_line(qtbot, open_window, tmp_path, db_path):
    doc = tmp_path / "article.md"
    shutil.copyfile(SAMPLE, doc)
    w = open_window(doc)
    qtbot.waitUntil(lambda: w.controller.analysis is not None, timeout=60000)
    panel = w.panels.analysis
    w.tabs.setCurrentWidget(panel)
    panel.sections.setCurrentIndex(1)
    i = next(k for k, c in enumerate(w.controller.analysis.claims) if c.text == CLAIM)
    item = panel.select_entry("claim", i)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=panel.tree.visualItemRect(item).center())
    panel.review_status.setCurrentIndex(panel.review_status.findData("disputed"))
    panel.review_note.setFocus()
    qtbot.keyClicks(panel.review_note, "WHO counts differ")
    qtbot.keyClick(panel.review_note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "disputed" in panel.select_entry("claim", i).text(0)
    assert w.panel.title.text() == "Annotations (0)"
    panel.tree.setFocus()

    reader("review", str(doc), "--claim", CLAIM, "--status", "verified", db=db_path)
    qtbot.waitUntil(lambda: "verified" in panel.select_entry("claim", i).text(0), timeout=10000)
    assert panel.review_status.currentData() == "verified"
    assert panel.review_note.toPlainText() == "WHO counts differ"  # the note typed here, kept by the command line

    out = reader("highlight", str(doc), "--text", "Nearly 400 Party members", "--note", "from a script", db=db_path)
    hid = int(out.stdout.split()[1].rstrip(":"))
    qtbot.waitUntil(lambda: w.panel.title.text() == "Annotations (1)", timeout=10000)
    (h,) = w.session.highlights
    assert (h.id, h.note, h.exact) == (hid, "from a script", "Nearly 400 Party members")
    w.view.scroll_to(h.start)  # painted in the text too (the sample has no characters outside the BMP)
    qtbot.waitUntil(lambda: any(x.cursor.selectionStart() == h.start and x.cursor.selectionEnd() == h.end
                                for x in w.view.extraSelections()), timeout=10000)
