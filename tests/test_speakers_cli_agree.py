"""`reader speakers` counts as the document's panel and the Speakers window count (s11 tryout 1.4: the Claims
panel's "Pierre (1,073)" against `reader speakers` "Pierre: 1242 quotes": the library counted Pierre's 169
positions as quotes), and `reader speakers NAME` finds people as the window's filter does (tryout 1.5:
"natasha" found nothing, "he" merged every name holding the letters "he", the heading repeated the query)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from notes_db.reviews import record_findings
from notes_db.store import NotesDB
from tests.test_export import ok, reader

COUNCIL = """# Council vote

“We will build the bridge this year,” said Mayor Jane Smith at the meeting on Monday.

Jane Smith supports the new budget for the river crossing.

Ana Lopez opposes the plan to raise the bridge toll.

“It is reckless and nobody has read it,” said Ana Lopez, a member of the council.

Smith said the council would vote again in May.
"""


def _group_counts(panel, section: int) -> dict[str, int]:
    """The panel's groups in one of its tabs, as it heads them: 'Jane Smith (2)' -> {'Jane Smith': 2}."""
    panel.sections.setCurrentIndex(section)
    heads = [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]
    return {h.rsplit(" (", 1)[0]: int(h.rsplit(" (", 1)[1].rstrip(")").replace(",", "")) for h in heads}


def test_the_cli_and_the_speakers_window_count_quotes_and_positions_as_the_panel(qtbot, window, tmp_path, db_path):
    from reader.ui.analysis_panel import POSITIONS, QUOTES
    from reader.ui.library_actions import _window, show_speakers
    from tests.test_claims_library import open_and_analyse

    path = tmp_path / "council.md"
    path.write_text(COUNCIL, encoding="utf-8")
    w = window
    open_and_analyse(qtbot, w, path)
    w.panels.build()
    panel = w.panels.analysis
    w.tabs.setCurrentWidget(panel)
    quotes, positions = _group_counts(panel, QUOTES), _group_counts(panel, POSITIONS)
    assert quotes["Jane Smith"] == 2 and positions["Jane Smith"] == 1, (quotes, positions)
    assert quotes["Ana Lopez"] == 1 and positions["Ana Lopez"] == 1, (quotes, positions)
    lines = ok(reader("speakers", db=db_path)).splitlines()
    assert "Jane Smith: 2 quotes and 1 position in 1 document" in lines, lines
    assert "Ana Lopez: 1 quote and 1 position in 1 document" in lines, lines
    out = ok(reader("speakers", "Jane Smith", db=db_path))
    assert out.startswith("Jane Smith: 2 quotes and 1 position in 1 document\n"
                          "  Council vote (2 quotes and 1 position)\n"), out
    # said word for word in quotation marks; reported speech and positions marked, without them (tryout 13)
    assert "    [position] the new budget for the river crossing" in out.splitlines(), out
    assert "    [reported] the council would vote again in May" in out.splitlines(), out
    assert "    “We will build the bridge this year”" in out.splitlines(), out
    show_speakers(w)
    sp = _window(w, "speakers")
    qtbot.waitUntil(lambda: sp.people_model.rowCount() > 0, timeout=20000)
    rows = {sp.people_model.item(r).data(Qt.ItemDataRole.UserRole): sp.people_model.item(r).text()
            for r in range(sp.people_model.rowCount())}
    assert rows["Jane Smith"] == "Jane Smith  (2 quotes, 1 position in 1 doc)", rows
    idx = sp.people_filter.mapFromSource(sp.people_model.indexFromItem(
        next(sp.people_model.item(r) for r in range(sp.people_model.rowCount())
             if sp.people_model.item(r).data(Qt.ItemDataRole.UserRole) == "Jane Smith")))
    qtbot.mouseClick(sp.people.viewport(), Qt.MouseButton.LeftButton, pos=sp.people.visualRect(idx).center())
    qtbot.waitUntil(lambda: sp.summary.text().startswith("Jane Smith:"), timeout=20000)
    assert sp.summary.text() == "Jane Smith: 2 quotes and 1 position in 1 document."
    shown = {sp.quote_model.item(0).child(k).text() for k in range(sp.quote_model.item(0).rowCount())}
    # as `reader speakers` prints them: reported speech and positions marked, without quotation marks (tryout 13)
    assert {"[position] the new budget for the river crossing", "[reported] the council would vote again in May",
            "“We will build the bridge this year”"} <= shown, shown


def _novel(tmp_path: Path) -> Path:
    """A notes file whose one document has these speaker groups, stored as the window stores an analysis."""
    db = tmp_path / "notes.sqlite"
    path = tmp_path / "novel.txt"
    path.write_text("x", encoding="utf-8")
    groups = {"Natásha": 5, "Natásha could": 1, "Pierre": 4, "Helped Pierre out of his carriage": 1,
              "Xi Jinping": 3, "Michael Chekhov": 2, "Andrew Bolkónski": 3, "Prince Andrew": 2}
    with NotesDB(db) as store:
        doc = store.register_document("novel", str(path), "Novel", "text", 1)
        quotes, at = [], 0
        for group, n in groups.items():
            for _ in range(n):
                quotes.append((f"words {at}", group, group, "said", at, at + 5, "direct"))
                at += 10
        quotes.append(("the rest", "the chemist", "", "said", at, at + 5, "direct"))  # no one's group
        record_findings(store, doc.id, [], quotes)
    return db


def test_speakers_name_folds_case_and_accents_and_matches_whole_words(tmp_path: Path) -> None:
    db = _novel(tmp_path)
    out = ok(reader("speakers", "natasha", db=db))  # as the window's filter: "natasha" is Natásha
    assert out.startswith("Natásha: 5 quotes in 1 document\n"), out
    out = ok(reader("speakers", "PIERRE", db=db))  # the whole name, not "Helped Pierre out of his carriage"
    assert out.startswith("Pierre: 4 quotes in 1 document\n"), out
    out = ok(reader("speakers", "xi", db=db))  # a word of one person's name: that person, named
    assert out.startswith("Xi Jinping: 3 quotes in 1 document\n"), out
    r = reader("speakers", "he", db=db)  # "Chekhov", "the chemist" hold the letters, not the word
    assert r.returncode == 1 and r.stdout == "" and r.stderr == "reader: no quotes by he in the library\n", r
    r = reader("speakers", "andrew", db=db)  # two people hold the word: say which, do not merge them
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr == ("reader: 2 people are named andrew: Andrew Bolkónski (3 quotes), Prince Andrew (2 quotes); "
                        "give the whole name\n"), r.stderr
    out = ok(reader("speakers", "chemist", db=db))  # no group of that name: the speakers as the text writes them
    assert out.startswith("speakers written 'chemist': 1 quote in 1 document\n"), out
    r = reader("speakers", "chem", db=db)  # a part of a word is no name
    assert r.returncode == 1 and "no quotes by chem" in r.stderr
