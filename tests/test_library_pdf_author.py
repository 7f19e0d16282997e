"""A PDF's author in the Library: the one its first page prints, else its metadata's. Tryout 12 (s69): the Library
of Congress's Iraq report had an empty Author (its metadata's title is another text's, so its author was dropped
with it); tryout 13: it then showed the metadata's "Walter Gary Sharp, Sr." (the file's maker), where the report
prints "By Constance Johnson" under its abstract, not under its title."""

from __future__ import annotations

from PySide6.QtCore import Qt

LIBRARY = (Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def _library_of(qtbot, w, pdf):
    """The PDF opened in the window, then the Library (Ctrl+Shift+L) with its one row."""
    w.open_path(pdf)
    qtbot.waitUntil(lambda: w.session is not None and w.doc.path == pdf and w.session.doc is w.doc, timeout=30000)
    qtbot.keyClick(w, *LIBRARY)
    lib = w.library_window
    qtbot.waitExposed(lib)
    qtbot.waitUntil(lambda: lib.model.rowCount() == 1)
    return lib


def test_the_iraq_reports_printed_byline_is_its_author_in_the_library(qtbot, window, specimen, tmp_path):
    pdf = specimen("normal/govdocs1_504076_LoC_Iraq_legal_history.pdf", "iraq.pdf")
    lib = _library_of(qtbot, window, pdf)
    assert lib.row_texts(0) == ["IRAQ: LEGAL HISTORY AND TRADITIONS"]
    assert lib.row_texts(1) == ["Constance Johnson"]
    lib.grab().save(str(tmp_path / "pdf_author.png"))


def test_a_pdf_that_prints_no_author_shows_its_metadata_author(qtbot, window, tmp_path):
    import pymupdf

    pdf = tmp_path / "memo.pdf"
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 90), "Harbour Works Review", fontsize=22)
    page.insert_text((72, 140), "The harbour works were finished in March, two months late.", fontsize=11)
    page.insert_text((72, 160), "Stand by the figures: costs rose by a fifth.", fontsize=11)  # 'by' is no byline
    page.insert_text((72, 200), "By The Numbers", fontsize=13)  # a heading, no byline (review s13)
    # the metadata's title is another text's (Word's first words): its author stands unless the page prints one
    doc.set_metadata({"title": "Minutes of the council's spring session", "author": "Ana Ruiz"})
    doc.save(str(pdf))
    lib = _library_of(qtbot, window, pdf)
    assert lib.row_texts(0) == ["Harbour Works Review"]
    assert lib.row_texts(1) == ["Ana Ruiz"]
