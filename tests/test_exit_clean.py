"""A script that opens the window and ends without closing it exits cleanly: no
"QThread: Destroyed while thread is still running", no abort, nothing on stderr."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

SCRIPT = '''
import sys
from pathlib import Path
from PySide6.QtCore import QEventLoop, QThread, QTimer
from PySide6.QtWidgets import QApplication
from reader.ui.main_window import MainWindow

def main():
    how, doc, db = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    app = QApplication([])
    w = MainWindow(db)
    w.show()
    w.open_path(doc)
    loop = QEventLoop()
    ticker = QTimer()
    ticker.timeout.connect(lambda: w.session is not None and w.panels.built and w.page_view.painted and loop.quit())
    ticker.start(20)
    QTimer.singleShot(60000, loop.quit)
    loop.exec()
    ticker.stop()
    running = [t for t in w.findChildren(QThread) if t.isRunning()]
    print("threads running:", len(running), flush=True)
    if how == "quit":
        QTimer.singleShot(0, app.quit)
        app.exec()
    # "end": the script runs off its end, the window still open and its threads running

if __name__ == "__main__":
    main()
'''


@pytest.mark.parametrize("how", ["end", "quit"])
def test_a_script_that_never_closes_the_window_exits_cleanly(tmp_path, specimen, how):
    script = tmp_path / "open_and_leave.py"
    script.write_text(SCRIPT, encoding="utf-8")
    pdf = specimen("normal/tracemonkey.pdf")  # pages render on a thread; the Search tab has one too
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run([sys.executable, str(script), how, str(pdf), str(tmp_path / "n.sqlite")], capture_output=True,
                       text=True, timeout=180, env=env, cwd=ROOT)
    assert "threads running: 2" in r.stdout, (r.stdout, r.stderr[-3000:])  # the search panel's and the renderer's
    stderr = [line for line in r.stderr.splitlines() if "does not support propagateSizeHints" not in line]
    assert r.returncode == 0, r.stderr[-3000:]  # not SIGABRT
    assert stderr == []
