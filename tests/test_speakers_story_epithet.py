"""A novel's 'the little Princess Bolkónskaya' is not its Princess Mary Bolkónskaya (session 14, tryout point 1.3:
Andrew's wife, the little princess, was listed under Princess Mary): an epithet before a title and a surname
('the little Princess Bolkónskaya', 'The young Princess Bolkónskaya') tells apart two women of one family and
title, so that mention, and the 'she' that stands for it, is not the fuller name's that the text wrote first."""

from __future__ import annotations

from pathlib import Path

from tests.story_helpers import group_of as _of
from tests.story_helpers import story_groups as _groups

NOVEL = ("“I know a little person who is very unhappy with her father,” said Anna Pávlovna. “She is a relation of "
         "yours, Princess Mary Bolkónskaya.”\n\n"
         "Prince Vasíli did not reply. He looked at the door, and the guests came in one by one.\n\n"
         "The young Princess Bolkónskaya had brought some work in a velvet bag. Her pretty little upper lip was too "
         "short for her teeth. She went round the table with quick, short steps and sat down on a sofa.\n\n"
         "“I hope you have not played a wicked trick on me,” she said, turning to her hostess.\n\n")


def test_the_young_princess_of_a_family_is_not_the_princess_named_in_full_before(tmp_path: Path):
    groups = _groups(tmp_path, NOVEL)
    she = _of(groups, "“I hope you have not played")
    assert "Bolkónskaya" in she and "Mary" not in she  # (the name the text gives her, not her sister-in-law's)

