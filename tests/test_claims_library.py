"""Claims and speakers across the library: reviews found by search, the claim
ledger, speaker pages and ClaimReview, over three real-looking documents."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reader.ui.main_window import MainWindow
from tests.conftest import SAMPLE
from tests.gui_helpers import analysed

WIRE = """# Medical teams: the figures behind the story

By a staff reporter

Party members made up 56.1 per cent of the more than 40,000 medical workers dispatched to Hubei, officials said on Monday.

“The Communist Party of China strives for the wellbeing of the Chinese people and for human progress,” Xi Jinping said.

The hospital opened a new wing in March.
"""
ELECTION = """# Turnout in the city election

Turnout rose to 56.1% of registered voters, the highest since 1990, according to the election office.

“We are proud of this result,” said Mayor Ana Ruiz.
"""
CLAIM = "Among the 40,000 plus medical workers sent from around the country to assist Hubei, 56.1% are Party members."


def reader(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *args, "--db", str(db)], capture_output=True, text=True,
                          timeout=180)


def ok(r: subprocess.CompletedProcess[str]) -> str:
    assert r.returncode == 0, r.stderr
    return r.stdout


@pytest.fixture
def library(tmp_path: Path) -> dict[str, Path]:
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copyfile(SAMPLE, docs / "sample-article.md")
    (docs / "wire.md").write_text(WIRE, encoding="utf-8")
    (docs / "election.md").write_text(ELECTION, encoding="utf-8")
    return {"sample": docs / "sample-article.md", "wire": docs / "wire.md", "election": docs / "election.md"}


def test_a_review_without_a_highlight_is_found_by_status_kind_and_words(library, db_path):
    out = ok(reader("review", str(library["sample"]), "--claim", "56.1% are Party members", "--status", "disputed",
                    "--note", "The ministry counts 50%", "--source", "https://example.org/ministry", db=db_path))
    assert out.splitlines() == [f"disputed: “{CLAIM}”", "    note: The ministry counts 50%",
                                "    source: https://example.org/ministry"]
    for query in ("status:disputed", "kind:claim", "Hubei medical", "ministry counts", "status:disputed Hubei"):
        data = json.loads(ok(reader("search", query, "--json", db=db_path)))
        assert [(d["type"], d["claim"], d["status"], d["note"], d["source"]) for d in data] == [
            ("review", CLAIM, "disputed", "The ministry counts 50%", "https://example.org/ministry")], query
    for query in ("status:verified", "tag:claim", "color:red", "Hubei -medical", "kind:quote"):
        assert ok(reader("search", query, db=db_path)).strip() == "no results", query
    text = ok(reader("search", "status:disputed", db=db_path))
    assert "(claim, disputed," in text and "note: The ministry counts 50%" in text
    # a second review changes what it gives; the note and source not given are kept
    ok(reader("review", str(library["sample"]), "--claim", CLAIM, "--status", "false", db=db_path))
    data = json.loads(ok(reader("search", "status:false", "--json", db=db_path)))
    assert [(d["claim"], d["note"], d["source"]) for d in data] == [
        (CLAIM, "The ministry counts 50%", "https://example.org/ministry")]
    r = reader("review", str(library["sample"]), "--claim", "words that are in no sentence here", "--status", "false",
               db=db_path)
    assert r.returncode == 1 and r.stderr == "reader: that claim is not in the document\n"


def test_speaker_search_finds_quotes_by_a_person(library, db_path):
    ok(reader("review", str(library["sample"]), "--claim", CLAIM, "--status", "verified", db=db_path))
    data = json.loads(ok(reader("search", 'speaker:"Xi Jinping"', "--json", db=db_path)))
    assert len(data) == 7 and {d["type"] for d in data} == {"quote"}
    assert all("Xi Jinping" in d["speaker"] for d in data)
    assert any("strives for both the wellbeing of the Chinese people" in d["text"] for d in data)
    data = json.loads(ok(reader("search", 'speaker:"Xi Jinping" peace', "--json", db=db_path)))
    assert [d["text"] for d in data] == ["we Chinese Communists know only too well how precious peace is, hence we are "
                                         "resolved to uphold peace"]
    assert ok(reader("search", "speaker:Nobody", db=db_path)).strip() == "no results"


def test_claimreview_json_ld(library, db_path):
    ok(reader("review", str(library["sample"]), "--claim", CLAIM, "--status", "disputed", "--note", "Numbers differ",
              "--source", "https://example.org/ministry", db=db_path))
    data = json.loads(ok(reader("export", str(library["sample"]), "-f", "claimreview", db=db_path)))
    assert data["@context"] == "https://schema.org"
    (cr,) = data["@graph"]
    assert cr["@type"] == "ClaimReview" and cr["claimReviewed"] == CLAIM
    assert cr["reviewRating"] == {"@type": "Rating", "alternateName": "disputed", "ratingValue": 2, "bestRating": 5,
                                  "worstRating": 1}
    assert cr["reviewBody"] == "Numbers differ" and cr["citation"]["url"] == "https://example.org/ministry"
    appearance = cr["itemReviewed"]["appearance"]
    assert cr["itemReviewed"]["@type"] == "Claim" and appearance["url"] == library["sample"].resolve().as_uri()
    assert appearance["name"].startswith("Working Hard") and appearance["sameAs"].startswith("urn:sha256:")
    assert cr["url"].startswith("reader://open?doc=") and "quote=" in cr["url"]
    # nobody is quoted saying it: the article's author is, named atop its header
    assert cr["itemReviewed"]["author"] == {"@type": "Person", "name": "Song Tao"}
    # a claim inside a quote is the speaker's
    ok(reader("review", str(library["sample"]), "--claim", "it is the relentless efforts of the Chinese people",
              "--status", "verified", db=db_path))
    data = json.loads(ok(reader("export", "--all", "-f", "claimreview", db=db_path)))
    by_status = {g["reviewRating"]["alternateName"]: g for g in data["@graph"]}
    assert by_status["verified"]["itemReviewed"]["author"] == {"@type": "Person", "name": "Xi Jinping"}
    assert by_status["verified"]["reviewRating"]["ratingValue"] == 5


def open_and_analyse(qtbot, w: MainWindow, path: Path) -> None:
    w.open_path(path)
    qtbot.waitUntil(lambda: w.session is not None and w.doc is not None and w.doc.path == path
                    and w.controller.analysis is not None, timeout=30000)
    analysed(qtbot, w)  # its findings in the notes file too (written off the GUI thread)


def test_ledger_and_also_in_across_three_documents(qtbot, window, library, db_path):
    w = window
    for name in ("election", "wire", "sample"):
        open_and_analyse(qtbot, w, library[name])
    w.panels.build()
    panel = w.panels.analysis
    w.tabs.setCurrentWidget(panel)
    panel.sections.setCurrentIndex(1)
    i = next(k for k, c in enumerate(w.controller.analysis.claims) if "56.1%" in c.text)
    item = panel.select_entry("claim", i)
    rect = panel.tree.visualItemRect(item)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    panel.review_status.setCurrentIndex(panel.review_status.findData("disputed"))
    panel.review_note.setFocus()
    qtbot.keyClicks(panel.review_note, "The ministry counts 50%")
    qtbot.keyClick(panel.review_note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    # "Highlight" (and note) carries the review
    qtbot.mouseClick(panel.highlight_button, Qt.MouseButton.LeftButton)
    (h,) = w.session.highlights
    assert h.note == "The ministry counts 50%" and h.claim_key == w.controller.analysis.claims[i].key

    # the wire story holds the same claim in other words: its panel says so, and one click opens it there
    open_and_analyse(qtbot, w, library["wire"])
    w.tabs.setCurrentWidget(panel)
    panel.sections.setCurrentIndex(1)
    qtbot.waitUntil(lambda: bool(panel.elsewhere))
    (j,) = [k for k, c in enumerate(w.controller.analysis.claims) if "56.1 per cent" in c.text]
    item = panel.select_entry("claim", j)
    assert "also in Working Hard to Bring Happiness" in item.text(0) and "disputed (The ministry counts 50%)" in item.text(0)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=panel.tree.visualItemRect(item).center())
    assert panel.elsewhere_button.isVisible()
    qtbot.mouseClick(panel.elsewhere_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.doc is not None and w.doc.path == library["sample"] and w.session is not None)
    # the election story shares only the number: no "also in"
    open_and_analyse(qtbot, w, library["election"])
    qtbot.wait(50)
    assert panel.elsewhere == {}

    # the ledger lists the review with the wire story as "also in", not the election story
    view_menu = next(a.menu() for a in w.menuBar().actions() if a.text().replace("&", "") == "View")
    next(a for a in view_menu.actions() if a.text().replace("&", "") == "Claim Ledger").trigger()
    from reader.ui.library_actions import _window

    ledger = _window(w, "ledger")
    qtbot.waitUntil(lambda: ledger.model.rowCount() == 1, timeout=20000)
    row = [ledger.model.item(0, c).text() for c in range(6)]
    assert row[0] == "disputed" and row[1] == CLAIM and row[2].startswith("Working Hard")
    assert row[3] == "Medical teams: the figures behind the story" and row[4] == "The ministry counts 50%"
    # reviewed in one document (where else it appears is counted apart): it said "in 2 documents"
    assert ledger.summary.text().startswith("1 reviewed claim in 1 document; 1 also appears in other documents.")
    ledger.status_filter.setCurrentIndex(ledger.status_filter.findData("verified"))
    assert ledger.visible_rows() == []
    ledger.status_filter.setCurrentIndex(0)
    qtbot.keyClicks(ledger.filter_text, "ministry")
    assert len(ledger.visible_rows()) == 1
    # double-clicking "also in" opens the wire story at the claim
    idx = ledger.proxy.index(0, 3)
    ledger.view.doubleClicked.emit(idx)
    qtbot.waitUntil(lambda: w.doc is not None and w.doc.path == library["wire"] and w.session is not None)


def test_speaker_page_groups_near_duplicate_quotes(qtbot, window, library, db_path):
    w = window
    for name in ("sample", "wire", "election"):
        open_and_analyse(qtbot, w, library[name])
    view_menu = next(a.menu() for a in w.menuBar().actions() if a.text().replace("&", "") == "View")
    next(a for a in view_menu.actions() if a.text().replace("&", "") == "Speakers").trigger()
    from reader.ui.library_actions import _window

    sp = _window(w, "speakers")
    qtbot.waitUntil(lambda: sp.people_model.rowCount() > 0, timeout=20000)
    names = [sp.people_model.item(r).data(Qt.ItemDataRole.UserRole) for r in range(sp.people_model.rowCount())]
    assert names[0] == "Xi Jinping" and "Ana Ruiz" in names
    assert sp.people_model.item(0).text() == "Xi Jinping  (8 quotes in 2 docs)"  # (tryout s12: "8 in 2 docs")
    idx = sp.people.model().index(0, 0)
    sp.layout().activate()
    lists_at = sp.split.geometry().top()
    qtbot.mouseClick(sp.people.viewport(), Qt.MouseButton.LeftButton, pos=sp.people.visualRect(idx).center())
    qtbot.waitUntil(lambda: sp.quote_model.rowCount() == 3, timeout=20000)
    sp.layout().activate()
    assert sp.split.geometry().top() == lists_at  # the header did not shrink under a person's one-line summary
    sp.grab().save(str(db_path.parent / "speakers.png"))
    tops = [sp.quote_model.item(r).text() for r in range(3)]
    assert tops[0] == "Said nearly the same in other words (1)"
    group = sp.quote_model.item(0).child(0)
    assert group.rowCount() == 2
    said = sorted(group.child(k).text() for k in range(2))
    assert said[0].startswith("Medical teams: the figures behind the story: “The Communist Party of China strives for "
                              "the wellbeing")
    assert said[1].startswith("Working Hard") and "strives for both the wellbeing" in said[1]
    assert sp.summary.text() == "Xi Jinping: 8 quotes in 2 documents; 1 said nearly the same in different words."
    # double-click a quote: its document opens at it
    doc_top = next(sp.quote_model.item(r) for r in range(3) if sp.quote_model.item(r).text().startswith("Medical"))
    sp.quote_view.scrollTo(doc_top.child(0).index())
    at = sp.quote_view.visualRect(doc_top.child(0).index()).center()
    qtbot.mouseClick(sp.quote_view.viewport(), Qt.MouseButton.LeftButton, pos=at)  # a double click's first press
    qtbot.mouseDClick(sp.quote_view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    qtbot.waitUntil(lambda: w.doc is not None and w.doc.path == library["wire"] and w.session is not None)
    # the command line sees the same
    out = ok(reader("speakers", "Xi Jinping", db=db_path))
    assert out.startswith("Xi Jinping: 8 quotes in 2 documents")
    assert "said nearly the same in different words:" in out


def test_search_panel_shows_a_reviewed_claim_and_opens_it(qtbot, window, library, db_path):
    ok(reader("review", str(library["sample"]), "--claim", CLAIM, "--status", "disputed", "--note", "Numbers differ",
              db=db_path))
    w = window
    open_and_analyse(qtbot, w, library["wire"])
    w.panels.show_search()
    search = w.panels.search
    qtbot.keyClicks(search.query, "status:disputed")
    qtbot.waitUntil(lambda: search.list.count() == 1 and not search.busy, timeout=20000)
    card = search.list.itemWidget(search.list.item(0))
    assert "claim, disputed" in card.text() and "56.1% are Party members" in card.text()
    assert "Numbers differ" in card.text()
    assert search.status.text().startswith("1 result")
    rect = search.list.visualItemRect(search.list.item(0))
    qtbot.mouseClick(search.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: w.doc is not None and w.doc.path == library["sample"] and w.session is not None)
    search.query.clear()
    qtbot.keyClicks(search.query, 'speaker:"Xi Jinping" peace')
    qtbot.waitUntil(lambda: search.list.count() == 1 and not search.busy, timeout=20000)
    text = search.list.itemWidget(search.list.item(0)).text()
    assert "quote, Xi Jinping (“General Secretary Xi Jinping”)" in text, text  # the person, and the text's words


def test_review_keeps_the_fields_it_is_not_given(library, db_path):
    """`reader review DOC --claim X --status verified` wiped the review's note and source (tryout)."""
    doc = str(library["sample"])
    ok(reader("review", doc, "--claim", CLAIM, "--status", "disputed", "--note", "The ministry counts 50%",
              "--source", "https://example.org/ministry", db=db_path))
    out = ok(reader("review", doc, "--claim", CLAIM, "--status", "verified", db=db_path))
    assert "note: The ministry counts 50%" in out
    (r,) = json.loads(ok(reader("ledger", "--json", db=db_path)))
    assert (r["status"], r["note"], r["source"]) == ("verified", "The ministry counts 50%", "https://example.org/ministry")
    ok(reader("review", doc, "--claim", CLAIM, "--note", "The ministry now says 56%", db=db_path))  # status kept
    ok(reader("review", doc, "--claim", CLAIM, "--source", "", db=db_path))  # an empty value clears that field
    (r,) = json.loads(ok(reader("ledger", "--json", db=db_path)))
    assert (r["status"], r["note"], r["source"]) == ("verified", "The ministry now says 56%", "")
    r2 = reader("review", doc, "--claim", CLAIM, db=db_path)
    assert (r2.returncode, r2.stderr) == (1, "reader: say what to change: --status, --note or --source\n")
