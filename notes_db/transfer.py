"""Highlights brought in from elsewhere (an import), stored in one transaction.

Unlike :meth:`NotesDB.add_highlight` this keeps what the source says about
each highlight: its dates and, when that id is free in this notes file, its
id (so an export, an import into an empty notes file and a second export are
identical). No Qt.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from notes_db.records import COLORS, STYLES

if TYPE_CHECKING:
    from notes_db.store import NotesDB


@dataclass
class NewHighlight:
    doc_id: int
    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""
    color: str = "yellow"
    note: str = ""
    tags: list[str] = field(default_factory=list)
    page: int | None = None
    rects: list[list[float]] = field(default_factory=list)
    created: str = ""
    updated: str = ""
    wanted_id: int | None = None
    origin: str = "imported"
    style: str = "highlight"
    author: str = ""


def add_highlights(store: NotesDB, items: list[NewHighlight]) -> list[int]:
    """Store every item or none; returns the new ids in order."""
    from notes_db.store import _now, _tag_list

    now = _now()
    ids: list[int] = []
    with store.transaction() as db:
        for it in items:
            if it.color not in COLORS:
                raise ValueError(f"unknown colour {it.color!r}")
            if it.style not in STYLES:
                raise ValueError(f"unknown style {it.style!r}")
            if it.end <= it.start:
                raise ValueError("a highlight needs at least one character")
            names = _tag_list(it.tags)
            row = {
                "doc_id": it.doc_id, "start": it.start, "end": it.end, "exact": it.exact, "prefix": it.prefix,
                "suffix": it.suffix, "page": it.page, "rects": json.dumps(it.rects), "color": it.color,
                "note": it.note, "tags_text": " ".join(names), "origin": it.origin, "orphaned": 0,
                "created": it.created or now, "updated": it.updated or it.created or now, "claim_key": None, "style": it.style,
                "author": " ".join(it.author.split()),
            }
            if it.wanted_id is not None and it.wanted_id > 0 and not db.execute(
                "SELECT 1 FROM highlights WHERE id = ?", [it.wanted_id]
            ).fetchone():
                row["id"] = it.wanted_id
            hid = int(db.table("highlights").insert(row).last_pk or 0)
            store.link_tags(hid, names)
            ids.append(hid)
    return ids


def authors(store: NotesDB) -> dict[int, str]:
    """Each document's author as its loader found it (document id -> author; empty when unknown)."""
    rows = store.read_rows("SELECT id, author FROM documents WHERE author != ''")
    return {int(r["id"]): str(r["author"]) for r in rows}
