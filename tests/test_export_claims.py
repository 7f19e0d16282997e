"""Claim reviews and quote corrections go out in JSON, CSV and W3C exports, and a W3C export brings them back
(s13 tryout, section 4: moving notes with W3C export and import lost the reviews)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import SAMPLE
from tests.test_export import ok, reader

CLAIM = "56.1% are Party members"
NOTE = "The survey is the Party's own."
SOURCE = "https://example.org/party_survey"
SAID = "crossing the river by feeling the stones"
NOT_A_QUOTE = "the greatest development initiative"


@pytest.fixture(scope="module")
def reviewed_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sample article with a highlight, two claim reviews and two quote corrections made through the command
    line, once for this file's tests (five `reader` processes, each reading and analysing the article: a third of
    each test's time): (the document, its notes file). Each test works on a copy of the notes file (_reviewed)."""
    root = tmp_path_factory.mktemp("reviewed")
    db = root / "notes.sqlite"
    return make_reviewed(root, db), db


def make_reviewed(root: Path, db: Path) -> Path:
    """The sample article copied to ``root``/docs, with a highlight, two claim reviews and two quote corrections
    made in ``db`` through the command line; the document."""
    doc = root / "docs" / "sample-article.md"
    doc.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SAMPLE, doc)
    ok(reader("highlight", str(doc), "--text", "Xi Jinping", "--occurrence", "1", "--color", "blue", db=db))
    ok(reader("review", str(doc), "--claim", CLAIM, "--status", "disputed", "--note", NOTE, "--source", SOURCE, db=db))
    ok(reader("review", str(doc), "--claim", "Extremism, terrorism", "--status", "verified", db=db))
    ok(reader("correct", str(doc), "--quote", SAID, "--speaker", "Deng Xiaoping", db=db))
    ok(reader("correct", str(doc), "--quote", NOT_A_QUOTE, "--not-a-quote", db=db))
    return doc


def _reviewed(made: tuple[Path, Path], db: Path) -> Path:
    """The reviewed document, its notes copied into ``db`` (SQLite's backup: whole, whatever its journal holds)."""
    doc, template = made
    db.parent.mkdir(parents=True, exist_ok=True)
    src, dst = sqlite3.connect(template), sqlite3.connect(db)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return doc


def test_json_and_csv_hold_the_reviews_and_corrections(tmp_path, db_path, reviewed_once):
    doc = _reviewed(reviewed_once, db_path)
    data = json.loads(ok(reader("export", str(doc), "-f", "json", db=db_path)))
    by_status = {r["status"]: r for r in data["reviews"]}
    assert set(by_status) == {"disputed", "verified"}
    disputed = by_status["disputed"]
    assert CLAIM in disputed["claim"] and disputed["note"] == NOTE and disputed["source"] == SOURCE
    assert disputed["kind"] == "figure" and disputed["updated"] and disputed["start"] < disputed["end"]
    assert disputed["link"].startswith("reader://open?doc=")
    said, dismissed = sorted(data["corrections"], key=lambda c: c["not_a_quote"])
    assert SAID in said["quote"] and said["speaker"] == "Deng Xiaoping" and said["not_a_quote"] is False
    assert said["found_speaker"] is None  # the analysis named nobody
    assert NOT_A_QUOTE in dismissed["quote"] and dismissed["not_a_quote"] is True and dismissed["speaker"] is None
    rows = list(csv.DictReader(io.StringIO(ok(reader("export", str(doc), "-f", "csv", db=db_path)))))
    assert [r["type"] for r in rows] == ["highlight", "review", "review", "correction", "correction"]
    review = next(r for r in rows if r["status"] == "disputed")
    assert CLAIM in review["text"] and review["note"] == NOTE and review["source"] == SOURCE
    assert {r["speaker"] for r in rows if r["type"] == "correction"} == {"Deng Xiaoping", "not a quote"}


def test_w3c_round_trip_brings_back_the_reviews_and_corrections(tmp_path, db_path, reviewed_once):
    doc = _reviewed(reviewed_once, db_path)
    first = tmp_path / "first.jsonld"
    ok(reader("export", str(doc), "-f", "w3c", "-o", str(first), db=db_path))
    items = json.loads(first.read_text(encoding="utf-8"))["first"]["items"]
    assessing = [a for a in items if a["motivation"] == "assessing"]
    assert len(assessing) == 2
    disputed = next(a for a in assessing if a["body"][0]["value"] == "disputed")
    assert disputed["body"][0]["purpose"] == "assessing"
    assert {"type": "TextualBody", "value": NOTE, "format": "text/plain", "purpose": "commenting"} in disputed["body"]
    assert {"type": "SpecificResource", "source": SOURCE, "purpose": "linking"} in disputed["body"]
    (quote_sel,) = [s for s in disputed["target"]["selector"] if s["type"] == "TextQuoteSelector"]
    assert CLAIM in quote_sel["exact"]
    classifying = [a for a in items if a["motivation"] == "classifying"]
    assert sorted(a["body"][0]["value"] for a in classifying) == ["Deng Xiaoping", "not a quote"]

    empty = tmp_path / "empty.sqlite"
    out = ok(reader("import", str(first), db=empty)).splitlines()
    assert out == ["added 1 highlight, 2 claim reviews and 2 quote corrections to Working Hard to Bring Happiness to "
                   "the Chinese People and Promote Progress of all Mankind"], out
    second = tmp_path / "second.jsonld"
    ok(reader("export", str(doc), "-f", "w3c", "-o", str(second), db=empty))
    assert second.read_bytes() == first.read_bytes()
    assert ok(reader("import", str(first), db=empty)).strip() == "5 already in the notes file"
    mine, theirs = (json.loads(ok(reader("export", str(doc), "-f", "json", db=d))) for d in (db_path, empty))
    assert mine["reviews"] == theirs["reviews"] and mine["corrections"] == theirs["corrections"]
    # the ledger and the speakers list know them, as in the notes file they were made in
    ledger = ok(reader("ledger", db=empty))
    assert ledger == ok(reader("ledger", db=db_path)) and "[disputed]" in ledger and NOTE in ledger, ledger
    deng = ok(reader("speakers", "Deng Xiaoping", db=empty))
    assert SAID in deng and deng == ok(reader("speakers", "Deng Xiaoping", db=db_path)), deng
    everyone = ok(reader("speakers", db=empty))
    assert everyone == ok(reader("speakers", db=db_path))


def _tree_texts(panel) -> list[str]:
    out = []
    for k in range(panel.tree.topLevelItemCount()):
        top = panel.tree.topLevelItem(k)
        out.append(top.text(0))
        out += [top.child(j).text(0) for j in range(top.childCount())]
    return out


def test_window_imports_them_into_the_claims_panel_and_exports_them(qtbot, window, tmp_path, monkeypatch,
                                                                    reviewed_once):
    """File > Import Notes… of a W3C export with the document open: the Claims panel shows the review's status
    and the quotes under the person named (and apart, not a quote) at once; File > Export… as JSON holds them."""
    from PySide6.QtWidgets import QFileDialog

    from reader.ui.analysis_panel import CLAIMS, QUOTES
    from tests.test_export_gui import menu_action

    source_db = tmp_path / "elsewhere.sqlite"
    doc = _reviewed(reviewed_once, source_db)
    exported = tmp_path / "notes.jsonld"
    ok(reader("export", str(doc), "-f", "w3c", "-o", str(exported), db=source_db))
    w = window
    w.open_path(doc)
    qtbot.waitUntil(lambda: w.session is not None and w.doc.path == doc and w.controller.analysis is not None,
                    timeout=20000)
    panel = w.panels.analysis
    w.tabs.setCurrentWidget(panel)
    panel.sections.setCurrentIndex(CLAIMS)
    assert not any(", disputed" in t for t in _tree_texts(panel))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(exported), "")))
    menu_action(w, "File", "Import Notes…").trigger()
    assert any(CLAIM in t and ", disputed" in t for t in _tree_texts(panel))  # at once
    assert any("Extremism" in t and ", verified" in t for t in _tree_texts(panel))
    panel.sections.setCurrentIndex(QUOTES)
    quotes = _tree_texts(panel)
    at = next(k for k, t in enumerate(quotes) if t.startswith("Deng Xiaoping"))
    assert SAID in quotes[at + 1], quotes
    assert any(t.startswith("Not quotes (dismissed by you)") for t in quotes), quotes
    w.grab().save(str(tmp_path / "imported_quotes.png"))
    out = tmp_path / "again.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(out), "JSON (*.json)")))
    menu_action(w, "File", "Export…").trigger()
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {r["status"] for r in data["reviews"]} == {"disputed", "verified"}
    assert {c["speaker"] for c in data["corrections"]} == {"Deng Xiaoping", None}


def test_an_older_export_brought_back_leaves_newer_work_alone(tmp_path, db_path, reviewed_once):
    """Review s13, D4: importing replaced a review or correction here whatever its date, so an older export
    brought back undid later work (and sync sent the older one on). Only a newer one replaces what is here."""
    doc = _reviewed(reviewed_once, db_path)
    old = tmp_path / "old.jsonld"
    ok(reader("export", str(doc), "-f", "w3c", "-o", str(old), db=db_path))
    other = tmp_path / "other.sqlite"
    ok(reader("import", str(old), db=other))

    later = "Checked again: the survey was independent."
    ok(reader("review", str(doc), "--claim", CLAIM, "--status", "verified", "--note", later, db=db_path))
    ok(reader("correct", str(doc), "--quote", SAID, "--speaker", "Xi Jinping", db=db_path))
    assert ok(reader("import", str(old), db=db_path)).strip() == "5 already in the notes file"
    ledger = ok(reader("ledger", db=db_path))
    assert later in ledger and "[verified]" in ledger and NOTE not in ledger, ledger
    assert SAID in ok(reader("speakers", "Xi Jinping", db=db_path))

    new = tmp_path / "new.jsonld"  # the newer one does replace the older one elsewhere
    ok(reader("export", str(doc), "-f", "w3c", "-o", str(new), db=db_path))
    out = ok(reader("import", str(new), db=other))
    assert "1 claim review and 1 quote correction" in out, out
    assert ok(reader("ledger", db=other)) == ledger


def test_markdown_lists_the_corrections_readable_and_safe(tmp_path, db_path, reviewed_once):
    """s13 md2: the Markdown export listed the reviewed claims but not the quote corrections (JSON, CSV and W3C
    hold them). A "Corrections" section after the reviewed claims: each quote's words (shortened), whom it was
    given to or "not a quote", and what the analysis found; a speaker's HTML or Markdown is text."""
    from markdown_it import MarkdownIt

    doc = _reviewed(reviewed_once, db_path)
    evil = "<img src=x onerror=alert(1)> [x](javascript:alert(1))"
    said = "strives for both the wellbeing of the Chinese people and human progress"
    ok(reader("correct", str(doc), "--quote", said, "--speaker", evil, db=db_path))
    md = ok(reader("export", str(doc), "-f", "markdown", db=db_path))
    assert md.index("## Reviewed claims") < md.index("## Corrections"), md
    section = md.split("## Corrections", 1)[1]
    assert "**Deng Xiaoping** · found: nobody" in section and "**not a quote** · found:" in section, section
    assert SAID in section and NOT_A_QUOTE in section
    for renderer in (MarkdownIt("commonmark"), MarkdownIt("commonmark").enable(["table", "strikethrough"])):
        html = renderer.render(md.split("\n---\n", 1)[1]).split("<h2>Corrections</h2>", 1)[1]
        assert "<strong>Deng Xiaoping</strong> · found: nobody" in html, html
        assert "<strong>not a quote</strong>" in html and f"<blockquote>\n<p>{SAID}" not in html
        assert "<img" not in html and 'href="javascript' not in html, html
        assert "&lt;img src=x onerror=alert(1)&gt; [x](javascript:alert(1))" in html, html
        assert html.count("<blockquote>") == 3 and html.count('href="reader://open?doc=') == 3, html


def test_csv_gives_the_page_of_a_pdfs_reviews_and_corrections(specimen, tmp_path, db_path):
    """s13 md2: in a PDF's CSV export the page column was empty for review and correction rows (highlights had
    theirs). Each gets the page of its words, as a highlight on the same words does, in 'export PATH' and
    'export --all'."""
    pdf = specimen("normal/tracemonkey.pdf")
    claim = "JavaScript has no integer type, only a Number type"
    quote = "TraceMonkey attempts to nest the inner loop inside the current trace"
    for words in (claim, quote):  # a highlight on the same words: the page the rows must say
        ok(reader("highlight", str(pdf), "--text", words, "--occurrence", "1", db=db_path))
    ok(reader("review", str(pdf), "--claim", claim, "--status", "verified", db=db_path))
    ok(reader("correct", str(pdf), "--quote", quote, "--speaker", "Andreas Gal", db=db_path))
    for args in ((str(pdf),), ("--all",)):
        rows = list(csv.DictReader(io.StringIO(ok(reader("export", *args, "-f", "csv", db=db_path)))))
        page = {(r["type"], words): r["page"] for r in rows for words in (claim, quote) if words in r["text"]}
        assert set(page) == {("highlight", claim), ("highlight", quote), ("review", claim), ("correction", quote)}, rows
        assert page["review", claim] == page["highlight", claim] and int(page["review", claim]) > 1, page
        assert page["correction", quote] == page["highlight", quote] and int(page["correction", quote]) > 1, page
