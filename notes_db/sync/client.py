"""One sync: push this notes file's changes, then pull everyone else's since the cursor.

Safe to kill at any moment. A push is one server transaction that merges by
clock, so pushing the same rows again changes nothing; rows are marked pushed
only after the server committed them. Pulled rows are applied, and the cursor
moved, in one SQLite transaction. Whatever is interrupted is simply done
again by the next sync: no loss, no duplicate.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg.types.json import Jsonb

from notes_db.sync.local import Replica
from notes_db.sync.server import ServerError, connect

if TYPE_CHECKING:
    from notes_db.store import NotesDB

log = logging.getLogger("notes_db.sync")

PAGE = 2000


class SyncError(Exception):
    """Sync failed; the message is one line a person can act on. Nothing local was lost."""


@dataclass
class SyncReport:
    pushed: int = 0
    pulled: int = 0
    versions: int = 0
    pending: int = 0
    me: str = ""
    seconds: float = 0.0
    when: str = ""
    #: Local ids of the documents whose quote corrections changed in the pull (another device's).
    corrected: list[int] = field(default_factory=list)

    def summary(self) -> str:
        return (f"synced as {self.me}: sent {self.pushed}, received {self.pulled}"
                + (f", {self.versions} earlier note versions kept" if self.versions else "")
                + (f", {self.pending} still waiting" if self.pending else ""))


def sync(store: NotesDB, url: str, *, batch: int = 1000, timeout: int = 5,
         cancel: threading.Event | None = None) -> SyncReport:
    """Push then pull; raises :class:`SyncError` (recorded as the last error) when it cannot finish.

    ``cancel`` stops it between two batches (the app quitting); what was done stays done.
    """
    replica = Replica(store)
    report = SyncReport()
    t0 = time.perf_counter()
    try:
        with connect(url, timeout=timeout) as conn:
            _sync(conn, replica, report, batch, cancel or threading.Event())
    except ServerError as exc:
        _failed(replica, str(exc))
    except psycopg.Error as exc:
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        _failed(replica, f"Sync stopped: {text}. Your changes are kept and will be sent next time.")
    report.corrected = sorted(replica.corrected)
    report.seconds = time.perf_counter() - t0
    report.pending = replica.pending()
    report.when = datetime.now(UTC).isoformat(timespec="seconds")
    replica.put({"last_sync": report.when, "last_error": ""})
    log.info("%s in %.2f s", report.summary(), report.seconds)
    return report


def _failed(replica: Replica, message: str) -> None:
    try:
        replica.put({"last_error": message})
    finally:
        raise SyncError(message)


class Cancelled(SyncError):
    pass


def _sync(conn: psycopg.Connection, replica: Replica, report: SyncReport, batch: int, cancel: threading.Event) -> None:
    try:
        row = conn.execute("SELECT server_id::text, current_user::text FROM reader.meta").fetchone()
    except psycopg.errors.UndefinedTable as exc:
        raise ServerError("That database is not a Reader sync server yet: run 'reader sync-server init URL' first.") from exc
    except psycopg.errors.InsufficientPrivilege as exc:
        raise ServerError("This login is not a Reader user on that server: ask its administrator to add you.") from exc
    conn.commit()
    assert row is not None
    server_id, me = str(row[0]), str(row[1])
    report.me = me
    replica.bind(server_id, me)
    replica.assign_gids()

    # Push: batches of changed rows; each batch is one server transaction.
    after = (-1, 0)
    while True:
        if cancel.is_set():
            raise Cancelled("Sync stopped; the rest goes next time.")
        changes = replica.changes(batch, after)
        if not changes:
            break
        after = changes[-1].key
        sendable = [c for c in changes if c.payload]
        if sendable:
            conn.execute("SELECT reader.push(%s)", [Jsonb([c.payload for c in sendable])])
            conn.commit()
            replica.mark_pushed(sendable)
        report.pushed += len(sendable)

    # Pull: everything visible since the cursor, in one snapshot, page by page.
    cursor = int(replica.get("cursor", "0") or 0)
    vcursor = int(replica.get("vcursor", "0") or 0)
    conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    try:
        joined = conn.execute("SELECT coalesce(max(seq), 0) FROM reader.members WHERE member = current_user").fetchone()
        if joined and int(joined[0]) > cursor:
            cursor = 0  # joined a group since the last sync: its older shared rows too
        while True:
            if cancel.is_set():
                raise Cancelled("Sync stopped; the rest goes next time.")
            rows = _rows(conn.execute(
                "SELECT owner::text, gid, kind, doc, data, stamps, seq FROM reader.items WHERE seq > %s "
                "ORDER BY seq LIMIT %s", [cursor, PAGE]))
            if not rows:
                break
            cursor = int(rows[-1]["seq"])
            report.pulled += replica.apply(rows, [], {"cursor": cursor})
            if len(rows) < PAGE:
                break
        _pull_revoked(conn, replica)
        _pull_departures(conn, replica)
        versions = _rows(conn.execute(
            "SELECT gid, field, stamp, value, seq FROM reader.versions WHERE owner = current_user AND seq > %s "
            "ORDER BY seq", [vcursor]))
        if versions:
            replica.apply([], versions, {"vcursor": int(versions[-1]["seq"])})
            report.versions = len(versions)
        conn.commit()
    finally:
        if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            conn.rollback()  # (failed here: the error is the one that stopped it, not "can't change isolation_level")
        conn.isolation_level = None


def _pull_revoked(conn: psycopg.Connection, replica: Replica) -> None:
    """Rows taken back from a group since the last sync, that this person can no longer see: their copies go."""
    rcursor = int(replica.get("rcursor", "0") or 0)
    try:
        with conn.transaction():  # a savepoint: a server still at schema 1 has no revocations
            gone = conn.execute(
                "SELECT r.owner::text, r.gid, r.seq FROM reader.revoked r WHERE r.seq > %s AND r.owner <> current_user "
                "AND NOT EXISTS (SELECT 1 FROM reader.items i WHERE i.owner = r.owner AND i.gid = r.gid) ORDER BY r.seq",
                [rcursor]).fetchall()
            newest = conn.execute("SELECT coalesce(max(seq), 0) FROM reader.revoked").fetchone()
    except psycopg.errors.UndefinedTable:
        log.info("the sync server has no revocations yet (run 'reader sync-server init' to upgrade it)")
        return
    top = max(rcursor, int(newest[0]) if newest else 0)
    if gone or top != rcursor:
        replica.forget_shared([(str(o), str(g)) for o, g, _s in gone], top)


def _pull_departures(conn: psycopg.Connection, replica: Replica) -> None:
    """Out of a group since the last sync: drop the copies of rows this person can no longer read.

    The server already hides them (row-level security follows membership); what
    stays is only what is still shared with a group this person is in.
    """
    groups = sorted(str(g) for (g,) in conn.execute(
        "SELECT group_id::text FROM reader.members WHERE member = current_user").fetchall())
    known = replica.get("groups")
    before = set(json.loads(known)) if known else None
    if before is not None and before <= set(groups):
        if before != set(groups):
            replica.put({"groups": json.dumps(groups)})
        return
    visible = {(str(o), str(g)) for o, g in conn.execute(
        "SELECT owner::text, gid FROM reader.items WHERE owner <> current_user").fetchall()}
    gone = replica.keep_shared(visible, json.dumps(groups))
    if gone:
        log.info("left a group: %d shared rows dropped", gone)


def _rows(cur: psycopg.Cursor[Any]) -> list[dict[str, Any]]:
    cols = [d.name for d in cur.description or ()]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
