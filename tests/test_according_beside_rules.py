"""'according to X' said of a clause the rules read a verb of saying in ('Bloomberg reports that …, according to the
Roper Center …'; 'Police have said they have no immediate plans …, according to attorneys for the family'): the
models' 'according to' reading stays beside the rules' and is listed first; the rules' reading of the verb inside
stays too. A models' reading of another kind that overlaps the rules' still gives way to them."""
from __future__ import annotations

from pathlib import Path

from reader.analysis import _according_beside
from reader.analysis.quotes import Quote
from tests.dev_articles import dev_article, extract_quotes


def speakers_of(quotes: list[dict[str, str]], words: str) -> list[str]:
    return [q["speaker"] or "" for q in quotes if words in q["text"]]


def test_according_to_stays_beside_the_rules_reading(tmp_path: Path) -> None:
    quotes = extract_quotes(dev_article(tmp_path, "breitbart_2016-09-20_poll-wealthy"))
    speakers = speakers_of(quotes, "has either won or tied among the group of voters")
    assert speakers[0] == "the Roper Center for Public Opinion Research"
    assert "Bloomberg" in speakers


def test_according_to_after_said(tmp_path: Path) -> None:
    quotes = extract_quotes(dev_article(tmp_path, "wash-post_2016-09-25_phone-video"))
    speakers = speakers_of(quotes, "no immediate plans to release two recordings")
    assert speakers[0] == "attorneys for the family"


def _quote(speaker: str | None, cue: str, start: int, end: int) -> Quote:
    return Quote("x" * (end - start), speaker, cue, "indirect", start, end, "x" * (end - start))


def test_only_an_according_reading_naming_someone_else_stays() -> None:
    rules = [_quote("Police", "said", 0, 100)]
    assert _according_beside(_quote("attorneys for the family", "according to", 10, 110), rules)
    assert not _according_beside(_quote("the police", "according to", 10, 110), rules)  # the same speaker
    assert not _according_beside(_quote("attorneys for the family", "said", 10, 110), rules)  # not 'according to'
    assert not _according_beside(_quote(None, "according to", 10, 110), rules)
