"""A PDF's text boxes (FreeText) and drawings (Ink) come into its notes (pdf3 item 5): a text box as a note with its
text on the line nearest it, a drawing as a note "drawing on page N" on the line nearest it, each with its author,
counted by kind in what the window says; MuPDF keeps drawing them (Reader does not draw a box or a drawing) and
the annotated copy keeps them; none comes in twice."""

from __future__ import annotations

import json
from pathlib import Path

from reader.cli import main as cli_main
from tests.test_pdf_own_highlights_first_seen import open_pdf

LINES = ["The harbour master keeps the tide tables.", "Ships wait outside the breakwater at night."]


def boxed_pdf(path: Path) -> Path:
    import pymupdf

    with pymupdf.open() as d:
        page = d.new_page()
        for k, line in enumerate(LINES):
            page.insert_text((72, 100 + 60 * k), line, fontsize=12)
        box = page.add_freetext_annot(pymupdf.Rect(380, 85, 560, 105), "Ask about spring tides", fontsize=9)
        box.set_info(title="Dana")
        box.update()
        ink = page.add_ink_annot([[(80, 170), (150, 178), (220, 168)]])  # under the second line
        ink.set_info(title="Eli")
        ink.update()
        d.save(path)
    return path


def test_command_line_brings_a_text_box_and_a_drawing_in_as_notes_once(capsys, tmp_path, db_path):
    pdf = boxed_pdf(tmp_path / "boxed.pdf")
    capsys.readouterr()
    assert cli_main(["notes", str(pdf), "--json", "--db", str(db_path)]) == 0
    hs = sorted(json.loads(capsys.readouterr().out)["highlights"], key=lambda h: h["start"])
    assert [(h["text"], h["note"], h["author"], h["origin"]) for h in hs] == [
        (LINES[0], "Ask about spring tides", "Dana", "imported"),
        (LINES[1], "drawing on page 1", "Eli", "imported"),
    ], hs
    assert cli_main(["notes", str(pdf), "--json", "--db", str(db_path)]) == 0
    assert len(json.loads(capsys.readouterr().out)["highlights"]) == 2  # never twice

    import pymupdf

    out = tmp_path / "annotated.pdf"  # the copy keeps the box and the drawing, which say their notes themselves
    # (Reader wrote a highlight of each beside them, and the copy opened again had each twice: review s14)
    assert cli_main(["export", str(pdf), "-f", "pdf", "-o", str(out), "--db", str(db_path)]) == 0
    with pymupdf.open(out) as d:
        kinds = sorted(a.type[1] for a in d[0].annots())
    assert kinds == ["FreeText", "Ink"], kinds


def test_the_window_says_them_by_kind_and_keeps_drawing_them(qtbot, window, tmp_path):
    import pymupdf

    from reader.pdf_pages import PdfPages
    from reader.ui import messages

    said: list[str] = []
    messages.bus.shown.connect(lambda _level, text: said.append(text))
    pdf = boxed_pdf(tmp_path / "boxed.pdf")
    session = open_pdf(qtbot, window, pdf)
    qtbot.waitUntil(lambda: len(session.highlights) == 2 and any(t.startswith("Imported ") for t in said),
                    timeout=10000)
    text = next(t for t in said if t.startswith("Imported "))
    assert text.startswith("Imported 1 text box and 1 drawing"), text
    window.grab().save(str(tmp_path / "boxes.png"))
    pages = PdfPages.open(pdf)
    try:
        assert pages.render(0, 0.5, hidden=frozenset(session.taken)) is not None
        hidden = [a.type[1] for a in pages._page(0).annots() if a.flags & pymupdf.PDF_ANNOT_IS_HIDDEN]
        assert hidden == []  # MuPDF still draws both
    finally:
        pages.close()
