"""A novel's speech inside speech, and a speaker set off by a relative clause before a colon (session 14, the
tryout of War and Peace's opening): what a character reports inside a quotation no one is said to say ('“… They say
she is amazingly beautiful.”') is part of that quotation, not a quote of its own with 'They' for a speaker; and
'Hélène, who was getting bored, said with a smile: “…”' is Hélène's, not the relative clause's."""

from __future__ import annotations

from pathlib import Path

from reader.analysis import analyse
from reader.loaders import load
from tests.story_helpers import analysed_story

NESTED = ("The prince was silent. But Márya Ivánovna wished to console him, so she said:\n\n"
          "“Now about your family. Do you know that since your daughter came out everyone has been enraptured by "
          "her? They say she is amazingly beautiful.”\n\n"
          "The prince bowed.\n\n"
          "In the midst of a conversation on politics Márya Ivánovna grew warm.\n\n"
          "“Oh, don’t speak to me of Austria. Our gracious sovereign recognizes his high vocation and will be true "
          "to it. England has refused to evacuate Malta. Prussia has always declared that Buonaparte is "
          "invincible. He will save Europe!”\n\n"
          "She suddenly paused, smiling.\n\n")


def _quotes(tmp_path: Path, text: str) -> list[tuple[str, object, object]]:
    result = analysed_story(tmp_path, text)
    return [(q.text, q.speaker, q.extra.get("group")) for q in result.quotes if "Well, well" not in q.text]


def test_speech_reported_inside_a_quotation_is_part_of_it(tmp_path: Path):
    found = _quotes(tmp_path, NESTED)
    texts = [t for t, _, _ in found]
    # each quotation whole, once: not 'she is amazingly beautiful.”' said by 'They', nor 'his high vocation …'
    # said by 'Our gracious', nor 'to evacuate Malta' by 'England'
    assert any(t.startswith("“Now about your family.") and t.endswith("beautiful.”") for t in texts), texts
    assert any(t.startswith("“Oh, don’t speak to me of Austria.") and t.endswith("Europe!”") for t in texts), texts
    assert not [t for t in texts if not t.startswith("“")], texts
    speakers = {str(s) for _, s, _ in found}
    assert not speakers & {"They", "Our gracious", "England", "Prussia"}, found


def test_a_quotation_stays_inside_a_quotation_in_news_as_before(tmp_path: Path):
    # (the rule is a story's: a news article's quoted words, with no speaker, keep the attribution read inside them)
    text = ("The council met on Monday to discuss the budget for the coming year and the new school.\n\n"
            "“The budget is tight this year. Officials say the new school will open in September.”\n\n"
            "The mayor did not comment on the plan, according to a statement released on Tuesday.\n")
    path = tmp_path / "news.txt"
    path.write_text(text, encoding="utf-8")
    result = analyse(load(path))
    assert not result.story
    assert any(q.speaker == "Officials" for q in result.quotes), [(q.text, q.speaker) for q in result.quotes]


RELATIVE = ("Márya Ivánovna sat by the window, and she sewed.\n\n"
            "But suddenly Hélène, who was getting bored, said with one of her bewitching smiles: “But I think "
            "that having espoused the true religion I cannot be bound by what a false religion laid upon me.”\n\n")


def test_the_speaker_before_a_colon_is_past_a_relative_clause(tmp_path: Path):
    found = _quotes(tmp_path, RELATIVE)
    said = [(s, g) for t, s, g in found if t.startswith("“But I think")]
    assert said == [("Hélène", "Hélène")], found


def test_the_speaker_before_a_colon_in_news_is_past_a_relative_clause(tmp_path: Path):
    text = ("The plan was approved on Monday after a long debate in the council chamber.\n\n"
            "Mayor Jane Ortiz, who took office in May, said in a statement: “We will build the school on time and "
            "within the budget the council has set.”\n")
    path = tmp_path / "news.txt"
    path.write_text(text, encoding="utf-8")
    result = analyse(load(path))
    said = [q for q in result.quotes if q.text.startswith("“We will build")]
    assert said and said[0].extra.get("group") == "Jane Ortiz", [(q.text, q.speaker) for q in result.quotes]


ASKED_ONCE = ("“I shall be delighted to meet them,” said the prince. “But tell me,” he added with studied carelessness "
              "as if it had only just occurred to him, though the question he was about to ask was the chief motive "
              "of his visit, “is it true that the old countess wants her nephew to be appointed secretary at the "
              "embassy? The nephew by all accounts is a poor creature.”\n\n"
              "The prince wished to obtain this post for his son.\n\n")


def test_a_question_someone_asks_is_listed_once(tmp_path: Path):
    found = _quotes(tmp_path, ASKED_ONCE)
    asked = [(t, s) for t, s, _ in found if "is it true that the old countess" in t]
    # the prince's question, not again as narration with no speaker ('he was about to ask was …, “is it true …')
    assert len(asked) == 1 and asked[0][0].startswith("“is it true") and asked[0][1] == "he", found
