"""How long the window is frozen when a person corrects a quote in the Claims panel of a long book.

    python benchmarks/quote_correction.py [--path FILE] [--runs N]

Offscreen, War and Peace (about 11,000 quotes) is opened in the main window on a notes file of its own, its
analysis awaited (kept in the analysis cache, ``--cache DIR``, so a second run skips the minute of finding
them), the Claims tab shown and a quote in the middle of the biggest speaker's group chosen. Then, N times:
"Not a quote" (dismiss), "Restore", "Wrong speaker…" (to a made-up name) and "Undo correction", each timed from
the operation (reader/ui/quote_ops.correct_quote: the correction stored, the panel told) until the events it
posted are handled, as a person's click waits. Prints the median and best of each, and the figure the brief
quotes: ``quote correction: dismiss N ms, restore N ms``. ``--shot PNG`` saves the window after one more
"Not a quote" (the entry under its new heading, chosen, its detail box below), to look at.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from benchmarks.qt_wait import analysed_window, common_options  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpus" / "big" / "war-and-peace_2600-0.txt"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    common_options(ap, DEFAULT)
    ap.add_argument("--shot", type=Path, help="save the window after a dismissal to this PNG")
    args = ap.parse_args()
    os.environ["READER_CACHE_DIR"] = args.cache
    app = QApplication.instance() or QApplication([])
    from reader.ui.analysis_panel import QUOTES
    from reader.ui.quote_ops import correct_quote

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        w = analysed_window(app, Path(tmp) / "notes.db", args.path)
        ctl = w.controller
        print(f"opened and analysed in {time.perf_counter() - t0:.1f} s: {len(ctl.analysis.quotes)} quotes")
        panel = w.panels.analysis
        w.tabs.setCurrentWidget(panel)
        panel.sections.setCurrentIndex(QUOTES)
        app.processEvents()
        top = max((panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())),
                  key=lambda t: t.childCount())
        kind, index = top.child(top.childCount() // 2).data(0, 0x0100)
        panel.select_entry(kind, index)
        app.processEvents()
        q = ctl.analysis.quotes[index]
        print(f"the quote: #{index} under {top.text(0)!r}")

        def timed(**how: object) -> float:
            t = time.perf_counter()
            assert correct_quote(ctl, q.start, q.end, **how)  # type: ignore[arg-type]
            app.processEvents()
            took = time.perf_counter() - t
            item = panel.tree.currentItem()
            assert item is not None and item.data(0, 0x0100) == ("quote", index), "the quote is no longer chosen"
            return took

        times: dict[str, list[float]] = {"dismiss": [], "restore": [], "speaker": [], "undo": []}
        for _ in range(args.runs):
            times["dismiss"].append(timed(dismissed=True))
            times["restore"].append(timed(undo=True))
            times["speaker"].append(timed(speaker="Somebody Else"))
            times["undo"].append(timed(undo=True))
        for name, ts in times.items():
            print(f"{name:8} median {1000 * statistics.median(ts):7.1f} ms, best {1000 * min(ts):7.1f} ms")
        print(f"quote correction: dismiss {1000 * statistics.median(times['dismiss']):.0f} ms, "
              f"restore {1000 * statistics.median(times['restore']):.0f} ms")
        if args.shot:
            timed(dismissed=True)
            for _ in range(20):  # the detail box's title fitted to its lines (a timer), then painted
                app.processEvents()
                time.sleep(0.01)
            w.grab().save(str(args.shot))
            print(f"saved {args.shot}")
        w.close()
        app.processEvents()


if __name__ == "__main__":
    main()
