"""The Library: every document in the notes file with what was done in it.

Qt-free, like the rest of notes_db: the GUI's Library view calls these
functions and never writes SQL. One query lists everything (counts come from
grouped sub-queries over indexed columns, so 10,000 documents list in a few
tens of milliseconds); removing a document is one transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from notes_db.paths import content_hash
from notes_db.records import DocumentRecord, StorageError

if TYPE_CHECKING:
    from notes_db.store import NotesDB


class LibraryEntry(NamedTuple):
    """A row of the Library (a tuple: the Library compares 10,000 of them with the last reading
    at C speed when another program writes to the notes file)."""

    id: int
    title: str
    author: str
    kind: str
    path: str
    chars: int
    pages: int
    position: int
    opened: str
    highlights: int
    notes: int
    claims_reviewed: int
    #: The furthest place read (the end once it has been on screen); ``position`` is the last one.
    furthest: int = 0

    @property
    def progress(self) -> float:
        """How far the reader got, 0..1: the furthest place read over the text's length (scrolling back to
        the top of a book read to its end leaves it at 1)."""
        read = max(self.position, self.furthest)
        return min(1.0, max(0.0, read / self.chars)) if self.chars > 0 else 0.0


@dataclass
class Removed:
    """What went with a document removed from the Library."""

    title: str
    highlights: int
    notes: int
    claims_reviewed: int


#: Not the placeholders sync makes for a document whose own row has not arrived yet.
_DOCS = ("SELECT id, title, author, kind, path, chars, pages, position, opened, furthest FROM documents "
         "WHERE fingerprint NOT LIKE 'pending:%'")
#: Uses the index on (doc_id, note != '') made for it: the table itself is not read.
_COUNTS = "SELECT doc_id, COUNT(*), SUM(note != '') FROM highlights GROUP BY doc_id"
_REVIEWED = "SELECT doc_id, COUNT(*) FROM claim_reviews WHERE status != 'unchecked' GROUP BY doc_id"


def library(store: NotesDB) -> list[LibraryEntry]:
    """Every document, most recently opened first. Three plain scans merged
    here: cheaper than a join that SQLite would index on the fly each time."""
    try:
        counts = {d: (n, k) for d, n, k in store.db.execute(_COUNTS).fetchall()}
        reviewed = dict(store.db.execute(_REVIEWED).fetchall())
        rows = store.db.execute(_DOCS).fetchall()
    except Exception as exc:  # sqlite3.Error: a damaged or locked file
        raise StorageError(f"The Library cannot be read: {exc}.") from exc
    out = _made(rows, counts, reviewed)
    out.sort(key=lambda e: (e.opened, e.id), reverse=True)
    return out


def size_bound(store: NotesDB) -> int:
    """At least as many as the Library's documents (the largest id: one step down an index, where a
    count reads the whole table): whether the Library is small enough to read at once."""
    try:
        return int(store.db.execute("SELECT coalesce(max(id), 0) FROM documents").fetchone()[0])
    except Exception as exc:  # sqlite3.Error: a damaged or locked file
        raise StorageError(f"The Library cannot be read: {exc}.") from exc


def in_batches(store: NotesDB, first: int = 200, size: int = 5000) -> Iterator[tuple[int, list[LibraryEntry]]]:
    """Every document, as :func:`library` lists them (most recently opened first), ``first`` of them
    and then ``size`` at a time, each with how many there are in all: a big Library's first
    screenful is shown while the rest is read. Each batch's counts are read by id (an index)."""
    try:
        total = int(store.db.execute(f"SELECT count(*) FROM ({_DOCS})").fetchone()[0])
        rows = store.db.execute(f"{_DOCS} ORDER BY coalesce(opened, '') DESC, id DESC")
        want = first
        while True:
            batch = rows.fetchmany(want)
            if not batch:
                return
            yield total, _with_counts(store, batch)
            want = size
    except StorageError:
        raise
    except Exception as exc:  # sqlite3.Error: a damaged or locked file
        raise StorageError(f"The Library cannot be read: {exc}.") from exc


def version(store: NotesDB) -> int:
    """Where the Library's change log stands: ask :func:`changes_since` with it later.
    Read before :func:`library` (a change in between is then read twice, never missed)."""
    try:
        return int(store.db.execute("SELECT coalesce(max(seq), 0) FROM library_changes").fetchone()[0])
    except Exception as exc:  # sqlite3.Error: a damaged or locked file
        raise StorageError(f"The Library cannot be read: {exc}.") from exc


@dataclass
class LibraryChanges:
    """What changed in the Library since a :func:`version`: rows to show as they are now, documents gone."""

    version: int
    entries: list[LibraryEntry]
    gone: list[int]
    #: The log is behind what was seen (another file put in this one's place): read the whole Library.
    reset: bool = False


#: Ids per query (SQLite allows 32,766 parameters; a smaller batch keeps each statement short).
_BATCH = 500


def changes_since(store: NotesDB, seen: int) -> LibraryChanges:
    """The Library rows of the documents whose row changed after ``seen`` (a :func:`version`),
    read by id: the cost follows the changes, not the size of the library."""
    try:
        rows = store.db.execute("SELECT seq, doc_id FROM library_changes WHERE seq > ? ORDER BY seq", [seen]).fetchall()
        if not rows:
            top = version(store)
            return LibraryChanges(top, [], [], reset=top < seen)
        ids = sorted({d for _, d in rows})
        out: list[LibraryEntry] = []
        for i in range(0, len(ids), _BATCH):
            out += _entries(store, ids[i:i + _BATCH])
    except Exception as exc:  # sqlite3.Error: a damaged or locked file
        raise StorageError(f"The Library cannot be read: {exc}.") from exc
    found = {e.id for e in out}
    return LibraryChanges(int(rows[-1][0]), out, [d for d in ids if d not in found])


def _entries(store: NotesDB, ids: list[int]) -> list[LibraryEntry]:
    marks = ",".join("?" * len(ids))
    return _with_counts(store, store.db.execute(f"{_DOCS} AND id IN ({marks})", ids).fetchall())


def _with_counts(store: NotesDB, rows: list[tuple[Any, ...]]) -> list[LibraryEntry]:
    """Library rows of these ``documents`` rows (``_DOCS``'s columns), their counts read by id."""
    ids = [r[0] for r in rows]
    marks = ",".join("?" * len(ids))
    counts = {d: (n, k) for d, n, k in store.db.execute(
        f"SELECT doc_id, COUNT(*), SUM(note != '') FROM highlights WHERE doc_id IN ({marks}) GROUP BY doc_id",
        ids).fetchall()}
    reviewed = dict(store.db.execute(
        f"SELECT doc_id, COUNT(*) FROM claim_reviews WHERE status != 'unchecked' AND doc_id IN ({marks}) "
        "GROUP BY doc_id", ids).fetchall())
    return _made(rows, counts, reviewed)


def _made(rows: list[tuple[Any, ...]], counts: dict[int, tuple[int, int]], reviewed: dict[int, int]) -> list[LibraryEntry]:
    out = []
    none = (0, 0)
    for i, t, a, k, p, c, pg, pos, o, far in rows:
        n, notes = counts.get(i, none)
        out.append(LibraryEntry(i, t or "", a or "", k or "", p or "", c or 0, pg or 0, pos or 0, o or "", n, notes,
                                reviewed.get(i, 0), far or 0))
    return out


def documents(store: NotesDB) -> list[DocumentRecord]:
    """Every document the notes file knows, by title."""
    rows = store.read_rows("SELECT * FROM documents ORDER BY title COLLATE NOCASE, id")
    return [store.document_from_row(r) for r in rows]


def entry(store: NotesDB, doc_id: int) -> LibraryEntry | None:
    return next((e for e in library(store) if e.id == doc_id), None)


def remove_document(store: NotesDB, doc_id: int) -> Removed | None:
    """Forget a document and everything attached to it (highlights, notes,
    tags it alone used, claim reviews), in one transaction. The file itself is
    not touched."""
    found = store.read_rows(
        "SELECT d.title, (SELECT COUNT(*) FROM highlights WHERE doc_id = d.id) AS h,"
        " (SELECT COUNT(*) FROM highlights WHERE doc_id = d.id AND note != '') AS n,"
        " (SELECT COUNT(*) FROM claim_reviews WHERE doc_id = d.id AND status != 'unchecked') AS r"
        " FROM documents d WHERE d.id = ?", [doc_id])
    if not found:
        return None
    row = found[0]
    with store.transaction() as db:
        db.execute("DELETE FROM highlights WHERE doc_id = ?", [doc_id])
        db.execute("DELETE FROM claim_reviews WHERE doc_id = ?", [doc_id])
        db.execute("DELETE FROM documents WHERE id = ?", [doc_id])
        store.drop_unused_tags()
    return Removed(row["title"] or "", row["h"], row["n"], row["r"])


@dataclass
class Relocated:
    """What Locate... did besides pointing the document at its file."""

    #: Other rows that already named that file (it was opened after it moved: a new, usually empty,
    #: document), merged into this one.
    merged: int = 0
    #: Their highlights, now this document's.
    highlights: int = 0


def relocate_document(store: NotesDB, doc_id: int, path: str) -> Relocated:
    """The document's file is now at ``path`` (Locate... in the Library), in one transaction.

    A file opened after it moved (and was edited, so its content no longer
    identifies it) became a document of its own at that path. That row is merged
    into this one: its highlights and claim reviews come here (of two reviews of
    one claim the later stays), its reading place too when it was opened later
    (how far the file was read: the further of the two), and it goes. One row per file is left, with every note; the positions are
    placed again on the file's text when it is next opened (the text this
    document's highlights were placed on is no longer the file's).
    """
    out = Relocated()
    with store.transaction() as db:
        others = [r[0] for r in db.execute("SELECT id FROM documents WHERE path = ? AND id != ?",
                                           [path, doc_id]).fetchall()]
        for other in others:
            out.merged += 1
            out.highlights += db.execute("UPDATE highlights SET doc_id = ? WHERE doc_id = ?", [doc_id, other]).rowcount
            db.execute("DELETE FROM claim_reviews WHERE doc_id = ? AND key IN (SELECT b.key FROM claim_reviews b "
                       "WHERE b.doc_id = ? AND b.key = claim_reviews.key AND b.updated > claim_reviews.updated)",
                       [doc_id, other])
            db.execute("UPDATE OR IGNORE claim_reviews SET doc_id = ? WHERE doc_id = ?", [doc_id, other])
            db.execute("DELETE FROM claim_reviews WHERE doc_id = ?", [other])
            db.execute("DELETE FROM findings WHERE doc_id = ?", [other])  # found again in the file's text
            # the PDF's own annotations either row took over stay taken over (a deleted one is not imported again)
            db.execute("INSERT OR IGNORE INTO pdf_annotations (doc_id, key) SELECT ?, key FROM pdf_annotations "
                       "WHERE doc_id = ? AND key != ''", [doc_id, other])
            db.execute("UPDATE documents SET (position, opened) = (SELECT b.position, b.opened FROM documents b "
                       "WHERE b.id = ?) WHERE id = ? AND opened < (SELECT opened FROM documents WHERE id = ?)",
                       [other, doc_id, other])
            db.execute("UPDATE documents SET furthest = MAX(furthest, (SELECT b.furthest FROM documents b "
                       "WHERE b.id = ?)) WHERE id = ?", [other, doc_id])  # read as far as either was
            db.execute("DELETE FROM documents WHERE id = ?", [other])
        if others:
            from notes_db.pdf_annotations import mirror

            mirror(db.conn, doc_id)  # (what sync carries of them)
        db.execute("UPDATE documents SET path = ? WHERE id = ?", [path, doc_id])
    return out


def set_author(store: NotesDB, doc_id: int, author: str) -> None:
    """Record a document's author; nothing is written when it is already known (a read-only file opens)."""
    rows = store.read_rows("SELECT author FROM documents WHERE id = ?", [doc_id])
    if rows and (rows[0]["author"] or "") == author:
        return
    with store.transaction() as db:
        db.execute("UPDATE documents SET author = ? WHERE id = ? AND author IS NOT ?", [author, doc_id, author])


# -- documents synced from another device (no file here yet) ----------------------------------


def elsewhere(store: NotesDB, limit: int = 10) -> list[DocumentRecord]:
    """Documents whose notes came by sync but whose file was never opened on this device, newest first."""
    rows = store.read_rows("SELECT * FROM documents WHERE path = '' AND fingerprint NOT LIKE 'pending:%' "
                           "ORDER BY created DESC, id DESC LIMIT ?", [limit])
    return [store.document_from_row(r) for r in rows]


def link_by_content(store: NotesDB, doc_id: int, path: str) -> bool:
    """Link a document known only by its content to the file at ``path``, if the bytes are the same.

    Returns False (nothing changed) when the file is another document.
    """
    from notes_db.store import canonical_path

    found = store.document(doc_id)
    if found is None or content_hash(path) != found.fingerprint:
        return False
    relocate_document(store, doc_id, canonical_path(path))
    return True
