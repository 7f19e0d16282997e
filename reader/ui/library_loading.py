"""Reading a big Library off the GUI thread.

The first full read of 100,000 documents took ~7 s on the GUI thread under load: the window froze.
:class:`LibraryRead` reads on a thread of its own, with its own connection to the notes file
(``notes_db.library.in_batches``: the Library's own order, a first screenful of 200 rows, then
5,000 at a time), and hands each batch to the GUI thread (a queued signal), where the model takes
it as rows inserted. Cancelled when the Library closes or the application quits: the thread stops
at its next batch (a daemon thread: it never holds quitting up).

Signals (LibraryRead):
    batch(object, int): the rows read (a list of ``LibraryEntry``), how many there are in all.
    done(): every row was read.
    failed(object): the exception (a ``StorageError``: the file is damaged or locked).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from reader.ui.tasks import Cancelled, Task

log = logging.getLogger("reader.ui.library_loading")


class LibraryRead(QObject):
    batch = Signal(object, int)
    done = Signal()
    failed = Signal(object)
    #: From the reading thread to this object's (the GUI) thread.
    _arrived = Signal(object, int)

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.stopped = False
        self._arrived.connect(self._hand_on)
        self._task = Task(self._read, self, name="library")
        self._task.succeeded.connect(lambda _n: None if self.stopped else self.done.emit())
        self._task.failed.connect(lambda exc: None if self.stopped else self.failed.emit(exc))

    def start(self) -> None:
        self._task.start()

    def cancel(self) -> None:
        """No more rows: those on their way are dropped, the thread stops at its next batch."""
        self.stopped = True
        self._task.cancel()

    def running(self) -> bool:
        return self._task.is_running()

    def wait(self, seconds: float) -> bool:
        return self._task.wait(seconds)

    def _hand_on(self, rows: object, total: int) -> None:
        if not self.stopped:
            self.batch.emit(rows, total)

    def _read(self, progress: Any) -> int:
        from notes_db.library import in_batches
        from notes_db.store import NotesDB

        store = NotesDB(self.db_path)  # one connection per thread
        try:
            done = 0
            for total, rows in in_batches(store):
                progress(done, total)  # raises Cancelled once cancelled
                done += len(rows)
                try:
                    self._arrived.emit(rows, total)
                except RuntimeError:  # the window is gone
                    raise Cancelled from None
            log.debug("the Library's %d rows read", done)
            return done
        finally:
            store.close()
