"""The attribution after a content names its source ('…, the losses would outstrip the gains, said Batchelder.';
'…, on which they were operating as of 2005, said Jeffrey N. Trimble, a senior official …'): the inverted 'said
NAME' after a comma leaves the verb no other subject, so a pronoun the models took from inside the reported words
('they') gives way to the name. An attribution whose source is written before the verb ('…,” Senate Majority
Leader Mitch McConnell, R-Ky., said Tuesday.') keeps it: a time after the verb is no name."""
from __future__ import annotations

from pathlib import Path

from tests.dev_articles import dev_article, extract_quotes


def quote_with(quotes: list[dict[str, str]], words: str) -> dict[str, str]:
    return next(q for q in quotes if words in q["text"])


def test_said_then_a_name_is_who_said_it(tmp_path: Path) -> None:
    quotes = extract_quotes(dev_article(tmp_path, "politico_2016-10-04_trump-not"))
    q = quote_with(quotes, "Trump would simultaneously expand the standard deduction")
    assert q["speaker"] == "Batchelder"
    assert q["person"] == "Lily Batchelder"


def test_a_cut_content_still_takes_the_name_after_said(tmp_path: Path) -> None:
    quotes = extract_quotes(dev_article(tmp_path, "nyt_2016-09-19_old-hands"))
    q = quote_with(quotes, "Moves against the United States government-financed")
    assert (q["speaker"] or "").startswith("Jeffrey N. Trimble")


def test_a_source_before_the_verb_keeps_it(tmp_path: Path) -> None:
    quotes = extract_quotes(dev_article(tmp_path, "west-journal_2016-09-23_clinton-breaks"))
    q = quote_with(quotes, "Our assumption is that the veto will be overridden")
    assert "McConnell" in (q["speaker"] or "")
    assert q["person"] == "Mitch McConnell"
