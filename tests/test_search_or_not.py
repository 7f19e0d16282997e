"""``a OR NOT b`` means what it says (tester, session 13, pdf2 item 4): it searched a AND NOT b, dropping the
OR without a word. Now a NOT (or a minus) on either side of an OR negates only its side, and the OR is the
union of the two sides, as Zotero's Advanced Search with "Match any" and a "does not contain" condition finds
them. Through the search box and ``reader search``."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from tests.conftest import SAMPLE
from tests.test_cli import reader
from tests.test_search_fields_gui import PASSAGES, search_for

SURVEY, MEMBERS, PLAIN = (p[0] for p in PASSAGES.values())  # tagged survey / figures (red) / nothing
#: query -> the passages found (what the person reads the query to mean), each with NOT and with a minus
CASES = {
    "million OR NOT chinese": [MEMBERS, PLAIN],  # with million, or without chinese
    "members OR NOT million": [SURVEY, MEMBERS, PLAIN],  # the first side finds two, the second the other
    "NOT party OR million": [SURVEY, MEMBERS],  # the NOT on the left negates only its side
    "public NOT party OR million": [SURVEY],  # public, and (no party, or million)
    "tag:survey OR NOT color:yellow": [SURVEY, MEMBERS],  # fields too
    "chinese OR NOT tag:figures": [SURVEY, PLAIN],
}


def test_or_not_in_the_search_box(qtbot, open_window, tmp_path):
    w = open_window()
    for text, tags, color in PASSAGES.values():
        s = w.doc.text.index(text)
        w.controller.create_highlight(s, s + len(text), color, "", tags)
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "a OR NOT b" in w.panels.search.query.toolTip()  # the search help says it
    for query, found in CASES.items():
        minus = query.replace("NOT ", "-")
        assert search_for(qtbot, w, minus) == sorted(found), minus
        assert search_for(qtbot, w, query) == sorted(found), query
    w.panels.search.grab().save(str(tmp_path / "or_not.png"))
    assert search_for(qtbot, w, "million -chinese") == [MEMBERS]  # without OR a NOT still only subtracts


def test_or_not_on_the_command_line(db_path):
    for text, tags, color in PASSAGES.values():
        args = ["highlight", str(SAMPLE), "--text", text, "--color", color] + [a for t in tags for a in ("--tag", t)]
        assert reader(*args, db=db_path).returncode == 0
    for query, found in CASES.items():
        r = reader("search", query, "--json", db=db_path)
        assert r.returncode == 0 and r.stderr == "", (query, r.stderr)
        assert sorted(h["text"] for h in json.loads(r.stdout)) == sorted(found), query
    r = reader("search", "chinese OR NOT tag:figures", "--json", db=db_path)  # the word found is marked
    assert sorted(h["passage"] for h in json.loads(r.stdout)) == ["56.1% are Party members", "95% of the [Chinese] public"]


def test_or_not_finds_reviewed_claims_too(db_path):
    """A reviewed claim with no highlight on it is found by the same reading of the query."""
    assert reader("review", str(SAMPLE), "--claim", "56.1% are Party members", "--status", "disputed",
                  "--note", "The ministry counts 50%", db=db_path).returncode == 0

    def claims(query: str) -> list[str]:
        r = reader("search", query, "--json", db=db_path)
        assert r.returncode == 0, (query, r.stderr)
        return [x["claim"] for x in json.loads(r.stdout) if x.get("type") == "review"]

    claim = "Among the 40,000 plus medical workers sent from around the country to assist Hubei, 56.1% are Party members."

    assert claims("ministry OR NOT party") == [claim]  # its note has ministry
    assert claims("harbour OR NOT chinese") == [claim]  # it has no chinese
    assert claims("chinese OR NOT party") == []  # neither: no chinese, and party
    assert claims("NOT ministry OR chinese") == []


def test_and_on_the_command_line_is_the_operator(db_path):
    """Tryout s15: AND was searched as a word and dropped results silently; in capitals it is the operator (what
    the spaces already say), as Zotero, Hypothesis and Google users type it."""
    for text, tags, color in PASSAGES.values():
        args = ["highlight", str(SAMPLE), "--text", text, "--color", color] + [a for t in tags for a in ("--tag", t)]
        assert reader(*args, db=db_path).returncode == 0
    for query, found in {"million AND NOT chinese": [MEMBERS], "tag:survey AND chinese": [SURVEY],
                         "party AND million": [MEMBERS]}.items():
        r = reader("search", query, "--json", db=db_path)
        assert r.returncode == 0 and r.stderr == "", (query, r.stderr)
        assert sorted(h["text"] for h in json.loads(r.stdout)) == sorted(found), query
