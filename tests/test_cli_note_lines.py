"""A note of several lines printed by `reader notes` and `reader ledger`: its later lines indented under its
first (tryout 13: at column 0 they read as entries of their own)."""

from __future__ import annotations

from tests.conftest import SAMPLE
from tests.test_cli import reader

NOTE = "First line of the note.\nSecond line, under it.\n[3] not an entry"


def test_notes_and_ledger_indent_a_notes_later_lines(db_path):
    r = reader("highlight", str(SAMPLE), "--text", "56.1%", "--note", NOTE, db=db_path)
    assert r.returncode == 0, r.stderr
    out = reader("notes", str(SAMPLE), db=db_path).stdout.splitlines()
    at = next(k for k, line in enumerate(out) if line.endswith("note: First line of the note."))
    head = out[at].index("First")
    assert out[at + 1] == " " * head + "Second line, under it."
    assert out[at + 2] == " " * head + "[3] not an entry"
    r = reader("review", str(SAMPLE), "--claim", "56.1%", "--status", "verified", "--note", NOTE, db=db_path)
    assert r.returncode == 0, r.stderr
    for lines in (r.stdout.splitlines(), reader("ledger", db=db_path).stdout.splitlines()):
        at = next(k for k, line in enumerate(lines) if line.endswith("note: First line of the note."))
        head = lines[at].index("First")
        assert lines[at + 1:at + 3] == [" " * head + "Second line, under it.", " " * head + "[3] not an entry"], lines
