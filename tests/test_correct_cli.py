"""`reader correct PATH --quote WORDS (--speaker NAME | --not-a-quote | --undo)`: the Claims panel's Wrong speaker…,
Not a quote and Undo correction from a script, into the same notes file (the window shows them the same)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from notes_db import NotesDB
from notes_db.corrections import quote_corrections
from tests.conftest import SAMPLE


def reader(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *args, "--db", str(db)], capture_output=True, text=True,
                          timeout=180)


def test_correct_gives_a_quote_to_someone_dismisses_it_and_takes_it_back(db_path):
    words = "wellbeing of the Chinese people and human progress"
    r = reader("correct", str(SAMPLE), "--quote", words, "--speaker", "Ada Lovelace", db=db_path)
    assert (r.returncode, r.stderr) == (0, ""), r.stderr
    assert r.stdout.startswith("Ada Lovelace: “The Communist Party of China (CPC)”"), r.stdout
    r = reader("speakers", "ada", "--json", db=db_path)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["person"] == "Ada Lovelace" and len(data["quotes"]) == 1, data

    r = reader("correct", str(SAMPLE), "--quote", words, "--not-a-quote", db=db_path)
    assert r.returncode == 0 and r.stdout.startswith("not a quote: "), r
    assert reader("speakers", "ada", db=db_path).returncode == 1  # nobody by that name any more
    with NotesDB(db_path) as store:
        (c,) = quote_corrections(store, 1)
        assert c.dismissed and c.speaker == "Ada Lovelace"  # (named before: given back if restored with a name)

    r = reader("correct", str(SAMPLE), "--quote", words, "--undo", db=db_path)
    assert r.returncode == 0 and r.stdout.startswith("Xi Jinping: "), r
    with NotesDB(db_path) as store:
        assert quote_corrections(store, 1) == []
    r = reader("correct", str(SAMPLE), "--quote", words, "--undo", db=db_path)  # nothing left to undo
    assert (r.returncode, r.stderr) == (1, "reader: that quote has no correction to undo\n"), r


def test_correct_says_what_is_wrong_in_one_line(db_path):
    for args, needle in (
        (("--quote", "strives for both the wellbeing", "--undo"), "in 2 quotes; give more of the quote"),
        (("--quote", "no such words anywhere", "--undo"), "no quote found with those words"),
        (("--quote", "human progress", "--speaker", "  "), "give the name of the person who said it"),
        (("--quote", "human progress"), "one of the arguments --speaker --not-a-quote --undo is required"),
    ):
        r = reader("correct", str(SAMPLE), *args, db=db_path)
        assert r.returncode == 1 and "Traceback" not in r.stderr, r
        assert len(r.stderr.strip().splitlines()) == 1 and needle in r.stderr, r.stderr


def test_correct_takes_the_known_spelling_of_a_name_typed_otherwise(db_path):
    words = "wellbeing of the Chinese people and human progress"
    r = reader("correct", str(SAMPLE), "--quote", words, "--speaker", "Song Tao", db=db_path)
    assert r.returncode == 0, r.stderr
    r = reader("correct", str(SAMPLE), "--quote", "relentless efforts", "--speaker", "song tao", db=db_path)
    assert (r.returncode, r.stderr) == (0, ""), r.stderr
    assert r.stdout.startswith("Song Tao: "), r.stdout  # the document's spelling, not a new "song tao"
    with NotesDB(db_path) as store:
        assert sorted(c.speaker for c in quote_corrections(store, 1)) == ["Song Tao", "Song Tao"]


def test_naming_the_speaker_the_quote_has_stores_nothing_and_naming_it_back_takes_the_correction_away(db_path):
    """Tryout 13: `--speaker "xi jinping"` on Xi Jinping's quote was stored as a correction ("corrected by you")."""
    words = "wellbeing of the Chinese people and human progress"
    r = reader("correct", str(SAMPLE), "--quote", words, "--speaker", "xi jinping", db=db_path)
    assert (r.returncode, r.stderr) == (1, "reader: That quote is Xi Jinping's already: nothing to correct.\n"), r
    with NotesDB(db_path) as store:
        assert quote_corrections(store, 1) == []
    assert reader("correct", str(SAMPLE), "--quote", words, "--speaker", "Song Tao", db=db_path).returncode == 0
    r = reader("correct", str(SAMPLE), "--quote", words, "--speaker", "Xi Jinping", db=db_path)  # named back
    assert r.returncode == 0 and r.stdout.startswith("Xi Jinping: "), r
    with NotesDB(db_path) as store:
        assert quote_corrections(store, 1) == []  # the analysis's reading again: no correction kept
