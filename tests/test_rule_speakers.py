"""Who the rules name as the speaker of a quotation they find (issue 10, session 9): the subject before an aside
('Mr. Trump, in a brief interview on Saturday, said …') or a run of appositions, who told rather than whom ('… the
billionaire business mogul told People'), and a rule's speaker that names nobody ('Still', 'of Mr. Clinton') giving
way to the model's reading of the same words. On real articles of the shared training and dev sets, through
`reader extract --json` as a person would run it."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SHARED
from tests.dev_articles import copy_shared, dev_article, extract_quotes

TRAIN = SHARED / "data" / "attribution" / "train"


def _quote(tmp_path: Path, article: str, words: str) -> dict[str, str]:
    path = copy_shared(TRAIN / article, tmp_path)
    quotes = extract_quotes(path)
    found = [q for q in quotes if words in q["text"]]
    assert found, [q["text"][:60] for q in quotes]
    return found[0]


def test_an_aside_between_the_speaker_and_the_verb_is_not_the_speaker(tmp_path):
    """'Mr. Trump, in a brief interview on Saturday, said his 757 was …' was 'in a brief interview on Saturday'."""
    q = _quote(tmp_path, "nyt_2016-04-25_trump-s-aging-air-fleet-gives-hi.txt", "757 was")
    assert q["speaker"] == "Mr. Trump", q
    q = _quote(tmp_path, "west-journal_2016-07-27_clinton-campaign-manager-laughs-.txt", "The candidate, famously")
    assert q["speaker"] == "Washington Post columnist Margaret Sullivan", q  # not 'in an attempt to draw attention…'


def test_who_told_speaks_not_whom(tmp_path):
    """'“…,” the billionaire business mogul told People' was People's; '“It was very nice,” the gambling tycoon told
    Reuters' was Reuters'."""
    q = _quote(tmp_path, "politico_2015-12-09_the-presidential-candidates-favo.txt", "My guilty pleasure TV show")
    assert q["speaker"] == "the billionaire business mogul", q
    q = _quote(tmp_path, "breitbart_2015-12-20_republican-donor-adelson-and-tru.txt", "It was very nice")
    assert q["speaker"] == "the gambling tycoon", q
    q = _quote(tmp_path, "nyt_2015-11-24_world-war-ii-haunts-our-terror-d.txt", "the consequences to Jews")
    assert q["speaker"] == "the statement", q  # '… the statement urged Americans' was 'Americans'


def test_a_rule_speaker_that_names_nobody_gives_way_to_the_models_reading(tmp_path):
    """'Still, … a report released by the Brookings Institution last year estimated that …' was Still's;
    '“He's a great gentleman …,” the real estate developer said of Mr. Clinton' was 'of Mr. Clinton'."""
    q = _quote(tmp_path, "nyt_2016-02-08_twitter-takes-bigger-steps-to-th.txt", "September to December 2014")
    assert q["speaker"] and "Brookings Institution" in q["speaker"], q
    q = _quote(tmp_path, "nyt_2015-12-31_trump-turns-attacks-on-another-c.txt", "a great gentleman")
    assert q["speaker"] == "the real estate developer", q


def test_the_name_before_a_run_of_appositions_speaks(tmp_path):
    """'Jean-Marc Ayrault, the foreign minister of France, a permanent member of the Security Council, said …' was
    'a permanent member of the Security Council'; 'Eddie Griffin, who at the time was a Ft. Worth member of the
    AfroSpear, a group of black bloggers, said …' was 'a group of black bloggers'."""
    path = dev_article(tmp_path, "wash-post_2016-09-10_outrage-but-few-options-on-the-t.txt")
    q = next(q for q in extract_quotes(path) if "provocation cannot be left" in q["text"])
    assert q["speaker"] == "Jean-Marc Ayrault", q
    q = _quote(tmp_path, "huff-post_2016-02-01_here-s-why-winning-iowa-could-br.txt", "the obliteration")
    assert q["speaker"] == "Eddie Griffin", q
