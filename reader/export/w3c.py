"""W3C Web Annotation (JSON-LD), the data model Hypothesis and others use.

One Annotation per highlight in an AnnotationCollection per export:

- ``target.source``: the document, its file URI as ``id`` and ``urn:sha256:``
  of its content as ``canonical`` (the identity Reader matches on);
- selectors: TextQuoteSelector (exact, prefix, suffix: Reader's own anchor),
  TextPositionSelector (offsets into Reader's text of the document) and, for
  PDFs, a FragmentSelector ``page=N`` (RFC 3778);
- ``body``: the note (TextualBody, purpose commenting) and one TextualBody per
  tag (purpose tagging);
- colour as a CSS ``styleClass`` with the collection's stylesheet ("red"), with the style after it when it is
  not a band ("red-underline", "red-squiggly", "red-strikeout": text-decoration rules); ``created`` and
  ``modified`` as stored.

Then one Annotation per reviewed claim, motivation ``assessing``, on a
TextQuoteSelector of the claim's words: a body with purpose ``assessing``
holding the status (unchecked, verified, disputed, false), the note as
``commenting`` and the source as ``linking`` (a SpecificResource when it is an
address). And one per corrected quote, motivation ``classifying``: a body with
purpose ``classifying`` naming the person who said it, or "not a quote".
``reader import`` reads all three back.

A PDF's own annotations Reader has taken over (made highlights of, and those the person deleted since: Hypothesis
keeps deletes as tombstones) are listed by their keys under the collection's ``takenOver`` (Reader's own
extension: per document, its ``source`` and the ``keys``): ``reader import`` records them as taken over before it
reads the PDF's own annotations, so that one the person deleted never comes back in another notes file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from notes_db import Highlight
from reader.export.model import ExportDoc

if TYPE_CHECKING:
    from notes_db.corrections import QuoteCorrection
    from notes_db.reviews import ReviewedClaim

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
PDF_FRAGMENT = "http://tools.ietf.org/rfc/rfc3778"
#: The colours Reader paints highlights in (reader/ui/style.py).
CSS_COLORS = {
    "yellow": "#ffd400", "red": "#ff6666", "green": "#5fb236", "blue": "#2ea8e5",
    "purple": "#a28ae5", "orange": "#f19837", "gray": "#aaaaaa",
}
#: The collection's list of the PDFs' own annotations Reader took over, per document (its source and their keys).
TAKEN_OVER = "takenOver"
GENERATOR = {"type": "Software", "name": "Reader"}


#: A style that is not a band, as CSS draws it in the colour (``text-decoration``).
CSS_LINES = {"underline": "underline", "squiggly": "underline wavy", "strikeout": "line-through"}


def stylesheet() -> dict[str, str]:
    rules = " ".join(f".{name} {{ background-color: {css}; }}" for name, css in CSS_COLORS.items())
    lines = " ".join(f".{name}-{style} {{ text-decoration: {line} {css}; }}"
                     for style, line in CSS_LINES.items() for name, css in CSS_COLORS.items())
    return {"type": "CssStylesheet", "value": f"{rules} {lines}"}


def style_class(h: Highlight) -> str:
    """The highlight's class in the stylesheet: its colour ("red"), and its style unless a band ("red-underline")."""
    return class_name(h.color, h.style)


def class_name(color: str, style: str) -> str:
    """A colour's and a style's class in the stylesheet (reader.importer.style_class reads it back)."""
    return color if style not in CSS_LINES else f"{color}-{style}"


def _source(doc: ExportDoc) -> dict[str, Any]:
    return {"id": doc.source or f"urn:sha256:{doc.sha256}", "canonical": f"urn:sha256:{doc.sha256}", "format": doc.mime}


def _words(exact: str, start: int | None, end: int | None) -> list[dict[str, Any]]:
    """The selectors of a claim's or a quote's words (no context is stored with them: their place is)."""
    selectors: list[dict[str, Any]] = [{"type": "TextQuoteSelector", "exact": exact}]
    if start is not None and end is not None and end > start:
        selectors.append({"type": "TextPositionSelector", "start": start, "end": end})
    return selectors


def review_annotation(doc: ExportDoc, r: ReviewedClaim) -> dict[str, Any]:
    body: list[dict[str, Any]] = [{"type": "TextualBody", "value": r.status, "purpose": "assessing"}]
    if r.note:
        body.append({"type": "TextualBody", "value": r.note, "format": "text/plain", "purpose": "commenting"})
    if r.source:
        body.append({"type": "SpecificResource", "source": r.source, "purpose": "linking"}
                    if r.source.startswith(("http://", "https://")) and " " not in r.source
                    else {"type": "TextualBody", "value": r.source, "format": "text/plain", "purpose": "linking"})
    return {"id": doc.claim_link(r), "type": "Annotation", "motivation": "assessing", "modified": r.updated,
            "target": {"source": _source(doc), "selector": _words(r.text, r.start, r.end)}, "body": body}


def correction_annotation(doc: ExportDoc, c: QuoteCorrection) -> dict[str, Any]:
    from reader.export import NOT_A_QUOTE

    said = {"type": "TextualBody", "value": NOT_A_QUOTE if c.dismissed else c.speaker, "purpose": "classifying"}
    return {"id": doc.quote_link(c), "type": "Annotation", "motivation": "classifying", "modified": c.updated,
            "target": {"source": _source(doc), "selector": _words(c.text, c.start, c.end)}, "body": [said]}


def annotation(doc: ExportDoc, h: Highlight) -> dict[str, Any]:
    selectors: list[dict[str, Any]] = [
        {"type": "TextQuoteSelector", "exact": h.exact, "prefix": h.prefix, "suffix": h.suffix},
        {"type": "TextPositionSelector", "start": h.start, "end": h.end},
    ]
    if h.page is not None and doc.record.kind == "pdf":
        selectors.append({"type": "FragmentSelector", "conformsTo": PDF_FRAGMENT, "value": f"page={h.page + 1}"})
    source = _source(doc)
    body: list[dict[str, Any]] = []
    if h.note:
        body.append({"type": "TextualBody", "value": h.note, "format": "text/plain", "purpose": "commenting"})
    body += [{"type": "TextualBody", "value": t, "purpose": "tagging"} for t in h.tags]
    anno: dict[str, Any] = {
        "id": doc.link(h),
        "type": "Annotation",
        "motivation": "commenting" if h.note else "highlighting",
        "created": h.created,
        "modified": h.updated,
        "target": {"source": source, "selector": selectors, "styleClass": style_class(h)},
    }
    if h.author:  # (another program's: a PDF annotation's author)
        anno["creator"] = {"type": "Person", "name": h.author}
    if body:
        anno["body"] = body
    return anno


def collection(docs: list[ExportDoc], label: str = "") -> dict[str, Any]:
    items: list[dict[str, Any]] = []
    for d in docs:  # each document's highlights, then its reviewed claims, then its corrected quotes
        items += [annotation(d, h) for h in d.highlights]
        items += [review_annotation(d, r) for r in d.reviews]
        items += [correction_annotation(d, c) for c, _found in d.corrections]
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": label or (docs[0].title if len(docs) == 1 else "Reader notes"),
        "generator": GENERATOR,
        "stylesheet": stylesheet(),
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    taken = [{"source": _source(d), "keys": d.taken_over} for d in docs if d.taken_over]
    if taken:
        out[TAKEN_OVER] = taken
    return out
