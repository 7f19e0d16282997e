"""The speakers' patterns made faster give the same answers as the patterns they stand for: ``pronoun_ahead`` (the
first he or she among the next twelve words) as ``_PRONOUN_AHEAD``, whose lazy repeat cost ~480 M instructions on War
and Peace's megabyte; ``_NAME`` (a run of capitalised words) as it was written with a lookahead first; ``word_before``
(the word before a name) as ``_WORD_BEFORE``, searched."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from reader.analysis.speakers import _NAME, _PRONOUN_AHEAD, _SP, _WORD_BEFORE, SPACE_IN_LINE, pronoun_ahead, word_before

SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "sample-article.md"


def same(text: str, pos: int, endpos: int) -> bool:
    want, got = _PRONOUN_AHEAD.match(text, pos, endpos), pronoun_ahead(text, pos, endpos)
    if want is None or got is None:
        return want is got
    return (want.group(1), want.span(1)) == (got.group(1), got.span(1))


@pytest.mark.parametrize("text", [
    "Pierre said he would come.",  # the pronoun after two words
    "Pierre. He came in.",  # a sentence ends first: none
    "Natásha looked at her mother",  # 'her' after a word with a letter outside a-z
    "Anna Pávlovna, the maid, and then at last HIMSELF",
    "Kutúzov the the the the the the the the the the the he",  # the twelfth word: found
    "Kutúzov the the the the the the the the the the the the he",  # the thirteenth: none
    "Andrew the other brother, whose theme: hers",  # 'he' inside 'the', 'other', 'theme' is no pronoun
    "Sonya? she", "Sonya! she", "Sonya… she",
    "Denísov wished his", "Rostóv shed hiss sheer hex herself",
    "Boris he2 she_ him", "Dólokhov 'he' said", "Hélène\nshe", "x" * 30 + " she",
])
def test_the_same_pronoun_as_the_pattern(text: str) -> None:
    for pos in range(len(text) + 1):
        for endpos in (pos + 80, pos + 5, len(text)):
            assert same(text, pos, endpos), (text, pos, endpos)


STORY = ("“Well, Prince, so Genoa and Lucca are now just family estates,” said Anna Pávlovna to Prince Vasíli, who "
         "had come in; he looked at her. Pierre, whom she had never seen, bowed: HIS face was red and Hélène smiled "
         "at him herself. Natásha? She ran to Sónya, her cousin, and hers was the first voice he heard that evening "
         "when Nicholas, Denísov and the old Count Rostóv, with all the others who had come to the ball, sat down.")


@pytest.mark.parametrize("text", [STORY, SAMPLE.read_text(encoding="utf-8")])
def test_the_same_after_every_name(text: str) -> None:
    ends = [m.end() for m in _NAME.finditer(text)]
    assert len(ends) > 10
    assert all(same(text, e, e + 80) for e in ends)


def test_a_story_finds_its_pronouns() -> None:
    found = [m.group(1) for e in (m.end() for m in _NAME.finditer(STORY)) if (m := pronoun_ahead(STORY, e, e + 80))]
    assert set(found) == {"he", "her", "him", "she"}  # (not "She" after "Natásha?": the sentence ended)


NAME_AS_WRITTEN = re.compile(rf"(?=[A-Z])(?:(?:[A-Z][\w’'-]*\w|[A-Z]\.|(?:Mr|Mrs|Ms|Dr|St|Gen|Gov|Sen|Rep|Lt|Col|Capt|Prof)\.)"
                             rf"{_SP}(?:(?:de|von|van|la|le|du|al|bin){_SP})?)*[A-Z][\w’'-]*\w")


@pytest.mark.parametrize("text", [
    STORY, SAMPLE.read_text(encoding="utf-8"),
    "Mr. Mrs. Ms. Dr. St. Gen. Gov. Sen. Rep. Lt. Col. Capt. Prof. Mr.  X Mrs. Y Dr.\nZ Prof. de la Y",
    "A. B. C Mr X Mrs Smith Capt. John de Smith-Jones’s Col.  Pol. Pot Cap. Ltd. Inc. Foo",
    "Gen. von Moltke Lt. Col. Prof. Dr. Hans van der Berg M. Dupont St. Petersburg S. Dak I A",
])
def test_the_same_names_as_the_pattern_as_written(text: str) -> None:
    want = [(m.span(), m.group()) for m in NAME_AS_WRITTEN.finditer(text)]
    assert want == [(m.span(), m.group()) for m in _NAME.finditer(text)]
    assert len(want) >= 2


def test_the_white_space_within_a_line_is_every_space_but_the_line_break() -> None:
    assert set(SPACE_IN_LINE) == {c for c in map(chr, range(sys.maxunicode + 1)) if re.fullmatch(r"[^\S\n]", c)}


@pytest.mark.parametrize("text", [
    STORY, SAMPLE.read_text(encoding="utf-8"),
    "a_b’c'd-e \t\xa0\u3000X\nY  \n  Z x2\u2028W é5  V --  U, T\n\nS included with this\n",
])
def test_the_same_word_before_as_the_pattern(text: str) -> None:
    for end in range(len(text) + 1):
        for pos in (max(0, end - 20), max(0, end - 3), end):
            m = _WORD_BEFORE.search(text, pos, end)
            assert word_before(text, pos, end) == (m.group(1) if m else ""), (text[pos:end],)
