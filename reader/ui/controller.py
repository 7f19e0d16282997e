"""The open document and its notes, owned in one place; views subscribe to changes.

The controller owns the notes file, the open document's :class:`Session`, the
undo history (reader/ui/undo_history.py) and the background work (loading, analysis). Views and panels never
ask it to "refresh": they connect to its signals and update what changed. A
new panel is one module that connects to these signals and calls the
operations below.

Signals:
    loading(str): a file is being opened in the background (its name): what the panels show of the
        current document is about to go (they clear or disable themselves).
    openFailed(): the file announced by loading could not be opened (the current document stays).
    progress(int, int): done, total of that work.
    leaving(): the current document is about to be replaced (save what is pending).
    pagesOpened(object, object): a PDF is up on its pages (PdfPages, password); its text follows.
    previewOpened(object): the beginning of a long text is shown (a Document, reader/preview.py); the whole follows.
    firstNotes(object): highlights (a list) to paint on the text shown before its session is in (first_screen.py).
    documentOpened(object): a Document is shown (its notes may not be in yet).
    sessionReady(object): the document's notes are in (the Session); many highlights follow it (highlights_loading.py).
    highlightsLoading(int, int): how many of the document's highlights are in, of how many (done == total: all).
    highlightsChanged(object): a :class:`reader.session.HighlightsChanged`.
    reviewSaved(object): a claim of the document was reviewed here (the ClaimReview).
    documentChanged(object): the same document's text changed (a repair undone); the Document.
    analysisStarted(): claims and quotes are being found.
    analysisProgress(int, int): done, total of that.
    analysisReady(object): the Analysis of the current document.
    quotesCorrected(object): a quote of it corrected (quote_ops.py): a quote_fixes.QuotesCorrected (old and new).
    analysisFailed(): it could not be made.
    passwordRequired(object, bool): path, whether a password was given and wrong.
    storeOpened(object): the notes file is open (the NotesDB).
    storeDamaged(object): the notes file cannot be read (the DamagedError).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from notes_db import DamagedError, Highlight, StorageError
from reader import doc_cache
from reader.document import Document
from reader.errors import DocumentError, PasswordRequired
from reader.session import Session
from reader.ui import messages
from reader.ui.analysis_runner import AnalysisRunner
from reader.ui.background_load import load_in_background
from reader.ui.commands import CreateHighlight, DeleteHighlight, EditHighlight, _Step
from reader.ui.external_changes import ExternalChanges
from reader.ui.first_screen import FirstScreen
from reader.ui.highlights_loading import READ_OVER, HighlightsReader, say_placed
from reader.ui.pdf_import import AnnotationImport
from reader.ui.tasks import Task
from reader.ui.undo_history import UndoHistory

if TYPE_CHECKING:
    from notes_db.store import NotesDB
    from reader.analysis import Analysis
    from reader.pdf_pages import PdfPages

log = logging.getLogger("reader.controller")

#: Text files below this size open on the GUI thread: faster than a thread hop.
SYNC_LOAD_BYTES = 1_500_000
#: Kinds read off the GUI thread whatever their size (article extraction, EPUB unpacking).
ASYNC_SUFFIXES = {".pdf", ".epub", ".html", ".htm", ".xhtml"}
#: How long quitting waits for background work before abandoning it.
QUIT_WAIT_S = 0.3


class DocumentController(QObject):
    loading = Signal(str)
    openFailed = Signal()
    progress = Signal(int, int)
    leaving = Signal()
    pagesOpened = Signal(object, object)
    previewOpened = Signal(object)
    firstNotes = Signal(object)
    documentOpened = Signal(object)
    sessionReady = Signal(object)
    highlightsLoading = Signal(int, int)
    highlightsChanged = Signal(object)
    reviewSaved = Signal(object)
    documentChanged = Signal(object)
    analysisStarted = Signal()
    analysisProgress = Signal(int, int)
    analysisReady = Signal(object)
    quotesCorrected = Signal(object)
    analysisFailed = Signal()
    passwordRequired = Signal(object, bool)
    storeOpened = Signal(object)
    storeDamaged = Signal(object)

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.store: NotesDB | None = None
        self.session: Session | None = None
        self.doc: Document | None = None
        self.pdf_pages: PdfPages | None = None
        self.analysis: Analysis | None = None
        self.undo = UndoHistory(self)  # a stack per document, kept while Reader runs
        self.closing = False
        self._damage_reported = False  # the damaged notes file was announced (once per opening)
        #: Set by the window: whether a first frame has been painted (the notes file opens after it).
        self.first_frame_painted: Callable[[], bool] = lambda: True
        self._load_task: Task | None = None
        self._pending_text: tuple[Path, str | None] | None = None
        self._pending_jump: int | None = None
        #: A PDF's pages are up and its text is not: ``doc`` is still the previous document,
        #: whose notes must not come back (the first paint of the pages opens the notes file).
        self._awaiting_text = False
        self.first = FirstScreen(self)  # a long text's beginning, the first screen's highlights
        self._importer = AnnotationImport(self)
        self.highlights_reader = HighlightsReader(self)  # a document's many highlights, read off the GUI thread
        self.analyser = AnalysisRunner(self)  # claims and quotes, in a process of their own
        self.external = ExternalChanges(self)  # what the command line or a script writes shows here too

    # -- the notes file -------------------------------------------------------------

    def ensure_store(self) -> NotesDB | None:
        """Open the notes file (after the first frame: sqlite_utils costs ~0.2 s)."""
        if self.closing:
            return None
        if self.store is None:
            from notes_db.store import NotesDB

            try:
                self.store = NotesDB(self.db_path)
            except StorageError as exc:
                messages.error(f"Notes are unavailable: {exc}")
                if isinstance(exc, DamagedError):
                    self.damaged(exc)
                return None
            self.external.start()
            self.storeOpened.emit(self.store)
        if self.doc is not None and not self._awaiting_text and (self.session is None or self.session.doc is not self.doc):
            self._attach_session()
        self.first.on_screen()
        return self.store

    def damaged(self, exc: DamagedError) -> None:
        """The open notes file turned out damaged (a read or a write found it): say so once, in the
        window, with the backup to restore (storeDamaged; reader/ui/notes_file.py)."""
        if self._damage_reported:
            return
        self._damage_reported = True
        log.warning("the notes file is damaged: %s", exc)
        self.storeDamaged.emit(exc)

    def release_store(self) -> None:
        """Let go of the notes file (before a backup takes its place); ``ensure_store`` opens it again."""
        self.external.stop()
        self.highlights_reader.stop()
        self.session = None
        self.undo.clear()
        if self.store is not None:
            self.store.close()
            self.store = None
        self._damage_reported = False

    def require_session(self) -> Session | None:
        if self.session is None and self.first.still_opening():
            return None
        if self.session is None:
            self.ensure_store()
        if self.session is None:
            messages.error("Notes cannot be saved right now (the notes file is unavailable).")
        return self.session

    def _attach_session(self) -> None:
        assert self.store is not None and self.doc is not None
        try:
            session = Session(self.store, self.doc, read_over=READ_OVER)
        except StorageError as exc:
            self.session = None
            messages.error(f"Notes for this document are unavailable: {exc}")
            if isinstance(exc, DamagedError):
                self.damaged(exc)
            return
        self.session = session
        session.listeners.append(self.highlightsChanged.emit)
        self.undo.enter(session)
        if session.doc is not self.doc:  # the reader had undone some repairs
            self.doc = session.doc
        if session.loading:  # many highlights: the text first, they follow (read on a thread)
            self.highlights_reader.start(session, self._pending_jump)
        self.sessionReady.emit(session)
        if session.annotations_due:
            self._importer.start(session, session.doc.annotations)
        self._schedule_analysis()
        if not session.loading:
            say_placed(session)

    def reattach_session(self) -> None:
        """Read the document's notes again from scratch (its record was removed, say)."""
        if self.store is not None and self.doc is not None and not self._awaiting_text:
            if self.session is not None:
                self.undo.drop(self.session.doc_id)  # its steps name highlights that may be gone
            self._attach_session()

    def take_pending_jump(self) -> int | None:
        hid, self._pending_jump = self._pending_jump, None
        return hid

    # -- opening ----------------------------------------------------------------------

    def open_path(self, path: str | Path, password: str | None = None, jump_to: int | None = None) -> None:
        if self.closing:
            return
        self._pending_jump = jump_to
        self._pending_text = None  # a text waiting for its turn is not wanted any more
        self.first.reset()
        p = Path(path).expanduser()
        try:
            small = not p.is_file() or (p.suffix.lower() not in ASYNC_SUFFIXES and p.stat().st_size < SYNC_LOAD_BYTES)
        except OSError:
            small = True  # the loader says at once what is wrong
        if small:
            # a PDF still reading its text must not come back over this one (and re-enable Page View)
            if self._load_task is not None:
                self._load_task.cancel()
                self._load_task = None
            try:
                doc = doc_cache.load(p, password=password)
            except Exception as exc:
                self._load_failed(p, exc)
                return
            self._show(doc)
            return
        if p.suffix.lower() == ".pdf" or p.read_bytes()[:1024].lstrip().startswith(b"%PDF"):
            # Pages first (a person sees page 1 at once), text in the background.
            from reader.pdf_pages import PdfPages

            now = self.pdf_pages
            if password is None and now is not None and now.path is not None and now.path.resolve() == p.resolve():
                password = now.password  # an encrypted PDF that is open: opened again, not asked again
            try:
                pages = PdfPages.open(p, password)
            except Exception as exc:
                self._load_failed(p, exc)
                return
            self.leaving.emit()
            self._forget_document()
            self._awaiting_text = True
            old, self.pdf_pages = self.pdf_pages, pages
            self.pagesOpened.emit(pages, password)
            if old is not None:  # after the page view let go of it
                old.close()
            # The text is read once page 1 is on screen: both want the interpreter
            # (a page that cannot be drawn must not hold the text back for long).
            self._pending_text = (p, password)
            QTimer.singleShot(250, self.start_pending_text)
            return
        if jump_to is None and self.doc is None and self.pdf_pages is None and self._load_task is None and \
                self.first.open_beginning(p, password):
            return  # its beginning first, read as the whole will be; the whole after that first screen
        self._start_load_task(p, password)

    def start_pending_text(self, *_args: object) -> None:
        if self._pending_text is not None:
            p, password = self._pending_text
            self._pending_text = None
            self._start_load_task(p, password)

    def _start_load_task(self, p: Path, password: str | None) -> None:
        if self.closing:
            return
        if self._load_task is not None:
            self._load_task.cancel()
        self.loading.emit(p.name)
        task = Task(lambda progress: load_in_background(p, password, progress), name="load")
        task.progress.connect(self.progress.emit)
        task.succeeded.connect(lambda doc, t=task: self._task_loaded(t, doc))
        task.failed.connect(lambda exc, t=task, p=p: self._task_failed(t, p, exc))
        self._load_task = task
        task.start()

    def _task_loaded(self, task: Task, doc: Document) -> None:
        if task is self._load_task and not self.closing:
            self._load_task = None
            self._show(doc)

    def _task_failed(self, task: Task, path: Path, exc: object) -> None:
        if task is self._load_task and not self.closing:
            self._load_task = None
            self.first.reset()
            self.progress.emit(1, 1)
            self._load_failed(path, exc)

    def _load_failed(self, path: Path, exc: object) -> None:
        self.openFailed.emit()
        if isinstance(exc, PasswordRequired):
            self.passwordRequired.emit(path, exc.wrong)
        elif isinstance(exc, DocumentError):
            messages.error(str(exc))
        elif isinstance(exc, BaseException):
            messages.bug(exc, f"opening {path.name}")

    def _forget_document(self) -> None:
        self.highlights_reader.stop()
        self.session = None
        self.analysis = None
        self._importer.finish()
        task = self.analyser.stop()
        if task is not None:
            task.cancel()
        self.undo.leave()

    def _show(self, doc: Document) -> None:
        previewed = self.first.whole_arrived(doc)  # its beginning was shown: nothing to leave
        same_pdf = doc.kind == "pdf" and self.pdf_pages is not None and self.pdf_pages.path == doc.path
        if not same_pdf and not previewed:
            self.leaving.emit()
        self._forget_document()
        self._awaiting_text = False
        self.doc = doc
        old = None
        if doc.kind != "pdf" and self.pdf_pages is not None:
            old, self.pdf_pages = self.pdf_pages, None
        self.documentOpened.emit(doc)
        self.first.reset()
        if old is not None:  # after the page view let go of it
            old.close()
        for w in doc.warnings:
            messages.warning(w)
        if self.store is not None:
            self._attach_session()
            return
        self.first.paint_notes(doc, part=False)  # the first screen with its highlights
        if self.first_frame_painted():
            QTimer.singleShot(0, self.ensure_store)
        # else: the notes file opens after the first frame

    # -- highlights: every change is an undoable command ------------------------------

    @property
    def undo_stack(self) -> QUndoStack:
        """The open document's undo stack (Edit > Undo acts on ``undo.group``, which follows it)."""
        return self.undo.stack

    def push(self, command: _Step) -> bool:
        doing = command.text().lower()  # a failed command is deleted by the stack: read it first
        self.undo_stack.push(command)
        if command.error is None:
            return True
        err = command.error
        if isinstance(err, StorageError | ValueError):
            messages.error(str(err))
            if isinstance(err, DamagedError):
                self.damaged(err)
                return False
        else:
            messages.bug(err, doing)
        if self.session is not None:
            try:
                self.session.reload()  # what is stored is the truth
            except StorageError:
                pass
        return False

    def create_highlight(self, start: int, end: int, color: str, note: str = "", tags: list[str] | None = None,
                         origin: str = "user", claim_key: str | None = None, style: str = "highlight") -> Highlight | None:
        session = self.require_session()
        if session is None:
            return None
        cmd = CreateHighlight(session, start, end, color, note, tags, origin=origin, claim_key=claim_key, style=style)
        return cmd.created if self.push(cmd) else None

    def edit_highlight(self, highlight_id: int, *, color: str | None = None, note: str | None = None,
                       tags: list[str] | None = None, style: str | None = None) -> bool:
        h = self.session.highlight(highlight_id) if self.session else None
        if self.session is None or h is None:
            return False
        if all(v is None or v == getattr(h, k) for k, v in (("color", color), ("note", note), ("tags", tags), ("style", style))):
            return False
        return self.push(EditHighlight(self.session, h, color=color, note=note, tags=tags, style=style))

    def delete_highlight(self, highlight_id: int) -> bool:
        h = self.session.highlight(highlight_id) if self.session else None
        if self.session is None or h is None:
            return False
        return self.push(DeleteHighlight(self.session, h))

    @property
    def importing(self) -> bool:
        """Whether the PDF's own annotations are still coming in (reader/ui/pdf_import.py)."""
        return self._importer.active

    # -- repairs, reviews, position ---------------------------------------------------

    def set_repair_applied(self, ident: str, applied: bool) -> bool:
        if self.session is None:
            return False
        try:
            self.doc = self.session.set_repair_applied(ident, applied)
        except StorageError as exc:
            messages.error(str(exc))
            return False
        self.documentChanged.emit(self.doc)
        self.start_analysis()
        return True

    def save_review(self, key: str, status: str, note: str, source: str) -> Any:
        if self.session is None or self.store is None:
            return None
        from notes_db.reviews import set_review

        claim = next((c for c in (self.analysis.claims if self.analysis else []) if c.key == key), None)
        try:  # with the claim's words: searchable, and matched in other documents (notes_db/reviews.py)
            review = set_review(self.store, self.session.doc_id, key, status, note, source,
                                text=claim.text if claim else "", kind=claim.kind if claim else "",
                                start=claim.start if claim else None, end=claim.end if claim else None)
        except (StorageError, ValueError) as exc:
            messages.error(str(exc))
            return None
        self.reviewSaved.emit(review)
        return review

    def claim_reviews(self) -> dict[str, Any]:
        if self.session is None or self.store is None:
            return {}
        try:
            return self.store.claim_reviews(self.session.doc_id)
        except StorageError as exc:
            messages.error(str(exc))
            return {}

    def save_position(self, offset: int) -> None:
        if self.session is None:
            return
        try:
            self.session.save_position(offset)
        except StorageError as exc:
            log.warning("position not saved: %s", exc)

    def tags(self) -> list[str]:
        if self.store is None:
            return []
        try:
            return [t for t, _n in self.store.tags()]
        except StorageError as exc:
            messages.error(str(exc))
            return []

    def recent_documents(self, limit: int = 10) -> list[Any]:
        if self.store is None:
            return []
        try:
            return self.store.recent_documents(limit)
        except StorageError as exc:
            messages.error(str(exc))
            return []

    # -- claims and quotes ------------------------------------------------------------

    def _schedule_analysis(self) -> None:
        self.analyser.schedule()

    def start_analysis(self) -> None:
        """Find claims and quotes off the GUI thread; analysisReady when done."""
        self.analyser.start()

    @property
    def analysing(self) -> bool:
        """Whether claims and quotes are being found for the document."""
        return self.analyser.active

    @property
    def busy(self) -> bool:
        """Whether background work for this document is still running."""
        return self.first.preview is not None or self.highlights_reader.active or any(
            t is not None and t.is_running() for t in (self._load_task, self.analyser.task))

    # -- closing ----------------------------------------------------------------------

    def shutdown(self) -> None:
        """Stop background work (abandoning what will not stop at once) and close the notes file."""
        self.closing = True
        self._importer.finish()
        self.external.stop()
        self.highlights_reader.stop()
        tasks = [t for t in (self._load_task, self.analyser.stop(quitting=True)) if t is not None]
        for t in tasks:
            t.cancel()
        for t in tasks:
            t.wait(QUIT_WAIT_S)
        self._load_task = None
        if self.pdf_pages is not None:
            self.pdf_pages.close()
            self.pdf_pages = None
        if self.store is not None:
            self.store.close()
            self.store = None
        self.session = None
