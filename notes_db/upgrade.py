"""Notes files written by earlier builds, whose migrations had other names.

Migrations are recorded by name (sqlite_utils' ``_sqlite_migrations``). Before
branches were merged, some builds numbered the same change differently:
``m006_anchored_text`` and ``m008_anchored_text`` are today's
``m009_anchored_text``, ``m006_document_author`` is ``m007_document_author``,
``m007_claims_across_the_library`` is ``m008_claims_across_the_library``. A
file that went through such a build (user_version 7: ``m006_anchored_text``
then ``m006_sync``) still lists today's name as pending, and running it again
failed with a raw "duplicate column name: anchored_sha".

:func:`adopt_earlier_work` looks at the file itself: a pending migration whose
tables and columns are all there already is recorded as applied (with what a
half-done one lacks added), so the rest migrate as usual. No Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

import sqlite_utils

log = logging.getLogger("notes_db.upgrade")


def _columns(db: sqlite_utils.Database, table: str) -> set[str]:
    return {str(r[1]) for r in db.execute(f"PRAGMA table_info([{table}])").fetchall()}


def _has_table(db: sqlite_utils.Database, table: str) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone() is not None


def _author_done(db: sqlite_utils.Database) -> bool:
    if "author" not in _columns(db, "documents"):
        return False
    db.execute("CREATE INDEX IF NOT EXISTS highlights_doc_noted ON highlights(doc_id, (note != ''))")
    return True


def _claims_done(db: sqlite_utils.Database) -> bool:
    if not {"text", "kind", "start", "end"} <= _columns(db, "claim_reviews") or not _has_table(db, "findings"):
        return False
    db.execute("CREATE INDEX IF NOT EXISTS findings_doc ON findings(doc_id, kind, start)")
    db.execute("CREATE INDEX IF NOT EXISTS findings_speaker ON findings(speaker_group COLLATE NOCASE) "
               "WHERE kind = 'quote'")
    return True


def _anchored_done(db: sqlite_utils.Database) -> bool:
    return "anchored_sha" in _columns(db, "documents")


#: Today's migration -> whether an earlier build already made its change (completing what it left out).
ALREADY_DONE: dict[str, Callable[[sqlite_utils.Database], bool]] = {
    "m007_document_author": _author_done,
    "m008_claims_across_the_library": _claims_done,
    "m009_anchored_text": _anchored_done,
}


def adopt_earlier_work(db: sqlite_utils.Database, migration_set: str, pending: list[str]) -> list[str]:
    """Record as applied the pending migrations whose change the file already has; call inside the
    migration's transaction. Returns their names."""
    adopted = []
    for name in pending:
        done = ALREADY_DONE.get(name)
        if done is not None and _has_table(db, "documents") and done(db):
            db.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
                       [migration_set, name, str(datetime.now(UTC))])
            adopted.append(name)
    if adopted:
        log.info("made by an earlier build, recorded as done: %s", ", ".join(adopted))
    return adopted
