"""Claims and quotes for the controller's document, found in a process of their own.

The controller owns one :class:`AnalysisRunner`; it announces through the
controller's signals (analysisStarted, analysisProgress, analysisReady,
analysisFailed) and sets ``controller.analysis``, so panels only ever listen to
the controller. Seconds of pure Python never slow the window, and quitting
kills the process. The findings are then written to the notes file on a thread
(``findings``, reader/ui/findings_writer.py), which announces ``remembered``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from reader.ui.findings_writer import FindingsWriter
from reader.ui.tasks import ProcessTask

if TYPE_CHECKING:
    from reader.analysis import Analysis
    from reader.document import Document
    from reader.ui.controller import DocumentController

log = logging.getLogger("reader.controller")

#: Claims and quotes are looked for this long after a document's notes are in: its
#: first screen is painted first (starting the worker takes a core for a moment).
ANALYSIS_DELAY_MS = 150
#: A text this long is analysed below the window's priority (reader.workers.NICENESS): its seconds of
#: work must not take a core from a key press. A shorter one, the document a person just opened and is
#: waiting for, runs as high as the window: niced, it waited behind every other program on the machine
#: (a minute under load for a 4 KB article).
LONG_TEXT_CHARS = 150_000


class AnalysisRunner(QObject):
    def __init__(self, controller: DocumentController) -> None:
        super().__init__(controller)
        self.ctl = controller
        self.task: ProcessTask | None = None
        self._reached: set[int] = set()  # the stretches of the text the worker and its helper reached
        self._shown = -1  # the percentage last announced
        self._pending = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(ANALYSIS_DELAY_MS)
        self._timer.timeout.connect(self._start_pending)
        self.findings = FindingsWriter(self)  # the library's copy, written off the GUI thread
        # written on a connection of its own: taken as a write of another's would be, first (no backup due for it)
        self.findings.remembered.connect(lambda done: self.ctl.external.findings_written(done))

    @property
    def active(self) -> bool:
        """Whether claims and quotes are being found (or about to be) for the document."""
        return self.task is not None or self._pending

    def schedule(self) -> None:
        """Find claims and quotes once the document's first screen is painted."""
        if self.task is not None:
            self.task.cancel()
            self.task = None
        self.ctl.analysis = None
        self._pending = True
        self._timer.start()
        self.ctl.analysisStarted.emit()

    def _start_pending(self) -> None:
        if self._pending:
            self.start()

    def start(self) -> None:
        """Find claims and quotes off the GUI thread; the controller's analysisReady when done."""
        self._pending = False
        self._timer.stop()
        doc = self.ctl.doc
        if doc is None or self.ctl.closing:
            return
        if self.task is not None:
            self.task.cancel()
        self.ctl.analysis = None
        self.ctl.analysisStarted.emit()
        from reader.workers import analysis_args

        niceness = None if len(doc.text) >= LONG_TEXT_CHARS else 0
        task = ProcessTask("reader.workers:analyse_text", analysis_args(doc), name="analysis", niceness=niceness)
        task.progress.connect(lambda done, total, t=task: self._progress(t, done, total))
        task.succeeded.connect(lambda result, t=task, d=doc: self._done(t, d, result))
        task.failed.connect(lambda exc, t=task: self._failed(t, exc))
        self.task = task
        self._reached = set()
        self._shown = 0
        task.start()
        # How far it is, from the start: the worker reports once its models are loaded, seconds later.
        self.ctl.analysisProgress.emit(0, max(1, len(doc.blocks)))

    def stop(self, quitting: bool = False) -> ProcessTask | None:
        """No more analysis (another document, or ``quitting``: a findings write under way is then waited for):
        the running task, for the caller to cancel and wait for."""
        if quitting:
            self.findings.shutdown()
        self._timer.stop()
        self._pending = False
        task, self.task = self.task, None
        return task

    def _progress(self, task: ProcessTask, stretch: int, stretches: int) -> None:
        """The worker (or its helper on the other core) reached one more stretch of the text (reader/workers.py:
        each stretch is told of once, by whichever process analyses it, in no order between the two): how far
        they are together is how many stretches were reached, announced when the percentage moves. All of
        them reached, what is left is the last stretches and naming the speakers."""
        if task is not self.task or self.ctl.closing:
            return
        self._reached.add(stretch)
        done = len(self._reached)
        pct = 100 * done // max(1, stretches)
        if pct != self._shown:
            self._shown = pct
            self.ctl.analysisProgress.emit(done, stretches)

    def _done(self, task: ProcessTask, doc: Document, result: Analysis) -> None:
        if task is not self.task or doc is not self.ctl.doc or self.ctl.closing:
            return  # a stale run: the document changed meanwhile
        self.task = None
        from reader.ui.quote_ops import lay_corrections

        lay_corrections(self.ctl, result)  # the reader's corrections of its quotes (reader/quote_fixes.py)
        self.ctl.analysis = result
        self.ctl.analysisReady.emit(result)
        if self.ctl.store is not None and self.ctl.session is not None:  # the library's copy (speakers, search)
            self.findings.write(self.ctl.store.path, self.ctl.session.doc_id, result)

    def _failed(self, task: ProcessTask, exc: object) -> None:
        if task is self.task and not self.ctl.closing:
            self.task = None
            log.error("analysis failed", exc_info=exc if isinstance(exc, BaseException) else None)
            self.ctl.analysisFailed.emit()
