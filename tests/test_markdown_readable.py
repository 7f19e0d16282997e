"""A Markdown export reads as the person wrote it, in GitHub or markdown-it and in an editor (tryout s12,
1.7): a note of several lines was written a line per line with no hard break, so a viewer joined its lines
into one paragraph ("# Heading? --- > quote 1. list last line"), and ``<b>`` or ``> quote`` came out as
``&lt;b&gt;`` / ``&gt; quote``. Each line of a note now ends in a hard break, and only what would change the
rendering is escaped, with a backslash."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from tests.conftest import SAMPLE
from tests.test_export import ok, reader

PASSAGE = "The world today is undergoing major changes unseen in a century"
NOTE = "Vague: which countries?\n# Heading?\n---\n> quote\n1. list\n<b>bold</b> & R&D\n\nA second paragraph\nlast line"


def test_a_notes_lines_render_as_lines_with_readable_escapes(db_path):
    ok(reader("highlight", str(SAMPLE), "--text", PASSAGE, "--note", NOTE, db=db_path))
    md = ok(reader("export", str(SAMPLE), "--format", "markdown", db=db_path))
    body = md.split("\n---\n", 1)[1]
    # readable in an editor: backslashes where needed, no HTML entities
    assert "&lt;" not in body and "&gt;" not in body and "&amp;" not in body
    assert "\\<b>bold\\</b> & R&D" in body and "\\> quote" in body
    for renderer in (MarkdownIt("commonmark"), MarkdownIt("commonmark").enable(["table", "strikethrough"])):
        html = renderer.render(body)
        paragraphs = re.findall(r"<p>(.*?)</p>", html, flags=re.S)
        note = [p for p in paragraphs if p.startswith("Vague")]
        assert note, html
        lines = [re.sub(r"<br />$", "", line) for line in note[0].split("\n")]
        assert lines == ["Vague: which countries?", "# Heading?", "---", "&gt; quote", "1. list",
                         "&lt;b&gt;bold&lt;/b&gt; &amp; R&amp;D"]
        assert note[0].count("<br />") == 5  # each line its own, as written
        assert "<p>A second paragraph<br />\nlast line</p>" in html
        for block in ("<h1>Heading", "<hr />\n<p>&gt;", "<ol>", "<b>"):
            assert block not in html, block


IMG = "<img src=x onerror=alert(1)>"


@pytest.mark.parametrize("note", [
    "\\`" + IMG + "`",  # an escaped backtick opens no code span
    "``" + IMG + "`",  # runs of 2 and 1 backticks make no code span
    "\\" + IMG,  # the person's own backslash must not escape the added one
    "see `x\n`" + IMG + "`",  # a code span may run over two lines of a paragraph
    "```x``" + IMG + "```",  # a line of backticks with backticks in it is no code fence
])
def test_no_html_comes_through_a_note(db_path, note):
    """Review s12, finding 1: a note's `code` is kept as written, and what looked like code to the export but
    is not to a renderer let a live <img> through."""
    ok(reader("highlight", str(SAMPLE), "--text", PASSAGE, "--note", note, db=db_path))
    md = ok(reader("export", str(SAMPLE), "--format", "markdown", db=db_path))
    body = md.split("\n---\n", 1)[1]
    for renderer in (MarkdownIt("commonmark"), MarkdownIt("commonmark").enable(["table", "strikethrough"])):
        html = renderer.render(body)
        assert "<img" not in html, html
        assert "&lt;img" in html or "<code>" in html, html  # the note is there, as text


def test_a_notes_code_span_is_kept_as_written(db_path):
    ok(reader("highlight", str(SAMPLE), "--text", PASSAGE, "--note", "use `<b>` and ``a`b``", db=db_path))
    md = ok(reader("export", str(SAMPLE), "--format", "markdown", db=db_path))
    html = MarkdownIt("commonmark").render(md.split("\n---\n", 1)[1])
    assert "use <code>&lt;b&gt;</code> and <code>a`b</code>" in html, html
