"""The words shown as a quote's speaker (reader/analysis/sources.py) on real news from
../shared/data/attribution/dev, read by the real ``reader extract --json``: a pronoun written with its verb
("I've suggested", "he's heralded") shows the pronoun alone, as a reader names who speaks."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.dev_articles import dev_article, extract_quotes


@pytest.mark.parametrize(("name", "words", "speaker"), [
    # 'If, as I've suggested, he and other real estate developers benefit from ...': "I (suggested)", not "I've"
    ("nyt_2016-09-30_keep-the-returns-trump-ju", "he and other real estate developers benefit", "I"),
    # 'He’s claiming that voting fraud is “a big, big problem in this country” ...': "He (claiming)"
    ("breitbart_2016-09-30_the-latest-trump-ur", "voting fraud is", "He"),
])
def test_a_pronoun_written_with_its_verb_is_shown_alone(tmp_path: Path, name: str, words: str, speaker: str) -> None:
    quotes = extract_quotes(dev_article(tmp_path, name))
    assert next(q for q in quotes if words in q["text"])["speaker"] == speaker
