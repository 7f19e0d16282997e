"""Two readings of one passage are one entry, with the better-supported speaker (reader/analysis/passage_order.py).

Before, where the rules and the models (or two models) read the same words with different cues, the panel listed
the passage under whichever reading came first: "Mr. Obama, who understood that a legislative push would be
fruitless, told his advisers to figure out how to …" was "who (understood)"; "Said Ellis: “I don’t get the sense
…”" was "experts (said ellis :)"; and two readings of nearly the same words were listed twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.analysis import analyse, passage_order
from reader.analysis.quotes import Quote
from reader.loaders import load
from tests.dev_articles import DEV, dev_article, extract_quotes


def _covering(quotes: list[dict[str, str]], words: str) -> list[dict[str, str]]:
    return [q for q in quotes if words in q["text"]]


def test_the_passage_is_listed_once_under_who_told_not_under_the_aside(tmp_path: Path) -> None:
    quotes = extract_quotes(dev_article(tmp_path, "nyt_2016-09-08_obama-on-climate-change"))
    told = _covering(quotes, "his advisers to figure out how to enact deep emissions cuts")
    assert len(told) == 1, told
    assert told[0]["speaker"] == "Mr. Obama"
    assert told[0]["cue"] == "told"


def test_a_signed_quotation_is_listed_once_under_its_signer(tmp_path: Path) -> None:
    quotes = extract_quotes(dev_article(tmp_path, "politico_2016-10-04_trump-not-walking"))
    signed = _covering(quotes, "I don’t get the sense she’s the least bit interested in tax reform")
    assert len(signed) == 1, signed
    assert signed[0]["speaker"] == "Ellis"


def test_no_passage_of_the_dev_articles_is_listed_twice(tmp_path: Path) -> None:
    paths = sorted(DEV.glob("*.txt"))[::4]
    if not paths:
        dev_article(tmp_path, "nyt_")  # skips: the shared data is not beside the project
    twice = []
    for path in paths:
        quotes = analyse(load(path)).quotes
        for i, j in passage_order.overlapping(quotes):
            if passage_order.same_passage(quotes[i], quotes[j]):
                twice.append((path.name, quotes[i].text[:60], quotes[i].speaker, quotes[j].speaker))
    assert not twice, twice


def test_without_the_learned_choice_the_first_of_two_identical_readings_stays(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passage_order, "load_choice", lambda: None)
    a = Quote("the tax code is a mess", "Ellis", "said", "indirect", 10, 32)
    b = Quote("the tax code is a mess", "experts", "say", "indirect", 10, 32)
    c = Quote("the tax code", "he", "said", "indirect", 10, 22)
    assert passage_order.order([a, b, c]) == [a, c]


def test_the_learned_choice_keeps_one_of_two_readings_of_a_passage_and_both_of_nested_ones() -> None:
    choice = passage_order.load_choice()
    assert choice is not None and 0.5 <= choice.threshold < 1
    text = "the tax code is a mess and nobody will fix it"
    by_rules = Quote(text, "experts", "say", "indirect", 10, 55)
    by_model = Quote(text, "Ellis", "said", "indirect", 10, 55, text, {"score": 0.99, "speaker_start": 0,
                                                                       "cue_start": 6, "source_conf": "lin"})
    inner = Quote("nobody will fix it", "they", "believe", "position", 37, 55)
    kept = passage_order.order([by_rules, by_model, inner], choice)
    assert len(kept) == 2 and inner in kept
