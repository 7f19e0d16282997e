"""Reader's storage: one SQLite file of documents, highlights, notes and tags.

No Qt here. The GUI and the CLI call :class:`NotesDB`; they never write SQL.
``NotesDB`` (and with it sqlite_utils, ~0.1 s) is imported on first use, so a
window can paint before the database library has loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from notes_db.paths import ENV_VAR, resolve_db_path
from notes_db.records import (
    CLAIM_STATUSES,
    COLORS,
    ClaimReview,
    DamagedError,
    DocumentRecord,
    Highlight,
    MissingFolderError,
    NewerSchemaError,
    NotReaderFileError,
    StorageError,
)

if TYPE_CHECKING:
    from notes_db.store import NotesDB

__all__ = [
    "CLAIM_STATUSES",
    "COLORS",
    "ENV_VAR",
    "ClaimReview",
    "DamagedError",
    "DocumentRecord",
    "Highlight",
    "MissingFolderError",
    "NewerSchemaError",
    "NotReaderFileError",
    "NotesDB",
    "StorageError",
    "resolve_db_path",
]


def __getattr__(name: str) -> Any:
    if name == "NotesDB":
        from notes_db.store import NotesDB

        return NotesDB
    raise AttributeError(name)
