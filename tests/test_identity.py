"""Which document is which: resolved paths, edited files, moved files, and their highlights."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import SAMPLE


def reader(*args: str, cwd: Path, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *args, "--db", str(db)], capture_output=True, text=True,
                          timeout=120, cwd=cwd)


def notes(name: str, cwd: Path, db: Path) -> list[dict]:
    r = reader("notes", name, "--json", cwd=cwd, db=db)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)["highlights"]


def test_same_name_in_two_folders_is_two_documents(tmp_path, db_path):
    a, b = tmp_path / "A", tmp_path / "B"
    a.mkdir()
    b.mkdir()
    (a / "notes.md").write_text("# Folder A\n\nThe first file says the river flooded in spring.\n", encoding="utf-8")
    (b / "notes.md").write_text("# Folder B\n\nThe second file is about mountains and snow.\n", encoding="utf-8")
    r = reader("highlight", "notes.md", "--text", "the river flooded", cwd=a, db=db_path)
    assert r.returncode == 0, r.stderr
    assert notes("notes.md", cwd=b, db=db_path) == []
    assert [h["text"] for h in notes("notes.md", cwd=a, db=db_path)] == ["the river flooded"]
    r = reader("notes", "notes.md", "--json", cwd=b, db=db_path)
    assert json.loads(r.stdout)["document"]["path"] == str((b / "notes.md").resolve())


def test_edited_file_keeps_its_highlights_re_anchored(tmp_path, db_path):
    doc = tmp_path / "article.md"
    shutil.copyfile(SAMPLE, doc)
    passage = "Nearly 400 Party members sacrificed their precious lives"
    assert reader("highlight", "article.md", "--text", passage, "--note", "check", cwd=tmp_path, db=db_path).returncode == 0
    (h,) = notes("article.md", cwd=tmp_path, db=db_path)
    text = doc.read_text(encoding="utf-8")
    doc.write_text("# Preface\n\nA paragraph added at the top by the editor.\n\n" + text, encoding="utf-8")
    (moved,) = notes("article.md", cwd=tmp_path, db=db_path)
    assert (moved["text"], moved["note"], moved["orphaned"]) == (passage, "check", False)
    assert moved["start"] > h["start"]
    # a symlink or a path spelled differently is the same file
    os.symlink(doc, tmp_path / "link.md")
    (tmp_path / "sub").mkdir()
    assert [x["note"] for x in notes(str(tmp_path / "sub" / ".." / "link.md"), cwd=tmp_path, db=db_path)] == ["check"]


def test_moved_file_is_recognised_by_its_content(tmp_path, db_path):
    doc = tmp_path / "one" / "article.md"
    doc.parent.mkdir()
    shutil.copyfile(SAMPLE, doc)
    assert reader("highlight", str(doc), "--text", "Song Tao", cwd=tmp_path, db=db_path).returncode == 0
    target = tmp_path / "two" / "renamed.md"
    target.parent.mkdir()
    doc.rename(target)
    assert [h["text"] for h in notes(str(target), cwd=tmp_path, db=db_path)] == ["Song Tao"]
    r = reader("notes", str(target), "--json", cwd=tmp_path, db=db_path)
    assert json.loads(r.stdout)["document"]["path"] == str(target)


def test_edit_that_duplicates_the_passage_reports_it_ambiguous(tmp_path, db_path):
    doc = tmp_path / "a.md"
    para = "The committee agreed that the new budget will be published in May, after the vote in parliament."
    doc.write_text(f"# Budget\n\n{para}\n\nOther news follows here.\n", encoding="utf-8")
    assert reader("highlight", "a.md", "--text", "the new budget", cwd=tmp_path, db=db_path).returncode == 0
    doc.write_text(f"# Budget\n\n{para}\n\n{para}\n\nOther news follows here.\n", encoding="utf-8")
    (h,) = notes("a.md", cwd=tmp_path, db=db_path)
    assert (h["orphaned"], h["ambiguous"]) == (True, True)
    r = reader("notes", "a.md", cwd=tmp_path, db=db_path)
    assert "[ambiguous: found more than once]" in r.stdout
    doc.write_text(f"# Budget\n\n{para}\n\nOther news follows here.\n", encoding="utf-8")  # the copy removed again
    (h,) = notes("a.md", cwd=tmp_path, db=db_path)
    assert (h["orphaned"], h["ambiguous"], h["text"]) == (False, False, "the new budget")


def test_copy_edited_beside_the_original_takes_none_of_its_notes(tmp_path, db_path):
    """The new-user tryout's data loss: highlight a.md, copy it to b.md, highlight b.md, edit b.md, read b.md,
    then a.md: a.md showed "(0 highlights)" and all its notes had moved to b.md."""
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    shutil.copyfile(SAMPLE, a)
    mine = "Nearly 400 Party members"
    assert reader("highlight", "a.md", "--text", mine, "--note", "my note", cwd=tmp_path, db=db_path).returncode == 0
    shutil.copyfile(a, b)
    theirs = "Among the 40,000 plus medical workers"
    assert reader("highlight", "b.md", "--text", theirs, cwd=tmp_path, db=db_path).returncode == 0
    # the copy, unchanged, is its own document beside the unchanged original
    assert [(h["text"], h["note"]) for h in notes("a.md", cwd=tmp_path, db=db_path)] == [(mine, "my note")]
    assert [h["text"] for h in notes("b.md", cwd=tmp_path, db=db_path)] == [theirs]
    b.write_text(b.read_text(encoding="utf-8").replace("More than 39 million Party members fought tirelessly at "
                                                       "the frontline. ", ""), encoding="utf-8")
    (moved,) = notes("b.md", cwd=tmp_path, db=db_path)  # the edited copy keeps its own, re-anchored
    assert (moved["text"], moved["orphaned"]) == (theirs, False)
    assert [(h["text"], h["note"]) for h in notes("a.md", cwd=tmp_path, db=db_path)] == [(mine, "my note")]
    r = reader("notes", "a.md", cwd=tmp_path, db=db_path)
    assert "(1 highlight" in r.stdout and "my note" in r.stdout
    # and once the original is gone, a copy of it elsewhere is the original moved
    a.rename(tmp_path / "c.md")
    assert [h["note"] for h in notes("c.md", cwd=tmp_path, db=db_path)] == ["my note"]
