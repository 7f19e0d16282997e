"""Run slow work (opening a big PDF, analysing, searching) off the GUI thread.

Task signals:
    progress(int, int): done, total.
    succeeded(object): the function's result.
    failed(object): the exception it raised.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal

log = logging.getLogger("reader.tasks")

ProgressFn = Callable[[int, int], None]


class Task(QThread):
    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[[ProgressFn], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn
        self.cancelled = False

    def _progress(self, done: int, total: int) -> None:
        self.progress.emit(done, total)
        # Background work shares one interpreter with the window and the page
        # renderer: let them have it now and then (a sleep releases the GIL).
        time.sleep(0.0005)

    def run(self) -> None:
        try:
            result = self._fn(self._progress)
        except Exception as exc:  # handed to the GUI thread, which decides what the user sees
            log.debug("task failed: %r", exc)
            self.failed.emit(exc)
        else:
            if not self.cancelled:
                self.succeeded.emit(result)


def single_shot(parent: QObject, slot: Callable[[], None], interval: int = 0) -> QTimer:
    """A one-shot timer owned by ``parent`` (flashes fading, scrolling settling)."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval)
    timer.timeout.connect(slot)
    return timer
