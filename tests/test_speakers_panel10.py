"""What a fact-checker still saw wrong in the speakers panel (issue 10, session 10), each on a real article through
`reader extract --json` as a person would run it (the JSON keeps the mention as `speaker` and gives the group the
panel shows as `person`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHARED
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
    assert not {"Signature Issue", "Limited Tools", "Gap Goes", "Power Impedes Peace Efforts"} & _groups(un)
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


def _book_part(tmp_path: Path, words: str, around: int = 60_000) -> Path:
    """The chapters of War and Peace around ``words``, as the book writes them, in a file of their own."""
    src = SHARED / "corpus" / "big" / "war-and-peace_2600-0.txt"
    if not src.exists():
        pytest.skip("the shared corpus is not beside the project")
    raw = src.read_text(encoding="utf-8")
    at = raw.index(words)
    lo, hi = raw.rindex("CHAPTER", 0, max(0, at - around)), raw.index("CHAPTER", at + around)
    path = tmp_path / "war-and-peace-part.txt"
    path.write_text(raw[lo:hi], encoding="utf-8")
    return path


def test_a_word_that_names_no_one_is_no_speaker_group(tmp_path: Path) -> None:
    # 'he was leaning against one of the columns in a respectful attitude implying that he, a foreigner, …':
    # 'respectful' heads no source and says nothing anywhere in the text
    quotes = extract_quotes(_book_part(tmp_path, "in a respectful attitude implying that he"))
    assert _person_of(quotes, "that he, a foreigner") == "Speaker not named (he, they…)"
    assert not {"Respectful", "Proper", "Offer", "Pictures"} & _groups(quotes)
    # a lone word that does say something in the text ('“…?” asked the cook') stays a group
    said = {q["speaker"] for q in quotes if q["speaker"] and " " not in q["speaker"] and q["speaker"].islower()
            and q["person"] != "Speaker not named (he, they…)"}
    assert said, "no lone word speaks in the part"


def test_a_place_before_a_name_is_no_part_of_it(tmp_path: Path) -> None:
    # 'On approaching Tarútino Kutúzov noticed cavalrymen …' where the book writes 'in Tarútino', 'to Tarútino'
    quotes = extract_quotes(_book_part(tmp_path, "approaching Tarútino Kutúzov noticed"))
    assert not any("Tarútino" in g for g in _groups(quotes))
    assert _person_of(quotes, "cavalrymen leading their horses") == "Kutúzov"
    # (a given name written once after 'the' is still a given name: Márya Dmítrievna keeps hers)
    marya = extract_quotes(_book_part(tmp_path, "said Márya Dmítrievna"))
    assert "Márya Dmítrievna" in _groups(marya) and "Dmítrievna" not in _groups(marya)


def test_what_two_people_said_together_is_both_of_theirs(tmp_path: Path) -> None:
    # 'Sens. Sherrod Brown (D-Ohio) and Robert Menendez (D-N.J.) … asked': both, not the first named
    warren = extract_quotes(dev_article(tmp_path, "huff-post_2016-09-20_elizabeth-warren"))
    joint = [q for q in warren if q["speaker"] == "Sherrod Brown (D-Ohio) and Robert Menendez (D-N.J.)"]
    assert joint and {q["person"] for q in joint} == {"Sherrod Brown and Robert Menendez"}
    # a name and a description, or a name with 'and' in it, is not two people
    visas = extract_quotes(dev_article(tmp_path, "nyt_2016-09-12_visa-program-up-for-renewal"))
    assert {"Developers and supporters in Congress", "Federal and state officials"} <= _groups(visas)


def test_an_abbreviated_title_or_a_party_is_no_speaker(tmp_path: Path) -> None:
    # '“This is a waste of time. …,” said Del. Stacey Plaskett of the Virgin Islands': the source was cut at 'Del'
    panel = extract_quotes(dev_article(tmp_path, "politico_2016-09-22_house-panel-votes"))
    assert "Del" not in _groups(panel)
    assert _person_of(panel, '"This is a waste of time.') == "Stacey Plaskett"
    # 'Attorney General Roy Cooper (D), McCrory's opponent …, called Friday for releasing the police videos, as well,
    # saying that transparency "breaks down barriers …"': the party in parentheses is Cooper's
    video = extract_quotes(dev_article(tmp_path, "wash-post_2016-09-25_phone-video-is-first"))
    assert "D" not in _groups(video)
    assert _person_of(video, 'that transparency "breaks down barriers') == "Roy Cooper"
