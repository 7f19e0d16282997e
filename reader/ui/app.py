"""Start the GUI: window first, everything else after the first frame."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from reader.ui import style
from reader.ui.main_window import MainWindow

log = logging.getLogger("reader.ui")

SAMPLE = style.RESOURCES / "sample-article.md"


class _FirstFrame(QObject):
    """Records when the reading view first paints (for benchmarks/startup.py)."""

    def __init__(self, out: str) -> None:
        super().__init__()
        self.out = out

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:  # noqa: N802
        if ev.type() == QEvent.Type.Paint:
            Path(self.out).write_text(f"{time.time():.6f}\n")
            obj.removeEventFilter(self)
            QTimer.singleShot(0, QApplication.quit)
        return False


def make_app() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("Reader")
    app.setOrganizationName("Reader")
    f = QFont()
    f.setFamilies(style.SANS)
    f.setPointSizeF(10)
    app.setFont(f)
    return app


def run(path: str | None, db_path: Path, screenshot: str | None = None) -> int:
    if screenshot and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = make_app()
    window = MainWindow(db_path)
    app.aboutToQuit.connect(window.shutdown)  # threads must not outlive the event loop
    window.resize(1320, 860)
    first_frame = os.environ.get("READER_FIRST_FRAME_FILE")
    if first_frame:
        spy = _FirstFrame(first_frame)
        window.view.viewport().installEventFilter(spy)
    window.open_path(path or SAMPLE)
    window.show()
    if screenshot:
        window.ensure_store()
        deadline = time.monotonic() + 60  # a document read in the background is waited for
        while (window._task is not None or window._pending_text is not None) and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        for _ in range(5):
            app.processEvents()
        ok = window.grab().save(screenshot)
        window.close()
        if not ok:
            log.error("could not write %s", screenshot)
            return 1
        return 0
    return app.exec()
