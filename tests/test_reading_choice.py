"""The learned choice between the CRF's and the linear models' readings of one passage
(reader/analysis/reading_choice.py) on real news from ../shared/data/attribution/dev (articles never trained on):
where the two name different speakers, the one the choice prefers is shown, and without the choice the linear
models' reading came back."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.analysis import reading_choice
from tests.dev_articles import dev_article, speaker_in_process


@pytest.mark.parametrize(("name", "words", "chosen", "linear"), [
    # 'David Axelrod called on Howard Dean to apologize to Donald Trump for accusing him ...': the linear models
    # read "Howard Dean (apologize)", the CRF "David Axelrod (called on)"
    ("politico_2016-09-28_axelrod-calls-on-dean", "Howard Dean to apologize", "David Axelrod", "Howard Dean"),
    # "''It's more tinkering at the edges,'' said Alan Cole, an economist ... ''I wouldn't call it reform. There
    # aren't any major reformulations ...''": the linear models read "There (aren't)"
    ("nyt_2016-09-16_clinton-plan-for-taxes-is", "''I wouldn't call it reform",
     "Alan Cole, an economist at the Tax Foundation's policy center", "There"),
])
def test_the_learned_choice_names_the_speaker_of_a_passage_both_models_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, words: str, chosen: str, linear: str) -> None:
    path = dev_article(tmp_path, name)

    assert reading_choice.load_choice() is not None
    assert speaker_in_process(path, words) == chosen
    monkeypatch.setattr(reading_choice, "load_choice", lambda: None)
    assert speaker_in_process(path, words) == linear  # without the choice the linear models' reading stays
