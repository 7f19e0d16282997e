"""A PDF's own highlight annotations come into its notes whoever sees the file first (tryout s12,
section 1 item 1): ``reader notes FILE`` before the window used to register the document without
importing them, and the window then imported only on a first registration, so they never came in."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main as cli_main

PASSAGE = "Marginal notes survive"


def annotated_pdf(path: Path) -> Path:
    """A one-page PDF with one Highlight annotation over PASSAGE, as another reader would leave it."""
    import pymupdf

    with pymupdf.open() as d:
        page = d.new_page()
        page.insert_text((72, 100), f"{PASSAGE} the trip between readers.", fontsize=12)
        page.insert_text((72, 130), "A second line that nobody marked.", fontsize=12)
        (rect,) = page.search_for(PASSAGE)
        annot = page.add_highlight_annot(rect)
        annot.set_info(content="seen elsewhere\n\n#margin")
        annot.update()
        d.save(path)
    return path


def notes_lines(capsys, pdf: Path, db_path: Path) -> list[str]:
    capsys.readouterr()
    assert cli_main(["notes", str(pdf), "--db", str(db_path)]) == 0
    return [line for line in capsys.readouterr().out.splitlines() if PASSAGE in line]


def open_pdf(qtbot, window, pdf: Path):
    window.open_path(pdf)
    qtbot.waitUntil(lambda: window.doc is not None and window.doc.path == pdf and window.session is not None
                    and window.session.doc is window.doc, timeout=20000)
    qtbot.waitUntil(lambda: not window.controller.importing, timeout=10000)
    return window.session


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    return annotated_pdf(tmp_path / "thirdparty.pdf")


def test_command_line_first_imports_them_and_the_window_adds_nothing(qtbot, capsys, window, pdf, db_path, tmp_path):
    assert len(notes_lines(capsys, pdf, db_path)) == 1  # `reader notes` registers the PDF: its highlight is in
    assert len(notes_lines(capsys, pdf, db_path)) == 1  # and a second run adds nothing

    session = open_pdf(qtbot, window, pdf)
    (h,) = session.highlights
    assert (h.exact, h.origin, h.note, h.tags) == (PASSAGE, "imported", "seen elsewhere", ["margin"])
    assert window.panel.title.text() == "Annotations (1)"
    window.grab().save(str(tmp_path / "cli_first_then_window.png"))

    other = tmp_path / "other.md"
    other.write_text("# Other\n\nSomething else to read.\n", encoding="utf-8")
    window.open_path(other)
    qtbot.waitUntil(lambda: window.session is not None and window.doc.path == other)
    session = open_pdf(qtbot, window, pdf)
    assert len(session.highlights) == 1 and window.panel.title.text() == "Annotations (1)"
    assert len(notes_lines(capsys, pdf, db_path)) == 1


def test_window_first_imports_them_and_the_command_line_adds_nothing(qtbot, capsys, window, pdf, db_path, messages):
    session = open_pdf(qtbot, window, pdf)
    assert [h.exact for h in session.highlights] == [PASSAGE]
    assert any("Imported 1 highlight" in text for _level, text in messages)
    assert len(notes_lines(capsys, pdf, db_path)) == 1


def test_reader_s_own_annotated_export_opened_after_the_command_line(qtbot, capsys, window, pdf, db_path, tmp_path):
    """The annotated PDF Reader writes, seen by ``reader notes`` first, is imported too (tryout: exp_multi.pdf
    showed a blue box on its page that the Annotations panel did not list)."""
    session = open_pdf(qtbot, window, pdf)
    out = tmp_path / "exported.pdf"
    window.pdf.export_annotated_pdf(str(out))
    assert out.is_file()
    assert len(notes_lines(capsys, out, db_path)) == 1
    session = open_pdf(qtbot, window, out)
    assert [h.exact for h in session.highlights] == [PASSAGE]
    assert window.panel.title.text() == "Annotations (1)"


def test_an_import_cut_short_by_opening_another_document_still_brings_them_all(qtbot, window, tmp_path, monkeypatch):
    """The window imports a few per turn of its event loop; opening another document before the last turn
    brings the rest in at once (they were due on this first open, and no later open imports them)."""
    import pymupdf

    from reader.ui import pdf_import

    monkeypatch.setattr(pdf_import, "IMPORT_BATCH", 1)
    pdf = tmp_path / "many.pdf"
    with pymupdf.open() as d:
        page = d.new_page()
        for k in range(30):
            page.insert_text((72, 60 + 22 * k), f"Line number {k} of many marked lines.", fontsize=11)
        for rect in page.search_for("marked"):
            page.add_highlight_annot(rect)
        d.save(pdf)
    window.open_path(pdf)
    qtbot.waitUntil(lambda: window.controller.importing and len(window.session.highlights) >= 1, timeout=20000)
    assert len(window.session.highlights) < 30  # cut short: the rest are still to come
    other = tmp_path / "other.md"
    other.write_text("# Other\n\nSomething else to read.\n", encoding="utf-8")
    window.open_path(other)
    qtbot.waitUntil(lambda: window.session is not None and window.doc.path == other)
    session = open_pdf(qtbot, window, pdf)
    assert len(session.highlights) == 30
    assert window.panel.title.text() == "Annotations (30)"
