"""A search that cannot be read says so and how to write it (it showed only "No results."), and
the toolbar's search field keeps in step with the Search tab (it kept its old query)."""

from __future__ import annotations

from notes_db.query_check import unreadable
from tests.test_export import reader


def test_a_malformed_search_says_it_could_not_be_read_and_how_to_write_it(qtbot, open_window):
    w = open_window()
    qtbot.keyClicks(w.menus.search_field, 'tag: "unclosed ( OR -')
    panel = w.panels.search
    assert w.tabs.currentWidget() is panel
    qtbot.waitUntil(lambda: not panel.busy and panel.status.text() != "Searching…", timeout=10000)
    said = panel.status.text()
    assert said.startswith("No results. Part of this search could not be read:")
    assert 'a quotation mark is not closed (write "exact phrase")' in said
    assert "tag: has nothing after the colon (write tag:value, no space)" in said
    assert "Point at the search field for how to write a search." in said
    assert "tag:name" in panel.query.toolTip()  # where the whole language is
    w.menus.search_field.clear()
    qtbot.keyClicks(w.menus.search_field, "Party")
    qtbot.waitUntil(lambda: not panel.busy and panel.status.text() != "Searching…", timeout=10000)
    assert "could not be read" not in panel.status.text()


def test_the_toolbar_field_follows_the_search_tabs_query(qtbot, open_window):
    w = open_window()
    qtbot.keyClicks(w.menus.search_field, "old words")
    panel = w.panels.search
    assert panel.query.text() == "old words"
    panel.query.selectAll()
    qtbot.keyClicks(panel.query, "new")  # typed in the Search tab itself
    assert panel.query.text() == "new" and w.menus.search_field.text() == "new"
    panel.query.setText('tag:"cosmos"')  # as a tag or a saved search clicked in the tab sets it
    assert w.menus.search_field.text() == 'tag:"cosmos"'
    qtbot.keyClicks(w.menus.search_field, " more")  # and typing on in the toolbar goes on from there
    assert panel.query.text() == 'tag:"cosmos" more'


def test_the_query_check_leaves_well_written_searches_alone():
    for fine in ("a OR b", '-word tag:x "a phrase"', "http://example.org", "note: here", "tag:a OR before:2026-01-01"):
        assert unreadable(fine) == [], fine
    assert unreadable("(a OR b)") == ["brackets do not group (OR joins only the two things beside it: a OR b)"]
    assert unreadable("OR a") == unreadable("a OR") == ["OR needs something on both sides (a OR b)"]
    assert unreadable("x - y") == ["a minus goes right before what must not match (-word, -tag:name)"]


def test_reader_search_says_why_a_malformed_search_found_nothing(db_path):
    r = reader("search", 'tag: "unclosed ( OR -', db=db_path)
    assert r.returncode == 1 and r.stdout == "no results\n"
    assert r.stderr.startswith("reader: part of this search could not be read: a quotation mark is not closed")
    assert len(r.stderr.splitlines()) == 1
