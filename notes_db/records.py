"""What notes_db stores, as plain dataclasses: cheap to import (no sqlite_utils),
so the GUI's first frame does not wait for the database library."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any


def now() -> str:
    """The time of a change, as stored (UTC, milliseconds)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


COLORS = ("yellow", "red", "green", "blue", "purple", "orange", "gray")
#: How a highlight is drawn: a band of its colour, or a line of it under (straight or wavy) or through the words
#: (a PDF's Highlight, Underline, Squiggly and StrikeOut annotations; Zotero, Okular and Sioyek have them too).
STYLES = ("highlight", "underline", "squiggly", "strikeout")
#: A style in a word, where a list or an export says it (a band says nothing: :data:`STYLES` has its name).
STYLE_WORDS = {"underline": "underlined", "squiggly": "squiggly", "strikeout": "struck out"}
CLAIM_STATUSES = ("unchecked", "verified", "disputed", "false")


#: Quotation marks a tag may be typed between ('"quoted, tag"'): they go, as the comma inside still parts tags.
TAG_QUOTES = "\"\u201c\u201d\u201e\u201f\u00ab\u00bb"


def tag_list(tags: Iterable[str]) -> list[str]:
    """Tag names as stored, whichever way they came (typed in the window, ``--tag``, an imported
    annotation's tags): commas and semicolons part tags, as in the window's tag field ("a, b" is the tags a
    and b, as Zotero reads a keywords field), so no tag holds a comma that a CSV export's tags column, a
    Markdown ``#tag`` or the tag field could not tell from two tags. Quotation marks do not change that:
    ``"quoted, tag"`` is the tags quoted and tag, without the stray marks ("\"quoted", "tag\"") it once
    gave, and the tag field says so. A leading # goes, spaces are one, case-insensitively once each."""
    seen: dict[str, str] = {}
    for raw in tags:
        for part in raw.replace(";", ",").split(","):
            name = " ".join(part.split()).strip(TAG_QUOTES + " ").lstrip("#").strip(TAG_QUOTES + " ")
            if name and name.lower() not in seen:
                seen[name.lower()] = name
    return list(seen.values())


class StorageError(Exception):
    """A problem with the notes file that the user can understand and act on."""


class NewerSchemaError(StorageError):
    pass


class NotReaderFileError(StorageError):
    """Another program's database: refused, and left exactly as it was."""


class DamagedError(StorageError):
    """The notes file cannot be read as a database; ``path`` is the file."""

    def __init__(self, message: str, path: str = "") -> None:
        super().__init__(message)
        self.path = path


class MissingFolderError(StorageError):
    """A notes path chosen with --db or READER_DB in a folder that does not exist."""


@dataclass
class DocumentRecord:
    id: int
    fingerprint: str
    path: str
    title: str
    kind: str
    chars: int
    pages: int
    position: int
    opened: str
    #: Set by :meth:`NotesDB.register_document`: how the file was recognised.
    match: str = "new"  # "new" | "fingerprint" | "moved" | "changed"
    #: Hash of the text the highlight positions refer to ("" before any).
    anchored_sha: str = ""


@dataclass
class Highlight:
    id: int
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
    origin: str = "user"
    orphaned: bool = False
    created: str = ""
    updated: str = ""
    #: For highlights made from a claim: the claim's key (its review's key).
    claim_key: str | None = None
    #: Not placed because the passage now occurs more than once and nothing
    #: tells the copies apart (``orphaned`` is set too: it is not on screen).
    ambiguous: bool = False
    #: The global id for sync, when known (set on a deleted highlight, so undo revives the same one).
    gid: str = field(default="", compare=False, repr=False)
    #: How it is drawn (:data:`STYLES`).
    style: str = "highlight"
    #: Who made it, when another program did (a PDF annotation's author, a W3C ``creator``); "" for the person's own.
    author: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "text": self.exact,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "color": self.color,
            "style": self.style,
            "author": self.author,
            "note": self.note,
            "tags": list(self.tags),
            "page": self.page,
            "rects": self.rects,
            "origin": self.origin,
            "orphaned": self.orphaned,
            "ambiguous": self.ambiguous,
            "created": self.created,
            "updated": self.updated,
        }


@dataclass
class ClaimReview:
    key: str
    status: str = "unchecked"
    note: str = ""
    source: str = ""
    updated: str = ""
