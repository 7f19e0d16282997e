"""Show a file in the desktop's file manager with the file selected (Library > Show in Folder), as each
platform does it: on Linux and the BSDs the freedesktop FileManager1 interface over D-Bus (``ShowItems``:
Nautilus, Dolphin, Nemo, Caja, Thunar and PCManFM answer it), else the folder opened; on macOS
``open -R`` (Finder, the file selected); on Windows ``explorer /select,``.

The D-Bus call is asynchronous: a file manager that D-Bus has to start first never blocks the window, and
an error answer (no file manager offers the interface) opens the folder instead.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QProcess, QUrl
from PySide6.QtGui import QDesktopServices

log = logging.getLogger("reader.ui.show_file")

SERVICE = "org.freedesktop.FileManager1"
OBJECT = "/org/freedesktop/FileManager1"
#: How long the file manager may take to answer (D-Bus may be starting it), in milliseconds.
ANSWER_MS = 10_000
#: The name of Reader's own connection to the session bus (made when first needed; the session's own is
#: the one at $DBUS_SESSION_BUS_ADDRESS, connected to by address so that a bus that went away is noticed).
CONNECTION = "reader-show-file"

_pending: list[QObject] = []  # the watchers of calls not answered yet (kept alive until they are)


def show_in_folder(path: str, failed: Callable[[], None] | None = None) -> bool:
    """Show ``path`` in its folder with the file selected, or (where that is not offered) open the folder.
    False when nothing could be started; ``failed`` is called when nothing showed it (at once, or once the
    file manager on D-Bus said no and no launcher opened the folder either: a desktop without xdg-open)."""
    path = os.path.abspath(path)
    fail = failed or (lambda: None)
    if sys.platform == "darwin":
        ok = _start("open", ["-R", path])
    elif sys.platform == "win32":
        ok = _start("explorer", ["/select,", os.path.normpath(path)])  # as Qt Creator does: a path with spaces
    else:
        ok = _show_items(path, fail) or open_folder(path)
    if not ok:
        fail()
    return ok


def open_folder(path: str) -> bool:
    """The file's folder in the file manager, nothing selected."""
    folder = os.path.dirname(path)
    ok = bool(QDesktopServices.openUrl(QUrl.fromLocalFile(folder)))
    if not ok:
        log.info("the folder %s could not be shown", folder)
    return ok


def _start(program: str, args: list[str]) -> bool:
    ok, _pid = QProcess.startDetached(program, args)
    if not ok:
        log.info("%s could not be started to show a file", program)
    return bool(ok)


def _show_items(path: str, failed: Callable[[], None]) -> bool:
    """Ask the session's file manager to show the file (FileManager1.ShowItems); False when there is no
    session bus. An error answer, later, opens the folder instead."""
    from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusPendingCallWatcher

    address = os.environ.get("DBUS_SESSION_BUS_ADDRESS", "")
    name = f"{CONNECTION} {address}"  # one connection per bus (the address never changes but in tests)
    bus = QDBusConnection.connectToBus(address, name) if address else QDBusConnection.sessionBus()
    if not bus.isConnected():  # none, or the bus went away since: asked again next time
        log.info("no session bus (%s): the folder is opened instead", bus.lastError().message())
        QDBusConnection.disconnectFromBus(name)
        return False
    message = QDBusMessage.createMethodCall(SERVICE, OBJECT, SERVICE, "ShowItems")
    message.setArguments([[QUrl.fromLocalFile(path).toString(QUrl.ComponentFormattingOption.FullyEncoded)], ""])
    watcher = QDBusPendingCallWatcher(bus.asyncCall(message, ANSWER_MS))
    _pending.append(watcher)

    def answered(w: QDBusPendingCallWatcher) -> None:
        if w in _pending:
            _pending.remove(w)
        if w.isError():
            log.info("the file manager did not show %s (%s): the folder is opened instead", path, w.error().message())
            if not open_folder(path):
                failed()
        w.deleteLater()

    watcher.finished.connect(answered)
    return True
