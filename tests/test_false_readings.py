"""Readings a fact-checker rejects (issue 10, session 8 tryout): a source noun phrase whose head is not the name in
it ('advisers to Mr. Obama'), a negated quantifier read as its quantifier ('Not everyone'), an embedded tweet's id
listed as a quoted term, a bracketed media caption and the second half of a quotation listed as claims.
Each on a real dev article, through `reader extract --json` as a person would run it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "data" / "attribution" / "dev"
OBAMA = "nyt_2016-09-19_obama-sees-personal-insult-if-bl.txt"
PENCE = "west-journal_2016-10-05_pence-gives-gop-a-boost-with-sol.txt"


def _extract(name: str, tmp_path: Path) -> dict[str, Any]:
    src = DEV / name
    if not src.exists():
        pytest.skip("the shared data is not beside the project")
    path = tmp_path / name
    shutil.copy(src, path)
    out = subprocess.run([sys.executable, "-m", "reader", "extract", "--json", str(path)],
                         capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout))


def test_the_head_of_the_source_speaks_and_a_negated_quantifier_keeps_its_not(tmp_path):
    """'But in recent days, advisers to Mr. Obama say, the president has grown exasperated …' was Mr. Obama's;
    'Not everyone finds that pitch … compelling' was a position of 'everyone'."""
    quotes = _extract(OBAMA, tmp_path)["quotes"]
    exasperated = next(q for q in quotes if q["text"].startswith("the president has grown exasperated"))
    assert exasperated["speaker"] == "advisers to Mr. Obama", exasperated
    assert exasperated["person"] != "Barack Obama", exasperated
    pitch = next(q for q in quotes if q["text"].startswith("that pitch or Mr. Obama's remarks compelling"))
    assert pitch["speaker"] == "Not everyone", pitch


def test_a_media_caption_and_the_end_of_a_quotation_are_no_claims(tmp_path):
    """'[Video: FULL SPEECH: … Watch on YouTube.]' was a figure claim at 92%; '… It went beyond the moment," said
    Donna Brazile …' (the sentence splitter's second half of her quotation) a statement. Her quotation stays a
    quote, and the article's real claims stay claims."""
    found = _extract(OBAMA, tmp_path)
    texts = [c["text"] for c in found["claims"]]
    assert not [t for t in texts if t.startswith("[")], texts
    assert not [t for t in texts if t.startswith("It went beyond the moment")], texts
    assert any(t.startswith("And Mrs. Clinton now holds a gaping advantage of 83 percentage points") for t in texts)
    assert any(q["speaker"] and q["speaker"].startswith("Donna Brazile") and "went beyond the moment" in q["text"]
               for q in found["quotes"])


def test_a_tweet_id_is_no_quoted_term(tmp_path):
    """'<tweet tweet-id="783499116076687360">' listed four ids as terms."""
    terms = [t["text"] for t in _extract(PENCE, tmp_path)["terms"]]
    assert not [t for t in terms if not any(c.isalpha() for c in t)], terms
