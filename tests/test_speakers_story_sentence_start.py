"""A capitalised word that opens a sentence after a closing quotation mark ('…?” Presently he added:') is read as
a sentence's first word, as after '? ' (session 14, tryout point 1.3: War and Peace's 'Presently' was a speaker,
standing for Prince Vasíli's 'he'): a word the text also writes in lower case is no name there."""

from __future__ import annotations

from pathlib import Path

from tests.story_helpers import analysed_story

NOVEL = ("Prince Vasíli sat down by the fire. The hostess presently came up to him.\n\n"
         "“Do you know,” he said at last, “that my son is costing me forty thousand rubles a year?” Presently he "
         "added: “That is what we fathers have to put up with.”\n\n")


def test_a_word_opening_a_sentence_after_a_quotation_is_no_speaker(tmp_path: Path):
    result = analysed_story(tmp_path, NOVEL)
    groups = [str(q.extra.get("group")) for q in result.quotes if q.text.startswith("“That is what we fathers")]
    assert groups == ["Vasíli"], [(q.text, q.extra.get("group")) for q in result.quotes if "Well, well" not in q.text]
