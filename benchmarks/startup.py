"""Spawn to the document painted with its highlights: bare Qt vs Reader, for
every size.

    python benchmarks/startup.py [--runs N]

Each document gets a fresh notes file with highlights (the sample article its
3, War and Peace 200 spread over the book). Reader is measured opening a file
it read before (its text comes from reader/doc_cache.py), and also the first
time (the cache emptied: read and repaired from the file). Reader is timed from spawn to the
first paint of the reading view after the notes are in (its highlights on
screen; ``READER_FIRST_FRAME_FILE``: for War and Peace, its beginning with the
highlights on it, shown while the whole is read, reader/preview.py); bare Qt from spawn to the first paint of
a QTextBrowser given the same text (setMarkdown or setPlainText) and one edit
block of mergeCharFormat over the same ranges. The parent subtracts the spawn
time. Targets (issue 9): sample article <= 2.0x bare Qt, War and Peace <= 1.5x.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT / "resources" / "sample-article.md"
BOOK = ROOT.parent / "shared" / "corpus" / "big" / "war-and-peace_2600-0.txt"
SAMPLE_PASSAGES = [
    "Nearly 400 Party members sacrificed their precious lives in protecting people's health and safety.",
    "56.1% are Party members",
    "More than 39 million Party members",
]

BARE = r"""
import json, sys, time
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QTextBrowser
path, ranges_file, out = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
class Spy(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            Path(out).write_text(f"{time.time():.6f}")
            o.removeEventFilter(self)
            QTimer.singleShot(0, QApplication.quit)
        return False
app = QApplication(sys.argv[:1])
w = QTextBrowser()
text = path.read_text(encoding="utf-8")
w.setMarkdown(text) if path.suffix == ".md" else w.setPlainText(text)
cur = QTextCursor(w.document())
cur.beginEditBlock()
f = QTextCharFormat()
f.setBackground(QColor("#ffe680"))
for s, e in json.loads(Path(ranges_file).read_text()):
    cur.setPosition(min(s, w.document().characterCount() - 1))
    cur.setPosition(min(e, w.document().characterCount() - 1), QTextCursor.MoveMode.KeepAnchor)
    cur.mergeCharFormat(f)
cur.endEditBlock()
spy = Spy()
w.viewport().installEventFilter(spy)
w.resize(1320, 860)
w.show()
app.exec()
"""


def notes(path: Path, db: Path, count: int) -> list[tuple[int, int]]:
    """A notes file with highlights on ``path``; their ranges."""
    from notes_db.store import NotesDB
    from reader import loaders
    from reader.session import Session

    doc = loaders.load(path)
    store = NotesDB(db)
    s = Session(store, doc)
    ranges = []
    with store.db.atomic():
        if path == SAMPLE or path.name == SAMPLE.name:
            for p in SAMPLE_PASSAGES:
                start = doc.text.index(p)
                ranges.append((start, start + len(p)))
        else:
            step = len(doc.text) // count
            ranges = [(i * step + 7, i * step + 7 + 40) for i in range(count)]
        for start, end in ranges:
            s.create(start, end, "yellow")
    store.close()
    return ranges


#: What Qt's offscreen platform says on every run; anything else a run prints is reported.
QUIET = ("This plugin does not support propagateSizeHints()",)


def spawn(cmd: list[str], env: dict[str, str], out: Path) -> float:
    out.unlink(missing_ok=True)
    t0 = time.time()
    run = subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=300,
                         text=True)
    said = [line for line in run.stderr.splitlines() if line.strip() and line.strip() not in QUIET]
    if said:
        print(f"  {Path(cmd[-1]).name if '-m' in cmd else 'bare Qt'} said on stderr: " + " | ".join(said[:5]))
    return (float(out.read_text()) - t0) * 1000


def measure(label: str, path: Path, count: int, runs: int, env: dict[str, str], tmp: Path) -> float:
    doc = tmp / path.name
    shutil.copyfile(path, doc)
    db = tmp / f"{path.stem}.sqlite"
    ranges = notes(doc, db, count)
    ranges_file = tmp / f"{path.stem}.json"
    ranges_file.write_text(json.dumps(ranges))
    out = tmp / "frame"
    env_reader = {**env, "READER_FIRST_FRAME_FILE": str(out), "READER_DB": str(db)}
    bare_cmd = [sys.executable, "-c", BARE, str(doc), str(ranges_file), str(out)]
    reader_cmd = [sys.executable, "-m", "reader", str(doc)]
    spawn(bare_cmd, env, out)  # warm the page cache for both
    spawn(reader_cmd, env_reader, out)
    bare, reader, first = [], [], []
    cache = Path(env["READER_CACHE_DIR"])
    for i in range(runs):
        bare.append(spawn(bare_cmd, env, out))
        reader.append(spawn(reader_cmd, env_reader, out))
        if i % 2 == 0:  # the file never opened before: read and repaired, not from reader/doc_cache.py
            shutil.rmtree(cache, ignore_errors=True)
            first.append(spawn(reader_cmd, env_reader, out))
            spawn(reader_cmd, env_reader, out)  # cached again for the next run
    b, r, f = statistics.median(bare), statistics.median(reader), statistics.median(first)
    print(f"{label}: bare Qt median {b:.0f} ms (min {min(bare):.0f}); Reader with its {len(ranges)} highlights painted "
          f"median {r:.0f} ms (min {min(reader):.0f}): {r / b:.2f}x; the first time (nothing cached) "
          f"median {f:.0f} ms: {f / b:.2f}x")
    return r / b, f / b


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {args.runs}")
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        # Compiled modules are kept (in a folder of the run's own) as they are for an installed
        # Reader, even where PYTHONDONTWRITEBYTECODE is set: else every run compiles Reader anew.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        env["READER_CACHE_DIR"] = str(tmp / "cache")
        env["READER_SETTINGS"] = str(tmp / "settings.ini")  # the default reading settings, not this machine's
        sample = measure("sample article (18 KB)", SAMPLE, 3, args.runs, env, tmp)
        book = measure("War and Peace (3.4 MB)", BOOK, 200, max(1, args.runs // 2), env, tmp) if BOOK.exists() else None
    line = f"startup: sample article {sample[0]:.2f}x bare Qt (target 2.0x)"
    if book is not None:
        line += f", War and Peace {book[0]:.2f}x (target 1.5x)"
    line += f"; opened the first time: sample {sample[1]:.2f}x" + (f", War and Peace {book[1]:.2f}x" if book else "")
    print(line)


if __name__ == "__main__":
    main()
