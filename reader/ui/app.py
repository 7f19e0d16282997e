"""Start the GUI: window first, everything else after the first frame."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from reader.ui import messages, style
from reader.ui.main_window import MainWindow

log = logging.getLogger("reader.ui")

SAMPLE = style.SAMPLE
#: The first window's size when the screen has room for it.
DEFAULT_SIZE = (1320, 860)
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


def fit_to_screen(window: MainWindow) -> None:
    """The first window at its default size, or the screen's available area where that is smaller
    (an 800x600 screen showed a 1320x860 window with its side panel and status bar off-screen).
    Called before the window is shown; once it is, its frame is taken into account too."""
    screen = window.screen() or QApplication.primaryScreen()
    width, height = DEFAULT_SIZE
    if screen is None:
        window.resize(width, height)
        return
    area = screen.availableGeometry()
    if width <= area.width() and height <= area.height():
        window.resize(width, height)
        return
    window.resize(min(width, area.width()), min(height, area.height()))
    window.move(area.topLeft())

    def frame_inside() -> None:  # the window manager's frame (or the platform's) is known once shown
        frame = window.frameGeometry()
        if area.contains(frame):
            return
        extra_w, extra_h = frame.width() - window.width(), frame.height() - window.height()
        window.resize(min(window.width(), area.width() - extra_w), min(window.height(), area.height() - extra_h))
        window.move(area.topLeft())

    QTimer.singleShot(0, window, frame_inside)


#: Qt messages that say nothing to a person: the offscreen plugin (--screenshot) cannot pass
#: a window's size hints to a window manager it does not have.
QT_NOISE = ("This plugin does not support propagateSizeHints()",)


def _quiet_qt_noise() -> None:
    """Drop :data:`QT_NOISE` from Qt's messages; everything else goes where it went."""
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    previous: Any = None

    def handler(kind: QtMsgType, context: QMessageLogContext, text: str) -> None:
        if text in QT_NOISE:
            return
        if previous is not None:
            previous(kind, context, text)
        else:  # Qt's own format: "category: message"
            category = context.category if context.category and context.category != "default" else ""
            sys.stderr.write(f"{category}: {text}\n" if category else text + "\n")

    previous = qInstallMessageHandler(handler)


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
        from reader.ui.instance import listening, send_target, server_name

        target = "" if not path else str(path) if link else str(Path(path).resolve())
        name = server_name(db_path)
        handed = send_target(name, target) if listening(name) else None
        if handed is not None:  # one window per person: the running one takes it
            if handed.error:  # as `reader` says for a file it cannot read itself (exit 1)
                from reader.cli_common import CliError

                raise CliError(f"{handed.error} (said in the open Reader window too)")
            if handed.asks_password:  # taken: the question is the window's (never "could not be opened")
                sys.stdout.write(f"{Path(target).name} is in the open Reader window, which asks for its password.\n")
            elif not handed.answered:
                sys.stderr.write("reader: the open Reader window is busy; it opens this when it is free\n")
            log.info("handed %s to the running Reader", target or "a wake-up")
            return 0
    messages.install_excepthook()
    _quiet_qt_noise()
    window = MainWindow(db_path)
    if theme:
        from reader.ui import themes

        window.theme = themes.apply(window, theme)
    app.aboutToQuit.connect(window.shutdown)  # background work must not outlive the event loop
    if not screenshot:  # the one later ``reader`` processes hand their files to, once this one is on screen
        from reader.ui.instance import serve_once_shown

        serve_once_shown(window, db_path)
    if screenshot:
        window.resize(*DEFAULT_SIZE)  # the same picture whatever the (virtual) screen
    else:
        fit_to_screen(window)
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
    code = app.exec()
    from reader.ui import quitting

    quitting.leave(app, window, code)  # at once: the interpreter's teardown took a second (quitting.py)


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
    window.panels.build()  # the side panel's every tab, as a person sees it a moment after the first frame (tryout
    # 13: the picture came before the panels were made, with only Notes and Contents)
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
