"""Helpers shared by the sync tests and benchmarks/sync.py: a fresh server database, people, and a dump of a notes file."""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path
from typing import Any

from notes_db.store import NotesDB
from notes_db.sync.server import add_user, init_server
from tests.pg_server import PgServer

_counter = itertools.count(1)


class Site:
    """One sync database on the test server, with people (roles) on it."""

    def __init__(self, pg: PgServer) -> None:
        self.pg = pg
        n = next(_counter)
        self.tag = f"{os.getpid()}_{n}"
        self.admin_url = pg.create_database(f"sync_{self.tag}")
        init_server(self.admin_url)

    def person(self, name: str) -> str:
        """Create a login role for ``name`` (unique to this site) and return its URL."""
        role = f"{name}_{self.tag}"
        password = f"pw-{role}"
        add_user(self.admin_url, role, password)
        return self.pg.url(f"sync_{self.tag}", role, password)


def role_of(url: str) -> str:
    return url.split("://", 1)[1].split(":", 1)[0]


def dump(store: NotesDB) -> dict[str, Any]:
    """What a person has, by global id and content hash (not local ids), to compare two notes files."""
    conn = store.db.conn
    docs = {
        fp: (title, kind, position, json.loads(repairs or "[]"), share)
        for fp, title, kind, position, repairs, share in conn.execute(
            "SELECT fingerprint, title, kind, position, restored_repairs, share FROM documents "
            "WHERE fingerprint NOT LIKE 'pending:%'")
    }
    highlights = {}
    for gid, hid, fp, start, end, exact, color, note, share, claim, style in conn.execute(
            "SELECT s.gid, h.id, d.fingerprint, h.start, h.end, h.exact, h.color, h.note, h.share, h.claim_key, h.style "
            "FROM highlights h JOIN documents d ON d.id = h.doc_id "
            "JOIN sync_rows s ON s.kind = 'highlight' AND s.local_id = h.id"):
        tags = sorted(t for (t,) in conn.execute(
            "SELECT t.name FROM highlight_tags ht JOIN tags t ON t.id = ht.tag_id WHERE ht.highlight_id = ?", [hid]))
        highlights[gid] = (fp, start, end, exact, color, note, tags, share, claim, style)
    reviews = {
        (fp, key): (status, note, source)
        for fp, key, status, note, source in conn.execute(
            "SELECT d.fingerprint, r.key, r.status, r.note, r.source FROM claim_reviews r JOIN documents d ON d.id = r.doc_id")
    }
    searches = dict(conn.execute("SELECT name, query FROM saved_searches").fetchall())
    n_highlights = conn.execute("SELECT COUNT(*) FROM highlights").fetchone()[0]
    assert n_highlights == len(highlights), "a highlight without a global id"
    return {"documents": docs, "highlights": highlights, "reviews": reviews, "searches": searches}


def notes(path: Path) -> NotesDB:
    return NotesDB(path)
