"""A source is the words that name someone (session 9, the tester's War and Peace speakers): not 'Prince Andrew
ironically', 'Pierre himself', 'Denísov, with downcast eyes', 'Anna Pávlovna very naturally', nor a lone 'No' or
'So'. On 300 KB of the book as it is written, through `reader extract --json` as a person would run it."""

from __future__ import annotations

import re

import pytest

from tests.conftest import SHARED
from tests.dev_articles import extract_quotes

# words after a name that say how someone spoke, not who: an adverb, 'to himself', 'with a smile', ', smiling'
_HOW = re.compile(r"\s(?:\w+ly|(?:to\s)?(?:him|her|them|your)sel(?:f|ves)|with\s(?:a|an|his|her)\s.*)$"
                  r"|,\s(?:\w+ing|with|who|and|as)\b")
_NOT_NAMES = {"No", "So", "very", "not", "again"}


def test_a_source_ends_at_the_name_and_starts_at_it(tmp_path):
    src = SHARED / "corpus" / "big" / "war-and-peace_2600-0.txt"
    if not src.exists():
        pytest.skip("the shared corpus is not beside the project")
    raw = src.read_text(encoding="utf-8")
    at = raw.index("“Plans!” repeated Prince Andrew ironically.")
    lo, hi = raw.rindex("CHAPTER", 0, at - 150_000), raw.index("CHAPTER", at + 150_000)
    path = tmp_path / "war-and-peace-part.txt"
    path.write_text(raw[lo:hi], encoding="utf-8")
    quotes = extract_quotes(path)
    speakers = [q["speaker"] for q in quotes if q["speaker"]]
    assert len(speakers) > 500  # (the part has its quotes and their speakers)
    plans = next(q for q in quotes if q["text"].startswith("“Plans!”"))  # '“Plans!” repeated Prince Andrew ironically.'
    assert plans["speaker"] == "Prince Andrew" and "ironically" not in plans["person"], plans
    # each speaker is still words of the text, and none runs on past the name into how it was said
    words = " ".join(raw[lo:hi].split())
    for s in speakers:
        assert " ".join(s.split()) in words, s
    ran_on = sorted({s for s in speakers if _HOW.search(s) and not s.endswith(("family", "orderly"))})
    assert not ran_on, ran_on
    assert not _NOT_NAMES & set(speakers), _NOT_NAMES & set(speakers)
    persons = {q["person"] for q in quotes}
    assert "Anna Pávlovna very naturally" not in persons and "Dólokhov himself" not in persons
