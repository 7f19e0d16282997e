"""A window's threads stop before the process ends, however a script ends it.

``reader`` itself closes the window or quits the event loop, and the window
stops its threads then. A script that opens a :class:`MainWindow` may instead
call ``app.quit()``, or simply run off its end with the window still open:
Qt's QThread objects (the search panel's, the page renderer's, a backup's)
would then be destroyed while running, which prints "QThread: Destroyed while
thread is still running" and aborts the process. So every window is stopped
on ``QCoreApplication.aboutToQuit`` and, for a script that never ran the event
loop, at interpreter exit (``atexit`` runs before Python and PySide tear the
objects down).
"""

from __future__ import annotations

import atexit
import logging
import weakref
from typing import Protocol

from PySide6.QtCore import QCoreApplication

log = logging.getLogger("reader.ui.lifetime")


class _Stoppable(Protocol):
    def shutdown(self) -> None: ...


_windows: weakref.WeakSet[_Stoppable] = weakref.WeakSet()
_hooked = False


def watch(window: _Stoppable) -> None:
    """Call ``window.shutdown()`` when the application quits or the interpreter exits (it is safe to call twice)."""
    global _hooked
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(window.shutdown)
    _windows.add(window)
    if not _hooked:
        atexit.register(_at_exit)
        _hooked = True


def _at_exit() -> None:
    for window in list(_windows):
        try:
            window.shutdown()
        except RuntimeError:  # its Qt side is gone already, and its threads with it
            log.debug("a window was deleted before exit")
