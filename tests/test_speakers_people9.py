"""One person, one group (issue 10, session 9): a surname that is also a title ('Mr. King'), a description set
beside a name ('McConnell, now the Senate majority leader, who said'; 'The daughter of Aung San, …, Suu Kyi'), a
mention run on into an adverb, a verb or an aside ('Cruz exhorted Republicans', 'Mr. Burman (a view'), a surname
whose other holders are named in passing ('Cruz' is Ted Cruz, not his father Rafael Cruz), a name cut
short ('Patrick J'), a particle at a sentence start ('De Blasio') and a middle initial ('Loretta E. Lynch' and
'Lynch'). Each on a real article, through `reader extract --json` as a person would run it; the JSON keeps the
mention as `speaker` and gives the group as `person`."""

from __future__ import annotations

from pathlib import Path

from tests.dev_articles import dev_article, extract_quotes


def _people(tmp_path: Path, name: str) -> dict[str, set[str]]:
    """Each speaker mention the article's quotes have -> the persons they are grouped under."""
    found: dict[str, set[str]] = {}
    for q in extract_quotes(dev_article(tmp_path, name)):
        if q.get("speaker"):
            found.setdefault(q["speaker"], set()).add(q.get("person") or "")
    return found


def test_a_surname_that_is_also_a_title_is_the_person_named_in_full(tmp_path: Path) -> None:
    people = _people(tmp_path, "nyt_2016-09-19_obama-sees-personal-insult")
    assert people["Mr. King"] == {"Charlie King"}
    assert people["Charlie King, a prominent New York Democrat"] == {"Charlie King"}


def test_a_description_beside_a_name_is_that_person(tmp_path: Path) -> None:
    people = _people(tmp_path, "wash-post_2016-09-16_burma-leader")
    daughter = next(v for k, v in people.items() if k.startswith("The daughter of Aung San"))
    assert daughter == {"Aung San Suu Kyi"}  # the fullest name the text writes
    # 'McConnell, now the Senate majority leader, who in 2010 said': the mention is "who" (tests/test_relative_source.py)
    assert people["who"] == {"Mitch McConnell"}
    assert people["McConnell"] == {"Mitch McConnell"}


def test_a_mention_run_on_into_an_adverb_a_verb_or_an_aside_is_the_person(tmp_path: Path) -> None:
    cruz = _people(tmp_path, "wash-post_2016-09-26_ah-friends-once-more-ted-cruz")
    assert cruz["Cruz exhorted Republicans"] == cruz["Cruz"] == cruz["Sen. Ted Cruz (R-Tex)"] == {"Ted Cruz"}
    axelrod = _people(tmp_path, "politico_2016-09-28_axelrod-calls-on-dean")
    assert axelrod["Axelrod calls"] == {"David Axelrod"}
    taxes = _people(tmp_path, "nyt_2016-09-16_clinton-plan-for-taxes")
    assert taxes["Mr. Burman (a view"] == taxes["Mr. Burman"] == {"Leonard E. Burman"}
    assert taxes["a speech Mrs. Clinton delivered at New York University in July"] != {"Hillary Clinton"}  # a thing
    scott = _people(tmp_path, "wash-post_2016-09-25_phone-video-is-first")
    assert scott["Scott's family"] != {"Keith Lamont Scott"}  # his family, not he


def test_a_name_cut_short_a_particle_and_a_middle_initial_are_the_person(tmp_path: Path) -> None:
    visas = _people(tmp_path, "nyt_2016-09-12_visa-program-up-for-renewal")
    assert visas["Patrick J"] == visas["Mr. Leahy"] == {"Patrick J. Leahy"}
    mayor = _people(tmp_path, "politico_2016-09-17_de-blasio-says-chelsea")
    assert mayor["De Blasio"] == {"Bill de Blasio"}
    lynch = _people(tmp_path, "wash-post_2016-09-14_a-lesson-from-loretta-lynch")
    assert lynch["Lynch"] == lynch["Loretta E. Lynch"] == {"Loretta E. Lynch"}


def test_what_a_relative_clause_says_of_its_source_is_the_noun_phrase_not_the_sentence(tmp_path: Path) -> None:
    """'Mr. King and Mr. Morial are also participating … such as an overhaul of the criminal justice system, which
    Mr. Obama championed': what Obama championed is the overhaul; the sentence about King and Morial is not his."""
    quotes = extract_quotes(dev_article(tmp_path, "nyt_2016-09-19_obama-sees-personal-insult"))
    championed = [q for q in quotes if q["cue"] == "championed"]
    assert [q["text"] for q in championed] == ["an overhaul of the criminal justice system"]
    assert not any("Mr. Morial are" in q["text"] for q in quotes if q.get("person") == "Obama")


def test_a_given_name_read_once_after_of_is_still_a_given_name(tmp_path: Path) -> None:
    """'Kall -- co-editor of Debating The Donald' makes 'Donald' look like a place once; 'Donald Trump isn't saying
    much …' is still the fuller name of the 'Trump' quoted after."""
    people = _people(tmp_path, "usa-today_2016-09-23_trump-questions-the-fairness")
    assert people["Trump"] == people["Donald Trump"] == {"Donald Trump"}

