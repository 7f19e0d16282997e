"""A PDF's sticky notes, underlines, squiggles and strike-outs come into its notes with their authors, as Zotero
brings them (s13 tryout, section 4: only Highlight annotations came in, and no author was shown)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from reader.cli import main as cli_main
from tests.test_pdf_own_highlights_first_seen import open_pdf

LINES = ["The first line tells of harbours and ships.", "The second line is about the weather at sea.",
         "A third line nobody marked at all.", "The fourth line was struck out by a careful reader."]


def marked_pdf(path: Path) -> Path:
    """One page: a sticky note by Alice beside the second line, an underline (blue) by Bob that Carol answers
    (a reply: a sticky note with /IRT), a squiggle by Bob, a strike-out with no author; a second page without
    words carries a sticky note too."""
    import pymupdf

    with pymupdf.open() as d:
        page = d.new_page()
        for k, line in enumerate(LINES):
            page.insert_text((72, 100 + 30 * k), line, fontsize=12)
        note = page.add_text_annot((420, 118), "Check the log book.")  # right of the second line's end
        note.set_info(title="Alice")
        note.update()
        (r,) = page.search_for("harbours and ships")
        under = page.add_underline_annot(r)
        under.set_colors(stroke=(0.2, 0.4, 0.9))
        under.set_info(title="Bob", content="ports")
        under.update()
        reply = page.add_text_annot((500, 90), "Harbours, not ports.")  # Carol answers Bob's underline
        reply.set_info(title="Carol")
        reply.set_irt_xref(under.xref)
        reply.update()
        (r,) = page.search_for("nobody marked")
        squiggle = page.add_squiggly_annot(r)
        squiggle.set_info(title="Bob")
        squiggle.update()
        (r,) = page.search_for("struck out")
        page.add_strikeout_annot(r).update()
        blank = d.new_page()
        blank.add_text_annot((100, 100), "A note on an empty page.").update()
        d.save(path)
    return path


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    return marked_pdf(tmp_path / "marked.pdf")


def _notes(capsys, pdf: Path, db_path: Path) -> list[dict]:
    capsys.readouterr()
    assert cli_main(["notes", str(pdf), "--json", "--db", str(db_path)]) == 0
    return sorted(json.loads(capsys.readouterr().out)["highlights"], key=lambda h: h["start"])


def test_command_line_imports_notes_and_marks_with_their_authors_once(capsys, pdf, db_path):
    before = hashlib.sha256(pdf.read_bytes()).hexdigest()
    hs = _notes(capsys, pdf, db_path)
    got = [(h["text"], h["note"], h["color"], h["author"]) for h in hs]
    assert got == [  # (the author is data: in the note only above a reply, each reply with its own)
        ("harbours and ships.", "ports\n\n— Bob\n\nHarbours, not ports.\n\n— Carol", "blue", "Bob"),  # (whole words)
        (LINES[1], "Check the log book.", "yellow", "Alice"),  # the line nearest the icon, whole
        ("nobody marked", "", "purple", "Bob"),  # PyMuPDF's squiggle is magenta: its own colour
        ("struck out", "", "red", ""),  # PyMuPDF's strike-out is red: its own colour; no author named
    ], got
    assert {h["origin"] for h in hs} == {"imported"}
    assert len(_notes(capsys, pdf, db_path)) == 4  # never twice
    assert hashlib.sha256(pdf.read_bytes()).hexdigest() == before  # the file is never changed
    capsys.readouterr()
    assert cli_main(["export", str(pdf), "-f", "csv", "--db", str(db_path)]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].endswith(",style,author") and any(r.endswith(",highlight,Alice") for r in rows), rows


def test_window_shows_the_author_in_the_note_card(qtbot, window, pdf, db_path, tmp_path):
    session = open_pdf(qtbot, window, pdf)
    assert len(session.highlights) == 4
    assert window.panel.title.text() == "Annotations (4)"
    proxy = window.panel.proxy
    cards = [proxy.data(proxy.index(row, 0)) for row in range(proxy.rowCount())]
    alice = next(c for c in cards if "Check the log book." in c)
    assert "imported · by Alice" in alice.splitlines()[0] and alice.endswith("Check the log book."), alice
    qtbot.wait(300)  # (the page drawn again without the annotations Reader took over, for the picture)
    window.grab().save(str(tmp_path / "sticky_note.png"))
    # the deleted note stays deleted when the PDF is opened again
    h = next(h for h in session.highlights if h.author == "Alice")
    window.controller.delete_highlight(h.id)
    other = tmp_path / "other.md"
    other.write_text("# Other\n\nSomething else.\n", encoding="utf-8")
    window.open_path(other)
    qtbot.waitUntil(lambda: window.session is not None and window.doc.path == other)
    session = open_pdf(qtbot, window, pdf)
    assert len(session.highlights) == 3 and not any(h.author == "Alice" for h in session.highlights)


def test_the_import_says_what_kinds_it_brought(qtbot, window, pdf):
    """Second tryout s13: "Imported 4 highlights" for a highlight, an underline and sticky notes."""
    from reader.ui import messages

    said: list[str] = []
    messages.bus.shown.connect(lambda _level, text: said.append(text))
    open_pdf(qtbot, window, pdf)
    qtbot.waitUntil(lambda: any(t.startswith("Imported ") for t in said), timeout=10000)
    text = next(t for t in said if t.startswith("Imported "))
    for part in ("1 sticky note", "1 underline", "1 squiggle", "1 strike-out"):
        assert part in text, text
    assert "highlight" not in text.split(" already")[0], text
