"""Following a ``reader://open?doc=<sha256>&highlight=<id>`` (or ``&quote=``)
link in the window: find the document by its content hash in the notes file,
open it, and flash the passage. Also what the running window does with a
target handed over by a second ``reader`` process (reader/ui/instance.py)."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from notes_db import StorageError
from reader.deeplinks import LinkError, is_link, parse_link
from reader.ui import messages

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

log = logging.getLogger("reader.ui.linking")


def target_path(target: str) -> str:
    """A file:// URI (as desktops pass with %u) becomes a path; anything else is kept."""
    if target.lower().startswith("file://"):
        parts = urlsplit(target)
        return unquote(parts.path)
    return target


def handle_target(w: MainWindow, target: str) -> None:
    """A path or a reader:// link from outside: open it here and come to the front."""
    if target:
        if is_link(target):
            open_link(w, target)
        else:
            path = target_path(target)
            if Path(path).exists():
                w.open_path(path)
            else:
                messages.warning(f"File not found: {path}")
    w.show()
    w.setWindowState(w.windowState() & ~w.windowState().WindowMinimized)
    w.activateWindow()


def open_link(w: MainWindow, url: str) -> bool:
    """Open the linked document at the linked passage; say why not when it cannot."""
    from reader.ui.library_actions import open_at

    try:
        link = parse_link(url)
    except LinkError as exc:
        messages.warning(f"That link cannot be followed: {exc}.")
        return False
    store = w.controller.ensure_store()
    if store is None:
        return False
    try:
        record = store.document_by_fingerprint(link.doc)
        h = store.highlight(link.highlight) if link.highlight is not None else None
    except StorageError as exc:
        messages.error(str(exc))
        return False
    if record is None:
        messages.warning("The linked document is not in this notes file: open it once and its links work.")
        return False
    if not Path(record.path).exists():
        messages.warning(f"The linked document is no longer at {record.path}. Open it from its new place and "
                         "the link works again.")
        return False
    if h is not None and h.doc_id == record.id:
        w.marks.open_highlight(record.path, h.id)
        return True
    if link.quote:
        quote = link.quote

        def place() -> None:
            if w.doc is None:
                return
            words = quote.split()
            m = re.search(r"\s+".join(re.escape(x) for x in words), w.doc.text) if words else None
            if m is None:
                messages.warning("The linked passage is no longer in this document.")
                return
            w.marks.jump_to_range(m.start(), m.end())

        if w.doc is not None and w.session is not None and Path(w.doc.path).resolve() == Path(record.path).resolve():
            place()
        else:
            def shown(_doc: object) -> None:
                w.documentShown.disconnect(shown)
                place()

            w.documentShown.connect(shown)
            w.open_path(record.path)
        return True
    if link.highlight is not None:
        messages.info("That highlight is not in this notes file; the document is opened instead.")
    open_at(w, record.path, record.position, record.position)
    return True
