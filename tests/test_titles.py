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


TRACEMONKEY_TITLE = "Trace-based Just-in-Time Type Specialization for Dynamic Languages"


def test_a_pdf_without_metadata_is_named_by_its_first_page(qtbot, window, specimen, db_path):  # noqa: F811
    """tracemonkey.pdf has empty metadata: its title and authors are the ones printed on page 1."""
    import subprocess
    import sys

    from notes_db.library import library
    from reader.ui.library_actions import citation

    path = specimen("normal/tracemonkey.pdf")
    with pymupdf.open(path) as d:
        assert not d.metadata["title"] and not d.metadata["author"]
    w = window()
    w.open_path(path)
    qtbot.waitUntil(lambda: w.windowTitle().startswith(TRACEMONKEY_TITLE), timeout=10000)
    open_pdf(qtbot, w, path)
    assert w.windowTitle() == f"{TRACEMONKEY_TITLE} — Reader"
    w.menus.fill_recent()
    assert any(a.text().startswith(TRACEMONKEY_TITLE) for a in w.menus.recent_menu.actions())
    (entry,) = [e for e in library(w.controller.store) if e.path == str(path)]
    assert entry.title == TRACEMONKEY_TITLE
    names = entry.author.split(", ")
    assert names[:3] == ["Andreas Gal", "Brendan Eich", "Mike Shaver"] and "Michael Franz" in names
    assert not any("∗" in n or "Corporation" in n for n in names)
    quote = citation(w, 0, 0)
    assert quote.startswith("Andreas Gal, Brendan Eich") and f"“{TRACEMONKEY_TITLE}”" in quote and "p. 1" in quote
    r = subprocess.run([sys.executable, "-m", "reader", "info", str(path), "--db", str(db_path)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and f"title: {TRACEMONKEY_TITLE}" in r.stdout.splitlines()


def test_a_first_page_title_needs_a_title_size_and_names_need_to_look_like_names():
    from reader.titles import _names, looks_like_file_name

    assert _names("Andreas Gal, Brendan Eich and Mohammad R. Haghighat,") == [
        "Andreas Gal", "Brendan Eich", "Mohammad R. Haghighat"]
    assert _names("Mozilla Corporation") == [] and _names("In this paper we present") == []
    assert looks_like_file_name("tracemonkey", "tracemonkey") and looks_like_file_name("paper_v3", "x")
    assert not looks_like_file_name("Overview of the Technology Acceptance Model", "TAMReview")
