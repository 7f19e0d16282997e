"""Queries over the whole library (every document in the notes file). No Qt."""

from __future__ import annotations

from typing import TYPE_CHECKING

from notes_db.records import DocumentRecord

if TYPE_CHECKING:
    from notes_db.store import NotesDB


def documents(store: NotesDB) -> list[DocumentRecord]:
    """Every document the notes file knows, by title."""
    rows = store._read("SELECT * FROM documents ORDER BY title COLLATE NOCASE, id")
    return [store._doc(r) for r in rows]
