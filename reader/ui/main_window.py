"""Reader's main window: where the parts are put together.

The window owns no rules. The :class:`DocumentController` holds the document,
its notes and the background work, and announces every change; each concern
is its own module that subscribes to it:

- ``actions.py``: menus, toolbar, shortcuts, the context menu;
- ``text_mode.py``: the reading view and the original text with its repairs;
- ``pdf_mode.py``: a PDF on its pages, the page controls, Contents;
- ``highlighting.py``: keys, clicks, the annotations panel and note editor;
- ``find_bar.py``: find in the document;
- ``panels.py``: Claims & Quotes, Repairs and Search, built after the first frame;
- ``banner.py``: where messages (``messages.py``) are seen.

Signals:
    documentShown(object): a Document is on screen with its notes.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from notes_db import Highlight
from reader.document import Document
from reader.session import Session
from reader.ui import lifetime, messages, status_message, style, transfer
from reader.ui.actions import Actions
from reader.ui.annotations import NoteEditor
from reader.ui.banner import MessageBanner
from reader.ui.controller import DocumentController
from reader.ui.document_view import DocumentView
from reader.ui.elided_label import ElidedLabel
from reader.ui.find_bar import FindBar
from reader.ui.highlighting import Highlighting
from reader.ui.highlights_panel import AnnotationsPanel
from reader.ui.notes_file import NotesFileCare
from reader.ui.panels import SidePanels
from reader.ui.password import ask_password
from reader.ui.pdf_mode import PdfMode
from reader.ui.reading_view import ReadingView
from reader.ui.side_tabs import SideTabs
from reader.ui.tasks import single_shot
from reader.ui.text_mode import TextMode

if TYPE_CHECKING:
    from reader.ui.page_view import PageView

log = logging.getLogger("reader.ui")

#: The side panels are built this long after the document is on screen with its notes.
PANELS_DELAY_MS = 50
PANELS_LATEST_MS = 5000

FILE_FILTER = (
    "Documents (*.pdf *.epub *.md *.markdown *.txt *.html *.htm);;PDF (*.pdf);;EPUB (*.epub);;Markdown (*.md *.markdown);;"
    "Web pages (*.html *.htm);;Text (*.txt);;All files (*)"
)


class MainWindow(QMainWindow):
    documentShown = Signal(object)

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.controller = ctl = DocumentController(db_path, self)
        self.notes_care = NotesFileCare(self, db_path)  # backups, a read-only or damaged notes file
        ctl.storeOpened.connect(self.notes_care.opened)
        ctl.storeDamaged.connect(lambda exc: self.notes_care.damaged(exc, ctl.ensure_store, ctl.release_store))
        self.password_dialog: QInputDialog | None = None
        self._focus_on_open = False
        self.theme = "light"  # the theme in use (reader/ui/comfort.py, themes.py)
        self.link_box: QMessageBox | None = None  # the question a clicked link asked (reader/ui/link_dialog.py)
        self.setWindowTitle("Reader")
        self.setAcceptDrops(True)
        self.setStyleSheet(style.stylesheet())
        messages.bus.dialog_parent = self

        self.view = ReadingView()
        self.banner = MessageBanner(self.statusBar())
        self.panel = AnnotationsPanel()
        self.editor = NoteEditor()
        side = QWidget()
        side.setObjectName("sidePanel")
        side_lay = QVBoxLayout(side)
        side_lay.setContentsMargins(0, 0, 0, 0)
        side_lay.setSpacing(0)
        side_lay.addWidget(self.panel, 1)
        side_lay.addWidget(self.editor)
        self.tabs = SideTabs()  # narrow: one row of whole labels, with scroll arrows
        self.tabs.addTab(side, "Notes")
        self.tabs.setMinimumWidth(340)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)

        self.texts = TextMode(self)
        self.pdf = PdfMode(self)
        self.marks = Highlighting(self)
        self.panels = SidePanels(self)
        self._panels_timer = single_shot(self, self.panels.build)
        self.find_bar = FindBar(self.view, lambda: self.current_view, lambda: self.pdf.made_page_view)
        self.menus = Actions(self)
        from reader.ui import comfort

        comfort.install(self)  # font, width, spacing and theme a person chose; progress; Help
        self.view.menu_provider = self.menus.fill_context_menu

        left = QWidget()
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 0, 0)
        left_lay.setSpacing(0)
        left_lay.addWidget(self.banner)
        left_lay.addWidget(self.find_bar)
        left_lay.addWidget(self.stack, 1)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([880, 420])
        self.setCentralWidget(self.splitter)

        self.doc_info = ElidedLabel()  # in a crowded status bar this gives way (tooltip: the whole line)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(200)
        self.progress.hide()
        self.statusBar().insertPermanentWidget(0, self.pdf.build_controls())
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.doc_info)

        self.view.positionChanged.connect(ctl.save_position)
        self.view.linkActivated.connect(self.open_link)
        self.view.firstPainted.connect(self.first_frame)
        ctl.first_frame_painted = lambda: self.view.painted or bool(self.pdf.made_page_view and self.pdf.page_view.painted)
        ctl.loading.connect(self._loading)
        ctl.progress.connect(self._progress)
        ctl.documentOpened.connect(self._document_opened)
        ctl.pagesOpened.connect(self._document_opened)
        ctl.documentOpened.connect(self.find_bar.set_document)
        ctl.documentChanged.connect(self.find_bar.set_document)
        ctl.pagesOpened.connect(lambda *_a: self.find_bar.set_document(None))
        ctl.sessionReady.connect(self._session_ready)
        ctl.passwordRequired.connect(lambda path, wrong: ask_password(self, path, wrong))
        from reader.ui import library_actions

        library_actions.install(self)  # Copy as Quote, Claim Ledger, Speakers, About; claims across the library
        lifetime.watch(self)  # threads stop on quit, or at exit if a script never closed the window

    # -- what tests and other modules read -------------------------------------------

    @property
    def doc(self) -> Document | None:
        return self.controller.doc

    @property
    def session(self) -> Session | None:
        return self.controller.session

    @property
    def page_view(self) -> PageView:
        return self.pdf.page_view

    @property
    def current_view(self) -> DocumentView:
        """Where the person is reading: the page view or the text view."""
        return self.pdf.page_view if self.pdf.page_mode and not self.texts.original else self.view

    # -- opening ----------------------------------------------------------------------

    @Slot()
    def first_frame(self) -> None:
        """After the first frame: the notes file (the highlights go on the first
        screen), then the side panels once the document is up with its notes."""
        self.controller.ensure_store()
        if self.controller.session is not None or not self.controller.busy:
            self._panels_timer.start(PANELS_DELAY_MS)
        else:  # a long file still loading: the panels wait for it (both want the interpreter), or 5 s
            self.documentShown.connect(self._build_panels_soon)
            self._panels_timer.start(PANELS_LATEST_MS)

    @Slot(object)
    def _build_panels_soon(self, _doc: object) -> None:
        self.documentShown.disconnect(self._build_panels_soon)
        self._panels_timer.start(PANELS_DELAY_MS)

    @Slot()
    def choose_file(self) -> None:
        doc = self.controller.doc
        start = str(doc.path.parent) if doc else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "Open document", start, FILE_FILTER)
        if path:
            self._focus_on_open = True  # Ctrl+plus zooms, keys highlight: the document gets the keyboard
            self.open_path(path)

    def open_path(self, path: str | Path, password: str | None = None) -> None:
        self.controller.open_path(path, password)

    @Slot(str)
    def _loading(self, name: str) -> None:
        self.progress.setRange(0, 0)
        self.progress.show()
        status_message.show_named(self.statusBar(), "Opening ", name, "…")  # a long name cut with "…", whole in the tooltip

    @Slot(int, int)
    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    @Slot()
    def _document_opened(self, *_args: object) -> None:
        self.progress.hide()
        self.statusBar().clearMessage()  # "Opening …" is over
        self.banner.hide()
        if self._focus_on_open:
            self._focus_on_open = False
            self.current_view.setFocus()

    @Slot(object)
    def _session_ready(self, session: Session) -> None:
        self.documentShown.emit(session.doc)

    # -- links and export (transfer.py) ------------------------------------------------

    @Slot(str)
    def open_link(self, href: str) -> None:
        transfer.open_link(self, href)

    @Slot()
    def export_notes(self) -> None:
        from reader.ui.exporting import choose_and_export

        choose_and_export(self)

    @Slot()
    def import_notes(self) -> None:
        from reader.ui.exporting import choose_and_import

        choose_and_import(self)

    def highlight_selection(self, color: str = "yellow") -> Highlight | None:
        return self.marks.highlight_selection(color)

    def select_highlight(self, highlight_id: int, focus_note: bool = False) -> None:
        self.marks.select_highlight(highlight_id, focus_note)

    @Slot()
    def show_library(self) -> None:
        from reader.ui.library_open import show_library

        show_library(self)

    # -- drops and closing ------------------------------------------------------------

    def dragEnterEvent(self, e: QDragEnterEvent) -> None:  # noqa: N802
        if e.mimeData().hasUrls() and any(u.isLocalFile() for u in e.mimeData().urls()):
            e.acceptProposedAction()

    def dropEvent(self, e: QDropEvent) -> None:  # noqa: N802
        for u in e.mimeData().urls():
            if u.isLocalFile():
                self.open_path(u.toLocalFile())
                e.acceptProposedAction()
                return

    def closeEvent(self, e: QCloseEvent) -> None:  # noqa: N802
        self.shutdown()
        super().closeEvent(e)

    @Slot()
    def shutdown(self) -> None:
        """Save what is pending, stop every thread, close the notes file.
        Runs on close and on application quit; safe to call twice."""
        if self.controller.closing:
            return
        self._panels_timer.stop()
        self.marks.save_pending()
        self.pdf.shutdown()
        self.panels.shutdown()
        store = self.controller.store
        self.notes_care.shutdown(notes_changed=(store is not None and store.notes_changed)
                                 or self.controller.external.others_wrote)
        from reader.ui import library_actions

        library_actions.shutdown(self)
        self.controller.shutdown()
