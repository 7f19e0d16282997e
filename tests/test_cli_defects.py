"""Command-line defects a new-user tryout found: offsets that did not slice the printed text, and
smaller ones (each test names what it was). The real `reader` entry point on a notes file under tmp_path."""

from __future__ import annotations

import json
import shutil

from tests.conftest import SAMPLE
from tests.test_export import ok, reader


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


def test_export_all_refuses_a_file_name_and_leaves_out_documents_without_highlights(tmp_path, db_path):
    """`export --all -o all.md` made a folder named all.md; a document opened once without highlights was
    exported ("No highlights yet") while one only read by `reader text` was not."""
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copyfile(SAMPLE, docs / "sample.md")
    (docs / "plain.md").write_text("# Plain\n\nNothing marked here.\n", encoding="utf-8")
    ok(reader("highlight", str(docs / "sample.md"), "--text", "Nearly 400 Party members", db=db_path))
    ok(reader("notes", str(docs / "plain.md"), db=db_path))  # known to the notes file, no highlights
    r = reader("export", "--all", "-o", "all.md", db=db_path, cwd=tmp_path)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "looks like a file" in r.stderr
    assert not (tmp_path / "all.md").exists()
    out = ok(reader("export", "--all", "-o", "exported", db=db_path, cwd=tmp_path))
    assert out == "wrote 1 file into the folder exported (1 document with no highlights or reviews left out)\n"
    assert [p.name for p in (tmp_path / "exported").iterdir()] == [
        "Working Hard to Bring Happiness to the Chinese People and Promote Progress of all Mankind.md"]
    data = json.loads(ok(reader("export", "--all", "-f", "json", db=db_path)))
    assert "Plain" not in json.dumps(data) and "Nearly 400 Party members" in json.dumps(data)


def test_highlight_of_a_passage_found_more_than_once_says_where_and_takes_occurrence(tmp_path, db_path):
    """`reader highlight --text "Party members"` silently took the first of three places (then: took the
    first and listed the others; a tryout found that too easy to miss in a script: now refused)."""
    doc = tmp_path / "sample.md"
    shutil.copyfile(SAMPLE, doc)
    text = ok(reader("text", str(doc), db=db_path))
    places = [i for i in range(len(text)) if text.startswith("Party members", i)]
    assert len(places) == 3
    r = reader("highlight", str(doc), "--text", "Party members", db=db_path)  # refused: which one is meant?
    assert (r.returncode, r.stdout) == (1, "") and r.stderr.count("\n") == 1
    assert r.stderr.startswith("reader: the passage occurs 3 times in the document; nothing was highlighted: "
                               "give --occurrence N (1-3)")
    r = reader("highlight", str(doc), "--text", "Party members", "--occurrence", "1", db=db_path)
    assert (r.stdout, r.stderr) == (f"highlight 1: {places[0]}-{places[0] + 13} yellow\n", "")
    r = reader("highlight", str(doc), "--text", "Party members", "--occurrence", "3", db=db_path)
    assert (r.stdout, r.stderr) == (f"highlight 2: {places[2]}-{places[2] + 13} yellow\n", "")
    r = reader("highlight", str(doc), "--text", "Party members", "--occurrence", "4", db=db_path)
    assert (r.returncode, r.stderr) == (1, "reader: --occurrence 4: the passage occurs 3 times in the document\n")
    r = reader("highlight", str(doc), "--text", "Nearly 400 Party members", db=db_path)  # once: nothing to say
    assert r.returncode == 0 and r.stderr == ""
    assert [h["start"] for h in json.loads(ok(reader("notes", str(doc), "--json", db=db_path)))["highlights"]] == [
        places[0], text.index("Nearly 400"), places[2]]


def test_search_problems_are_explained_and_exit_1(tmp_path, db_path):
    """kind:banana gave a bare "no results" while color: and status: explained; status:maybe exited 0
    while a bad date exited 1."""
    doc = tmp_path / "sample.md"
    shutil.copyfile(SAMPLE, doc)
    ok(reader("highlight", str(doc), "--text", "Nearly 400 Party members", "--tag", "survey", db=db_path))
    r = reader("search", "kind:banana", db=db_path)
    assert (r.returncode, r.stdout) == (1, "no results\n")
    assert r.stderr == "reader: kind:banana matches nothing; use one of claim, quote, note, user, imported, group.\n"
    r = reader("search", "status:maybe", db=db_path)
    assert r.returncode == 1 and r.stderr.startswith("reader: status:maybe matches nothing; use one of")
    r = reader("search", "after:2026-13-45", db=db_path)
    assert r.returncode == 1 and r.stderr == "reader: after:2026-13-45 is not a date; write it like after:2026-01-31\n"
    r = reader("search", "color:chartreuse", "OR", "tag:survey", "--json", db=db_path)  # found, and still explained
    assert r.returncode == 1 and [h["text"] for h in json.loads(r.stdout)] == ["Nearly 400 Party members"]
    assert r.stderr.startswith("reader: color:chartreuse matches nothing")
    r = reader("search", "kind:user", db=db_path)
    assert (r.returncode, r.stderr) == (0, "") and "Nearly 400 Party members" in r.stdout


def test_help_names_screenshot_and_every_kind_of_document(db_path):
    assert "--screenshot OUT.png" in ok(reader("--help", db=db_path))
    for command in ("extract", "text", "info", "notes", "highlight"):
        assert ".epub" in ok(reader(command, "--help", db=db_path)) and ".html" in ok(reader(command, "--help",
                                                                                              db=db_path))


def test_xml_kept_as_text_is_titled_by_its_title_element(tmp_path, db_path, specimen):
    """An RSS feed saved as .xml.txt was titled '<?xml version="1.0" encoding="gb2312" ?>'."""
    assert "title: 网页设计师 - 文章教程\n" in ok(reader("info", str(specimen("text/w3cn.org_gb2312.xml.txt")),
                                                       db=db_path))
    bare = tmp_path / "feed.xml.txt"
    bare.write_text('<?xml version="1.0"?>\n<items>\n<item>one</item>\n</items>\n\n<item>two</item>\n',
                    encoding="utf-8")
    assert ok(reader("info", str(bare), db=db_path)).startswith("title: feed.xml\n")
