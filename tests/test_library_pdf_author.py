"""A PDF whose metadata names an author and whose first page prints none shows that author in the Library
(tryout 12, s69: the Library of Congress's Iraq report had an empty Author although its metadata says
"Walter Gary Sharp, Sr."; the metadata's title is another text's, so its author was dropped with it)."""

from __future__ import annotations

from PySide6.QtCore import Qt

LIBRARY = (Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def test_the_iraq_reports_metadata_author_is_in_the_library(qtbot, window, specimen, tmp_path):
    pdf = specimen("normal/govdocs1_504076_LoC_Iraq_legal_history.pdf", "iraq.pdf")
    w = window
    w.open_path(pdf)
    qtbot.waitUntil(lambda: w.session is not None and w.doc.path == pdf and w.session.doc is w.doc, timeout=30000)
    qtbot.keyClick(w, *LIBRARY)
    lib = w.library_window
    qtbot.waitExposed(lib)
    qtbot.waitUntil(lambda: lib.model.rowCount() == 1)
    assert lib.row_texts(0) == ["IRAQ: LEGAL HISTORY AND TRADITIONS"]
    assert lib.row_texts(1) == ["Walter Gary Sharp, Sr."]
    lib.grab().save(str(tmp_path / "pdf_author.png"))
