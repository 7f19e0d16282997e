"""`reader ledger` names the file of each copy when one claim is reviewed in two copies of a document (tryout 13:
"in Working Hard…; also in Working Hard…", nothing to tell them apart)."""

from __future__ import annotations

import json
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
        assert f"({tmp_path.name}/sample-article.md)" in line and "(copy/sample-copy.md)" in line, line


def _two_copies_of_one_file_name(tmp_path):
    paths = []
    for folder in ("resources", "copy"):  # one file name in two folders (tryout s14)
        (tmp_path / folder).mkdir()
        paths.append(tmp_path / folder / "sample-article.md")
        shutil.copyfile(SAMPLE, paths[-1])
    return paths


def test_the_ledger_names_the_folders_of_copies_with_one_file_name(db_path, tmp_path):
    for path in _two_copies_of_one_file_name(tmp_path):
        assert reader("review", str(path), "--claim", "56.1%", "--status", "verified", db=db_path).returncode == 0
    wheres = [line for line in reader("ledger", db=db_path).stdout.splitlines() if line.startswith("    in ")]
    assert wheres and all("(resources/sample-article.md)" in w and "(copy/sample-article.md)" in w for w in wheres), wheres


def test_search_tells_copies_apart_and_gives_a_reviews_text(db_path, tmp_path):
    for path in _two_copies_of_one_file_name(tmp_path):
        assert reader("highlight", str(path), "--text", "56.1%", "--note", "copies", db=db_path).returncode == 0
        assert reader("review", str(path), "--claim", "56.1%", "--status", "verified", "--note", "checked",
                      db=db_path).returncode == 0
    out = reader("search", "copies", db=db_path).stdout
    heads = [line for line in out.splitlines() if not line.startswith(" ")]
    assert any("— resources/sample-article.md" in h for h in heads), out
    assert any("— copy/sample-article.md" in h for h in heads), out
    found = json.loads(reader("search", "checked", "--json", db=db_path).stdout)
    reviews = [r for r in found if r["type"] == "review"]
    assert reviews and all("56.1%" in r["text"] for r in reviews), found
