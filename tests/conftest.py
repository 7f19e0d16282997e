"""Shared fixtures: every test gets its own notes file; nobody's real notes are touched."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# No session backups for the whole run, not only while a test runs (_private_db sets it for each test, and
# monkeypatch takes it away after): a window still open at exit is shut down by reader.ui.lifetime's atexit hook,
# and one with changed notes would start a backup process then, left running as Python exits.
os.environ["READER_NO_SESSION_BACKUP"] = "1"

import functools

import pytest
from pytestqt.qtbot import QtBot

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SAMPLE = ROOT / "resources" / "sample-article.md"

# How long any qtbot wait for a condition, a signal or a window may take before the test fails. A test waits for
# what a person would see; how soon it comes is the machine's business (CI runs on 2 loaded cores, where a 2 s
# wait for a list to settle failed once). A condition that never comes still fails the test, only later. Timings
# are measured in benchmarks/. (pytest-qt has no setting for it: its waits default to 5 s.)
PATIENCE_MS = 30000


def _longer(timeout: int | None) -> int | None:
    """At least PATIENCE_MS; None (pytest-qt: wait as long as it takes) stays None."""
    return None if timeout is None else max(timeout, PATIENCE_MS)


def _patient(wait):
    @functools.wraps(wait)
    def patient(self, *args, timeout: int = 5000, raising=None, **kwargs):
        if raising is False:  # a wait that is meant to run out (assertNotEmitted): as long as asked
            return wait(self, *args, timeout=timeout, raising=raising, **kwargs)
        return wait(self, *args, timeout=_longer(timeout), raising=raising, **kwargs)

    return patient


def _patient_until(wait):
    @functools.wraps(wait)
    def patient(self, *args, timeout: int = 5000, **kwargs):
        return wait(self, *args, timeout=_longer(timeout), **kwargs)

    return patient


for _name in ("waitSignal", "waitSignals", "waitCallback"):
    setattr(QtBot, _name, _patient(getattr(QtBot, _name)))
for _name in ("waitUntil", "waitExposed", "waitActive"):
    setattr(QtBot, _name, _patient_until(getattr(QtBot, _name)))
# (the pep-8 aliases, wait_until and the rest, are bound in QtBot.__init__ from these)


@pytest.fixture(autouse=True)
def _private_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "notes" / "notes.sqlite"
    path.parent.mkdir()
    monkeypatch.setenv("READER_DB", str(path))
    monkeypatch.setenv("READER_SETTINGS", str(tmp_path / "settings" / "reader.ini"))  # nobody's real settings
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))  # documents read before: this test's own
    # a window closing after notes changed backs the file up in a process of its own; hundreds of
    # windows would leave hundreds of them behind (tests/test_notes_integrity.py turns it back on)
    monkeypatch.setenv("READER_NO_SESSION_BACKUP", "1")
    # no test reaches the desktop's session bus: Show in Folder would open a real file manager there
    # (tests/test_show_in_folder.py starts a bus of its own)
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-session-bus'}")
    return path


@pytest.fixture(autouse=True)
def _backups_finished():
    """A session backup a test started (a window closed after its notes changed, with backups on: test_notes_integrity)
    has finished when the test ends: no process of one test runs on into the next, or past the end of the run."""
    yield
    import sys

    backup = sys.modules.get("notes_db.backup")
    for proc in getattr(backup, "_started", []):
        try:
            proc.wait(60)
        except Exception:  # (subprocess.TimeoutExpired: a backup that hangs is this test's failure to see)
            proc.kill()
            proc.wait()
            raise


@pytest.fixture(autouse=True)
def _clipboard_emptied():
    """What a test put on the clipboard goes with it: the next test starts with an empty clipboard, and a QMimeData
    made in Python (Copy as Quote's) is not left to the offscreen platform's clipboard, which keeps it in a C++
    static deleted after Python has finalized: its wrapper then calls into a gone interpreter (a segfault at exit
    after test_deeplinks' Copy as Quote; xcb's and Wayland's clipboards go with the QApplication, while Python lives)."""
    yield
    from PySide6.QtGui import QGuiApplication

    if isinstance(QGuiApplication.instance(), QGuiApplication):
        QGuiApplication.clipboard().clear()


@pytest.fixture
def db_path(_private_db: Path) -> Path:
    return _private_db


@pytest.fixture
def specimen(tmp_path: Path):
    """Copy a corpus file into tmp_path (tests never depend on ../shared staying put)."""

    def copy(rel: str, name: str | None = None) -> Path:
        src = CORPUS / rel
        if not src.exists():
            pytest.skip(f"corpus file {rel} is not beside the project")
        dst = tmp_path / "docs" / (name or src.name)
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
        return dst

    return copy


@pytest.fixture
def messages(qapp):
    """Every message the app showed a person, as (level, text), in order."""
    from reader.ui import messages as bus_module

    seen: list[tuple[str, str]] = []

    def record(level: str, text: str) -> None:
        seen.append((level, text))

    bus_module.bus.shown.connect(record)
    bus_module.bus.dialogs = False  # a crash dialog would wait for a click; bugReported still fires
    yield seen
    bus_module.bus.shown.disconnect(record)
    bus_module.bus.dialogs = True


@pytest.fixture
def read_only():
    """Make a file read-only for this process (chmod; for root, whom chmod does not stop,
    the immutable attribute), and writable again afterwards."""
    import subprocess

    made: list[tuple[Path, bool]] = []

    def make(path: Path) -> None:
        path.chmod(0o444)
        immutable = False
        if os.access(path, os.W_OK):
            ok = shutil.which("chattr") and subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0
            if not ok:
                pytest.skip("cannot make a file read-only here")
            immutable = True
        made.append((path, immutable))

    yield make
    for path, immutable in made:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=False)
        path.chmod(0o644)


def _shown_window(qtbot, db_path: Path):
    from tests.gui_helpers import shown_window

    return shown_window(qtbot, db_path)


@pytest.fixture
def window(qtbot, db_path):
    """A shown main window on the test's notes file, before anything is opened in it."""
    return _shown_window(qtbot, db_path)


@pytest.fixture
def open_window(qtbot, db_path):
    """A shown main window with a document open and its notes in (the sample article by default)."""
    from reader.ui.main_window import MainWindow

    def make(path=SAMPLE) -> MainWindow:
        w = _shown_window(qtbot, db_path)
        w.activateWindow()
        w.open_path(path)
        qtbot.waitUntil(lambda: w.session is not None and w.session.doc is w.doc)
        return w

    return make
