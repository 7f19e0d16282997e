"""A short novel-like passage analysed as a story (the story speaker rules' tests): written to a file after
enough turns of talk for the engine to read it as a story (genre.is_story asks 60), then analysed for real."""

from __future__ import annotations

from pathlib import Path

from reader.analysis import Analysis, analyse
from reader.loaders import load

FILLER = "\n\n".join(["“Well, well, well,” the cook went on."] * 60)  # (a story: genre.is_story asks 60 turns)


def analysed_story(tmp_path: Path, novel: str) -> Analysis:
    """``novel`` and the filler, analysed from a file; asserts it was read as a story."""
    path = tmp_path / "novel.txt"
    path.write_text(novel + FILLER, encoding="utf-8")
    result = analyse(load(path))
    assert result.story
    return result


def story_groups(tmp_path: Path, novel: str) -> dict[str, str]:
    """Each quotation of ``novel`` (not the filler's) and its speaker group."""
    return {q.text: str(q.extra.get("group")) for q in analysed_story(tmp_path, novel).quotes
            if "Well, well" not in q.text}


def group_of(groups: dict[str, str], start: str) -> str:
    """The group of the one quotation that starts with ``start``."""
    found = [g for t, g in groups.items() if t.startswith(start)]
    assert len(found) == 1, groups
    return found[0]
