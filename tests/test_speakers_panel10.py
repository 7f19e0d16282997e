"""What a fact-checker still saw wrong in the speakers panel (issue 10, session 10), each on a real article through
`reader extract --json` as a person would run it (the JSON keeps the mention as `speaker` and gives the group the
panel shows as `person`)."""

from __future__ import annotations

from pathlib import Path

from tests.dev_articles import dev_article, extract_quotes


def _person_of(quotes: list[dict[str, str]], words: str) -> str:
    """The group of the quote whose words start with ``words``."""
    return next(q.get("person") or "" for q in quotes if q["text"].startswith(words))


def test_a_pronoun_stands_for_who_spoke_not_for_whom_the_quote_speaks_of(tmp_path: Path) -> None:
    # 'Ham made it clear he had major misgivings about the armed forces under President Barack Obama …
    # “Now that I don’t have to be politically correct anymore,” he told the host': Obama is what Ham spoke of
    ham = extract_quotes(dev_article(tmp_path, "west-journal_2016-09-15_retired-general"))
    for words in ("“Now that I don’t have to be politically correct", "“We’re on our fourth secretary",
                  "“There’s a reason for that"):
        assert _person_of(ham, words) == "Norman Ham", words
    # 'Matthews said Pence’s performance should boost Trump’s poll numbers. “I thought he was …,” he said'
    matthews = extract_quotes(dev_article(tmp_path, "west-journal_2016-10-05_pence-gives-gop"))
    assert _person_of(matthews, "“I thought he was very effective at securing") == "Chris Matthews"
    # 'White House spokesman Josh Earnest said Monday that President Barack Obama has long called for tax
    # fairness … He said Obama hopes that his successor will push for the same goals'
    earnest = extract_quotes(dev_article(tmp_path, "breitbart_2016-10-03_the-latest-trump-s"))
    assert _person_of(earnest, "Obama hopes that his successor") == "Josh Earnest"


def _groups(quotes: list[dict[str, str]]) -> set[str]:
    return {q.get("person") or "" for q in quotes}


def test_a_heading_that_names_no_one_is_no_speaker_group(tmp_path: Path) -> None:
    unnamed = "Speaker not named (he, they…)"
    # a title line written in capitals: its words name no one the article names elsewhere
    general = extract_quotes(dev_article(tmp_path, "west-journal_2016-09-15_retired-general"))
    assert "Retired General" not in _groups(general)
    assert _person_of(general, "‘Demoralizing’ Experience") == unnamed
    latinos = extract_quotes(dev_article(tmp_path, "huff-post_2016-09-27_latinos-share"))
    assert not any(g.startswith("Latinos Share") for g in _groups(latinos))
    # a heading run into its paragraph ('Success on Signature Issue: Mr. Ban focused on …'), and the 'He' after it
    # is Mr. Ban, not the heading
    un = extract_quotes(dev_article(tmp_path, "nyt_2016-09-20_examining-the-u-n"))
    assert not {"Signature Issue", "Limited Tools"} & _groups(un)
    assert _person_of(un, "the melting ice in Greenland") == "Ban Ki-moon"
    # a headline whose speaker the article names in its body stays that person's
    pence = extract_quotes(dev_article(tmp_path, "breitbart_2016-09-25_pence-gennifer"))
    assert next(q["person"] for q in pence if q["speaker"] == "Pence" and q["start"] < 10) == "Mike Pence"
    caddell = extract_quotes(dev_article(tmp_path, "breitbart_2016-09-15_pat-caddell"))
    assert "Pat Caddell" in _groups(caddell) and "Voters" not in _groups(caddell)


def test_the_campaign_is_whose_campaign_the_text_said_it_is(tmp_path: Path) -> None:
    # 'A new ad from Donald Trump’s presidential campaign …  The campaign says the ad will air nationally'
    ad = extract_quotes(dev_article(tmp_path, "breitbart_2016-09-30_the-latest-trump-ur"))
    assert "Campaign" not in _groups(ad)
    assert _person_of(ad, "the ad will air nationally") == "Trump’s campaign"
    # 'The Clinton campaign plans to employ Mr. Obama … the campaign has appeared to acknowledge his help'
    insult = extract_quotes(dev_article(tmp_path, "nyt_2016-09-19_obama-sees-personal-insult"))
    assert _person_of(insult, "that Mr. Obama would not be pigeonholed") == "Clinton campaign"
