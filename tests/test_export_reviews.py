"""A fact-checker's reviewed claims (status, note, source) are in their Markdown notes file and in
`reader notes` (s11 tryout, section 4: a reviewed claim went out only through ClaimReview)."""

from __future__ import annotations

import shutil

from PySide6.QtWidgets import QFileDialog

from tests.conftest import SAMPLE
from tests.gui_helpers import shown_window
from tests.test_export import ok, reader
from tests.test_export_gui import menu_action

CLAIM = "56.1% are Party members"
NOTE = "The survey is the Party's own: no independent count."
SOURCE = "https://example.org/party_survey"


def _review(doc, db_path) -> None:
    ok(reader("review", str(doc), "--claim", CLAIM, "--status", "disputed", "--note", NOTE, "--source", SOURCE,
              db=db_path))


def test_file_export_markdown_has_the_reviewed_claims(qtbot, db_path, tmp_path, monkeypatch):
    doc = tmp_path / "docs" / "sample-article.md"
    doc.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SAMPLE, doc)
    _review(doc, db_path)
    w = shown_window(qtbot, db_path)
    w.open_path(doc)
    qtbot.waitUntil(lambda: w.session is not None and w.session.doc is w.doc)
    out = tmp_path / "notes.md"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_a: (str(out), "Markdown (*.md)")))
    menu_action(w, "File", "Export…").trigger()
    text = out.read_text(encoding="utf-8")
    assert "No highlights yet." in text  # no highlight, yet the review is there
    section = text[text.index("\n## Reviewed claims\n"):]
    assert section.splitlines()[3].startswith("> Among") and CLAIM in section.splitlines()[3], section
    assert "**disputed** · " in section and "[open in Reader](reader://open?doc=" in section, section
    assert "The survey is the Party's own: no independent count." in section, section
    assert "Source: [https://example.org/party\\_survey](https://example.org/party_survey)" in section, section


def test_reader_export_and_notes_list_the_reviewed_claims(db_path, tmp_path):
    doc = tmp_path / "sample-article.md"
    shutil.copyfile(SAMPLE, doc)
    md = ok(reader("export", str(doc), "--format", "markdown", db=db_path))
    assert "Reviewed claims" not in md  # nothing reviewed: no section
    _review(doc, db_path)
    md = ok(reader("export", str(doc), "--format", "markdown", db=db_path))
    assert "## Reviewed claims" in md and "**disputed**" in md and NOTE in md, md
    notes = ok(reader("notes", str(doc), db=db_path))
    lines = notes.splitlines()
    at = lines.index("reviewed claims (1)")
    assert lines[at + 1].startswith("[disputed] “") and CLAIM in lines[at + 1], notes
    assert lines[at + 2:at + 4] == [f"        note: {NOTE}", f"        source: {SOURCE}"], notes
    folder = tmp_path / "all"  # a document with a review and no highlight is exported with --all
    out = ok(reader("export", "--all", "-o", str(folder), db=db_path))
    assert out.startswith("wrote 1 file"), out
    (written,) = folder.iterdir()
    assert "**disputed**" in written.read_text(encoding="utf-8")
