"""Command-line details from the s12 tryout (1.8), each through ``python -m reader`` on a real notes file."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import CORPUS, SAMPLE
from tests.test_export import ok, reader


def _nasty(tmp_path, name):
    src = CORPUS / "nasty" / name
    if not src.exists():
        pytest.skip(f"corpus file {name} is not beside the project")
    dst = tmp_path / name
    shutil.copyfile(src, dst)
    return dst


def test_export_all_reports_an_unreadable_pdf_in_one_clean_line(tmp_path, db_path):
    """``export --all`` printed MuPDF's own "MuPDF error: …" lines and a logger line ("reader.titles: title of
    enc_…: document closed or encrypted"); now a PDF whose author cannot be read is one ``reader:`` line,
    and the export goes on with every highlight."""
    enc = _nasty(tmp_path, "enc_user_pr6531_2_asdfasdf.pdf")
    damaged = _nasty(tmp_path, "corrupt_premature-EOF.pdf")
    ok(reader("highlight", str(enc), "--password", "asdfasdf", "--text", "Bluebeam", db=db_path))
    ok(reader("highlight", str(damaged), "--text", "Hello", db=db_path))
    ok(reader("highlight", str(SAMPLE), "--text", "Song Tao", db=db_path))
    out = tmp_path / "all.csv"
    r = reader("export", "--all", "-f", "csv", "-o", str(out), db=db_path)
    assert r.returncode == 0, r.stderr
    lines = r.stderr.splitlines()
    assert lines == [f"reader: {enc.name} needs its password: its notes are exported without its author and date"]
    text = out.read_text(encoding="utf-8")
    assert "Bluebeam" in text and "Hello" in text and "Song Tao" in text


def test_import_counts_by_document_and_names_files_when_titles_repeat(tmp_path, db_path):
    """Three documents with one title shared a line of the import summary ("added 2 highlights to …"), so
    the lines added up to fewer highlights than were added."""
    paths = []
    for i in (1, 2, 3):
        p = tmp_path / f"copy{i}.md"
        p.write_text(f"# Same Title\n\nBody number {i} says something here.\n", encoding="utf-8")
        ok(reader("highlight", str(p), "--text", f"Body number {i}", db=db_path))
        paths.append(p)
    ok(reader("highlight", str(paths[0]), "--text", "says something", db=db_path))
    ok(reader("highlight", str(SAMPLE), "--text", "Song Tao", db=db_path))
    w3c = tmp_path / "all.jsonld"
    ok(reader("export", "--all", "-f", "w3c", "-o", str(w3c), db=db_path))
    said = ok(reader("import", str(w3c), db=tmp_path / "other.sqlite")).splitlines()
    assert sorted(said) == sorted([
        "added 2 highlights to Same Title (copy1.md)", "added 1 highlight to Same Title (copy2.md)",
        "added 1 highlight to Same Title (copy3.md)",
        "added 1 highlight to Working Hard to Bring Happiness to the Chinese People and Promote Progress of all "
        "Mankind"])


def test_check_on_a_file_that_is_not_a_notes_file_says_what_to_do_instead(tmp_path, db_path):
    """``reader --db bad.pdf check`` said "fix: … run 'reader check' to see what can be saved": the very command."""
    ok(reader("highlight", str(SAMPLE), "--text", "Song Tao", db=db_path))
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\n" + b"x" * 500)
    r = reader("check", db=bad)
    assert r.returncode == 1
    assert "reader check" not in r.stdout + r.stderr
    assert f"{bad} is not a notes file" in r.stdout and f"give --db the notes file (Reader's own is {db_path})" in r.stdout
    damaged = tmp_path / "damaged.sqlite"  # an SQLite file past saving by Reader: how to copy what can be read
    damaged.write_bytes(b"SQLite format 3\x00\x10\x00" + b"\xff" * 3000)
    r = reader("check", db=damaged)
    assert r.returncode == 1 and "reader check" not in r.stdout + r.stderr
    assert f"sqlite3 {damaged} '.recover' | sqlite3 NEW.sqlite" in r.stdout


def test_occurrence_counts_from_one(db_path):
    """``--occurrence 0`` was taken for the first place (and -1 refused with "occurs 3 times")."""
    for n in ("0", "-1"):
        r = reader("highlight", str(SAMPLE), "--text", "century", "--occurrence", n, db=db_path)
        assert r.returncode == 1 and r.stderr == f"reader: --occurrence {n}: places count from 1 (the first, in " \
                                                 "reading order)\n", r.stderr
    data = json.loads(ok(reader("notes", str(SAMPLE), "--json", db=db_path)))
    assert data["highlights"] == []
    ok(reader("highlight", str(SAMPLE), "--text", "century", "--occurrence", "1", db=db_path))


def test_speakers_of_nobody_exits_alike_with_json_or_without(db_path):
    """``speakers --json nosuch`` exited 0 (``"person": null``) and ``speakers nosuch`` 1."""
    plain = reader("speakers", "nosuch", db=db_path)
    as_json = reader("speakers", "--json", "nosuch", db=db_path)
    assert plain.returncode == as_json.returncode == 1
    assert as_json.stderr == plain.stderr == "reader: no quotes by nosuch in the library\n"
    assert json.loads(as_json.stdout) == {"person": None, "quotes": [], "similar": []}  # still for scripts


def test_a_mistyped_command_is_said_with_the_nearest_one(tmp_path, db_path, monkeypatch):
    """``reader serach rhetoric`` was opened as a file named serach: "unrecognized arguments: rhetoric"."""
    r = reader("serach", "rhetoric", db=db_path, cwd=tmp_path)
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr == "reader: 'serach' is not a command; did you mean 'search'? (see 'reader --help')\n"
    r = reader("hilight", db=db_path, cwd=tmp_path)
    assert "did you mean 'highlight'?" in r.stderr
    # a file of that name is still a file, and a word near no command is still a missing file
    from reader.cli import _normalise_argv

    (tmp_path / "serach").write_text("A note called serach.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _normalise_argv(["serach"]) == ["open", "serach"]
    r = reader("bogus-command", "--screenshot", str(tmp_path / "x.png"), db=db_path, cwd=tmp_path)
    assert r.returncode == 1 and "File not found: bogus-command" in r.stderr and "did you mean" not in r.stderr


def test_a_screenshot_into_no_folder_is_one_clean_line(tmp_path, db_path):
    """``--screenshot /nonexistent/dir/x.png`` opened the window and then logged "reader.ui: could not write …"."""
    out = tmp_path / "nonexistent" / "dir" / "x.png"
    r = reader("--screenshot", str(out), db=db_path)
    assert r.returncode == 1 and r.stderr == f"reader: --screenshot {out}: there is no folder {out.parent}\n"
    assert not out.parent.exists()


def test_not_before_a_word_excludes_it(db_path):
    """``search 'NOT rhetoric'`` quietly searched the word "not" (Zotero's and FTS5's users expect exclusion)."""
    ok(reader("highlight", str(SAMPLE), "--text", "Song Tao", "--note", "rhetoric here", db=db_path))
    ok(reader("highlight", str(SAMPLE), "--text", "Working Hard", "--note", "not rhetoric, a title", "--tag", "title",
              db=db_path))
    ok(reader("highlight", str(SAMPLE), "--text", "unseen in a century", "--note", "a fact, not a claim", db=db_path))
    found = json.loads(ok(reader("search", "NOT rhetoric", "--json", db=db_path)))
    assert [h["text"] for h in found] == ["unseen in a century"]
    found = json.loads(ok(reader("search", "not NOT tag:title", "--json", db=db_path)))  # lower case: a word
    assert [h["text"] for h in found] == ["unseen in a century"]
    r = reader("search", "rhetoric NOT", db=db_path)
    assert r.returncode == 1 and "NOT needs something after it" in r.stderr


def test_a_not_before_or_or_not_is_said_not_dropped(db_path):
    """Review s12, finding 6: ``title NOT OR rhetoric`` silently dropped the NOT (it searched title OR rhetoric,
    exit 0), and ``NOT NOT rhetoric`` searched for no "not" and rhetoric; the person is told instead."""
    ok(reader("highlight", str(SAMPLE), "--text", "Song Tao", "--note", "rhetoric here", db=db_path))
    ok(reader("highlight", str(SAMPLE), "--text", "Working Hard", "--note", "a title", db=db_path))
    for query in ("title NOT OR rhetoric", "NOT NOT rhetoric", "NOT OR"):
        r = reader("search", query, db=db_path)
        assert r.returncode == 1, query
        assert "NOT needs a word after it, not OR or NOT (NOT word, the same as -word)" in r.stderr, query
    assert ok(reader("search", "title OR NOTE", db=db_path))  # NOTE is a word, and a phrase "NOT" too
    assert reader("search", '"NOT" OR rhetoric', db=db_path).returncode == 0


def test_share_with_a_group_and_no_sync_server_is_refused(tmp_path, db_path, monkeypatch):
    """``share PATH --group nosuch`` exited 0 ("shared with nosuch, sent at the next sync") with no server."""
    monkeypatch.setenv("READER_SYNC_CONFIG", str(tmp_path / "config" / "sync.json"))  # none set up
    ok(reader("highlight", str(SAMPLE), "--text", "Song Tao", db=db_path))
    r = reader("share", str(SAMPLE), "--group", "nosuch", db=db_path)
    assert r.returncode == 1 and r.stderr.startswith("reader: no sync server yet: run 'reader sync --server ")
    assert "private" in ok(reader("share", str(SAMPLE), "--private", db=db_path))


def _annotated_pdf(tmp_path):
    """A one-page PDF holding a highlight annotation of its own (on "twelve percent")."""
    import pymupdf

    pdf = tmp_path / "annotated.pdf"
    with pymupdf.open() as out:
        page = out.new_page()
        page.insert_text((72, 100), "Budgets rose by twelve percent last year.", fontsize=12)
        page.add_highlight_annot(page.search_for("twelve percent")[0])
        out.save(str(pdf))
    return pdf


def test_import_counts_the_pdfs_own_highlights_it_brings_in(tmp_path, db_path):
    """A PDF first registered by the import brings its own highlight annotations in; the summary left them
    out (the W3C copy of one was "already in the notes file"), so its lines added up to fewer than were added."""
    pdf = _annotated_pdf(tmp_path)
    data = json.loads(ok(reader("notes", str(pdf), "--json", db=db_path)))
    assert [h["text"] for h in data["highlights"]] == ["twelve percent"]  # the PDF's own, taken in
    w3c = tmp_path / "all.jsonld"
    ok(reader("export", "--all", "-f", "w3c", "-o", str(w3c), db=db_path))
    other = tmp_path / "other.sqlite"
    # Reader's export says the PDF's own annotation was taken over (takenOver): it comes in once, from the export
    assert ok(reader("import", str(w3c), db=other)).splitlines() == ["added 1 highlight to annotated"]
    other = tmp_path / "third.sqlite"  # a W3C file that does not say so (another program's): the PDF's own first
    said = ok(reader("import", str(_without_taken_over(w3c)), db=other)).splitlines()
    assert said == ["added 1 highlight to annotated, from the PDF's own annotations", "1 already in the notes file"]


def _without_taken_over(w3c):
    """The W3C file as a program that does not list the PDF's own annotations taken over writes it."""
    data = json.loads(w3c.read_text(encoding="utf-8"))
    del data["takenOver"]
    w3c.write_text(json.dumps(data), encoding="utf-8")
    return w3c


def test_an_import_that_fails_names_the_pdfs_own_highlights_that_came_in(tmp_path, db_path):
    """Review s12, finding 5: a PDF the import opens first brings its own highlights in, in a transaction of
    their own; when the file's highlights then failed to be stored, the import said "nothing was imported"
    although the PDF's own highlight was in the notes file."""
    import sqlite3

    pdf = _annotated_pdf(tmp_path)
    ok(reader("highlight", str(pdf), "--text", "last year", db=db_path))
    w3c = tmp_path / "all.jsonld"
    ok(reader("export", "--all", "-f", "w3c", "-o", str(w3c), db=db_path))
    other = tmp_path / "other.sqlite"
    ok(reader("notes", str(SAMPLE), db=other))  # a notes file that refuses the imported highlight (a full disk)
    with sqlite3.connect(other) as con:
        con.execute("CREATE TRIGGER refuse BEFORE INSERT ON highlights WHEN NEW.exact = 'last year' "
                    "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
    con.close()
    r = reader("import", str(_without_taken_over(w3c)), db=other)
    assert r.returncode == 1
    assert "nothing was imported" not in r.stderr
    assert r.stderr.startswith("reader: the file's highlights were not imported: "), r.stderr
    assert r.stderr.rstrip().endswith("; only the PDF's own highlight came in, when the PDF was first opened "
                                      "(1 in annotated)"), r.stderr
    data = json.loads(ok(reader("notes", str(pdf), "--json", db=other)))
    assert [h["text"] for h in data["highlights"]] == ["twelve percent"]  # as the message says


def test_a_damaged_notes_file_given_with_db_is_the_one_the_advice_names(tmp_path):
    """Tryout 13: after ``--db bad.sqlite``, the hint "run 'reader check'" checked the default notes file."""
    damaged = tmp_path / "damaged notes.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00\x10\x00" + b"\xff" * 3000)
    r = reader("notes", str(SAMPLE), db=damaged)
    assert r.returncode == 1
    assert f"reader check --db '{damaged}'" in r.stdout + r.stderr, r.stdout + r.stderr
