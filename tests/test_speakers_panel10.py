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
