"""The annotated PDF, opened again, brings back what Reader had: the same highlights in the same styles with the same
authors, none twice (review s14: a text box or drawing the copy keeps came back twice, the box itself and the
highlight annotation Reader wrote of it too). Its annotations are titled with their highlight's author, else
"Reader". And a Hypothesis export's ``user`` ("acct:bob@hypothes.is") is read as the author ("bob")."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt

from reader.cli import main as cli_main
from tests.test_export import sample  # noqa: F401  (the fixture)
from tests.test_pages import drag
from tests.test_pdf_own_highlights_first_seen import open_pdf
from tests.test_pdf_sticky_notes import marked_pdf


def boxed_and_marked_pdf(path: Path) -> Path:
    """marked_pdf's page (a sticky note by Alice, Bob's underline Carol answers, Bob's squiggle, a strike-out), and a
    text box by Dana beside its third line, a drawing by Eli under its fourth."""
    import pymupdf

    first = marked_pdf(path.with_name("plain-" + path.name))
    with pymupdf.open(first) as d:
        page = d[0]
        box = page.add_freetext_annot(pymupdf.Rect(400, 150, 560, 168), "Ask the harbour master", fontsize=9)
        box.set_info(title="Dana")
        box.update()
        ink = page.add_ink_annot([[(80, 200), (150, 206), (220, 198)]])
        ink.set_info(title="Eli")
        ink.update()
        d.save(path)
    return path


def seen(session) -> list[tuple[str, str, str, str, str]]:
    """The document's highlights as a person sees them: words, note, style, colour, author (in the text's order)."""
    return sorted((h.exact, h.note, h.style, h.color, h.author) for h in session.every_highlight() if h.end > h.start)


def test_the_annotated_copy_opened_again_has_the_same_styles_and_authors_and_nothing_twice(qtbot, window, tmp_path,
                                                                                         monkeypatch):
    import pymupdf

    from reader.ui import pdf_mode

    pdf = boxed_and_marked_pdf(tmp_path / "marked.pdf")
    w = window
    session = open_pdf(qtbot, w, pdf)
    qtbot.waitUntil(lambda: len(seen(session)) == 6, timeout=10000)
    qtbot.waitUntil(lambda: 0 in w.page_view.painted_pages)
    pv = w.page_view  # the person's own highlight: no author
    s = w.doc.text.index("careful reader")
    drag(qtbot, pv.viewport(), pv.point_of(s), pv.point_of(s + len("careful reader") - 1))
    qtbot.keyClick(pv, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: len(seen(session)) == 7)
    before = seen(session)
    authors = {words.rstrip("."): author for words, _n, _s, _c, author in before}
    assert authors["nobody marked"] == "Bob" and authors["careful reader"] == ""

    out = tmp_path / "marked (annotated).pdf"
    monkeypatch.setattr(pdf_mode.QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    w.menus.export_pdf_action.trigger()  # File > Export Annotated PDF…, the file chosen in its dialog
    qtbot.waitUntil(lambda: "with annotations:" in w.banner.text())
    with pymupdf.open(out) as d:
        written = sorted((a.type[1], a.info.get("title", "")) for a in d[0].annots())
    assert written == [("FreeText", "Dana"), ("Highlight", "Alice"), ("Highlight", "Reader"), ("Ink", "Eli"),
                       ("Squiggly", "Bob"), ("StrikeOut", "Reader"), ("Underline", "Bob")], written

    copy = open_pdf(qtbot, w, out)  # the copy opened in Reader: it has never seen it
    qtbot.waitUntil(lambda: not w.controller.importing and len(seen(copy)) >= 7, timeout=10000)
    qtbot.waitUntil(lambda: 0 in w.page_view.painted_pages)
    w.page_view.grab().save(str(tmp_path / "copy_opened.png"))
    assert seen(copy) == before  # the same words, notes, styles, colours and authors; nothing twice


def test_a_hypothesis_users_name_is_the_highlights_author(capsys, sample, tmp_path, db_path):  # noqa: F811
    from reader.loaders import load

    text = load(sample).text
    i = text.index("56.1% are Party members")
    data = {"export_date": "2024-05-03", "export_userid": "acct:me@hypothes.is", "annotations": [{
        "id": "abc", "created": "2024-05-01T10:00:00+00:00", "updated": "2024-05-02T10:00:00+00:00",
        "uri": "https://example.org/article", "text": "from the web", "tags": [], "user": "acct:bob@hypothes.is",
        "target": [{"source": "https://example.org/article", "selector": [
            {"type": "TextQuoteSelector", "exact": "56.1% are Party members", "prefix": text[i - 20:i],
             "suffix": text[i + 23:i + 40]}]}]}]}
    f = tmp_path / "hypothesis.json"
    f.write_text(json.dumps(data), encoding="utf-8")
    assert cli_main(["import", str(f), "--into", str(sample), "--db", str(db_path)]) == 0
    capsys.readouterr()
    assert cli_main(["notes", str(sample), "--json", "--db", str(db_path)]) == 0
    (h,) = json.loads(capsys.readouterr().out)["highlights"]
    assert (h["text"], h["note"], h["author"]) == ("56.1% are Party members", "from the web", "bob")
    assert cli_main(["notes", str(sample), "--db", str(db_path)]) == 0
    assert "by bob “56.1% are Party members”" in capsys.readouterr().out
