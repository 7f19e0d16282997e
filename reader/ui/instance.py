"""One Reader window per person and notes file: a second ``reader PATH`` or
``reader reader://open?...`` hands its target to the running window over a
local socket (QLocalServer) and exits.

Protocol: the client sends one JSON line ``{"open": TARGET}`` and waits for
one line back: ``ok`` (taken), or ``error MESSAGE`` (a JSON string: the window
could not open it at once, e.g. a damaged PDF; the client says so and exits 1,
as it does for a file it cannot read itself). TARGET is an absolute path, a
``reader://`` link, or "" (just show). The window is started listening after
its first frame, whichever view painted it (text or PDF pages), and a client
that reached a window never opens a second one.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

    from reader.ui.main_window import MainWindow

log = logging.getLogger("reader.ui.instance")


def server_name(db_path: Path) -> str:
    """The same for every process of one person on one notes file."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name in this environment
        user = "user"
    key = hashlib.sha256(f"{user}\0{db_path.expanduser().resolve()}".encode()).hexdigest()[:16]
    return f"reader-{key}"


def listening(name: str) -> bool:
    """Whether a Reader may be listening on ``name``: on Unix its socket file is there
    (asking costs Qt's network module at start-up); elsewhere, ask."""
    if os.name != "posix":
        return True
    from PySide6.QtCore import QDir

    return os.path.exists(os.path.join(QDir.tempPath(), name))


#: How long a second ``reader`` waits for the window's answer (it opens the file before answering).
ANSWER_TIMEOUT_MS = 15000


class Handed:
    """What became of a target handed to the running window."""

    def __init__(self, error: str = "", answered: bool = True) -> None:
        self.error = error  # the window could not open it: what it said
        self.answered = answered  # False: the window took the message but was too busy to answer in time


def send_target(name: str, target: str, timeout_ms: int = 3000,
                answer_timeout_ms: int = ANSWER_TIMEOUT_MS) -> Handed | None:
    """Give ``target`` to a running Reader; None when none is listening."""
    from PySide6.QtNetwork import QLocalSocket  # Qt's network module only when one may be listening

    sock = QLocalSocket()
    sock.connectToServer(name)
    if not sock.waitForConnected(timeout_ms):
        return None
    sock.write((json.dumps({"open": target}) + "\n").encode())
    sock.flush()
    sock.waitForBytesWritten(timeout_ms)
    data = b""
    while b"\n" not in data and sock.waitForReadyRead(answer_timeout_ms):
        data += bytes(sock.readAll().data())
    sock.disconnectFromServer()
    line = data.split(b"\n", 1)[0]
    if line.startswith(b"error "):
        try:
            message = json.loads(line[6:].decode("utf-8"))
        except ValueError:
            message = ""
        return Handed(str(message) or "the open Reader window could not open it")
    if not line.startswith(b"ok"):
        # a window is there (it accepted the connection): never a second one; it opens the file when free
        log.warning("the open Reader window did not answer in time")
        return Handed(answered=False)
    return Handed()


def send(name: str, target: str, timeout_ms: int = 3000) -> bool:
    """Give ``target`` to a running Reader; False when none is listening."""
    return send_target(name, target, timeout_ms) is not None


def hand_over(target: str, db_path: Path) -> bool:
    """Give ``target`` to the Reader window already open on ``db_path`` (it shows what is wrong
    with it, as with any file it opens); False when none is open."""
    return hand_over_target(target, db_path) is not None


def hand_over_target(target: str, db_path: Path) -> Handed | None:
    """As hand_over, with what the window answered (None: no window is open)."""
    import sys

    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])  # kept while the socket talks
    try:
        return send_target(server_name(db_path), target)
    finally:
        del app


class InstanceServer(QObject):
    """Listens for targets from later ``reader`` processes; emits ``received``, or calls
    ``handler`` (it opens the target and returns what went wrong, "" when nothing did)."""

    received = Signal(str)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        from PySide6.QtNetwork import QLocalServer

        super().__init__(parent)
        self.name = name
        self.server: QLocalServer = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)  # this person only
        self.server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}
        self.handler: Callable[[str], str] | None = None

    def listen(self) -> bool:
        if self.server.listen(self.name):
            return True
        type(self.server).removeServer(self.name)  # a socket file left by a Reader that crashed
        ok = self.server.listen(self.name)
        if not ok:
            log.warning("no single-instance socket: %s", self.server.errorString())
        return ok

    def close(self) -> None:
        self.server.close()

    @Slot()
    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            if sock is None:
                break
            self._buffers[sock] = b""
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(lambda s=sock: self._drop(s))

    def _drop(self, sock: QLocalSocket) -> None:
        self._buffers.pop(sock, None)
        sock.deleteLater()

    def _read(self, sock: QLocalSocket) -> None:
        data = self._buffers.get(sock, b"") + bytes(sock.readAll().data())
        if len(data) > 1 << 16:  # nobody sends a 64 KB link: drop it
            sock.abort()
            return
        while b"\n" in data:
            line, data = data.split(b"\n", 1)
            try:
                target = json.loads(line.decode("utf-8")).get("open", "")
            except (ValueError, AttributeError):
                log.info("ignored a malformed message on the instance socket")
                continue
            if isinstance(target, str):
                error = self.handler(target) if self.handler is not None else ""
                self.received.emit(target)
                sock.write(b"ok\n" if not error else b"error " + json.dumps(error).encode() + b"\n")
                sock.flush()
        self._buffers[sock] = data


def serve(window: MainWindow, db_path: Path) -> InstanceServer | None:
    """Make ``window`` the one that later ``reader`` processes hand their targets to."""
    from reader.ui.linking import handle_target

    server = InstanceServer(server_name(db_path), window)
    if not server.listen():
        return None
    server.handler = lambda target: _open_here(window, target, handle_target)
    return server


def _open_here(window: MainWindow, target: str, handle: Callable[[MainWindow, str], None]) -> str:
    """Open ``target`` in ``window``; what it said was wrong when it could not at once ("" if nothing)."""
    from reader.ui import messages

    said: list[str] = []

    def heard(level: str, text: str) -> None:
        if level in ("error", "warning"):
            said.append(text)

    failed: list[bool] = []

    def refused() -> None:
        failed.append(True)

    messages.bus.shown.connect(heard)
    window.controller.openFailed.connect(refused)
    try:
        handle(window, target)
    finally:
        messages.bus.shown.disconnect(heard)
        window.controller.openFailed.disconnect(refused)
    if failed or (said and target and (target.lower().startswith("reader:") or not Path(target).exists())):
        # a file refused at once (damaged, not a document), a missing file, a link that cannot be followed
        return said[-1] if said else "it could not be opened"
    return ""


def serve_once_shown(window: MainWindow, db_path: Path) -> None:
    """Start listening once the window's first frame is on screen, whichever view painted it
    (a PDF's first frame is its page view's), or after a few seconds at the latest."""
    started: list[InstanceServer | None] = []

    def start() -> None:
        if not started:
            started.append(serve(window, db_path))

    window.view.firstPainted.connect(start)  # a text's first frame
    watched: list[bool] = []

    def pages_opened(*_args: object) -> None:  # a PDF's first frame is its page view's
        if not watched:
            watched.append(True)
            window.pdf.page_view.firstPainted.connect(start)

    window.controller.pagesOpened.connect(pages_opened)
    QTimer.singleShot(SERVE_LATEST_MS, window, start)  # a window that never painted still takes files


SERVE_LATEST_MS = 5000
