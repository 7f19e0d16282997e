"""What another program writes to the notes file, shown in the open window.

``reader`` on the command line, a script or a second window may write to the
notes file while the window is open. The window looks each second, and when it
becomes active again, whether anyone else committed (``NotesDB.data_version``:
PRAGMA data_version, microseconds, unchanged by the window's own writes); if
so, the open document's highlights come in as a delta
(``Session.take_external_changes`` -> the controller's ``highlightsChanged``),
its claim reviews are read again (``reviewsChanged``) and its quote corrections laid over its analysis
again when they changed (``quotesCorrected``). Whatever else shows the
notes file (the Library, the Claim Ledger) subscribes to ``written`` and updates
itself; this module knows none of them.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication

from notes_db import StorageError

if TYPE_CHECKING:
    from reader.ui.controller import DocumentController

log = logging.getLogger("reader.external_changes")

#: How often the window looks whether another program wrote to the notes file.
POLL_MS = 1000


class ExternalChanges(QObject):
    """Signals:
        written(): another program committed to the notes file (announced once per look that finds it).
        reviewsChanged(object): the document's claim reviews as the notes file now holds them.
    """

    written = Signal()
    reviewsChanged = Signal(object)

    def __init__(self, controller: DocumentController) -> None:
        super().__init__(controller)
        self.controller = controller
        self._version = -1
        self._commits = 0  # the findings writer's commits seen at the last look (reader/ui/findings_writer.py)
        #: Whether another program wrote to the notes file while it was open here (a backup is due).
        self.others_wrote = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.take)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):  # coming back to the window looks at once
            app.applicationStateChanged.connect(self._application_state)

    def start(self) -> None:
        """The notes file is open: changes from now on are someone else's."""
        self._version = self._version_now()
        self._commits = self.controller.analyser.findings.commits()[0]
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _version_now(self) -> int:
        store = self.controller.store
        try:
            return store.data_version() if store is not None else -1
        except StorageError:
            return -1

    @Slot(Qt.ApplicationState)
    def _application_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.take()

    def findings_written(self, done: Any) -> None:
        """This window's findings were written on a connection of its own (reader/ui/findings_writer.py,
        ``done`` its Remembered): shown as any change is, but no backup is due for it, unless another program
        committed just before the writer's transaction began (its data_version then differs after)."""
        if done.before != done.after:
            self.others_wrote = True
        self.take()

    @Slot()
    def take(self) -> bool:
        """Show what others wrote since the last look; whether anything was written. A change seen while this
        window's findings transaction is under way, or after it committed one more since the last look, may be
        that write (no backup is due for it); any other is another program's (a backup is due), even while the
        findings writer's thread is still at work before or after its transaction."""
        ctl = self.controller
        if ctl.store is None or ctl.closing:
            return False
        version = self._version_now()
        if version == self._version:
            return False
        self._version = version
        commits, committing = ctl.analyser.findings.commits()
        if commits == self._commits and not committing:
            self.others_wrote = True
        self._commits = commits
        if ctl.session is not None:
            self._take_session()
        self.written.emit()  # the Library, the Claim Ledger… each read what they show again
        return True

    def _take_session(self) -> None:
        ctl = self.controller
        assert ctl.session is not None and ctl.store is not None
        try:
            ctl.session.take_external_changes()  # its listeners include the controller's highlightsChanged
        except StorageError as exc:
            log.info("changes made elsewhere are not shown: %s", exc)
            return
        self.claims_again()

    def claims_again(self) -> None:
        """The open document's claim reviews read again and its quote corrections laid again, as the notes file
        holds them (changed by another program, or by an import here: reader/ui/exporting.py)."""
        ctl = self.controller
        if ctl.session is None or ctl.store is None:
            return
        try:
            reviews = ctl.store.claim_reviews(ctl.session.doc_id)
        except StorageError as exc:
            log.info("changes made elsewhere are not shown: %s", exc)
            return
        self.reviewsChanged.emit(reviews)
        from reader.ui.quote_ops import take_stored_corrections

        take_stored_corrections(ctl)  # quotes corrected by `reader correct`, or another device's through `reader sync`
