"""Reader's own JSON export can be imported (pdf3 item 4; tryout 10 found `reader import x.json` refused it): its
highlights (colour, style, note, tags, dates), claim reviews and quote corrections come back as from a W3C export,
an older one never replacing a newer one; export, import into an empty notes file and export again give the same
file; a PDF's own annotations taken over (a deleted one among them) stay out."""

from __future__ import annotations

import json

from notes_db import NotesDB
from reader.cli import main as cli_main
from tests.conftest import SAMPLE
from tests.test_export import ok, reader
from tests.test_export_claims import CLAIM, make_reviewed
from tests.test_pdf_taken_over_travels import LINES, three_marks


def test_readers_json_export_comes_back_whole_and_the_same(tmp_path, db_path):
    doc = make_reviewed(tmp_path, db_path)  # a highlight, two reviews, two corrections
    ok(reader("highlight", str(doc), "--text", "Song Tao", "--color", "green", "--style", "squiggly", "--note",
              "who?\nsecond line", "--tag", "people", "--tag", "two words", db=db_path))
    first = tmp_path / "first.json"
    ok(reader("export", str(doc), "-f", "json", "-o", str(first), db=db_path))
    empty = tmp_path / "empty.sqlite"
    out = ok(reader("import", str(first), db=empty)).splitlines()
    assert out == ["added 2 highlights, 2 claim reviews and 2 quote corrections to Working Hard to Bring Happiness "
                   "to the Chinese People and Promote Progress of all Mankind"], out
    second = tmp_path / "second.json"
    ok(reader("export", str(doc), "-f", "json", "-o", str(second), db=empty))
    assert second.read_bytes() == first.read_bytes()
    got = {h["text"]: h for h in json.loads(second.read_text(encoding="utf-8"))["highlights"]}
    assert (got["Song Tao"]["style"], got["Song Tao"]["note"], got["Song Tao"]["tags"]) == (
        "squiggly", "who?\nsecond line", ["people", "two words"])

    # a review changed here after the export: bringing the older export back leaves it
    ok(reader("review", str(doc), "--claim", CLAIM, "--status", "verified", db=empty))
    assert ok(reader("import", str(first), db=empty)).strip() == "6 already in the notes file"  # (the older review too)
    reviews = json.loads(ok(reader("export", str(doc), "-f", "json", db=empty)))["reviews"]
    assert next(r for r in reviews if CLAIM in r["claim"])["status"] == "verified"


def test_a_pdf_annotation_deleted_stays_out_when_readers_json_is_imported(tmp_path, capsys):
    pdf = three_marks(tmp_path / "marked.pdf")
    db, fresh = tmp_path / "notes.sqlite", tmp_path / "fresh.sqlite"
    assert cli_main(["notes", str(pdf), "--db", str(db)]) == 0
    store = NotesDB(db)
    doc = store.document_by_path(str(pdf.resolve()))
    assert doc is not None
    store.delete_highlight(next(h.id for h in store.highlights(doc.id) if h.exact == LINES[1]))
    store.close()
    out = tmp_path / "notes.json"
    assert cli_main(["export", str(pdf), "--format", "json", "-o", str(out), "--db", str(db)]) == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["document"]["taken_over"]) == 3
    capsys.readouterr()
    assert cli_main(["--db", str(fresh), "import", str(out)]) == 0
    assert capsys.readouterr().out.startswith("added 2 highlights to ")
    assert cli_main(["notes", str(pdf), "--json", "--db", str(fresh)]) == 0
    assert sorted(h["text"] for h in json.loads(capsys.readouterr().out)["highlights"]) == sorted([LINES[0], LINES[2]])


def test_file_import_notes_reads_readers_json_into_the_open_document(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from tests.test_export_gui import menu_action

    source_db = tmp_path / "elsewhere.sqlite"
    doc = make_reviewed(tmp_path, source_db)
    exported = tmp_path / "notes.json"
    ok(reader("export", str(doc), "-f", "json", "-o", str(exported), db=source_db))
    window.open_path(doc)
    qtbot.waitUntil(lambda: window.session is not None and window.doc is not None and window.doc.path == doc,
                    timeout=20000)
    assert window.session.highlights == []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(exported), "")))
    menu_action(window, "File", "Import Notes…").trigger()
    qtbot.waitUntil(lambda: len(window.session.highlights) == 1, timeout=10000)
    assert window.session.highlights[0].exact == "Xi Jinping" and window.session.highlights[0].color == "blue"
    assert "added 1 highlight, 2 claim reviews and 2 quote corrections" in window.banner.text()
    window.grab().save(str(tmp_path / "imported_json.png"))


def test_a_hand_edited_export_keeps_its_tags_and_a_colour_whose_style_is_unknown(tmp_path, db_path):
    """A hand-edited export: "tags" written as one string is parted at commas (not one tag a character), and a
    style this Reader does not know keeps the highlight's colour (review s14: it became yellow)."""
    doc = tmp_path / "sample-article.md"
    doc.write_bytes(SAMPLE.read_bytes())
    ok(reader("highlight", str(doc), "--text", "Song Tao", "--color", "blue", db=db_path))
    data = json.loads(ok(reader("export", str(doc), "-f", "json", db=db_path)))
    (h,) = data["highlights"]
    h["tags"], h["style"] = "people, two words", "double-underline"
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data), encoding="utf-8")
    empty = tmp_path / "empty.sqlite"
    ok(reader("import", str(edited), db=empty))
    (got,) = json.loads(ok(reader("export", str(doc), "-f", "json", db=empty)))["highlights"]
    assert (got["text"], got["color"], got["style"], got["tags"]) == ("Song Tao", "blue", "highlight",
                                                                     ["people", "two words"])
