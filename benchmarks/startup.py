"""Spawn to first painted frame: bare Qt showing the sample article vs Reader.

    python benchmarks/startup.py [--runs N]

Both children write the wall-clock time of their first paint of the text
viewport to a file and quit; the parent subtracts the spawn time.
Target (issue 2): Reader within 2x of bare Qt.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "sample-article.md"

BARE = r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QTextBrowser
out = sys.argv[2]
class Spy(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            Path(out).write_text(f"{time.time():.6f}")
            o.removeEventFilter(self)
            QTimer.singleShot(0, QApplication.quit)
        return False
app = QApplication(sys.argv[:1])
w = QTextBrowser()
w.setMarkdown(Path(sys.argv[1]).read_text(encoding="utf-8"))
spy = Spy()
w.viewport().installEventFilter(spy)
w.resize(1320, 860)
w.show()
app.exec()
"""


def spawn(cmd: list[str], env: dict[str, str], out: Path) -> float:
    out.unlink(missing_ok=True)
    t0 = time.time()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
    return (float(out.read_text()) - t0) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "frame"
        env_reader = {**env, "READER_FIRST_FRAME_FILE": str(out), "READER_DB": str(Path(tmp) / "notes.sqlite")}
        bare_cmd = [sys.executable, "-c", BARE, str(SAMPLE), str(out)]
        reader_cmd = [sys.executable, "-m", "reader", str(SAMPLE)]
        spawn(bare_cmd, env, out)  # warm the page cache for both
        spawn(reader_cmd, env_reader, out)
        bare, reader = [], []
        for _ in range(args.runs):
            bare.append(spawn(bare_cmd, env, out))
            reader.append(spawn(reader_cmd, env_reader, out))
    b, r = statistics.median(bare), statistics.median(reader)
    print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {args.runs}")
    print(f"bare Qt (QTextBrowser.setMarkdown): median {b:.0f} ms  (min {min(bare):.0f}, max {max(bare):.0f})")
    print(f"Reader (sample article):            median {r:.0f} ms  (min {min(reader):.0f}, max {max(reader):.0f})")
    print(f"ratio Reader / bare Qt: {r / b:.2f}x  (target: within 2x)")


if __name__ == "__main__":
    main()
