"""Sync in the window: File > Sync Now, the status-bar line, background sync, and the Group tab.

Wired by one call, :func:`attach_sync`, after the first frame (psycopg loads only
when a sync runs, in its own thread with its own connection to the notes file).
The status line says when the last sync was, how many changes wait, and the
last error in one line. The Group tab lists the open document's highlights,
yours and those your groups shared, with each author's name, filtered Mine /
Group / All, and the members' claim reviews.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QListView, QMenu, QPushButton, QVBoxLayout, QWidget

from notes_db import StorageError
from reader.ui import messages

if TYPE_CHECKING:
    from reader.ui.group_marks import GroupMarks, PageGroupMarks
    from reader.ui.main_window import MainWindow

log = logging.getLogger("reader.ui.sync")

FILTERS = ("All", "Mine", "Group")


@dataclass
class Row:
    author: str  # "" for the person's own
    kind: str  # "highlight" | "review"
    text: str
    note: str
    start: int = -1
    end: int = -1
    status: str = ""  # a review's


class GroupModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            who = r.author or "you"
            text = " ".join(r.text.split())
            text = text if len(text) <= 90 else text[:89] + "…"
            line = f"{who}: {r.status + ', ' if r.kind == 'review' else ''}“{text}”"
            return line + (f"\n    {' '.join(r.note.split())[:140]}" if r.note else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.note or r.text
        return None


class GroupPanel(QWidget):
    """The open document's highlights by author; clicking one shows it in the text."""

    activated = Signal(int, int)
    shown = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.filter = QComboBox()
        self.filter.addItems(FILTERS)
        self.filter.setToolTip("Show your highlights, your groups', or both")
        self.model = GroupModel()
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setObjectName("hint")
        self.groups_button = QPushButton("Groups…")  # who is in your groups; take someone out
        self.groups_button.setToolTip("Your groups on the sync server and their members; remove a member")
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.groups_button)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.empty)
        self._mine: list[Row] = []
        self._group: list[Row] = []
        self.filter.currentTextChanged.connect(self._show)
        self.list.clicked.connect(self._clicked)
        self.list.activated.connect(self._clicked)
        self._show()

    def set_rows(self, mine: list[Row], group: list[Row]) -> None:
        self._mine, self._group = mine, group
        self._show()

    def showEvent(self, e: QShowEvent) -> None:  # noqa: N802
        super().showEvent(e)
        self.shown.emit()

    def _show(self, *_args: object) -> None:
        which = self.filter.currentText()
        rows = (self._mine if which != "Group" else []) + (self._group if which != "Mine" else [])
        rows.sort(key=lambda r: (r.kind != "highlight", r.start, r.author))
        self.model.set_rows(rows)
        self.empty.setText("" if rows else (
            "Nothing shared with your groups on this document yet. Share with 'reader share PATH --group NAME'."
            if which == "Group" else "No highlights here yet."))
        self.empty.setVisible(not rows)

    @Slot(QModelIndex)
    def _clicked(self, index: QModelIndex) -> None:
        r = self.model.rows[index.row()]
        if r.start >= 0:
            self.activated.emit(r.start, r.end)


class SyncStatus(QObject):
    """The Sync action, the status-bar line and the background timer for one window."""

    finished = Signal(object, str)  # report or None, error text

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.label = QLabel()
        self.label.setObjectName("syncStatus")
        self.label.setContentsMargins(14, 0, 4, 0)
        self.action = QAction("S&ync Now", window)
        self.action.setShortcut(QKeySequence("Ctrl+Alt+S"))
        self.action.setStatusTip("Send your changes to the sync server and receive the others'")
        self.action.triggered.connect(self.sync_now)
        self.panel = GroupPanel()
        self.panel.activated.connect(window.marks.jump_to_range)
        self.panel.shown.connect(self._panel_shown)
        #: The person's highlights changed while the Group tab was not on screen: its list is old.
        self.mine_stale = False
        self.panel.groups_button.clicked.connect(self.open_groups)
        self.groups_dialog: Any = None  # the Groups dialog last opened (reader/ui/group_members.py)
        self.running = False
        self.last = ""
        self.error = ""
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self.finished.connect(self._done)
        self.timer = QTimer(self)  # background sync, when configured
        self.timer.timeout.connect(self.sync_now)
        self.marks: GroupMarks | None = None  # set by attach_sync
        self.page_marks: PageGroupMarks | None = None  # made with the page view
        self.group_timer = QTimer(self)  # one Group tab refresh for a burst of edits
        self.group_timer.setSingleShot(True)
        self.group_timer.setInterval(150)
        self.group_timer.timeout.connect(self.refresh_group)
        self.ticker = QTimer(self)  # keeps "N pending" current
        self.ticker.setInterval(3000)
        self.ticker.timeout.connect(self.update_label)
        self.ticker.start()
        self.configure()

    # -- configuration and status line --------------------------------------------

    def configure(self) -> None:
        from notes_db.sync import config

        seconds = config.auto_interval()
        if seconds and config.server_url():
            self.timer.start(seconds * 1000)
        else:
            self.timer.stop()
        self.update_label()

    def _replica(self) -> Any:
        store = self.window.controller.store
        if store is None:
            return None
        from notes_db.sync.local import Replica

        return Replica(store)

    @Slot()
    def update_label(self) -> None:
        from notes_db.sync import config

        replica = self._replica()
        try:
            pending = replica.pending() if replica is not None else 0
            if replica is not None and not self.last:
                self.last = replica.get("last_sync")
                self.error = self.error or replica.get("last_error")
        except StorageError:
            pending = 0
        pend = f" · {pending} pending" if pending else ""
        if self.running:
            text = "Syncing…"
        elif not config.server_url():
            text = "Sync: off"  # never set up: changes are not "pending" anything
            self.label.setToolTip("Set a server once with: reader sync --server postgresql://user:password@host/db")
        elif self.error:
            text = f"Sync failed{pend}: {self.error}"
        else:
            text = (f"Synced {_when(self.last)}" if self.last else "Not synced yet") + pend
        if self.error or config.server_url():
            self.label.setToolTip(self.error or f"Last sync: {self.last or 'never'}")
        self.label.setText(text if len(text) <= 110 else text[:109] + "…")

    # -- syncing ----------------------------------------------------------------

    @Slot()
    def sync_now(self) -> None:
        from notes_db.sync import config

        if self.running or self.window.controller.closing:
            return
        url = config.server_url()
        if not url:
            self.error = "no sync server yet (reader sync --server postgresql://…)"
            self.update_label()
            return
        self.running = True
        self._cancel.clear()
        self.update_label()
        db_path = Path(self.window.controller.db_path)
        self._thread = threading.Thread(target=self._work, args=(db_path, url), name="reader-sync", daemon=True)
        self._thread.start()

    def _work(self, db_path: Path, url: str) -> None:
        from notes_db.store import NotesDB
        from notes_db.sync.client import SyncError, sync

        try:
            with NotesDB(db_path) as store:
                report = sync(store, url, cancel=self._cancel)
        except (SyncError, StorageError) as exc:
            self.finished.emit(None, str(exc))
        except Exception as exc:  # a bug must not kill the window; shown in one line
            log.exception("sync failed")
            self.finished.emit(None, f"Sync failed unexpectedly ({type(exc).__name__}).")
        else:
            self.finished.emit(report, "")

    @Slot(object, str)
    def _done(self, report: Any, error: str) -> None:
        self.running = False
        self._thread = None
        if self.window.controller.closing:
            return
        self.error = error
        if report is not None:
            self.last = report.when
            if report.pulled and self.window.session is not None:
                try:
                    self.window.session.reload()  # the views hear of it as a reset
                except StorageError as exc:
                    messages.error(str(exc))
            self._corrections_pulled(report.corrected)
            self.refresh_group()
        self.update_label()

    def _corrections_pulled(self, doc_ids: list[int]) -> None:
        """Another device corrected quotes of the open document: laid over its analysis again and announced as
        a correction made here is (the controller's ``quotesCorrected``: the Claims panel moves their entries)."""
        ctl = self.window.controller
        if ctl.session is not None and ctl.session.doc_id in doc_ids:
            from reader.ui.quote_ops import take_stored_corrections

            take_stored_corrections(ctl)  # (once: the look for other programs' writes may have taken them)

    def shutdown(self) -> None:
        self.timer.stop()
        self.group_timer.stop()
        self.ticker.stop()
        self._cancel.set()
        thread = self._thread
        if thread is not None:
            thread.join(10)

    # -- the Group tab --------------------------------------------------------------

    @Slot()
    def open_groups(self) -> None:
        from reader.ui.group_members import open_groups

        self.groups_dialog = open_groups(self.window)

    def mine_changed(self) -> None:
        """The person's highlights changed: the Group tab's list ('Mine' too) follows when it is
        seen, not after every key press and note on a tab nobody looks at (10,000 rows are tens
        of milliseconds of the window's time). The group's own marks do not change with them."""
        if self.panel.isVisible():
            self.group_timer.start()
        else:
            self.mine_stale = True

    @Slot()
    def _panel_shown(self) -> None:
        if self.mine_stale:
            self.group_timer.stop()
            self.refresh_group()

    @Slot()
    def refresh_group(self, *_args: object) -> None:
        self.mine_stale = False
        session = self.window.session
        replica = self._replica()
        if session is None or replica is None:
            self.panel.set_rows([], [])
            if self.marks is not None:
                self.marks.set_marks([])
            if self.page_marks is not None:
                self.page_marks.set_marks([])
            return
        mine = [Row("", "highlight", h.exact, h.note, h.start, h.end) for h in session.highlights if not h.orphaned]
        try:
            group = [Row(g.author, "highlight", g.highlight.exact, g.highlight.note, g.highlight.start, g.highlight.end)
                     for g in replica.group_highlights(session.doc_id)]
            words = replica.group_claim_words(session.doc_id)
            for key, reviews in replica.group_reviews(session.doc_id).items():
                for author, status, note in reviews:
                    group.append(Row(author, "review", words.get(key, key), note, status=status))
        except StorageError as exc:
            messages.error(str(exc))
            group = []
        self.panel.set_rows(mine, group)
        marks = [(r.author, r.start) for r in group if r.kind == "highlight" and r.start >= 0]
        if self.marks is not None:
            self.marks.set_marks(marks)
        pages = self.window.pdf.made_page_view  # made only for PDFs, on first use
        if pages is not None and self.page_marks is None:
            from reader.ui.group_marks import PageGroupMarks

            self.page_marks = PageGroupMarks(pages)  # the same badges on the PDF's pages
        if self.page_marks is not None:
            self.page_marks.set_marks(marks)


def _when(iso: str) -> str:
    try:
        t = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    now = datetime.now().astimezone()
    return t.strftime("%H:%M" if t.date() == now.date() else "%d %b %H:%M")


def attach_sync(window: MainWindow) -> SyncStatus:
    """Add the Sync action (File menu), the status-bar line and the Group tab to ``window``."""
    status = SyncStatus(window)
    window.statusBar().addPermanentWidget(status.label)
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and action.text().replace("&", "") == "File":
            if menu.actions():
                menu.insertAction(menu.actions()[-1], status.action)  # above Quit
            else:
                menu.addAction(status.action)
            break
    window.addAction(status.action)
    window.tabs.addTab(status.panel, "Group")
    from reader.ui.group_marks import GroupMarks

    status.marks = GroupMarks(window.view)  # the group's highlights in the margin, with initials
    # after the first screen: 'Mine' lists every highlight (10,000 rows cost ~40 ms), on a tab not shown yet
    window.documentShown.connect(lambda _doc: status.group_timer.start())
    window.controller.highlightsChanged.connect(lambda _change: status.mine_changed())  # "Mine" stays current
    return status
