"""A read-only look at one document's highlights, before the notes file is opened.

Opening the notes file (:class:`notes_db.store.NotesDB`) loads sqlite_utils,
checks the schema and may migrate it: a fifth of a second that the window's
first screen should not wait for. :func:`peek` reads what that screen shows
(a document's highlights, its reading position, the hash of the text their
positions were made on, whether repairs were undone) with the standard
library's sqlite3, read-only: it never creates, migrates or locks anything
for long, and any doubt (no file, no such document, another schema, an error)
answers None. The window then paints those highlights at once and opens the
notes file properly after its first frame, as before. No Qt.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from notes_db.records import Highlight

log = logging.getLogger("notes_db.peek")

#: ``highlights.orphaned`` for a passage found more than once (as in store.py).
_AMBIGUOUS = 2


@dataclass
class Peek:
    """What the notes file holds for one document (by its content's fingerprint);
    ``known`` False: a document it has never seen (no highlights to wait for)."""

    known: bool
    position: int
    anchored_sha: str
    repairs_undone: bool
    highlights: list[Highlight] = field(default_factory=list)


def peek(db_path: Path, fingerprint: str, path: str, before: int | None = None) -> Peek | None:
    """The notes of the document with this fingerprint, read without opening the
    notes file for writing; None when in any doubt (the file unreadable, or a
    document at this path with other content: its notes are placed again). With
    ``before``, only the highlights starting before that offset."""
    if not db_path.exists():
        return Peek(False, 0, "", False)  # the notes file is made when it opens
    if not db_path.is_file() or not os.access(db_path, os.W_OK) or not os.access(db_path.parent, os.W_OK):
        return None  # a file this process may not change is the notes file's to read (no -shm left beside it)
    # with nothing in a -wal the file is all there is: read it as it stands, making no -shm or -wal
    wal = db_path.with_name(db_path.name + "-wal")
    quiet = not (wal.exists() and wal.stat().st_size > 0)
    uri = f"file:{quote(str(db_path.resolve()))}?mode=ro" + ("&immutable=1" if quiet else "")
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=0.2)
    except sqlite3.Error as exc:
        log.info("no early look at the notes: %s", exc)
        return None
    try:
        row = conn.execute("SELECT id, position, anchored_sha, restored_repairs FROM documents WHERE fingerprint = ?",
                           [fingerprint]).fetchone()
        if row is None:
            spelled = os.path.realpath(os.path.expanduser(path))  # as the notes file spells paths
            moved_in = conn.execute("SELECT 1 FROM documents WHERE path = ?", [spelled]).fetchone()
            return None if moved_in else Peek(False, 0, "", False)
        doc_id, position, sha, restored = row
        rows = _highlight_rows(conn, doc_id, (1 << 62) if before is None else before)
    except sqlite3.Error as exc:  # an older or damaged file: the notes file itself says what is wrong, later
        log.info("no early look at the notes: %s", exc)
        return None
    finally:
        conn.close()
    highlights = [Highlight(id=hid, doc_id=doc_id, start=start, end=end, exact=exact or "", prefix=prefix or "",
                            suffix=suffix or "", color=color or "yellow", note=note or "", orphaned=bool(orphaned),
                            ambiguous=orphaned == _AMBIGUOUS, style=style or "highlight", author=author or "")
                  for hid, start, end, exact, prefix, suffix, color, note, orphaned, style, author in rows]
    highlights.sort(key=lambda h: (h.start, h.id))
    return Peek(True, position or 0, sha or "", restored not in (None, "", "[]"), highlights)


def _highlight_rows(conn: sqlite3.Connection, doc_id: int, before: int) -> list[tuple[Any, ...]]:
    """The document's highlights before ``before``; a file from before highlight styles (schema 20, not yet
    migrated: this look comes before the notes file is opened and upgraded) has them all as bands, and one from
    before authors (schema 22) has none."""
    where = "FROM highlights WHERE doc_id = ? AND orphaned = 0 AND start < ?"
    columns = 'id, start, "end", exact, prefix, suffix, color, note, orphaned'
    for extra in ("style, author", "style, ''", "'highlight', ''"):
        try:
            return conn.execute(f"SELECT {columns}, {extra} {where}", [doc_id, before]).fetchall()
        except sqlite3.OperationalError as exc:
            if "style" not in str(exc) and "author" not in str(exc):
                raise
    return []
