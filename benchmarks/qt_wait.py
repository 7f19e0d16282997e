"""What the GUI benchmarks share: waiting for the window's work with its event loop running."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtWidgets import QApplication


def wait_for(app: QApplication, done: Callable[[], object], timeout: float = 900.0, tick: float = 0.002) -> None:
    """Process events until ``done()`` is true (exit with a message after ``timeout`` seconds)."""
    end = time.monotonic() + timeout
    while not done():
        app.processEvents()
        time.sleep(tick)
        if time.monotonic() > end:
            raise SystemExit("timed out")
