"""A novel's bare title ('replied the prince') is the one person the scene names with that title ('Prince Vasíli
Kurágin … replied the prince'), not a group 'The prince' apart from him (session 14, tryout point 1.3: Vasíli was
split into 'The prince' and 'Vasíli'); where the scene names two princes, the title stays a group of its own."""

from __future__ import annotations

from pathlib import Path

from tests.story_helpers import analysed_story

NARRATION = ("It was in July, and the evening was warm. The rooms were lit with many candles, and the footmen "
             "stood in the hall. ") * 30  # (a new scene: the first prince named far before the second's)

SCENE = ("At that moment Prince Vasíli Kurágin came in, wearing his court uniform, and went up to the hostess.\n\n"
         "“Heavens! what a welcome!” replied the prince, not in the least disconcerted.\n\n")


def _prince_lines(tmp_path: Path, novel: str) -> list[str]:
    result = analysed_story(tmp_path, novel)
    return [str(q.extra.get("group")) for q in result.quotes if q.text.startswith("“Heavens!")]


def test_the_prince_is_the_one_prince_the_scene_names(tmp_path: Path):
    novel = "That summer Prince Andrew Bolkónski rode away to the army.\n\n" + NARRATION + "\n\n" + SCENE
    assert _prince_lines(tmp_path, novel) == ["Vasíli Kurágin"]


def test_with_two_princes_named_in_the_scene_the_title_names_neither(tmp_path: Path):
    novel = "By the window Prince Andrew Bolkónski stood alone.\n\n" + SCENE
    assert _prince_lines(tmp_path, novel) == ["The prince"]
