"""The notes file's side of sync: what to push, and applying what was pulled.

Rows are described the same way on both sides: ``data`` maps each field group
(see ``notes_db.store.SYNC_FIELDS`` and ``SYNC_FIELDS_M020``) to its value and ``stamps`` maps it to
its clock stamp. Merging is per field, last writer by stamp; a note text that
loses is kept in ``note_versions``. A row is alive unless its ``deleted``
field is set and no other field was written after the delete (an edit made
after a delete brings the highlight back, everywhere alike).
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from notes_db.records import STYLES, Highlight
from notes_db.store import _CLOCK, _STAMP, SYNC_TABLES, NotesDB, _now
from notes_db.sync import KEEP_VERSIONS

if TYPE_CHECKING:
    from notes_db.corrections import Stored
    from notes_db.reviews import ReviewedClaim

log = logging.getLogger("notes_db.sync")

#: Documents first, so a pushed batch never names a document the server has not seen.
KIND_ORDER = ("document", "highlight", "review", "search", "correction")


def derived_gid(nkey: str) -> str:
    """The global id of a row identified by content (document hash, claim key, search name)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "reader:" + nkey))


def stamp_time(stamp: str) -> int:
    try:
        return int(stamp.split("-", 1)[0])
    except ValueError:
        return 0


@dataclass
class Change:
    """One row to push: the sync_rows id and dirty count it was read at, and its payload."""

    row_id: int
    dirty: int
    payload: dict[str, Any]
    key: tuple[int, int] = (0, 0)


@dataclass
class GroupHighlight:
    """A highlight someone else shared with one of this person's groups."""

    author: str
    gid: str
    highlight: Highlight


def alive(data: dict[str, Any], stamps: dict[str, str]) -> bool:
    if not data.get("deleted") or "deleted" not in stamps:
        return True
    gone = stamps["deleted"]
    return any(s > gone for f, s in stamps.items() if f != "deleted")


class Replica:
    """Sync bookkeeping on one open notes file (uses the store's connection)."""

    def __init__(self, store: NotesDB) -> None:
        self.store = store
        self.conn = store.db.conn
        self._tags_dropped = False
        self._versioned: set[str] = set()  # notes given a version in this apply
        #: Local ids of the documents whose quote corrections pulls changed (reader/ui/sync_status.py lays them
        #: over the open document's analysis again).
        self.corrected: set[int] = set()

    # -- state ------------------------------------------------------------------

    def get(self, key: str, default: str = "") -> str:
        row = self.conn.execute("SELECT value FROM sync_state WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row and row[0] is not None else default

    def put(self, values: dict[str, str]) -> None:
        with self.store.transaction() as db:
            for key, value in values.items():
                db.execute("INSERT INTO sync_state(key, value) VALUES (?, ?) "
                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])

    def pending(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM sync_rows WHERE dirty > 0").fetchone()[0])

    def bind(self, server_id: str, me: str) -> None:
        """A first sync with this server (or as another person): everything is pushed, everything pulled."""
        if self.get("server") == server_id and self.get("me") == me:
            return
        with self.store.transaction() as db:
            db.execute("UPDATE sync_rows SET dirty = dirty + 1")
            db.execute("DELETE FROM shared_items")
            for key, value in (("server", server_id), ("me", me), ("cursor", "0"), ("vcursor", "0"), ("rcursor", "0")):
                db.execute("INSERT INTO sync_state(key, value) VALUES (?, ?) "
                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])

    def assign_gids(self) -> None:
        """Give documents, reviews and searches the id their content gives them everywhere."""
        rows = self.conn.execute(
            "SELECT id, nkey, stamps, local_id FROM sync_rows WHERE gid IS NULL AND nkey IS NOT NULL"
        ).fetchall()
        if not rows:
            return
        with self.store.transaction() as db:
            for row_id, nkey, stamps, local_id in rows:
                gid = derived_gid(nkey)
                other = db.execute("SELECT id, stamps, local_id FROM sync_rows WHERE gid = ?", [gid]).fetchone()
                if other is None:
                    db.execute("UPDATE sync_rows SET gid = ? WHERE id = ?", [gid, row_id])
                elif other[2] is None or local_id is None:
                    # The same name or content came back after a delete (or went again): one row, newest stamps.
                    merged = json.loads(other[1])
                    for f, s in json.loads(stamps).items():
                        if s > merged.get(f, ""):
                            merged[f] = s
                    keep_local = local_id if local_id is not None else other[2]
                    db.execute("DELETE FROM sync_rows WHERE id = ?", [row_id])
                    db.execute("UPDATE sync_rows SET stamps = ?, local_id = ?, deleted = ?, dirty = dirty + 1 "
                               "WHERE id = ?", [json.dumps(merged), keep_local, int(keep_local is None), other[0]])
                else:
                    log.warning("two rows claim %s; the newer one waits", nkey)

    # -- push ---------------------------------------------------------------------

    def changes(self, limit: int = 1000, after: tuple[int, int] = (-1, 0)) -> list[Change]:
        """Rows changed since they were last pushed, documents first, after the (rank, id) ``after``."""
        rank = "CASE kind WHEN 'document' THEN 0 WHEN 'highlight' THEN 1 ELSE 2 END"
        rows = self.conn.execute(
            f"SELECT id, kind, local_id, gid, stamps, deleted, dirty, {rank} FROM sync_rows "
            f"WHERE dirty > 0 AND gid IS NOT NULL AND ({rank}, id) > (?, ?) ORDER BY {rank}, id LIMIT ?",
            [after[0], after[1], limit],
        ).fetchall()
        out: list[Change] = []
        for row_id, kind, local_id, gid, stamps_text, deleted, dirty, order in rows:
            stamps = json.loads(stamps_text)
            if deleted or local_id is None:
                payload = {"gid": gid, "kind": kind, "doc": None, "data": {"deleted": True},
                           "stamps": {"deleted": stamps.get("deleted", "")}}
            else:
                doc, data = self.current(kind, local_id)
                if data is None:
                    out.append(Change(row_id, dirty, {}, (order, row_id)))  # gone meanwhile; its tombstone follows
                    continue
                stamps.pop("deleted", None)
                data = {f: v for f, v in data.items() if f in stamps}
                payload = {"gid": gid, "kind": kind, "doc": doc, "data": data, "stamps": stamps}
            out.append(Change(row_id, dirty, payload, (order, row_id)))
        return out

    def mark_pushed(self, changes: Iterable[Change]) -> None:
        """Clear what was pushed, unless it changed again meanwhile (then it goes next time)."""
        with self.store.transaction():
            self.conn.executemany("UPDATE sync_rows SET dirty = 0 WHERE id = ? AND dirty = ?",
                                  [(c.row_id, c.dirty) for c in changes])

    def _doc_gid(self, doc_id: int) -> str | None:
        row = self.conn.execute("SELECT gid FROM sync_rows WHERE kind = 'document' AND local_id = ?", [doc_id]).fetchone()
        return str(row[0]) if row and row[0] else None

    def current(self, kind: str, local_id: int) -> tuple[str | None, dict[str, Any] | None]:
        """(document gid, {field: value}) of a live local row."""
        table = SYNC_TABLES[kind]
        cur = self.conn.execute(f"SELECT * FROM {table} WHERE rowid = ?", [local_id])
        values = cur.fetchone()
        if values is None:
            return None, None
        r = dict(zip([d[0] for d in cur.description], values, strict=True))
        if kind == "document":
            return None, {
                "meta": {"fingerprint": r["fingerprint"], "title": r["title"] or "", "kind": r["kind"] or "",
                         "chars": r["chars"] or 0, "pages": r["pages"] or 0},
                "position": r["position"] or 0, "repairs": json.loads(r["restored_repairs"] or "[]"),
                "share": r.get("share"), "author": r.get("author") or "",
                "taken": [k for k in (r.get("taken_over") or "").split("\n") if k],
            }
        doc = self._doc_gid(r["doc_id"]) if "doc_id" in r else None
        if kind == "highlight":
            tags = [t for (t,) in self.conn.execute(
                "SELECT t.name FROM highlight_tags ht JOIN tags t ON t.id = ht.tag_id WHERE ht.highlight_id = ? "
                "ORDER BY t.name COLLATE NOCASE", [local_id])]
            return doc, {
                "anchor": {"doc": doc, "start": r["start"], "end": r["end"], "exact": r["exact"] or "",
                           "prefix": r["prefix"] or "", "suffix": r["suffix"] or "", "page": r["page"],
                           "rects": json.loads(r["rects"] or "[]"), "origin": r["origin"] or "user",
                           "created": r["created"] or ""},
                "color": r["color"] or "yellow", "note": r["note"] or "", "tags": tags,
                "claim": r.get("claim_key"), "share": r.get("share"), "style": r.get("style") or "highlight",
                "author": r.get("author") or "",
            }
        if kind == "review":
            return doc, {"meta": {"doc": doc, "key": r["key"]}, "status": r["status"] or "unchecked",
                         "note": r["note"] or "", "source": r["source"] or "",
                         "claim": {"text": r.get("text") or "", "kind": r.get("kind") or "",
                                   "start": r.get("start"), "end": r.get("end")}}
        if kind == "correction":
            found = None if r["quote_kind"] is None else {
                "speaker": r["found_speaker"] or "", "group": r["found_group"] or "", "cue": r["cue"] or "",
                "kind": r["quote_kind"]}
            return doc, {"meta": {"doc": doc, "start": r["start"], "end": r["end"], "text": r["text"] or "",
                                  "found": found},
                         "fix": {"speaker": r["speaker"] or "", "dismissed": bool(r["dismissed"])}}
        return None, {"meta": {"name": r["name"]}, "query": r["query"] or ""}

    # -- pull ---------------------------------------------------------------------

    def apply(self, rows: list[dict[str, Any]], versions: list[dict[str, Any]], cursors: dict[str, int]) -> int:
        """Merge pulled rows and versions and move the cursor, all in one transaction; returns rows changed."""
        me = self.get("me")
        changed = 0
        newest = 0
        ordered = sorted(rows, key=lambda r: (r["kind"] != "document", r["seq"]))
        self._tags_dropped = False
        self._versioned = set()
        with self.store.transaction() as db:
            db.execute("UPDATE sync_clock SET applying = 1")
            try:
                for row in ordered:
                    newest = max(newest, *(stamp_time(s) for s in row["stamps"].values()), 0)
                    if row["owner"] != me:
                        self._apply_shared(row)
                        changed += 1
                    elif self._apply_own(row):
                        changed += 1
                for v in versions:
                    db.execute("INSERT OR IGNORE INTO note_versions(gid, field, value, stamp, kept) VALUES (?, ?, ?, ?, ?)",
                               [v["gid"], v["field"], _text(v["value"]), v["stamp"], _now()])
                    self._versioned.add(v["gid"])
                self._trim_versions()
                for key, value in cursors.items():
                    db.execute("INSERT INTO sync_state(key, value) VALUES (?, ?) "
                               "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, str(value)])
                if self._tags_dropped:
                    self.store.drop_unused_tags()  # once, not per row
            finally:
                db.execute("UPDATE sync_clock SET applying = 0, t = MAX(t, ?)", [newest])
        return changed

    def forget_shared(self, rows: list[tuple[str, str]], rcursor: int) -> None:
        """Drop copies of rows their owners stopped sharing; move the revocation cursor. One transaction."""
        with self.store.transaction():
            self.conn.executemany("DELETE FROM shared_items WHERE owner = ? AND gid = ?", rows)
            self.conn.execute("INSERT INTO sync_state(key, value) VALUES ('rcursor', ?) "
                              "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [str(rcursor)])

    def keep_shared(self, visible: set[tuple[str, str]], groups: str) -> int:
        """Keep only the shared copies in ``visible`` (owner, gid); remember ``groups``. One transaction."""
        here = self.conn.execute("SELECT owner, gid FROM shared_items").fetchall()
        gone = [(o, g) for o, g in here if (o, g) not in visible]
        with self.store.transaction():
            self.conn.executemany("DELETE FROM shared_items WHERE owner = ? AND gid = ?", gone)
            self.conn.execute("INSERT INTO sync_state(key, value) VALUES ('groups', ?) "
                              "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [groups])
        return len(gone)

    def _apply_shared(self, row: dict[str, Any]) -> None:
        self.conn.execute(
            "INSERT INTO shared_items(owner, gid, kind, doc, data) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(owner, gid) DO UPDATE SET kind = excluded.kind, doc = excluded.doc, data = excluded.data",
            [row["owner"], row["gid"], row["kind"], row["doc"],
             json.dumps(row["data"] if alive(row["data"], row["stamps"]) else {"deleted": True})],
        )

    def _apply_own(self, row: dict[str, Any]) -> bool:
        kind, gid = row["kind"], row["gid"]
        if kind not in SYNC_TABLES:
            return False
        found = self.conn.execute("SELECT id, local_id, stamps, deleted FROM sync_rows WHERE gid = ?", [gid]).fetchone()
        local_stamps: dict[str, str] = json.loads(found[2]) if found else {}
        if found and all(local_stamps.get(f) == s for f, s in row["stamps"].items()):
            return False  # already here (our own push coming back, or a repeated pull)
        local_id: int | None = found[1] if found else None
        cur: dict[str, Any] = {}
        if local_id is not None:
            cur = self.current(kind, local_id)[1] or {}
        if found and found[3]:
            cur["deleted"] = True
        remote_data: dict[str, Any] = row["data"]
        merged = dict(remote_data)
        stamps = dict(local_stamps)
        won: set[str] = set()
        for f, rs in row["stamps"].items():
            ls = local_stamps.get(f)
            if ls is None or rs > ls:
                stamps[f] = rs
                won.add(f)
                if f == "note" and local_id is not None and cur.get("note") and cur.get("note") != remote_data.get("note"):
                    self._keep_version(gid, cur["note"], ls or "")
            elif rs < ls and f == "note" and remote_data.get("note") and remote_data.get("note") != cur.get("note"):
                self._keep_version(gid, _text(remote_data["note"]), rs)
        for f, v in cur.items():
            if f not in won:
                merged[f] = v
        if kind == "document" and found and local_id is not None and "taken" in row["stamps"]:
            # what another device took over adds to this file's, newer or older (never one of them lost); a union
            # larger than what came is stamped anew and pushed, so that device gets this one's too
            pulled = {str(k) for k in remote_data.get("taken") or []}
            before = self._taken_here(local_id)
            self._taken(local_id, "\n".join(sorted(pulled)))
            now = self._taken_here(local_id)
            if now - pulled:
                stamps["taken"] = self._new_stamp()
                won.discard("taken")
                self.conn.execute("UPDATE sync_rows SET dirty = dirty + 1, stamps = ? WHERE id = ?",
                                  [json.dumps(stamps), found[0]])
                if not won:
                    return True
            elif not won:
                return now != before
        if not won:
            return False
        was = self._correction(local_id) if kind == "correction" and local_id is not None else None
        live = alive(merged, stamps)
        if live and local_id is not None:
            self._write_fields(kind, local_id, {f: merged[f] for f in won if f in merged and f != "deleted"})
        elif live:
            local_id = self._insert(kind, gid, merged)
        elif local_id is not None:
            if kind in ("highlight", "review") and cur.get("note"):
                self._keep_version(gid, cur["note"], stamps.get("note", ""))
            self._delete(kind, local_id)
            local_id = None
        nkey = None
        if kind == "document" and isinstance(merged.get("meta"), dict):
            nkey = "document:" + str(merged["meta"].get("fingerprint"))
        if kind == "correction":
            self._follow(was, self._correction(local_id) if local_id is not None else None)
        if found:
            self.conn.execute("UPDATE sync_rows SET local_id = ?, stamps = ?, deleted = ?, nkey = coalesce(?, nkey) "
                              "WHERE id = ?", [local_id, json.dumps(stamps), int(not live), nkey, found[0]])
        else:
            self.conn.execute("INSERT INTO sync_rows(kind, local_id, gid, nkey, stamps, deleted, dirty) "
                              "VALUES (?, ?, ?, ?, ?, ?, 0)", [kind, local_id, gid, nkey, json.dumps(stamps), int(not live)])
        return True

    def _correction(self, local_id: int) -> Stored | None:
        from notes_db.corrections import stored

        return stored(self.store, local_id)

    def _follow(self, was: Stored | None, now: Stored | None) -> None:
        """A quote's correction came from another device: the library's row of that quote follows, and its
        document is told of (``corrected``: the open window lays the corrections over its analysis again)."""
        from notes_db.corrections import follow_in_library

        c = now or was
        if c is None or (was.state() if was else None) == (now.state() if now else None):
            return
        follow_in_library(self.store, was, now)
        self.corrected.add(c.doc_id)

    def _keep_version(self, gid: str, value: Any, stamp: str) -> None:
        self.conn.execute("INSERT OR IGNORE INTO note_versions(gid, field, value, stamp, kept) VALUES (?, 'note', ?, ?, ?)",
                          [gid, _text(value), stamp, _now()])
        self._versioned.add(gid)

    def _trim_versions(self) -> None:
        """Keep the newest KEEP_VERSIONS replaced texts of each note touched (as the server does)."""
        for gid in self._versioned:
            self.conn.execute(
                "DELETE FROM note_versions WHERE gid = ? AND field = 'note' AND stamp < (SELECT stamp FROM note_versions "
                "WHERE gid = ? AND field = 'note' ORDER BY stamp DESC LIMIT 1 OFFSET ?)", [gid, gid, KEEP_VERSIONS - 1])
        self._versioned = set()

    def _local_doc(self, doc_gid: str | None) -> int | None:
        """The local id of a document, by global id; a placeholder until the document itself arrives."""
        if not doc_gid:
            return None
        row = self.conn.execute("SELECT local_id FROM sync_rows WHERE kind = 'document' AND gid = ?", [doc_gid]).fetchone()
        if row and row[0] is not None:
            return int(row[0])
        now = _now()
        cur = self.conn.execute(
            "INSERT INTO documents(fingerprint, path, title, kind, chars, pages, position, created, opened) "
            "VALUES (?, '', '', '', 0, 0, 0, ?, '')", ["pending:" + doc_gid, now])
        doc_id = int(cur.lastrowid or 0)
        if row:
            self.conn.execute("UPDATE sync_rows SET local_id = ? WHERE kind = 'document' AND gid = ?", [doc_id, doc_gid])
        else:
            self.conn.execute("INSERT INTO sync_rows(kind, local_id, gid, stamps, dirty) VALUES ('document', ?, ?, '{}', 0)",
                              [doc_id, doc_gid])
        return doc_id

    def _columns(self, kind: str, fields: dict[str, Any]) -> dict[str, Any]:
        cols: dict[str, Any] = {}
        for f, v in fields.items():
            if kind == "document":
                if f == "meta" and isinstance(v, dict):
                    cols.update({k: v.get(k) for k in ("fingerprint", "title", "kind", "chars", "pages")})
                elif f == "position":
                    cols["position"] = int(v or 0)
                elif f == "repairs":
                    cols["restored_repairs"] = json.dumps(sorted(v or []))
                elif f == "share":
                    cols["share"] = v
                elif f == "author":
                    cols["author"] = str(v or "")
                elif f == "taken":  # (added to this file's: _taken)
                    cols["taken_over"] = "\n".join(sorted(str(k) for k in v or [] if str(k)[:1].isdigit()))
            elif kind == "highlight":
                if f == "anchor" and isinstance(v, dict):
                    cols.update({k: v.get(k) for k in ("start", "end", "exact", "prefix", "suffix", "page", "origin",
                                                       "created")})
                    cols["rects"] = json.dumps(v.get("rects") or [])
                    cols["doc_id"] = self._local_doc(v.get("doc"))
                elif f == "tags":
                    cols["tags_text"] = " ".join(v or [])
                elif f == "claim":
                    cols["claim_key"] = v
                elif f in ("color", "note", "share"):
                    cols[f] = v
                elif f == "style":  # (one a newer Reader knows and this one does not: a band)
                    cols["style"] = v if v in STYLES else "highlight"
                elif f == "author":
                    cols["author"] = str(v or "")
            elif kind == "review":
                if f == "meta" and isinstance(v, dict):
                    cols["doc_id"] = self._local_doc(v.get("doc"))
                    cols["key"] = v.get("key")
                elif f in ("status", "note", "source"):
                    cols[f] = v
                elif f == "claim" and isinstance(v, dict):
                    cols.update({"text": str(v.get("text") or ""), "kind": str(v.get("kind") or ""),
                                 "start": v.get("start"), "end": v.get("end")})
            elif kind == "search":
                if f == "meta" and isinstance(v, dict):
                    cols["name"] = v.get("name")
                elif f == "query":
                    cols["query"] = v
            elif kind == "correction":
                if f == "meta" and isinstance(v, dict):
                    found = v.get("found") if isinstance(v.get("found"), dict) else None
                    cols.update({"doc_id": self._local_doc(v.get("doc")), "start": v.get("start"), "end": v.get("end"),
                                 "text": str(v.get("text") or "")})
                    if found:  # (a device that does not know the analysis's reading never forgets this one's)
                        cols.update({"found_speaker": found.get("speaker"), "found_group": found.get("group"),
                                     "cue": found.get("cue"), "quote_kind": found.get("kind")})
                elif f == "fix" and isinstance(v, dict):
                    cols.update({"speaker": str(v.get("speaker") or ""), "dismissed": int(bool(v.get("dismissed"))),
                                 "updated": _now()})
        return cols

    def _write_fields(self, kind: str, local_id: int, fields: dict[str, Any]) -> None:
        cols = self._columns(kind, fields)
        if not cols:
            return
        table = SYNC_TABLES[kind]
        sets = ", ".join(f'"{c}" = ?' for c in cols)
        self.conn.execute(f"UPDATE {table} SET {sets} WHERE rowid = ?", [*cols.values(), local_id])
        if kind == "highlight" and "tags" in fields:
            self._relink_tags(local_id, list(fields["tags"] or []))
        if kind == "document" and "taken_over" in cols:
            self._taken(local_id, cols["taken_over"])

    def _taken(self, doc_id: int, listed: str) -> None:
        """The PDF's own annotations another device took over are taken over here too (never imported again: one
        deleted there stays deleted here), with those this file took over itself (m022)."""
        from notes_db.pdf_annotations import taken_in

        self.conn.execute("UPDATE documents SET taken_over = ? WHERE id = ?", [taken_in(self.conn, doc_id, listed), doc_id])

    def _taken_here(self, doc_id: int) -> set[str]:
        row = self.conn.execute("SELECT taken_over FROM documents WHERE id = ?", [doc_id]).fetchone()
        return {k for k in (row[0] if row else "").split("\n") if k}

    def _new_stamp(self) -> str:
        """A stamp later than any this file gave (its clock moved on), for a field merged here."""
        self.conn.execute(_CLOCK)
        return str(self.conn.execute(f"SELECT {_STAMP}").fetchone()[0])

    def _insert(self, kind: str, gid: str, data: dict[str, Any]) -> int | None:
        needed = {"document": "meta", "highlight": "anchor", "review": "meta", "search": "meta",
                  "correction": "meta"}[kind]
        if not isinstance(data.get(needed), dict):
            return None  # only a tombstone is known so far
        cols = self._columns(kind, {f: v for f, v in data.items() if f != "deleted"})
        table = SYNC_TABLES[kind]
        if kind == "document":
            existing = self.conn.execute("SELECT id FROM documents WHERE fingerprint = ?", [cols["fingerprint"]]).fetchone()
            if existing:
                self._write_fields(kind, int(existing[0]), data)
                return int(existing[0])
            cols.update({"path": "", "created": _now(), "opened": ""})
        if kind == "highlight":
            cols.setdefault("orphaned", 0)
            if cols.get("doc_id") is None:
                return None
        if kind == "review":
            self.conn.execute("DELETE FROM claim_reviews WHERE doc_id = ? AND key = ?", [cols.get("doc_id"), cols.get("key")])
        if kind == "search":
            self.conn.execute("DELETE FROM saved_searches WHERE name = ?", [cols.get("name")])
            cols["created"] = _now()
        if kind == "correction":
            if cols.get("doc_id") is None:
                return None
            place = [cols["doc_id"], cols.get("start"), cols.get("end")]
            # Another row of that quote (under another global id): it gives way, its local id freed for the new row.
            self.conn.execute(f"UPDATE sync_rows SET local_id = NULL, deleted = 1 WHERE kind = "
                              f"'correction' AND local_id IN (SELECT id FROM quote_corrections {_AT_PLACE})", place)
            self.conn.execute(f"DELETE FROM quote_corrections {_AT_PLACE}", place)
            cols.setdefault("updated", _now())
        names = ", ".join(f'"{c}"' for c in cols)
        cur = self.conn.execute(f"INSERT INTO {table}({names}) VALUES ({', '.join('?' * len(cols))})", list(cols.values()))
        new_id = int(cur.lastrowid or 0)
        if kind == "document" and cols.get("taken_over"):
            self._taken(new_id, cols["taken_over"])
        if kind == "highlight":
            self._relink_tags(new_id, list(data.get("tags") or []))
        return new_id

    def _delete(self, kind: str, local_id: int) -> None:
        table = SYNC_TABLES[kind]
        self.conn.execute(f"DELETE FROM {table} WHERE rowid = ?", [local_id])
        if kind == "highlight":
            self._tags_dropped = True

    def _relink_tags(self, hid: int, names: list[str]) -> None:
        if self.conn.execute("SELECT 1 FROM highlight_tags WHERE highlight_id = ? LIMIT 1", [hid]).fetchone():
            self.conn.execute("DELETE FROM highlight_tags WHERE highlight_id = ?", [hid])
            self._tags_dropped = True
        self.store.link_tags(hid, names)

    # -- what the GUI shows -----------------------------------------------------------

    def group_highlights(self, doc_id: int) -> list[GroupHighlight]:
        """Highlights others shared with this person's groups on this document, in reading order."""
        gid = self._doc_gid(doc_id)
        if gid is None:
            return []
        out: list[GroupHighlight] = []
        for owner, hgid, data_text in self.conn.execute(
                "SELECT owner, gid, data FROM shared_items WHERE doc = ? AND kind = 'highlight'", [gid]):
            data = json.loads(data_text)
            a = data.get("anchor")
            if data.get("deleted") or not isinstance(a, dict):
                continue
            out.append(GroupHighlight(owner, hgid, Highlight(
                id=0, doc_id=doc_id, start=int(a.get("start") or 0), end=int(a.get("end") or 0),
                exact=a.get("exact") or "", prefix=a.get("prefix") or "", suffix=a.get("suffix") or "",
                color=data.get("color") or "yellow", note=data.get("note") or "", tags=list(data.get("tags") or []),
                page=a.get("page"), rects=a.get("rects") or [], origin="group", created=a.get("created") or "",
                style=data.get("style") if data.get("style") in STYLES else "highlight")))
        out.sort(key=lambda g: (g.highlight.start, g.author))
        return out

    def group_claim_words(self, doc_id: int) -> dict[str, str]:
        """Claim key -> the claim's words, as the members' shared reviews of this document keep them."""
        gid = self._doc_gid(doc_id)
        if gid is None:
            return {}
        return {str(r["key"]): str(r["text"]) for r in self.all_group_reviews() if r["doc"] == gid and r["text"]}

    def group_reviews(self, doc_id: int) -> dict[str, list[tuple[str, str, str]]]:
        """Claim key -> [(author, status, note)] for reviews others shared on this document."""
        gid = self._doc_gid(doc_id)
        out: dict[str, list[tuple[str, str, str]]] = {}
        if gid is None:
            return out
        for owner, data_text in self.conn.execute(
                "SELECT owner, data FROM shared_items WHERE doc = ? AND kind = 'review' ORDER BY owner", [gid]):
            data = json.loads(data_text)
            meta = data.get("meta")
            if data.get("deleted") or not isinstance(meta, dict):
                continue
            out.setdefault(str(meta.get("key")), []).append((owner, data.get("status") or "unchecked", data.get("note") or ""))
        return out

    def all_group_reviews(self) -> list[dict[str, Any]]:
        """Every review others shared with this person's groups: author, doc (global id), key, status, note,
        text, kind, start, end, and the document's title as its owner has it."""
        titles: dict[str, str] = {}
        out: list[dict[str, Any]] = []
        for owner, gid, kind, doc, data_text in self.conn.execute(
                "SELECT owner, gid, kind, doc, data FROM shared_items WHERE kind IN ('document', 'review') "
                "ORDER BY kind, owner"):
            data = json.loads(data_text)
            meta = data.get("meta")
            if data.get("deleted") or not isinstance(meta, dict):
                continue
            if kind == "document":
                titles[gid] = str(meta.get("title") or "")
                continue
            claim = data.get("claim") if isinstance(data.get("claim"), dict) else {}
            out.append({"author": owner, "doc": doc, "key": str(meta.get("key")),
                        "status": data.get("status") or "unchecked", "note": data.get("note") or "",
                        "text": claim.get("text") or "", "kind": claim.get("kind") or "",
                        "start": claim.get("start"), "end": claim.get("end")})
        for r in out:
            r["title"] = titles.get(str(r["doc"]), "")
        return out

    def versions(self, highlight_id: int) -> list[tuple[str, str]]:
        """Earlier note texts of a highlight that lost a conflict: (stamp, text), oldest first."""
        row = self.conn.execute("SELECT gid FROM sync_rows WHERE kind = 'highlight' AND local_id = ?",
                                [highlight_id]).fetchone()
        if not row:
            return []
        return [(s, v) for s, v in self.conn.execute(
            "SELECT stamp, value FROM note_versions WHERE gid = ? AND field = 'note' ORDER BY stamp", [row[0]])]


_AT_PLACE = 'WHERE doc_id = ? AND start = ? AND "end" = ?'


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def stamp_date(stamp: str) -> str:
    t = stamp_time(stamp)
    return datetime.fromtimestamp(t / 1000, UTC).isoformat(timespec="seconds") if t else ""


def with_group_reviews(store: NotesDB, items: list[ReviewedClaim]) -> list[ReviewedClaim]:
    """The claim ledger with each group member's review: on the claims you reviewed too
    (``ReviewedClaim.group``), and as rows of their own (status "") for claims only they reviewed."""
    from notes_db.reviews import ReviewedClaim

    theirs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in Replica(store).all_group_reviews():
        theirs.setdefault((str(r["doc"]), r["key"]), []).append(r)
    if not theirs:
        return items
    for item in items:
        found = theirs.pop((derived_gid("document:" + item.fingerprint), item.key), [])
        item.group = [(r["author"], r["status"], r["note"]) for r in found]
    local = {str(r["gid"]): r for r in store.read_rows(
        "SELECT s.gid AS gid, d.id AS id, d.title AS title, d.path AS path, d.fingerprint AS fingerprint "
        "FROM sync_rows s JOIN documents d ON d.id = s.local_id WHERE s.kind = 'document' AND s.gid IS NOT NULL")}
    extra: list[ReviewedClaim] = []
    for (doc, key), found in theirs.items():
        first = found[0]
        here = local.get(doc)
        extra.append(ReviewedClaim(
            doc_id=int(here["id"]) if here else -1, doc_title=(here["title"] if here else "") or first["title"],
            doc_path=(here["path"] if here else "") or "", fingerprint=(here["fingerprint"] if here else "") or "",
            key=key, text=next((r["text"] for r in found if r["text"]), ""), kind=first["kind"], status="",
            note="", source="", updated="", start=first["start"], end=first["end"],
            group=[(r["author"], r["status"], r["note"]) for r in found]))
    extra.sort(key=lambda r: (r.doc_title, r.start or 0, r.key))
    return items + extra
