"""Reader's main window: reading view, annotations panel, note editor.

The window is a thin caller: documents come from ``reader.loaders`` (off the
GUI thread when large), notes go through ``reader.session.Session`` to
notes_db, and every change is an undoable command.

Signals:
    documentShown(object): a Document is on screen (and its notes, if the store is open).
    messageShown(str, str): level, text of every user-facing message.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QPixmap,
    QTextCharFormat,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from notes_db import DamagedError, Highlight, StorageError
from reader import loaders
from reader.document import Document
from reader.errors import DocumentError, PasswordRequired
from reader.session import Session
from reader.ui import style
from reader.ui.annotations import AnnotationsPanel, NoteEditor
from reader.ui.commands import CreateHighlight, DeleteHighlight, EditHighlight, _Step
from reader.ui.encoding_menu import EncodingMenu
from reader.ui.link_dialog import link_box
from reader.ui.notes_file import NotesFileCare
from reader.ui.reading_view import ReadingView
from reader.ui.tasks import Task

if TYPE_CHECKING:
    from notes_db.store import NotesDB
    from reader.analysis import Analysis
    from reader.pdf_pages import PdfPages
    from reader.ui.analysis_panel import AnalysisPanel
    from reader.ui.page_view import PageView
    from reader.ui.repairs import RepairsPanel
    from reader.ui.search_panel import SearchPanel

log = logging.getLogger("reader.ui")

#: Text files below this size open on the GUI thread: faster than a thread hop.
SYNC_LOAD_BYTES = 1_500_000
FILE_FILTER = (
    "Documents (*.pdf *.epub *.md *.markdown *.txt *.html *.htm);;PDF (*.pdf);;EPUB (*.epub);;Markdown (*.md *.markdown);;"
    "Web pages (*.html *.htm);;Text (*.txt);;All files (*)"
)
#: Kinds read off the GUI thread whatever their size (article extraction, EPUB unpacking).
ASYNC_SUFFIXES = {".pdf", ".epub", ".html", ".htm", ".xhtml"}


def _swatch_icon(hexcolor: str) -> QIcon:
    pm = QPixmap(16, 16)
    pm.fill(QColor(hexcolor))
    return QIcon(pm)


class MainWindow(QMainWindow):
    documentShown = Signal(object)
    messageShown = Signal(str, str)

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.db_path = db_path
        self.store: NotesDB | None = None
        self.notes_care = NotesFileCare(self, db_path, self.show_message)
        self.session: Session | None = None
        self.doc: Document | None = None
        self._task: Task | None = None
        self._pending_path: Path | None = None
        self.password_dialog: QInputDialog | None = None
        self.link_box: QMessageBox | None = None  # the question a clicked link asked (reader/ui/link_dialog.py)
        self.closing = False
        self.undo_stack = QUndoStack(self)
        self.setWindowTitle("Reader")
        self.setAcceptDrops(True)
        self.setStyleSheet(style.stylesheet())

        self.view = ReadingView()
        self.view.menu_provider = self._fill_context_menu
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.banner.installEventFilter(self)
        self._banner_timer = QTimer(self)
        self._banner_timer.setSingleShot(True)
        self._banner_timer.timeout.connect(self.banner.hide)

        self.panel = AnnotationsPanel()
        self.editor = NoteEditor()
        side = QWidget()
        side.setObjectName("sidePanel")
        side_lay = QVBoxLayout(side)
        side_lay.setContentsMargins(0, 0, 0, 0)
        side_lay.setSpacing(0)
        side_lay.addWidget(self.panel, 1)
        side_lay.addWidget(self.editor)
        self.analysis: Analysis | None = None
        self._analysis_task: Task | None = None
        self.tabs = QTabWidget()
        self.tabs.addTab(side, "Notes")
        # Claims & Quotes, Repairs and Search are built after the first frame (_build_panels).
        self.analysis_panel: AnalysisPanel
        self.repairs_panel: RepairsPanel
        self.search_panel: SearchPanel
        self._panels_built = False
        self._pending_jump: int | None = None
        self.original = False
        self.tabs.setMinimumWidth(340)

        left = QWidget()
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 0, 0)
        left_lay.setSpacing(0)
        left_lay.addWidget(self.banner)
        self.find_bar = self._build_find_bar()
        left_lay.addWidget(self.find_bar)
        self._page_view: PageView | None = None  # made when the first PDF opens
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        left_lay.addWidget(self.stack, 1)
        self.pdf_pages: PdfPages | None = None
        self._pdf_password: str | None = None
        self.page_mode = False
        self.find_hits: list[tuple[int, int]] = []
        self.find_index = -1
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([880, 420])
        self.setCentralWidget(self.splitter)

        self.doc_info = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(200)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.doc_info)

        self._build_actions()
        self.view.colorKeyPressed.connect(self._on_color_key)
        self.view.offsetClicked.connect(self._on_offset_clicked)
        self.view.positionChanged.connect(self._save_position)
        self.view.linkActivated.connect(self._open_link)
        self.view.firstPainted.connect(self.ensure_store)
        self._pending_text: tuple[Path, str | None] | None = None
        self.panel.activated.connect(self.jump_to_highlight)
        self.editor.saveRequested.connect(self._save_note)
        self.editor.colorRequested.connect(self._recolor)
        self.editor.deleteRequested.connect(self.delete_highlight)

    @property
    def page_view(self) -> PageView:
        """The PDF page view, made on first use (text readers never pay for it)."""
        if self._page_view is None:
            from reader.ui.page_view import PageView

            pv = PageView()
            self._page_view = pv
            self.stack.addWidget(pv)
            pv.firstPainted.connect(self.ensure_store)
            pv.pagePainted.connect(self._start_pending_text)
            pv.colorKeyPressed.connect(self._on_color_key)
            pv.offsetClicked.connect(self._on_offset_clicked)
            pv.positionChanged.connect(self._save_position)
            pv.linkActivated.connect(self._open_link)
            pv.pageChanged.connect(self._page_changed)
        return self._page_view

    def _build_panels(self) -> None:
        """The side tabs nobody sees in the first frame: built just after it."""
        if self._panels_built:
            return
        self._panels_built = True
        from reader.ui.analysis_panel import AnalysisPanel
        from reader.ui.repairs import RepairsPanel
        from reader.ui.search_panel import SearchPanel

        self.analysis_panel = AnalysisPanel()
        self.repairs_panel = RepairsPanel()
        self.search_panel = SearchPanel(self.db_path)
        self.tabs.addTab(self.analysis_panel, "Claims && Quotes")
        self.tabs.addTab(self.repairs_panel, "Repairs")
        self.tabs.addTab(self.search_panel, "Search")
        self.repairs_panel.toggled.connect(self.set_repair_applied)
        self.repairs_panel.activated.connect(self.show_raw_offset)
        self.analysis_panel.activated.connect(self.jump_to_range)
        self.analysis_panel.highlightRequested.connect(self.highlight_finding)
        self.analysis_panel.reviewChanged.connect(self._save_review)
        self.search_panel.openRequested.connect(self.open_highlight)
        self.contents = QTreeWidget()
        self.contents.setHeaderLabels(["Contents", "Page"])
        self.contents.setColumnWidth(0, 290)
        self.contents.itemClicked.connect(self._contents_clicked)
        self.contents.itemActivated.connect(self._contents_clicked)  # Enter on a row

    # -- actions and menus ---------------------------------------------------------

    def _build_actions(self) -> None:
        mb = self.menuBar()
        file_menu = mb.addMenu("&File")
        self.open_action = file_menu.addAction("&Open…", QKeySequence.StandardKey.Open, self.choose_file)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.library_action = file_menu.addAction("&Library…", QKeySequence("Ctrl+Shift+L"), self.show_library)
        file_menu.addSeparator()
        self.export_action = file_menu.addAction("&Export…", self.export_notes)
        self.export_action.setToolTip("This document's notes as Markdown, JSON, W3C Web Annotation, CSV or an annotated PDF")
        self.import_action = file_menu.addAction("&Import Notes…", self.import_notes)
        self.export_pdf_action = file_menu.addAction("Export Annotated &PDF…", self.export_annotated_pdf)
        self.export_pdf_action.setEnabled(False)
        file_menu.addSeparator()
        file_menu.addAction("&Quit", QKeySequence.StandardKey.Quit, self.close)

        edit = mb.addMenu("&Edit")
        # Fixed labels (the toolbar stays put); what would be undone is in the tooltip.
        self.undo_action = QAction("&Undo", self)
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.undo_action.triggered.connect(self.undo_stack.undo)
        self.redo_action = QAction("&Redo", self)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.triggered.connect(self.undo_stack.redo)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_stack.undoTextChanged.connect(lambda t: self.undo_action.setToolTip(f"Undo {t}" if t else "Undo"))
        self.undo_stack.redoTextChanged.connect(lambda t: self.redo_action.setToolTip(f"Redo {t}" if t else "Redo"))
        for a in (self.undo_action, self.redo_action):
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            edit.addAction(a)
            self.addAction(a)
        edit.addSeparator()
        self.color_actions: dict[str, QAction] = {}
        hl_menu = edit.addMenu("&Highlight")
        for i, (name, hexcolor) in enumerate(style.HIGHLIGHT_COLORS.items()):
            a = QAction(_swatch_icon(hexcolor), name.capitalize(), self)
            if i < 5:
                a.setToolTip(f"Highlight in {name} ({i + 1})")
            a.triggered.connect(lambda _c=False, n=name: self.highlight_selection(n))
            self.color_actions[name] = a
            hl_menu.addAction(a)
        self.note_action = edit.addAction("Highlight and Add &Note", QKeySequence("Ctrl+Shift+N"), self.highlight_and_note)
        self.delete_action = edit.addAction("&Delete Highlight", self._delete_current)

        self.search_action = edit.addAction("&Search All Notes…", QKeySequence("Ctrl+Shift+F"), self.show_search)
        view_menu = mb.addMenu("&View")
        self.panel_action = view_menu.addAction("&Side Panel")
        self.panel_action.setCheckable(True)
        self.panel_action.setChecked(True)
        self.panel_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.panel_action.toggled.connect(self.tabs.setVisible)
        self.original_action = view_menu.addAction("Show &Original Text")
        self.original_action.setCheckable(True)
        self.original_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.original_action.setToolTip("The text as converted, with every repair marked")
        self.original_action.toggled.connect(self.set_original)
        view_menu.addSeparator()
        self.page_action = view_menu.addAction("&Page View")
        self.page_action.setCheckable(True)
        self.page_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.page_action.setToolTip("The PDF's real pages, or its text for reading")
        self.page_action.toggled.connect(self.set_page_mode)
        self.zoom_in_action = view_menu.addAction("Zoom &In", QKeySequence.StandardKey.ZoomIn, lambda: self.page_view.zoom_in())
        self.zoom_out_action = view_menu.addAction("Zoom &Out", QKeySequence.StandardKey.ZoomOut,
                                                   lambda: self.page_view.zoom_out())
        self.fit_width_action = view_menu.addAction("Fit &Width", lambda: self.page_view.set_zoom(1, "width"))
        self.fit_page_action = view_menu.addAction("Fit Pa&ge", lambda: self.page_view.set_zoom(1, "page"))
        view_menu.addSeparator()
        self.encoding_menu = EncodingMenu(lambda: self.doc, self.open_path, self)
        view_menu.addMenu(self.encoding_menu)
        self.find_action = edit.addAction("&Find in Document…", QKeySequence.StandardKey.Find, self.show_find)

        tb = self.addToolBar("Main")
        tb.setMovable(False)
        tb.setObjectName("mainToolbar")
        tb.addAction(self.open_action)
        tb.addSeparator()
        for name in style.COLOR_NAMES[:5]:
            btn = QToolButton()
            btn.setObjectName("swatch")
            btn.setDefaultAction(self.color_actions[name])
            btn.setToolTip(self.color_actions[name].toolTip())
            hexcolor = style.HIGHLIGHT_COLORS[name]
            btn.setStyleSheet(
                f"QToolButton#swatch {{ background: {hexcolor}; border: 1px solid rgba(0,0,0,0.15); }}"
                "QToolButton#swatch:hover { border: 1px solid #262422; }"
            )
            btn.setText("")
            btn.setIcon(QIcon())
            tb.addWidget(btn)
        tb.addAction(self.note_action)
        tb.addSeparator()
        tb.addAction(self.undo_action)
        tb.addAction(self.redo_action)
        tb.addSeparator()
        tb.addAction(self.panel_action)
        tb.addAction(self.original_action)
        # PDF controls live in the status bar: showing them never resizes the page.
        self.pdf_controls = QWidget()
        row = QHBoxLayout(self.pdf_controls)
        row.setContentsMargins(0, 0, 8, 0)
        row.setSpacing(2)

        def button(action: QAction, text: str) -> QToolButton:
            b = QToolButton()
            b.setDefaultAction(action)
            b.setText(text)
            b.setAutoRaise(True)
            row.addWidget(b)
            return b

        button(self.page_action, "Pages")
        self.page_box = QSpinBox()
        self.page_box.setRange(1, 1)
        self.page_box.setKeyboardTracking(False)
        self.page_box.setToolTip("Page")
        self.page_box.valueChanged.connect(lambda v: self.page_view.go_to_page(v - 1))
        self.page_count_label = QLabel(" / 1 ")
        row.addWidget(self.page_box)
        row.addWidget(self.page_count_label)
        for action, text in ((self.zoom_out_action, "−"), (self.zoom_in_action, "+"), (self.fit_width_action, "Width"),
                             (self.fit_page_action, "Page")):
            button(action, text)
        self.statusBar().insertPermanentWidget(0, self.pdf_controls)
        self._set_pdf_controls(False)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        tb.addWidget(spacer)
        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText("Search notes  (Ctrl+Shift+F)")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMaximumWidth(260)
        self.search_field.textEdited.connect(self._toolbar_search)
        self.search_field.returnPressed.connect(self._toolbar_enter)
        tb.addWidget(self.search_field)

    def _fill_context_menu(self, menu: QMenu, offset: int) -> None:
        menu.addSeparator()
        if self.current_view.selection_range():
            sub = menu.addMenu("Highlight")
            for a in self.color_actions.values():
                sub.addAction(a)
            menu.addAction(self.note_action)
        h = self.session.highlight_at(offset) if self.session else None
        if h is not None:
            menu.addAction("Edit Note…", lambda: self.select_highlight(h.id, focus_note=True))
            recolor = menu.addMenu("Change Colour")
            for name, hexcolor in style.HIGHLIGHT_COLORS.items():
                recolor.addAction(_swatch_icon(hexcolor), name.capitalize(), lambda n=name: self._recolor(h.id, n))
            menu.addAction("Delete Highlight", lambda: self.delete_highlight(h.id))

    @Slot()
    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        records = []
        if self.store is not None:
            try:
                records = self.store.recent_documents(10)
            except StorageError as exc:
                self.show_message(str(exc), "error")
        for r in records:
            label = f"{r.title}  —  {Path(r.path).name}"
            self.recent_menu.addAction(label, lambda p=r.path: self.open_path(p))
        if not records:
            self.recent_menu.addAction("No recent documents").setEnabled(False)

    # -- messages -------------------------------------------------------------------

    def show_message(self, text: str, level: str = "info") -> None:
        """The one path for user-facing messages: log, banner, status bar, signal."""
        getattr(log, "error" if level == "error" else "warning" if level == "warning" else "info")(text)
        self.banner.setText(text)
        self.banner.setProperty("level", level)
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.show()
        self.statusBar().showMessage(text, 8000)
        if level == "info":
            self._banner_timer.start(8000)
        else:
            self._banner_timer.stop()
        self.messageShown.emit(level, text)

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:  # noqa: N802
        if obj is self.banner and ev.type() == QEvent.Type.MouseButtonPress:
            self.banner.hide()
            return True
        return super().eventFilter(obj, ev)

    # -- storage ----------------------------------------------------------------------

    def ensure_store(self) -> NotesDB | None:
        """Open the notes file (after the first frame: sqlite_utils costs ~0.2 s)."""
        if self.closing:
            return None
        self._build_panels()
        if self.store is None:
            from notes_db.store import NotesDB

            try:
                self.store = NotesDB(self.db_path)
            except StorageError as exc:
                self.show_message(f"Notes are unavailable: {exc}", "error")
                if isinstance(exc, DamagedError):
                    self.notes_care.damaged(exc, self.ensure_store)
                return None
            self.notes_care.opened(self.store)
            self.search_panel.store_for_lists = self.store
            self.search_panel.refresh_lists()
        if self.doc is not None and (self.session is None or self.session.doc is not self.doc):
            self._attach_session()
        return self.store

    def _attach_session(self) -> None:
        assert self.store is not None and self.doc is not None
        try:
            self.session = Session(self.store, self.doc)
        except StorageError as exc:
            self.session = None
            self.show_message(f"Notes for this document are unavailable: {exc}", "error")
            return
        self.undo_stack.clear()
        if self.session.doc is not self.doc:  # the reader had undone some repairs
            self.doc = self.session.doc
            self._render()
        if self.doc.kind == "pdf" and self.session.record.match == "new" and self.doc.annotations:
            self._import_pdf_annotations()
        self._update_repairs()
        if self.doc.kind != "pdf":
            self._fill_contents(None)
        self.refresh(None)
        self.start_analysis()
        rec = self.session.record
        if self._pending_jump is not None:
            hid, self._pending_jump = self._pending_jump, None
            self.jump_to_highlight(hid)
        elif rec.position:
            self.current_view.scroll_to(rec.position, top=True)
        if self.session.orphans_found:
            n = self.session.orphans_found
            self.show_message(
                f"The text of this document changed: {n} highlight{'s' if n != 1 else ''} could not be "
                "found and {0} listed at the end of the panel as not found.".format("is" if n == 1 else "are"),
                "warning",
            )
        elif rec.match == "moved":
            self.show_message(f"Recognised {self.doc.path.name} by its content: its notes are here.", "info")
        self.documentShown.emit(self.doc)

    # -- opening ----------------------------------------------------------------------

    @Slot()
    def choose_file(self) -> None:
        start = str(self.doc.path.parent) if self.doc else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "Open document", start, FILE_FILTER)
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path, password: str | None = None) -> None:
        if self.closing:
            return
        p = Path(path).expanduser()
        try:
            small = not p.is_file() or (p.suffix.lower() not in ASYNC_SUFFIXES and p.stat().st_size < SYNC_LOAD_BYTES)
        except OSError:
            small = True  # the loader says at once what is wrong
        if small:
            try:
                doc = loaders.load(p, password=password)
            except Exception as exc:
                self._load_failed(p, exc)
                return
            self._show(doc)
            return
        if p.suffix.lower() == ".pdf" or p.read_bytes()[:1024].lstrip().startswith(b"%PDF"):
            # Pages first (a person sees page 1 at once), text in the background.
            from reader.pdf_pages import PdfPages

            try:
                pages = PdfPages.open(p, password)
            except Exception as exc:
                self._load_failed(p, exc)
                return
            self._show_pages(pages, password)
            # The text is read once page 1 is on screen: both want the interpreter
            # (a page that cannot be drawn must not hold the text back for long).
            self._pending_text = (p, password)
            QTimer.singleShot(250, self._start_pending_text)
            return
        self._start_load_task(p, password)

    @Slot()
    def _start_pending_text(self, *_args: object) -> None:
        if self._pending_text is not None:
            p, password = self._pending_text
            self._pending_text = None
            self._start_load_task(p, password)

    def _start_load_task(self, p: Path, password: str | None) -> None:
        if self.closing:
            return
        if self._task is not None:
            self._task.cancelled = True
        self.progress.setRange(0, 0)
        self.progress.show()
        self.statusBar().showMessage(f"Opening {p.name}…")
        def work(progress: Callable[[int, int], None]) -> Document:
            doc = loaders.load(p, password=password, progress=progress)
            doc.words.page_ranges()  # warm what the page view asks first, here rather than in the window
            return doc

        task = Task(work, self)
        task.progress.connect(self._on_progress)
        task.succeeded.connect(lambda doc, t=task: self._task_loaded(t, doc))
        task.failed.connect(lambda exc, t=task, p=p: self._task_failed(t, p, exc))
        task.finished.connect(task.deleteLater)
        self._task = task
        task.start()

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _task_loaded(self, task: Task, doc: Document) -> None:
        if task is self._task:
            self._task = None
            self.progress.hide()
            self.statusBar().clearMessage()
            self._show(doc)

    def _task_failed(self, task: Task, path: Path, exc: object) -> None:
        if task is self._task:
            self._task = None
            self.progress.hide()
            self._load_failed(path, exc)

    def _load_failed(self, path: Path, exc: object) -> None:
        if isinstance(exc, PasswordRequired):
            self._ask_password(path, exc)
        elif isinstance(exc, DocumentError):
            self.show_message(str(exc), "error")
        else:
            log.error("unexpected failure opening %s", path, exc_info=exc if isinstance(exc, BaseException) else None)
            self.show_message(f"{path.name} could not be opened (an internal error; see the log).", "error")

    def _ask_password(self, path: Path, exc: PasswordRequired) -> None:
        dlg = QInputDialog(self)
        dlg.setWindowTitle("Password required")
        dlg.setLabelText(
            f"Wrong password. Try again for {path.name}:" if exc.wrong else f"{path.name} is encrypted. Password:"
        )
        dlg.setTextEchoMode(QLineEdit.EchoMode.Password)
        dlg.textValueSelected.connect(lambda pw: self.open_path(path, pw))
        dlg.rejected.connect(lambda: self.show_message(f"{path.name} was not opened: it needs its password.", "warning"))
        dlg.finished.connect(dlg.deleteLater)
        if exc.wrong:
            self.show_message(f"Wrong password for {path.name}.", "error")
        self.password_dialog = dlg
        dlg.open()

    def _show_pages(self, pages: PdfPages, password: str | None) -> None:
        self._leave_document()
        if self.pdf_pages is not None:
            self.pdf_pages.close()
        self.pdf_pages, self._pdf_password = pages, password
        self.session = None
        self.page_mode = True
        self.stack.setCurrentWidget(self.page_view)  # shown first: fit-width needs its real width
        self.page_view.set_pages(pages, password)
        self.page_box.blockSignals(True)
        self.page_box.setRange(1, pages.count)
        self.page_box.setValue(1)
        self.page_box.blockSignals(False)
        self.page_count_label.setText(f" / {pages.count} ")
        self.page_mode = True
        self.stack.setCurrentWidget(self.page_view)
        self._set_pdf_controls(True)
        self.page_action.blockSignals(True)
        self.page_action.setChecked(True)
        self.page_action.blockSignals(False)
        self.export_pdf_action.setEnabled(False)  # until the text (and notes) are in
        self.setWindowTitle(f"{pages.name} — Reader")
        self.doc_info.setText(f"PDF · {pages.count} pages · reading the text…")
        self._fill_contents(pages)

    def _show(self, doc: Document) -> None:
        if doc.kind != "pdf" or self.pdf_pages is None or self.pdf_pages.path != doc.path:
            self._leave_document()
            if doc.kind != "pdf":
                self._leave_pdf()
        self.doc = doc
        self.session = None
        self.find_hits, self.find_index = [], -1
        self._render()
        if doc.kind == "pdf":
            self.page_view.set_document(doc)
            self.export_pdf_action.setEnabled(True)
        self.setWindowTitle(f"{doc.title} — Reader")
        kind = {"pdf": "PDF", "markdown": "Markdown", "text": "Text", "web": "Web page", "epub": "EPUB"}.get(doc.kind, doc.kind)
        pages = f" · {doc.page_count} pages" if doc.page_count else ""
        enc = f" · {loaders.encoding_label(doc.encoding)}" if doc.kind != "pdf" else ""
        self.doc_info.setText(f"{kind}{pages} · {len(doc.text):,} characters{enc}")
        self.banner.hide()
        for w in doc.warnings:
            self.show_message(w, "warning")
        self.panel.set_highlights([])
        self.editor.load(None)
        if self.store is not None:
            self._attach_session()
        elif self.view.painted or (self._page_view is not None and self._page_view.painted):
            QTimer.singleShot(0, self.ensure_store)
        # else: the notes file opens after the first frame (firstPainted)

    def _leave_pdf(self) -> None:
        if self._page_view is not None:
            self._page_view.shutdown()
        if self.pdf_pages is not None:
            self.pdf_pages.close()
            self.pdf_pages = None
        self.page_mode = False
        self.stack.setCurrentWidget(self.view)
        self._set_pdf_controls(False)
        self.export_pdf_action.setEnabled(False)
        if self._panels_built:
            self._fill_contents(None)

    def _set_pdf_controls(self, on: bool) -> None:
        self.pdf_controls.setVisible(on)
        for a in (self.page_action, self.zoom_in_action, self.zoom_out_action, self.fit_width_action,
                  self.fit_page_action):
            a.setEnabled(on)
        if not on:
            self.page_count_label.setText(" / – ")

    @property
    def current_view(self) -> ReadingView | PageView:
        """Where the person is reading: the page view or the text view."""
        return self.page_view if self.page_mode and not self.original else self.view

    @Slot(bool)
    def set_page_mode(self, on: bool) -> None:
        if self.pdf_pages is None:
            self.page_action.setChecked(False)
            return
        if on == self.page_mode:
            return
        top = self.current_view.top_offset()
        if on and self.original:
            self.set_original(False)
        self.page_mode = on
        if not on:
            self._ensure_text_view()
        self.stack.setCurrentWidget(self.page_view if on else self.view)
        if self.doc is not None and self.doc.words:
            self.current_view.scroll_to(top, top=True)
        if self.page_action.isChecked() != on:
            self.page_action.setChecked(on)

    @Slot(int)
    def _page_changed(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)

    def _fill_contents(self, pages: PdfPages | None) -> None:
        """The Contents tab: a PDF's outline, else the document's headings,
        chapter lines or EPUB table of contents."""
        from reader.contents import contents
        from reader.ui import contents as contents_tab

        self._build_panels()
        toc = pages.toc() if pages is not None else []
        entries = contents(self.doc) if not toc and self.doc is not None and self.doc.kind != "pdf" else []
        shown = contents_tab.fill(self.contents, toc, entries)
        idx = self.tabs.indexOf(self.contents)
        if shown and idx < 0:
            self.tabs.insertTab(1, self.contents, "Contents")
        elif not shown and idx >= 0:
            self.tabs.removeTab(idx)

    @Slot(QTreeWidgetItem, int)
    def _contents_clicked(self, item: QTreeWidgetItem, _col: int) -> None:
        from reader.ui.contents import offset_of

        offset = offset_of(item)
        if offset is not None:
            self.view.scroll_to(offset, top=True)
            return
        page = item.data(0, Qt.ItemDataRole.UserRole)
        if self.page_mode:
            self.page_view.go_to_page(page)
        elif self.doc is not None:
            marker = next((b for b in self.doc.blocks if b.kind == "page" and b.page == page), None)
            if marker is not None:
                self.view.scroll_to(marker.start, top=True)

    def _import_pdf_annotations(self) -> None:
        assert self.session is not None and self.doc is not None
        try:
            n = self.session.import_annotations(self.doc.annotations)
        except StorageError as exc:
            self.show_message(str(exc), "error")
            return
        if n:
            self.show_message(f"Imported {n} highlight{'s' if n != 1 else ''} already in this PDF "
                              "(marked as imported).", "info")

    @Slot()
    def export_annotated_pdf(self, path: str | None = None) -> None:
        if self.session is None or self.pdf_pages is None:
            self.show_message("Open a PDF first.", "info")
            return
        if path is None:
            default = str(self.doc.path.with_name(self.doc.path.stem + " (annotated).pdf")) if self.doc else ""
            path, _ = QFileDialog.getSaveFileName(self, "Export annotated PDF", default, "PDF (*.pdf)")
            if not path:
                return
        if Path(path).resolve() == Path(self.session.record.path).resolve():
            self.show_message("Choose another file name: Reader never overwrites the PDF you are reading.", "warning")
            return
        try:
            n = self.pdf_pages.export_annotated(self.session.highlights, Path(path))
        except DocumentError as exc:
            self.show_message(str(exc), "error")
            return
        self.show_message(f"Wrote {path} with {n} highlight annotation{'s' if n != 1 else ''}.", "info")

    # -- find in document ------------------------------------------------------------

    def _build_find_bar(self) -> QWidget:
        bar = QWidget()
        bar.setObjectName("findBar")
        lay = QHBoxLayout(bar)
        lay.setContentsMargins(10, 4, 10, 4)
        self.find_field = QLineEdit()
        self.find_field.setPlaceholderText("Find in document")
        self.find_field.setClearButtonEnabled(True)
        self.find_count = QLabel("")
        prev_b, next_b, close_b = QPushButton("Previous"), QPushButton("Next"), QPushButton("Close")
        for w in (self.find_field, self.find_count, prev_b, next_b, close_b):
            lay.addWidget(w)
        lay.setStretch(0, 1)
        self.find_field.textChanged.connect(self._find_changed)
        self.find_field.returnPressed.connect(lambda: self.find_step(1))
        prev_b.clicked.connect(lambda: self.find_step(-1))
        next_b.clicked.connect(lambda: self.find_step(1))
        close_b.clicked.connect(self.hide_find)
        bar.hide()
        return bar

    @Slot()
    def show_find(self) -> None:
        self.find_bar.show()
        self.find_field.setFocus()
        self.find_field.selectAll()

    @Slot()
    def hide_find(self) -> None:
        self.find_bar.hide()
        self.find_hits, self.find_index = [], -1
        self._show_find_marks()

    @Slot(str)
    def _find_changed(self, text: str) -> None:
        self.find_hits, self.find_index = [], -1
        needle = " ".join(text.split()).casefold()
        if self.doc is not None and needle:
            hay = self.doc.text.replace("\u2028", " ").casefold()
            if len(hay) == len(self.doc.text):
                i = hay.find(needle)
                while i != -1 and len(self.find_hits) < 10000:
                    self.find_hits.append((i, i + len(needle)))
                    i = hay.find(needle, i + 1)
        self.find_step(1, first=True)

    def find_step(self, direction: int, first: bool = False) -> None:
        if self.find_hits:
            if first:
                top = self.current_view.top_offset()
                self.find_index = next((k for k, (s, _e) in enumerate(self.find_hits) if s >= top), 0)
            else:
                self.find_index = (self.find_index + direction) % len(self.find_hits)
            s, _e = self.find_hits[self.find_index]
            self.current_view.scroll_to(s)
            self.find_count.setText(f"{self.find_index + 1} of {len(self.find_hits)}")
        else:
            self.find_count.setText("No matches" if self.find_field.text().strip() else "")
        self._show_find_marks()

    def _show_find_marks(self) -> None:
        if self._page_view is not None:
            self._page_view.set_find(self.find_hits, self.find_index)
        if not self.original:
            marks = []
            for k, (s, e) in enumerate(self.find_hits[:5000]):
                f = QTextCharFormat()
                f.setBackground(QColor("#ff9800" if k == self.find_index else "#ffe066"))
                marks.append((s, e, f))
            self.view.set_marks(marks)

    def _render(self) -> None:
        """Show self.doc, repaired or (View > Show Original Text) as converted.
        A PDF read on its pages gets its text view only when someone turns to
        it: laying out a thousand pages of text would freeze the window."""
        assert self.doc is not None
        raw = self.doc.raw
        if self.page_mode and not self.original and self.doc.kind == "pdf":
            self._text_view_stale = True
            return
        self._text_view_stale = False
        if self.original and raw is not None:
            self.view.set_document(raw)
            self.view.set_marks(self._repair_marks())
        else:
            self.view.set_document(self.doc)
        if self.session is not None:
            self.view.set_highlights(self._view_highlights())

    def _ensure_text_view(self) -> None:
        if getattr(self, "_text_view_stale", False) and self.doc is not None:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self._render()
            finally:
                QGuiApplication.restoreOverrideCursor()

    def _view_highlights(self) -> list[Highlight]:
        hs = self.session.highlights if self.session else []
        if not (self.original and self.doc is not None and self.doc.raw is not None):
            return hs
        from dataclasses import replace

        from reader.repair import to_raw

        return [replace(h, start=to_raw(self.doc, h.start), end=to_raw(self.doc, h.end)) for h in hs]

    def _repair_marks(self) -> list[tuple[int, int, QTextCharFormat]]:
        assert self.doc is not None
        marks = []
        for r in self.doc.repairs:
            f = QTextCharFormat()
            if r.removed or r.kind == "hyphen":
                f.setBackground(QColor("#f7d4cf"))
                f.setFontStrikeOut(True)
                f.setToolTip(f"Removed: {r.detail}")
                start, end = r.raw_start, r.raw_end
            elif r.kind == "join":
                f.setBackground(QColor("#fde7a8"))
                f.setToolTip(r.detail)
                start, end = max(0, r.raw_start - 1), r.raw_start  # the last character before the split
            else:
                f.setBackground(QColor("#dde9f8"))
                f.setToolTip(r.detail)
                start, end = r.raw_start, r.raw_end
            marks.append((start, end, f))
        return marks

    @Slot(bool)
    def set_original(self, on: bool) -> None:
        if self.doc is None or on == self.original:
            return
        if on and self.doc.raw is None:
            self.original_action.setChecked(False)
            return
        top = self.current_view.top_offset()
        from reader.repair import to_raw, to_repaired

        self.original = on
        if on and self.page_mode:
            self.stack.setCurrentWidget(self.view)
        elif not on and self.page_mode:
            self.stack.setCurrentWidget(self.page_view)
        self._render()
        if on:
            self.view.scroll_to(to_raw(self.doc, top), top=True)
            self.statusBar().showMessage(
                "The page's full text, as saved." if self.doc.kind == "web"
                else "Original text: red was removed, yellow was joined, blue was restyled.", 6000)
        else:
            back = to_repaired(self.doc, top)
            self.view.scroll_to(back if back is not None else 0, top=True)
        if self.original_action.isChecked() != on:
            self.original_action.setChecked(on)

    @Slot(str, bool)
    def set_repair_applied(self, ident: str, applied: bool) -> None:
        if self.session is None:
            return
        try:
            self.doc = self.session.set_repair_applied(ident, applied)
        except StorageError as exc:
            self.show_message(str(exc), "error")
            return
        top = self.view.top_offset()
        self._render()
        self.view.scroll_to(top, top=True)
        self._update_repairs()
        self.refresh(self.panel.current_id())
        self.start_analysis()
        self.statusBar().showMessage("Repair applied." if applied else "Repair undone: the original text is back.", 4000)

    @Slot(int)
    def show_raw_offset(self, raw_offset: int) -> None:
        self.set_original(True)
        end = raw_offset + 1
        if self.doc is not None and self.doc.raw is not None:
            blk = self.doc.raw.block_at(raw_offset)
            end = blk.end if blk is not None else end
        self.view.scroll_to(raw_offset, flash_to=max(end, raw_offset + 1))

    def _update_repairs(self) -> None:
        doc = self.doc
        if doc is None or doc.raw is None:
            self.repairs_panel.set_repairs([], [], "")
            return
        restored: list = []
        if self.session is not None and self.session.restored:
            from reader.repair import repair

            wanted = set(self.session.restored)
            restored = [r for r in repair(doc.raw).repairs if r.ident in wanted]
        self.repairs_panel.set_repairs(doc.repairs, restored, doc.raw.text)

    # -- search -------------------------------------------------------------------

    @Slot()
    def show_search(self) -> None:
        self._build_panels()
        if not self.tabs.isVisible():
            self.panel_action.setChecked(True)
        self.tabs.setCurrentWidget(self.search_panel)
        self.search_panel.query.setFocus()
        self.search_panel.query.selectAll()

    @Slot(str)
    def _toolbar_search(self, text: str) -> None:
        self._build_panels()
        if self.tabs.currentWidget() is not self.search_panel:
            self.tabs.setCurrentWidget(self.search_panel)
        self.search_panel.query.setText(text)

    @Slot()
    def _toolbar_enter(self) -> None:
        self._build_panels()
        self.search_panel.query.returnPressed.emit()

    @Slot(str, int)
    def open_highlight(self, path: str, highlight_id: int) -> None:
        """Open a search result: its document if need be, then the passage, flashing."""
        if self.doc is not None and str(self.doc.path) == path and self.session is not None:
            self.jump_to_highlight(highlight_id)
            return
        if not Path(path).exists():
            self.show_message(f"That note's document is no longer at {path}. Open it from its new place "
                              "and its notes come back.", "warning")
            return
        self._pending_jump = highlight_id
        self.open_path(path)

    # -- claims and quotes ----------------------------------------------------------

    def start_analysis(self) -> None:
        """Find claims and quotes off the GUI thread; the panel fills when done."""
        doc = self.doc
        if doc is None or self.closing:
            return
        if self._analysis_task is not None:
            self._analysis_task.cancelled = True
        self.analysis = None
        self.analysis_panel.set_busy("Finding claims and quotes…")

        def work(progress: Callable[[int, int], None]) -> Analysis:
            from reader.analysis import analyse

            return analyse(doc, progress)

        task = Task(work, self)
        task.succeeded.connect(lambda result, t=task, d=doc: self._analysis_done(t, d, result))
        task.failed.connect(lambda exc, t=task: self._analysis_failed(t, exc))
        task.finished.connect(task.deleteLater)
        self._analysis_task = task
        task.start()

    def _analysis_done(self, task: Task, doc: Document, result: Analysis) -> None:
        if task is not self._analysis_task or doc is not self.doc:
            return  # a stale run: the document changed meanwhile
        self._analysis_task = None
        self.analysis = result
        reviews = {}
        if self.session is not None:
            try:
                reviews = self.store.claim_reviews(self.session.doc_id) if self.store else {}
            except StorageError as exc:
                self.show_message(str(exc), "error")
        hs = self.session.highlights if self.session else []
        self.analysis_panel.set_analysis(result, reviews, [(h.start, h.end) for h in hs if not h.orphaned])

    def _analysis_failed(self, task: Task, exc: object) -> None:
        if task is self._analysis_task:
            self._analysis_task = None
            log.error("analysis failed", exc_info=exc if isinstance(exc, BaseException) else None)
            self.analysis_panel.set_busy("Claims and quotes could not be found in this document (see the log).")

    @Slot(int, int)
    def jump_to_range(self, start: int, end: int) -> None:
        if self.original:
            self.set_original(False)
        self.current_view.scroll_to(start, flash_to=end)

    @Slot(str, int, int, str)
    def highlight_finding(self, kind: str, start: int, end: int, speaker: str) -> None:
        claim_key = None
        if kind == "claim" and self.analysis is not None:
            claim_key = next((c.key for c in self.analysis.claims if (c.start, c.end) == (start, end)), None)
        """A claim or quote becomes a highlight tagged for it, ready for a note."""
        session = self._require_session()
        if session is None or self.original:
            return
        existing = next((h for h in session.highlights if h.start == start and h.end == end), None)
        if existing is not None:
            self.tabs.setCurrentIndex(0)
            self.select_highlight(existing.id, focus_note=True)
            return
        tags = ["claim"] if kind == "claim" else ["quote", *([speaker] if speaker else [])]
        color = "orange" if kind == "claim" else "blue"
        cmd = CreateHighlight(session, self.refresh, start, end, color, "", tags, origin=kind, claim_key=claim_key)
        if self._push(cmd) and cmd.created is not None:
            self.tabs.setCurrentIndex(0)
            self.select_highlight(cmd.created.id, focus_note=True)
            self.current_view.scroll_to(start, flash_to=end)

    @Slot(str, str, str, str)
    def _save_review(self, key: str, status: str, note: str, source: str) -> None:
        if self.session is None or self.store is None:
            return
        try:
            review = self.store.set_claim_review(self.session.doc_id, key, status, note, source)
        except (StorageError, ValueError) as exc:
            self.show_message(str(exc), "error")
            return
        self.analysis_panel.set_review(review)
        self.statusBar().showMessage(f"Claim marked {status}.", 3000)

    def _leave_document(self) -> None:
        if self.session is None:
            return
        if self.editor.dirty():
            self.editor.save()
        self._save_position(self.current_view.top_offset())

    # -- highlights -------------------------------------------------------------------

    def refresh(self, current: int | None) -> None:
        if self.session is None:
            return
        hs = self.session.highlights
        if not getattr(self, "_text_view_stale", False):
            self.view.set_highlights(self._view_highlights())
        if self._page_view is not None:
            self._page_view.set_highlights(hs)
        self.panel.set_highlights(hs, current=current)
        self.analysis_panel.set_highlighted([(h.start, h.end) for h in hs if not h.orphaned])
        self.editor.load(self.session.highlight(current) if current is not None else None)
        if self.store is not None:
            try:
                self.editor.completer.set_tags([t for t, _n in self.store.tags()])
            except StorageError as exc:
                self.show_message(str(exc), "error")
            self.search_panel.refresh_lists()

    def _require_session(self) -> Session | None:
        if self.session is None:
            self.ensure_store()
        if self.session is None:
            self.show_message("Notes cannot be saved right now (the notes file is unavailable).", "error")
        return self.session

    def _push(self, command: _Step) -> bool:
        self.undo_stack.push(command)
        if command.error is None:
            return True
        err = command.error
        self.show_message(str(err) if isinstance(err, StorageError | ValueError) else f"That did not work: {err}", "error")
        if self.session is not None:
            try:
                self.session.reload()
                self.refresh(None)
            except StorageError:
                pass
        return False

    def highlight_selection(self, color: str = "yellow", note: str = "", tags: list[str] | None = None) -> Highlight | None:
        if self.original:
            self.show_message("This is the original text; switch back to the reading view to highlight.", "info")
            return None
        rng = self.current_view.selection_range()
        if rng is None:
            cur = self.panel.current_id()
            if cur is not None:
                self._recolor(cur, color)
            else:
                self.statusBar().showMessage("Select some text first, then choose a colour.", 4000)
            return None
        session = self._require_session()
        if session is None:
            return None
        cmd = CreateHighlight(session, self.refresh, rng[0], rng[1], color, note, tags)
        if not self._push(cmd) or cmd.created is None:
            return None
        if self.page_mode and not self.original:
            self.page_view.clear_selection()
        else:
            c = self.view.textCursor()
            c.clearSelection()
            self.view.setTextCursor(c)
        self.statusBar().showMessage(f"Highlighted in {color}. Ctrl+Z undoes.", 4000)
        return cmd.created

    @Slot()
    def highlight_and_note(self) -> None:
        h = self.highlight_selection("yellow")
        if h is not None:
            self.select_highlight(h.id, focus_note=True)

    @Slot(int)
    def _on_color_key(self, n: int) -> None:
        if 1 <= n <= len(style.COLOR_NAMES):
            self.highlight_selection(style.COLOR_NAMES[n - 1])

    @Slot(int)
    def _on_offset_clicked(self, offset: int) -> None:
        if self.session is None:
            return
        h = self.session.highlight_at(offset)
        if h is not None:
            self.select_highlight(h.id)

    def select_highlight(self, highlight_id: int, focus_note: bool = False) -> None:
        if self.session is None:
            return
        if self.editor.dirty() and self.editor.highlight_id != highlight_id:
            self.editor.save()
        self.panel.select(highlight_id)
        self.editor.load(self.session.highlight(highlight_id))
        if focus_note:
            self.editor.note.setFocus()

    @Slot(int)
    def jump_to_highlight(self, highlight_id: int) -> None:
        if self.session is None:
            return
        h = self.session.highlight(highlight_id)
        if h is None:
            return
        self.select_highlight(highlight_id)
        if h.orphaned:
            self.statusBar().showMessage("This highlight's text is not in this version of the document.", 5000)
            return
        self.current_view.scroll_to(h.start, flash_to=h.end)

    @Slot(int, str, list)
    def _save_note(self, highlight_id: int, note: str, tags: list[str]) -> None:
        if self.session is None:
            return
        h = self.session.highlight(highlight_id)
        if h is None or (h.note == note and h.tags == tags):
            return
        if self._push(EditHighlight(self.session, self.refresh, h, note=note, tags=tags)):
            self.statusBar().showMessage("Note saved.", 3000)

    @Slot(int, str)
    def _recolor(self, highlight_id: int, color: str) -> None:
        if self.session is None:
            return
        h = self.session.highlight(highlight_id)
        if h is not None and h.color != color:
            self._push(EditHighlight(self.session, self.refresh, h, color=color))

    @Slot(int)
    def delete_highlight(self, highlight_id: int) -> None:
        if self.session is None:
            return
        h = self.session.highlight(highlight_id)
        if h is not None and self._push(DeleteHighlight(self.session, self.refresh, h)):
            self.statusBar().showMessage("Highlight deleted. Ctrl+Z brings it back.", 4000)

    @Slot()
    def _delete_current(self) -> None:
        cur = self.panel.current_id()
        if cur is not None:
            self.delete_highlight(cur)

    # -- position, links, export, drops, close ----------------------------------------------

    @Slot(int)
    def _save_position(self, offset: int) -> None:
        if self.session is None:
            return
        try:
            self.session.save_position(offset)
        except StorageError as exc:
            log.warning("position not saved: %s", exc)

    @Slot(str)
    def _open_link(self, href: str) -> None:
        if href.startswith("#") and self.doc is not None:
            target = href[1:]
            for b in self.doc.blocks:
                if b.ident == target:
                    self.view.scroll_to(b.start, flash_to=b.end)
                    return
            return
        # everything else leaves the document: reader/ui/link_dialog.py asks (files are never run)
        where = self.doc.path if self.doc is not None else self.pdf_pages.path if self.pdf_pages is not None else None
        self.link_box = link_box(self, href, where.parent if where is not None else Path.cwd())

    @Slot()
    def export_notes(self) -> None:
        from reader.ui.exporting import choose_and_export

        choose_and_export(self)

    @Slot()
    def import_notes(self) -> None:
        from reader.ui.exporting import choose_and_import

        choose_and_import(self)

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
    @Slot()
    def show_library(self) -> None:
        from reader.ui.library import show_library

        show_library(self)

    def shutdown(self) -> None:
        """Save what is pending, stop every thread, close the notes file.
        Runs on close and on application quit; safe to call twice."""
        self.closing = True  # callbacks already queued must not start new work
        self.notes_care.shutdown()
        self._leave_document()
        if self._page_view is not None:
            self._page_view.shutdown()
        if self._panels_built:
            self.search_panel.shutdown()
        for task in (self._task, self._analysis_task):
            if task is not None and task.isRunning():
                task.cancelled = True
                task.wait(10000)
        self._task = self._analysis_task = None
        if self.store is not None:
            self.store.close()
            self.store = None
            self.session = None
