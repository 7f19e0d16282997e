"""What a reader still saw wrong in the Claims panel's speaker groups (issue 10, session 12), each on a real text
through `reader extract --json` as a person would run it (the JSON keeps the mention as `speaker` and gives the
group the panel shows as `person`)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import SHARED
from tests.dev_articles import dev_article, extract_quotes


def _person_of(quotes: list[dict[str, str]], words: str) -> str:
    """The group of the quote whose words start with ``words``."""
    return next(q.get("person") or "" for q in quotes if q["text"].startswith(words))


def test_a_source_never_starts_inside_a_number(tmp_path: Path) -> None:
    # 'about 100,000 soldiers and police officers are deployed …  But the United Nations faces a crisis about what
    # its troops are willing and able to do': no group "000 soldiers and police officers"
    path = dev_article(tmp_path, "nyt_2016-09-20_examining-the-u-n")
    text = path.read_text(encoding="utf-8")
    quotes = extract_quotes(path)
    assert not any(q["speaker"] and q["speaker"][0].isdigit() and re.search(r"\d[,.]" + re.escape(q["speaker"]), text)
                   for q in quotes)
    assert not any((q.get("person") or "").startswith("000") for q in quotes)


def test_he_or_she_never_stands_for_a_country(tmp_path: Path) -> None:
    # 'India and Pakistan, for instance, spar over whether …  It was under Mr. Ban's watch that the General Assembly
    # established U.N. Women …  He has championed lesbian and gay rights': Ban Ki-moon, not India
    un = extract_quotes(dev_article(tmp_path, "nyt_2016-09-20_examining-the-u-n"))
    assert _person_of(un, "lesbian and gay rights") == "Ban Ki-moon"
    assert _person_of(un, "he backed the idea of a woman") == "Ban Ki-moon"
    assert {q["speaker"] for q in un if q.get("person") == "India"} == {"India"}  # India's own words stay India's
    # a country that speaks just before the pronoun, a man named before it
    path = tmp_path / "ban.txt"
    path.write_text("The secretary general speaks.\n\nUNITED NATIONS -- Mr. Ban spoke to the General Assembly on Monday "
                    "about the refugee crisis and said the world must act.\n\nFrance said it would back the plan. He has "
                    "championed the rights of refugees for a decade, and he said the plan would work.\n", encoding="utf-8")
    quotes = extract_quotes(path)
    assert _person_of(quotes, "it would back the plan") == "France"
    assert _person_of(quotes, "the rights of refugees") == "Ban"
    assert _person_of(quotes, "the plan would work") == "Ban"


def test_a_dateline_is_no_source_even_cut_inside_its_agency(tmp_path: Path) -> None:
    # 'WASHINGTON (AP) — Donald Trump’s campaign …, with plans to spend …': the model's source stops inside "(AP)";
    # the city of a dateline is nobody, the sentence's subject is who plans
    path = tmp_path / "ap.txt"
    path.write_text("Trump plans a big ad buy.\n\nWASHINGTON (AP) — Donald Trump’s campaign is making its biggest general "
                    "election ad buy to date, with plans to spend upward of $10 million on commercials airing over the "
                    "next week or so.\n\nThe campaign says the ad will air nationally.\n", encoding="utf-8")
    quotes = extract_quotes(path)
    assert not any("WASHINGTON" in (q["speaker"] or "") or "WASHINGTON" in (q.get("person") or "") for q in quotes)
    assert _person_of(quotes, "to spend upward of $10 million") == "Donald Trump"


@pytest.fixture(scope="module")
def war_and_peace(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    """The quotes `reader extract --json` finds in the whole of War and Peace (read once for this file's tests)."""
    src = SHARED / "corpus" / "big" / "war-and-peace_2600-0.txt"
    if not src.exists():
        pytest.skip("the shared corpus is not beside the project")
    path = tmp_path_factory.mktemp("book") / src.name
    path.write_bytes(src.read_bytes())
    return extract_quotes(path)


def test_a_chapter_number_a_heading_word_or_a_licence_is_nobody(war_and_peace: list[dict[str, str]]) -> None:
    groups = {q.get("person") or "" for q in war_and_peace}
    # 'CHAPTER XVI … The priest’s wife, flushing rosy red, caught up the dish she had after all not managed to
    # present': 'she' is not a chapter's number (the book has fifteen chapters XVI, some opening with a woman)
    assert not any(re.fullmatch(r"[IVXLC]+", g) for g in groups), sorted(g for g in groups if g.isupper())
    # 'he grew delirious. Visions of his father, wife, sister …': the visions are no one 'he' stands for
    assert "Visions" not in groups
    assert _person_of(war_and_peace, "the night before the battle, the figure") == "Andrew Bolkónski"
    # the Project Gutenberg licence after the novel, in capitals: 'YOU AGREE THAT THE FOUNDATION …'; a trademark is no
    # one 'he' stands for ('… to the Project Gutenberg Literary Archive Foundation … he')
    assert not any("AGREE" in g or g.endswith("-tm") for g in groups)


def test_who_answers_a_question_is_the_one_asked(war_and_peace: list[dict[str, str]]) -> None:
    # '“You were meaning to go out, weren’t you, Mamma? Do you want the carriage?” he asked his mother with a smile.
    # “Yes, yes, go and tell them to get it ready,” she answered': his mother, not Natásha (named just before)
    assert _person_of(war_and_peace, "“Yes, yes, go and tell them") == "His mother"


def test_who_is_the_name_next_to_it(tmp_path: Path) -> None:
    unnamed = "Speaker not named (he, they…)"
    # 'Mr. Obama, who understood that a legislative push would be fruitless': the 'Mr.' is no sentence end
    climate = extract_quotes(dev_article(tmp_path, "nyt_2016-09-08_obama-on-climate-change"))
    assert _person_of(climate, "that a legislative push would be fruitless") == "Obama"
    # '… and Laura, who spoke of her early brainstorming discussions': not George W. Bush, named before with his own
    # 'who'
    museum = extract_quotes(dev_article(tmp_path, "nyt_2016-09-25_obama-says-african-american"))
    assert _person_of(museum, "of her early brainstorming discussions") == "Laura"
    # 'Trump was similarly defensive when forced to defend not paying an architect who said he was stiffed': the
    # architect, whom the article does not name; not Trump, named a clause before
    architect = extract_quotes(dev_article(tmp_path, "huff-post_2016-09-27_hillary-clinton-goes-aft"))
    assert _person_of(architect, "he was stiffed after he designed a clubhouse") == unnamed


def test_a_source_inside_the_quotation_marks_is_no_source(tmp_path: Path) -> None:
    # 'Caddell continued:\n\n"The health issue … I’m going to read you the question: “As you know, … It was later
    # revealed to be pneumonia. …”': the 'It' he reads out does not speak; Caddell does
    caddell = extract_quotes(dev_article(tmp_path, "breitbart_2016-09-15_pat-caddell"))
    assert _person_of(caddell, '"The health issue overall') == "Pat Caddell"
