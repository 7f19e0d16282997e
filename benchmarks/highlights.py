"""10,000 highlights on War and Peace: opening, highlighting, notes, the panel.

    python benchmarks/highlights.py [--count N] [--repeats N]

A fresh notes file gets N highlights spread over the book (a tenth with a
note and tags). Each measure runs in a fresh process, offscreen:

- open: from "open this file" until the first screen is painted with its
  highlights, against a bare QTextBrowser doing setPlainText plus one edit
  block of mergeCharFormat over the same ranges, until it is painted;
- key: select a passage, press 1, until the highlight is painted and listed;
- note: type a note, press Ctrl+Enter, until it is committed and what it changed is repainted (the
  window's pending repaints, as Qt runs them next: only the regions marked dirty); with
  ``--full-repaint`` the whole reading view is repainted instead, as before session 7 (a repaint of
  the full viewport whatever the save changed: ~6 ms of the figure then);
- panel scroll: one step of the highlights panel's scroll bar, repainted;
- next highlight: Alt+Down from a third of the book, until the next highlight is chosen in the panel and
  the editor, scrolled to and repainted;
- open stall: while the book opens (from "open this file" until every highlight is listed in the
  panel and painted where it is on screen), the longest turn of the GUI thread (a 2 ms timer's
  ticks: the longest gap between two is how long the window was frozen), and the longest of the
  turns that handled the highlights (the session made with them, each batch of them taken in).
  Qt's own layout of a 3 MB text, a stretch per timer event, is in the first figure and not in the
  second.

The last lines read:
open stall: longest GUI-thread turn T ms (highlights' own H ms: session made S ms, longest of B batches
    X ms), all N highlights listed in A ms (load L)
highlights: open R1x bare, key p95 K ms, note p95 N ms, panel scroll p95 S ms
Targets (issue 9): R1 <= 1.5, K <= 50, N <= 20, S <= 16.
With READER_PROFILE_NOTES=FILE the note saves are profiled (cProfile) into FILE. With
--after-analysis keys and notes are timed once the claims and quotes are in (marked in the text and
the panel: each save then repaints more); by default as soon as the notes are.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BOOK = ROOT.parent / "shared" / "corpus" / "big" / "war-and-peace_2600-0.txt"


def p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]


def make_notes(book: Path, db: Path, count: int) -> list[tuple[int, int]]:
    """The notes file with ``count`` highlights spread over the book; their ranges."""
    from notes_db.store import NotesDB
    from reader import loaders
    from reader.session import Session

    doc = loaders.load(book)
    store = NotesDB(db)
    s = Session(store, doc)
    rng = random.Random(9)
    text = doc.text
    step = len(text) // count
    ranges = []
    with store.db.atomic():  # one transaction for the set-up (each highlight a savepoint in it)
        for i in range(count):
            start = i * step + rng.randrange(0, max(1, step - 200))
            while start < len(text) and not text[start].isalnum():
                start += 1
            end = min(len(text), start + rng.randrange(12, 120))
            note = f"note {i}: worth checking against the 1869 edition" if i % 10 == 0 else ""
            tags = ["napoleon", f"chapter{i % 40}"] if i % 10 == 0 else []
            h = s.create(start, end, ["yellow", "red", "green", "blue", "purple"][i % 5], note, tags)
            ranges.append((h.start, h.end))
    store.close()
    return ranges


BARE = r"""
import json, sys, time
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QTextBrowser
book, ranges_file = sys.argv[1], sys.argv[2]
ranges = json.loads(Path(ranges_file).read_text())
app = QApplication(sys.argv[:1])
w = QTextBrowser()
w.resize(880, 800)
w.show()
for _ in range(5):
    app.processEvents()
done = {}
class Spy(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint and "t" not in done and "start" in done:
            done["t"] = time.perf_counter()
            QTimer.singleShot(0, app.quit)
        return False
spy = Spy()
w.viewport().installEventFilter(spy)
done["start"] = t0 = time.perf_counter()
w.setPlainText(Path(book).read_text(encoding="utf-8"))
cur = QTextCursor(w.document())
cur.beginEditBlock()
f = QTextCharFormat()
f.setBackground(QColor("#ffe680"))
for s, e in ranges:
    cur.setPosition(s)
    cur.setPosition(e, QTextCursor.MoveMode.KeepAnchor)
    cur.mergeCharFormat(f)
cur.endEditBlock()
w.viewport().update()
app.exec()
print(json.dumps({"open_ms": (done["t"] - t0) * 1000}))
"""


def child(book: Path, db: Path, repeats: int, after_analysis: bool = False, full_repaint: bool = False,
          why: bool = False) -> None:
    """Reader: open, then keys, notes and panel scrolling; prints one JSON line."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
    from PySide6.QtTest import QTest

    from reader.ui.app import make_app
    from reader.ui.main_window import MainWindow

    app = make_app()
    w = MainWindow(db)
    w.resize(1320, 860)
    w.show()
    for _ in range(5):
        app.processEvents()
    painted: list[float] = []
    #: When the reading view was first painted with highlights on it (the first screen with them).
    first_with_highlights: list[float] = []

    class Spy(QObject):
        def eventFilter(self, o: QObject, e: QEvent) -> bool:  # noqa: N802
            if e.type() == QEvent.Type.Paint:
                painted.append(time.perf_counter())
                if o is w.view.viewport() and w.view.overlay.by_id and not first_with_highlights:
                    first_with_highlights.append(painted[-1])
            return False

    spy = Spy()
    w.view.viewport().installEventFilter(spy)
    w.panel.list.viewport().installEventFilter(spy)

    def pump_until(cond: object, timeout: float = 120.0) -> None:
        """Run the event loop (sleeping between events, as the app does) until cond()."""
        loop = QEventLoop()
        check = QTimer()
        check.setInterval(1)
        check.timeout.connect(lambda: loop.quit() if cond() else None)  # type: ignore[operator]
        QTimer.singleShot(int(timeout * 1000), loop.quit)
        check.start()
        if not cond():  # type: ignore[operator]
            loop.exec()
        check.stop()

    # As a person finds the window: the notes file open and the side panels built (they are,
    # 50 ms after the first frame), then File > Open.
    w.first_frame()
    pump_until(lambda: w.panels.built and w.controller.store is not None)
    for _ in range(5):
        app.processEvents()
    # The GUI thread's turns while the book opens: a timer that ticks every 2 ms when the thread is free.
    ticks: list[float] = []
    ticker = QTimer()
    ticker.setInterval(2)
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
    # ... and how long the turns that handled the highlights took: the session made (before session 8
    # it read and laid out all of them), each batch of them taken in (session 8: read on a thread)
    own: list[float] = []
    ctl = w.controller

    batches: list[float] = []

    def timed(owner: object, name: str, into: list[float]) -> None:
        fn = getattr(owner, name, None)
        if fn is None:
            return

        def run(*args: object) -> object:
            t = time.perf_counter()
            try:
                return fn(*args)
            finally:
                into.append(time.perf_counter() - t)

        setattr(owner, name, run)

    timed(ctl, "_attach_session", own)
    timed(getattr(ctl, "highlights_reader", None), "_arrived", batches)
    want = _rows(db)
    # What the GUI thread was doing in its long turns: its Python stack, sampled every 5 ms by a
    # watcher thread while the ticker is late (C++ work shows as the Python frame that called it).
    import threading
    import traceback

    gui = threading.get_ident()
    late: dict[float, list[str]] = {}
    watching = [True]

    def watch() -> None:
        while watching[0] and why:  # (off by default: sampling the GUI thread's stack takes its interpreter)
            time.sleep(0.005)
            last = ticks[-1] if ticks else t0
            if time.perf_counter() - last > 0.05:
                frame = sys._current_frames().get(gui)
                stack = [f"{Path(f.filename).stem}:{f.name}" for f in traceback.extract_stack(frame)
                         if "/reader/" in f.filename or "/notes_db/" in f.filename] if frame else []
                late.setdefault(last, []).append(" < ".join(reversed(stack[-4:])) or "Qt (no Python frame)")

    # ... and which event the thread was handling: every event as the application dispatches it
    # (the one seen last before a long gap is the one that took it, or the work it started)
    events: list[tuple[float, str]] = []

    class Dispatch(QObject):
        def eventFilter(self, o: QObject, e: QEvent) -> bool:  # noqa: N802
            events.append((time.perf_counter(), f"{type(o).__name__}/{e.type().name}"))
            return False

    dispatch = Dispatch()
    if why:
        app.installEventFilter(dispatch)
    t0 = time.perf_counter()
    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    ticker.start()
    w.open_path(book)
    # The clock stops at the first paint of the reading view with the book's highlights on it
    # (not at a paint that came before them, and not at a later one).
    pump_until(lambda: bool(first_with_highlights))
    open_ms = (first_with_highlights[0] - t0) * 1000
    pump_until(lambda: w.session is not None and w.session.doc is w.doc and w.panel.count() == want
               and not getattr(getattr(ctl, "highlights_reader", None), "active", False))
    listed_ms = (time.perf_counter() - t0) * 1000
    for _ in range(3):
        app.processEvents()
    edges = [t0, *ticks, time.perf_counter()]
    ticker.stop()
    watching[0] = False
    if why:
        app.removeEventFilter(dispatch)
    import bisect
    stall_ms = max(b - a for a, b in itertools.pairwise(edges)) * 1000
    turns = sorted(((b - a) * 1000, a) for a, b in itertools.pairwise(edges))[-5:]
    long_turns = []
    for ms, at in reversed(turns):
        seen = late.get(at, []) if at != t0 else [*late.get(t0, []), "open_path (the File > Open turn)"]
        what = max(set(seen), key=seen.count) if seen else "?"
        inside = [name for t, name in events[bisect.bisect_right(events, (at, "")):] if t < at + ms / 1000]
        inside = [n for n in inside if not n.startswith("QTimer/")][:3]
        long_turns.append(f"{ms:.0f} ms at {(at - t0) * 1000:.0f} ms: {what}; events: {', '.join(inside) or '-'}")
    own_ms = max(own + batches, default=0.0) * 1000
    session_ms, batch_ms = max(own, default=0.0) * 1000, max(batches, default=0.0) * 1000
    n = len(w.session.highlights)
    if after_analysis:  # the steady state: claims and quotes found, marked in the text and the panel
        pump_until(lambda: w.controller.analysis is not None, timeout=600)
    assert len(w.view.highlights) == n and w.panel.count() == n, (len(w.view.highlights), w.panel.count(), n)

    text = w.doc.text
    rng = random.Random(1)
    keys, notes, scrolls = [], [], []
    profile_to = os.environ.get("READER_PROFILE_NOTES")  # a file: cProfile of the note saves, for pstats
    import cProfile

    profiler = cProfile.Profile()
    for _ in range(repeats):
        # a passage no highlight covers yet, scrolled into view (not timed)
        while True:
            s = rng.randrange(0, len(text) - 200)
            if w.session.highlight_at(s) is None and w.session.highlight_at(s + 40) is None:
                break
        w.view.scroll_to(s)
        w.view.select_range(s, s + 40)
        w.view.setFocus()
        app.processEvents()
        before = len(w.session.highlights)
        t = time.perf_counter()
        QTest.keyClick(w.view, Qt.Key.Key_1)
        w.view.viewport().repaint()
        w.panel.list.viewport().repaint()
        keys.append((time.perf_counter() - t) * 1000)
        assert len(w.session.highlights) == before + 1 and w.panel.count() == before + 1
        # its note: typed, then Ctrl+Enter until committed and repainted
        w.editor.note.setFocus()
        QTest.keyClicks(w.editor.note, "checked")
        app.processEvents()
        if profile_to:
            profiler.enable()
        t = time.perf_counter()
        QTest.keyClick(w.editor.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        if full_repaint:
            w.view.viewport().repaint()
        else:  # what the save marked dirty, painted now (the window's posted repaint, run at once)
            app.sendPostedEvents(w, QEvent.Type.UpdateRequest)
        notes.append((time.perf_counter() - t) * 1000)
        profiler.disable()
        assert w.session.highlight(w.editor.highlight_id).note == "checked"
    bar = w.panel.list.verticalScrollBar()
    bar.setValue(0)
    app.processEvents()
    for i in range(repeats * 4):
        t = time.perf_counter()
        bar.setValue(bar.value() + bar.singleStep() * 3 + i % 7)
        w.panel.list.viewport().repaint()
        scrolls.append((time.perf_counter() - t) * 1000)
    # View > Next Highlight (Alt+Down) from a third of the book: chosen, scrolled to, flashing, repainted
    steps = []
    w.editor.load(None)
    w.view.scroll_to(len(text) // 3, top=True)
    w.view.setFocus()
    app.processEvents()
    for _ in range(repeats):
        chosen = w.editor.highlight_id
        t = time.perf_counter()
        QTest.keyClick(w.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        w.view.viewport().repaint()
        w.panel.list.viewport().repaint()
        steps.append((time.perf_counter() - t) * 1000)
        assert w.editor.highlight_id not in (None, chosen)
    if profile_to:
        profiler.dump_stats(profile_to)
    w.close()
    print(json.dumps({"open_ms": open_ms, "keys": keys, "notes": notes, "scrolls": scrolls, "steps": steps, "n": n,
                      "stall_ms": stall_ms, "own_ms": own_ms, "listed_ms": listed_ms, "session_ms": session_ms,
                      "batch_ms": batch_ms, "batches": len(batches), "long_turns": long_turns}))


def _rows(db: Path) -> int:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM highlights").fetchone()[0])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--repeats", type=int, default=30)
    ap.add_argument("--child", nargs=2, metavar=("BOOK", "DB"))
    ap.add_argument("--full-repaint", action="store_true",
                    help="time a note saved until the whole reading view is repainted (the measure before session 7)")
    ap.add_argument("--why", action="store_true",
                    help="name what the GUI thread was doing in its five longest turns (a thread samples its stack: "
                         "the turns it watches take longer)")
    ap.add_argument("--after-analysis", action="store_true",
                    help="time keys and notes once the claims and quotes are in (by default they are timed "
                         "as soon as the notes are, while the analysis may still run)")
    args = ap.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]), args.repeats, args.after_analysis, args.full_repaint, args.why)
        return
    if not BOOK.exists():
        sys.exit(f"{BOOK} is not there")
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / BOOK.name
        shutil.copyfile(BOOK, book)
        db = Path(tmp) / "notes.sqlite"
        # A book with 10,000 highlights was opened before: its text is in Reader's cache
        # (reader/doc_cache.py), in a folder of this run's own (benchmarks/startup.py times a first open).
        env["READER_CACHE_DIR"] = os.environ["READER_CACHE_DIR"] = str(Path(tmp) / "cache")
        from reader import doc_cache

        doc_cache.load(book)
        doc_cache.wait_written()
        t = time.perf_counter()
        ranges = make_notes(book, db, args.count)
        print(f"set-up: {args.count:,} highlights in {time.perf_counter() - t:.1f} s (the book opened before: "
              "its text cached)")
        ranges_file = Path(tmp) / "ranges.json"
        ranges_file.write_text(json.dumps(ranges))

        def run(cmd: list[str]) -> dict:
            out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
            if out.returncode:
                sys.exit(out.stderr[-3000:])
            return json.loads(out.stdout.strip().splitlines()[-1])

        bare = run([sys.executable, "-c", BARE, str(book), str(ranges_file)])
        snapshot = Path(tmp) / "snapshot.sqlite"
        shutil.copyfile(db, snapshot)  # the key presses add highlights: the open is measured on N
        reader = run([sys.executable, __file__, "--child", str(book), str(db), "--repeats", str(args.repeats),
                      *(["--after-analysis"] if args.after_analysis else []),
                      *(["--full-repaint"] if args.full_repaint else []), *(["--why"] if args.why else [])])
    r1 = reader["open_ms"] / bare["open_ms"]
    k, n, s = p95(reader["keys"]), p95(reader["notes"]), p95(reader["scrolls"])
    print(f"bare QTextBrowser setPlainText + mergeCharFormat of {len(ranges):,} ranges: {bare['open_ms']:.0f} ms")
    print(f"Reader, open to first screen with {reader['n']:,} highlights painted: {reader['open_ms']:.0f} ms")
    print(f"key: median {statistics.median(reader['keys']):.1f} ms; note: median {statistics.median(reader['notes']):.1f} ms; "
          f"panel scroll: median {statistics.median(reader['scrolls']):.1f} ms ({args.repeats} keys/notes)")
    print(f"next highlight (Alt+Down): median {statistics.median(reader['steps']):.1f} ms, "
          f"p95 {p95(reader['steps']):.1f} ms ({args.repeats} presses)")
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"open stall: longest GUI-thread turn {reader['stall_ms']:.0f} ms (highlights' own "
          f"{reader['own_ms']:.0f} ms: session made {reader['session_ms']:.0f} ms, longest of "
          f"{reader['batches']} batches {reader['batch_ms']:.0f} ms), all {reader['n']:,} highlights listed in "
          f"{reader['listed_ms']:.0f} ms (load {load})")
    if args.why:
        print("longest GUI-thread turns while it opened (what the thread was in):")
        for line in reader["long_turns"]:
            print(f"    {line}")
    print(f"highlights: open {r1:.2f}x bare, key p95 {k:.1f} ms, note p95 {n:.1f} ms, panel scroll p95 {s:.1f} ms")


if __name__ == "__main__":
    main()
