"""Attributions inside a quote (reader/analysis/segment.py), on sentences of news articles the models were
not trained on (dev) and that they were (train), read as a person reads them: each reported clause under the
name of the one who holds it."""

from __future__ import annotations

import pytest

from reader.analysis import analyse, segment
from reader.loaders import load
from tests.conftest import SHARED

DEV = SHARED / "data" / "attribution" / "dev"
TRAIN = SHARED / "data" / "attribution" / "train"


def _quotes(path, enabled: bool = True):
    if not path.exists():
        pytest.skip("the attribution data is not beside the project")
    before = segment.ENABLED
    segment.ENABLED = enabled
    try:
        return analyse(load(path)).quotes
    finally:
        segment.ENABLED = before


def test_a_second_clause_with_its_own_source_is_its_own_quote():
    """'Democrats want policies that create more revenue, and Republicans want policies that create less
    revenue ...': two positions, the second said by Republicans, not by Democrats."""
    path = DEV / "nyt_2016-10-04_in-avoiding-tax-trump-is-merely-.txt"
    quotes = _quotes(path)
    democrats = [q for q in quotes if q.speaker == "Democrats" and "more revenue" in q.text]
    assert democrats, [(q.speaker, q.text) for q in quotes]
    assert all("Republicans" not in q.text for q in democrats)
    republicans = [q for q in quotes if q.text.startswith("policies that create less revenue")]
    assert republicans and republicans[0].speaker == "Republicans"
    first = quotes.index(democrats[0])
    assert quotes.index(republicans[0]) > first  # the panel still reads in text order
    # without the second reading, the first quote runs over the second clause under the Democrats' name
    whole = [q for q in _quotes(path, False) if q.speaker == "Democrats" and "more revenue" in q.text]
    assert whole and "Republicans want" in whole[0].text


def test_a_clause_joined_by_but_names_its_own_subject():
    """'... promising lower taxes and “jobs, jobs, jobs,” but he has also intensified the dire warnings ...':
    the warnings are his (Trump's) own, read after the promise."""
    quotes = _quotes(DEV / "breitbart_2016-09-30_the-latest-trump-urges-supporter.txt")
    warnings = [q for q in quotes if q.text.startswith("the dire warnings and personal attacks")]
    assert warnings and warnings[0].speaker == "he" and warnings[0].cue == "has also intensified"
    promise = [q for q in quotes if "jobs, jobs, jobs" in q.text]
    assert promise and all("dire warnings" not in q.text for q in promise)


@pytest.mark.parametrize(("name", "words", "speaker"), [
    ("huff-post_2016-02-07_the-latest-gop-debate-kicked-off.txt", "he knows the tragic consequences", "Ted Cruz"),
])
def test_what_a_source_said_it_knows_stays_one_quote(name, words, speaker):
    """'Ted Cruz said he knows the tragic consequences of opioid addiction firsthand': the articles mark this
    as one attribution (Cruz's); 'he knows' opening the quote is no second one."""
    quotes = [q for q in _quotes(TRAIN / name) if words in q.text]
    assert quotes and quotes[0].speaker == speaker and quotes[0].text.startswith(words)


def test_it_some_and_which_can_hold_an_inner_attribution():
    """'… laws restricting religious freedom that some say target Muslims': what targets Muslims is what some
    say, not what the laws restrict; '… the enactment of what it calls “sensible gun violence prevention laws”':
    the name is the group's own ('it'). 'it', 'some' and 'which' are the sources of attributions the training
    articles mark inside another one, so they end the outer quote as a name does."""
    quotes = _quotes(TRAIN / "wash-post_2015-11-10_opposition-appears-to-win-landsl.txt")
    said = [q for q in quotes if "target Muslims" in q.text]
    assert said and said[0].speaker == "some" and said[0].cue == "say", [(q.speaker, q.text) for q in said]
    assert all("some say" not in q.text for q in quotes)
    quotes = _quotes(TRAIN / "breitbart_2016-01-05_the-latest-cruz-to-give-away-eng.txt")
    group = [q for q in quotes if q.speaker == "The group" and "gun-related deaths" in q.text]
    assert group and "it calls" not in group[0].text
    named = [q for q in quotes if "sensible gun violence prevention laws" in q.text]
    assert named and named[0].speaker == "it" and named[0].cue == "calls"


def test_a_second_attribution_between_two_quotations_makes_two_quotes():
    """'“We are going to resist the urge to trample a bunch of civil liberties,” Mr. Earnest said in the White
    House briefing. But he added, “We don't want terrorists to have a safe haven in cyberspace.”': the second
    quotation is what he added, a quote of its own; the words between are nobody's quotation."""
    quotes = _quotes(TRAIN / "nyt_2015-12-09_terrorists-mock-bids-to-block-th.txt")
    added = [q for q in quotes if "safe haven in cyberspace" in q.text]
    assert added and added[0].speaker == "he" and added[0].cue == "added", [(q.speaker, q.text) for q in added]
    assert "Earnest said" not in added[0].text and added[0].content.startswith("We don't want terrorists")
    first = [q for q in quotes if "trample a bunch of civil liberties" in q.text]
    assert first and "Earnest" in (first[0].speaker or "") and "he added" not in first[0].text
    assert first[0].content == "We are going to resist the urge to trample a bunch of civil liberties,"
    assert added[0].extra.get("group") == first[0].extra.get("group") == "Josh Earnest"  # 'he' is Mr. Earnest
    assert quotes.index(first[0]) < quotes.index(added[0])
