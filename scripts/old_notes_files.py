"""Rebuild tests/data/notes-v7-*.sqlite.gz: notes files from earlier builds whose migrations had other names.

A file made by 8de8284 (m006_anchored_text, schema 6), then opened by fefeefe (m006_sync,
m007_document_author) or by 5c9575c (m006_sync, m007_claims_across_the_library), both schema 7.
Each build's notes_db is taken from git history into a temporary folder and run in a process of
its own. Run from the repository: .venv/bin/python scripts/old_notes_files.py
"""

from __future__ import annotations

import gzip
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST = "8de8284"
SECOND = {"author": "fefeefe", "claims": "5c9575c"}

WRITE = """
import sys
sys.path.insert(0, sys.argv[1])
from notes_db.store import NotesDB
s = NotesDB(sys.argv[2])
if sys.argv[3] == "first":
    d = s.register_document("ab" * 32, "/home/someone/article.txt", "An article", "text", 5000)
    s.add_highlight(d.id, 10, 30, "twenty chars of text", note="an old note", tags=["old", "kept"])
    s.add_highlight(d.id, 50, 60, "ten chars!", color="green")
    s.set_claim_review(d.id, "k1", "disputed", "checked it")
else:
    d = s.register_document("cd" * 32, "/home/someone/second.txt", "A second", "text", 800)
    s.add_highlight(d.id, 1, 5, "word", note="made by the second build")
s.close()
"""


def build(tmp: Path, commit: str) -> Path:
    folder = tmp / commit
    folder.mkdir()
    archive = subprocess.run(["git", "archive", commit, "notes_db"], cwd=ROOT, check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def main() -> None:
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        first = build(tmp, FIRST)
        for name, commit in SECOND.items():
            second = build(tmp, commit)
            db = tmp / f"{name}.sqlite"
            subprocess.run([sys.executable, "-c", WRITE, str(first), str(db), "first"], check=True)
            subprocess.run([sys.executable, "-c", WRITE, str(second), str(db), "second"], check=True)
            con = sqlite3.connect(db)
            con.execute("PRAGMA journal_mode = delete")
            con.execute("VACUUM")
            con.close()
            out = ROOT / "tests" / "data" / f"notes-v7-anchored-text-then-sync-{name}.sqlite.gz"
            out.write_bytes(gzip.compress(db.read_bytes(), 9))
            sys.stdout.write(f"{out.relative_to(ROOT)}: schema 7, {db.stat().st_size} bytes\n")


if __name__ == "__main__":
    main()
