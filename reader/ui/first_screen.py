"""The first screen before the rest, for the controller: a long text's beginning
shown while the whole is read, and the highlights painted on the text shown
before its session is in.

The notes file opens after the first frame (sqlite_utils and the schema check
cost a fifth of a second), so the first screen's highlights are read without
it (``notes_db/peek.py``), or from it when it is already open, and painted
only where the session will put them too. A long plain text opened when
nothing is open shows its beginning (``reader/preview.py``); the whole is read
once that is on screen, and takes its place keeping the scroll value when it
begins with exactly the same blocks.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from notes_db import Highlight, StorageError
from notes_db.peek import Peek, peek

if TYPE_CHECKING:
    from notes_db.store import NotesDB
    from reader.document import Document
    from reader.ui.controller import DocumentController

log = logging.getLogger("reader.controller")

#: The whole of a long text is read at the latest this long after its beginning is shown
#: (at once after its first screen and highlights are painted).
WHOLE_LATEST_MS = 1000


class FirstScreen:
    """The controller's state for the text shown before its session is in."""

    def __init__(self, ctl: DocumentController) -> None:
        self.ctl = ctl
        #: The beginning of a long text shown while the whole is read (reader/preview.py).
        self.preview: Document | None = None
        #: The highlights painted on the text shown (the preview, or the document) before its
        #: session is in; None if there were none to rely on.
        self.notes: list[Highlight] | None = None
        #: While the whole of a long text takes the place of its beginning: whether it begins
        #: exactly as that did (the view then keeps its scroll value).
        self.place_kept = False

    def reset(self) -> None:
        self.preview = self.notes = None
        self.place_kept = False

    def open_beginning(self, path: Path, password: str | None) -> bool:
        """Opening with a long plain text (nothing open yet): its beginning now, with its
        highlights; the whole once that is on screen. False if it has no such beginning."""
        from reader.preview import first_part

        ctl = self.ctl
        part = first_part(path)
        if part is None:
            return False
        self.preview = part
        ctl._pending_text = (path, password)
        ctl.loading.emit(path.name)
        ctl.previewOpened.emit(part)
        self.paint_notes(part, part=True)
        # the whole is read once the beginning is on screen (ctl.ensure_store, after the first frame)
        QTimer.singleShot(0 if ctl.first_frame_painted() else WHOLE_LATEST_MS, ctl.start_pending_text)
        return True

    def on_screen(self) -> None:
        """The first frame is painted: the whole of a long text can be read now."""
        if self.preview is not None and self.ctl._pending_text is not None:
            QTimer.singleShot(0, self.ctl.start_pending_text)

    def whole_arrived(self, doc: Document) -> bool:
        """The whole of the text shown is in: whether a beginning of it was shown."""
        from reader.preview import same_start

        part = self.preview
        self.place_kept = part is not None and same_start(part, doc)
        if part is not None and not self.place_kept:
            log.info("the beginning of %s shown first is not the whole's: laid out again", doc.path.name)
        return part is not None

    def paint_notes(self, shown: Document, part: bool) -> None:
        """Before its session is in: the highlights of the text shown, where the session
        will place them, or nothing until the session."""
        if shown.kind == "pdf":  # a PDF's first screen is its page 1
            return
        notes = first_notes(self.ctl.db_path, self.ctl.store, shown, part)
        if notes is not None:
            self.notes = notes
            self.ctl.firstNotes.emit(notes)

    def still_opening(self) -> bool:
        """Whether only the beginning of the text is in (nothing can be noted on it yet; it says so)."""
        if self.preview is not None:
            from reader.ui import messages

            messages.status(f"Still opening {self.preview.path.name}: notes can be made in a moment.")
        return self.preview is not None

    def notes_on_screen(self) -> bool:
        """Whether the text on screen has its highlights: the document's session, or
        those read for the first screen before its session was in."""
        ctl = self.ctl
        session = ctl.session
        if self.preview is None and session is not None and session.doc is ctl.doc:
            # a document with many highlights has them come in batches: the first is around the screen
            return not session.loading or session.batches_taken > 0 or self.notes is not None
        return self.notes is not None and (self.preview is not None or ctl.doc is not None)


def first_notes(db_path: Path, store: NotesDB | None, shown: Document, part: bool) -> list[Highlight] | None:
    """The highlights to paint on ``shown`` (the document, or with ``part`` the beginning of a
    long text) before its session is in; None when they must wait for the session: they need
    placing again (the file or its reading changed, repairs were undone), or the person's place
    is not the top (the session scrolls there)."""
    before = len(shown.text) if part else None
    found = peek(db_path, shown.fingerprint, str(shown.path), before) if store is None else look(store, shown, before)
    if found is None or found.repairs_undone or found.position:
        return None
    if part:
        from reader.preview import highlights_on

        return highlights_on(shown, found.highlights)  # where the whole will have them too
    if not found.highlights or found.anchored_sha == hashlib.sha1(
            shown.text.encode("utf-8", "surrogatepass")).hexdigest():
        return found.highlights  # placed on this very text: the session keeps them there
    return None  # made on another text: the session places them again


def look(store: NotesDB, shown: Document, before: int | None = None) -> Peek | None:
    """What :func:`notes_db.peek.peek` says, from the notes file already open; with ``before``, of the
    highlights only those starting before that offset (the beginning of a long text: not all of a
    book's 10,000 on the GUI thread)."""
    try:
        rec = store.document_by_fingerprint(shown.fingerprint)
        if rec is None:
            return None if store.document_by_path(str(shown.path)) else Peek(False, 0, "", False)
        return Peek(True, rec.position, rec.anchored_sha, bool(store.restored_repairs(rec.id)),
                    [h for h in store.highlights(rec.id, before=before) if not h.orphaned])
    except StorageError:
        return None
