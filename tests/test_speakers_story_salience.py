"""A novel's 'he' and 'she' stand for the subject of the sentences before them, not for someone those sentences act
on (session 14, the tryout of War and Peace's opening): 'replied the prince … He went up to Márya Ivánovna, kissed
her hand … / “…,” said he' is the prince's; 'The visitor, compelled to look on, thought it necessary to take some
part in it. / “Tell me, my dear,” said she to Natásha' is the visitor's, under the group her other lines have; and
a source read in a clause a subordinator opens is the sentence's subject ('When they had emptied the samovar, Rostóv
… proposed that …': Rostóv's)."""

from __future__ import annotations

from pathlib import Path

from tests.story_helpers import analysed_story, story_groups
from tests.story_helpers import group_of as _of

NARRATION = ("It was in July, and the evening was warm. The reception was the first of the season, and the rooms "
             "were lit with many candles. The guests were expected between seven and ten, and the footmen stood in "
             "the hall. ") * 6  # (more than a page: the hostess's line is not the one just before his)

NOVEL = ("Márya Ivánovna watched the door until he came. Márya Ivánovna smiled at the prince when he bowed.\n\n"
         "“Good evening, my friend! Sit down and tell me all the news,” said Márya Ivánovna.\n\n"
         + NARRATION + "\n\n"
         "“Heavens! what a welcome!” replied the prince, not in the least disconcerted. He had just entered, "
         "wearing his court uniform. He spoke in the refined French of the old court. He went up to Márya "
         "Ivánovna, kissed her hand, and seated himself on the sofa.\n\n"
         "“First of all, dear friend, tell me how you are,” said he without altering his tone.\n\n"
         "“How do you do?” said the visitor. “What a charming child,” the visitor said.\n\n"
         "The countess looked at her callers. The visitor’s daughter smoothed her dress. Natásha ran in, laughing, "
         "and hid her face in her mother’s shawl.\n\n"
         "The visitor, compelled to look on at this family scene, thought it necessary to take some part in it.\n\n"
         "“Tell me, my dear,” said she to Natásha, “is your doll a relation of yours?”\n\n"
         "When they had emptied the samovar, Rostóv took a pack of cards and proposed that they should play a game "
         "with the ladies.\n\n")


def _groups(tmp_path: Path) -> dict[str, str]:
    return story_groups(tmp_path, NOVEL)


def test_a_pronoun_stands_for_the_subject_of_the_sentences_before_not_whom_they_act_on(tmp_path: Path):
    groups = _groups(tmp_path)
    assert _of(groups, "“Heavens!") == "The prince"
    assert _of(groups, "“First of all") == "The prince"  # not Márya Ivánovna, whom he went up to


def test_a_pronoun_stands_for_the_role_that_is_the_subject_before_it(tmp_path: Path):
    groups = _groups(tmp_path)
    visitor = _of(groups, "“How do you do?”")
    assert "visitor" in visitor.lower()
    assert _of(groups, "“Tell me, my dear,”") == visitor  # one group for the visitor, not the countess, not Natásha


def test_a_source_in_a_leading_subordinate_clause_is_the_sentences_subject(tmp_path: Path):
    groups = _groups(tmp_path)
    assert _of(groups, "that they should play a game") == "Rostóv"


FACULTY = ("“Ah, how afraid I am for her, how afraid I am!” said the countess, not realizing to whom she was "
           "speaking. Her maternal instinct told her that Natásha had too much of something, and that because of "
           "this she would not be happy.\n\n")


def test_what_a_faculty_of_someone_tells_is_theirs(tmp_path: Path):
    result = analysed_story(tmp_path, FACULTY)
    told = [q for q in result.quotes if q.text.startswith("that Natásha had too much")]
    # 'Her maternal instinct told her that …': the countess's, not a group of its own
    assert told and all(q.extra.get("group") == "The countess" for q in told), [
        (q.text, q.speaker, q.extra.get("group")) for q in result.quotes if "Well, well" not in q.text]


ROLE_TWICE = ("“Go!” said the old prince.\n\n"
              "The old prince turned away from the window and frowned.\n\n"
              "“Is it late?” he asked.\n\n")


def test_a_role_is_one_group_however_it_is_reached(tmp_path: Path):
    result = analysed_story(tmp_path, ROLE_TWICE)
    groups = {q.text: q.extra.get("group") for q in result.quotes if "Well, well" not in q.text}
    # 'said the old prince' and the 'he' that stands for the old prince: one group (not 'Old prince' beside it)
    assert groups.get("“Go!”") == groups.get("“Is it late?”") == "The old prince", groups
