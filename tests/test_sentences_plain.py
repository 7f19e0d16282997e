"""A plain paragraph's sentences are cut without asking nupunkt (``analysis._plain_spans``): the spans nupunkt
gives, on every paragraph of War and Peace, the attribution news and CT24 where the shortcut answers."""

from __future__ import annotations

import csv

import nupunkt
import pytest

from reader.analysis import _plain_spans, sentences
from reader.document import LINE_BREAK
from tests.conftest import CORPUS, SHARED


def _corpus_paragraphs() -> list[str]:
    out: list[str] = []
    book = CORPUS / "big" / "war-and-peace_2600-0.txt"
    if book.exists():
        out += [p.replace("\n", " ").replace(LINE_BREAK, " ") for p in book.read_text(encoding="utf-8").split("\n\n")]
    for split in ("train", "dev"):
        for path in sorted((SHARED / "data" / "attribution" / split).glob("*.txt")):
            out += path.read_text(encoding="utf-8").split("\n")
    for path in sorted((SHARED / "data" / "checkworthy").glob("CT24*.tsv")):
        with path.open(encoding="utf-8") as fh:
            out += [row["Text"] for row in csv.DictReader(fh, delimiter="\t")]
    return [p for p in out if p.strip()]


def test_the_plain_paragraphs_spans_are_nupunkts():
    paragraphs = _corpus_paragraphs()
    if len(paragraphs) < 1000:
        pytest.skip("the shared corpora are not beside the project")
    cut = [(p, got) for p in paragraphs if (got := _plain_spans(p)) is not None]
    assert sum(len(got) > 1 for _, got in cut) > 1000  # thousands of paragraphs of several sentences
    assert [got for _, got in cut] == [nupunkt.sent_spans(p) for p, _ in cut]


@pytest.mark.parametrize("text", [
    "He came home. Then he slept.",
    "He came home.  Then he slept. ",
    "It was late. and then it rained.",
    "Rain fell. Snow fell. Wind blew hard.",  # (the last stop: whatever its word)
    "“Is it far?” he asked. “Not far!” She smiled. It was late.",  # a quotation's end: lower case goes on
    "Oh! How good it is. What? Nothing.",
    "He came home. “Then he slept.”",
    "He came home. ‘Then he slept.’",  # a quotation in single marks next
    "‘Is it far?’ he asked. ‘Not far!’ She smiled. It was late.",  # single marks: as double ones
    "So said Anna Pávlovna. Élise smiled. “Non!” Hélène laughed.",  # letters beyond a-z
])
def test_a_plain_paragraph_is_cut_as_nupunkt_cuts_it(text):
    assert _plain_spans(text) == nupunkt.sent_spans(text)
    assert len(sentences(text)) >= 2


@pytest.mark.parametrize("text", [
    "Mr. Smith came home. Then he slept.",  # an abbreviation
    "J. Smith came home. Then he slept.",  # an initial
    "He came home?! Then he slept.",  # two ends at once
    "He lives in the U.S. now. Then he slept.",  # a stop inside a run
    "He came in 1812. Then he slept.",  # a number
    "IV. The war came. It was long.",  # a list's enumerator
    "He came home.\nThen he slept.",  # a line break
    "He came home. 3 men slept.",  # not a letter next
    "He came home.) Then he slept.",  # another closing mark
    "He came home!  Then he slept.",  # two spaces after !
])
def test_a_paragraph_that_is_not_plain_is_left_to_nupunkt(text):
    assert _plain_spans(text) is None
