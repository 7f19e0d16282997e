"""Which mention speaks: a relative clause set off and closed before the cue ('Kasich, who brags he has held more
than 100 town halls in New Hampshire, doesn't pretend that …'): the cue's subject is the name, not "who" (while
the clause's own cue, 'who brags', keeps "who"); and a section heading run into its paragraph ('Red Tape Hampers
Relief Work: Reducing “extreme poverty by 2030” is …') is nobody's, so the words after it are no quote. Through
the real ``reader extract --json``, on training articles and a text the rules were not written on."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import SHARED
from tests.dev_articles import copy_shared, dev_article, extract_quotes

TRAIN = SHARED / "data" / "attribution" / "train"


def train_article(tmp_path: Path, name: str) -> Path:
    return copy_shared(TRAIN / (name + ".txt"), tmp_path)


def quote_with(quotes: list[dict[str, str]], words: str) -> dict[str, str]:
    return next(q for q in quotes if words in q["text"])


def test_the_verb_after_a_closed_relative_clause_is_the_names(tmp_path: Path) -> None:
    quotes = extract_quotes(train_article(tmp_path, "usa-today_2016-02-09_new-hampshire-primary-game-on-wh"))
    q = quote_with(quotes, "his campaign will continue if he doesn't have a good night")
    assert q["speaker"] == "Kasich"
    assert q["person"] == "John Kasich"
    inside = quote_with(quotes, "he has held more than 100 town halls")  # the clause's own verb: "who" brags
    assert inside["speaker"] == "who"


def test_a_closed_relative_clause_with_words_between(tmp_path: Path) -> None:
    quotes = extract_quotes(train_article(tmp_path, "wash-post_2015-11-16_clinton-s-missteps-at-debate-arm"))
    q = quote_with(quotes, "to go with biography")
    assert q["speaker"] == "Clinton"


REPORT = """Examining the World Bank's Record Under Its Departing President.

WASHINGTON — The World Bank's president leaves office this month after a decade in which the bank grew larger but, \
critics say, less sure of its purpose. Here is a look at how it fared.

Development Lending.

Red Tape Hampers Relief Work: Reducing "extreme poverty by 2030" is one of the bank's stated aims, and its lending \
has grown each year. But loans take an average of 19 months to approve, and aid groups say the delays cost lives.

Climate Finance.

Modest Progress on a Pet Project: Mr. Kim made climate finance a priority shortly after taking office, and the bank \
now says a fifth of its lending goes to projects that reduce emissions.

"We have done more than anyone expected," Mr. Kim said in an interview last week.
"""


def test_a_heading_run_into_its_paragraph_is_nobodys(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    quotes = extract_quotes(path)
    assert not [q for q in quotes if "Red Tape" in (q["speaker"] or "") or "Relief Work" in (q["speaker"] or "")]
    assert quote_with(quotes, "loans take an average of 19 months")["speaker"] == "aid groups"  # the paragraph's quotes stay
    assert quote_with(quotes, "We have done more than anyone expected")["speaker"] == "Mr. Kim"


def test_a_part_of_a_heading_run_in_is_nobodys(tmp_path: Path) -> None:
    # (the article these headings were seen in: 'Veto Power Impedes Peace Efforts: Eliminating …')
    quotes = extract_quotes(dev_article(tmp_path, "nyt_2016-09-20_examining-the-u-n-s-"))
    heads = ("Power Impedes Peace Efforts", "Limited Tools", "The Gap Goes", "Signature Issue")
    assert not [q for q in quotes if any(h in (q["speaker"] or "") for h in heads)]
    assert quote_with(quotes, "climate change as a signature issue")["speaker"] == "Mr. Ban"
