"""`reader search` says on stderr what part of a query it could not read even when the rest found
something (tryout 8, item 4: '"irony' and '(irony' printed results, exit 0, and said nothing; with no
results it did say). Results stay on stdout; the exit code is 1, found or not (s11 tryout 1.10: '"right side'
gave rc 0 and 'tag:' rc 1): a query with a problem exits 1 everywhere, as grep does on a bad pattern."""

from __future__ import annotations

import json

from tests.conftest import SAMPLE
from tests.test_export import ok, reader


def test_an_unreadable_part_is_said_on_stderr_with_results_too(db_path):
    ok(reader("highlight", str(SAMPLE), "--text", "56.1% are Party members", "--note", "irony here", db=db_path))
    for query, why in [('"irony', "a quotation mark is not closed"), ("(irony", "brackets do not group")]:
        r = reader("search", query, db=db_path)
        assert r.returncode == 1, r.stderr
        assert "56.1% are Party members" in r.stdout and "note: [irony] here" in r.stdout
        (line,) = r.stderr.splitlines()
        assert line.startswith(f"reader: part of this search could not be read: {why}"), r.stderr
        r = reader("search", query, "--json", db=db_path)  # the JSON on stdout stays parseable
        assert r.returncode == 1 and len(json.loads(r.stdout)) == 1
        assert r.stderr.startswith("reader: part of this search could not be read: ")
    r = reader("search", "irony", db=db_path)  # all of it read: nothing on stderr
    assert r.returncode == 0 and r.stderr == "" and "irony" in r.stdout
    r = reader("search", '"nothing like it', db=db_path)  # nothing found: that is the answer, exit 1
    assert r.returncode == 1 and r.stdout == "no results\n" and len(r.stderr.splitlines()) == 1
