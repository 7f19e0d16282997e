"""The command line as a script or a person uses it: real processes, real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLE


def reader(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args, "--db", str(db)] if args and args[0] != "--help"
        else [sys.executable, "-m", "reader", *args],
        capture_output=True, text=True, timeout=120,
    )


def test_help_lists_subcommands(db_path):
    r = reader("--help", db=db_path)
    assert r.returncode == 0
    for cmd in ("info", "notes", "highlight", "extract", "search", "reindex"):
        assert cmd in r.stdout


def test_info_on_sample(db_path):
    r = reader("info", str(SAMPLE), db=db_path)
    assert r.returncode == 0, r.stderr
    assert "title: Working Hard to Bring Happiness" in r.stdout
    assert "kind: markdown" in r.stdout


def test_info_on_pdf_counts_pages(specimen, db_path):
    r = reader("info", str(specimen("normal/tracemonkey.pdf")), db=db_path)
    assert r.returncode == 0 and "pages: 14" in r.stdout


def test_highlight_then_notes_json(db_path):
    r = reader("highlight", str(SAMPLE), "--text", "56.1% are Party members", "--color", "red",
               "--note", "check this", "--tag", "figure", "--tag", "covid", db=db_path)
    assert r.returncode == 0, r.stderr
    r = reader("notes", str(SAMPLE), "--json", db=db_path)
    data = json.loads(r.stdout)
    (h,) = data["highlights"]
    assert (h["text"], h["color"], h["note"], h["tags"]) == ("56.1% are Party members", "red", "check this", ["covid", "figure"])
    r = reader("search", "check", db=db_path)
    assert "56.1% are Party members" in r.stdout


def test_highlight_unknown_passage_fails_cleanly(db_path):
    r = reader("highlight", str(SAMPLE), "--text", "this sentence is not in the article", db=db_path)
    assert r.returncode == 1
    assert r.stderr.strip() == "reader: that passage is not in the document"


@pytest.mark.parametrize(
    ("rel", "needle"),
    [
        ("nasty/corrupt_bad1.pdf", "damaged"),
        ("nasty/enc_user_pr6531_2_asdfasdf.pdf", "password"),
        ("nasty/zero_pages_qpdf_empty.pdf", "no pages"),
    ],
)
def test_bad_files_one_line_no_traceback(specimen, db_path, rel, needle):
    r = reader("info", str(specimen(rel)), db=db_path)
    assert r.returncode == 1
    assert len(r.stderr.strip().splitlines()) == 1
    assert needle in r.stderr and "Traceback" not in r.stderr


def test_missing_file_and_folder(tmp_path, db_path):
    for target, needle in ((tmp_path / "nope.txt", "not found"), (tmp_path, "folder")):
        r = reader("notes", str(target), db=db_path)
        assert r.returncode == 1 and needle in r.stderr and "Traceback" not in r.stderr


def test_wrong_password_says_so(specimen, db_path):
    r = reader("info", str(specimen("nasty/enc_user_pr6531_2_asdfasdf.pdf")), "--password", "nope", db=db_path)
    assert r.returncode == 1 and "Wrong password" in r.stderr
    r = reader("info", str(specimen("nasty/enc_user_pr6531_2_asdfasdf.pdf")), "--password", "asdfasdf", db=db_path)
    assert r.returncode == 0 and "pages: 1" in r.stdout


def test_damaged_notes_file_is_one_line(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"garbage" * 1000)
    r = reader("notes", str(SAMPLE), db=bad)
    assert r.returncode == 1 and "damaged" in r.stderr and "Traceback" not in r.stderr


def test_screenshot(tmp_path, db_path):
    out = tmp_path / "shot.png"
    r = subprocess.run([sys.executable, "-m", "reader", "--screenshot", str(out), "--db", str(db_path)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 20000
    # every tab of the side panel is in the picture (tryout 13: only Notes and Contents): the tab bar's words
    from PySide6.QtGui import QImage

    shot = QImage(str(out))
    assert not shot.isNull()
    # the tab bar's right end (Claims … Group at the default size; empty before): dark pixels of the tabs' words
    dark = sum(1 for x in range(int(shot.width() * 0.78), shot.width() - 4) for y in range(74, 96)
               if shot.pixelColor(x, y).lightness() < 140)
    assert dark > 150, dark


def test_db_env_var_is_used(tmp_path, monkeypatch):
    target = tmp_path / "from-env.sqlite"
    monkeypatch.setenv("READER_DB", str(target))
    r = subprocess.run([sys.executable, "-m", "reader", "highlight", str(SAMPLE), "--text", "Song Tao"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert target.exists()


def test_search_command_language_json_and_garbage(db_path):
    reader("highlight", str(SAMPLE), "--text", "56.1% are Party members", "--note", "Résumé: check WHO data",
           "--tag", "covid", db=db_path)
    reader("highlight", str(SAMPLE), "--text", "Nearly 400 Party members sacrificed", "--tag", "figure", db=db_path)
    r = reader("search", "party", "tag:covid", db=db_path)
    assert r.returncode == 0 and "56.1% are [Party] members" in r.stdout and "Nearly 400" not in r.stdout
    r = reader("search", "resume", "--json", db=db_path)
    (hit,) = json.loads(r.stdout)
    assert hit["document"].startswith("Working Hard") and hit["tags"] == ["covid"]
    r = reader("search", "party", "--limit", "1", "--date", db=db_path)
    assert r.stdout.count("“") == 1 and "Nearly 400" in r.stdout
    for garbage, unreadable in [('"unbalanced', True), ("OR AND NOT", True), ("'; DROP TABLE highlights; --", False)]:
        r = reader("search", garbage, db=db_path)
        assert "Traceback" not in r.stderr and r.stdout == "no results\n"
        if unreadable:  # found nothing, and says why in one line (tests/test_search_unreadable.py)
            assert r.returncode == 1 and len(r.stderr.splitlines()) == 1
            assert r.stderr.startswith("reader: part of this search could not be read: ")
        else:
            assert r.returncode == 0
    for bad_date in ("before:nope", "after:2026-13-45", "after:2026-02-30"):
        r = reader("search", "party", bad_date, db=db_path)  # rejected, not run with the filter dropped
        assert r.returncode == 1 and r.stdout == ""
        assert r.stderr.splitlines() == [f"reader: {bad_date} is not a date; write it like {bad_date.split(':')[0]}:2026-01-31"]
    r = reader("search", "party", "after:2020-1-5", db=db_path)
    assert r.returncode == 0 and r.stdout.count("“") == 2
    r = reader("reindex", db=db_path)
    assert r.returncode == 0 and "reindexed 2 highlights" in r.stdout
    long_note = "The figure " + "needs a second source " * 12 + "before it is quoted."
    reader("highlight", str(SAMPLE), "--text", "Song Tao", "--note", long_note, db=db_path)
    r = reader("search", "second", "source", db=db_path)
    (note_line,) = [line for line in r.stdout.splitlines() if line.strip().startswith("note:")]
    assert note_line.endswith("…") and len(note_line) < 215  # cut at a word, and says so
    assert note_line[:-1].rstrip().split()[-1].strip("[]") in long_note.split()
