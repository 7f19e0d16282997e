"""What the GUI benchmarks share: waiting for the window's work with its event loop running."""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication


def wait_for(app: QApplication, done: Callable[[], object], timeout: float = 900.0, tick: float = 0.002) -> None:
    """Process events until ``done()`` is true (exit with a message after ``timeout`` seconds)."""
    end = time.monotonic() + timeout
    while not done():
        app.processEvents()
        time.sleep(tick)
        if time.monotonic() > end:
            raise SystemExit("timed out")


def common_options(ap: argparse.ArgumentParser, default: Path) -> None:
    """--path, --runs and --cache, as the window benchmarks take them."""
    ap.add_argument("--path", type=Path, default=default)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), "reader-bench-cache"),
                    help="the document and analysis cache (kept between runs)")


def analysed_window(app: QApplication, db: Path, path: Path) -> Any:
    """A shown main window (1200×800) with ``path`` open, analysed and its findings written."""
    from reader.ui.main_window import MainWindow

    w = MainWindow(db)
    w.resize(1200, 800)
    w.show()
    w.open_path(path)
    ctl = w.controller
    wait_for(app, lambda: ctl.analysis is not None and w.session is not None)
    findings = ctl.analyser.findings
    wait_for(app, lambda: not findings.writing)
    for _ in range(20):
        app.processEvents()
    return w
