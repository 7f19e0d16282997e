"""The Search tab: every highlight, note and tag in every document.

Queries run on a worker thread with its own connection (WAL lets it read while
the window writes); a newer query makes older ones stale, and stale results
are dropped unseen.

SearchPanel signals:
    openRequested(str, int): a result's document path and highlight id.
    searchRequested(int, str, str, bool): request id, query, order, related (to the worker).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMetaObject, QObject, QSize, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from notes_db import StorageError
from notes_db.paths import file_in_folder
from reader.note_lines import signed_lines
from reader.ui import style
from reader.ui.annotations import HighlightCard
from reader.ui.figures import count
from reader.ui.flow import FlowLayout

if TYPE_CHECKING:
    from notes_db.search import Hit, Results
    from notes_db.store import NotesDB

# The marks notes_db.search puts around matched words (kept equal by a test).
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"

log = logging.getLogger("reader.ui.search")


#: A note's lines a result card shows; the rest go on the last, after "↵" (as the annotations list's cards).
NOTE_LINES = 4


def _html(marked: str, limit: int, lines: bool = False) -> str:
    """``marked`` (a passage, or with ``lines`` a note: its lines kept, each signed line ending the one before)
    as a result card's rich text, cut to about ``limit`` characters around the first matched word."""
    if lines:
        kept = [" ".join(line.split()) for line in signed_lines(marked)]
        kept = kept if len(kept) <= NOTE_LINES else [*kept[:NOTE_LINES - 1], "  ↵  ".join(kept[NOTE_LINES - 1:])]
        text = "\n".join(kept)
    else:
        text = " ".join(marked.replace("\u2028", " ").split())
    if len(text) > limit:
        first = text.find(MARK_OPEN)
        start = max(0, first - limit // 3) if first > limit // 2 else 0
        text = ("…" if start else "") + text[start:start + limit] + "…"
    esc = html.escape(text).replace("\n", "<br>")
    # its own ink: in the dark theme the label's light text on the pale mark could not be read
    return esc.replace(MARK_OPEN, f"<b style='background:#fff1a8; color:{style.MARK_INK}'>").replace(MARK_CLOSE, "</b>")


class SearchWorker(QObject):
    done = Signal(int, object)
    failed = Signal(int, str)

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.db_path = db_path
        self.latest = 0  # written by the GUI thread: requests older than this are skipped
        self._store: NotesDB | None = None

    @Slot(int, str, str, bool)
    def run(self, rid: int, text: str, order: str, related: bool) -> None:
        if rid < self.latest:
            return  # the person has typed on: nobody wants this answer
        try:
            if self._store is None:
                from notes_db.store import NotesDB

                self._store = NotesDB(self.db_path)
            res = self._store.search(text, limit=100, order=order, related=related)
        except StorageError as exc:
            self.failed.emit(rid, str(exc))
            return
        self.done.emit(rid, res)

    @Slot()
    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


class ResultCard(HighlightCard):
    """A search result: the highlight with its document, matched words marked."""

    def __init__(self, hit: Hit, parent: QWidget | None = None, copy: bool = False) -> None:
        h = hit.highlight
        page = f" · p. {h.page + 1}" if h.page is not None else ""
        # a copy (another document of the same title among the results) named by its folder, as the Library does
        where = f" — {file_in_folder(hit.doc_path)}" if copy and hit.doc_path else ""
        meta = f"{hit.doc_title or Path(hit.doc_path).name}{where}{page} · {h.created[:10]}"
        super().__init__(h, meta, _html(hit.passage, 260), _html(hit.note, 200, lines=True), rich=True, parent=parent)


def copied_titles(res: Results) -> set[str]:
    """The titles two or more documents among the results have (copies of one document, often one file name in
    two folders: tryout s15, three "sticky" hits looked alike): their cards name the folder and file."""
    paths: dict[str, set[str]] = {}
    for hit in res.hits:
        paths.setdefault(hit.doc_title or Path(hit.doc_path).name, set()).add(hit.doc_path)
    for r in res.reviews:
        paths.setdefault(r.doc_title, set()).add(r.doc_path)
    for q in res.quotes:
        paths.setdefault(q.doc_title, set()).add(q.doc_path)
    return {title for title, ps in paths.items() if len(ps) > 1}


def card_height(card: QWidget, width: int) -> int:
    """A result card's height at ``width`` (its labels wrap), with the list's gap below it."""
    h = card.heightForWidth(width)
    return (h if h > 0 else card.sizeHint().height()) + 4


class SearchPanel(QWidget):
    openRequested = Signal(str, int)
    rangeRequested = Signal(str, int, int)  # a reviewed claim or a quote without a highlight: path, start, end
    searchRequested = Signal(int, str, str, bool)

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidePanel")
        self.hits: list[Hit] = []
        self.results: Results | None = None
        self._rid = 0
        self._ran = ""  # the query of the latest search
        self._ran_key: tuple[str, str, bool] = ("", "", False)  # with its order and related words
        self._shown: tuple[str, str, bool] | None = None  # the query, order and related words of the list shown
        self._readable = True  # the shown results' query was read whole (Enter may open its first result)
        self._open_rid = 0  # the request Enter asked to open the first result of, once it is in
        self.store_for_lists = None  # the window's store: saved searches and tags (GUI thread)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 10, 10, 6)
        lay.setSpacing(6)
        self.query = QLineEdit()
        self.query.setPlaceholderText('Search all notes: words, "phrases", pre*, -not, tag:, color:, doc:')
        self.query.setClearButtonEnabled(True)
        from notes_db.search_help import HELP

        self.query.setToolTip(f"<pre>{html.escape(HELP)}</pre>")  # the query language, OR and minus included
        lay.addWidget(self.query)
        controls = QWidget()
        row = FlowLayout(controls)  # wraps in a narrow panel instead of cutting the labels
        self.order = QComboBox()
        self.order.addItem("Most relevant", "relevance")
        self.order.addItem("Newest first", "date")
        self.order.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # "Most relevant" whole
        self.order.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.related = QCheckBox("Related words")
        self.related.setToolTip("Also match other forms of the words: running, runs, ran → run")
        self.save_button = QPushButton("Save search")
        row.addWidget(self.order)
        row.addWidget(self.related)
        row.addWidget(self.save_button)
        lay.addWidget(controls)
        self.status = QLabel("Type to search every highlight, note and tag.")
        self.status.setObjectName("cardMeta")
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        split = QSplitter(Qt.Orientation.Vertical)
        self.list = QListWidget()
        self.list.setSpacing(3)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # cards follow its width
        self.list.viewport().installEventFilter(self)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        split.addWidget(self.list)
        browse = QWidget()
        bl = QHBoxLayout(browse)
        bl.setContentsMargins(0, 4, 0, 0)
        left, right = QVBoxLayout(), QVBoxLayout()
        saved_title = QLabel("Saved searches")
        saved_title.setObjectName("panelTitle")
        self.saved = QListWidget()
        left.addWidget(saved_title)
        left.addWidget(self.saved)
        tags_title = QLabel("Tags")
        tags_title.setObjectName("panelTitle")
        self.tag_list = QListWidget()
        right.addWidget(tags_title)
        right.addWidget(self.tag_list)
        bl.addLayout(left)
        bl.addLayout(right)
        split.addWidget(browse)
        split.setSizes([520, 160])
        lay.addWidget(split, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(120)
        self._debounce.timeout.connect(self.run)
        self.query.textChanged.connect(self._typed)
        self.query.returnPressed.connect(self._enter)
        self.clear_on_escape(self.query)
        self.order.currentIndexChanged.connect(lambda _i: self.run())
        self.related.toggled.connect(lambda _on: self.run())
        self.list.itemClicked.connect(self._open_item)
        self.list.itemActivated.connect(self._open_item)
        self.saved.itemClicked.connect(lambda it: self.query.setText(it.data(Qt.ItemDataRole.UserRole)))
        self.tag_list.itemClicked.connect(lambda it: self.query.setText(f'tag:"{it.data(Qt.ItemDataRole.UserRole)}"'))
        self.save_button.clicked.connect(self._ask_save)

        self._thread = QThread(self)
        self.worker = SearchWorker(db_path)
        self.worker.moveToThread(self._thread)
        self.searchRequested.connect(self.worker.run)
        self.worker.done.connect(self._done)
        self.worker.failed.connect(self._failed)
        self._thread.start()

    def shutdown(self) -> None:
        if not self._thread.isRunning():
            return
        self.worker.latest = 1 << 62
        if self._thread.isRunning():  # its connection is closed on its own thread
            QMetaObject.invokeMethod(self.worker, "close", Qt.ConnectionType.BlockingQueuedConnection)
        self._thread.quit()
        self._thread.wait(5000)

    # -- running ---------------------------------------------------------------

    def _grey(self, stale: bool) -> None:
        """The list shown is another query's while ``stale``: faded, and no card can be clicked."""
        self.list.setEnabled(not stale)
        if stale and self.list.graphicsEffect() is None:
            from PySide6.QtWidgets import QGraphicsOpacityEffect

            fade = QGraphicsOpacityEffect(self.list)
            fade.setOpacity(0.3)
            self.list.setGraphicsEffect(fade)
        elif not stale and self.list.graphicsEffect() is not None:
            self.list.setGraphicsEffect(None)  # type: ignore[arg-type]

    def _key(self) -> tuple[str, str, bool]:
        return self.query.text().strip(), str(self.order.currentData()), self.related.isChecked()

    @Slot(str)
    def _typed(self, _text: str) -> None:
        """The query changed: its search runs when the typing pauses; until then the list shown is another
        query's, greyed under "Searching…" (tryout s15: the old results stood under the new query)."""
        self._debounce.start()
        self._open_rid = 0  # Enter was for the query before this change
        if self._key()[0] and self._key() != self._shown:
            self.status.setText("Searching…")
            self._grey(True)

    @Slot()
    def run(self) -> None:
        text = self.query.text().strip()
        self._rid += 1
        self.worker.latest = self._rid
        if not text:
            self.list.clear()
            self._grey(False)
            self.hits = []
            self._shown, self._readable = self._key(), False
            self.status.setText("Type to search every highlight, note and tag.")
            return
        self.status.setText("Searching…")
        self._grey(True)  # the previous query's results, greyed until this one's come
        self._ran = text
        self._ran_key = self._key()
        if self._open_rid:  # run again (a document's quotes written) before Enter's results came: this one opens
            self._open_rid = self._rid
        self.searchRequested.emit(self._rid, text, self.order.currentData(), self.related.isChecked())

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:  # noqa: N802
        if e.type() == QEvent.Type.Resize and obj is self.list.viewport():
            self._fit_cards()
        return False

    def clear_on_escape(self, field: QLineEdit) -> None:
        """Escape in ``field`` (this tab's query, the toolbar's search field) clears the query and its results,
        in both fields (tryout 11: an old query stayed in the toolbar, Escape did nothing); in an empty field
        Escape is the window's again."""
        field.installEventFilter(_ClearOnEscape(field, self.query.clear))

    def _fit_cards(self) -> None:
        """The result cards take the list's width whenever it changes (the panel dragged or
        squeezed by a small window): no horizontal scrolling, text rewrapped."""
        width = max(self.list.viewport().width() - 8, 120)
        for i in range(self.list.count()):
            item = self.list.item(i)
            card = self.list.itemWidget(item)
            if card is None or card.width() == width:
                continue
            card.setFixedWidth(width)
            item.setSizeHint(QSize(width, card_height(card, width)))

    @property
    def busy(self) -> bool:
        return self.status.text() == "Searching…" or self._debounce.isActive()

    @Slot(int, object)
    def _done(self, rid: int, res: Results) -> None:
        if rid != self._rid:
            return  # stale
        self.results = res
        self.hits = res.hits
        self.list.clear()
        self._grey(False)
        width = self.list.viewport().width() - 8
        copies = copied_titles(res)
        for hit in res.hits:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, (hit.doc_path, hit.highlight.id))
            card = ResultCard(hit, copy=(hit.doc_title or Path(hit.doc_path).name) in copies)
            card.setFixedWidth(max(width, 120))
            self.list.addItem(item)
            self.list.setItemWidget(item, card)
            # its height at its width: sizeHint() of a card the list has not shown yet (below the first
            # screenful) guesses a narrower wrap, taller with each line: the cards grew down the list
            item.setSizeHint(QSize(width, card_height(card, max(width, 120))))
        from reader.ui.search_extras import add_results

        n = len(res.hits) + add_results(self, res, width, copies)
        msg = "No results." if not n else \
            f"{count(n)}{'+' if n >= 100 else ''} result{'s' if n != 1 else ''} in {res.elapsed_ms:.0f} ms."
        if res.windowed:
            msg += " A very common word: ranked among the most recent matches."
        if res.query.problems:
            msg += " " + " ".join(res.query.problems)
        from notes_db.query_check import unreadable

        unread = unreadable(self._ran)
        if unread:  # say why it may not find what was meant, and how to write it
            msg += (" Part of this search could not be read: " + "; ".join(unread) + "."
                    " Point at the search field for how to write a search.")
        self.status.setText(msg)
        self._shown, self._readable = self._ran_key, not unread
        if rid == self._open_rid:  # Enter came before these results: now it opens the first
            self._open_rid = 0
            self._open_first()

    @Slot(int, str)
    def _failed(self, rid: int, message: str) -> None:
        if rid == self._rid:
            self._open_rid = 0
            self._shown, self._readable = self._ran_key, False
            self.list.clear()  # not another query's results under this one's error
            self.hits = []
            self._grey(False)
            self.status.setText(f"Search failed: {message}")

    @Slot()
    def _enter(self) -> None:
        """Enter opens the first result of the query as typed: at once if its results are shown, else once
        they are in (tryout s15: it opened the previous query's first result); a query that could not be
        read whole shows why and opens nothing."""
        self._debounce.stop()
        if self._key() == self._shown and not self.busy:
            self._open_first()
            return
        self.run()
        self._open_rid = self._rid if self._key()[0] else 0

    def _open_first(self) -> None:
        if self._readable and self.list.count() and self.list.isEnabled():
            self._open_item(self.list.item(0))

    @Slot(QListWidgetItem)
    def _open_item(self, item: QListWidgetItem) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        if len(data) == 4:  # reader.ui.search_extras: a claim or quote, by its place in the text
            self.rangeRequested.emit(data[1], data[2], data[3])
            return
        path, hid = data
        self.openRequested.emit(path, hid)

    # -- saved searches and tags -----------------------------------------------------

    def refresh_lists(self) -> None:
        store = self.store_for_lists
        if store is None:
            return
        try:
            saved, tags = store.saved_searches(), store.tags()
        except StorageError as exc:
            self.status.setText(str(exc))
            return
        self.saved.clear()
        for name, query in saved:
            it = QListWidgetItem(name)
            it.setToolTip(query)
            it.setData(Qt.ItemDataRole.UserRole, query)
            self.saved.addItem(it)
        self.tag_list.clear()
        for name, n in tags:
            it = QListWidgetItem(f"#{name}  ({count(n)})")
            it.setData(Qt.ItemDataRole.UserRole, name)
            self.tag_list.addItem(it)

    def save_current(self, name: str) -> bool:
        q = self.query.text().strip()
        if not q or not name.strip() or self.store_for_lists is None:
            return False
        try:
            self.store_for_lists.save_search(name.strip(), q)
        except StorageError as exc:
            self.status.setText(str(exc))
            return False
        self.refresh_lists()
        return True

    @Slot()
    def _ask_save(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        if not self.query.text().strip():
            self.status.setText("Type a search first, then save it.")
            return
        name, ok = QInputDialog.getText(self, "Save search", "Name:", text=self.query.text().strip()[:40])
        if ok:
            self.save_current(name)


class _ClearOnEscape(QObject):
    def __init__(self, field: QLineEdit, clear: Callable[[], None]) -> None:
        super().__init__(field)
        self.field = field
        self.clear = clear

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:  # noqa: N802
        if obj is self.field and isinstance(e, QKeyEvent) and e.key() == Qt.Key.Key_Escape and self.field.text():
            if e.type() == QEvent.Type.ShortcutOverride:
                e.accept()  # the key is the field's while it holds a query
                return True
            if e.type() == QEvent.Type.KeyPress:
                self.clear()
                return True
        return False
