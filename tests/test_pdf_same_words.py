"""Two annotations of a PDF on the same words are two annotations (review s13, D2): a highlight and an underline
on one word had one key (page and place), so only one came in, both were hidden from the page, both left the
annotated export, and a reply whose icon sat on its parent's lost its text. The key now holds the kind (all but
a highlight, whose keys stay as they were) and a reply's own marker."""

from __future__ import annotations

import json
from pathlib import Path

from reader.cli import main as cli_main

LINE = "Harbours and ships fill the old port every morning."
WORD = "ships"


def twice_marked(path: Path) -> Path:
    """One page: a yellow highlight by Alice and a green underline by Bob on the same word; Carol answers the
    underline with a sticky note placed exactly where the underline is."""
    import pymupdf

    with pymupdf.open() as d:
        page = d.new_page()
        page.insert_text((72, 100), LINE, fontsize=12)
        (r,) = page.search_for(WORD)
        high = page.add_highlight_annot(r)
        high.set_info(title="Alice", content="a highlight")
        high.update()
        under = page.add_underline_annot(r)
        under.set_colors(stroke=(0.37, 0.7, 0.21))
        under.set_info(title="Bob", content="an underline")
        under.update()
        reply = page.add_text_annot((r.x0, r.y0), "Carol's answer.")
        reply.set_rect(under.rect)  # on its parent's very spot
        reply.set_info(title="Carol")
        reply.set_irt_xref(under.xref)
        reply.update()
        d.save(path)
    return path


def _notes(capsys, pdf: Path, db_path: Path) -> list[dict]:
    capsys.readouterr()
    assert cli_main(["notes", str(pdf), "--json", "--db", str(db_path)]) == 0
    return sorted(json.loads(capsys.readouterr().out)["highlights"], key=lambda h: h["note"])


def _annotations(pdf: Path) -> list[tuple[str, str]]:
    """(author, content) of each annotation of the PDF's page, sorted."""
    import pymupdf

    with pymupdf.open(pdf) as d:
        return sorted((a.info.get("title", ""), a.info.get("content", "")) for a in d[0].annots())


def test_a_highlight_and_an_underline_on_one_word_both_come_in(capsys, tmp_path, db_path):
    pdf = twice_marked(tmp_path / "twice.pdf")
    hs = _notes(capsys, pdf, db_path)
    assert [(h["text"], h["note"], h["color"], h["author"]) for h in hs] == [
        (WORD, "a highlight", "yellow", "Alice"),
        (WORD, "an underline\n\n— Bob\n\nCarol's answer.\n\n— Carol", "green", "Bob"),  # with its reply's text
    ], hs
    assert len(_notes(capsys, pdf, db_path)) == 2  # never twice


def test_deleting_one_hides_and_exports_only_that_one(qtbot, window, tmp_path):
    from reader.pdf_pages import PdfPages, page_highlight_annotations
    from tests.test_pdf_own_highlights_added_later import open_pdf

    pdf = twice_marked(tmp_path / "twice.pdf")
    session = open_pdf(qtbot, window, pdf)
    assert sorted(h.color for h in session.highlights) == ["green", "yellow"]
    underline = next(h for h in session.highlights if h.color == "green")
    window.controller.delete_highlight(underline.id)
    assert [(h.note, h.author) for h in window.session.highlights] == [("a highlight", "Alice")]
    out = tmp_path / "exported.pdf"
    window.pdf.export_annotated_pdf(str(out))
    # the PDF's own three left out (each taken over), the one highlight left written again, by its author
    assert _annotations(out) == [("Alice", "a highlight")]

    # the page is drawn without the annotations whose keys are hidden, and only those
    pages = PdfPages.open(pdf)
    try:
        page = pages._page(0)
        keys = {a.kind: a.key for a in page_highlight_annotations(pages.pdf, 0, page)}
        assert len(set(keys.values())) == 2, keys
        assert pages.render(0, 0.5, hidden={keys["highlight"]}) is not None
        import pymupdf

        hidden = sorted(a.type[1] for a in pages._page(0).annots() if a.flags & pymupdf.PDF_ANNOT_IS_HIDDEN)
        assert hidden == ["Highlight"], hidden
    finally:
        pages.close()


def test_what_was_taken_over_under_a_key_without_its_kind_stays_taken_over(capsys, tmp_path, db_path):
    """A notes file from before the kind was in the key: its sticky notes, underlines and replies were taken over
    under their page and place only. One of them the person deleted does not come back, and none twice."""
    from notes_db.pdf_annotations import taken_over
    from notes_db.store import NotesDB
    from tests.test_pdf_sticky_notes import marked_pdf

    pdf = marked_pdf(tmp_path / "marked.pdf")
    assert len(_notes(capsys, pdf, db_path)) == 4
    with NotesDB(db_path) as store:
        doc = store.document_by_path(str(pdf.resolve()))
        assert doc is not None
        new = taken_over(store, doc.id)
        old = {":".join(k.split(":", 2)[:2]) for k in new}
        assert old != new  # (the note, the underline, the squiggle, the strike-out and the reply had their kind)
        with store.transaction() as db:
            db.execute("DELETE FROM pdf_annotations WHERE doc_id = ?", [doc.id])
            db.conn.executemany("INSERT INTO pdf_annotations (doc_id, key) VALUES (?, ?)",
                                [(doc.id, k) for k in old])
        alice = next(h for h in store.highlights(doc.id) if h.author == "Alice")
        store.delete_highlight(alice.id)
    hs = _notes(capsys, pdf, db_path)
    assert len(hs) == 3 and not any(h["author"] == "Alice" for h in hs), hs
    with NotesDB(db_path) as store:
        assert new <= taken_over(store, doc.id)  # recorded under today's keys from now on
    assert len(_notes(capsys, pdf, db_path)) == 3
