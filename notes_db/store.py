"""The notes database: documents, highlights, notes and tags in one SQLite file.

Qt-free on purpose: the GUI, the CLI and the tests all talk to :class:`NotesDB`
and never write SQL themselves. Every public write is one transaction; errors
that are the world's fault (disk full, locked, read-only, corrupt, a database
written by a newer Reader) become :class:`StorageError` with a sentence a
person can act on.
"""

from __future__ import annotations

import json
import logging
import os
import shlex
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

from notes_db import guard
from notes_db.paths import ENV_VAR, content_hash, latest_backup
from notes_db.records import (
    COLORS,
    STYLES,
    ClaimReview,
    DamagedError,
    DocumentRecord,
    Highlight,
    MissingFolderError,
    NewerSchemaError,
    NotReaderFileError,
    StorageError,
    tag_list,
)
from notes_db.records import now as _now

if TYPE_CHECKING:
    from notes_db.search import Results

log = logging.getLogger("notes_db")

#: Bumped with every migration; a file with a higher number came from a newer
#: Reader and is refused rather than damaged.
SCHEMA_VERSION = 24


migrations = Migrations("reader.notes")


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    db.table("documents").create(
        {
            "id": int,
            "fingerprint": str,
            "path": str,
            "title": str,
            "kind": str,
            "chars": int,
            "pages": int,
            "position": int,
            "created": str,
            "opened": str,
        },
        pk="id",
        not_null={"fingerprint"},
        defaults={"position": 0, "pages": 0, "chars": 0},
    )
    db.table("documents").create_index(["fingerprint"], unique=True)
    db.table("documents").create_index(["path"])
    db.table("highlights").create(
        {
            "id": int,
            "doc_id": int,
            "start": int,
            "end": int,
            "exact": str,
            "prefix": str,
            "suffix": str,
            "page": int,
            "rects": str,
            "color": str,
            "note": str,
            "tags_text": str,
            "origin": str,
            "orphaned": int,
            "created": str,
            "updated": str,
        },
        pk="id",
        foreign_keys=[("doc_id", "documents", "id")],
        defaults={"note": "", "tags_text": "", "orphaned": 0, "origin": "user"},
    )
    db.table("highlights").create_index(["doc_id", "start"])
    db.execute("CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE)")
    db.execute(
        "CREATE TABLE highlight_tags ("
        " highlight_id INTEGER NOT NULL REFERENCES highlights(id) ON DELETE CASCADE,"
        " tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,"
        " PRIMARY KEY (highlight_id, tag_id))"
    )
    db.execute("CREATE INDEX highlight_tags_tag ON highlight_tags(tag_id)")
    # Accent-insensitive index over what a person writes and marks; triggers
    # keep it in the same transaction as every write.
    db.table("highlights").enable_fts(
        ["exact", "note", "tags_text"],
        create_triggers=True,
        tokenize="unicode61 remove_diacritics 2",
    )


@migrations()
def m002_claim_reviews(db: sqlite_utils.Database) -> None:
    db.table("claim_reviews").create(
        {"doc_id": int, "key": str, "status": str, "note": str, "source": str, "updated": str},
        pk=("doc_id", "key"),
        foreign_keys=[("doc_id", "documents", "id")],
        defaults={"status": "unchecked", "note": "", "source": ""},
    )


@migrations()
def m003_restored_repairs(db: sqlite_utils.Database) -> None:
    # Repairs of the converted text that the reader undid, by ident (JSON list).
    db.table("documents").add_column("restored_repairs", str, not_null_default="[]")


@migrations()
def m004_search(db: sqlite_utils.Database) -> None:
    # "Related words": a porter-stemmed twin of the index, kept by its own triggers.
    db.execute(
        "CREATE VIRTUAL TABLE highlights_stem USING fts5(exact, note, tags_text, content=highlights, "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    db.execute("INSERT INTO highlights_stem(highlights_stem) VALUES ('rebuild')")
    cols = "exact, note, tags_text"
    add = f"INSERT INTO highlights_stem(rowid, {cols}) VALUES (new.id, new.exact, new.note, new.tags_text);"
    drop = (f"INSERT INTO highlights_stem(highlights_stem, rowid, {cols}) "
            "VALUES ('delete', old.id, old.exact, old.note, old.tags_text);")
    for event, body in (("INSERT", add), ("DELETE", drop), ("UPDATE", drop + " " + add)):
        db.execute(f"CREATE TRIGGER highlights_stem_{event.lower()} AFTER {event} ON highlights BEGIN {body} END")
    # Term statistics, so a search can tell a rare word from "the" before ranking.
    db.execute("CREATE VIRTUAL TABLE highlights_fts_vocab USING fts5vocab(highlights_fts, 'row')")
    db.execute("CREATE VIRTUAL TABLE highlights_stem_vocab USING fts5vocab(highlights_stem, 'row')")
    db.table("highlights").add_column("claim_key", str)
    db.table("saved_searches").create({"id": int, "name": str, "query": str, "created": str}, pk="id")
    db.table("saved_searches").create_index(["name"], unique=True)


@migrations()
def m005_prefix_indexes(db: sqlite_utils.Database) -> None:
    # Prefix indexes make "con*" one index lookup instead of a walk over every
    # term starting with "con". Both indexes are rebuilt with them.
    cols = "exact, note, tags_text"
    for t in ("highlights_ai", "highlights_ad", "highlights_au", "highlights_stem_insert", "highlights_stem_delete",
              "highlights_stem_update"):
        db.execute(f"DROP TRIGGER IF EXISTS {t}")
    for t in ("highlights_fts_vocab", "highlights_stem_vocab", "highlights_fts", "highlights_stem"):
        db.execute(f"DROP TABLE IF EXISTS {t}")
    for table, tokenize in (("highlights_fts", "unicode61 remove_diacritics 2"),
                            ("highlights_stem", "porter unicode61 remove_diacritics 2")):
        db.execute(f"CREATE VIRTUAL TABLE {table} USING fts5({cols}, content=highlights, "
                   f"tokenize='{tokenize}', prefix='2 3')")
        db.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
        add = f"INSERT INTO {table}(rowid, {cols}) VALUES (new.id, new.exact, new.note, new.tags_text);"
        drop = f"INSERT INTO {table}({table}, rowid, {cols}) VALUES ('delete', old.id, old.exact, old.note, old.tags_text);"
        for event, body in (("INSERT", add), ("DELETE", drop), ("UPDATE", drop + " " + add)):
            db.execute(f"CREATE TRIGGER {table}_{event.lower()} AFTER {event} ON highlights BEGIN {body} END")
        db.execute(f"CREATE VIRTUAL TABLE {table}_vocab USING fts5vocab({table}, 'row')")  # term statistics


# -- sync (issue 14): global ids, clock stamps, tombstones, prior versions ----------
#
# Every synced row gets a row in ``sync_rows``: its global id (a UUID), the
# hybrid-logical-clock stamp of each field group ("field" below), whether it
# was deleted (a tombstone keeps the id and the stamp after the row is gone)
# and a ``dirty`` counter of changes not yet pushed. Triggers keep it in the
# same transaction as every write, so nothing the GUI or CLI does can escape
# sync; ``sync_clock.applying`` is set while changes pulled from the server
# are written, so they are not stamped again as local edits.
#
# A stamp is ``printf('%015d-%s', t, node)``: t is max(wall clock in ms,
# last t + 1, every t received), node names this notes file; stamps sort as
# text. Highlights get random UUIDs here; documents, claim reviews and saved
# searches get UUIDs derived from what identifies them everywhere (content
# hash, claim key, name), filled in from ``nkey`` by notes_db.sync.

#: Synced field groups: kind -> (table, {field: columns}).
SYNC_FIELDS: dict[str, tuple[str, dict[str, tuple[str, ...]]]] = {
    "document": ("documents", {"meta": ("fingerprint", "title", "kind", "chars", "pages"),
                               "position": ("position",), "repairs": ("restored_repairs",), "share": ("share",)}),
    "highlight": ("highlights", {"anchor": ("doc_id", "start", "end", "exact", "prefix", "suffix", "page", "rects",
                                            "origin", "created"),
                                 "color": ("color",), "note": ("note",), "tags": ("tags_text",),
                                 "claim": ("claim_key",), "share": ("share",)}),
    "review": ("claim_reviews", {"meta": ("doc_id", "key"), "status": ("status",), "note": ("note",),
                                 "source": ("source",)}),
    "search": ("saved_searches", {"meta": ("name",), "query": ("query",)}),
}
_CLOCK = ("UPDATE sync_clock SET t = MAX(t + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));")
_STAMP = "(SELECT printf('%015d-%s', t, node) FROM sync_clock)"
_LOCAL = "(SELECT applying FROM sync_clock) = 0"
_ZERO = "000000000000000-0"  # older than any real stamp
_UUID4 = ("lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || "
          "substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))")
_NKEY = {
    "document": "'document:' || new.fingerprint",
    "highlight": "NULL",
    "review": "'review:' || (SELECT fingerprint FROM documents WHERE id = new.doc_id) || ':' || new.key",
    "search": "'search:' || new.name",
    "correction": "'correction:' || (SELECT fingerprint FROM documents WHERE id = new.doc_id) || ':' || new.start || ':' "
                  "|| new.\"end\"",
}


@migrations()
def m006_sync(db: sqlite_utils.Database) -> None:
    import secrets
    import uuid

    db.table("documents").add_column("share", str)
    db.table("highlights").add_column("share", str)
    db.execute(
        "CREATE TABLE sync_rows (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, local_id INTEGER, gid TEXT UNIQUE,"
        " nkey TEXT, stamps TEXT NOT NULL DEFAULT '{}', deleted INTEGER NOT NULL DEFAULT 0,"
        " dirty INTEGER NOT NULL DEFAULT 0)"
    )
    db.execute("CREATE UNIQUE INDEX sync_rows_local ON sync_rows(kind, local_id)")
    db.execute("CREATE INDEX sync_rows_dirty ON sync_rows(dirty) WHERE dirty > 0")
    db.execute("CREATE TABLE sync_clock (id INTEGER PRIMARY KEY CHECK (id = 1), t INTEGER NOT NULL, node TEXT NOT NULL,"
               " applying INTEGER NOT NULL DEFAULT 0)")
    now_ms = int(datetime.now(UTC).timestamp() * 1000)
    node = secrets.token_hex(4)
    db.execute("INSERT INTO sync_clock(id, t, node) VALUES (1, ?, ?)", [now_ms, node])
    db.execute("CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT)")
    # Note texts that lost a conflict (or a tombstoned note), never dropped.
    db.execute("CREATE TABLE note_versions (id INTEGER PRIMARY KEY, gid TEXT NOT NULL, field TEXT NOT NULL,"
               " value TEXT NOT NULL, stamp TEXT NOT NULL, kept TEXT NOT NULL, UNIQUE (gid, field, stamp))")
    # Rows that other people shared with this person's groups (read-only here).
    db.execute("CREATE TABLE shared_items (owner TEXT NOT NULL, gid TEXT NOT NULL, kind TEXT NOT NULL, doc TEXT,"
               " data TEXT NOT NULL, PRIMARY KEY (owner, gid))")
    db.execute("CREATE INDEX shared_items_doc ON shared_items(doc, kind)")
    # Today's rows: every one gets a global id and a stamp, and waits to be pushed.
    stamp = f"{now_ms:015d}-{node}"
    for kind, (table, fields) in SYNC_FIELDS.items():
        stamps = json.dumps(dict.fromkeys(fields, stamp))
        select = "rowid, fingerprint" if kind == "document" else "rowid, name" if kind == "search" else "rowid"
        if kind == "review":
            rows = db.execute("SELECT claim_reviews.rowid, claim_reviews.key, documents.fingerprint FROM claim_reviews "
                              "JOIN documents ON documents.id = claim_reviews.doc_id")
        else:
            rows = db.execute(f"SELECT {select} FROM {table}")
        for row in rows.fetchall():
            nkey = {"document": lambda r: f"document:{r[1]}", "highlight": lambda r: None,
                    "review": lambda r: f"review:{r[2]}:{r[1]}", "search": lambda r: f"search:{r[1]}"}[kind](row)
            gid = str(uuid.uuid5(uuid.NAMESPACE_URL, "reader:" + nkey)) if nkey else str(uuid.uuid4())
            db.execute("INSERT INTO sync_rows(kind, local_id, gid, nkey, stamps, dirty) VALUES (?, ?, ?, ?, ?, 1)",
                       [kind, row[0], gid, nkey, stamps])
    for kind, (table, fields) in SYNC_FIELDS.items():
        all_stamps = ", ".join(f"'{f}', {_STAMP}" for f in fields)
        # A document first seen here starts at the top, private: any position or share set elsewhere wins.
        new_stamps = ", ".join(f"'{f}', {_STAMP if kind != 'document' or f == 'meta' else repr(_ZERO)}" for f in fields)
        gid = _UUID4 if kind == "highlight" else "NULL"
        db.execute(
            f"CREATE TRIGGER sync_{kind}_insert AFTER INSERT ON {table} WHEN {_LOCAL} BEGIN {_CLOCK} "
            f"INSERT INTO sync_rows(kind, local_id, gid, nkey, stamps, dirty) VALUES ('{kind}', new.rowid, {gid}, "
            f"{_NKEY[kind]}, json_object({new_stamps}), 1); END"
        )
        db.execute(
            f"CREATE TRIGGER sync_{kind}_delete AFTER DELETE ON {table} WHEN {_LOCAL} BEGIN {_CLOCK} "
            f"UPDATE sync_rows SET local_id = NULL, deleted = 1, dirty = dirty + 1, "
            f"stamps = json_set(stamps, '$.deleted', {_STAMP}) WHERE kind = '{kind}' AND local_id = old.rowid; END"
        )
        for field, cols in fields.items():
            differs = " OR ".join(f'old."{c}" IS NOT new."{c}"' for c in cols)
            extra = ""
            if kind == "document" and field == "meta":
                # New content under the same path: a new global id, and the highlights move to it.
                extra = (f"UPDATE sync_rows SET gid = NULL, nkey = 'document:' || new.fingerprint, "
                         f"stamps = json_object({all_stamps}) WHERE kind = 'document' AND local_id = new.rowid "
                         f"AND old.fingerprint IS NOT new.fingerprint; "
                         f"UPDATE sync_rows SET dirty = dirty + 1, stamps = json_set(stamps, '$.anchor', {_STAMP}) "
                         f"WHERE kind = 'highlight' AND old.fingerprint IS NOT new.fingerprint "
                         f"AND local_id IN (SELECT id FROM highlights WHERE doc_id = new.id); ")
            columns = ", ".join('"' + c + '"' for c in cols)
            db.execute(
                f"CREATE TRIGGER sync_{kind}_{field} AFTER UPDATE OF {columns} "
                f"ON {table} WHEN {_LOCAL} AND ({differs}) BEGIN {_CLOCK} "
                f"UPDATE sync_rows SET dirty = dirty + 1, stamps = json_set(stamps, '$.{field}', {_STAMP}) "
                f"WHERE kind = '{kind}' AND local_id = new.rowid; {extra}END"
            )


@migrations()
def m007_document_author(db: sqlite_utils.Database) -> None:
    # The Library lists authors (from EPUB, web page and PDF metadata).
    db.table("documents").add_column("author", str, not_null_default="")
    # The Library counts highlights and notes per document from this index alone.
    db.execute("CREATE INDEX highlights_doc_noted ON highlights(doc_id, (note != ''))")


@migrations()
def m008_claims_across_the_library(db: sqlite_utils.Database) -> None:
    # A review keeps its claim's words (searchable and matchable without the
    # document open), and every document's claims and quotes are remembered
    # (the claim ledger and speaker pages). See notes_db/reviews.py.
    for col, decl in (("text", "TEXT NOT NULL DEFAULT ''"), ("kind", "TEXT NOT NULL DEFAULT ''"),
                      ("start", "INTEGER"), ('"end"', "INTEGER")):
        db.execute(f"ALTER TABLE claim_reviews ADD COLUMN {col} {decl}")
    db.execute(
        "CREATE TABLE findings (id INTEGER PRIMARY KEY,"
        " doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
        " kind TEXT NOT NULL, key TEXT NOT NULL DEFAULT '', text TEXT NOT NULL,"
        " speaker TEXT NOT NULL DEFAULT '', speaker_group TEXT NOT NULL DEFAULT '', cue TEXT NOT NULL DEFAULT '',"
        " claim_kind TEXT NOT NULL DEFAULT '', start INTEGER NOT NULL, \"end\" INTEGER NOT NULL)"
    )
    db.execute("CREATE INDEX findings_doc ON findings(doc_id, kind, start)")
    db.execute("CREATE INDEX findings_speaker ON findings(speaker_group COLLATE NOCASE) WHERE kind = 'quote'")


@migrations()
def m009_anchored_text(db: sqlite_utils.Database) -> None:
    # A hash of the text the stored positions refer to: when the document's text
    # is the same, positions are trusted as they are and nothing is re-anchored.
    db.table("documents").add_column("anchored_sha", str, not_null_default="")


#: Field groups synced since m010 (m006 made triggers for ``SYNC_FIELDS`` as it was):
#: a document's author, and the claim's words a review keeps (its text, kind and place).
SYNC_FIELDS_M010: dict[str, dict[str, tuple[str, ...]]] = {
    "document": {"author": ("author",)},
    "review": {"claim": ("text", "kind", "start", "end")},
}
#: Every synced field group: kind -> {field: columns}.
SYNCED: dict[str, dict[str, tuple[str, ...]]] = {
    kind: {**fields, **SYNC_FIELDS_M010.get(kind, {})} for kind, (_table, fields) in SYNC_FIELDS.items()
}


@migrations()
def m010_sync_author_and_claim_words(db: sqlite_utils.Database) -> None:
    # The document's author and a review's claim words sync too, last writer per field like the rest.
    for kind, added in SYNC_FIELDS_M010.items():
        table = SYNC_FIELDS[kind][0]
        fields = SYNCED[kind]
        new_stamps = ", ".join(
            f"'{f}', {_STAMP if kind != 'document' or f in ('meta', 'author') else repr(_ZERO)}" for f in fields)
        db.execute(f"DROP TRIGGER sync_{kind}_insert")
        db.execute(
            f"CREATE TRIGGER sync_{kind}_insert AFTER INSERT ON {table} WHEN {_LOCAL} BEGIN {_CLOCK} "
            f"INSERT INTO sync_rows(kind, local_id, gid, nkey, stamps, dirty) VALUES ('{kind}', new.rowid, NULL, "
            f"{_NKEY[kind]}, json_object({new_stamps}), 1); END"
        )
        _field_triggers(db, kind, table, added)
    # What is already there goes with the next sync; an empty value is not stamped,
    # so it never overwrites one another device knows.
    db.execute(_CLOCK)
    db.execute(f"UPDATE sync_rows SET dirty = dirty + 1, stamps = json_set(stamps, '$.author', {_STAMP}) "
               "WHERE kind = 'document' AND local_id IN (SELECT id FROM documents WHERE author <> '')")
    db.execute(f"UPDATE sync_rows SET dirty = dirty + 1, stamps = json_set(stamps, '$.claim', {_STAMP}) "
               "WHERE kind = 'review' AND local_id IN (SELECT rowid FROM claim_reviews "
               "WHERE text <> '' OR kind <> '' OR start IS NOT NULL)")


@migrations()
def m011_document_author_starts_oldest(db: sqlite_utils.Database) -> None:
    # A document first seen here starts with the oldest author stamp, like its position: an
    # author another device read from the file (or a newer Reader found) wins over an empty one.
    fields = SYNCED["document"]
    new_stamps = ", ".join(f"'{f}', {_STAMP if f == 'meta' else repr(_ZERO)}" for f in fields)
    db.execute("DROP TRIGGER sync_document_insert")
    db.execute(
        f"CREATE TRIGGER sync_document_insert AFTER INSERT ON documents WHEN {_LOCAL} BEGIN {_CLOCK} "
        f"INSERT INTO sync_rows(kind, local_id, gid, nkey, stamps, dirty) VALUES ('document', new.rowid, NULL, "
        f"{_NKEY['document']}, json_object({new_stamps}), 1); END"
    )


@migrations()
def m012_search_indexes_follow_words_only(db: sqlite_utils.Database) -> None:
    # Both search indexes were rewritten on every update of a highlight, also when
    # only its place changed: re-anchoring 10,000 highlights re-indexed them all
    # (4 s). Now they follow the indexed columns only.
    cols = "exact, note, tags_text"
    for table in ("highlights_fts", "highlights_stem"):
        db.execute(f"DROP TRIGGER IF EXISTS {table}_update")
        drop = f"INSERT INTO {table}({table}, rowid, {cols}) VALUES ('delete', old.id, old.exact, old.note, old.tags_text);"
        add = f"INSERT INTO {table}(rowid, {cols}) VALUES (new.id, new.exact, new.note, new.tags_text);"
        db.execute(f"CREATE TRIGGER {table}_update AFTER UPDATE OF {cols} ON highlights BEGIN {drop} {add} END")


@migrations()
def m013_copies_are_documents_of_their_own(db: sqlite_utils.Database) -> None:
    # A copy of a file at another path, while the original is still there, is a
    # document of its own with the same bytes: the content hash is no longer unique.
    # (Before, opening the copy moved the original's notes to it.)
    db.execute("DROP INDEX IF EXISTS idx_documents_fingerprint")
    db.execute("CREATE INDEX idx_documents_fingerprint ON documents(fingerprint)")


@migrations()
def m014_new_rows_retire_stale_sync_ids(db: sqlite_utils.Database) -> None:
    # A row of sync_rows still naming a local id that no longer exists (its delete
    # was not seen: an earlier build, a file written outside Reader) made every later
    # insert that reused the id fail with "UNIQUE constraint failed: sync_rows.kind,
    # sync_rows.local_id", so no highlight could be saved any more. The row being
    # inserted proves that id free: the stale row becomes the tombstone it should be.
    for kind in SYNC_FIELDS:
        name = f"sync_{kind}_insert"
        row = db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [name]).fetchone()
        if row is None or f"BEGIN {_CLOCK} " not in row[0]:
            continue
        retire = (f"UPDATE sync_rows SET local_id = NULL, deleted = 1, dirty = dirty + 1, "
                  f"stamps = json_set(stamps, '$.deleted', {_STAMP}) WHERE kind = '{kind}' AND local_id = new.rowid; ")
        db.execute(f"DROP TRIGGER {name}")
        db.execute(row[0].replace(f"BEGIN {_CLOCK} ", f"BEGIN {_CLOCK} {retire}", 1))


@migrations()
def m015_library_changes(db: sqlite_utils.Database) -> None:
    # Which documents' Library rows changed, newest change last: a Library on screen
    # reads only those rows after a write (the window's own or another program's)
    # instead of every document again (1.2 s at 100,000 documents). One row per
    # document; a change gives it a new seq (AUTOINCREMENT: never reused). Only what
    # the Library shows fires: a note's text edited, a highlight moved, fire nothing.
    # No existing row is read or written: instant on a file of any size.
    db.execute("CREATE TABLE library_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, doc_id INTEGER NOT NULL UNIQUE)")
    mark = "REPLACE INTO library_changes(doc_id) VALUES ({}); "
    shown = ("title", "author", "kind", "path", "chars", "pages", "position", "opened", "fingerprint")
    for name, event, table, when, docs in (
        ("highlight_added", "INSERT", "highlights", "", ["new.doc_id"]),
        ("highlight_deleted", "DELETE", "highlights", "", ["old.doc_id"]),
        ("highlight_changed", "UPDATE OF doc_id, note", "highlights",
         "old.doc_id IS NOT new.doc_id OR (old.note != '') IS NOT (new.note != '')", ["old.doc_id", "new.doc_id"]),
        ("review_added", "INSERT", "claim_reviews", "", ["new.doc_id"]),
        ("review_deleted", "DELETE", "claim_reviews", "", ["old.doc_id"]),
        ("review_changed", "UPDATE OF doc_id, status", "claim_reviews",
         "old.doc_id IS NOT new.doc_id OR (old.status != 'unchecked') IS NOT (new.status != 'unchecked')",
         ["old.doc_id", "new.doc_id"]),
        ("document_added", "INSERT", "documents", "", ["new.id"]),
        ("document_deleted", "DELETE", "documents", "", ["old.id"]),
        ("document_changed", f"UPDATE OF {', '.join(shown)}", "documents",
         " OR ".join(f"old.{c} IS NOT new.{c}" for c in shown), ["new.id"]),
    ):
        body = "".join(mark.format(d) for d in docs)
        db.execute(f"CREATE TRIGGER library_{name} AFTER {event} ON {table} "
                   f"{'WHEN ' + when + ' ' if when else ''}BEGIN {body}END")



#: The index of quotes' speakers as written (folded: notes_db.reviews.folded_speaker): external content, the
#: column ``findings.speaker_folded``; triggers keep it in the transaction of every write of findings.
_SPEAKER_INDEX = (
    "CREATE VIRTUAL TABLE findings_speakers USING fts5(speaker_folded, content=findings, content_rowid=id, "
    "tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER findings_speakers_insert AFTER INSERT ON findings BEGIN "
    "INSERT INTO findings_speakers(rowid, speaker_folded) VALUES (new.id, new.speaker_folded); END",
    "CREATE TRIGGER findings_speakers_delete AFTER DELETE ON findings BEGIN "
    "INSERT INTO findings_speakers(findings_speakers, rowid, speaker_folded) "
    "VALUES ('delete', old.id, old.speaker_folded); END",
    "CREATE TRIGGER findings_speakers_update AFTER UPDATE OF id, speaker_folded ON findings BEGIN "
    "INSERT INTO findings_speakers(findings_speakers, rowid, speaker_folded) "
    "VALUES ('delete', old.id, old.speaker_folded); "
    "INSERT INTO findings_speakers(rowid, speaker_folded) VALUES (new.id, new.speaker_folded); END",
)


@migrations()
def m016_folded_speakers(db: sqlite_utils.Database) -> None:
    # A name that heads no speaker group ("Xi", where the group is "Xi Jinping") found its quotes by reading
    # every quote into Python to fold its speaker's accents and compare whole words (seconds and hundreds of
    # MB at a million findings). The speaker is now stored folded, words between single spaces and a space
    # at both ends (" general secretary xi jinping "), with a full-text index over it. SQLite cannot fold
    # accents as Python does: the existing quotes are folded here, new ones by record_findings.
    from notes_db.reviews import folded_speaker

    db.execute("ALTER TABLE findings ADD COLUMN speaker_folded TEXT NOT NULL DEFAULT ''")
    last = 0
    while True:  # a batch at a time: a million quotes are never all in memory
        rows = db.execute("SELECT id, speaker FROM findings WHERE id > ? AND kind = 'quote' AND speaker != '' "
                          "ORDER BY id LIMIT 20000", [last]).fetchall()
        if not rows:
            break
        db.conn.executemany("UPDATE findings SET speaker_folded = ? WHERE id = ?",
                            [(folded_speaker(speaker), i) for i, speaker in rows])
        last = rows[-1][0]
    for sql in _SPEAKER_INDEX:
        db.execute(sql)
    db.execute("INSERT INTO findings_speakers(findings_speakers) VALUES ('rebuild')")


@migrations()
def m017_quote_corrections(db: sqlite_utils.Database) -> None:
    # A reader's corrections of the quotes the analysis found (notes_db/corrections.py): who really said one,
    # or that it is no quote. Keyed by the quote's place, with its words; gone with its document.
    db.execute(
        "CREATE TABLE quote_corrections (id INTEGER PRIMARY KEY,"
        " doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
        ' start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL DEFAULT \'\','
        " speaker TEXT NOT NULL DEFAULT '', dismissed INTEGER NOT NULL DEFAULT 0, updated TEXT NOT NULL,"
        ' UNIQUE (doc_id, start, "end"))'
    )


@migrations()
def m018_furthest_read(db: sqlite_utils.Database) -> None:
    # The Library's progress is how far the person read (100% once the end has been on screen), not the
    # last place: scrolling back to the top of a finished book left it at 0%. The furthest place saved
    # is kept beside the last one; a trigger raises it with every place written (the window's, one
    # another device synced, a merge's), so it only ever goes up. What is known of it today: the place.
    db.execute("ALTER TABLE documents ADD COLUMN furthest INTEGER NOT NULL DEFAULT 0")
    db.execute("UPDATE documents SET furthest = position WHERE position > 0")
    for name, event in (("documents_furthest", "UPDATE OF position"), ("documents_furthest_new", "INSERT")):
        db.execute(f"CREATE TRIGGER {name} AFTER {event} ON documents WHEN new.position > new.furthest BEGIN "
                   "UPDATE documents SET furthest = new.position WHERE id = new.id; END")


@migrations()
def m019_pdf_annotations(db: sqlite_utils.Database) -> None:
    # A PDF's own highlight annotations that Reader has taken over (notes_db/pdf_annotations.py): imported as
    # highlights, or found where a highlight already was. Reader draws its own highlights, so the page is
    # drawn without these (a deleted one no longer shows), and a later open imports only the others. Keyed
    # by page and place. A PDF registered before this gets the key '' (its keys are not known: the
    # annotations older than its registration were imported then).
    db.execute("CREATE TABLE pdf_annotations (doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
               " key TEXT NOT NULL, PRIMARY KEY (doc_id, key)) WITHOUT ROWID")
    db.execute("INSERT INTO pdf_annotations (doc_id, key) SELECT id, '' FROM documents WHERE kind = 'pdf'")


#: Quote corrections (m017's table) sync from m020 on, as one more kind: kind -> (table, {field: columns}). Apart
#: from ``SYNC_FIELDS``, which m006 and m014 made triggers from before the table existed. A correction is known
#: everywhere by its document's content hash and its quote's place (``_NKEY``); ``meta`` is the quote (its place,
#: words and the analysis's reading of it, kept so that a device can give the library's row back on undo),
#: ``fix`` the reader's correction as one field (who said it, or not a quote), so the later correction of a
#: quote wins whole; an undo deletes the row (a tombstone), as deleting a highlight does.
SYNC_FIELDS_M020: dict[str, tuple[str, dict[str, tuple[str, ...]]]] = {
    "correction": ("quote_corrections", {"meta": ("doc_id", "start", "end", "text", "found_speaker", "found_group",
                                                  "cue", "quote_kind"),
                                         "fix": ("speaker", "dismissed")}),
}
#: The table of every synced kind.
SYNC_TABLES: dict[str, str] = {kind: table for kind, (table, _f) in (*SYNC_FIELDS.items(), *SYNC_FIELDS_M020.items())}


@migrations()
def m020_quote_corrections_sync(db: sqlite_utils.Database) -> None:
    # Quote corrections sync like highlights and reviews: a global id from the document's content hash and the
    # quote's place, a clock stamp per field, tombstones for undo (the triggers of m006 with m014's retiring of
    # stale ids). The analysis's reading of the quote is kept with it (NULL: not known, corrected before).
    for col in ("found_speaker", "found_group", "cue", "quote_kind"):
        db.execute(f"ALTER TABLE quote_corrections ADD COLUMN {col} TEXT")
    kind = "correction"
    table, fields = SYNC_FIELDS_M020[kind]
    stamps = ", ".join(f"'{f}', {_STAMP}" for f in fields)
    retire = (f"UPDATE sync_rows SET local_id = NULL, deleted = 1, dirty = dirty + 1, "
              f"stamps = json_set(stamps, '$.deleted', {_STAMP}) WHERE kind = '{kind}' AND local_id = new.rowid; ")
    db.execute(
        f"CREATE TRIGGER sync_{kind}_insert AFTER INSERT ON {table} WHEN {_LOCAL} BEGIN {_CLOCK} {retire}"
        f"INSERT INTO sync_rows(kind, local_id, gid, nkey, stamps, dirty) VALUES ('{kind}', new.rowid, NULL, "
        f"{_NKEY[kind]}, json_object({stamps}), 1); END"
    )
    db.execute(
        f"CREATE TRIGGER sync_{kind}_delete AFTER DELETE ON {table} WHEN {_LOCAL} BEGIN {_CLOCK} "
        f"UPDATE sync_rows SET local_id = NULL, deleted = 1, dirty = dirty + 1, "
        f"stamps = json_set(stamps, '$.deleted', {_STAMP}) WHERE kind = '{kind}' AND local_id = old.rowid; END"
    )
    _field_triggers(db, kind, table, fields)
    # The corrections made so far go with the next sync.
    db.execute(_CLOCK)
    db.execute(f"INSERT INTO sync_rows(kind, local_id, gid, nkey, stamps, dirty) SELECT '{kind}', c.id, NULL, "
               "'correction:' || d.fingerprint || ':' || c.start || ':' || c.\"end\", "
               f"json_object({stamps}), 1 FROM {table} c JOIN documents d ON d.id = c.doc_id")
    # A Reader before this one moved its cursor past the corrections its other devices sent: pull all again
    # (what is here already is skipped by its stamps).
    db.execute("UPDATE sync_state SET value = '0' WHERE key = 'cursor'")


@migrations()
def m021_highlight_style(db: sqlite_utils.Database) -> None:
    # A highlight's style: a band of its colour (as every highlight was), or a line of it under (straight or wavy)
    # or through the words. It syncs as a field of its own, like the colour: a new highlight stamps it.
    db.execute("ALTER TABLE highlights ADD COLUMN style TEXT NOT NULL DEFAULT 'highlight'")
    _field_triggers(db, "highlight", "highlights", {"style": ("style",)})
    _stamped_on_insert(db, "style")
    # A PDF's underlines, squiggles and strike-outs taken over before came in as plain highlights; the place of
    # each is only known with the PDF open, so its next open gives them their style (once: the person may
    # change it afterwards).
    from notes_db.pdf_annotations import LINE_KINDS, RESTYLE_DUE

    kinds = " OR ".join(f"key LIKE '%:{k}%'" for k in LINE_KINDS)
    db.execute(f"INSERT OR IGNORE INTO pdf_annotations (doc_id, key) SELECT DISTINCT doc_id, '{RESTYLE_DUE}' "
               f"FROM pdf_annotations WHERE {kinds}")



@migrations()
def m022_taken_over_syncs(db: sqlite_utils.Database) -> None:
    # The PDF's own annotations Reader took over (pdf_annotations: those it made highlights of and those the person
    # deleted since) sync as a field of their document, "taken" (the keys, sorted, one a line: a copy of the rows,
    # notes_db.pdf_annotations keeps it), so one deleted on one device is never imported on another; a pulled list
    # adds to this file's (notes_db/sync/local.py). What is already there goes with the next sync.
    db.execute("ALTER TABLE documents ADD COLUMN taken_over TEXT NOT NULL DEFAULT ''")
    _field_triggers(db, "document", "documents", {"taken": ("taken_over",)})
    db.execute("UPDATE documents SET taken_over = coalesce((SELECT group_concat(key, char(10)) FROM (SELECT key FROM "
               "pdf_annotations p WHERE p.doc_id = documents.id AND key GLOB '[0-9]*' ORDER BY key)), '') "
               "WHERE kind = 'pdf'")


@migrations()
def m023_highlight_author(db: sqlite_utils.Database) -> None:
    # Who made a highlight, when another program did (a PDF annotation's author): data of its own, synced as a field
    # (a new highlight stamps it). Reader wrote an imported annotation's author as its note's last paragraph
    # ("— Alice", reader/pdf_takeover.py): taken out of the note into the field where the note is exactly as Reader
    # wrote it (an imported highlight whose note has that one author line, last; a note with replies under it, each
    # with its author, is left as it is).
    db.execute("ALTER TABLE highlights ADD COLUMN author TEXT NOT NULL DEFAULT ''")
    _field_triggers(db, "highlight", "highlights", {"author": ("author",)})
    _stamped_on_insert(db, "author")
    moved = []
    for hid, note in db.execute("SELECT id, note FROM highlights WHERE origin = 'imported' AND note LIKE '%— %'"
                                ).fetchall():
        split = author_of_note(note or "")
        if split is not None:
            moved.append((split[0], split[1], hid))
    db.conn.executemany("UPDATE highlights SET note = ?, author = ? WHERE id = ?", moved)


@migrations()
def m024_style_and_author_indexes(db: sqlite_utils.Database) -> None:
    # search's style: and author: filters read these (notes_db/search.py): a style other than a band and an
    # author are rare, so a filter alone finds its few rows instead of reading a million (170-190 ms at 1M notes)
    db.execute("CREATE INDEX IF NOT EXISTS highlights_styled ON highlights(style) WHERE style != 'highlight'")
    db.execute("CREATE INDEX IF NOT EXISTS highlights_authored ON highlights(author) WHERE author != ''")


def author_of_note(note: str) -> tuple[str, str] | None:
    """(the note, its author) of a note an older Reader wrote at an annotation's import: its last paragraph is
    "— Name" (one line) and no other paragraph is one such (replies under it, each with its author); else None."""
    parts = note.split("\n\n")
    by = [k for k, p in enumerate(parts) if p.startswith("— ") and "\n" not in p and p[2:].strip() == p[2:] and p[2:]]
    if by != [len(parts) - 1]:
        return None
    return "\n\n".join(parts[:-1]), parts[-1][2:]

#: PRAGMA application_id of every Reader notes file ("READ"): how Reader tells
#: its own files from another program's SQLite database.
APPLICATION_ID = 0x52454144
#: ``highlights.orphaned`` for a passage found more than once with nothing to
#: tell the copies apart (1 is "not found").
AMBIGUOUS = 2
#: The columns of a highlight, in the order of :class:`Highlight`'s fields (``orphaned`` is 0, 1 or AMBIGUOUS).
_HIGHLIGHT_COLUMNS = ('h.id, h.doc_id, h.start, h."end", h.exact, h.prefix, h.suffix, h.color, h.note, h.page, h.rects, '
                      "h.origin, h.orphaned, h.created, h.updated, h.claim_key, h.style, h.author")


def _reading_order(row: tuple[Any, ...]) -> tuple[bool, int, int]:
    """A highlight row's place: orphans last, then by start, then by id."""
    return (bool(row[12]), row[2], row[0])


#: How long a write waits for another writer (the window, the CLI, a script).
BUSY_TIMEOUT_MS = 10_000

_KNOWN_ERRORS = (
    ("disk is full", "The disk is full: the last change was not saved. Free some space and try again."),
    ("database is locked", "The notes file is busy in another program; the last change was not saved."),
    ("readonly", "The notes file is read-only; the last change was not saved."),
    ("unable to open", "The notes file cannot be opened."),
    # EFBIG, EIO, ENOSPC in a write the OS refused: not damage, the change did not happen
    ("disk i/o error", "The notes file could not be written (the disk is full or failing); "
                       "the last change was not saved."),
)
_DAMAGE = ("not a database", "malformed", "file is encrypted")


def _stamped_on_insert(db: Any, field: str) -> None:
    """A new highlight stamps ``field`` too (a migration's: the insert trigger made again with it)."""
    row = db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'sync_highlight_insert'").fetchone()
    if row is not None and "json_object(" in row[0]:
        db.execute("DROP TRIGGER sync_highlight_insert")
        db.execute(row[0].replace("json_object(", f"json_object('{field}', {_STAMP}, ", 1))


def _field_triggers(db: Any, kind: str, table: str, fields: dict[str, Any]) -> None:
    """A sync trigger per field of ``kind``'s rows (a migration's): an update of the field's columns that changes
    one stamps the field and marks the row for the next sync."""
    for field, cols in fields.items():
        differs = " OR ".join(f'old."{c}" IS NOT new."{c}"' for c in cols)
        columns = ", ".join('"' + c + '"' for c in cols)
        db.execute(
            f"CREATE TRIGGER sync_{kind}_{field} AFTER UPDATE OF {columns} "
            f"ON {table} WHEN {_LOCAL} AND ({differs}) BEGIN {_CLOCK} "
            f"UPDATE sync_rows SET dirty = dirty + 1, stamps = json_set(stamps, '$.{field}', {_STAMP}) "
            f"WHERE kind = '{kind}' AND local_id = new.rowid; END"
        )


def damaged_message(path: Path) -> str:
    """What to say about a damaged notes file: what to do, and the latest backup if there is one."""
    latest = latest_backup(path)
    db = f" --db {shlex.quote(str(path))}"  # the file named: a command without it works on the default one
    advice = (f"restore the latest backup with: reader restore {shlex.quote(str(latest))}{db}" if latest
              else f"run 'reader check{db}' to see what can be saved")
    return f"The notes file {path} is damaged or is not a Reader notes file; {advice}"


def _translate(exc: sqlite3.Error, path: Path | None = None) -> StorageError:
    text = str(exc).lower()
    if any(needle in text for needle in _DAMAGE):
        if path is None:
            return DamagedError("The notes file is damaged.")
        return DamagedError(damaged_message(path), str(path))
    for needle, message in _KNOWN_ERRORS:
        if needle in text:
            return StorageError(message)
    return StorageError(f"The notes file could not be used ({exc}).")


def _unexpected(exc: sqlite3.Error) -> bool:
    """A failed write that is not the world's doing (busy, full, read-only): a constraint or an inconsistency."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.IntegrityError | sqlite3.InternalError) or (
        isinstance(exc, sqlite3.DatabaseError) and not any(n in text for n, _m in _KNOWN_ERRORS)
        and not isinstance(exc, sqlite3.OperationalError | sqlite3.ProgrammingError))


def _uri(path: Path, *, immutable: bool) -> str:
    from urllib.parse import quote

    return f"file:{quote(str(path.resolve()))}?mode=ro" + ("&immutable=1" if immutable else "")


def _has_wal(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def _writable(path: Path) -> bool:
    """Whether SQLite can write here: the file (if any) and its folder (WAL keeps -wal/-shm beside it)."""
    if path.exists() and not os.access(path, os.W_OK):
        return False
    return os.access(path.parent, os.W_OK)


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """Autocommit connection (transactions are explicit, see ``NotesDB.transaction``).

    Read-only: ``mode=ro``, and ``immutable`` when there is no -wal to read, so
    SQLite creates no -shm or -wal beside a file it may not change.
    """
    timeout = BUSY_TIMEOUT_MS / 1000
    if read_only:
        return sqlite3.connect(_uri(path, immutable=not _has_wal(path)), uri=True, timeout=timeout,
                               isolation_level=None, check_same_thread=False)
    return sqlite3.connect(str(path), timeout=timeout, isolation_level=None, check_same_thread=False)


def _classify(conn: sqlite3.Connection) -> str:
    """"reader", "empty" (no tables: a new file) or "foreign" (another program's database)."""
    if conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID:
        return "reader"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return "empty"
    if "_sqlite_migrations" in tables and conn.execute(
        "SELECT 1 FROM _sqlite_migrations WHERE migration_set = ? LIMIT 1", [migrations.name]
    ).fetchone():
        return "reader"  # written before Reader marked its files
    return "foreign"


def _foreign_message(path: Path) -> str:
    return (f"{path} is another program's database, not a Reader notes file; it was not changed. "
            "Choose another notes file (--db or READER_DB).")


def _identify(path: Path) -> str:
    """Look at an existing file without changing a byte: "reader" or "empty"; raise for anything else.

    SQLite itself reads the header ("file is not a database" is a damaged file).
    Never open and close the notes file with anything but SQLite here: this
    process may already hold it (the window, then a second connection for a
    thread), and on POSIX closing *any* descriptor of a file drops every lock
    the process holds on it. Another process then believes it is alone, and its
    last close checkpoints and deletes the -wal the window still writes to:
    those writes are lost and the file's indexes damaged. ``immutable`` takes no
    locks at all, so it is kept for files this process cannot write.
    """
    try:
        conn = sqlite3.connect(_uri(path, immutable=not _writable(path) and not _has_wal(path)), uri=True,
                               timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            kind = _classify(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise _translate(exc, path) from exc
    if kind == "foreign":
        raise NotReaderFileError(_foreign_message(path))
    return kind


def _holds(path: str, fingerprint: str) -> bool:
    """Whether the file at ``path`` is there and its bytes hash to ``fingerprint`` (a document's original)."""
    if not path or not os.path.isfile(path):
        return False
    try:
        return content_hash(path) == fingerprint
    except StorageError:
        return False


def canonical_path(path: str) -> str:
    """The one spelling of a document's path: absolute, symlinks resolved."""
    return os.path.realpath(os.path.expanduser(path)) if path else path


_tag_list = tag_list  # the name transfer and older callers use


class NotesDB:
    """One open notes file. Not thread-safe: open one per thread.

    ``read_only`` is set when the file (or its folder) cannot be written: every
    note is shown, nothing is written, and no -wal/-shm files are left behind.
    A path in a folder that does not exist is refused unless ``create_folder``
    (by default only Reader's own data folder is created).
    """

    def __init__(self, path: str | Path, *, create_folder: bool | None = None) -> None:
        self.path = Path(path)
        self.read_only = False
        self._overrides: dict[int, tuple[int, int, int]] = {}  # read-only: placements not written
        self._deleted_gids: dict[int, str] = {}  # highlight id -> global id, while its delete may be undone
        self._guard: tuple[int, int] | None = None
        #: Whether a note (a highlight, its note or tags, a claim review) was written through this
        #: connection: a window that closes after that leaves a backup (notes_db.backup.session_backup).
        self.notes_changed = False
        try:
            self._check_location(create_folder)
            kind = _identify(self.path) if self.path.exists() and self.path.stat().st_size else "new"
            self.read_only = not _writable(self.path)
            conn = _connect(self.path, read_only=self.read_only)
            self.db = sqlite_utils.Database(conn, execute_plugins=False)  # no plugins: loading them scans every installed package
            try:
                self._prepare(kind)
            except BaseException:
                conn.close()
                raise
            if not self.read_only:
                # other code of this process (a file dialog showing this folder) may close a descriptor
                # of the file and so drop SQLite's locks: hold the file in a way no close can undo
                self._guard = guard.acquire(self.path)
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from exc
        except OSError as exc:
            raise StorageError(f"The notes file {self.path} cannot be created: {exc.strerror}.") from exc

    def _check_location(self, create_folder: bool | None) -> None:
        if self.path.is_dir():
            raise StorageError(f"The notes path {self.path} is a folder, not a file.")
        folder = self.path.parent
        if folder.is_dir():
            return
        if create_folder is None:
            from notes_db.paths import default_db_path

            create_folder = self.path == default_db_path()
        if not create_folder:
            raise MissingFolderError(
                f"The folder {folder} does not exist: create it, or choose another notes file "
                f"(--db or {ENV_VAR}). Nothing was created."
            )
        folder.mkdir(parents=True, exist_ok=True)

    def _prepare(self, kind: str) -> None:
        """Settings, then (only if needed, in one IMMEDIATE transaction) Reader's mark and migrations."""
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise NewerSchemaError(
                f"The notes file {self.path} was written by a newer Reader "
                f"(schema {version}, this Reader knows {SCHEMA_VERSION}). "
                "Update Reader; the file was not changed."
            )
        if self.read_only:
            if kind == "new":
                raise StorageError(f"The notes file {self.path} does not exist and its folder is read-only.")
            if migrations.pending(self.db):
                raise StorageError(
                    f"The notes file {self.path} is read-only and was written by an older Reader: "
                    "make it writable once so Reader can update it."
                )
            log.info("%s is read-only: notes are shown, nothing is saved", self.path)
            return
        self._use_wal()
        # In WAL mode NORMAL never corrupts the file and a crash of Reader loses
        # nothing committed; only a power cut may undo the last moments. FULL
        # syncs the disk on every commit: 10 ms per highlight instead of 2.
        self.db.execute("PRAGMA synchronous = NORMAL")
        if self._application_id() == APPLICATION_ID and not migrations.pending(self.db):
            return
        with self.transaction():  # BEGIN IMMEDIATE: a second Reader starting now waits, then finds it done
            if self._application_id() != APPLICATION_ID:
                if _classify(self.db.conn) == "foreign":  # appeared since we looked
                    raise NotReaderFileError(_foreign_message(self.path))
                self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            if migrations.pending(self.db):
                log.info("migrating %s", self.path)
                from notes_db.upgrade import adopt_earlier_work

                migrations.ensure_migrations_table(self.db)
                adopt_earlier_work(self.db, migrations.name, [m.name for m in migrations.pending(self.db)])
                try:
                    migrations.apply(self.db)
                except sqlite3.Error as exc:  # rolled back with the rest: the file is as it was
                    version = self.db.execute("PRAGMA user_version").fetchone()[0]
                    raise StorageError(
                        f"The notes file {self.path} was written by an earlier test build of Reader "
                        f"(schema {version}) that this Reader cannot bring up to date ({exc}); it was not "
                        "changed. Export its notes with the build that made it, or choose another notes file."
                    ) from exc
                self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _use_wal(self) -> None:
        """Switch the file to WAL. The switch needs the file to itself, and SQLite
        may answer "locked" at once rather than wait when another process is
        opening the same new file (two writers starting together): try again
        until the busy timeout has passed."""
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        pause = 0.005
        while True:
            try:
                if self.db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    self.db.execute("PRAGMA journal_mode = wal")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise
                log.debug("switching %s to WAL: %s; trying again", self.path, exc)
                time.sleep(pause)
                pause = min(pause * 2, 0.1)

    def _fresh_connection(self) -> None:
        """After a write failed for no reason of the world's (a constraint, an inconsistency), start the
        next one on a new connection: nothing this one cached or held can make every later write fail."""
        try:
            conn = _connect(self.path, read_only=False)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.Error as exc:
            log.warning("could not open the notes file again after a failed write: %s", exc)
            return
        old, self.db = self.db, sqlite_utils.Database(conn, execute_plugins=False)
        try:
            old.close()
        except sqlite3.Error:
            log.exception("closing the connection of the failed write")
        log.info("the notes file was opened again after a failed write")

    def _application_id(self) -> int:
        return int(self.db.execute("PRAGMA application_id").fetchone()[0])

    def close(self) -> None:
        key, self._guard = self._guard, None
        guard.release_locks(key)  # first: the last connection to close checkpoints and tidies the -wal
        self.db.close()
        if key is not None:
            guard.tidy()

    def __enter__(self) -> NotesDB:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """One user action, one transaction; world-made failures roll back.

        BEGIN IMMEDIATE takes the write lock first, so a second writer (the
        window and the CLI, two scripts) waits up to the busy timeout instead of
        failing when a read inside the transaction meets the other's commit.
        Nested calls join the open transaction.
        """
        if self.read_only:
            raise StorageError(f"The notes file {self.path} is read-only; the change was not saved.")
        conn = self.db.conn
        if conn.in_transaction:
            yield self.db
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            log.info("write failed to start: %s", exc)
            raise _translate(exc, self.path) from exc
        try:
            yield self.db
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    log.exception("rollback failed")
            if isinstance(exc, sqlite3.Error):
                log.info("write failed: %s", exc)
                error = _translate(exc, self.path)
                if _unexpected(exc) and not isinstance(error, DamagedError):
                    error = StorageError(f"That change was not saved: the notes file refused it ({exc}). "
                                         "Your other notes are safe.")
                    self._fresh_connection()
                raise error from exc
            raise

    def read_rows(self, sql: str, params: Iterable[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        """Rows of a read-only query as dicts; failures become NotesError. The
        package API that notes_db's other modules (search, reviews, library,
        sync) build on; nothing outside notes_db writes SQL."""
        try:
            cur = self.db.execute(sql, params if isinstance(params, dict) else list(params))
            cols = [d[0] for d in cur.description]
            return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from exc

    def stream_rows(self, sql: str, params: Iterable[Any] = (), size: int = 5000) -> Iterator[tuple[Any, ...]]:
        """Rows of a read-only query as tuples, ``size`` at a time: a million rows are never all in memory
        (as :meth:`read_rows` holds them, a dict each). Failures become NotesError."""
        try:
            cur = self.db.execute(sql, list(params))
            while batch := cur.fetchmany(size):
                yield from batch
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from exc

    def data_version(self) -> int:
        """A number that changes whenever another connection commits to the notes file.

        The window polls it (a pragma, microseconds) to see what ``reader`` on
        the command line, a script or another window wrote; its own writes do not
        change it.
        """
        try:
            return int(self.db.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from exc

    # -- documents -----------------------------------------------------------

    def register_document(
        self, fingerprint: str, path: str, title: str, kind: str, chars: int, pages: int = 0, *, opened: bool = True
    ) -> DocumentRecord:
        """Find the document by content, then by path; create it if new.

        Paths are resolved (``notes.md`` typed in two folders is two files).
        ``match`` on the result says how it was found: by ``fingerprint``
        (same bytes, same path), ``moved`` (same bytes at a new path),
        ``changed`` (same path, new content: the document was edited, its
        highlights need re-anchoring) or ``new``. ``opened``: a person opened it (its Last opened
        is now); a script writing to it (the command line, an import) leaves that as it was.
        """
        path = canonical_path(path)
        if self.read_only:
            return self._find_document(fingerprint, path) or DocumentRecord(
                id=-1, fingerprint=fingerprint, path=path, title=title, kind=kind, chars=chars,
                pages=pages, position=0, opened="", match="new")
        now = _now()
        with self.transaction() as db:
            found = self._find_document(fingerprint, path)
            match = found.match if found else "new"
            values = {"fingerprint": fingerprint, "path": path, "title": title, "kind": kind,
                      "chars": chars, "pages": pages}
            if opened:
                values["opened"] = now
            if found:
                doc_id: Any = found.id
                db.table("documents").update(doc_id, values)
            else:
                doc_id = db.table("documents").insert({"opened": "", **values, "position": 0, "created": now}).last_pk
        record = self.document(int(doc_id))
        assert record is not None
        record.match = match
        return record

    def _find_document(self, fingerprint: str, path: str) -> DocumentRecord | None:
        """The document a file with these bytes at this (canonical) path is.

        The same bytes at the same path: that document. The same bytes at
        another path: the same document *moved* only when its recorded file
        no longer holds these bytes (renamed, moved, or replaced); while the
        original is still there, this file is a copy and a document of its
        own (its notes never take the original's). Then a document at this
        path with other bytes: the file was edited in place (``changed``).
        """
        rows = self.read_rows("SELECT * FROM documents WHERE fingerprint = ? ORDER BY opened DESC, id DESC",
                              [fingerprint])
        found, match = None, "moved"
        for row in rows:
            if row["path"] == path:
                found, match = row, "fingerprint"
                break
        if found is None:
            found = next((r for r in rows if not _holds(r["path"] or "", fingerprint)), None)
        if found is None:
            by_path = self.read_rows("SELECT * FROM documents WHERE path = ? ORDER BY opened DESC LIMIT 1", [path])
            found, match = (by_path[0], "changed") if by_path else (None, "new")
        if found is None:
            return None
        record = self.document_from_row(found)
        record.match = match
        return record

    def document(self, doc_id: int) -> DocumentRecord | None:
        rows = self.read_rows("SELECT * FROM documents WHERE id = ?", [doc_id])
        return self.document_from_row(rows[0]) if rows else None

    def document_by_path(self, path: str) -> DocumentRecord | None:
        rows = self.read_rows("SELECT * FROM documents WHERE path = ? ORDER BY opened DESC LIMIT 1",
                          [canonical_path(path)])
        return self.document_from_row(rows[0]) if rows else None

    def document_by_fingerprint(self, fingerprint: str) -> DocumentRecord | None:
        rows = self.read_rows("SELECT * FROM documents WHERE fingerprint = ?", [fingerprint])
        return self.document_from_row(rows[0]) if rows else None

    def recent_documents(self, limit: int = 10) -> list[DocumentRecord]:
        rows = self.read_rows("SELECT * FROM documents WHERE path <> '' AND opened <> '' ORDER BY opened DESC LIMIT ?",
                              [limit])  # opened by a person, not only written to by a script
        return [self.document_from_row(r) for r in rows]

    def set_position(self, doc_id: int, position: int) -> None:
        """The reading place (the Library's progress is the furthest one: a trigger of m018 keeps it)."""
        if self.read_only:
            return  # the reading place is a convenience, not a note: nothing to report
        with self.transaction() as db:
            db.table("documents").update(doc_id, {"position": int(position)})

    def restored_repairs(self, doc_id: int) -> list[str]:
        rows = self.read_rows("SELECT restored_repairs FROM documents WHERE id = ?", [doc_id])
        return list(json.loads(rows[0]["restored_repairs"] or "[]")) if rows else []

    def set_restored_repairs(self, doc_id: int, idents: Iterable[str]) -> None:
        with self.transaction() as db:
            db.table("documents").update(doc_id, {"restored_repairs": json.dumps(sorted(set(idents)))})

    @staticmethod
    def document_from_row(row: dict[str, Any]) -> DocumentRecord:
        """A ``documents`` row as the record the rest of Reader sees."""
        return DocumentRecord(
            id=row["id"], fingerprint=row["fingerprint"], path=row["path"] or "",
            title=row["title"] or "", kind=row["kind"] or "", chars=row["chars"] or 0,
            pages=row["pages"] or 0, position=row["position"] or 0, opened=row["opened"] or "",
            anchored_sha=row.get("anchored_sha") or "",
        )

    def set_anchored_text(self, doc_id: int, sha: str) -> None:
        """Record which text the document's highlight positions now refer to."""
        if self.read_only:
            return
        with self.transaction() as db:
            db.table("documents").update(doc_id, {"anchored_sha": sha})

    # -- highlights ----------------------------------------------------------

    def add_highlight(
        self,
        doc_id: int,
        start: int,
        end: int,
        exact: str,
        prefix: str = "",
        suffix: str = "",
        color: str = "yellow",
        note: str = "",
        tags: Iterable[str] = (),
        page: int | None = None,
        rects: list[list[float]] | None = None,
        origin: str = "user",
        highlight_id: int | None = None,
        created: str | None = None,
        claim_key: str | None = None,
        style: str = "highlight",
        author: str = "",
    ) -> Highlight:
        """Store a highlight; ``highlight_id``/``created`` restore a deleted one (undo); ``author``: another
        program's (a PDF annotation's author)."""
        if color not in COLORS:
            raise ValueError(f"unknown colour {color!r}; choose one of {', '.join(COLORS)}")
        if style not in STYLES:
            raise ValueError(f"unknown style {style!r}; choose one of {', '.join(STYLES)}")
        if end <= start:
            raise ValueError("a highlight needs at least one character")
        now = _now()
        tag_names = _tag_list(tags)
        row: dict[str, Any] = {
            "doc_id": doc_id, "start": start, "end": end, "exact": exact, "prefix": prefix,
            "suffix": suffix, "page": page, "rects": json.dumps(rects or []), "color": color,
            "note": note, "tags_text": " ".join(tag_names), "origin": origin, "orphaned": 0,
            "created": created or now, "updated": now, "claim_key": claim_key, "style": style,
            "author": " ".join(author.split()),
        }
        if highlight_id is not None:
            row["id"] = highlight_id
        with self.transaction() as db:
            # plain SQL: sqlite_utils' insert() reads the table's columns first (half of a highlight's cost)
            cur = db.conn.execute(f"INSERT INTO highlights ({', '.join(f'[{k}]' for k in row)}) "
                                  f"VALUES ({', '.join('?' * len(row))})", list(row.values()))
            hid = int(cur.lastrowid or 0)
            self.link_tags(hid, tag_names)
            self.notes_changed = True
        result = self.highlight(hid)
        assert result is not None
        return result

    def update_highlight(
        self,
        highlight_id: int,
        *,
        color: str | None = None,
        note: str | None = None,
        tags: Iterable[str] | None = None,
        style: str | None = None,
    ) -> Highlight:
        changes: dict[str, Any] = {"updated": _now()}
        if color is not None:
            if color not in COLORS:
                raise ValueError(f"unknown colour {color!r}")
            changes["color"] = color
        if style is not None:
            if style not in STYLES:
                raise ValueError(f"unknown style {style!r}")
            changes["style"] = style
        if note is not None:
            changes["note"] = note
        tag_names = _tag_list(tags) if tags is not None else None
        if tag_names is not None:
            changes["tags_text"] = " ".join(tag_names)
        with self.transaction() as db:
            # plain SQL: sqlite_utils' update() reads the row and the table's columns first
            cur = db.conn.execute(f"UPDATE highlights SET {', '.join(f'[{k}] = ?' for k in changes)} WHERE id = ?",
                                  [*changes.values(), highlight_id])
            if cur.rowcount == 0:
                raise StorageError("That highlight no longer exists.")
            self.notes_changed = True
            if tag_names is not None:
                db.execute("DELETE FROM highlight_tags WHERE highlight_id = ?", [highlight_id])
                self.link_tags(highlight_id, tag_names)
                self.drop_unused_tags()
        result = self.highlight(highlight_id)
        if result is None:
            raise StorageError("That highlight no longer exists.")
        return result

    def delete_highlight(self, highlight_id: int) -> Highlight | None:
        """Delete and return what was deleted, so the caller can undo."""
        old = self.highlight(highlight_id)
        if old is None:
            return None
        with self.transaction() as db:
            row = db.execute("SELECT gid FROM sync_rows WHERE kind = 'highlight' AND local_id = ?",
                             [highlight_id]).fetchone()
            old.gid = str(row[0]) if row and row[0] else ""
            if old.gid:
                self._deleted_gids[highlight_id] = old.gid  # undo may hold an older copy of the record
            db.execute("DELETE FROM highlights WHERE id = ?", [highlight_id])
            self.drop_unused_tags()
            self.notes_changed = True
        return old

    def restore_highlight(self, h: Highlight) -> Highlight:
        """Put a deleted highlight back exactly as it was (same id), in one transaction.

        For sync it is the same highlight too: its tombstone is revived with its
        global id (every field stamped now, so it comes back on every device).
        """
        with self.transaction() as db:
            restored = self.add_highlight(
                h.doc_id, h.start, h.end, h.exact, h.prefix, h.suffix, h.color, h.note, h.tags,
                h.page, h.rects, h.origin, highlight_id=h.id, created=h.created, claim_key=h.claim_key, style=h.style,
                author=h.author,
            )
            if h.orphaned:
                self.set_anchors([(h.id, h.start, h.end, AMBIGUOUS if h.ambiguous else 1)])
                restored.orphaned, restored.ambiguous = True, h.ambiguous
            gid = h.gid or self._deleted_gids.get(h.id, "")
            if gid:
                tomb = db.execute("SELECT id, stamps FROM sync_rows WHERE gid = ? AND local_id IS NULL",
                                  [gid]).fetchone()
                fresh = db.execute("SELECT id, stamps FROM sync_rows WHERE kind = 'highlight' AND local_id = ?",
                                   [h.id]).fetchone()
                if tomb and fresh:
                    stamps = {**json.loads(tomb[1]), **json.loads(fresh[1])}
                    db.execute("DELETE FROM sync_rows WHERE id = ?", [fresh[0]])
                    db.execute("UPDATE sync_rows SET local_id = ?, deleted = 0, stamps = ?, dirty = dirty + 1 "
                               "WHERE id = ?", [h.id, json.dumps(stamps), tomb[0]])
            restored.gid = gid
        return restored

    def set_anchors(self, updates: Iterable[tuple[int, int, int, int]]) -> None:
        """Move highlights (id, start, end, state) after re-anchoring, in one transaction.

        ``state``: 0 placed, 1 (or True) not found, ``AMBIGUOUS`` the passage
        occurs more than once and nothing tells the copies apart. A read-only
        file keeps the placements in memory for as long as it is open.
        """
        if self.read_only:
            for hid, start, end, state in updates:
                self._overrides[hid] = (start, end, int(state))
            return
        with self.transaction() as db:  # one statement for all: 10,000 row-by-row updates took 15 s
            db.conn.executemany('UPDATE highlights SET start = ?, "end" = ?, orphaned = ? WHERE id = ?',
                                [(start, end, int(state), hid) for hid, start, end, state in updates])

    def highlight(self, highlight_id: int) -> Highlight | None:
        found = self._read_highlights("h.id = ?", highlight_id)
        return found[0] if found else None

    def highlights(self, doc_id: int, before: int | None = None) -> list[Highlight]:
        """This document's highlights in reading order; orphans last. With ``before``, only those
        starting before that offset (the beginning of a long text, shown while the whole is read)."""
        if before is not None:
            return self._read_highlights("h.doc_id = ? AND h.start < ?", doc_id, before)
        return self._read_highlights("h.doc_id = ?", doc_id)

    def highlight_count(self, doc_id: int) -> int:
        """How many highlights the document has (orphans too): whether to read them off the GUI thread."""
        try:
            return int(self.db.conn.execute("SELECT count(*) FROM highlights WHERE doc_id = ?", [doc_id]).fetchone()[0])
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from exc

    def _read_highlights(self, where: str, *keys: int) -> list[Highlight]:
        """The highlights ``where`` says (on ``highlights h``, a ``?`` for each of ``keys``), in reading order.

        Opening a book reads all of its highlights before its first screen: rows as
        tuples of the columns used, straight into records (10,000 in ~50 ms; dict rows
        and ``SELECT *`` took four times as long), sorted here rather than by SQLite
        (whose sorter copies every row)."""
        try:
            conn = self.db.conn
            rows = conn.execute(f"SELECT {_HIGHLIGHT_COLUMNS} FROM highlights h WHERE {where}", keys).fetchall()
            tags: dict[int, list[str]] = {}
            for hid, name in conn.execute(
                "SELECT ht.highlight_id, t.name FROM highlights h JOIN highlight_tags ht ON ht.highlight_id = h.id "
                f"JOIN tags t ON t.id = ht.tag_id WHERE {where} ORDER BY t.name COLLATE NOCASE", keys
            ):
                tags.setdefault(hid, []).append(name)
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from exc
        overrides = self._overrides
        if overrides:  # a read-only file: placements made since it was opened
            rows = [(*r[:2], *overrides[r[0]][:2], *r[4:12], overrides[r[0]][2], *r[13:]) if r[0] in overrides else r
                    for r in rows]
        rows.sort(key=_reading_order)
        loads = json.loads
        return [
            Highlight(hid, doc, start, end, exact or "", prefix or "", suffix or "", color or "yellow", note or "",
                      tags.get(hid) or [], page, loads(rects) if rects and rects != "[]" else [], origin or "user",
                      bool(orphaned), created or "", updated or "", claim_key, orphaned == AMBIGUOUS,
                      style=style or "highlight", author=author or "")
            for (hid, doc, start, end, exact, prefix, suffix, color, note, page, rects, origin, orphaned, created,
                 updated, claim_key, style, author) in rows
        ]

    def highlights_from_rows(self, rows: list[dict[str, Any]]) -> list[Highlight]:
        """``highlights`` rows as records, with their tags (one query for all)."""
        ids = [r["id"] for r in rows]
        tags: dict[int, list[str]] = {i: [] for i in ids}
        if ids:
            marks = ",".join("?" * len(ids))
            for t in self.read_rows(
                f"SELECT ht.highlight_id AS hid, t.name AS name FROM highlight_tags ht "
                f"JOIN tags t ON t.id = ht.tag_id WHERE ht.highlight_id IN ({marks}) "
                f"ORDER BY t.name COLLATE NOCASE",
                ids,
            ):
                tags[t["hid"]].append(t["name"])
        for r in rows:
            if r["id"] in self._overrides:
                r["start"], r["end"], r["orphaned"] = self._overrides[r["id"]]
        return [
            Highlight(
                id=r["id"], doc_id=r["doc_id"], start=r["start"], end=r["end"], exact=r["exact"] or "",
                prefix=r["prefix"] or "", suffix=r["suffix"] or "", color=r["color"] or "yellow",
                note=r["note"] or "", tags=tags[r["id"]], page=r["page"],
                rects=json.loads(r["rects"]) if r["rects"] and r["rects"] != "[]" else [], origin=r["origin"] or "user",
                orphaned=bool(r["orphaned"]), created=r["created"] or "", updated=r["updated"] or "",
                claim_key=r.get("claim_key"), ambiguous=r["orphaned"] == AMBIGUOUS,
                style=r.get("style") or "highlight", author=r.get("author") or "",
            )
            for r in rows
        ]

    # -- tags ----------------------------------------------------------------

    def link_tags(self, highlight_id: int, names: list[str]) -> None:
        """Attach tags by name, creating them; call inside :meth:`transaction`."""
        for name in names:
            self.db.execute("INSERT OR IGNORE INTO tags(name) VALUES (?)", [name])
            self.db.execute(
                "INSERT OR IGNORE INTO highlight_tags(highlight_id, tag_id) "
                "SELECT ?, id FROM tags WHERE name = ?",
                [highlight_id, name],
            )

    def drop_unused_tags(self) -> None:
        """Forget tags no highlight carries; call inside :meth:`transaction`."""
        self.db.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM highlight_tags)")

    def tags(self) -> list[tuple[str, int]]:
        """Every tag with the number of highlights carrying it, by name."""
        rows = self.read_rows(
            "SELECT t.name AS name, COUNT(ht.highlight_id) AS n FROM tags t "
            "LEFT JOIN highlight_tags ht ON ht.tag_id = t.id GROUP BY t.id ORDER BY t.name COLLATE NOCASE"
        )
        return [(r["name"], r["n"]) for r in rows]

    # -- claim reviews (the claims panel's status and notes) -----------------

    def claim_reviews(self, doc_id: int) -> dict[str, ClaimReview]:
        rows = self.read_rows("SELECT * FROM claim_reviews WHERE doc_id = ?", [doc_id])
        return {
            r["key"]: ClaimReview(r["key"], r["status"], r["note"] or "", r["source"] or "", r["updated"] or "")
            for r in rows
        }

    def set_claim_review(
        self, doc_id: int, key: str, status: str | None = None, note: str | None = None, source: str | None = None
    ) -> ClaimReview:
        """Set a claim's review; what is left as None stays as it was (see notes_db.reviews.set_review)."""
        from notes_db.reviews import set_review

        return set_review(self, doc_id, key, status, note, source)

    # -- search (the query language lives in notes_db.search) ---------------------

    def search(self, text: str, *, limit: int = 50, order: str = "relevance", related: bool = False) -> Results:
        from notes_db.search import search

        try:
            return search(self, text, limit=limit, order=order, related=related)
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from exc

    def search_simple(self, text: str, limit: int = 50) -> list[Highlight]:
        return [hit.highlight for hit in self.search(text, limit=limit).hits]

    def saved_searches(self) -> list[tuple[str, str]]:
        return [(r["name"], r["query"]) for r in self.read_rows("SELECT name, query FROM saved_searches ORDER BY name")]

    def save_search(self, name: str, query: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO saved_searches(name, query, created) VALUES (?, ?, ?) "
                       "ON CONFLICT(name) DO UPDATE SET query = excluded.query", [name, query, _now()])

    def delete_saved_search(self, name: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM saved_searches WHERE name = ?", [name])

    def reindex(self) -> int:
        """Rebuild both search indexes from the highlights, and the index of quotes' speakers from the
        findings (after a crash or an upgrade)."""
        with self.transaction() as db:
            db.execute("INSERT INTO highlights_fts(highlights_fts) VALUES ('rebuild')")
            db.execute("INSERT INTO highlights_stem(highlights_stem) VALUES ('rebuild')")
            db.execute("INSERT INTO findings_speakers(findings_speakers) VALUES ('rebuild')")
        return int(self.read_rows("SELECT COUNT(*) AS n FROM highlights")[0]["n"])

    # -- sharing with a group (synced; see notes_db.sync) ---------------------

    def share_highlight(self, highlight_id: int, group: str | None) -> None:
        """Share one highlight with a group (by name), or make it private again (None)."""
        with self.transaction() as db:
            db.execute("UPDATE highlights SET share = ? WHERE id = ?", [group or None, highlight_id])

    def share_document(self, doc_id: int, group: str | None) -> None:
        """Share all of a document's highlights and claim reviews with a group, or stop (None)."""
        with self.transaction() as db:
            db.execute("UPDATE documents SET share = ? WHERE id = ?", [group or None, doc_id])

    def document_share(self, doc_id: int) -> str | None:
        rows = self.read_rows("SELECT share FROM documents WHERE id = ?", [doc_id])
        return rows[0]["share"] if rows else None
