"""Highlighting as a person does it: select and press 1-5, click a highlight to
edit its note, recolour, delete, jump from a panel entry to its passage.

Connects the views (keys, clicks), the annotations panel and the note editor
to the controller's operations, and follows sessionReady/highlightsChanged to
keep the panel and the editor in step.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

from notes_db import Highlight
from reader.ui import messages, style
from reader.ui.highlight_styles import label

if TYPE_CHECKING:
    from reader.session import HighlightsChanged, Session
    from reader.ui.main_window import MainWindow


class Highlighting(QObject):
    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w
        ctl = w.controller
        ctl.sessionReady.connect(self._session_ready)
        ctl.highlightsChanged.connect(self._highlights_changed)
        ctl.documentOpened.connect(self._document_opened)
        ctl.firstNotes.connect(lambda _h: self.w.panel.show_opening())  # listed once the session is in
        ctl.previewOpened.connect(lambda _part: self.w.panel.show_opening())  # the whole's notes follow
        ctl.leaving.connect(self.save_pending)
        ctl.loading.connect(self._another_opening)
        ctl.pagesOpened.connect(self._another_opening)
        ctl.openFailed.connect(lambda: w.panel.setEnabled(True))
        ctl.highlightsLoading.connect(self._reading)
        #: A highlight to show once the long read brings it (opened from a search result).
        self._jump_when_read: int | None = None
        w.view.colorKeyPressed.connect(self.color_key)
        w.view.offsetClicked.connect(self.offset_clicked)
        w.panel.activated.connect(self.jump_to_highlight)
        w.editor.saveRequested.connect(self.save_note)
        w.editor.colorRequested.connect(self.recolor)
        w.editor.styleRequested.connect(self.restyle)
        #: The style new highlights are made in (chosen beside the colours: reader/ui/highlight_styles.py).
        self.pen = "highlight"
        w.editor.deleteRequested.connect(self.delete_highlight)

    # -- following the session ------------------------------------------------------

    @Slot(object)
    def _document_opened(self, _doc: object) -> None:
        self.w.panel.set_highlights([])
        self.w.editor.load(None)

    def _another_opening(self, *_args: object) -> None:
        """Another document is being read: the note being typed is kept, and this
        document's notes can no longer be clicked or edited (gone once a PDF's pages are up)."""
        self.save_pending()
        self.w.editor.load(None)
        self.w.panel.setEnabled(False)
        if self.w.controller.session is None:
            self.w.panel.set_highlights([])

    @Slot(object)
    def _session_ready(self, session: Session) -> None:
        self.w.panel.setEnabled(True)
        self.w.panel.set_highlights(session.highlights)
        if session.loading:  # many: they come in batches (reader/ui/highlights_loading.py)
            self.w.panel.set_reading(0, session.loading)
        self.w.editor.load(None)
        self.w.editor.completer.set_tags(self.w.controller.tags())
        hid = self.w.controller.take_pending_jump()
        self._jump_when_read = None
        if hid is not None and session.loading and session.highlight(hid) is None:
            self._jump_when_read = hid  # once its batch is in (the first: the read starts around it)
            if session.record.position:
                self.w.current_view.scroll_to(session.record.position, top=True)
        elif hid is not None:
            self.jump_to_highlight(hid)
        elif session.record.position and not self.w.pdf.moved_since_pages(session.doc):
            self.w.current_view.scroll_to(session.record.position, top=True)

    @Slot(int, int)
    def _reading(self, done: int, total: int) -> None:
        """The long read of the document's highlights: how far it is, in the panel and the status bar."""
        w = self.w
        w.panel.set_reading(done, total)  # "Annotations (reading 4000 of 10000…)"
        if done >= total:
            self._jump_when_read = None
        if not w.panel.isEnabled():  # another document is being opened: the status bar is its
            return
        if done < total:
            if not w.progress.isVisible():  # busy; not a value per batch (QProgressBar repaints at once)
                w.progress.setRange(0, 0)
                w.progress.show()
        else:
            w.progress.hide()

    @Slot(object)
    def _highlights_changed(self, change: HighlightsChanged) -> None:
        session = self.w.controller.session
        if session is None:
            return
        editor = self.w.editor
        tags_here = set(self.w.panel.model.tag_counts)
        self.w.panel.apply(change, session.highlights)
        if change.loaded and self._jump_when_read is not None and session.highlight(self._jump_when_read):
            hid, self._jump_when_read = self._jump_when_read, None
            self.jump_to_highlight(hid)
        shown = editor.highlight_id
        if change.current is not None:
            editor.load(session.highlight(change.current))
        elif shown is not None and (change.reset or any(h.id == shown for h in change.changed + change.removed)):
            editor.load(session.highlight(shown))
        # The notes file's tags are the other documents' and this one's: they change only when
        # this document's set of tags does (not on a note saved, a colour changed; a query over
        # every tagged highlight of the notes file costs milliseconds).
        if change.reset or set(self.w.panel.model.tag_counts) != tags_here:
            editor.completer.set_tags(self.w.controller.tags())

    @Slot()
    def save_pending(self) -> None:
        """Before another document replaces this one: the note being typed, the reading position."""
        w = self.w
        if w.controller.session is None:
            return
        if w.editor.dirty():
            w.editor.save()
        w.controller.save_position(w.current_view.top_offset())

    # -- making highlights ------------------------------------------------------------

    def highlight_selection(self, color: str = "yellow", note: str = "", tags: list[str] | None = None) -> Highlight | None:
        w = self.w
        if w.texts.original:
            messages.info("This is the original text; switch back to the reading view to highlight.")
            return None
        rng = w.current_view.selection_range()
        if rng is None:
            cur = w.panel.current_id()
            if cur is not None:
                self.recolor(cur, color)
            else:
                messages.status("Select some text first, then choose a colour.")
            return None
        h = w.controller.create_highlight(rng[0], rng[1], color, note, tags, style=self.pen)
        if h is None:
            return None
        if w.pdf.page_mode:
            w.pdf.page_view.clear_selection()
        else:
            c = w.view.textCursor()
            c.clearSelection()
            w.view.setTextCursor(c)
        self.show_editor()
        done = "Highlighted" if self.pen == "highlight" else label(self.pen)
        messages.status(f"{done} in {color}. Ctrl+Z undoes.")
        return h

    def show_editor(self) -> None:
        """The note editor sits under the annotations: bring that tab forward."""
        w = self.w
        if not w.tabs.isVisible():
            w.menus.panel_action.setChecked(True)
        w.tabs.setCurrentIndex(0)

    @Slot()
    def highlight_and_note(self) -> None:
        w = self.w
        cur = w.panel.current_id()
        if cur is not None and not w.texts.original and w.current_view.selection_range() is None:
            self.show_editor()  # nothing selected: the highlight chosen (just made with 4) keeps its colour
            self.select_highlight(cur, focus_note=True)  # and its note takes the typing
            return
        h = self.highlight_selection("yellow")
        if h is not None:
            self.select_highlight(h.id, focus_note=True)

    @Slot(int)
    def color_key(self, n: int) -> None:
        if 1 <= n <= len(style.COLOR_NAMES):
            self.highlight_selection(style.COLOR_NAMES[n - 1])

    @Slot(str, int, int, str)
    def highlight_finding(self, kind: str, start: int, end: int, speaker: str) -> None:
        """A claim or quote becomes a highlight tagged for it, ready for a note; a reviewed
        claim brings its review's note along."""
        w = self.w
        ctl = w.controller
        session = ctl.require_session()
        if session is None or w.texts.original:
            return
        existing = next((h for h in session.highlights if h.start == start and h.end == end), None)
        if existing is None and session.loading:  # it may be among those still being read: not made twice
            stored = next((h for h in session.every_highlight() if (h.start, h.end) == (start, end)), None)
            if stored is not None:
                self._jump_when_read = stored.id  # shown once its batch is in
                messages.status("That passage is highlighted already: it is shown once its notes are read.")
                return
        if existing is not None:
            self.show_editor()
            self.select_highlight(existing.id, focus_note=True)
            return
        claim_key, note = None, ""
        if kind == "claim" and ctl.analysis is not None:
            claim_key = next((c.key for c in ctl.analysis.claims if (c.start, c.end) == (start, end)), None)
            review = ctl.claim_reviews().get(claim_key) if claim_key else None
            if review is not None:
                note = review.note
        tags = ["claim"] if kind == "claim" else ["quote", *([speaker] if speaker else [])]
        color = "orange" if kind == "claim" else "blue"
        h = ctl.create_highlight(start, end, color, note, tags, origin=kind, claim_key=claim_key)
        if h is not None:
            self.show_editor()
            self.select_highlight(h.id, focus_note=True)
            w.current_view.scroll_to(start, flash_to=end)

    # -- the highlight under the cursor, in the panel, in the editor -------------------

    @Slot(int)
    def offset_clicked(self, offset: int) -> None:
        session = self.w.controller.session
        ids = [h.id for h in session.highlights_at(offset)] if session is not None else []
        if ids:  # where highlights overlap, each click there selects the next one under it
            cur = self.w.editor.highlight_id
            self.select_highlight(ids[(ids.index(cur) + 1) % len(ids)] if cur in ids else ids[0])

    def select_highlight(self, highlight_id: int, focus_note: bool = False) -> None:
        w = self.w
        session = w.controller.session
        if session is None:
            return
        if w.editor.dirty() and w.editor.highlight_id != highlight_id:
            w.editor.save()
        w.panel.select(highlight_id)
        w.editor.load(session.highlight(highlight_id))
        if focus_note:
            self.show_editor()
            w.editor.note.setFocus()

    @Slot(int)
    def jump_to_highlight(self, highlight_id: int) -> None:
        session = self.w.controller.session
        h = session.highlight(highlight_id) if session is not None else None
        if h is None:
            return
        self.select_highlight(highlight_id)
        if h.orphaned:
            messages.status("This highlight's text is not in this version of the document.")
            return
        self.jump_to_range(h.start, h.end)

    @Slot(int)
    def step_highlight(self, direction: int) -> None:
        """View > Next / Previous Highlight (Alt+Down / Alt+Up): from the highlight chosen if it is on screen,
        else from the top of the screen; selected and flashing as a jump from the panel. At either end it
        stops and says so (as Zotero's annotation list stops at its first and last), never wraps."""
        w = self.w
        session = w.controller.session
        if session is None or w.controller.doc is None:
            return
        if w.texts.original:
            w.texts.set_original(False)  # the highlights' offsets are the reading text's
        view = w.current_view
        cur = session.highlight(w.editor.highlight_id) if w.editor.highlight_id is not None else None
        on_screen = cur is not None and not cur.orphaned and view.is_offset_visible(cur.start)
        h = session.step(direction, offset=view.top_offset(), from_id=cur.id if on_screen and cur else None)
        total = session.placed_count()
        if h is None:
            other = "Alt+Up goes back" if direction > 0 else "Alt+Down goes on"
            messages.status("This document has no highlights in its text." if not total else
                            f"No highlight {'after' if direction > 0 else 'before'} this "
                            f"{'one' if on_screen else 'place'} ({total} in all); {other}.")
            return
        self.jump_to_highlight(h.id)
        i = session.index_of(h.id)
        messages.status(f"Highlight {(i or 0) + 1} of {total}.")

    @Slot(int, int)
    def jump_to_range(self, start: int, end: int) -> None:
        if self.w.texts.original:
            self.w.texts.set_original(False)
        self.w.current_view.scroll_to(start, flash_to=end)

    @Slot(int, str, list)
    def save_note(self, highlight_id: int, note: str, tags: list[str]) -> None:
        if self.w.controller.edit_highlight(highlight_id, note=note, tags=tags):
            messages.status("Note saved.")

    @Slot(int, str)
    def recolor(self, highlight_id: int, color: str) -> None:
        self.w.controller.edit_highlight(highlight_id, color=color)

    def choose_style(self, name: str) -> None:
        """The style chosen beside the colours: the next highlights' and, with no text selected, the style of
        the highlight chosen in the list (as a colour is)."""
        self.pen = name
        self.w.menus.styles.show(name)
        selected = self.w.current_view.selection_range() is not None
        cur = None if selected else self.w.panel.current_id()
        if cur is not None:
            self.restyle(cur, name)
        else:
            then = "Choose a colour (1-5) for the selection." if selected else "Select some text, then choose a colour (1-5)."
            messages.status(f"New highlights: {label(name).lower()}. {then}")

    @Slot(int, str)
    def restyle(self, highlight_id: int, name: str) -> None:
        if self.w.controller.edit_highlight(highlight_id, style=name):
            messages.status(f"Style: {label(name).lower()}. Ctrl+Z undoes.")

    @Slot(int)
    def delete_highlight(self, highlight_id: int) -> None:
        if self.w.controller.delete_highlight(highlight_id):
            messages.status("Highlight deleted. Ctrl+Z brings it back.")

    @Slot()
    def delete_current(self) -> None:
        cur = self.w.panel.current_id()
        if cur is not None:
            self.delete_highlight(cur)

    @Slot(str, int)
    def open_highlight(self, path: str, highlight_id: int) -> None:
        """Open a search result: its document if need be, then the passage, flashing."""
        ctl = self.w.controller
        if ctl.doc is not None and str(ctl.doc.path) == path and ctl.session is not None:
            self.jump_to_highlight(highlight_id)
            return
        if not Path(path).exists():
            messages.warning(f"That note's document is no longer at {path}. Open it from its new place "
                             "and its notes come back.")
            return
        ctl.open_path(path, jump_to=highlight_id)
