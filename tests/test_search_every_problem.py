"""A bad search says every problem it finds, in the window and on the command line (s11 tryout 1.10: the
window's '"right side tag:' said only that the quotation mark was not closed), and the command line's exit
code is the same for every problem: 1, whether or not the readable rest found something (README, Command
line)."""

from __future__ import annotations

from notes_db.query_check import unreadable
from tests.conftest import SAMPLE
from tests.test_export import ok, reader

QUOTE = 'a quotation mark is not closed (write "exact phrase")'
TAG = "tag: has nothing after the colon (write tag:value, no space)"


def test_what_an_unclosed_phrase_swallows_is_checked_too():
    assert unreadable('"right side tag:') == [QUOTE, TAG]
    assert unreadable('"a "b" tag:') == [QUOTE, TAG]  # the last mark is the unclosed one
    assert unreadable('speaker:"Xi') == [QUOTE]  # its value is what follows the mark, not nothing
    assert unreadable('"right side" tag:x') == []


def test_the_window_says_every_problem_of_a_search(qtbot, open_window):
    w = open_window()
    qtbot.keyClicks(w.menus.search_field, '"right side tag:')
    panel = w.panels.search
    qtbot.waitUntil(lambda: not panel.busy and panel.status.text() != "Searching…", timeout=10000)
    said = panel.status.text()
    assert QUOTE in said and TAG in said, said


def test_every_problem_exits_1_found_or_not(db_path):
    ok(reader("highlight", str(SAMPLE), "--text", "Standing on the right side of history", db=db_path))
    r = reader("search", '"right side', db=db_path)  # found, and the mark is said: still exit 1
    assert r.returncode == 1 and "[right] [side]" in r.stdout
    assert r.stderr.splitlines() == [f"reader: part of this search could not be read: {QUOTE} (see reader search --help)"]
    r = reader("search", "tag:", db=db_path)  # nothing found: exit 1 as well
    assert r.returncode == 1 and r.stdout == "no results\n" and TAG in r.stderr
    r = reader("search", '"right side tag:', db=db_path)  # both problems, on stderr
    assert r.returncode == 1 and QUOTE in r.stderr and TAG in r.stderr
    r = reader("search", "after:2026-13-45", '"right', db=db_path)  # refused: the date and the mark, both said
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.splitlines()[0] == "reader: after:2026-13-45 is not a date; write it like after:2026-01-31"
    assert QUOTE in r.stderr.splitlines()[1]
    r = reader("search", '"right side"', db=db_path)  # well written: exit 0, nothing on stderr
    assert r.returncode == 0 and r.stderr == "" and "[right] [side]" in r.stdout
    r = reader("search", "nowhereword", db=db_path)  # nothing found is an answer, not a problem
    assert r.returncode == 0 and r.stdout == "no results\n" and r.stderr == ""
