"""Plain text written one paragraph per line (news sites, word processors) keeps a paragraph a line,
while hard-wrapped text (Gutenberg books) is still rejoined and verse keeps its line breaks.
A tryout found a HuffPost article read as one 3,260-character paragraph: a Trump quote ran on into the
reporter's words, and the analysis gave them to the wrong speaker."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from reader.document import LINE_BREAK
from reader.loaders import load
from tests.conftest import SHARED
from tests.test_export import ok, reader

ARTICLE = SHARED / "data" / "attribution" / "dev" / "huff-post_2016-09-16_black-lawmakers-rip-donald-trump.txt"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    if not ARTICLE.exists():
        pytest.skip("the data is not beside the project")
    dst = tmp_path / "docs" / "black-lawmakers.txt"
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ARTICLE, dst)
    return dst


def test_reader_text_prints_a_paragraph_per_line_and_extract_keeps_the_quote_apart(article, db_path):
    lines = [ln for ln in ok(reader("text", str(article), db=db_path)).split("\n") if ln.strip()]
    source = [ln.strip() for ln in article.read_text(encoding="utf-8").split("\n") if ln.strip()]
    assert len(lines) == len(source) == 13  # was 3, the second 3,260 characters long
    assert "That comment is a lie." in lines
    assert max(len(ln) for ln in lines) < 500
    found = json.loads(ok(reader("extract", str(article), "--json", db=db_path)))
    (birther,) = [q for q in found["quotes"] if "I finished it" in q["text"]]
    assert "That comment is a lie" not in birther["text"]
    assert "Trump" in birther["speaker"]


def test_the_window_shows_each_line_as_a_paragraph(article, open_window):
    w = open_window(article)
    doc = w.view.document()
    shown = []
    block = doc.firstBlock()
    while block.isValid():
        if block.text().strip():
            shown.append(block.text())
        block = block.next()
    assert "That comment is a lie." in shown
    said = [t for t in shown if t.endswith("Trump said.")]
    assert len(said) == 1 and said[0].startswith("“Hillary Clinton and her campaign of 2008")
    assert len(shown) == 13 and max(len(t) for t in shown) < 500


PROSE = ("It was in July, 1805, and the speaker was the well-known Anna Pavlovna Scherer, maid of honor and "
         "confidante to the Empress. With these words she greeted Prince Vasili, a man of high rank and "
         "importance, who was the first to arrive at her reception. Anna Pavlovna had had a cough for some days. "
         "She was, as she said, suffering from la grippe; grippe being then a new word in St. Petersburg, used "
         "only by the elite. All her invitations without exception, written in French, and delivered by a "
         "scarlet-liveried footman that morning, ran as follows.")


@pytest.mark.parametrize("width", [60, 72, 79, 120, 160])
def test_hard_wrapped_prose_is_still_one_paragraph(tmp_path, width):
    path = tmp_path / "book.txt"
    wrapped = textwrap.fill(PROSE, width)
    path.write_text(f"A Book\n\n{wrapped}\n\n{wrapped}\nThe end of it.\n", encoding="utf-8")
    doc = load(path)
    assert [b.text.strip() for b in doc.blocks] == ["A Book", PROSE, PROSE + " The end of it."]


def test_verse_and_a_stray_break_inside_a_long_paragraph(tmp_path):
    path = tmp_path / "mixed.txt"
    verse = "Esta es ahora hueso de mis huesos,\ny carne de mi carne;\nella será llamada mujer,"
    stray = "“Supporters of some other candidates,” he added, “have focused on " + "x" * 120 + " personally\nin caucuses.”"
    path.write_text(f"Title\n\n{verse}\n\n{stray}\n\n{PROSE}\nA heading\n{PROSE}\n", encoding="utf-8")
    texts = [b.text.strip() for b in load(path).blocks]
    assert texts == ["Title", verse.replace("\n", LINE_BREAK), stray.replace("\n", " "), PROSE, "A heading", PROSE]


def test_a_heading_line_under_a_long_paragraph_is_its_own(specimen):
    texts = [b.text for b in load(specimen("text/sample-spanish_crlf_longlines.txt")).blocks]
    assert "Creación del hombre y de la mujer" in texts  # was the end of the paragraph above it
    assert not any(t.endswith("Creación del hombre y de la mujer") and t != "Creación del hombre y de la mujer"
                   for t in texts)


def test_war_and_peace_keeps_its_paragraphs(specimen):
    doc = load(specimen("big/war-and-peace_2600-0.txt"))
    first = next(b.text for b in doc.blocks if b.text.startswith("“Well, Prince, so Genoa and Lucca"))
    assert len(first) > 400 and "\n" not in first and LINE_BREAK not in first
    assert not any(b.text.startswith("Gutenberg-tm electronic works. Nearly all") for b in doc.blocks)
