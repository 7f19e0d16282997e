"""The command line attacked as a tester would: empty text, closed pipes, options
anywhere, "-word" queries, busy and read-only notes files. One line on stderr, never a traceback."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from notes_db import NotesDB
from tests.conftest import SAMPLE


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: int = 120,
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True, timeout=timeout,
                          cwd=cwd, env={**os.environ, **(env or {})})


def one_line_error(r: subprocess.CompletedProcess[str], needle: str) -> None:
    assert r.returncode == 1, r
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert needle in r.stderr, r.stderr


def test_empty_or_blank_text_to_highlight_is_one_line(db_path):
    for text in ("", "   "):
        r = run("highlight", str(SAMPLE), "--text", text, "--db", str(db_path))
        one_line_error(r, "--text is empty")


def test_options_before_the_command(tmp_path):
    db = tmp_path / "mine.sqlite"
    r = run("--db", str(db), "highlight", str(SAMPLE), "--text", "Song Tao")
    assert r.returncode == 0, r.stderr
    r = run("--db", str(db), "notes", str(SAMPLE), "--json")
    assert r.returncode == 0, r.stderr
    assert [h["text"] for h in json.loads(r.stdout)["highlights"]] == ["Song Tao"]
    r = run("-v", f"--db={db}", "notes", str(SAMPLE))
    assert r.returncode == 0 and "Song Tao" in r.stdout
    assert "reader.cli" in r.stderr or "notes_db" in r.stderr or r.stderr == ""  # -v logs, never fails
    r = run("--db", str(db), "search", "song")
    assert r.returncode == 0 and "[Song] Tao" in r.stdout


def test_search_minus_word_is_an_exclusion_not_an_option(db_path):
    with NotesDB(db_path) as s:
        d = s.register_document("fp", "/a.md", "A", "markdown", 100)
        s.add_highlight(d.id, 0, 5, "theme one", note="keep")
        s.add_highlight(d.id, 10, 15, "theme two", note="drop")
    r = run("search", "theme", "-drop", "--db", str(db_path))
    assert r.returncode == 0, r.stderr
    assert "[theme] one" in r.stdout and "two" not in r.stdout
    r = run("search", "-drop", "--json", "--db", str(db_path))  # only an exclusion: every other note
    assert r.returncode == 0, r.stderr
    assert [h["text"] for h in json.loads(r.stdout)] == ["theme one"]


def test_closed_pipe_is_not_a_traceback(db_path):
    with NotesDB(db_path) as s:
        d = s.register_document("fp", "/a.md", "A", "markdown", 100)
        for i in range(200):
            s.add_highlight(d.id, i, i + 5, f"theme {i}", note="a long note about the theme " * 40)
    with subprocess.Popen([sys.executable, "-m", "reader", "search", "theme", "--limit", "200", "--json",
                           "--db", str(db_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE) as p:
        assert p.stdout is not None and p.stderr is not None
        first = p.stdout.readline()  # what `| head -1` reads, then it leaves
        p.stdout.close()
        err = p.stderr.read().decode()
        p.wait(timeout=60)
    assert first.startswith(b"[")
    assert "Traceback" not in err and "BrokenPipe" not in err
    assert err == ""
    # and the same through a real shell pipe
    sh = subprocess.run(f"{sys.executable} -m reader search theme --limit 200 --db '{db_path}' | head -1",
                        shell=True, capture_output=True, text=True, timeout=60)
    assert sh.stdout.count("\n") == 1 and sh.stderr == ""


def test_busy_notes_file_is_one_line(db_path):
    NotesDB(db_path).close()
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock for longer than Reader waits
    try:
        r = run("highlight", str(SAMPLE), "--text", "Song Tao", "--db", str(db_path))
    finally:
        other.execute("ROLLBACK")
        other.close()
    one_line_error(r, "busy in another program")


def test_read_only_notes_file_reads_and_refuses_writes_in_one_line(db_path, read_only):
    r = run("highlight", str(SAMPLE), "--text", "Song Tao", "--note", "kept", "--db", str(db_path))
    assert r.returncode == 0, r.stderr
    read_only(db_path)
    before = db_path.read_bytes()
    r = run("notes", str(SAMPLE), "--json", "--db", str(db_path))
    assert r.returncode == 0, r.stderr
    assert [(h["text"], h["note"]) for h in json.loads(r.stdout)["highlights"]] == [("Song Tao", "kept")]
    r = run("highlight", str(SAMPLE), "--text", "Working Hard", "--db", str(db_path))
    one_line_error(r, "read-only")
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir() if p.name.startswith(db_path.name)) == [db_path.name]


def test_db_in_a_missing_folder_is_refused_not_created(tmp_path):
    target = tmp_path / "no" / "such" / "folder" / "notes.sqlite"
    for how in ({"args": ("--db", str(target))}, {"env": {"READER_DB": str(target)}}):
        r = run("highlight", str(SAMPLE), "--text", "Song Tao", *how.get("args", ()), env=how.get("env"))
        one_line_error(r, "does not exist")
        assert not (tmp_path / "no").exists()


def test_default_location_is_created(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share"), "READER_DB": ""}
    r = run("highlight", str(SAMPLE), "--text", "Song Tao", env=env)
    assert r.returncode == 0, r.stderr
    assert (home / ".local" / "share" / "Reader" / "notes.sqlite").is_file()


def test_another_programs_database_is_refused_byte_for_byte(tmp_path):
    foreign = tmp_path / "places.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE bookmarks (id INTEGER PRIMARY KEY, url TEXT)")
    con.execute("INSERT INTO bookmarks(url) VALUES ('https://example.org')")
    con.commit()
    con.close()
    before = foreign.read_bytes()
    r = run("highlight", str(SAMPLE), "--text", "Song Tao", "--db", str(foreign))
    one_line_error(r, "not a Reader notes file")
    assert foreign.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("places")] == ["places.sqlite"]


def test_full_disk_is_one_line_and_keeps_what_was_saved(db_path):
    import resource

    r = run("highlight", str(SAMPLE), "--text", "Song Tao", "--note", "saved before", "--db", str(db_path))
    assert r.returncode == 0, r.stderr
    # no file may grow past 32 KiB: the 100 KB note's pages cannot all be written to the log (WAL) (the limit was
    # the file's size plus 16 KiB, which held the note's pages once the file itself had grown: no longer full)
    limit = 32 * 1024

    def small_disk() -> None:  # files may not grow past the limit: the disk is full for this process
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    big = subprocess.run([sys.executable, "-m", "reader", "highlight", str(SAMPLE), "--text", "Working Hard",
                          "--note", "x" * 100_000, "--db", str(db_path)],
                         capture_output=True, text=True, timeout=120, preexec_fn=small_disk)
    one_line_error(big, "disk is full")
    r = run("notes", str(SAMPLE), "--json", "--db", str(db_path))
    assert [(h["text"], h["note"]) for h in json.loads(r.stdout)["highlights"]] == [("Song Tao", "saved before")]
