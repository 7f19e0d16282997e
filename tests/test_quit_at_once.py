"""Quitting the real app (reader.ui.app.run, as `reader PATH` runs it): the note being typed is
saved, the instance socket goes, and the process ends without the interpreter's second of
teardown (the figure is in benchmarks/background.py, "real app")."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT, SAMPLE

DRIVER = r"""
import atexit, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from reader.ui.app import make_app, run
from reader.ui.instance import server_name

path, db = sys.argv[1], Path(sys.argv[2])
# the interpreter's teardown runs atexit handlers: this one says whether it ran
atexit.register(lambda: sys.stderr.write("interpreter teardown ran\n"))
app = make_app()

def step():
    windows = [w for w in app.topLevelWidgets() if type(w).__name__ == "MainWindow" and w.isVisible()]
    if not windows or windows[0].session is None:
        return
    tick.stop()
    w = windows[0]
    h = w.controller.create_highlight(0, 20, "yellow")
    w.select_highlight(h.id, focus_note=True)
    QTest.keyClicks(w.editor.note, "typed, never saved by hand")
    print(server_name(db), flush=True)
    w.menus.quit_action.trigger()  # File > Quit

tick = QTimer()
tick.setInterval(20)
tick.timeout.connect(step)
tick.start()
sys.exit(run(path, db))
"""


def test_quit_saves_the_note_removes_the_socket_and_skips_the_teardown(tmp_path, db_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run([sys.executable, "-c", DRIVER, str(SAMPLE), str(db_path)], capture_output=True, text=True,
                       timeout=60, env=env, cwd=ROOT)
    noise = "This plugin does not support propagateSizeHints()"
    said = [line for line in r.stderr.splitlines() if line.strip() and noise not in line]
    assert r.returncode == 0, r.stderr
    assert said == [], said  # no "interpreter teardown ran": the process left at once, and nothing went wrong
    name = r.stdout.strip().splitlines()[-1]

    from PySide6.QtNetwork import QLocalSocket

    sock = QLocalSocket()
    sock.connectToServer(name)
    assert not sock.waitForConnected(200)  # nobody listens any more ...
    assert not os.path.exists(os.path.join("/tmp", name))  # ... and no socket file is left behind

    from notes_db.store import NotesDB

    with NotesDB(db_path) as store:
        notes = [h.note for d in store.recent_documents() for h in store.highlights(d.id)]
    assert notes == ["typed, never saved by hand"]
