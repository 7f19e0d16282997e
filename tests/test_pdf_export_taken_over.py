"""An annotated PDF exported from Reader holds each highlight once, and none the person deleted (found with
pdf2 item 1): the copy kept the PDF's own highlight annotations that Reader had imported and then wrote its
own beside them, so every imported highlight was there twice, and one deleted in Reader was still in the
export. The annotations Reader took over are now left out of the copy (each is written again as the
highlight it became); the others are kept."""

from __future__ import annotations

from pathlib import Path

from reader.cli import main as cli_main
from tests.test_pdf_own_highlights_drawn import PASSAGE, annotated_pdf

SECOND = "A second line"


def marked(pdf: Path) -> list[tuple[str, str]]:
    """(author, words under it) of each highlight annotation in ``pdf``, in page order."""
    import pymupdf

    with pymupdf.open(pdf) as d:
        page = d[0]
        out = []
        for a in page.annots():
            r = a.rect
            words = " ".join(w[4] for w in page.get_text("words")
                             if r.contains(pymupdf.Point((w[0] + w[2]) / 2, (w[1] + w[3]) / 2)))
            out.append((a.info.get("title", ""), words))
        return sorted(out)


def test_the_window_exports_each_highlight_once_and_not_the_deleted_one(qtbot, window, tmp_path):
    pdf = annotated_pdf(tmp_path / "marked.pdf")
    window.open_path(pdf)
    qtbot.waitUntil(lambda: window.session is not None and window.doc is not None and window.doc.path == pdf
                    and len(window.session.highlights) == 1 and not window.controller.importing, timeout=20000)
    s = window.doc.text.index(SECOND)
    window.controller.create_highlight(s, s + len(SECOND), "green", "", [])
    out = tmp_path / "exported.pdf"
    window.pdf.export_annotated_pdf(str(out))
    # ("", ""): the PDF's annotation over no words, kept (Reader did not take it over)
    assert marked(out) == [("", ""), ("Reader", "A second line"), ("Reader", "Marginal notes survive")]

    imported = next(h for h in window.session.highlights if h.exact == PASSAGE)
    window.session.delete(imported.id)
    window.pdf.export_annotated_pdf(str(out))
    assert marked(out) == [("", ""), ("Reader", "A second line")]


def test_the_command_line_exports_each_highlight_once(capsys, tmp_path, db_path):
    pdf = annotated_pdf(tmp_path / "marked.pdf")
    out = tmp_path / "exported.pdf"
    assert cli_main(["export", str(pdf), "--format", "pdf", "-o", str(out), "--db", str(db_path)]) == 0
    assert marked(out) == [("", ""), ("Reader", "Marginal notes survive")]
    folder = tmp_path / "all"
    assert cli_main(["export", "--all", "--format", "pdf", "-o", str(folder), "--db", str(db_path)]) == 0
    (one,) = folder.glob("*.pdf")
    assert marked(one) == [("", ""), ("Reader", "Marginal notes survive")]
