"""What crosses the window's edge: links leaving the document, notes exported to a file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from reader.ui import messages

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


def open_link(w: MainWindow, href: str) -> None:
    """A link in the text: in-document links jump; anything leaving the document
    is asked about by reader/ui/link_dialog.py (files are never run)."""
    ctl = w.controller
    doc = ctl.doc
    if href.startswith("#"):
        target = href[1:]
        block = next((b for b in doc.blocks if b.ident == target), None) if doc is not None else None
        if block is not None:
            w.view.scroll_to(block.start, flash_to=block.end)
        return
    from reader.ui.link_dialog import link_box

    where = doc.path if doc is not None else ctl.pdf_pages.path if ctl.pdf_pages is not None else None
    w.link_box = link_box(w, href, where.parent if where is not None else Path.cwd())


def export_notes(w: MainWindow) -> None:
    session = w.controller.session
    if session is None:
        messages.info("Open a document first.")
        return
    from reader.export import notes_markdown

    default = str(session.doc.path.with_suffix(".notes.md"))
    path, _ = QFileDialog.getSaveFileName(w, "Export notes", default, "Markdown (*.md)")
    if not path:
        return
    try:
        Path(path).write_text(notes_markdown(session.record, session.highlights), encoding="utf-8")
    except OSError as exc:
        messages.error(f"The notes could not be written to {path}: {exc.strerror}.")
        return
    messages.info(f"Notes exported to {path}.")
