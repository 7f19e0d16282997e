"""Reading a document's many highlights off the GUI thread.

Opening War and Peace with 10,000 highlights read and laid them all out on the GUI thread: most of a
second of frozen window under load. A document with more than :data:`READ_OVER` highlights now
opens with none (its text first), and :class:`HighlightsRead` reads them on a thread of its own,
with its own connection to the notes file: placed on the text as the session would place them
(``reader.session.anchor_updates`` when the text changed since they were made), then handed to the
GUI thread in batches (``reader.session.loading_order``: those around the person's place first,
the rest in reading order), where the session takes each as highlights added (the panel inserts
rows, the view paints those near the screen). Cancelled when another document is opened, when the
notes file is let go and on quit: the thread stops at its next batch (a daemon thread: it never
holds quitting up).

Signals (HighlightsRead):
    batch(object, int): a list of ``Highlight`` (reading order), how many have been handed over so far.
    done(object, str): the re-anchoring updates to store (id, start, end, state) and the text's hash.
    failed(object): the exception (a ``StorageError``: the file is damaged or locked).
"""

from __future__ import annotations

import gc
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from notes_db import DamagedError, Highlight, StorageError
from reader.ui import messages
from reader.ui.figures import count
from reader.ui.tasks import Cancelled, Task

if TYPE_CHECKING:
    from reader.session import Session
    from reader.ui.controller import DocumentController

log = logging.getLogger("reader.ui.highlights_loading")

#: A document with more highlights than this has them read off the GUI thread (fewer are read at
#: once: ~15 ms, less than a thread hop and a second connection cost).
READ_OVER = 1000
#: The first batch: the highlights around the person's place (a few screens of a dense text).
FIRST_BATCH = 400
#: Each batch after it (a turn of the window's event loop each: ~10-20 ms under load).
BATCH = 2000


class HighlightsRead(QObject):
    batch = Signal(object, int)
    done = Signal(object, str)
    failed = Signal(object)
    #: From the reading thread to this object's (the GUI) thread.
    _arrived = Signal(object, int)
    _over = Signal(object, str)

    def __init__(self, db_path: Path, doc_id: int, text: str, anchored_sha: str, near: int,
                 focus_id: int | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path, self.doc_id, self.text, self.anchored_sha = db_path, doc_id, text, anchored_sha
        self.near, self.focus_id = near, focus_id
        self.stopped = False
        self._collecting: bool | None = None  # whether the cyclic collector ran before the read (while it runs)
        self.froze = False  # the objects alive at its end were set aside (gc.freeze)
        #: Set by the GUI thread once it has taken a batch: the next is sent only then, so each batch
        #: is a turn of the event loop of its own (queued together they were one long turn).
        self._taken = threading.Event()
        self._arrived.connect(self._hand_on)
        self._over.connect(self._finish)
        self._task = Task(self._read, self, name="highlights")
        self._task.failed.connect(self._failed)

    def start(self) -> None:
        if self.stopped:  # cancelled before it began
            return
        # Tens of thousands of new objects, none of them garbage: no collection passes meanwhile. A
        # full pass over the window's objects came in the middle of a batch (0.3 s under load).
        self._collecting = gc.isenabled()
        gc.disable()
        self._task.start()

    def cancel(self) -> None:
        """No more batches: those on their way are dropped, the thread stops at its next one."""
        self.stopped = True
        self._task.cancel()
        self._collect_again(read=False)

    def _collect_again(self, read: bool) -> None:
        """The collector as it was; with ``read``, the highlights (and everything else alive now, the
        document's text and layout among them) are set aside as long-lived first (``gc.freeze``): no
        pass walks them all again while the document is open (HighlightsReader.stop gives them back
        to the collector when it is left). Without cycles they are freed as ever once unused."""
        if self._collecting is None:
            return
        if read:
            gc.freeze()
            self.froze = True
        if self._collecting:
            gc.enable()
        self._collecting = None

    def running(self) -> bool:
        return self._task.is_running()

    def wait(self, seconds: float) -> bool:
        return self._task.wait(seconds)

    def _hand_on(self, rows: object, done: int) -> None:
        try:
            if not self.stopped:
                self.batch.emit(rows, done)
        finally:
            self._taken.set()

    def _finish(self, updates: object, sha: str) -> None:
        if not self.stopped:
            self.stopped = True  # nothing more comes
            self._collect_again(read=True)
            self.done.emit(updates, sha)

    def _failed(self, exc: object) -> None:
        self._collect_again(read=False)
        if not self.stopped:
            self.failed.emit(exc)

    def _read(self, progress: Any) -> int:
        from notes_db.store import NotesDB
        from reader.session import anchor_updates, loading_order, text_sha

        store = NotesDB(self.db_path)  # one connection per thread
        try:
            progress(0, 1)  # raises Cancelled once cancelled
            highlights = store.highlights(self.doc_id)
        finally:
            store.close()
        progress(0, len(highlights))
        sha = text_sha(self.text)
        updates: list[tuple[int, int, int, int]] = []
        if sha != self.anchored_sha:  # made on another text: placed again here, stored by the window
            updates = anchor_updates(self.text, highlights)  # (and in reading order again)
            progress(0, len(highlights))
        near = self.near
        if self.focus_id is not None:  # opened to show one highlight: its surroundings first
            near = next((h.start for h in highlights if h.id == self.focus_id and not h.orphaned), near)
        sent = 0
        for batch in loading_order(highlights, near, FIRST_BATCH, BATCH):
            progress(sent, len(highlights))
            sent += len(batch)
            self._taken.clear()
            try:
                self._arrived.emit(batch, sent)
            except RuntimeError:  # the window is gone
                raise Cancelled from None
            while not self._taken.wait(0.05):  # until the window has taken it (or this is cancelled)
                progress(sent, len(highlights))
        progress(sent, len(highlights))
        try:
            self._over.emit(updates, sha)
        except RuntimeError:
            raise Cancelled from None
        log.debug("%d highlights of document %d read", sent, self.doc_id)
        return sent


class HighlightsReader:
    """The controller's long reads: one at a time, for its current session; each batch taken in by
    the session (announced as highlights added), the count on the controller's ``highlightsLoading``."""

    def __init__(self, ctl: DocumentController) -> None:
        self.ctl = ctl
        self.read: HighlightsRead | None = None
        self._frozen = False  # a finished read set the objects then alive aside (gc.freeze) for the document's time

    @property
    def active(self) -> bool:
        """Whether the open document's highlights are still being read (they come in batches)."""
        return self.read is not None

    def start(self, session: Session, focus_id: int | None) -> None:
        """Read ``session``'s highlights (``focus_id``: the one to show first, opened from a search result)."""
        self.stop()
        ctl = self.ctl
        read = HighlightsRead(ctl.db_path, session.doc_id, session.doc.text, session.record.anchored_sha or "",
                              session.record.position or 0, focus_id=focus_id, parent=ctl)
        read.batch.connect(lambda batch, done, r=read: self._arrived(r, batch, done))
        read.done.connect(lambda updates, sha, r=read: self._over(r, updates, sha))
        read.failed.connect(lambda exc, r=read: self._failed(r, exc))
        self.read = read
        ctl.highlightsLoading.emit(0, session.loading)
        QTimer.singleShot(0, read.start)  # a turn of its own: a thread is slow to start on a busy machine

    def stop(self) -> None:
        """No more batches (another document, the notes file let go, quitting); what a finished read set
        aside goes back to the cyclic collector (anything in a cycle among it that is garbage by now
        is collected again)."""
        read, self.read = self.read, None
        if read is not None:
            read.cancel()
        if self._frozen:
            self._frozen = False
            gc.unfreeze()

    def _arrived(self, read: HighlightsRead, batch: list[Highlight], done: int) -> None:
        session = self.ctl.session
        if read is not self.read or session is None or not session.loading:
            read.cancel()  # another document, or its highlights read whole meanwhile (Session.reload)
            if read is self.read:
                self.read = None
                self._all_in(session)
            return
        try:
            session.take_loaded(batch)  # announced to the views as highlights added
        except StorageError as exc:  # a listener's read of the notes file failed
            messages.error(str(exc))
        self.ctl.highlightsLoading.emit(min(done, session.loading), session.loading)

    def _over(self, read: HighlightsRead, updates: list[tuple[int, int, int, int]], sha: str) -> None:
        if read is not self.read:
            return
        self.read = None
        self._frozen = self._frozen or read.froze
        session = self.ctl.session
        if session is None or not session.loading:
            self._all_in(session)
            return
        total = session.loading
        try:
            session.finish_loading(updates, sha)
        except StorageError as exc:  # the placements stay in memory; they are made again next time
            log.warning("re-anchored highlights not stored: %s", exc)
            session.loading = 0
        self.ctl.highlightsLoading.emit(total, total)
        say_placed(session)

    def _all_in(self, session: Session | None) -> None:
        """The read is over before its end: the session has them all another way (read whole)."""
        n = len(session.highlights) if session is not None else 0
        self.ctl.highlightsLoading.emit(n, n)

    def _failed(self, read: HighlightsRead, exc: object) -> None:
        if read is not self.read:
            return
        self.read = None
        session = self.ctl.session
        self.ctl.highlightsLoading.emit(1, 1)
        if isinstance(exc, DamagedError):
            self.ctl.damaged(exc)
        if isinstance(exc, StorageError):
            messages.error(f"The highlights of this document could not all be read: {exc}")
        elif isinstance(exc, BaseException):
            messages.bug(exc, "reading the highlights")
        if session is not None:
            session.loading = 0


def say_placed(session: Session) -> None:
    """What placing a document's highlights on its text found, said once they are all in."""
    if session.orphans_found:
        n = session.orphans_found
        messages.warning(
            f"The text of this document changed: {count(n)} highlight{'s' if n != 1 else ''} could not be "
            "found and {0} listed at the end of the panel as not found.".format("is" if n == 1 else "are"))
    elif session.record.match == "moved":
        messages.info(f"Recognised {session.doc.path.name} by its content: its notes are here.")
