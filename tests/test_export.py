"""Notes out in open formats and back in: real documents, real processes, real notes files."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.conftest import SAMPLE


def reader(*args: str, db: Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *args, "--db", str(db)], capture_output=True, text=True,
                          timeout=180, cwd=cwd)


def ok(r: subprocess.CompletedProcess[str]) -> str:
    assert r.returncode == 0, r.stderr
    return r.stdout


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    dst = tmp_path / "docs" / "sample-article.md"
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SAMPLE, dst)
    return dst


def annotate_sample(sample: Path, db: Path) -> None:
    ok(reader("highlight", str(sample), "--text", "56.1% are Party members", "--color", "red", "--note",
              "check this\nsecond line", "--tag", "figure", "--tag", "covid 19", db=db))
    ok(reader("highlight", str(sample), "--text", "Xi Jinping", "--occurrence", "1", "--color", "blue", db=db))


def html_and_links(markdown: str) -> tuple[list[str], list[str]]:
    """What a CommonMark renderer would turn into HTML tags or links."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    html, links = [], []
    for t in tokens:
        for c in [t, *(t.children or [])]:
            if c.type in ("html_inline", "html_block"):
                html.append(c.content)
            if c.type in ("link_open", "image"):
                links.append(str(c.attrGet("href") or c.attrGet("src")))
    return html, links


def test_markdown_escapes_html_from_document_notes_and_tags(tmp_path, db_path):
    doc = tmp_path / "evil.txt"
    doc.write_text("A title\n\nHere is <img src=x onerror=alert(1)> and [click](javascript:alert(2)) in the text.\n",
                   encoding="utf-8")
    ok(reader("highlight", str(doc), "--text", "<img src=x onerror=alert(1)> and [click](javascript:alert(2))",
              "--note", "<script>alert(3)</script> my *own* words", "--tag", "<b>bold</b>", db=db_path))
    md = ok(reader("export", str(doc), "--format", "markdown", db=db_path))
    html, links = html_and_links(md)
    assert html == []
    assert links and all(link.startswith("reader://open?doc=") for link in links)
    rendered = MarkdownIt("commonmark").render(md)
    assert "<img" not in rendered and "<script" not in rendered and "<b>" not in rendered
    # ...and the reader still sees what was written, as text.
    assert "&lt;img src=x onerror=alert(1)&gt;" in rendered and "&lt;script&gt;alert(3)&lt;/script&gt;" in rendered
    assert "<em>own</em>" in rendered  # the person's own Markdown in a note is kept
    # `reader notes --markdown` is the same export
    assert ok(reader("notes", str(doc), "--markdown", db=db_path)) == md


def test_markdown_front_matter_blocks_tags_and_links(sample, db_path):
    annotate_sample(sample, db_path)
    md = ok(reader("export", str(sample), db=db_path))
    head, body = md.split("\n---\n", 1)
    assert head.startswith("---\n")
    meta = {k: json.loads(v) for k, v in (line.split(": ", 1) for line in head.splitlines()[1:])}
    assert meta["title"].startswith("Working Hard to Bring Happiness")
    assert meta["source"] == sample.resolve().as_uri()
    assert meta["sha256"] == hashlib.sha256(sample.read_bytes()).hexdigest()
    assert meta["tags"] == ["covid 19", "figure"]
    assert "> 56.1% are Party members" in body
    assert "check this\\\nsecond line" in body  # a hard break: the note's two lines stay two
    assert "#covid-19 #figure" in body
    assert f"reader://open?doc={meta['sha256']}&highlight=1" in body
    assert body.count("* * *") == 2


def test_markdown_template_the_person_changes(sample, db_path, tmp_path):
    annotate_sample(sample, db_path)
    tpl = tmp_path / "mine.md.j2"
    tpl.write_text("{% for h in highlights %}- {{ h.text }} ({{ h.color }}) {{ h.tags | hashtags }}\n{% endfor %}",
                   encoding="utf-8")
    out = ok(reader("export", str(sample), "--template", str(tpl), db=db_path))
    assert out == "- Xi Jinping (blue) \n- 56.1% are Party members (red) #covid-19 #figure\n"
    tpl.write_text("{% for h in highlights %}{{ h.text }", encoding="utf-8")
    r = reader("export", str(sample), "--template", str(tpl), db=db_path)
    assert r.returncode == 1 and r.stderr.startswith("reader: the Markdown template does not work")
    assert len(r.stderr.strip().splitlines()) == 1


def test_csv_has_one_row_per_highlight(sample, db_path):
    annotate_sample(sample, db_path)
    ok(reader("highlight", str(sample), "--text", "Xi Jinping", "--occurrence", "1", "--note", "=HYPERLINK(\"x\")", db=db_path))
    rows = list(csv.reader(io.StringIO(ok(reader("export", str(sample), "-f", "csv", db=db_path)))))
    assert rows[0] == ["document", "page", "colour", "text", "note", "tags", "created", "modified", "link", "type",
                       "status", "source", "speaker", "found", "style", "author"]
    assert len(rows) == 4 and {r[9] for r in rows[1:]} == {"highlight"} and {r[14] for r in rows[1:]} == {"highlight"}
    red = next(r for r in rows if r[2] == "red")
    assert red[3:6] == ["56.1% are Party members", "check this\nsecond line", "covid 19, figure"]
    assert red[8].startswith("reader://open?doc=")
    assert any(r[4] == "'=HYPERLINK(\"x\")" for r in rows)  # a note is never run as a formula


def test_w3c_json_ld_for_a_pdf(specimen, db_path):
    pdf = specimen("normal/tracemonkey.pdf")
    ok(reader("highlight", str(pdf), "--text", "trace-based compilation", "--occurrence", "1", "--color", "green",
              "--note", "key idea", "--tag", "jit", "--tag", "tracing", db=db_path))
    data = json.loads(ok(reader("export", str(pdf), "-f", "w3c", db=db_path)))
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection" and data["total"] == 1
    (a,) = data["first"]["items"]
    sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert a["type"] == "Annotation" and a["motivation"] == "commenting"
    assert a["id"].startswith(f"reader://open?doc={sha}&highlight=")
    src = a["target"]["source"]
    assert src["id"] == pdf.resolve().as_uri() and src["canonical"] == f"urn:sha256:{sha}"
    assert src["format"] == "application/pdf"
    sel = {s["type"]: s for s in a["target"]["selector"]}
    assert sel["TextQuoteSelector"]["exact"].lower() == "trace-based compilation"
    assert len(sel["TextQuoteSelector"]["prefix"]) == 32 and len(sel["TextQuoteSelector"]["suffix"]) == 32
    pos = sel["TextPositionSelector"]
    assert pos["end"] - pos["start"] == len(sel["TextQuoteSelector"]["exact"])
    assert sel["FragmentSelector"]["conformsTo"] == "http://tools.ietf.org/rfc/rfc3778"
    assert sel["FragmentSelector"]["value"].startswith("page=")
    assert a["body"] == [
        {"type": "TextualBody", "value": "key idea", "format": "text/plain", "purpose": "commenting"},
        {"type": "TextualBody", "value": "jit", "purpose": "tagging"},
        {"type": "TextualBody", "value": "tracing", "purpose": "tagging"},
    ]
    assert a["target"]["styleClass"] == "green" and ".green {" in data["stylesheet"]["value"]
    assert a["created"] and a["modified"]


@pytest.mark.parametrize("which", ["sample", "pdf"])
def test_round_trip_export_import_export_is_identical(which, sample, specimen, tmp_path, db_path):
    doc = sample if which == "sample" else specimen("normal/tracemonkey.pdf")
    if which == "sample":
        annotate_sample(doc, db_path)
    else:
        ok(reader("highlight", str(doc), "--text", "trace-based compilation", "--occurrence", "1", "--note", "<i>n</i>",
                  "--tag", "jit", db=db_path))
        ok(reader("highlight", str(doc), "--text", "TraceMonkey", "--occurrence", "1", "--color", "purple", db=db_path))
    first = tmp_path / "first.jsonld"
    ok(reader("export", str(doc), "-f", "w3c", "-o", str(first), db=db_path))
    empty = tmp_path / "empty.sqlite"
    out = ok(reader("import", str(first), db=empty))
    assert out.startswith("added 2 highlights to ")
    second = tmp_path / "second.jsonld"
    ok(reader("export", str(doc), "-f", "w3c", "-o", str(second), db=empty))
    assert second.read_bytes() == first.read_bytes()
    # importing again adds nothing
    assert ok(reader("import", str(first), db=empty)).strip() == "2 already in the notes file"
    for fmt in ("markdown", "csv"):
        assert ok(reader("export", str(doc), "-f", fmt, db=empty)) == ok(reader("export", str(doc), "-f", fmt, db=db_path))
    mine, theirs = (json.loads(ok(reader("export", str(doc), "-f", "json", db=d))) for d in (db_path, empty))
    assert {h["origin"] for h in theirs["highlights"]} == {"imported"}  # the one difference: where they came from
    for h in mine["highlights"] + theirs["highlights"]:
        del h["origin"]
    assert mine == theirs


def test_import_finds_a_moved_document_by_content_hash(sample, tmp_path, db_path):
    annotate_sample(sample, db_path)
    exported = tmp_path / "notes.jsonld"
    ok(reader("export", str(sample), "-f", "w3c", "-o", str(exported), db=db_path))
    moved = tmp_path / "elsewhere" / "renamed.md"
    moved.parent.mkdir()
    sample.rename(moved)
    other = tmp_path / "other.sqlite"
    r = reader("import", str(exported), db=other)
    assert r.returncode == 0 and "its document is not here; give it with --into PATH" in r.stdout
    ok(reader("info", str(moved), db=other))  # now the notes file knows the moved file
    ok(reader("notes", str(moved), db=other))
    assert ok(reader("import", str(exported), db=other)).startswith("added 2 highlights")


def test_hypothesis_export_is_placed_by_quote_and_unplaceable_is_listed(sample, tmp_path, db_path):
    from reader.loaders import load

    text = load(sample).text  # what Hypothesis quoted: the text as read, not the Markdown source
    i = text.index("56.1% are Party members")

    def hyp(exact: str, prefix: str, suffix: str, note: str, tags: list[str]) -> dict:
        return {
            "id": "abc", "created": "2024-05-01T10:00:00.000000+00:00", "updated": "2024-05-02T10:00:00.000000+00:00",
            "uri": "https://example.org/article", "text": note, "tags": tags,
            "target": [{"source": "https://example.org/article", "selector": [
                {"type": "RangeSelector", "startContainer": "/p[3]", "startOffset": 0, "endContainer": "/p[3]",
                 "endOffset": 5},
                {"type": "TextPositionSelector", "start": 99999, "end": 100010},
                {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix}]}],
            "document": {"title": ["Working Hard"]},
        }

    data = {"export_date": "2024-05-03", "export_userid": "acct:me@hypothes.is", "client_version": "1.0",
            "annotations": [
                hyp("56.1% are Party members", text[i - 20:i], text[i + 23:i + 40], "from the web", ["web"]),
                hyp("a sentence that is in no version of this article", "", "", "lost", []),
                hyp("the", "", "", "too common", []),
            ]}
    f = tmp_path / "hypothesis.json"
    f.write_text(json.dumps(data), encoding="utf-8")
    r = reader("import", str(f), db=db_path)
    assert r.returncode == 0 and r.stdout.count("its document is not here") == 3  # a web page, not a file here
    out = ok(reader("import", str(f), "--into", str(sample), db=db_path)).splitlines()
    assert out[0] == "added 1 highlight to Working Hard to Bring Happiness to the Chinese People and Promote " \
                     "Progress of all Mankind"
    assert any("a sentence that is in no version" in line and "not in this document" in line for line in out)
    assert any("“the”" in line and "places" in line for line in out)
    notes = json.loads(ok(reader("notes", str(sample), "--json", db=db_path)))
    (h,) = notes["highlights"]
    assert (h["text"], h["start"], h["note"], h["tags"]) == ("56.1% are Party members", i, "from the web", ["web"])
    assert (h["created"], h["updated"]) == ("2024-05-01T10:00:00.000000+00:00", "2024-05-02T10:00:00.000000+00:00")


def test_import_bad_files_say_so_in_one_line(tmp_path, db_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    r = reader("import", str(bad), db=db_path)
    assert r.returncode == 1 and r.stderr.startswith("reader: bad.json is not JSON") and r.stderr.count("\n") == 1
    bad.write_text('{"hello": 1}', encoding="utf-8")
    r = reader("import", str(bad), db=db_path)
    assert r.returncode == 1 and "holds no W3C Web Annotations, Hypothesis annotations or Reader JSON export" in r.stderr
    r = reader("import", str(tmp_path / "missing.json"), db=db_path)
    assert r.returncode == 1 and "file not found" in r.stderr


def test_export_all_and_pdf(sample, specimen, tmp_path, db_path):
    annotate_sample(sample, db_path)
    pdf = specimen("normal/tracemonkey.pdf")
    ok(reader("highlight", str(pdf), "--text", "TraceMonkey", "--occurrence", "1", "--note", "the VM", db=db_path))
    rows = list(csv.reader(io.StringIO(ok(reader("export", "--all", "-f", "csv", db=db_path)))))
    assert len(rows) == 4 and {r[0] for r in rows[1:]} == {"Working Hard to Bring Happiness to the Chinese People and "
                                                           "Promote Progress of all Mankind",
                                                           "Trace-based Just-in-Time Type Specialization for Dynamic Languages"}
    folder = tmp_path / "out"
    ok(reader("export", "--all", "-f", "markdown", "-o", str(folder), db=db_path))
    assert sorted(p.suffix for p in folder.iterdir()) == [".md", ".md"]
    out_pdf = tmp_path / "annotated.pdf"
    assert ok(reader("export", str(pdf), "-f", "pdf", "-o", str(out_pdf), db=db_path)).startswith("wrote")
    import pymupdf

    with pymupdf.open(str(out_pdf)) as d:
        contents = [a.info["content"] for p in d for a in p.annots()]
    assert "the VM" in contents
    r = reader("export", str(sample), "-f", "pdf", "-o", str(out_pdf), db=db_path)
    assert r.returncode == 1 and "is not a PDF" in r.stderr
    r = reader("export", db=db_path)
    assert r.returncode == 1 and r.stderr == "reader: give a document PATH or --all\n"


def test_front_matter_has_the_pdfs_author_and_date(specimen, db_path):
    pdf = specimen("normal/govdocs1_504076_LoC_Iraq_legal_history.pdf")
    ok(reader("highlight", str(pdf), "--text", "Iraq", "--occurrence", "1", "--note", "first mention", db=db_path))
    md = ok(reader("export", str(pdf), db=db_path))
    head = md.split("\n---\n", 1)[0]
    meta = {k: json.loads(v) for k, v in (line.split(": ", 1) for line in head.splitlines()[1:])}
    # the file's metadata names a title the document does not print (not taken) and an author, Walter Gary
    # Sharp, Sr. (the file's maker): page 1 prints its own, "By Constance Johnson" under the abstract, which is
    # taken (tryout 13: as the Library shows it); the date is the metadata's
    assert meta["title"] == "IRAQ: LEGAL HISTORY AND TRADITIONS" and meta["date"] == "2007-11-01"
    assert meta["author"] == "Constance Johnson"
    (h,) = json.loads(ok(reader("notes", str(pdf), "--json", db=db_path)))["highlights"]
    assert h["page"] is not None and f"p. {h['page'] + 1} · yellow · [open in Reader]" in md


def test_round_trip_of_a_passage_repeated_word_for_word(specimen, tmp_path, db_path):
    """pdflatex-outline.pdf repeats its filler paragraphs: the content hash and the
    position say which copy; in an edited copy of the text nothing tells them apart."""
    pdf = specimen("normal/pdflatex-outline.pdf")
    from reader.loaders import load

    text = load(pdf).text
    sentence = "If you read this text, you will get no information."
    assert text.count(sentence) > 2
    second = text.index(sentence, text.index(sentence) + 1)
    from notes_db.store import NotesDB
    from reader.session import Session

    with NotesDB(db_path) as store:
        h = Session(store, load(pdf)).create(second, second + len(sentence), "green", "the second copy")
    first = tmp_path / "first.jsonld"
    ok(reader("export", str(pdf), "-f", "w3c", "-o", str(first), db=db_path))
    empty = tmp_path / "empty.sqlite"
    assert ok(reader("import", str(first), db=empty)).startswith("added 1 highlight")
    again = tmp_path / "again.jsonld"
    ok(reader("export", str(pdf), "-f", "w3c", "-o", str(again), db=empty))
    assert again.read_bytes() == first.read_bytes()
    (a,) = json.loads(again.read_text(encoding="utf-8"))["first"]["items"]
    assert a["target"]["selector"][1] == {"type": "TextPositionSelector", "start": h.start, "end": h.end}
    # the same notes into a text file holding the repeats but not the same bytes: listed, not guessed
    copy = tmp_path / "copy.txt"
    copy.write_text(text.replace("\u2028", " ") + "\nOne more line.\n", encoding="utf-8")
    out = ok(reader("import", str(first), "--into", str(copy), db=tmp_path / "third.sqlite"))
    assert "not placed:" in out and "added" not in out
