"""W3C Web Annotation (JSON-LD), the data model Hypothesis and others use.

One Annotation per highlight in an AnnotationCollection per export:

- ``target.source``: the document, its file URI as ``id`` and ``urn:sha256:``
  of its content as ``canonical`` (the identity Reader matches on);
- selectors: TextQuoteSelector (exact, prefix, suffix: Reader's own anchor),
  TextPositionSelector (offsets into Reader's text of the document) and, for
  PDFs, a FragmentSelector ``page=N`` (RFC 3778);
- ``body``: the note (TextualBody, purpose commenting) and one TextualBody per
  tag (purpose tagging);
- colour as a CSS ``styleClass`` with the collection's stylesheet; ``created``
  and ``modified`` as stored.
"""

from __future__ import annotations

from typing import Any

from notes_db import Highlight
from reader.export.model import ExportDoc

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
PDF_FRAGMENT = "http://tools.ietf.org/rfc/rfc3778"
#: The colours Reader paints highlights in (reader/ui/style.py).
CSS_COLORS = {
    "yellow": "#ffd400", "red": "#ff6666", "green": "#5fb236", "blue": "#2ea8e5",
    "purple": "#a28ae5", "orange": "#f19837", "gray": "#aaaaaa",
}
GENERATOR = {"type": "Software", "name": "Reader"}


def stylesheet() -> dict[str, str]:
    rules = " ".join(f".{name} {{ background-color: {css}; }}" for name, css in CSS_COLORS.items())
    return {"type": "CssStylesheet", "value": rules}


def annotation(doc: ExportDoc, h: Highlight) -> dict[str, Any]:
    selectors: list[dict[str, Any]] = [
        {"type": "TextQuoteSelector", "exact": h.exact, "prefix": h.prefix, "suffix": h.suffix},
        {"type": "TextPositionSelector", "start": h.start, "end": h.end},
    ]
    if h.page is not None and doc.record.kind == "pdf":
        selectors.append({"type": "FragmentSelector", "conformsTo": PDF_FRAGMENT, "value": f"page={h.page + 1}"})
    source: dict[str, Any] = {"id": doc.source or f"urn:sha256:{doc.sha256}", "canonical": f"urn:sha256:{doc.sha256}",
                              "format": doc.mime}
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
        "target": {"source": source, "selector": selectors, "styleClass": h.color},
    }
    if body:
        anno["body"] = body
    return anno


def collection(docs: list[ExportDoc], label: str = "") -> dict[str, Any]:
    items = [annotation(d, h) for d in docs for h in d.highlights]
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": label or (docs[0].title if len(docs) == 1 else "Reader notes"),
        "generator": GENERATOR,
        "stylesheet": stylesheet(),
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
