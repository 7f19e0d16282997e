"""A long text's analysis tells of its progress while a run of paragraphs is read and the models run over it.

The paragraphs are read RUN (1,024) at a time and the CRF and the linear models run over the whole run at once
before the rest of their analysis (reader/analysis/__init__.py): the percentage stood still for that second,
then jumped. Now the run's reading, and each model's run over it, move the figure (its first half of the run's
stretches), the rest of the analysis the second half; each stretch still told of once, all of them in the end."""

from __future__ import annotations

import pytest

import reader.analysis as analysis
from reader.loaders import load


def test_the_progress_moves_while_a_run_of_paragraphs_is_read_and_modelled(tmp_path, monkeypatch):
    paragraphs = [f"Officials in district {i} said on Tuesday that {i * 7} new schools would open by {2030 + i % 9}."
                  for i in range(2 * analysis.RUN + analysis.RUN // 2 + 100)]  # a last run of its own (more than half a run)
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    doc = load(path)
    prose = [b for b in doc.blocks if b.kind in analysis.PROSE]
    assert len(prose) == len(paragraphs)
    told: list[int] = []
    steps: list[tuple[str, int]] = []  # each model step over a run, with how far the progress was then
    for name in ("_crf_run", "_linear_pass"):
        real = getattr(analysis, name)

        def step(*args, _real=real, _name=name):
            steps.append((_name, len(told)))
            return _real(*args)

        monkeypatch.setattr(analysis, name, step)
    monkeypatch.setattr(analysis.parallel, "can_fork", lambda _chars: False)  # one process: its steps in order
    analysis.analyse(doc, progress=lambda n, total: told.append(n))
    if not steps:
        pytest.skip("no attribution model: no run of the models to wait for")
    every = analysis.PROGRESS_EVERY
    assert told == sorted(told) and told == list(range(0, len(doc.blocks), every))  # each stretch once, in order
    per_run = analysis.RUN // every
    crf = [k for name, k in steps if name == "_crf_run"]
    linear = [k for name, k in steps if name == "_linear_pass"]
    assert len(crf) == len(linear) == 3  # three runs of paragraphs
    for r, (c, li) in enumerate(zip(crf[:2], linear[:2], strict=True)):  # the two whole runs (the last is short)
        start = r * per_run  # the stretches told of when the run began
        assert c - start >= per_run // 4 - 1, (r, steps)  # its reading moved the figure
        assert li - c >= per_run // 8 - 1, (r, steps)  # and the CRF's run over it
