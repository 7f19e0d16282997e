"""What crosses the window's edge: links leaving the document, notes exported to a file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from reader.ui import messages

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


def open_link(w: MainWindow, href: str) -> None:
    """A link in the text: in-document links jump; anything leaving it asks first, and a PDF's
    request to start a program is never granted."""
    doc = w.controller.doc
    if href.startswith("#"):
        target = href[1:]
        block = next((b for b in doc.blocks if b.ident == target), None) if doc is not None else None
        if block is not None:
            w.view.scroll_to(block.start, flash_to=block.end)
        return
    if href.startswith("launch:"):
        answer = QMessageBox.warning(
            w, "Open link", f"This PDF asks to start another program or file:\n\n{href[7:]}\n\n"
            "Reader does not run it. Show the file's folder instead?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes and doc is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(doc.path.parent)))
        return
    url = QUrl(href)
    scheme = url.scheme().lower()
    if scheme in ("http", "https", "mailto"):
        question = f"Open this link in your browser?\n\n{href}"
    else:
        question = (f"This link points outside the document ({scheme or 'a file'}):\n\n{href}\n\n"
                    "Opening it may run a program or open a file on your computer. Open it anyway?")
    if QMessageBox.question(w, "Open link", question) == QMessageBox.StandardButton.Yes:
        QDesktopServices.openUrl(url)


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
