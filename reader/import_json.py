"""Reader's own JSON export read back by ``reader import`` (and File > Import Notes…): each document's highlights
(colour, style, note, tags, dates, origin, id), claim reviews and quote corrections, and the PDF's own annotations
Reader took over, turned into the W3C Web Annotations Reader's W3C export writes for them (reader/export/w3c.py),
so that they are placed, merged and dated exactly as a W3C import is (reader/importer.py: an older review or
correction never replaces a newer one; a highlight already there is not added twice). Export, import into an empty
notes file and export again give the same file. Qt-free.
"""

from __future__ import annotations

from typing import Any

from reader.export.model import file_uri
from reader.export.w3c import class_name


def is_reader_json(data: Any) -> bool:
    """Whether ``data`` is Reader's JSON export: one document's notes, or ``{"documents": [...]}`` of them."""
    docs = data.get("documents") if isinstance(data, dict) else None
    return _one(data) or (isinstance(docs, list) and bool(docs) and all(_one(d) for d in docs))


def _one(d: Any) -> bool:  # {"document": {...}, "highlights": [...]}
    return isinstance(d, dict) and isinstance(d.get("document"), dict) and isinstance(d.get("highlights"), list)


def _str(v: Any) -> str:
    return v if isinstance(v, str) else ""


def _strings(v: Any, sep: str) -> list[str]:
    """A list of strings as written, or one string parted at ``sep`` (a hand-edited file's "tags": "a, b" is two
    tags, not one a character); anything else none."""
    if isinstance(v, str):
        return [p.strip() for p in v.split(sep) if p.strip()]
    return [t for t in v if isinstance(t, str)] if isinstance(v, list) else []


def _int(v: Any) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def _selectors(exact: str, start: Any, end: Any, prefix: str = "", suffix: str = "") -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = [{"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix}]
    s, e = _int(start), _int(end)
    if s is not None and e is not None and e > s:
        out.append({"type": "TextPositionSelector", "start": s, "end": e})
    return out


def _text_body(value: str, purpose: str) -> dict[str, Any]:
    return {"type": "TextualBody", "value": value, "purpose": purpose}


def as_w3c(data: Any) -> tuple[list[dict[str, Any]], list[tuple[list[str], list[str]]]]:
    """The W3C annotations of Reader's JSON export ``data``, and the PDFs' own annotations it says were taken over
    (each document's sources and their keys, as reader.importer.taken_over_in reads them from a W3C export)."""
    from reader.export import NOT_A_QUOTE

    docs = data["documents"] if isinstance(data.get("documents"), list) else [data]
    items: list[dict[str, Any]] = []
    taken: list[tuple[list[str], list[str]]] = []
    for d in docs:
        meta = d["document"]
        sha, path = _str(meta.get("fingerprint")), _str(meta.get("path"))
        source = {"id": file_uri(path) if path else f"urn:sha256:{sha}", "canonical": f"urn:sha256:{sha}"}
        title = _str(meta.get("title"))
        keys = _strings(meta.get("taken_over"), "\n")
        if keys:
            taken.append(([source["id"], source["canonical"]], keys))
        for h in d["highlights"]:
            if not isinstance(h, dict) or not _str(h.get("text")):
                continue
            color, style = _str(h.get("color")) or "yellow", _str(h.get("style")) or "highlight"
            body = [_text_body(_str(h.get("note")), "commenting")] if _str(h.get("note")) else []
            body += [_text_body(t, "tagging") for t in _strings(h.get("tags"), ",")]
            items.append({
                "id": _str(h.get("link")), "type": "Annotation", "created": _str(h.get("created")),
                "modified": _str(h.get("updated")), "origin": _str(h.get("origin")), "document": {"title": [title]},
                "target": {"source": source, "styleClass": class_name(color, style),
                           "selector": _selectors(_str(h.get("text")), h.get("start"), h.get("end"),
                                                  _str(h.get("prefix")), _str(h.get("suffix")))},
                "body": body, **({"creator": {"type": "Person", "name": _str(h["author"])}}
                                 if _str(h.get("author")) else {})})
        for r in d.get("reviews") or []:
            if not isinstance(r, dict) or not _str(r.get("claim")):
                continue
            body = [_text_body(_str(r.get("status")) or "unchecked", "assessing")]
            body += [_text_body(_str(r.get(k)), p) for k, p in (("note", "commenting"), ("source", "linking"))
                     if _str(r.get(k))]
            items.append({"type": "Annotation", "motivation": "assessing", "modified": _str(r.get("updated")),
                          "document": {"title": [title]}, "body": body,
                          "target": {"source": source, "selector": _selectors(_str(r["claim"]), r.get("start"),
                                                                               r.get("end"))}})
        for c in d.get("corrections") or []:
            if not isinstance(c, dict) or not _str(c.get("quote")):
                continue
            said = NOT_A_QUOTE if c.get("not_a_quote") else _str(c.get("speaker"))
            if not said:
                continue
            items.append({"type": "Annotation", "motivation": "classifying", "modified": _str(c.get("updated")),
                          "document": {"title": [title]}, "body": [_text_body(said, "classifying")],
                          "target": {"source": source, "selector": _selectors(_str(c["quote"]), c.get("start"),
                                                                               c.get("end"))}})
    return items, taken
