"""A quote found by search names the person who said it, as the Claims panel does, not the word the text used
("quote, he" in the Search tab and `reader search`, tryout s12): "Ana Ruiz (“she”)"."""

from __future__ import annotations

import subprocess
import sys

from tests.test_claims_library import open_and_analyse

TEXT = """# Turnout

“We are proud of this result,” said Mayor Ana Ruiz on Monday.

“The turnout is the highest we have ever seen,” she added.
"""


def test_a_quote_found_by_search_names_the_person_in_the_panel_and_the_cli(qtbot, window, db_path, tmp_path):
    doc = tmp_path / "docs" / "turnout.md"
    doc.parent.mkdir(parents=True)
    doc.write_text(TEXT, encoding="utf-8")
    w = window
    open_and_analyse(qtbot, w, doc)
    w.panels.show_search()
    search = w.panels.search
    qtbot.keyClicks(search.query, "kind:quote highest")
    qtbot.waitUntil(lambda: search.list.count() == 1 and not search.busy, timeout=20000)
    card = search.list.itemWidget(search.list.item(0)).text()
    assert "quote, Ana Ruiz (“she”)" in card
    r = subprocess.run([sys.executable, "-m", "reader", "search", "kind:quote highest", "--db", str(db_path)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "(quote, Ana Ruiz (“she”))" in r.stdout
