"""File > Library from a main window: one Library window per main window, wired to what changes the notes
(split from reader/ui/library.py, which keeps the window itself)."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QGuiApplication

from reader.ui.library import LibraryWindow


def show_library(window: Any) -> LibraryWindow | None:
    """File > Library: one Library window per main window; shown again, it reads what changed meanwhile."""
    store = window.controller.ensure_store()
    if store is None:
        return None
    lib: LibraryWindow | None = getattr(window, "library_window", None)
    if lib is None:
        lib = LibraryWindow(store, window)
        lib.openRequested.connect(window.open_path)
        lib.documentRemoved.connect(lambda doc_id: _forgotten(window, doc_id))
        lib.documentRelocated.connect(lambda _doc_id: window.controller.reattach_session())
        window.controller.external.written.connect(lib.take_changes)  # what the command line writes shows here
        window.controller.highlightsChanged.connect(lib.take_own_changes)  # and what this window writes
        window.controller.sessionReady.connect(lib.take_own_changes)  # a document opened: Last opened, a new row
        window.controller.reviewSaved.connect(lib.take_own_changes)  # a claim reviewed: Claims reviewed
        window.controller.analyser.findings.remembered.connect(lib.take_own_changes)  # findings written: reviews' words
        window.library_window = lib
        lib.show()
    elif lib.store is not store:  # another notes file was chosen meanwhile
        lib.store = store
        lib.reload()
        lib.show()
    else:
        if not lib.isVisible():
            _unfiltered(lib)
        lib.show()
        lib.catch_up()
    if QGuiApplication.platformName() != "offscreen":
        lib.raise_()
    lib.activateWindow()
    return lib


def _unfiltered(lib: LibraryWindow) -> None:
    """Opened again, the Library shows every document, as Zotero's and calibre's libraries do (their quick
    search is not kept for the next look): tryout 12 found it reopened on "iraq", 2 of 40 documents, with
    nothing saying why. The document chosen stays chosen."""
    if not lib.filter.text():
        return
    keep = lib.current_id()
    lib.filter.clear()
    if keep is not None:
        lib.select_id(keep)


def _forgotten(window: Any, doc_id: int) -> None:
    """The document removed from the Library is open: it starts afresh, with no notes."""
    session = getattr(window, "session", None)
    if session is not None and session.doc_id == doc_id and window.doc is not None:
        window.controller.reattach_session()
