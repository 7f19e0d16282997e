"""A source after "from" or "with", or a poll after "in", is who speaks: 'Matt Lauer faced heavy criticism from
mainstream media outlets and leftwing activist reporters after he asked ...' (the outlets criticised him; the
sentence's subject, Lauer, did not). Other objects of a preposition still give way to the subject of their sentence
('Trump took to Twitter overnight to accuse ...': tests/test_sources.py)."""
from __future__ import annotations

from pathlib import Path

from tests.dev_articles import dev_article, extract_quotes


def test_the_source_after_from_is_who_criticised(tmp_path: Path) -> None:
    quotes = extract_quotes(dev_article(tmp_path, "west-journal_2016-09-26_r"))
    criticism = next(q for q in quotes if q["cue"].endswith("criticism") and "Matt" in q["text"])
    assert (criticism["speaker"] or "").startswith("mainstream media outlets")
    assert (criticism["person"] or "").startswith("Mainstream media outlets")
