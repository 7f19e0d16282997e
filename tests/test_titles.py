"""A PDF's title from its metadata in the window title and Open Recent, not its file name (when it has a real one)."""

from __future__ import annotations

import pymupdf

from reader.titles import pdf_title
from tests.test_pages import open_pdf, window  # noqa: F401 (the fixture)


def test_metadata_titles_that_are_not_titles():
    assert pdf_title("Overview of the Technology Acceptance Model") == "Overview of the Technology Acceptance Model"
    assert pdf_title("Microsoft Word - Annual Report 2019") == "Annual Report 2019"
    for junk in ("Binder1.pdf", "Microsoft Word - draft.docx", "Untitled", "  ", None, "1234"):
        assert pdf_title(junk) == ""


def test_window_title_and_recent_menu_use_the_pdf_title(qtbot, window, specimen, tmp_path):  # noqa: F811
    src = specimen("normal/tracemonkey.pdf")
    titled = tmp_path / "docs" / "paper-2009.pdf"
    with pymupdf.open(src) as d:
        d.set_metadata({"title": "Trace-based JIT Type Specialization", "author": "Andreas Gal"})
        d.save(titled)
    w = window()
    w.open_path(titled)
    qtbot.waitUntil(lambda: w.windowTitle().startswith("Trace-based JIT Type Specialization"), timeout=10000)
    open_pdf(qtbot, w, titled)
    assert w.windowTitle() == "Trace-based JIT Type Specialization — Reader"
    w.menus.fill_recent()
    labels = [a.text() for a in w.menus.recent_menu.actions()]
    assert any(t.startswith("Trace-based JIT Type Specialization") for t in labels)
    from notes_db.library import library
    (entry,) = [e for e in library(w.controller.store) if e.path == str(titled)]
    assert entry.author == "Andreas Gal"
