"""One Reader window per person and notes file: a second ``reader PATH`` or
``reader reader://open?...`` hands its target to the running window over a
local socket (QLocalServer) and exits.

Protocol: the client sends one JSON line ``{"open": TARGET}`` and waits for
one line back: ``ok`` (opened), ``ok password`` (the window took an encrypted
file and asks for its password; the client says so and exits 0), or
``error MESSAGE`` (a JSON string: the window
could not open it, e.g. a damaged PDF; the client says so and exits 1, as it
does for a file it cannot read itself). A file read in the background (a PDF's
text after its pages, an EPUB, a long text) is answered when it is in or has
failed: a PDF whose text cannot be read after its first page was drawn is an
error too, not ``ok``; the window says so as well, as Okular's or Zotero's would
(at most :data:`OPEN_WAIT_MS`; a file still being read then is ``ok``: the
window opens it). TARGET is an absolute path, a ``reader://`` link, or ""
(just show). The window is started listening after
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
#: How long the window waits for a file read in the background before answering ``ok`` anyway
#: (well within the client's ANSWER_TIMEOUT_MS).
OPEN_WAIT_MS = 10000


#: What the window answers for a file it took and asks the password of (see the protocol above).
ASKS_PASSWORD = "\0password"


class Handed:
    """What became of a target handed to the running window."""

    def __init__(self, error: str = "", answered: bool = True, asks_password: bool = False) -> None:
        self.error = error  # the window could not open it: what it said
        self.answered = answered  # False: the window took the message but was too busy to answer in time
        self.asks_password = asks_password  # an encrypted file: the window took it and asks for its password


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
    if line.startswith(b"ok password"):
        return Handed(asks_password=True)
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


#: Answers one client: "" (opened) or what went wrong.
Reply = Callable[[str], None]


class InstanceServer(QObject):
    """Listens for targets from later ``reader`` processes; emits ``received``, and calls
    ``handler(target, reply)``: it opens the target and calls ``reply`` once, at once or when
    the file has been read, with what went wrong ("" when nothing did)."""

    received = Signal(str)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        from PySide6.QtNetwork import QLocalServer

        super().__init__(parent)
        self.name = name
        self.server: QLocalServer = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)  # this person only
        self.server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}
        self.handler: Callable[[str, Reply], None] | None = None

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
                reply = self._replier(sock)
                if self.handler is not None:
                    self.handler(target, reply)
                else:
                    reply("")
                self.received.emit(target)
        if sock in self._buffers:
            self._buffers[sock] = data

    def _replier(self, sock: QLocalSocket) -> Reply:
        """What answers ``sock`` (once; not at all when its client has gone meanwhile)."""
        done: list[bool] = []

        def reply(error: str) -> None:
            if done or sock not in self._buffers:
                return
            done.append(True)
            sock.write(b"ok\n" if not error else b"ok password\n" if error == ASKS_PASSWORD
                       else b"error " + json.dumps(error).encode() + b"\n")
            sock.flush()

        return reply


def serve(window: MainWindow, db_path: Path) -> InstanceServer | None:
    """Make ``window`` the one that later ``reader`` processes hand their targets to."""
    from reader.ui.linking import handle_target

    server = InstanceServer(server_name(db_path), window)
    if not server.listen():
        return None
    server.handler = lambda target, reply: _open_here(window, target, handle_target, reply)
    return server


def _open_here(window: MainWindow, target: str, handle: Callable[[MainWindow, str], None], reply: Reply) -> None:
    """Open ``target`` in ``window`` and answer with what it said was wrong ("" if nothing): at once
    when it could not even begin, else when the file read in the background is in or has failed."""
    from reader.ui import messages

    said: list[str] = []

    def heard(level: str, text: str) -> None:
        if level in ("error", "warning"):
            said.append(text)

    failed: list[bool] = []
    reading: list[bool] = []

    def refused() -> None:
        failed.append(True)

    asked: list[bool] = []

    def asks(*_args: object) -> None:  # an encrypted file: the window took it, its question is up
        asked.append(True)

    def read_later(*_args: object) -> None:  # its text is read in the background (a PDF's after its pages)
        reading.append(True)

    ctl = window.controller
    messages.bus.shown.connect(heard)
    ctl.openFailed.connect(refused)
    ctl.passwordRequired.connect(asks)
    ctl.loading.connect(read_later)
    ctl.pagesOpened.connect(read_later)
    try:
        handle(window, target)
    finally:
        messages.bus.shown.disconnect(heard)
        ctl.openFailed.disconnect(refused)
        ctl.passwordRequired.disconnect(asks)
        ctl.loading.disconnect(read_later)
        ctl.pagesOpened.disconnect(read_later)
    if asked:
        reply(ASKS_PASSWORD)
    elif failed or (said and target and (target.lower().startswith("reader:") or not Path(target).exists())):
        # a file refused at once (damaged, not a document), a missing file, a link that cannot be followed
        reply(said[-1] if said else "it could not be opened")
    elif target and reading:  # answered when its text is in, or could not be read
        _OpenWatch(window, reply)
    else:
        reply("")


class _OpenWatch(QObject):
    """Answers a handed-over file once the window's background read of it ends: "" when the
    document is open, the window's one-line message when it failed (a PDF whose text could not
    be read after its pages were shown, a damaged EPUB, a long binary file), "" after
    OPEN_WAIT_MS if it is still being read."""

    def __init__(self, window: MainWindow, reply: Reply) -> None:
        from reader.ui import messages

        super().__init__(window)
        self._reply: Reply | None = reply
        self._said: list[str] = []
        self._ctl = window.controller
        self._ctl.documentOpened.connect(self._opened)
        self._ctl.openFailed.connect(self._failed)
        messages.bus.shown.connect(self._heard)
        QTimer.singleShot(OPEN_WAIT_MS, self, self._opened)

    @Slot(str, str)
    def _heard(self, level: str, text: str) -> None:
        if level in ("error", "warning"):
            self._said.append(text)

    @Slot()
    @Slot(object)
    def _opened(self, *_args: object) -> None:
        self._answer("")

    @Slot()
    def _failed(self) -> None:
        # the window says why just after it announces the failure (DocumentController._load_failed)
        QTimer.singleShot(0, self, lambda: self._answer(self._said[-1] if self._said else "it could not be opened"))

    def _answer(self, error: str) -> None:
        if self._reply is None:
            return
        reply, self._reply = self._reply, None
        from reader.ui import messages

        self._ctl.documentOpened.disconnect(self._opened)
        self._ctl.openFailed.disconnect(self._failed)
        messages.bus.shown.disconnect(self._heard)
        reply(error)
        self.deleteLater()


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
