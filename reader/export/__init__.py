"""Notes out of Reader, in open formats.

    markdown  for note-taking apps (YAML front matter, a block per highlight,
              #tags, a link back; from a Jinja2 template the person can change)
    json      Reader's own, for scripts
    w3c       W3C Web Annotation JSON-LD (what Hypothesis and others use)
    csv       one row per highlight, reviewed claim and corrected quote (column ``type``), for spreadsheets
    pdf       a copy of the PDF with real highlight annotations
    claimreview  your reviewed claims as schema.org ClaimReview (what fact-checkers publish)

All but pdf are text built from the notes file alone; Qt-free.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from notes_db import DocumentRecord, Highlight
from notes_db.records import STYLE_WORDS
from reader.export.model import ExportDoc, export_doc

__all__ = ["FORMATS", "TEXT_FORMATS", "ExportDoc", "export_doc", "export_text", "notes_json", "notes_markdown",
           "notes_text"]

#: Format name -> (label for menus, file suffix).
FORMATS: dict[str, tuple[str, str]] = {
    "markdown": ("Markdown", ".md"),
    "json": ("JSON", ".json"),
    "w3c": ("W3C Web Annotation (JSON-LD)", ".jsonld"),
    "csv": ("CSV", ".csv"),
    "pdf": ("Annotated PDF", ".pdf"),
    "claimreview": ("ClaimReview (schema.org JSON-LD)", ".json"),
}
TEXT_FORMATS = ("markdown", "json", "w3c", "csv")
#: The first nine as before reviews came in (scripts that read them by place still do); ``type`` says what a row is:
#: highlight, review (``status``, ``source``) or correction (``speaker``: who said it or "not a quote"; ``found``: whom
#: the analysis named).
CSV_COLUMNS = ("document", "page", "colour", "text", "note", "tags", "created", "modified", "link", "type", "status",
               "source", "speaker", "found", "style", "author")
#: A corrected quote's speaker in the exports when the reader said it is no quote at all.
NOT_A_QUOTE = "not a quote"


def _doc_json(d: ExportDoc) -> dict[str, Any]:
    document: dict[str, Any] = {"title": d.title, "path": d.record.path, "kind": d.record.kind, "fingerprint": d.sha256,
                                "author": d.author, "date": d.date}
    if d.taken_over:  # (a PDF's own annotations Reader took over: import keeps a deleted one out, as W3C's takenOver)
        document["taken_over"] = d.taken_over
    return {
        "document": document,
        "highlights": [{**h.to_json(), "link": d.link(h)} for h in d.highlights],
        "reviews": [{"claim": r.text, "kind": r.kind, "status": r.status, "note": r.note, "source": r.source,
                     "updated": r.updated, "start": r.start, "end": r.end, "link": d.claim_link(r)} for r in d.reviews],
        "corrections": [{"quote": c.text, "start": c.start, "end": c.end, "speaker": c.speaker or None,
                         "not_a_quote": c.dismissed, "found_speaker": found_name(f), "updated": c.updated,
                         "link": d.quote_link(c)} for c, f in d.corrections],
    }


def found_name(found: Any) -> str | None:
    """Whom the analysis named as a quote's speaker before it was corrected: the person, else the words the text
    gives it to ("we", "they"); None when not known or nobody."""
    from reader.speaker_labels import NON_PEOPLE

    if found is None:
        return None
    return (found.group if found.group and found.group not in NON_PEOPLE else found.speaker) or None


def _cell(text: str) -> str:
    """Spreadsheets run a cell that starts with = + @ as a formula: make it text."""
    return "'" + text if text[:1] in ("=", "+", "@", "\t", "\r") else text


def _page(d: ExportDoc, start: int | None) -> int | str:
    page = d.page(start)
    return "" if page is None else page


def _csv(docs: list[ExportDoc]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for d in docs:
        for h in d.highlights:
            w.writerow([_cell(d.title), "" if h.page is None else h.page + 1, h.color, _cell(h.exact), _cell(h.note),
                        _cell(", ".join(h.tags)), h.created, h.updated, d.link(h), "highlight", "", "", "", "", h.style,
                        _cell(h.author)])
        for r in d.reviews:
            w.writerow([_cell(d.title), _page(d, r.start), "", _cell(r.text), _cell(r.note), "", "", r.updated,
                        d.claim_link(r),
                        "review", r.status, _cell(r.source), "", "", "", ""])
        for c, f in d.corrections:
            w.writerow([_cell(d.title), _page(d, c.start), "", _cell(c.text), "", "", "", c.updated, d.quote_link(c),
                        "correction",
                        "", "", _cell(NOT_A_QUOTE if c.dismissed else c.speaker), _cell(found_name(f) or ""), "", ""])
    return buf.getvalue()


def export_text(fmt: str, docs: list[ExportDoc], template: str | None = None) -> str:
    """One text export of one or more documents (Markdown: one after another)."""
    if fmt == "markdown":
        from reader.export.markdown import render

        return "\n".join(render(d, template) for d in docs)
    if fmt == "json":
        data: Any = _doc_json(docs[0]) if len(docs) == 1 else {"documents": [_doc_json(d) for d in docs]}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "w3c":
        from reader.export.w3c import collection

        return json.dumps(collection(docs), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return _csv(docs)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def claim_reviews_json(store: Any, doc_ids: list[int] | None = None) -> str:
    """Reviewed claims (of these documents, or all) as ClaimReview JSON-LD."""
    from notes_db.reviews import document_author, reviews, speaker_of
    from reader.export.claimreview import claim_reviews

    found = [r for r in reviews(store) if doc_ids is None or r.doc_id in doc_ids]
    # the claim's author: who is quoted saying it, else the outlet or the article's author (claimreview.claim_author)
    said_by = {(r.doc_id, r.key): speaker_of(store, r.doc_id, r.start, r.end, r.text) for r in found}
    bylines = {d: document_author(store, d) for d in {r.doc_id for r in found}}
    return json.dumps(claim_reviews(found, said_by, bylines), ensure_ascii=False, indent=2) + "\n"


def notes_json(record: DocumentRecord, highlights: list[Highlight]) -> str:
    return export_text("json", [export_doc(record, highlights, meta=False)])


def notes_markdown(record: DocumentRecord, highlights: list[Highlight], template: str | None = None,
                   store: Any = None) -> str:
    """``store``: the notes file, for the document's reviewed claims."""
    return export_text("markdown", [export_doc(record, highlights, store=store)], template)


def hanging(head: str, text: str) -> str:
    """``head`` then ``text``, its later lines indented under its first (a note of several lines printed in a
    terminal: at column 0 they read as entries of their own, tryout 13)."""
    return head + text.replace("\n", "\n" + " " * len(head))


def notes_text(record: DocumentRecord, highlights: list[Highlight], reviews: Sequence[Any] = ()) -> str:
    """Plain lines for the terminal; then the reviewed claims (reader.export.model.reviewed_claims)."""
    n = len(highlights)
    out = [f"{record.title} ({n} highlight{'s' if n != 1 else ''})"]
    for h in highlights:
        quote = " ".join(h.exact.replace("\u2028", " ").split())
        if len(quote) > 100:
            quote = quote[:99] + "…"
        tags = (" " + " ".join(f"#{t}" for t in h.tags)) if h.tags else ""
        orphan = " [ambiguous: found more than once]" if h.ambiguous else " [not found]" if h.orphaned else ""
        style = f" {STYLE_WORDS[h.style]}" if h.style in STYLE_WORDS else ""  # (a band says nothing)
        by = f" by {h.author}" if h.author else ""  # (another program's: a PDF annotation's author)
        out.append(f"[{h.id}] {h.color:<7} {h.start}-{h.end}{orphan}{style}{by} “{quote}”{tags}")
        if h.note:
            out.append(hanging("        note: ", h.note))
    if reviews:
        out.append(f"reviewed claims ({len(reviews)})")
    for r in reviews:
        out.append(f"[{r.status}] “{' '.join(r.text.split())}”")  # the whole claim, as reader ledger says it
        if r.note:
            out.append(hanging("        note: ", r.note))
        if r.source:
            out.append(hanging("        source: ", r.source))
    return "\n".join(out)
