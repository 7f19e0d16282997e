"""Leaving the process once the window has closed: at once, not after seconds of teardown.

Measured under Xvfb (benchmarks/background.py, "real app quit"): with the
window already shut down (the note being typed saved, background work
stopped, the notes file closed), the process still took 0.5-3 s to end.
Python's teardown runs full garbage collections over every object while it
clears its modules (a long book's Document and analysis, PySide's wrappers),
and deleting the window deletes every widget of its panels one by one (half
a second with War and Peace's claims). None of it saves anything. So once
the window has shut down, only what the world sees is done: the instance
socket is closed (its file removed: the next ``reader`` starts a window),
the application is deleted if it owns the clipboard (Qt then hands the copied
text to a clipboard manager, as it does on a normal exit), logs and standard
streams are flushed, and the process ends with ``os._exit``.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import NoReturn

from PySide6.QtNetwork import QLocalServer
from PySide6.QtWidgets import QApplication, QMainWindow

log = logging.getLogger("reader.ui.quitting")


def quit_reader(window: QMainWindow) -> None:
    """File > Quit (Ctrl+Q): the window shuts down (a file still opening is cancelled, the note being
    typed is saved), and Reader's other windows close with it, so the application ends."""
    if not window.close():
        return
    app = QApplication.instance()
    if isinstance(app, QApplication):
        for other in app.topLevelWidgets():
            if other is not window and other.isWindow() and other.isVisible():
                other.close()


def leave(app: QApplication, window: QMainWindow, code: int) -> NoReturn:
    """End the process with ``code`` once ``window`` has shut down (never returns)."""
    try:
        shutdown = getattr(window, "shutdown", None)
        if callable(shutdown):
            shutdown()  # already run on quit; safe to call twice
        for server in window.findChildren(QLocalServer):
            server.close()
        clipboard = app.clipboard()
        if clipboard is not None and (clipboard.ownsClipboard() or clipboard.ownsSelection()):
            import shiboken6

            shiboken6.delete(app)
    except Exception:  # leaving anyway: every note was saved by shutdown()
        log.exception("while quitting")
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass
    os._exit(code)
