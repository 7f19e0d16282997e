"""Which mention speaks: a relative clause set off and closed before the cue ('Kasich, who brags he has held more
than 100 town halls in New Hampshire, doesn't pretend that …'): the cue's subject is the name, not "who" (while
the clause's own cue, 'who brags', keeps "who"); a section heading run into its paragraph ('Red Tape Hampers
Relief Work: Reducing “extreme poverty by 2030” is …') is nobody's, so the words after it are no quote; a name
ending in -ly is no adverb ('Mrs. Schlafly said'); one capitalised word just before its cue is a name, not a time
('Day said'); a participle opening a sentence gives way to the clause's subject ('Adopting …, the board of
elections … ruled'). Through the real ``reader extract --json``, on training articles and a text the rules were
not written on."""
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
has grown each year. But loans take an average of 19 months to approve, and aid groups say the delays cost lives: \
the red tape hampers relief work where it is needed most.

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
    assert quote_with(quotes, "the delays cost lives")["speaker"] == "aid groups"  # the paragraph's quotes stay
    assert quote_with(quotes, "We have done more than anyone expected")["speaker"] == "Mr. Kim"


def test_a_part_of_a_heading_run_in_is_nobodys(tmp_path: Path) -> None:
    # (the article these headings were seen in: 'Veto Power Impedes Peace Efforts: Eliminating …')
    quotes = extract_quotes(dev_article(tmp_path, "nyt_2016-09-20_examining-the-u-n-s-"))
    heads = ("Power Impedes Peace Efforts", "Limited Tools", "The Gap Goes", "Signature Issue")
    assert not [q for q in quotes if any(h in (q["speaker"] or "") for h in heads)]
    assert quote_with(quotes, "climate change as a signature issue")["speaker"] == "Mr. Ban"


def test_a_name_ending_in_ly_is_no_adverb(tmp_path: Path) -> None:
    # 'Mrs. Schlafly said she considered …': "Schlafly" is not cut off the name as if it were 'repeatedly'
    quotes = extract_quotes(train_article(tmp_path, "nyt_2016-09-07_phyllis-schlafly-conservative-ba"))
    q = quote_with(quotes, "she considered the disclosure a deliberate attempt")
    assert q["speaker"] == "Mrs. Schlafly"
    assert q["person"] == "Phyllis Schlafly"


def test_one_capitalised_word_just_before_the_cue_is_a_name_not_a_time(tmp_path: Path) -> None:
    # 'Day said the radical pro-abortion language …' (Kristen Day): not a time like 'Wednesday' or 'the end of March'
    quotes = extract_quotes(train_article(tmp_path, "breitbart_2016-07-22_tim-kaine-fully-embraced-abortio"))
    q = quote_with(quotes, "the radical pro-abortion language in the platform")
    assert q["speaker"] == "Day"


def test_a_participle_opening_the_sentence_gives_way_to_its_subject(tmp_path: Path) -> None:
    # 'Adopting the recommendations of a hearing officer …, the board of elections on Monday rejected …'
    quotes = extract_quotes(train_article(tmp_path, "huff-post_2016-02-02_ted-cruz-is-a-natural-born-citiz"))
    assert not [q for q in quotes if q["speaker"] == "Adopting"]
    assert any(q["speaker"] == "the board" and q["cue"] == "ruled" for q in quotes)
