"""Start the GUI: window first, everything else after the first frame."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from reader.ui import messages, style
from reader.ui.main_window import MainWindow

log = logging.getLogger("reader.ui")

SAMPLE = style.SAMPLE
#: ``reader --screenshot`` gives up waiting for a document after this long.
SCREENSHOT_TIMEOUT_S = 120


class _FirstFrame(QObject):
    """Records when the reading view first paints the document with its notes
    in (its highlights on screen, or those on the beginning of a long text shown
    while the whole is read), then quits: for benchmarks/startup.py."""

    def __init__(self, out: str, window: MainWindow) -> None:
        super().__init__()
        self.out, self.window = out, window
        window.controller.sessionReady.connect(lambda _s: window.view.viewport().update())
        window.controller.firstNotes.connect(lambda _h: window.view.viewport().update())

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:  # noqa: N802
        ctl = self.window.controller
        if ev.type() == QEvent.Type.Paint and ctl.first.notes_on_screen():
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


def run(path: str | None, db_path: Path, screenshot: str | None = None, theme: str | None = None) -> int:
    if screenshot and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = make_app()
    link = bool(path) and str(path).lower().startswith("reader:")
    if not screenshot:
        from reader.ui.instance import listening, send, server_name

        target = "" if not path else str(path) if link else str(Path(path).resolve())
        name = server_name(db_path)
        if listening(name) and send(name, target):  # one window per person: the running one takes it
            log.info("handed %s to the running Reader", target or "a wake-up")
            return 0
    messages.install_excepthook()
    window = MainWindow(db_path)
    if theme:
        from reader.ui import themes

        window.theme = themes.apply(window, theme)
    app.aboutToQuit.connect(window.shutdown)  # background work must not outlive the event loop
    if not screenshot:  # the one later ``reader`` processes hand their files to, once this one is on screen
        from reader.ui.instance import serve

        window.view.firstPainted.connect(lambda: serve(window, db_path))
    window.resize(1320, 860)
    first_frame = os.environ.get("READER_FIRST_FRAME_FILE")
    if first_frame:
        spy = _FirstFrame(first_frame, window)
        window.view.viewport().installEventFilter(spy)
    # a file refused at once says so while opening: the screenshot must hear it (else it waits its full timeout)
    failed: list[str] = []
    if screenshot:
        messages.bus.dialogs = False
        messages.bus.shown.connect(lambda level, _text: failed.append(level) if level == "error" else None)
    if link:
        from reader.ui.linking import handle_target

        QTimer.singleShot(0, lambda: handle_target(window, str(path)))
    else:
        window.open_path(path or SAMPLE)
    window.show()
    if screenshot:
        return _screenshot(app, window, screenshot, failed)
    return app.exec()


def _screenshot(app: QApplication, window: MainWindow, out: str, failed: list[str]) -> int:
    """Capture the window once the document's text and highlights are on screen,
    however long the file takes to load (a file that cannot be opened is captured
    with its message)."""
    ctl = window.controller
    window.first_frame()
    deadline = time.monotonic() + SCREENSHOT_TIMEOUT_S
    loop = QEventLoop()  # sleeps between events: the file is read in the background meanwhile

    def check() -> None:
        if time.monotonic() > deadline or failed or _shown(window) or _asking_password(window):
            loop.quit()
        elif ctl.store is None and ctl.doc is not None:
            ctl.ensure_store()

    tick = QTimer()
    tick.setInterval(20)
    tick.timeout.connect(check)
    tick.start()
    check()
    if not (failed or _shown(window) or _asking_password(window)):
        loop.exec()
    tick.stop()
    for _ in range(3):
        app.processEvents()
    ok = window.grab().save(out)
    window.close()
    if not ok:
        log.error("could not write %s", out)
        return 1
    return 0


def _asking_password(window: MainWindow) -> bool:
    """An encrypted file waits for a password no screenshot can type: capture the question."""
    return window.password_dialog is not None and window.password_dialog.isVisible()


def _shown(window: MainWindow) -> bool:
    """The document is on screen with its notes (or there is no notes file to wait for)."""
    ctl = window.controller
    if ctl.doc is None or ctl.importing:
        return False
    return ctl.session is not None and ctl.session.doc is ctl.doc
