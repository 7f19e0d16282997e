"""Links in the text: within the document they jump; out of it they ask first."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

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
