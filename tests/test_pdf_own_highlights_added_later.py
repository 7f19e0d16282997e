"""Highlights another program adds to a PDF after Reader first saw it come in when it is opened again (tester,
session 13, pdf2 item 2): Okular adds one, Reader opens the PDF again, and it was not imported, because only a
first registration imported. Now every open imports the annotations Reader has not taken over yet, never one
it took over: none comes in twice, and one the person deleted stays deleted."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt

from reader.cli import main as cli_main

FIRST = "Marginal notes survive"
LATER = "A second line"


def make_pdf(path: Path) -> Path:
    """One page, two lines, a highlight annotation over FIRST (with a note and a tag, as another reader writes)."""
    import pymupdf

    with pymupdf.open() as d:
        page = d.new_page()
        page.insert_text((72, 100), f"{FIRST} the trip between readers.", fontsize=12)
        page.insert_text((72, 130), f"{LATER} that somebody marked later.", fontsize=12)
        annot = page.add_highlight_annot(page.search_for(FIRST)[0])
        annot.set_info(content="seen elsewhere\n\n#margin")
        annot.update()
        d.save(path)
    return path


def add_annotation(path: Path) -> None:
    """Another program adds a highlight over LATER and writes the whole file again (its objects renumbered)."""
    import pymupdf

    tmp = path.with_suffix(".tmp")
    with pymupdf.open(path) as d:
        page = d[0]
        annot = page.add_highlight_annot(page.search_for(LATER)[0])
        annot.set_colors(stroke=(0.2, 0.6, 0.9))
        annot.update()
        d.save(tmp, garbage=4, deflate=True)
    os.replace(tmp, path)


def open_pdf(qtbot, w, pdf: Path):
    w.open_path(pdf)
    qtbot.waitUntil(lambda: w.doc is not None and w.doc.path == pdf and w.session is not None
                    and w.session.doc is w.doc, timeout=20000)
    qtbot.waitUntil(lambda: not w.controller.importing, timeout=10000)
    return w.session


def open_other(qtbot, w, tmp_path: Path) -> None:
    other = tmp_path / "other.md"
    other.write_text("# Other\n\nSomething else to read.\n", encoding="utf-8")
    w.open_path(other)
    qtbot.waitUntil(lambda: w.session is not None and w.doc.path == other)


def notes(capsys, pdf: Path, db_path: Path) -> list[str]:
    capsys.readouterr()
    assert cli_main(["notes", str(pdf), "--db", str(db_path)]) == 0
    return [line for line in capsys.readouterr().out.splitlines() if FIRST in line or LATER in line]


def test_the_window_imports_an_annotation_added_since_and_never_one_deleted(qtbot, window, tmp_path, db_path,
                                                                            capsys, messages):
    pdf = make_pdf(tmp_path / "paper.pdf")
    session = open_pdf(qtbot, window, pdf)
    assert [h.exact for h in session.highlights] == [FIRST]
    open_other(qtbot, window, tmp_path)

    add_annotation(pdf)
    messages.clear()
    session = open_pdf(qtbot, window, pdf)
    assert [(h.exact, h.origin) for h in session.highlights] == [(FIRST, "imported"), (LATER, "imported")]
    first, later = session.highlights
    assert (first.note, first.tags) == ("seen elsewhere", ["margin"]) and later.color == "blue"
    assert window.panel.title.text() == "Annotations (2)"
    assert any("Imported 1 highlight " in text for _level, text in messages)
    window.grab().save(str(tmp_path / "added_later.png"))

    rect = window.panel.list.visualRect(window.panel.proxy.index(1, 0))  # its card in the annotations list
    qtbot.mouseClick(window.panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.panel.current_id() == later.id
    window.panel.list.setFocus()
    qtbot.keyClick(window.panel.list, Qt.Key.Key_Delete)
    assert [h.exact for h in window.session.highlights] == [FIRST]
    open_other(qtbot, window, tmp_path)

    session = open_pdf(qtbot, window, pdf)  # opened again: the deleted one stays deleted, none twice
    assert [h.exact for h in session.highlights] == [FIRST]
    assert window.panel.title.text() == "Annotations (1)"
    assert len(notes(capsys, pdf, db_path)) == 1  # and so the command line sees it


def test_the_command_line_imports_an_annotation_added_since_and_never_one_deleted(qtbot, window, tmp_path,
                                                                                  db_path, capsys):
    pdf = make_pdf(tmp_path / "paper.pdf")
    assert len(notes(capsys, pdf, db_path)) == 1
    add_annotation(pdf)
    assert len(notes(capsys, pdf, db_path)) == 2
    assert len(notes(capsys, pdf, db_path)) == 2  # not twice

    session = open_pdf(qtbot, window, pdf)
    assert [h.exact for h in session.highlights] == [FIRST, LATER]
    window.session.delete(session.highlights[1].id)
    open_other(qtbot, window, tmp_path)
    assert len(notes(capsys, pdf, db_path)) == 1  # the deleted one does not come back
    session = open_pdf(qtbot, window, pdf)
    assert [h.exact for h in session.highlights] == [FIRST]


def test_locate_keeps_what_either_row_took_over(db_path):
    """Locate... merges the row Reader made for the moved file into the old one: the annotations the new row
    took over stay taken over (else the next open would import again one deleted there)."""
    from notes_db.library import relocate_document
    from notes_db.pdf_annotations import take_over, taken_over
    from notes_db.store import NotesDB

    with NotesDB(db_path) as store:
        old = store.register_document("a" * 64, "/old/paper.pdf", "Paper", "pdf", 100)
        new = store.register_document("b" * 64, "/new/paper.pdf", "Paper", "pdf", 100)
        take_over(store, old.id, ["0:72,87,201,104"])
        take_over(store, new.id, ["0:72,117,190,134", "0:72,87,201,104"])
        relocate_document(store, old.id, "/new/paper.pdf")
        assert taken_over(store, old.id) == {"0:72,87,201,104", "0:72,117,190,134"}
