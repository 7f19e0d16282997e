"""What reading a file in the background does besides reading it (the controller's load task):
what the window will ask of the document first is made there, off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reader import doc_cache
from reader.document import Document
from reader.ui.text_layout import prebuild


def load_in_background(path: Path, password: str | None, progress: Callable[[int, int], None]) -> Document:
    """The document at ``path``, with its words' page ranges (the page view asks them first) and, for
    a long text, its QTextDocument (the reading view takes it: reader/ui/text_layout.py) made."""
    doc = doc_cache.load(path, password=password, progress=progress)
    doc.words.page_ranges()
    prebuild(doc)
    return doc
