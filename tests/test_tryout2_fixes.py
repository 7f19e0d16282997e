"""Defects a new user's tryout found (session 5), each driven as a person meets it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from reader.ui.analysis_runner import LONG_TEXT_CHARS
from tests.conftest import SAMPLE, SHARED
from tests.test_comfort import window  # noqa: F401 (the fixture)

NEWS = SHARED / "data" / "attribution" / "dev" / "breitbart_2016-09-12_stealth-over-health-hillary-clin.txt"


def _niceness(pid: int) -> int | None:
    """A process's niceness as the system has it (None once it is gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[16])  # field 19 of the whole line


def test_a_short_article_opened_after_a_long_book_is_analysed_first_and_at_full_priority(
        qtbot, window, tmp_path):  # noqa: F811
    """War and Peace's analysis, niced below the window, used to keep running for a minute while the
    news article opened after it showed "Finding claims and quotes…" with an empty list; its own
    analysis ran niced too, behind everything else on a busy machine."""
    book = tmp_path / "long-book.md"
    text = SAMPLE.read_text(encoding="utf-8")
    book.write_text("\n\n".join([text] * (LONG_TEXT_CHARS // len(text) + 2)), encoding="utf-8")
    w = window(book)
    w.panels.build()
    panel = w.panels.analysis
    runner = w.controller.analyser
    qtbot.waitUntil(lambda: runner.task is not None, timeout=20000)
    # the long book's analysis says how far it is from the start (its worker reports seconds later)
    assert panel.status.text() == "Finding claims and quotes… 0%"
    long_task = runner.task
    seen: list[int | None] = []
    long_task.progress.connect(lambda *_a: seen.append(_niceness(long_task.pid)) if long_task.pid else None)
    qtbot.waitUntil(lambda: bool(seen), timeout=60000)
    assert seen[0] == min(19, os.nice(0) + 10)  # a long book's analysis is below the window

    article = tmp_path / "news.txt"
    shutil.copy(NEWS, article)
    w.open_path(article)
    qtbot.waitUntil(lambda: w.doc.path == article and runner.task is not None and runner.task is not long_task,
                    timeout=20000)
    assert long_task.cancelled
    qtbot.waitUntil(lambda: not long_task.is_running(), timeout=10000)  # killed, not left to run
    short_task = runner.task
    levels: list[int | None] = []
    short_task.progress.connect(lambda *_a: levels.append(_niceness(short_task.pid)))
    qtbot.waitUntil(lambda: w.controller.analysis is not None, timeout=60000)
    assert levels and levels[0] == os.nice(0)  # the article a person waits for: as high as the window
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() > 0)
    assert "%" not in panel.status.text() and "Finding" not in panel.status.text()
