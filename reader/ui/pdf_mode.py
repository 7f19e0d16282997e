"""A PDF on its pages: the page view (made on first use), the page box and zoom
controls in the status bar, the Contents tab, switching between pages and
text, and exporting an annotated copy.

Subscribes to the controller: pagesOpened (pages up, text to follow),
documentOpened (a PDF's text arrived, or another kind of document replaced it),
sessionReady and highlightsChanged (the highlights painted on the pages).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from reader.errors import DocumentError
from reader.ui import messages
from reader.ui.figures import count

if TYPE_CHECKING:
    from reader.document import Document
    from reader.pdf_pages import PdfPages
    from reader.session import HighlightsChanged, Session
    from reader.ui.main_window import MainWindow
    from reader.ui.note_signs import Sticky
    from reader.ui.page_view import PageView

log = logging.getLogger("reader.ui.pdf_mode")


class PdfMode(QObject):
    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w
        self.page_mode = False
        self._page_view: PageView | None = None
        self._outline_shown = False  # the Contents tab holds the open PDF's own outline
        #: The open PDF's outline when it only names its pages (and that PDF): its text's headings are shown instead.
        self._junk_outline: tuple[Path | None, list[tuple[int, str, int]]] = (None, [])
        #: The PDF whose pages are up, and whether the person moved on them since (its text may still be read).
        self._pages_path: Path | None = None
        self._moved = False
        self.contents = QTreeWidget()
        self.contents.setHeaderLabels(["Contents", "Page"])
        self.contents.setColumnWidth(0, 290)
        self.contents.itemClicked.connect(self._contents_clicked)
        self.contents.itemActivated.connect(self._contents_clicked)  # Enter on a row
        ctl = w.controller
        ctl.pagesOpened.connect(self._show_pages)
        ctl.documentOpened.connect(self._document_opened)
        ctl.openFailed.connect(self._text_failed)
        ctl.sessionReady.connect(self._session_ready)
        ctl.highlightsChanged.connect(self._highlights_changed)

    @property
    def page_view(self) -> PageView:
        """The PDF page view, made on first use (text readers never pay for it)."""
        if self._page_view is None:
            from reader.ui.page_view import PageView

            w = self.w
            pv = PageView()
            self._page_view = pv
            w.stack.addWidget(pv)
            pv.firstPainted.connect(w.first_frame)
            pv.pagePainted.connect(w.controller.start_pending_text)
            pv.colorKeyPressed.connect(w.marks.color_key)
            if hasattr(w, "menus"):
                # Delete on a chosen highlight, Alt+Down / Alt+Up to the next / previous one, as in the text view
                pv.addActions([w.menus.delete_action, *w.menus.step_actions, *w.menus.styles.actions.values()])
            pv.offsetClicked.connect(w.marks.offset_clicked)
            # a note's sign in the margin: that highlight chosen, its note open in the note box
            pv.noteSignClicked.connect(lambda hid: w.marks.select_highlight(hid, focus_note=True))
            pv.positionChanged.connect(w.controller.save_position)
            pv.linkActivated.connect(w.open_link)
            pv.menu_provider = w.menus.fill_context_menu  # right-click: highlight, copy, edit, as in the text
            pv.pageChanged.connect(self._page_changed)
            pv.zoomChanged.connect(self._zoom_changed)
            pv.verticalScrollBar().valueChanged.connect(self._scrolled)
            from reader.ui import comfort

            # "Page N of M" in the status bar follows the pages too (a find that jumped left it on page 1)
            pv.pageChanged.connect(lambda _p: comfort.update_progress(w))
            pv.positionChanged.connect(lambda _o: comfort.update_progress(w))
        return self._page_view

    @property
    def made_page_view(self) -> PageView | None:
        """The page view if a PDF was ever shown (None otherwise: nothing is made)."""
        return self._page_view

    def build_controls(self) -> QWidget:
        """Page box, page count and zoom: they live in the status bar, so showing them never resizes the page."""
        a = self.w.menus
        self.controls = QWidget()
        row = QHBoxLayout(self.controls)
        row.setContentsMargins(0, 0, 8, 0)
        row.setSpacing(2)

        def button(action: QAction, text: str) -> None:
            action.setIconText(text)  # a button shows its action's icon text, the menu its text ("Page View")
            b = QToolButton()
            b.setDefaultAction(action)
            b.setAutoRaise(True)
            b.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # never cut: the labels give way
            row.addWidget(b)

        button(a.page_action, "Pages")
        self.page_box = QSpinBox()
        self.page_box.setRange(1, 1)
        self.page_box.setKeyboardTracking(False)
        self.page_box.setToolTip("Page")
        self.page_box.valueChanged.connect(lambda v: self.page_view.go_to_page(v - 1))
        self.page_count_label = QLabel(" / 1 ")
        row.addWidget(self.page_box)
        row.addWidget(self.page_count_label)
        button(a.zoom_out_action, "−")
        self.zoom_label = QLabel("100%")  # the zoom, as Okular and Zotero show it (tryout 13)
        self.zoom_label.setToolTip("Zoom (Ctrl+plus, Ctrl+minus, Ctrl+wheel)")
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("800%") + 4)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.zoom_label)
        for action, text in ((a.zoom_in_action, "+"), (a.fit_width_action, "Width"), (a.fit_page_action, "Page")):
            button(action, text)
        self.set_controls(False)
        return self.controls

    def _zoom_changed(self, zoom: float) -> None:
        """The zoom in the status bar as a PDF viewer says it: 100% is the page's printed size on this screen
        (a PDF point is 1/72 inch; the view draws one at ``zoom`` pixels)."""
        label = getattr(self, "zoom_label", None)
        if label is not None:
            dpi = self.page_view.logicalDpiX() or 96
            label.setText(f"{round(zoom * 72 / dpi * 100)}%")

    def set_controls(self, on: bool) -> None:
        a = self.w.menus
        self.controls.setVisible(on)
        for act in (a.page_action, a.fit_width_action, a.fit_page_action):  # zoom works in every view
            act.setEnabled(on)
        if not on:
            self.page_count_label.setText(" / – ")

    # -- the controller's side ------------------------------------------------------

    @Slot(object, object)
    def _show_pages(self, pages: PdfPages, password: str | None) -> None:
        w = self.w
        self.page_mode = True
        w.stack.setCurrentWidget(self.page_view)  # shown first: fit-width needs its real width
        self.page_view.set_pages(pages, password, self._known_taken(pages))
        self._pages_path, self._moved = pages.path, False  # from here on a scroll is the person's
        self.page_box.blockSignals(True)
        self.page_box.setRange(1, pages.count)
        self.page_box.setValue(1)
        self.page_box.blockSignals(False)
        self.page_count_label.setText(f" / {count(pages.count)} ")
        self.set_controls(True)
        self._check_page_action(True)
        w.menus.export_pdf_action.setEnabled(False)  # until the text (and notes) are in
        w.setWindowTitle(f"{pages.title or pages.name} — Reader")  # the PDF's own title when it has one
        w.doc_info.setText(f"PDF · {count(pages.count)} page{'' if pages.count == 1 else 's'} · reading the text…")
        self.fill_contents(pages, None)  # the outline now; the text (and its headings) is not in yet

    @Slot()
    def _text_failed(self) -> None:
        """The text of the PDF whose pages are shown could not be read: the status bar stops saying it is being read."""
        ctl = self.w.controller
        pages = ctl.pdf_pages
        if self.page_mode and pages is not None and (ctl.doc is None or ctl.doc.path != pages.path):  # its text not in
            self.w.doc_info.setText(f"PDF · {count(pages.count)} page{'' if pages.count == 1 else 's'} · text not read")
            self.w.panel.empty.setText("The text of this PDF could not be read:\nno notes can be made on it.")

    @Slot(object)
    def _document_opened(self, doc: Document) -> None:
        w = self.w
        if doc.kind == "pdf":
            self.page_view.set_document(doc)
            w.menus.export_pdf_action.setEnabled(True)
            if not self._outline_shown:  # no outline in the file: the headings found in its text
                self.fill_contents(None, doc)
            return
        if self._page_view is not None:
            self._page_view.shutdown()
        self.page_mode = False
        w.stack.setCurrentWidget(w.view)
        self.set_controls(False)
        self._check_page_action(False)
        w.menus.export_pdf_action.setEnabled(False)
        self.fill_contents(None, doc)

    @Slot(object)
    def _session_ready(self, session: Session) -> None:
        if self._page_view is not None and session.doc.kind == "pdf":
            self._page_view.set_highlights(session.highlights)
            session.taken_listeners.append(lambda: self._taken_over(session))
            self._taken_over(session)

    def _taken_over(self, session: Session) -> None:
        """Pages are drawn without the PDF's own annotations Reader took over: it draws them itself, and one
        the person deleted must not show."""
        pv = self._page_view
        if pv is not None and session is self.w.controller.session:
            old, new = pv.hidden, frozenset(session.taken)
            pv.set_hidden(new, {a.page for a in session.doc.annotations  # (a reply is drawn on its parent's page)
                                if any((k in old) != (k in new) for k in (a.key, *(r[2] for r in a.replies)))})
            from reader.pdf_takeover import sticky_words

            stickies: dict[int, list[Sticky]] = {}
            notes = [a for a in session.doc.annotations if a.kind == "note" and a.key in new and a.rects]
            words = sticky_words(session.doc.words, notes) if notes else {}
            for a in notes:  # their note signs go where their icons were (known by their words once edited)
                start, end = words.get(a.key, (-1, -1))
                stickies.setdefault(a.page, []).append((a.rects[0][0], a.rects[0][1], a.content.strip(), start, end))
            pv.stickies = stickies
            pv.viewport().update()

    def _known_taken(self, pages: PdfPages) -> frozenset[str]:
        """What Reader took over of a PDF it knows by its path, when the notes file is open already: its
        pages are drawn without those from the first, not only once its text is read (seconds, for a book)."""
        store = self.w.controller.store
        if store is None or pages.path is None:
            return frozenset()
        from notes_db import StorageError
        from notes_db.pdf_annotations import taken_over

        try:
            record = store.document_by_path(str(pages.path.resolve()))
            return frozenset(taken_over(store, record.id)) if record is not None else frozenset()
        except StorageError as exc:
            log.info("what was taken over of %s is not known yet: %s", pages.name, exc)
            return frozenset()

    @Slot(object)
    def _highlights_changed(self, _change: HighlightsChanged) -> None:
        session = self.w.controller.session
        if self._page_view is not None and session is not None and session.doc.kind == "pdf":
            self._page_view.set_highlights(session.highlights)

    def _check_page_action(self, on: bool) -> None:
        act = self.w.menus.page_action
        act.blockSignals(True)
        act.setChecked(on)
        act.blockSignals(False)

    # -- switching and navigating --------------------------------------------------------

    @Slot(bool)
    def set_page_mode(self, on: bool) -> None:
        w = self.w
        if w.controller.pdf_pages is None:
            self._check_page_action(False)
            return
        if on == self.page_mode:
            return
        top = w.current_view.top_offset()
        if on and w.texts.original:
            w.texts.set_original(False)
        self.page_mode = on
        # a selection left behind in the view being left would come back stale (and keys 1-5 would highlight it)
        if on:
            cursor = w.view.textCursor()
            cursor.clearSelection()
            w.view.setTextCursor(cursor)
        else:
            self.page_view.clear_selection()
        if not on:
            w.texts.ensure_text_view()
        w.stack.setCurrentWidget(self.page_view if on else w.view)
        doc = w.controller.doc
        if doc is not None and doc.words:
            w.current_view.scroll_to(top, top=True)
        self._check_page_action(on)

    @Slot(int)
    def _scrolled(self, _value: int) -> None:
        self._moved = True

    def moved_since_pages(self, doc: Document) -> bool:
        """Whether the person moved on this PDF's pages while its text was being read: their place
        then wins over the one saved last time (tryout s12: the view jumped back to page 429)."""
        return self._moved and self._pages_path == doc.path

    @Slot(int)
    def _page_changed(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)

    def fill_contents(self, pages: PdfPages | None, doc: Document | None) -> None:
        """The Contents tab: a PDF's outline, else the document's headings,
        chapter lines or EPUB table of contents (``doc``: the document now shown)."""
        from reader.contents import JUNK_OUTLINE_NOTE, contents, outline_names_pages
        from reader.ui import contents as contents_tab

        tabs = self.w.tabs
        toc = pages.toc() if pages is not None else []
        if pages is not None:  # an outline of "Page 1" … "Page 32" and file names: the text's headings when in
            self._junk_outline = (pages.path, toc if outline_names_pages(toc) else [])
            toc = [] if self._junk_outline[1] else toc
        self._outline_shown = bool(toc)
        entries = contents(doc) if not toc and doc is not None else []
        junk = self._junk_outline[1] if doc is None or self._junk_outline[0] == doc.path else []
        note = JUNK_OUTLINE_NOTE if junk and entries else ""
        if junk and not entries:
            toc = junk  # until the text is in, or no headings in it: its pages are better than nothing
        shown = contents_tab.fill(self.contents, toc, entries, note)
        idx = tabs.indexOf(self.contents)
        if idx < 0:  # always there, greyed when empty: the tabs after it keep their place from document to document
            idx = tabs.insertTab(1, self.contents, "Contents")
        if not shown and tabs.currentIndex() == idx:
            tabs.setCurrentIndex(0)
        tabs.setTabEnabled(idx, bool(shown))
        tabs.setTabToolTip(idx, "" if shown else "This document has no headings or outline")

    @Slot(QTreeWidgetItem, int)
    def _contents_clicked(self, item: QTreeWidgetItem, _col: int) -> None:
        from reader.ui.contents import offset_of

        offset = offset_of(item)
        if offset is not None:
            self.w.current_view.scroll_to(offset, top=True)  # a PDF's headings: on its pages too
            return
        page = item.data(0, Qt.ItemDataRole.UserRole)
        doc = self.w.controller.doc
        if self.page_mode:
            self.page_view.go_to_page(page)
        elif doc is not None:
            marker = next((b for b in doc.blocks if b.kind == "page" and b.page == page), None)
            if marker is not None:
                self.w.view.scroll_to(marker.start, top=True)

    @Slot()
    def export_annotated_pdf(self, path: str | None = None) -> None:
        ctl = self.w.controller
        session, pages = ctl.session, ctl.pdf_pages
        if session is None or pages is None:
            messages.info("Open a PDF first.")
            return
        if path is None:
            doc = session.doc
            default = str(doc.path.with_name(doc.path.stem + " (annotated).pdf"))
            path, _ = QFileDialog.getSaveFileName(self.w, "Export annotated PDF", default, "PDF (*.pdf)")
            if not path:
                return
        if Path(path).resolve() == Path(session.record.path).resolve():
            messages.warning("Choose another file name: Reader never overwrites the PDF you are reading.")
            return
        try:
            written = pages.export_annotated(session.every_highlight(), Path(path), session.taken)
        except DocumentError as exc:
            messages.error(str(exc))
            return
        from reader.pdf_takeover import counted

        messages.info(f"Wrote {path} with annotations: {counted(written)}." if written
                      else f"Wrote {path} with no annotations.")

    def shutdown(self) -> None:
        if self._page_view is not None:
            self._page_view.shutdown()
