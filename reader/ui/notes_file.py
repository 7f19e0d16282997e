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

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from notes_db import DamagedError, StorageError
from reader.ui import messages

if TYPE_CHECKING:
    from notes_db.store import NotesDB

log = logging.getLogger("reader.ui.notes_file")


class _Backup(QThread):
    """Today's backup, off the GUI thread; stops between steps when asked."""

    def __init__(self, db_path: Path, parent: QMainWindow) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.cancel = threading.Event()

    def run(self) -> None:
        from notes_db.backup import daily_backup

        daily_backup(self.db_path, cancel=self.cancel)


class NotesFileCare:
    def __init__(self, window: QMainWindow, db_path: Path) -> None:
        self.window = window
        self.db_path = db_path
        self.backup_thread: _Backup | None = None
        self.read_only_label: QLabel | None = None
        self.dialog: QMessageBox | None = None

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
            self.backup_thread.start()

    def damaged(self, exc: DamagedError, reopen: Callable[[], object]) -> None:
        """A small dialog: what happened, and the latest backup to restore (the damaged file is kept aside)."""
        from notes_db.backup import latest_backup

        latest = latest_backup(self.db_path)
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Notes file damaged")
        box.setText(f"The notes file {self.db_path.name} is damaged and cannot be read.")
        restore_button = None
        if latest is not None:
            when = datetime.fromtimestamp(latest.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
            box.setInformativeText(
                f"The latest backup is from {when}. Restoring it keeps the damaged file aside "
                "(nothing is deleted). Notes made after the backup are not in it.")
            restore_button = box.addButton("Restore Latest Backup", QMessageBox.ButtonRole.AcceptRole)
        else:
            box.setInformativeText("There is no backup. Run 'reader check' in a terminal to see what can be saved; "
                                   "the file was not changed.")
        box.addButton("Continue Without Notes", QMessageBox.ButtonRole.RejectRole)
        box.setDetailedText(str(exc))

        def chosen() -> None:
            if restore_button is not None and box.clickedButton() is restore_button and latest is not None:
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

    def shutdown(self) -> None:
        if self.backup_thread is not None and self.backup_thread.isRunning():
            self.backup_thread.cancel.set()
            self.backup_thread.wait(10000)
        self.backup_thread = None
