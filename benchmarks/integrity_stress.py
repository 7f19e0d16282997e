"""The tester's afternoon of brief s5/integrity, compressed: is the notes file still sound?

A real window (offscreen) on a notes file in a folder that also holds the
documents, while command-line writers (`reader highlight … --note … --tag`,
several at a time) and exports (`reader export --all`) run against the same
file. The window opens documents, highlights from its own session, shows a
file dialog on the notes folder now and then (what made Qt read and close the
notes file and its -wal/-shm: the cause of the damaged file), and is closed and
started again a few times. At the end: PRAGMA integrity_check, and every
highlight that any writer was told was saved must be in the file.

Prints the writes, failures, integrity and missing notes. Not a test: it runs
for a minute or more and its figures depend on the machine.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/integrity_stress.py [--rounds 3] [--writers 4]
     [--seconds 20] [--no-guard]   (--no-guard: without notes_db/guard.py, to see the damage it prevents)
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared"
WORDS = ["Song Tao", "Communist Party", "Xi Jinping", "people", "development", "world", "China"]


def cli_writer(db: Path, doc: Path, stop: threading.Event, tally: dict[str, int], k: int) -> None:
    i = 0
    while not stop.is_set():
        note = f"cli-{k}-{i}"
        r = subprocess.run([sys.executable, "-m", "reader", "highlight", str(doc), "--text", WORDS[i % len(WORDS)],
                            "--note", note, "--tag", f"w{k}", "--db", str(db)],
                           capture_output=True, text=True, timeout=120, cwd=ROOT)
        with LOCK:
            if r.returncode == 0:
                tally["cli_saved"] += 1
                SAVED.add(note)
            else:
                tally["cli_failed"] += 1
                ERRORS.append(r.stderr.strip()[-200:])
        i += 1


def exporter(db: Path, out: Path, stop: threading.Event, tally: dict[str, int]) -> None:
    n = 0
    while not stop.is_set():
        fmt = ["csv", "json", "w3c", "markdown"][n % 4]
        r = subprocess.run([sys.executable, "-m", "reader", "export", "--all", "--format", fmt, "-o",
                            str(out / f"all-{n}"), "--db", str(db)], capture_output=True, text=True, timeout=300,
                           cwd=ROOT)
        with LOCK:
            tally["exports"] += 1
            if r.returncode != 0:
                tally["export_failed"] += 1
                ERRORS.append(r.stderr.strip()[-200:])
        n += 1
        stop.wait(1.0)


LOCK = threading.Lock()
SAVED: set[str] = set()
ERRORS: list[str] = []


def window_round(db: Path, docs: list[Path], seconds: float, tally: dict[str, int], r: int) -> None:
    from PySide6.QtWidgets import QApplication, QFileDialog

    from reader.ui.main_window import MainWindow

    app = QApplication.instance()
    assert app is not None

    def spin(sec: float, until=None) -> None:  # type: ignore[no-untyped-def]
        end = time.monotonic() + sec
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)
            if until is not None and until():
                return

    w = MainWindow(db)
    w.resize(1000, 700)
    w.show()
    end = time.monotonic() + seconds
    i = 0
    while time.monotonic() < end:
        doc = docs[i % len(docs)]
        w.open_path(doc)
        spin(20, lambda: w.session is not None and w.session.doc is w.doc)
        if i % 2 == 0:  # a file dialog on the notes folder, as File > Open or File > Export… shows it
            d = QFileDialog(w, "Open", str(db.parent))
            d.setOption(QFileDialog.Option.DontUseNativeDialog, True)
            d.show()
            spin(0.7)
            d.close()
        if w.session is not None and w.doc is not None:
            text = w.doc.text
            for j in range(5):
                word = WORDS[(i + j) % len(WORDS)]
                at = text.find(word)
                if at < 0:
                    at = (j * 97) % max(1, len(text) - 10)
                    word = text[at:at + 8]
                note = f"win-{r}-{i}-{j}"
                h = w.controller.create_highlight(at, at + len(word), "yellow", note, ["window"])
                with LOCK:
                    if h is not None:
                        tally["window_saved"] += 1
                        SAVED.add(note)
                    else:
                        tally["window_failed"] += 1
                spin(0.05)
        spin(0.3)
        i += 1
    w.close()
    spin(0.5)
    w.deleteLater()
    spin(0.2)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3, help="window sessions (quit and start again between)")
    ap.add_argument("--writers", type=int, default=4, help="command-line writers at a time")
    ap.add_argument("--seconds", type=float, default=20, help="length of each window session")
    ap.add_argument("--no-guard", action="store_true", help="run without notes_db/guard.py")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.no_guard:
        from notes_db import guard

        guard.SUPPORTED = False
    from PySide6.QtWidgets import QApplication

    app = QApplication([])  # noqa: F841 (kept alive for the windows)
    tmp = Path(tempfile.mkdtemp(prefix="reader-stress-"))
    folder = tmp / "tryout"
    folder.mkdir()
    db = folder / "notes.sqlite"
    docs = [folder / "sample-article.md"]
    shutil.copyfile(ROOT / "resources" / "sample-article.md", docs[0])
    for rel in ("data/attribution/dev/politico_2016-09-08_flynn-says-trump-absolutely-righ.txt",
                "corpus/text/entre-nous_44157-8_latin1.txt"):
        src = SHARED / rel
        if src.is_file():
            docs.append(folder / src.name)
            shutil.copyfile(src, docs[-1])
    (tmp / "exports").mkdir()
    tally = dict.fromkeys(("cli_saved", "cli_failed", "window_saved", "window_failed", "exports", "export_failed"), 0)
    stop = threading.Event()
    subprocess.run([sys.executable, "-m", "reader", "highlight", str(docs[0]), "--text", "Song Tao", "--note",
                    "first", "--db", str(db)], check=True, capture_output=True, cwd=ROOT)
    SAVED.add("first")
    threads = [threading.Thread(target=cli_writer, args=(db, docs[0], stop, tally, k), daemon=True)
               for k in range(args.writers)]
    threads.append(threading.Thread(target=exporter, args=(db, tmp / "exports", stop, tally), daemon=True))
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for r in range(args.rounds):
        window_round(db, docs, args.seconds, tally, r)
    stop.set()
    for t in threads:
        t.join(timeout=300)
    elapsed = time.monotonic() - t0
    con = sqlite3.connect(db)
    try:
        integrity = [row[0] for row in con.execute("PRAGMA integrity_check")][:5]
        notes = {row[0] for row in con.execute("SELECT note FROM highlights")}
    except sqlite3.Error as exc:
        integrity, notes = [f"unreadable: {exc}"], set()
    finally:
        con.close()
    missing = sorted(SAVED - notes)
    print(f"guard: {'off' if args.no_guard else 'on'}; {args.rounds} window sessions of {args.seconds:.0f} s, "
          f"{args.writers} command-line writers, {elapsed:.0f} s in all")
    print(f"command line: {tally['cli_saved']} saved, {tally['cli_failed']} failed; window: {tally['window_saved']} "
          f"saved, {tally['window_failed']} failed; exports: {tally['exports']} ({tally['export_failed']} failed)")
    print(f"integrity_check: {'; '.join(integrity)}")
    print(f"saved notes missing from the file: {len(missing)} of {len(SAVED)}" + (f" (e.g. {missing[:5]})"
                                                                                  if missing else ""))
    for e in ERRORS[:3]:
        print("error:", e)
    shutil.rmtree(tmp, ignore_errors=True)
    return 0 if integrity == ["ok"] and not missing else 1


if __name__ == "__main__":
    sys.exit(main())
