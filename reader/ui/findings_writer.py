"""A document's claims and quotes written to the notes file off the GUI thread, once its analysis is ready.

Writing War and Peace's findings (11,000 quotes, reader/claims_library.remember_rows: one transaction) froze the
window for 0.26-0.43 s. The rows are made on the GUI thread (plain tuples, milliseconds) and written on a thread
of its own, on a connection of its own to the same file (SQLite connections belong to their thread; in WAL mode
the window reads meanwhile); the claims already reviewed in other documents are read there too. Then the
writer announces ``remembered`` and whatever shows the library's findings (the Speakers window, Search, the
Library, the panel's "also in…") reads them again itself.

Quitting waits for a write under way (:meth:`FindingsWriter.shutdown`): it is one transaction, so even a
process killed in the middle leaves the file as it was (the analysis can be done again; the notes are never
part of it). A write not yet begun is cancelled.

Signals:
    remembered(object): a :class:`Remembered`: the document's findings are in the notes file.
"""

from __future__ import annotations

import gc
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QObject, Signal, Slot

from reader.ui.tasks import Task

if TYPE_CHECKING:
    from reader.analysis import Analysis
    from reader.ui.tasks import ProgressFn

log = logging.getLogger("reader.ui.findings_writer")

#: How long quitting waits for a write under way (War and Peace's takes half a second on a busy machine).
QUIT_WAIT_S = 30.0


class Remembered(NamedTuple):
    """A document's findings written: its id, the analysis they are of, and its claims reviewed in other
    documents ({claim key: notes_db.reviews.Elsewhere}); the notes file's data_version on the writer's connection
    just before and just after its transaction (they differ when another program committed meanwhile)."""

    doc_id: int
    result: Analysis
    elsewhere: dict[str, Any]
    before: int = 0
    after: int = 0


class FindingsWriter(QObject):
    remembered = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks: list[Task] = []
        self._collecting = False  # whether the cyclic collector ran before the writes under way (while they run)
        self._lock = threading.Lock()
        self._commits = 0
        self._committing = False

    @property
    def writing(self) -> bool:
        return any(t.is_running() for t in self._tasks)

    def commits(self) -> tuple[int, bool]:
        """(how many findings transactions were committed, whether one is under way now): a change to the notes
        file seen while one is under way, or after one more was committed, may be this writer's own."""
        with self._lock:
            return self._commits, self._committing

    def _transaction(self, committing: bool) -> None:
        with self._lock:
            self._commits += 0 if committing else 1
            self._committing = committing

    def write(self, db_path: Path, doc_id: int, result: Analysis) -> None:
        """Remember ``result``'s findings for document ``doc_id`` in the notes file ``db_path``; ``remembered``
        once they are written. Writes follow each other in the order asked (one thread each, each waiting for the
        one before)."""
        from reader.claims_library import findings_rows

        claims, quotes = findings_rows(result)
        keys = [(c.key, c.text) for c in result.claims]
        before = self._tasks[-1] if self._tasks else None  # (an older analysis's rows never written after these)

        def run(progress: ProgressFn) -> Remembered:
            from notes_db.reviews import reviewed_elsewhere
            from notes_db.store import NotesDB
            from reader.claims_library import remember_rows

            if before is not None:
                before.wait(QUIT_WAIT_S)
            progress(0, 1)  # cancelled (quitting) before it began: nothing is written
            store = NotesDB(db_path)  # one connection per thread
            try:
                self._transaction(True)
                try:
                    versions = [store.data_version()]
                    remember_rows(store, doc_id, claims, quotes)  # (not cancellable: one transaction, whole or none)
                    versions.append(store.data_version())
                finally:
                    self._transaction(False)
                elsewhere = reviewed_elsewhere(store, doc_id, keys)
            finally:
                store.close()
            return Remembered(doc_id, result, {e.claim_key: e for e in elsewhere}, *versions)

        task = Task(run, self, name="findings")
        task.succeeded.connect(self.remembered)  # (queued: on the GUI thread)
        task.failed.connect(self._failed)
        task.finished.connect(self._finished)
        task.finished.connect(task.deleteLater)  # (a child of this writer: else every analysis stays in memory)
        if not self._tasks:  # tens of thousands of new tuples, no garbage: no collector pass over the window's
            self._collecting = gc.isenabled()  # objects meanwhile (one came in the middle: 2 s, the GIL held)
            gc.disable()
        self._tasks.append(task)
        task.start()

    @Slot(object)
    def _failed(self, exc: object) -> None:
        log.warning("claims of this document not remembered: %s", exc)

    @Slot()
    def _finished(self) -> None:
        self._tasks = [t for t in self._tasks if t.is_running()]
        if not self._tasks and self._collecting:
            gc.enable()
            self._collecting = False

    def shutdown(self) -> None:
        """Quitting: a write not begun is dropped, one under way is waited for (before the notes file closes)."""
        for t in self._tasks:
            t.cancel()
        for t in list(self._tasks):
            if not t.wait(QUIT_WAIT_S):
                log.warning("the findings of a document were still being written when Reader quit")
        self._tasks.clear()
        if self._collecting:
            gc.enable()
            self._collecting = False
