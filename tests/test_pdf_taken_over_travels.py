"""A PDF annotation the person deleted in Reader stays deleted in another notes file (tryout s14 1.6, pdf3 item 1):
the W3C export lists the PDF's own annotations Reader took over (``takenOver``: the deleted one among them, as
Hypothesis keeps a delete as a tombstone), and ``reader import`` records them as taken over before it reads the
PDF's own annotations, so the deleted one never comes back; those kept come in once, from the export."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt

from reader.cli import main as cli_main

LINES = ["Kept by the person here.", "Deleted by the person here.", "Also kept by the person."]


def three_marks(path: Path) -> Path:
    import pymupdf

    with pymupdf.open() as d:
        page = d.new_page()
        for i, line in enumerate(LINES):
            page.insert_text((72, 100 + 30 * i), line, fontsize=12)
            page.add_highlight_annot(page.search_for(line)[0]).update()
        d.save(path)
    return path


def test_a_deleted_pdf_annotation_does_not_come_back_in_another_notes_file(qtbot, window, tmp_path, db_path,
                                                                              capsys):
    pdf = three_marks(tmp_path / "marked.pdf")
    window.open_path(pdf)
    qtbot.waitUntil(lambda: window.session is not None and window.doc is not None and window.doc.path == pdf
                    and len(window.session.highlights) == 3 and not window.controller.importing, timeout=20000)
    gone = next(h for h in window.session.highlights if h.exact.startswith("Deleted"))
    pv = window.page_view
    qtbot.waitUntil(lambda: 0 in pv.painted_pages, timeout=10000)
    qtbot.mouseClick(pv.viewport(), Qt.MouseButton.LeftButton, pos=pv.point_of(gone.start + 3))  # choose it
    assert window.panel.current_id() == gone.id
    pv.setFocus()
    qtbot.keyClick(pv, Qt.Key.Key_Delete)
    assert sorted(h.exact for h in window.session.highlights) == sorted([LINES[0], LINES[2]])
    db = db_path
    window.close()

    w3c = tmp_path / "annot.w3c"
    assert cli_main(["export", str(pdf), "--format", "w3c", "-o", str(w3c), "--db", str(db)]) == 0
    data = json.loads(w3c.read_text(encoding="utf-8"))
    assert len(data["takenOver"]) == 1 and len(data["takenOver"][0]["keys"]) == 3  # the deleted one's key too

    fresh = tmp_path / "fresh.sqlite"
    capsys.readouterr()
    assert cli_main(["--db", str(fresh), "import", str(w3c)]) == 0
    said = capsys.readouterr().out
    assert said.startswith("added 2 highlights to ") and "own annotations" not in said and "already" not in said
    assert cli_main(["notes", str(pdf), "--json", "--db", str(fresh)]) == 0  # opened again: nothing more comes in
    got = sorted(h["text"] for h in json.loads(capsys.readouterr().out)["highlights"])
    assert got == sorted([LINES[0], LINES[2]])


def test_an_export_whose_every_annotation_was_deleted_still_keeps_them_out(tmp_path, capsys):
    pdf = three_marks(tmp_path / "marked.pdf")
    db, fresh = tmp_path / "notes.sqlite", tmp_path / "fresh.sqlite"
    assert cli_main(["notes", str(pdf), "--json", "--db", str(db)]) == 0  # the PDF's own three come in
    assert len(json.loads(capsys.readouterr().out)["highlights"]) == 3
    from notes_db import NotesDB

    store = NotesDB(db)
    for h in store.highlights(store.document_by_path(str(pdf.resolve())).id):  # type: ignore[union-attr]
        store.delete_highlight(h.id)
    store.close()
    w3c = tmp_path / "annot.w3c"
    assert cli_main(["export", str(pdf), "--format", "w3c", "-o", str(w3c), "--db", str(db)]) == 0
    assert json.loads(w3c.read_text(encoding="utf-8"))["total"] == 0
    capsys.readouterr()
    assert cli_main(["--db", str(fresh), "import", str(w3c)]) == 0
    assert "own annotations" not in capsys.readouterr().out
    assert cli_main(["notes", str(pdf), "--json", "--db", str(fresh)]) == 0  # the PDF opened in the other one
    assert json.loads(capsys.readouterr().out)["highlights"] == []
