"""Readings a fact-checker rejects (issue 10, session 8 tryout): a source noun phrase whose head is not the name in
it ('advisers to Mr. Obama'), a negated quantifier read as its quantifier ('Not everyone'), an embedded tweet's id
listed as a quoted term, a bracketed media caption and the second half of a quotation listed as claims.
Each on a real dev article, through `reader extract --json` as a person would run it."""

from __future__ import annotations

from pathlib import Path

from tests.dev_articles import dev_article, extract

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "data" / "attribution" / "dev"
OBAMA = "nyt_2016-09-19_obama-sees-personal-insult-if-bl.txt"
PENCE = "west-journal_2016-10-05_pence-gives-gop-a-boost-with-sol.txt"




def test_the_head_of_the_source_speaks_and_a_negated_quantifier_keeps_its_not(tmp_path):
    """'But in recent days, advisers to Mr. Obama say, the president has grown exasperated …' was Mr. Obama's;
    'Not everyone finds that pitch … compelling' was a position of 'everyone'."""
    quotes = extract(dev_article(tmp_path, OBAMA))["quotes"]
    exasperated = next(q for q in quotes if q["text"].startswith("the president has grown exasperated"))
    assert exasperated["speaker"] == "advisers to Mr. Obama", exasperated
    assert exasperated["person"] != "Barack Obama", exasperated
    pitch = next(q for q in quotes if q["text"].startswith("that pitch or Mr. Obama's remarks compelling"))
    assert pitch["speaker"] == "Not everyone", pitch


def test_a_media_caption_and_the_end_of_a_quotation_are_no_claims(tmp_path):
    """'[Video: FULL SPEECH: … Watch on YouTube.]' was a figure claim at 92%; '… It went beyond the moment," said
    Donna Brazile …' (the sentence splitter's second half of her quotation) a statement. Her quotation stays a
    quote, and the article's real claims stay claims."""
    found = extract(dev_article(tmp_path, OBAMA))
    texts = [c["text"] for c in found["claims"]]
    assert not [t for t in texts if t.startswith("[")], texts
    assert not [t for t in texts if t.startswith("It went beyond the moment")], texts
    assert any(t.startswith("And Mrs. Clinton now holds a gaping advantage of 83 percentage points") for t in texts)
    assert any(q["speaker"] and q["speaker"].startswith("Donna Brazile") and "went beyond the moment" in q["text"]
               for q in found["quotes"])


def test_a_tweet_id_is_no_quoted_term(tmp_path):
    """'<tweet tweet-id="783499116076687360">' listed four ids as terms."""
    terms = [t["text"] for t in extract(dev_article(tmp_path, PENCE))["terms"]]
    assert not [t for t in terms if not any(c.isalpha() for c in t)], terms


def test_a_passive_cue_reads_as_one_and_a_possessive_act_is_a_position(tmp_path):
    """'Pence was also dubbed the debate winner' read 'Pence (dubbed)', as if Pence had spoken; 'President Obama's
    decision to jump-start dormant U.S. relations …' was listed as an Obama quote (the data marks it as an
    attribution: it stays, as a position)."""
    pence = extract(dev_article(tmp_path, PENCE))["quotes"]
    dubbed = next(q for q in pence if q["text"].startswith("the debate winner"))
    assert dubbed["cue"] == "was also dubbed", dubbed
    burma = extract(dev_article(tmp_path, "wash-post_2016-09-16_burma-leader-s-visit-to-washingt.txt"))["quotes"]
    decision = next(q for q in burma if q["text"].startswith("to jump-start dormant U.S. relations"))
    assert decision["kind"] == "position" and decision["speaker"] == "President Obama's", decision


def test_an_adverb_an_addressee_and_a_participle_are_not_read_as_speech(tmp_path):
    """'The president told African-Americans this weekend he would …' listed 'African-Americans this weekend' as
    what he said; '… he and many of his supporters have long regarded as racist' read 'he (long)'; 'according to a
    New York Times/CBS News poll released last week' named the speaker 'New York Times/CBS News poll released'."""
    quotes = extract(dev_article(tmp_path, OBAMA))["quotes"]
    assert not [q for q in quotes if q["text"] == "African-Americans this weekend"]
    assert not [q for q in quotes if q["cue"] == "long"]
    poll = next(q for q in quotes if q["cue"] == "according to")
    assert poll["speaker"] == "a New York Times/CBS News poll", poll


def test_state_after_of_or_a_possessive_is_a_noun_not_a_cue(tmp_path):
    """'“The Steve Harvey Morning Show,” the former secretary of state and … said she wanted …' gave the show's title
    to 'the former secretary of (state)'; 'South Korean President Park Geun-hye said Kim's mental state is
    “spiraling out of control.”' to 'South Korean President Park Geun-hye said Kim's mental (state)'. Pruitt's
    quotation, where 'states' stands in an apposition before 'said', stays his."""
    show = extract(dev_article(tmp_path, "huff-post_2016-09-20_hillary-clinton-speaks-directly-.txt"))["quotes"]
    assert not [q for q in show if q["cue"] == "state"], [q for q in show if q["cue"] == "state"]
    korea = extract(dev_article(tmp_path, "wash-post_2016-09-10_outrage-but-few-options-on-the-t.txt"))["quotes"]
    assert not [q for q in korea if q["speaker"] and "mental" in q["speaker"]]
    epa = extract(dev_article(tmp_path, "huff-post_2016-09-27_obama-power-plant-rules-face-key.txt"))["quotes"]
    invasion = next(q for q in epa if "It’s an invasion" in q["text"])
    assert invasion["speaker"] == "Scott Pruitt", invasion
