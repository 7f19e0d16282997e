"""Small CLI messages from tryout 8 (item 7): a few bytes of binary garbage are not text (extract said
"no quotes … found"); `reader import` given a PDF names the formats it reads."""

from __future__ import annotations

import shutil

from tests.conftest import CORPUS
from tests.test_export import reader


def test_a_few_bytes_of_binary_are_not_text(tmp_path, db_path):
    path = tmp_path / "bin.txt"
    path.write_bytes(b"\x00\x01\x02garbage\xff\xfe")
    for command in ("extract", "text"):
        r = reader(command, str(path), db=db_path)
        assert r.returncode == 1 and r.stdout == ""
        assert r.stderr == "reader: bin.txt is a binary file, not text.\n"
    ok_text = tmp_path / "tabs.txt"  # a short text with a tab and a form feed is still text
    ok_text.write_bytes(b"Prices rose\tagain.\fThe end.\n")
    assert reader("text", str(ok_text), db=db_path).returncode == 0


def test_import_names_what_it_reads(tmp_path, db_path):
    pdf = tmp_path / "paper.pdf"
    shutil.copyfile(CORPUS / "normal" / "tracemonkey.pdf", pdf)
    r = reader("import", str(pdf), db=db_path)
    assert r.returncode == 1 and r.stderr.count("\n") == 1
    assert "W3C Web Annotation or Hypothesis JSON" in r.stderr and r.stderr.startswith("reader: paper.pdf ")
