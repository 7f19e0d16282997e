"""The text views: the repaired text for reading, or (View > Show Original
Text) the text as converted with every repair marked; undoing a repair from
the Repairs tab.

Subscribes to the controller: documentOpened and documentChanged (lay the
text out), sessionReady and highlightsChanged (paint the highlights, by delta),
previewOpened (the beginning of a long text, shown while the whole is read;
the whole then takes its place where the person is) and firstNotes (the
highlights on the text shown, before its session is in).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QColor, QGuiApplication, QTextCharFormat

from reader.ui import messages, style
from reader.ui.figures import count

if TYPE_CHECKING:
    from reader.document import Document
    from reader.session import HighlightsChanged, Session
    from reader.ui.main_window import MainWindow


class TextMode(QObject):
    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w
        self.original = False
        #: A PDF read on its pages gets its text view only when someone turns to it.
        self.stale = False
        #: The highlights read for the first screen are still what the view shows: the document's
        #: many highlights are on their way (Session.loading), and the first batch takes their place.
        self._interim = False
        ctl = w.controller
        ctl.documentOpened.connect(self._document_opened)
        ctl.documentChanged.connect(self._document_changed)
        ctl.sessionReady.connect(self._session_ready)
        ctl.highlightsChanged.connect(self._highlights_changed)
        ctl.previewOpened.connect(self._preview_opened)
        ctl.firstNotes.connect(self._first_notes)

    # -- the controller's side ------------------------------------------------------

    @Slot(object)
    def _preview_opened(self, part: Document) -> None:
        if self.original:
            self.set_original(False, render=False)
        self.stale = False
        self.w.view.set_document(part)
        self.w.setWindowTitle(f"{part.title} — Reader")

    @Slot(object)
    def _first_notes(self, highlights: list) -> None:
        view, ctl = self.w.view, self.w.controller
        if view.doc is not None and view.doc in (ctl.first.preview, ctl.doc) and not self.stale and not self.original:
            view.set_highlights(highlights)
            self._interim = True  # until the session's (or, with many, its first batch) take their place

    @Slot(object)
    def _document_opened(self, doc: Document) -> None:
        if self.original:
            self.set_original(False, render=False)
        view = self.w.view
        first = self.w.controller.first
        kept = view.verticalScrollBar().value() if first.place_kept and view.doc is first.preview else None
        self._interim = False
        self.render()
        if kept is not None:  # the same lines at the same height: the person sees no change
            view.set_scroll_value(kept)
            if first.notes and not self.original and not self.stale:
                view.set_highlights(first.notes)  # still there until the document's own are in
                self._interim = True
        from reader import loaders

        kind = {"pdf": "PDF", "markdown": "Markdown", "text": "Text", "web": "Web page", "epub": "EPUB"}.get(doc.kind, doc.kind)
        pages = f" · {doc.page_count} page{'' if doc.page_count == 1 else 's'}" if doc.page_count else ""
        enc = f" · {loaders.encoding_label(doc.encoding)}" if doc.kind != "pdf" else ""
        self.w.doc_info.setText(f"{kind}{pages} · {count(len(doc.text))} characters{enc}")
        self.w.setWindowTitle(f"{doc.title} — Reader")

    @Slot(object)
    def _session_ready(self, session: Session) -> None:
        if session.doc is not self.w.view.doc and not self.stale:
            self._interim = False
            self.render()  # the reader had undone some repairs: another text
        elif not (self._interim and session.loading):  # (the first screen's stay until the first batch)
            self._interim = False
            self._paint_highlights()
        self.update_repairs()

    @Slot(object)
    def _document_changed(self, _doc: Document) -> None:
        view = self.w.view
        top = view.top_offset()
        self.render()
        view.scroll_to(top, top=True)
        self.update_repairs()

    @Slot(object)
    def _highlights_changed(self, change: HighlightsChanged) -> None:
        session = self.w.controller.session
        if session is not None and not self.stale:
            if self._interim:  # the first screen's highlights give way to the document's own
                self._interim = False
                self._paint_highlights()
                return
            self.w.view.apply_highlights(change, session.highlights)

    # -- laying out -----------------------------------------------------------------

    def render(self) -> None:
        """Show the document, repaired or as converted."""
        w = self.w
        doc = w.controller.doc
        if doc is None:
            return
        if w.pdf.page_mode and not self.original and doc.kind == "pdf":
            self.stale = True
            return
        self.stale = False
        if self.original and doc.raw is not None:
            w.view.set_document(doc.raw)
            w.view.set_marks(self.repair_marks())
        else:
            w.view.set_document(doc)
        self._paint_highlights()

    def _paint_highlights(self) -> None:
        self._interim = False
        session = self.w.controller.session
        doc = self.w.controller.doc
        if session is None or doc is None or self.stale:
            return
        if self.original and doc.raw is not None:
            from reader.repair import to_raw

            self.w.view.set_highlights(session.highlights, lambda offset: to_raw(doc, offset))
        else:
            self.w.view.set_highlights(session.highlights)

    def ensure_text_view(self) -> None:
        if self.stale and self.w.controller.doc is not None:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self.render()
            finally:
                QGuiApplication.restoreOverrideCursor()

    def repair_marks(self) -> list[tuple[int, int, QTextCharFormat]]:
        doc = self.w.controller.doc
        assert doc is not None
        marks = []
        for r in doc.repairs:
            f = QTextCharFormat()
            f.setForeground(QColor(style.MARK_INK))  # dark ink on the light tints, in every theme
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
                f.setBackground(QColor(style.RESTYLED))
                f.setToolTip(r.detail)
                start, end = r.raw_start, r.raw_end
            marks.append((start, end, f))
        return marks

    # -- switching --------------------------------------------------------------------

    @Slot(bool)
    def set_original(self, on: bool, render: bool = True) -> None:
        w = self.w
        doc = w.controller.doc
        act = w.menus.original_action
        if doc is None or on == self.original:
            if act.isChecked() != self.original:
                act.setChecked(self.original)
            return
        if on and doc.raw is None:
            act.setChecked(False)
            return
        top = w.current_view.top_offset()
        from reader.repair import to_raw, to_repaired

        self.original = on
        w.find_bar.marks_on_text = not on
        if on and w.pdf.page_mode:
            w.stack.setCurrentWidget(w.view)
        elif not on and w.pdf.page_mode:
            w.stack.setCurrentWidget(w.pdf.page_view)
        if act.isChecked() != on:
            act.setChecked(on)
        if not render:
            return
        self.render()
        if on:
            w.view.scroll_to(to_raw(doc, top), top=True)
            messages.status("The page's full text, as saved." if doc.kind == "web"
                            else "Original text: red was removed, yellow was joined, blue was restyled.")
        else:
            back = to_repaired(doc, top)
            w.view.scroll_to(back if back is not None else 0, top=True)

    @Slot(str, bool)
    def set_repair_applied(self, ident: str, applied: bool) -> None:
        if self.w.controller.set_repair_applied(ident, applied):
            self.w.statusBar().showMessage(
                "Repair applied." if applied else "Repair undone: the original text is back.", 4000)

    @Slot(int)
    def show_raw_offset(self, raw_offset: int) -> None:
        self.set_original(True)
        doc = self.w.controller.doc
        end = raw_offset + 1
        if doc is not None and doc.raw is not None:
            blk = doc.raw.block_at(raw_offset)
            end = blk.end if blk is not None else end
        self.w.view.scroll_to(raw_offset, flash_to=max(end, raw_offset + 1))

    def update_repairs(self) -> None:
        panels = self.w.panels
        if not panels.built:
            return
        doc = self.w.controller.doc
        session = self.w.controller.session
        if doc is None or doc.raw is None:
            panels.repairs.set_repairs([], [], "")
            return
        restored: list = []
        if session is not None and session.restored:
            from reader.repair import repair

            wanted = set(session.restored)
            restored = [r for r in repair(doc.raw).repairs if r.ident in wanted]
        panels.repairs.set_repairs(doc.repairs, restored, doc.raw.text)
