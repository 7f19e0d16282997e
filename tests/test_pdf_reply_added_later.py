"""A reply another program adds to an annotation Reader took over comes in the next time the PDF is opened
(review s13, D3): the parent, taken over, was skipped before its replies were looked at, and a PDF whose only
new annotation was a reply was not even looked at (Session.annotations_due). The reply now comes in under the
note of the highlight its parent became, once."""

from __future__ import annotations

import os
from pathlib import Path

from reader.cli import main as cli_main
from tests.test_pdf_own_highlights_added_later import FIRST, make_pdf, open_other, open_pdf

ANSWER = "Only in the second printing."


def add_reply(path: Path, text: str = ANSWER, author: str = "Dan") -> None:
    """Another program answers the highlight over FIRST and writes the whole file again (objects renumbered)."""
    import pymupdf

    tmp = path.with_suffix(".tmp")
    with pymupdf.open(path) as d:
        page = d[0]
        (parent,) = [a for a in page.annots() if a.type[1] == "Highlight"]
        reply = page.add_text_annot((parent.rect.x1 + 20, parent.rect.y0), text)
        reply.set_info(title=author)
        reply.set_irt_xref(parent.xref)
        reply.update()
        d.save(tmp, garbage=4, deflate=True)
    os.replace(tmp, path)


def test_the_window_brings_a_reply_added_since_under_the_note(qtbot, window, tmp_path):
    pdf = make_pdf(tmp_path / "paper.pdf")
    session = open_pdf(qtbot, window, pdf)
    assert [h.note for h in session.highlights] == ["seen elsewhere"]
    open_other(qtbot, window, tmp_path)

    add_reply(pdf)
    session = open_pdf(qtbot, window, pdf)
    (h,) = session.highlights
    assert (h.exact, h.note, h.tags) == (FIRST, f"seen elsewhere\n\n{ANSWER}\n\n— Dan", ["margin"])
    proxy = window.panel.proxy
    assert ANSWER in proxy.data(proxy.index(0, 0))  # its card says it
    qtbot.wait(300)  # (the page drawn again without the reply Reader took over, for the picture)
    window.grab().save(str(tmp_path / "reply_added_later.png"))
    open_other(qtbot, window, tmp_path)

    session = open_pdf(qtbot, window, pdf)  # opened again: not twice
    assert [h.note for h in session.highlights] == [f"seen elsewhere\n\n{ANSWER}\n\n— Dan"]


def test_the_command_line_brings_a_reply_added_since_once(capsys, tmp_path, db_path):
    pdf = make_pdf(tmp_path / "paper.pdf")

    def notes() -> str:
        capsys.readouterr()
        assert cli_main(["notes", str(pdf), "--db", str(db_path)]) == 0
        return capsys.readouterr().out

    assert ANSWER not in notes()
    add_reply(pdf)
    assert notes().count(ANSWER) == 1
    add_reply(pdf, "A second answer.", "Eve")
    out = notes()
    assert out.count(ANSWER) == 1 and out.count("A second answer.") == 1, out


def test_a_reply_the_note_already_holds_leaves_the_note_untouched(capsys, tmp_path, db_path):
    """A reply taken over under an older key (its note holds it already) is only taken over: the highlight is not
    written again (its date kept, nothing for sync to send)."""
    from notes_db.pdf_annotations import taken_over
    from notes_db.store import NotesDB

    pdf = make_pdf(tmp_path / "paper.pdf")
    add_reply(pdf)
    capsys.readouterr()
    assert cli_main(["notes", str(pdf), "--db", str(db_path)]) == 0
    with NotesDB(db_path) as store:
        doc = store.document_by_path(str(pdf.resolve()))
        assert doc is not None
        with store.transaction() as db:  # (as a notes file that took the reply over under another key)
            db.execute("DELETE FROM pdf_annotations WHERE doc_id = ? AND key LIKE '%:re:%'", [doc.id])
        (before,) = store.highlights(doc.id)
    assert ANSWER in before.note
    assert cli_main(["notes", str(pdf), "--db", str(db_path)]) == 0
    with NotesDB(db_path) as store:
        (after,) = store.highlights(doc.id)
        assert (after.note, after.updated) == (before.note, before.updated)
        assert any(":re:" in k for k in taken_over(store, doc.id))
