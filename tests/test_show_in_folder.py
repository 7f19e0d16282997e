"""Library > Show in Folder selects the file in its folder (tester, session 13, pdf2 item 3): it opened the
folder only. Each platform's way: the freedesktop FileManager1 ShowItems call over D-Bus (a bus of the test's
own, with a stand-in file manager on it: no real file manager ever starts), else the folder; macOS
``open -R``; Windows ``explorer /select,`` (the launcher patched at its boundary)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import ClassInfo, QObject, QProcess, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from notes_db.store import NotesDB


@ClassInfo({"D-Bus Interface": "org.freedesktop.FileManager1"})
class StandInFileManager(QObject):
    """What a file manager offers on the session bus; it only notes what it was asked to show."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[tuple[list[str], str]] = []

    @Slot("QStringList", str)
    def ShowItems(self, uris: list[str], startup_id: str) -> None:  # noqa: N802 (the interface's name)
        self.shown.append((list(uris), startup_id))


@pytest.fixture
def session_bus(monkeypatch, tmp_path):
    """A D-Bus session bus of this test's own (dbus-daemon), its address in DBUS_SESSION_BUS_ADDRESS."""
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        pytest.skip("dbus-daemon is not installed")
    proc = subprocess.Popen([daemon, "--session", "--nofork", "--print-address=1"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout is not None
        address = proc.stdout.readline().strip()
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        yield address
    finally:
        proc.terminate()
        proc.wait(10)
        if proc.stdout is not None:
            proc.stdout.close()


@pytest.fixture
def file_manager(session_bus):
    from PySide6.QtDBus import QDBusConnection

    name = "stand-in file manager"
    bus = QDBusConnection.connectToBus(session_bus, name)
    fm = StandInFileManager()
    assert bus.registerService("org.freedesktop.FileManager1")
    assert bus.registerObject("/org/freedesktop/FileManager1", fm, QDBusConnection.RegisterOption.ExportAllSlots)
    yield fm
    bus.unregisterObject("/org/freedesktop/FileManager1")
    bus.unregisterService("org.freedesktop.FileManager1")
    QDBusConnection.disconnectFromBus(name)


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """Folders handed to the desktop to open (QDesktopServices.openUrl, patched: nothing opens)."""
    shown: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: shown.append(url.toLocalFile()) or True)
    return shown


@pytest.fixture
def started(monkeypatch) -> list[tuple[str, list[str]]]:
    """Programs started (QProcess.startDetached, patched: nothing starts)."""
    runs: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(QProcess, "startDetached", lambda program, args: runs.append((program, list(args))) or (True, 1))
    return runs


def show_from_library(qtbot, w, db_path: Path, path: Path) -> None:
    """Register ``path``, open the Library (Ctrl+Shift+L), right-click its row, choose Show in Folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("Lorem ipsum dolor sit amet.\n", encoding="utf-8")
    with NotesDB(db_path) as store:
        store.register_document("a" * 64, str(path), "Harbour Report", "text", 9000)
    qtbot.keyClick(w, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    lib = w.library_window
    qtbot.waitExposed(lib)
    qtbot.waitUntil(lambda: lib.model.rowCount() == 1)
    lib.table.customContextMenuRequested.emit(lib.table.visualRect(lib.model.index(0, 0)).center())
    actions = {a.text(): a for a in lib.row_menu.actions() if a.text()}
    actions["Show in Folder"].trigger()
    lib.row_menu.close()


pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise",
                                       "This plugin does not support grabbing the keyboard")


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="the freedesktop way")
def test_the_file_manager_is_asked_to_show_the_file_selected(qtbot, window, db_path, tmp_path, file_manager, opened,
                                                             started):
    path = tmp_path / "docs" / "harbour report #2.txt"  # a space and a '#': the URI is encoded
    show_from_library(qtbot, window, db_path, path)
    qtbot.waitUntil(lambda: file_manager.shown != [], timeout=10000)
    assert file_manager.shown == [([QUrl.fromLocalFile(str(path)).toString(QUrl.ComponentFormattingOption.FullyEncoded)],
                                   "")]
    assert file_manager.shown[0][0][0].endswith("/docs/harbour%20report%20%232.txt")
    assert opened == [] and started == []  # the folder is not opened as well


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="the freedesktop way")
def test_with_no_file_manager_on_the_bus_the_folder_opens(qtbot, window, db_path, tmp_path, session_bus, opened):
    path = tmp_path / "docs" / "harbour.txt"
    show_from_library(qtbot, window, db_path, path)
    qtbot.waitUntil(lambda: opened != [], timeout=10000)  # the bus answered "no such service"
    assert opened == [str(path.parent)]


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="the freedesktop way")
def test_with_no_session_bus_the_folder_opens(qtbot, window, db_path, tmp_path, opened):
    path = tmp_path / "docs" / "harbour.txt"  # (conftest points the session bus at nothing)
    show_from_library(qtbot, window, db_path, path)
    assert opened == [str(path.parent)]


@pytest.mark.parametrize(("platform", "program", "args"), [
    ("darwin", "open", ["-R", "{path}"]),
    ("win32", "explorer", ["/select,", "{path}"]),
])
def test_macos_and_windows_select_the_file_with_their_own_command(qtbot, window, db_path, tmp_path, monkeypatch,
                                                                  started, opened, platform, program, args):
    path = tmp_path / "docs" / "harbour.txt"
    monkeypatch.setattr(sys, "platform", platform)
    show_from_library(qtbot, window, db_path, path)
    assert started == [(program, [a.format(path=path) for a in args])] and opened == []


@pytest.fixture
def no_launcher(monkeypatch) -> list[str]:
    """A desktop with no launcher for folders (no xdg-open, as under a bare Xvfb): openUrl says no."""
    asked: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: asked.append(url.toLocalFile()) and False)
    return asked


def _told(qtbot, window, messages, path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    lib = window.library_window
    text = f"No file manager found to show {path.name}: its path is copied ({path})."
    qtbot.waitUntil(lambda: lib.said.text() == text, timeout=10000)  # in the Library, where the person asked
    assert lib.said.isVisible() and lib.said.shown_text().startswith("No file manager found to show")
    assert ("status", text) in messages  # and in the window's status bar
    assert QApplication.clipboard().text() == str(path)


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="the freedesktop way")
def test_with_no_session_bus_and_no_launcher_the_library_says_so_and_copies_the_path(
        qtbot, window, db_path, tmp_path, no_launcher, messages):
    path = tmp_path / "docs" / "harbour.txt"  # (conftest points the session bus at nothing)
    show_from_library(qtbot, window, db_path, path)
    assert no_launcher == [str(path.parent)]
    _told(qtbot, window, messages, path)


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="the freedesktop way")
def test_with_no_file_manager_on_the_bus_and_no_launcher_the_library_says_so(
        qtbot, window, db_path, tmp_path, session_bus, no_launcher, messages):
    path = tmp_path / "docs" / "harbour.txt"
    show_from_library(qtbot, window, db_path, path)
    _told(qtbot, window, messages, path)  # it answered "no such service", and the folder could not be opened
    assert no_launcher == [str(path.parent)]
