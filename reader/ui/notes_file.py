"""The window's care of the notes file: the daily backup, a read-only file, a damaged one.

Kept apart from the main window, which connects the controller's
``storeOpened`` to :meth:`NotesFileCare.opened` and ``storeDamaged`` to
:meth:`NotesFileCare.damaged`, and calls :meth:`NotesFileCare.shutdown` on quit.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from notes_db import DamagedError, StorageError
from reader.ui import messages

if TYPE_CHECKING:
    from notes_db.backup import Contents
    from notes_db.store import NotesDB

log = logging.getLogger("reader.ui.notes_file")


class _Backup(QThread):
    """Today's backup, off the GUI thread; stops between steps when asked. Its copy is checked,
    so the first use of the day also finds a damaged notes file (``damaged``, with the error)."""

    damaged = Signal(object)

    def __init__(self, db_path: Path, parent: QMainWindow) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.cancel = threading.Event()

    def run(self) -> None:
        from notes_db.backup import daily_backup

        daily_backup(self.db_path, cancel=self.cancel, damaged=self.damaged.emit)


class _Look(QThread):
    """The newest sound backup and what it and the damaged file hold, off the GUI thread:
    ``found`` (backup or None, its Contents, the damaged file's Contents)."""

    found = Signal(object)

    def __init__(self, db_path: Path, parent: QMainWindow) -> None:
        super().__init__(parent)
        self.db_path = db_path

    def run(self) -> None:
        from notes_db.backup import contents, newest_good_backup

        latest = newest_good_backup(self.db_path)
        kept = contents(latest) if latest is not None else None
        self.found.emit((latest, kept, contents(self.db_path) if latest is not None else None))


class NotesFileCare:
    def __init__(self, window: QMainWindow, db_path: Path) -> None:
        self.window = window
        self.db_path = db_path
        self.backup_thread: _Backup | None = None
        self.read_only_label: QLabel | None = None
        self.dialog: QMessageBox | None = None
        self.ended = False
        self.look: _Look | None = None

    def opened(self, store: NotesDB) -> None:
        """Say so if the file is read-only; otherwise start today's backup."""
        if store.read_only:
            self.read_only_label = QLabel("Notes: read-only")
            self.read_only_label.setObjectName("readOnlyNotes")
            self.read_only_label.setToolTip(f"{store.path} cannot be written: notes are shown, changes are not saved.")
            self.window.statusBar().addPermanentWidget(self.read_only_label)
            messages.warning(f"The notes file {store.path} is read-only: your notes are shown, "
                             "but changes cannot be saved.")
            return
        if self.backup_thread is None:
            self.backup_thread = _Backup(self.db_path, self.window)
            report = getattr(getattr(self.window, "controller", None), "damaged", None)
            if report is not None:
                self.backup_thread.damaged.connect(report)
            self.backup_thread.start()

    def damaged(self, exc: DamagedError, reopen: Callable[[], object],
                release: Callable[[], object] | None = None) -> None:
        """A small dialog: what happened, the newest backup that is sound and what restoring it would
        lose (the damaged file is kept aside). Finding that backup checks each candidate and counts
        both files (seconds on a million notes): off the GUI thread, the dialog comes when it is done."""
        if (self.dialog is not None and self.dialog.isVisible()) or (self.look is not None and self.look.isRunning()):
            return
        self.look = _Look(self.db_path, self.window)
        self.look.found.connect(lambda found: self._show_damaged(exc, reopen, release, *found))
        self.look.start()

    def _show_damaged(self, exc: DamagedError, reopen: Callable[[], object], release: Callable[[], object] | None,
                      latest: Path | None, kept: Contents | None, now: Contents | None) -> None:
        if self.ended:
            return
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Notes file damaged")
        box.setText(f"The notes file {self.db_path.name} is damaged: notes cannot be read or saved reliably.")
        restore_button = None
        if latest is not None:
            when = datetime.fromtimestamp(latest.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
            assert kept is not None and now is not None
            lost = ""
            if kept.highlights is not None and now.highlights is not None and now.highlights > kept.highlights:
                n = now.highlights - kept.highlights
                lost = f" About {n} highlight{'s' if n != 1 else ''} made since then would be lost"
                lost += (f" (the newest from {now.newest[:16].replace('T', ' ')})." if now.newest else ".")
            elif kept.highlights is not None:
                lost = " Notes made or changed after it are not in it."
            holds = f" It holds {kept.highlights} highlights." if kept.highlights is not None else ""
            box.setInformativeText(
                f"The latest backup that is sound is from {when}.{holds}{lost} Restoring it keeps the damaged file aside "
                "(nothing is deleted).")
            restore_button = box.addButton("Restore Latest Backup", QMessageBox.ButtonRole.AcceptRole)
        else:
            box.setInformativeText("There is no sound backup. Run 'reader check' in a terminal to see what can be "
                                   "saved; the file was not changed.")
        box.addButton("Continue Without Notes", QMessageBox.ButtonRole.RejectRole)
        box.setDetailedText(str(exc))

        def chosen() -> None:
            if restore_button is not None and box.clickedButton() is restore_button and latest is not None:
                if release is not None:
                    release()  # the window lets go of the damaged file before it is moved aside
                self.restore(latest, reopen)

        box.finished.connect(chosen)
        self.dialog = box
        box.open()

    def restore(self, source: Path, reopen: Callable[[], object]) -> None:
        from notes_db.backup import restore

        try:
            aside = restore(self.db_path, source)
        except StorageError as exc:
            messages.error(f"The backup could not be restored: {exc}")
            return
        kept = f" The damaged file is kept at {aside}." if aside else ""
        messages.info(f"Notes restored from {source.name}.{kept}")
        reopen()

    def shutdown(self, notes_changed: bool = False) -> None:
        """Stop today's backup; with ``notes_changed`` (in this window or by another program while it was
        open) start a backup of the notes file in a process of its own, kept in rotation
        (notes_db.backup.session_backup), so a damaged file later loses at most one session."""
        if notes_changed and not self.ended:
            from notes_db.backup import start_session_backup

            start_session_backup(self.db_path)
        self.ended = True
        if self.look is not None:
            self.look.wait()  # reading only; a moment on a normal notes file
            self.look = None
        if self.backup_thread is not None and self.backup_thread.isRunning():
            self.backup_thread.cancel.set()
            self.backup_thread.wait(10000)
        self.backup_thread = None
