"""Documents synced from another device, whose file was never opened here.

Their notes arrived by sync (a document is known by its content hash, not its
path), so they have no path on this device. Open Recent lists them under "Not
on this device" and the Library marks them; choosing one asks where the file
is, and a file with the same content is linked to them (any other file is
refused, and nothing changes). Opening the same file any other way links them
too (the notes file recognises it by its content).
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from notes_db import StorageError
from reader.ui import messages

if TYPE_CHECKING:
    from notes_db.store import NotesDB
    from reader.ui.main_window import MainWindow

log = logging.getLogger("reader.ui.elsewhere")


def locate(parent: QWidget, store: NotesDB, doc_id: int, title: str) -> str:
    """Ask for the file of a document known only by content; link it if the bytes match. Returns its path or ""."""
    from notes_db.library import link_by_content

    path, _ = QFileDialog.getOpenFileName(parent, f"Locate “{title}” on this device", str(Path.home()), "All files (*)")
    if not path:
        return ""
    try:
        linked = link_by_content(store, doc_id, path)
    except StorageError as exc:
        messages.error(str(exc))
        return ""
    if not linked:
        messages.warning(f"{Path(path).name} is not “{title}”: its content differs. Nothing was changed.")
        return ""
    log.info("linked document %d to %s", doc_id, path)
    return path


def add_to_recent(menu: QMenu, window: MainWindow) -> None:
    """Open Recent's last section: documents whose notes came from other devices."""
    store = window.controller.store
    if store is None:
        return
    from notes_db.library import elsewhere

    try:
        records = elsewhere(store, 10)
    except StorageError as exc:
        log.info("documents from other devices not listed: %s", exc)
        return
    if not records:
        return
    menu.addSeparator()
    menu.addAction("Not on this device:").setEnabled(False)
    for r in records:
        act = menu.addAction(f"{r.title or 'Untitled'}  —  Locate…", functools.partial(_locate_and_open, window, r.id,
                                                                                      r.title or "Untitled"))
        act.setToolTip("Its notes came from your other devices: show Reader the file (recognised by its content)")


def _locate_and_open(window: MainWindow, doc_id: int, title: str) -> None:
    store = window.controller.store
    if store is None:
        return
    path = locate(window, store, doc_id, title)
    if path:
        window.open_path(path)
