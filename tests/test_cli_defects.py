"""Command-line defects a new-user tryout found: offsets that did not slice the printed text, and
smaller ones (each test names what it was). The real `reader` entry point on a notes file under tmp_path."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import SAMPLE


def reader(*args: str, db: Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *args, "--db", str(db)], capture_output=True, text=True,
                          timeout=180, cwd=cwd)


def ok(r: subprocess.CompletedProcess[str]) -> str:
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_extract_offsets_slice_what_reader_text_prints(tmp_path, db_path, specimen):
    """`reader extract --json` offsets matched no span of `reader text` (blank lines between paragraphs)."""
    sample = tmp_path / "sample.md"
    shutil.copyfile(SAMPLE, sample)
    for doc in (sample, specimen("normal/tracemonkey.pdf")):
        text = ok(reader("text", str(doc), db=db_path))
        found = json.loads(ok(reader("extract", str(doc), "--json", db=db_path)))
        spans = found["quotes"] + found["claims"] + found["terms"]
        assert len(spans) > 40, doc.name
        wrong = [s for s in spans if text[s["start"]:s["end"]] != s["text"].replace("\u2028", "\n")]
        assert wrong == [], doc.name
    out = ok(reader("highlight", str(sample), "--text", "Nearly 400 Party members", db=db_path))
    start, end = map(int, out.split()[2].split("-"))
    assert ok(reader("text", str(sample), db=db_path))[start:end] == "Nearly 400 Party members"
    (h,) = json.loads(ok(reader("notes", str(sample), "--json", db=db_path)))["highlights"]
    assert (h["start"], h["end"]) == (start, end)
