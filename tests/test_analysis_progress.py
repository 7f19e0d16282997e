"""A long book's claims and quotes: the panel and the status bar say how far both processes are together,
in steps, from the start (the tryout saw War and Peace at 0% for ~5 s, then 37%: only the process that reads
the text first reported, from the second part on; the helper process on the other core, which takes the first
part, said nothing). Quitting still stops the worker and its helper."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from reader.analysis import parallel

WAR_AND_PEACE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "big" / "war-and-peace_2600-0.txt"


def _book(tmp_path: Path, start: int, chars: int) -> Path:
    if not WAR_AND_PEACE.exists():
        pytest.skip("War and Peace is not beside the project")
    text = WAR_AND_PEACE.read_text(encoding="utf-8")
    path = tmp_path / "docs" / f"book-{start}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text[start:start + chars], encoding="utf-8")
    return path


def _percent(text: str) -> int | None:
    m = re.fullmatch(r"Finding claims and quotes… (\d+)%", text)
    return int(m.group(1)) if m else None


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _children(pid: int) -> set[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as f:
            return {int(c) for c in f.read().split()}
    except OSError:
        return set()


def test_a_long_books_analysis_moves_in_steps_from_the_start(qtbot, window, tmp_path):
    if parallel.cores() < 2:
        pytest.skip("one core: no helper process")
    book = _book(tmp_path, 0, 450_000)  # long enough for two processes (parallel.MIN_CHARS)
    w = window
    w.panels.build()
    w.panels.status.timer.setInterval(0)  # shown at once, not after a moment (no wait in the test)
    panel, status = w.panels.analysis, w.panels.status
    seen: list[tuple[str, str, bool]] = []  # the panel's line, the status bar's, whether the bar shows
    w.controller.analysisProgress.connect(
        lambda *_a: seen.append((panel.status.text(), status.label.text(), status.shown)))
    w.open_path(book)
    qtbot.waitUntil(lambda: w.controller.analysis is not None and w.doc.path == book, timeout=180000)
    panels = [p for p, _s, _b in seen]
    pct = [p for p in map(_percent, panels) if p is not None]
    assert pct[0] == 0 and pct == sorted(pct), panels  # from 0, never back
    first = next(p for p in pct if p > 0)
    assert first < 10, panels  # the first part (the helper's) counts from the start
    assert len(set(pct)) >= 10, panels  # steps, not a jump
    assert panels[-1] == "Naming the speakers…", panels  # the text is read, the speakers are being named
    assert [s for _p, s, _b in seen] == panels  # the status bar says the same
    assert any(b for _p, _s, b in seen[1:])
    assert not status.shown  # and goes when the findings are in
    assert re.match(r"[\d,]+ quotes and ", panel.status.text()), panel.status.text()  # the findings' summary


def test_closing_the_window_while_a_long_book_is_analysed_stops_both_processes(qtbot, window, tmp_path):
    book = _book(tmp_path, 500_000, 450_000)
    w = window
    w.panels.build()
    w.panels.status.timer.setInterval(0)
    steps: list[int] = []
    w.controller.analysisProgress.connect(lambda done, _total: steps.append(done))
    w.open_path(book)
    runner = w.controller.analyser
    qtbot.waitUntil(lambda: len([s for s in steps if s > 0]) >= 2, timeout=180000)  # both at work
    task = runner.task
    assert task is not None and task.pid is not None
    pids = {task.pid, *_children(task.pid)}
    w.grab().save(str(tmp_path / "analysis-progress.png"))
    assert w.panels.status.shown and re.fullmatch(r"Finding claims and quotes… \d+%", w.panels.status.label.text())
    w.close()
    qtbot.waitUntil(lambda: not any(_alive(p) for p in pids), timeout=20000)
    assert w.controller.analysis is None and os.getpid() not in pids
