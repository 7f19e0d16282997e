"""Reopening a long PDF (tryout s12, section 1 item 2): its pages come up at once and its text follows
seconds later. A person who moves on the pages meanwhile keeps their place (the view used to jump back
to the page saved last time when the text arrived), and the status bar names this PDF's page from the
first frame (it used to show the previous document's "Page 1 of 3 · 0%")."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reader.ui import controller as controller_module

PAGES = 40


def make_pdf(path: Path, pages: int) -> Path:
    import pymupdf

    words = ("river", "lantern", "orchard", "granite", "harbour", "meadow", "quarry", "thistle", "beacon", "ember",
             "willow", "saddle", "copper", "falcon", "marble", "tundra", "velvet", "canyon", "pepper", "glacier")
    with pymupdf.open() as d:
        for k in range(pages):
            page = d.new_page()
            for line in range(12):  # every line its own (a line on every page would be taken for a running head)
                said = " ".join(words[(k * 7 + line * 3 + j) % len(words)] for j in range(6))
                page.insert_text((72, 90 + 40 * line), f"{said} ({k * 12 + line}).", fontsize=12)
        d.save(path)
    return path


@pytest.fixture
def gate(monkeypatch):
    """The PDF's text is read only once the test opens the gate (the seconds a 429-page manual takes)."""
    opened = threading.Event()
    real = controller_module.load_in_background

    def slow(path, password, progress):
        opened.wait(30)
        return real(path, password, progress)

    monkeypatch.setattr(controller_module, "load_in_background", slow)
    opened.set()
    return opened


def wait_shown(qtbot, w, path: Path) -> None:
    qtbot.waitUntil(lambda: w.doc is not None and w.doc.path == path and w.session is not None
                    and w.session.doc is w.doc, timeout=20000)


def left_at_the_end_and_reopening(qtbot, w, tmp_path: Path, gate: threading.Event) -> tuple[Path, object]:
    """Read the long PDF to its last page, open a 3-page one, then reopen the long one with its text held back."""
    long_pdf = make_pdf(tmp_path / "manual.pdf", PAGES)
    short_pdf = make_pdf(tmp_path / "short.pdf", 3)
    w.open_path(long_pdf)
    wait_shown(qtbot, w, long_pdf)
    pv = w.page_view
    pv.setFocus()
    qtbot.keyClick(pv, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: pv.current_page() == PAGES - 1)
    w.open_path(short_pdf)
    wait_shown(qtbot, w, short_pdf)
    qtbot.waitUntil(lambda: w.progress_label.text().startswith("Page 1 of 3"))
    gate.clear()
    w.open_path(long_pdf)
    qtbot.waitUntil(lambda: w.controller.pdf_pages is not None and w.controller.pdf_pages.path == long_pdf
                    and 0 in pv.painted_pages, timeout=20000)
    assert w.session is None  # its text is still being read
    return long_pdf, pv


def test_moving_while_the_text_is_read_keeps_the_place_and_the_status_bar_names_this_pdf(
        qtbot, window, tmp_path, gate):
    w = window
    long_pdf, pv = left_at_the_end_and_reopening(qtbot, w, tmp_path, gate)
    assert w.progress_label.text() == f"Page 1 of {PAGES}"  # this PDF's first page, not the last one's place
    for _ in range(4):
        qtbot.keyClick(pv, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: pv.current_page() == 4)
    assert w.progress_label.text() == f"Page 5 of {PAGES}"
    w.grab().save(str(tmp_path / "during.png"))
    gate.set()
    wait_shown(qtbot, w, long_pdf)
    qtbot.wait(200)  # whatever the text's arrival does, it has done
    assert pv.current_page() == 4 and w.pdf.page_box.value() == 5
    assert w.progress_label.text().startswith(f"Page 5 of {PAGES}")


def test_not_moving_while_the_text_is_read_brings_back_the_saved_place(qtbot, window, tmp_path, gate):
    w = window
    long_pdf, pv = left_at_the_end_and_reopening(qtbot, w, tmp_path, gate)
    gate.set()
    wait_shown(qtbot, w, long_pdf)
    qtbot.waitUntil(lambda: pv.current_page() == PAGES - 1)
    qtbot.waitUntil(lambda: w.progress_label.text().startswith(f"Page {PAGES} of {PAGES}"))
