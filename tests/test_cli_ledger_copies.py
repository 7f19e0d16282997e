"""`reader ledger` names the file of each copy when one claim is reviewed in two copies of a document (tryout 13:
"in Working Hard…; also in Working Hard…", nothing to tell them apart)."""

from __future__ import annotations

import shutil

from tests.conftest import SAMPLE
from tests.test_cli import reader


def test_the_ledger_tells_copies_apart_by_their_files(db_path, tmp_path):
    first = tmp_path / "sample-article.md"
    (tmp_path / "copy").mkdir()
    second = tmp_path / "copy" / "sample-copy.md"
    shutil.copyfile(SAMPLE, first)
    shutil.copyfile(SAMPLE, second)
    for path in (first, second):
        r = reader("review", str(path), "--claim", "56.1%", "--status", "verified", db=db_path)
        assert r.returncode == 0, r.stderr
    lines = reader("ledger", db=db_path).stdout.splitlines()
    wheres = [line for line in lines if line.startswith("    in ")]
    assert len(wheres) == 2, lines
    for line in wheres:
        assert "(sample-article.md)" in line and "(sample-copy.md)" in line, line
