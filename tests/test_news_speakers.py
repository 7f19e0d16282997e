"""Speakers in a news story as the tryout (s13, 'Wrong speakers') read them wrong: a surname that ends one
sentence and starts the next ('… by Mayor Linda Park. Park told reporters …') is two sentences, not a speaker
'Linda Park Park'; a figure ('54 percent of residents') is never a speaker; 'According to the city controller,
Tom Reyes, …' is said by Tom Reyes; a 'he' after 'Councillor Ahmed Ali disagreed.' is Ahmed Ali. Read by the real
``reader extract --json``."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reader.analysis import sentences
from tests.dev_articles import dev_article, extract_quotes

STORY = """City Council Approves Budget After Heated Debate

The city council approved a new budget on Tuesday after a long and heated debate, with members split over spending \
on roads and schools.

The budget was proposed by Mayor Linda Park. Park told reporters that the plan would put the city on a sound \
footing for the next decade.

According to the city controller, Tom Reyes, the plan leaves a gap of nearly four million dollars in the second \
year.

A recent poll shows that 54 percent of residents support the plan, while 30 percent oppose it.

Councillor Ahmed Ali disagreed. "We are spending money we do not have," he said. He warned that property taxes \
would rise.

The council voted 7 to 2 in favour of the budget.
"""


@pytest.fixture(scope="module")
def quotes(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    path: Path = tmp_path_factory.mktemp("news") / "budget.txt"
    path.write_text(STORY, encoding="utf-8")
    return extract_quotes(path)


def quote_with(quotes: list[dict[str, Any]], words: str) -> dict[str, Any]:
    return next(q for q in quotes if words in q["text"])


def test_a_surname_starting_the_next_sentence_is_no_part_of_the_name_before(quotes: list[dict[str, Any]]) -> None:
    told = quote_with(quotes, "sound footing")
    assert told["speaker"] == "Park"
    assert told["person"] == "Linda Park"
    assert told["text"].startswith("the plan would put the city")  # not the sentence before
    assert all("Park Park" not in (q["person"] or "") and "Park. Park" not in q["speaker"] for q in quotes)


@pytest.mark.parametrize("said, name", [("Tim Kaine", "Kaine"), ("John Black", "Black"), ("Mr. Park", "Park")])
def test_punkt_surnames_end_a_sentence(said: str, name: str) -> None:
    text = f"The plan came from {said}. {name} told reporters it was fair."
    assert [text[a:b].strip() for a, b in sentences(text)] == [f"The plan came from {said}.",
                                                               f"{name} told reporters it was fair."]


@pytest.mark.parametrize("text", ["Indiana Gov. Mike Pence spoke.", "Navy Capt. Jeff Davis spoke.",
                                  "Warner Bros. Theater Ventures said so.", "Idaho Republican Sens. Mike Crapo spoke."])
def test_titles_and_abbreviations_end_no_sentence(text: str) -> None:
    assert len(sentences(text)) == 1


def test_a_share_a_poll_shows_is_no_speaker(quotes: list[dict[str, Any]]) -> None:
    shows = quote_with(quotes, "54 percent of residents support the plan")
    assert (shows["speaker"], shows["cue"]) == ("A recent poll", "shows")
    assert all("percent" not in (q["speaker"] or "") for q in quotes)


def test_according_to_a_role_and_its_holder(quotes: list[dict[str, Any]]) -> None:
    gap = quote_with(quotes, "four million dollars")
    assert gap["speaker"] == "the city controller, Tom Reyes"
    assert gap["person"] == "Tom Reyes"
    assert gap["text"].startswith("the plan leaves a gap")


def test_according_to_a_name_and_its_role(tmp_path: Path) -> None:
    path = tmp_path / "gap.txt"
    path.write_text("Budget gap\n\nAccording to Tom Reyes, the city controller, the plan leaves a gap of nearly four "
                    "million dollars.\n\nAccording to police, the suspect, a tall man, fled the scene.\n",
                    encoding="utf-8")
    found = extract_quotes(path)
    gap = quote_with(found, "leaves a gap")
    assert (gap["speaker"], gap["person"]) == ("Tom Reyes, the city controller", "Tom Reyes")
    assert gap["text"].startswith("the plan leaves")
    fled = quote_with(found, "fled the scene")  # 'the suspect' is what the police say, not who says it
    assert fled["speaker"] == "police" and fled["text"].startswith("the suspect")


def test_he_after_a_sentence_naming_a_man_is_that_man(quotes: list[dict[str, Any]]) -> None:
    spending = quote_with(quotes, "We are spending money we do not have")
    assert (spending["speaker"], spending["person"]) == ("he", "Councillor Ahmed Ali")
    assert quote_with(quotes, "property taxes would rise")["person"] == "Councillor Ahmed Ali"


def test_a_paper_named_in_full_then_short_is_one_speaker(tmp_path: Path) -> None:
    quotes = extract_quotes(dev_article(tmp_path, "breitbart_2016-09-12_stealth-over-health"))
    reports = quote_with(quotes, "team avoided taking her to the emergency room")
    learned = quote_with(quotes, "ditched her NYPD escort")
    assert (reports["speaker"], learned["speaker"]) == ("New York Post", "The Post")
    assert reports["person"] == learned["person"] == "New York Post"  # one group, under the fullest name
    # the headline is no quote, and its words before the colon no speaker
    assert all("Stealth" not in (q["speaker"] or "") and "Headed to ER" not in q["text"] for q in quotes)


def test_a_title_naming_a_speaker_before_its_colon_stays_a_quote(tmp_path: Path) -> None:
    path = tmp_path / "insiders.txt"
    path.write_text("Senate Insiders: Trump Will Rebound in New Hampshire\n\nThe insiders, a panel of strategists, "
                    "said that Donald Trump would rebound. \"He has the money,\" one insider said.\n", encoding="utf-8")
    title = quote_with(extract_quotes(path), "Trump Will Rebound")
    assert title["speaker"] == "Senate Insiders"


def test_a_poll_released_on_a_day_is_the_poll_not_the_day(tmp_path: Path) -> None:
    path = tmp_path / "poll.txt"
    path.write_text("Budget Passes\n\nThe city council approved a new budget on Tuesday.\n\nFifty-four percent of "
                    "residents support the plan, according to a poll released Monday.\n", encoding="utf-8")
    support = quote_with(extract_quotes(path), "support the plan")
    assert support["speaker"] == "a poll released Monday"
    assert support["person"] == "Poll released Monday"  # not 'Monday'
