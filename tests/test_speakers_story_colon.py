"""Who speaks the quotation after a colon, and who is no speaker (session 14, the tryout of War and Peace's
opening): 'In the midst of a conversation Márya Ivánovna burst out:' and 'Natásha did not answer but only looked
up with a smile that said reproachfully:' name the one who speaks the next quotation (not 'the' or 'of' taken for
the verb, not the second verb's missing subject); 'taking leave of Anna' and 'anyone who wanted to see him' are
no one's group."""

from __future__ import annotations

from pathlib import Path

from reader.analysis import analyse
from reader.loaders import load
from reader.speaker_labels import UNNAMED
from tests.story_helpers import story_groups

NOVEL = ("The prince was silent.\n\n"
         "In the midst of a conversation on political matters Márya Ivánovna burst out:\n\n"
         "“Oh, don’t speak to me of Austria. Perhaps I don’t understand things, but Austria never has wished for "
         "war. He will save Europe!”\n\n"
         "She paused, smiling at her own impetuosity.\n\n"
         "The old count came up and asked his daughter whether she was enjoying herself. Natásha did not answer "
         "at once but only looked up with a smile that said reproachfully: “How can you ask such a question?”\n\n"
         "“It is late,” said the little princess.\n\n"
         "“Go in, Annette, or you will catch cold,” said the little princess, taking leave of Anna Ivánovna.\n\n"
         "The old prince lived in the country, remarking that anyone who wanted to see him could come the hundred "
         "miles from Moscow, while he himself needed no one.\n\n")


def _quotes(tmp_path: Path) -> list[tuple[str, str]]:
    return list(story_groups(tmp_path, NOVEL).items())


def test_the_speaker_before_a_colon(tmp_path: Path):
    found = _quotes(tmp_path)
    assert [g for t, g in found if t.startswith("“Oh, don’t speak")] == ["Márya Ivánovna"], found
    assert [g for t, g in found if t.startswith("“How can you ask")] == ["Natásha"], found


def test_a_participle_and_an_indefinite_pronoun_are_no_ones_group(tmp_path: Path):
    found = _quotes(tmp_path)
    groups = {g for _, g in found}
    assert not {g for g in groups if g.lower().startswith(("taking", "anyone"))}, groups
    # her line is hers, under the group her other lines have ('said the little princess, taking leave of …')
    late = [g for t, g in found if t.startswith("“It is late")]
    assert late and "little princess" in late[0].lower(), found
    assert [g for t, g in found if t.startswith("“Go in, Annette")] == late, found


def test_an_indefinite_pronoun_is_no_ones_group_in_news_too(tmp_path: Path):
    text = ("The city council met on Monday to discuss the new budget and the plan for the school.\n\n"
            "Anyone who attended the meeting said that the plan would be approved by the end of the month.\n\n"
            "The mayor did not comment on the plan, according to a statement released on Tuesday.\n")
    path = tmp_path / "news.txt"
    path.write_text(text, encoding="utf-8")
    result = analyse(load(path))
    assert not result.story
    groups = [q.extra.get("group") for q in result.quotes if "approved" in q.text]
    assert groups and all(g == UNNAMED or g is None or "anyone" not in str(g).lower() for g in groups), groups
