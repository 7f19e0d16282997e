"""Notes out of Reader: Markdown (for people) and JSON (for scripts)."""

from __future__ import annotations

import json
from typing import Any

from notes_db import DocumentRecord, Highlight


def notes_json(record: DocumentRecord, highlights: list[Highlight]) -> str:
    data: dict[str, Any] = {
        "document": {"title": record.title, "path": record.path, "kind": record.kind,
                     "fingerprint": record.fingerprint},
        "highlights": [h.to_json() for h in highlights],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def notes_markdown(record: DocumentRecord, highlights: list[Highlight]) -> str:
    lines = [f"# Notes on {record.title}", "", f"*{record.path}*", ""]
    if not highlights:
        lines.append("No highlights yet.")
    for h in highlights:
        where = f"p. {h.page + 1}, " if h.page is not None else ""
        quote = " ".join(h.exact.replace("\u2028", " ").split())
        lines.append(f"> {quote}")
        lines.append("")
        meta = f"{where}{h.color}" + (" · not found in the current text" if h.orphaned else "")
        if h.tags:
            meta += " · " + " ".join(f"#{t}" for t in h.tags)
        lines.append(f"<sub>{meta}</sub>")
        lines.append("")
        if h.note:
            lines.extend([h.note, ""])
        lines.extend(["---", ""])
    return "\n".join(lines).rstrip() + "\n"


def notes_text(record: DocumentRecord, highlights: list[Highlight]) -> str:
    """Plain lines for the terminal."""
    out = [f"{record.title} ({len(highlights)} highlights)"]
    for h in highlights:
        quote = " ".join(h.exact.replace("\u2028", " ").split())
        if len(quote) > 100:
            quote = quote[:99] + "…"
        tags = (" " + " ".join(f"#{t}" for t in h.tags)) if h.tags else ""
        orphan = " [ambiguous: found more than once]" if h.ambiguous else " [not found]" if h.orphaned else ""
        out.append(f"[{h.id}] {h.color:<7} {h.start}-{h.end}{orphan} “{quote}”{tags}")
        if h.note:
            out.append(f"        note: {h.note}")
    return "\n".join(out)
