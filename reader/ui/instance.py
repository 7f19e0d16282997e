"""One Reader window per person and notes file: a second ``reader PATH`` or
``reader reader://open?...`` hands its target to the running window over a
local socket (QLocalServer) and exits.

Protocol: the client sends one JSON line ``{"open": TARGET}`` and waits for
``ok``; TARGET is an absolute path, a ``reader://`` link, or "" (just show).
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

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


def send(name: str, target: str, timeout_ms: int = 3000) -> bool:
    """Give ``target`` to a running Reader; False when none is listening."""
    from PySide6.QtNetwork import QLocalSocket  # Qt's network module only when one may be listening

    sock = QLocalSocket()
    sock.connectToServer(name)
    if not sock.waitForConnected(timeout_ms):
        return False
    sock.write((json.dumps({"open": target}) + "\n").encode())
    sock.flush()
    sock.waitForBytesWritten(timeout_ms)
    answered = sock.waitForReadyRead(timeout_ms) and bytes(sock.readAll().data()).startswith(b"ok")
    sock.disconnectFromServer()
    return answered


class InstanceServer(QObject):
    """Listens for targets from later ``reader`` processes; emits ``received``."""

    received = Signal(str)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        from PySide6.QtNetwork import QLocalServer

        super().__init__(parent)
        self.name = name
        self.server: QLocalServer = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)  # this person only
        self.server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

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
                sock.write(b"ok\n")
                sock.flush()
                self.received.emit(target)
        self._buffers[sock] = data


def serve(window: MainWindow, db_path: Path) -> InstanceServer | None:
    """Make ``window`` the one that later ``reader`` processes hand their targets to."""
    from reader.ui.linking import handle_target

    server = InstanceServer(server_name(db_path), window)
    if not server.listen():
        return None
    server.received.connect(lambda target: handle_target(window, target))
    return server
