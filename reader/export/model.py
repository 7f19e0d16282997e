"""What every export format reads: one document's record, metadata and highlights.

Built from the notes file (and, when the file is still there, a look at its
metadata for author and date), so ``reader export --all`` needs no document
to be opened. Qt-free.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from notes_db import DocumentRecord, Highlight
from reader.deeplinks import highlight_link, quote_link

if TYPE_CHECKING:
    from notes_db.corrections import Found, QuoteCorrection
    from notes_db.reviews import ReviewedClaim
    from notes_db.store import NotesDB

log = logging.getLogger("reader.export")

MIME_TYPES = {"pdf": "application/pdf", "markdown": "text/markdown", "text": "text/plain"}


@dataclass
class ExportDoc:
    record: DocumentRecord
    highlights: list[Highlight]
    author: str = ""
    date: str = ""  # the document's own date (ISO), when it says one
    site: str = ""  # the web site a saved page came from
    tags: list[str] = field(default_factory=list)
    #: The document's reviewed claims (status, note, source), in the order of the text.
    reviews: list[ReviewedClaim] = field(default_factory=list)
    #: The reader's corrections of the quotes (who said it, or not a quote), each with the analysis's reading, in
    #: the order of the text.
    corrections: list[tuple[QuoteCorrection, Found | None]] = field(default_factory=list)
    #: The document's ``page_at`` (0-based page of a text offset) when it was read: the page of a reviewed claim or a
    #: corrected quote, as a highlight's is kept from its start when it is made.
    page_at: Callable[[int], int | None] | None = None
    #: The keys of the PDF's own annotations Reader has taken over (notes_db/pdf_annotations.py): those it made
    #: highlights of and those the person deleted since, so that another notes file that imports the export
    #: never brings a deleted one back.
    taken_over: list[str] = field(default_factory=list)

    def page(self, start: int | None) -> int | None:
        """The 1-based page of the text at ``start`` (a claim's, a quote's), None when not known (not a PDF, or
        the document not read)."""
        if self.page_at is None or start is None:
            return None
        found = self.page_at(start)
        return None if found is None else found + 1

    @property
    def title(self) -> str:
        return self.record.title

    @property
    def sha256(self) -> str:
        return self.record.fingerprint

    @property
    def source(self) -> str:
        """The document as a file URI (empty when the notes file has no path)."""
        return file_uri(self.record.path) if self.record.path else ""

    @property
    def mime(self) -> str:
        return MIME_TYPES.get(self.record.kind, "text/plain")

    def link(self, h: Highlight) -> str:
        return highlight_link(self.sha256, h.id)

    def claim_link(self, r: ReviewedClaim) -> str:
        """A link that opens the document at the reviewed claim's words."""
        return quote_link(self.sha256, r.text)

    def quote_link(self, c: QuoteCorrection) -> str:
        """A link that opens the document at a corrected quote's words."""
        return quote_link(self.sha256, c.text)


def reviewed_claims(store: NotesDB, doc_id: int) -> list[ReviewedClaim]:
    """A document's reviewed claims (a verdict, a note or a source given), in the order of the text."""
    from notes_db.reviews import reviews

    found = [r for r in reviews(store, doc_id=doc_id) if r.text.strip()]
    return sorted(found, key=lambda r: (r.start is None, r.start or 0, r.text))


def file_uri(path: str) -> str:
    p = Path(path)
    try:
        return p.resolve().as_uri() if p.is_absolute() or p.exists() else p.absolute().as_uri()
    except ValueError:
        return p.absolute().as_uri()


def _pdf_date(raw: str) -> str:
    """'D:20230415120000Z' -> '2023-04-15'."""
    m = re.match(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?", raw or "")
    if not m:
        return ""
    return "-".join(x for x in m.groups() if x)


_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


def document_meta(path: str, kind: str) -> tuple[str, str]:
    """(author, date) as the document states them: PDF metadata, a web page's
    metadata or Markdown front matter. Empty strings when it does not say or is gone."""
    author, date, _site = _meta(path, kind)
    return author, date


def document_info(path: str, kind: str) -> tuple[str, str, str]:
    """(author, date, site) as the document states them (the site: a web page's publisher)."""
    return _meta(path, kind)


def _web_meta(p: Path) -> tuple[str, str, str]:
    """(author, date, site) of a saved web page, as its metadata (meta tags, JSON-LD) state them."""
    from trafilatura import extract_metadata

    from reader.web import decode_html

    m = extract_metadata(decode_html(p.read_bytes()))
    if m is None:
        return "", "", ""
    return tuple(" ".join(str(v or "").split()) for v in (m.author, m.date, m.sitename))  # type: ignore[return-value]


def _meta(path: str, kind: str, problems: list[str] | None = None) -> tuple[str, str, str]:
    """``problems``: given, a line is added to it for a file whose metadata could not be read."""
    p = Path(path)
    if not path or not p.is_file():
        return "", "", ""
    try:
        if kind == "web":
            return _web_meta(p)
        if kind == "pdf":
            import pymupdf  # type: ignore[import-untyped]

            from reader.titles import title_and_author

            pymupdf.TOOLS.mupdf_display_errors(False)  # MuPDF's own "MuPDF error: …" lines are not ours to print
            with pymupdf.open(str(p)) as pdf:
                if pdf.needs_pass:
                    if problems is not None:
                        problems.append(f"{p.name} needs its password: its notes are exported without its author "
                                        "and date")
                    return "", "", ""
                meta = pdf.metadata or {}
                _title, author = title_and_author(pdf, p.stem)
            return author, _pdf_date(meta.get("creationDate") or ""), ""
        with p.open("rb") as f:
            head = f.read(8192).decode("utf-8", "replace")
    except Exception as exc:  # a damaged or unreadable file: export what the notes file knows
        log.info("no metadata from %s: %s", p.name, exc)
        if problems is not None:
            problems.append(f"{p.name} could not be read: its notes are exported without its author and date")
        return "", "", ""
    m = _FRONT_MATTER.match(head)
    author = date = ""
    if m:
        for line in m.group(1).splitlines():
            key, _, value = line.partition(":")
            value = value.strip().strip("\"'")
            if key.strip().lower() in ("author", "authors", "by") and not author:
                author = value
            elif key.strip().lower() in ("date", "published") and not date:
                date = value
    return author, date, ""


def pdf_page_at(record: DocumentRecord) -> Callable[[int], int | None] | None:
    """The ``page_at`` of a PDF read again from its file (for an export of documents that are not open), None
    when it is no PDF or cannot be read (gone, damaged, needs its password)."""
    if record.kind != "pdf" or not record.path or not Path(record.path).is_file():
        return None
    from reader.errors import DocumentError
    from reader.loaders import load

    try:
        return load(record.path).page_at
    except DocumentError as exc:
        log.info("no pages for %s: %s", Path(record.path).name, exc)
        return None


def export_doc(record: DocumentRecord, highlights: list[Highlight], *, meta: bool = True,
               author: str = "", store: NotesDB | None = None, problems: list[str] | None = None,
               page_at: Callable[[int], int | None] | None = None) -> ExportDoc:
    """``author``: as the document's loader found it (EPUB, web page, PDF metadata), if known; ``store``: the
    notes file, for the document's reviewed claims and corrected quotes; ``problems``: a
    line for a file whose metadata could not be read (a PDF that needs its password, a damaged file);
    ``page_at``: the document's, when it is read (the pages of the reviewed claims and corrected quotes)."""
    found, date, site = _meta(record.path, record.kind, problems) if meta else ("", "", "")
    author = author or found
    tags: dict[str, str] = {}
    for h in highlights:
        for t in h.tags:
            tags.setdefault(t.lower(), t)
    if store is None:
        return ExportDoc(record, highlights, author, date, site, sorted(tags.values(), key=str.lower))
    from notes_db.corrections import with_readings
    from notes_db.pdf_annotations import exportable, taken_over

    return ExportDoc(record, highlights, author, date, site, sorted(tags.values(), key=str.lower),
                     reviewed_claims(store, record.id), with_readings(store, record.id), page_at,
                     exportable(taken_over(store, record.id)) if record.kind == "pdf" else [])
