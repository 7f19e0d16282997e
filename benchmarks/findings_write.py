"""How long the window is frozen when a long book's analysis ends and its findings are written to the notes file.

    python benchmarks/findings_write.py [--path FILE] [--runs N]

Offscreen, War and Peace (about 11,000 quotes, 270 claims) is opened in the main window on a notes file of its
own and its analysis awaited (kept in the analysis cache, ``--cache DIR``). Then, N times each:

- before (the write on the GUI thread, as the window did): ``claims_library.remember`` called there, timed;
- after (reader/ui/findings_writer.py): the write asked for as the end of an analysis asks for it, and until
  ``remembered`` has been handled (the Speakers window, Search, the panel's "also in…" told), a timer on the
  GUI thread ticks every 2 ms: the longest gap between ticks is the longest time the window could not answer.
  The write's own wall time (asked to announced) is printed beside it.

The last line: ``findings write: GUI thread N ms before, longest stall N ms after``.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from benchmarks.qt_wait import analysed_window, common_options, wait_for  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpus" / "big" / "war-and-peace_2600-0.txt"


def one_write(app: QApplication, writer: Any, path: Path, doc_id: int, result: Any) -> tuple[float, float]:
    """One write asked for as the end of an analysis asks: (the longest gap between the GUI thread's 2 ms ticks
    from asking until ``remembered`` was handled, the write's wall time)."""
    ticks: list[float] = []
    done: list[float] = []
    timer = QTimer()
    timer.setInterval(2)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))

    def announced(_r: object) -> None:
        done.append(time.perf_counter())

    writer.remembered.connect(announced)
    timer.start()
    wait_for(app, lambda: len(ticks) >= 3)  # ticking
    asked = time.perf_counter()
    ticks.append(asked)
    writer.write(path, doc_id, result)
    wait_for(app, lambda: bool(done))
    for _ in range(5):  # the other slots of remembered, and what they posted
        app.processEvents()
    ticks.append(time.perf_counter())
    timer.stop()
    writer.remembered.disconnect(announced)
    return max(b - a for a, b in itertools.pairwise(ticks) if a >= asked), done[0] - asked


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    common_options(ap, DEFAULT)
    args = ap.parse_args()
    os.environ["READER_CACHE_DIR"] = args.cache
    app = QApplication.instance() or QApplication([])
    from reader.claims_library import remember

    with tempfile.TemporaryDirectory() as tmp:
        w = analysed_window(app, Path(tmp) / "notes.db", args.path)
        ctl = w.controller
        writer = ctl.analyser.findings
        result, store, doc_id = ctl.analysis, ctl.store, w.session.doc_id
        assert result is not None and store is not None
        print(f"{len(result.quotes)} quotes, {len(result.claims)} claims")

        before: list[float] = []
        for _ in range(args.runs):
            t = time.perf_counter()
            remember(store, doc_id, result)  # what the window did on its own thread
            before.append(time.perf_counter() - t)

        stalls: list[float] = []
        walls: list[float] = []
        for _ in range(args.runs):
            stall, wall = one_write(app, writer, store.path, doc_id, result)
            stalls.append(stall)
            walls.append(wall)
        print(f"before: remember() on the GUI thread  median {1000 * statistics.median(before):6.0f} ms, "
              f"best {1000 * min(before):6.0f} ms")
        print(f"after:  longest GUI-thread stall      median {1000 * statistics.median(stalls):6.0f} ms, "
              f"worst {1000 * max(stalls):6.0f} ms (the write itself: median {1000 * statistics.median(walls):.0f} ms "
              "on its thread)")
        print(f"findings write: GUI thread {1000 * statistics.median(before):.0f} ms before, "
              f"longest stall {1000 * statistics.median(stalls):.0f} ms after")
        w.close()
        app.processEvents()


if __name__ == "__main__":
    main()
