"""Search every highlight, note and tag: a forgiving query language over FTS5.

    plain words          all must match (accents ignored)
    "exact phrase"       words in this order
    prefix*              words starting with prefix
    a OR b               either
    -word, -"phrase"     must not match
    tag:name  tag:"two words"  color:red  doc:title-word  kind:claim|quote|note|imported
    status:disputed      claims you reviewed with that status
    before:2026-01-31  after:2025-12-01

Any input is safe: whatever the person types is parsed into our own structure
and every word reaches FTS5 quoted, so unbalanced quotes, stray operators and
SQL never become errors. ``related=True`` searches the porter-stemmed index
("related words", as calibre does).
"""

from __future__ import annotations

import logging
import re
import sqlite3
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from notes_db.records import Highlight
    from notes_db.store import NotesDB

log = logging.getLogger("notes_db.search")

FIELDS = ("tag", "color", "doc", "kind", "status", "before", "after")
#: Above this many matches, relevance is ranked among the most recent matches
#: only: bm25 over half a million rows costs half a second and ranks nothing useful.
RANK_WINDOW = 4000
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"


@dataclass
class Term:
    text: str
    phrase: bool = False
    prefix: bool = False

    def fts(self) -> str:
        body = '"' + self.text.replace('"', '""') + '"'
        return body + "*" if self.prefix else body


@dataclass
class Query:
    groups: list[list[Term]] = field(default_factory=list)  # AND of OR-groups
    excluded: list[Term] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    colors: list[str] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    before: str | None = None
    after: str | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.groups or self.excluded or self.tags or self.colors or self.docs or self.kinds
                    or self.statuses or self.before or self.after)

    def match(self) -> str | None:
        """The FTS5 MATCH expression for the positive terms (None: filters only)."""
        if not self.groups:
            return None
        parts = []
        for g in self.groups:
            ors = [t.fts() for t in g]
            parts.append(ors[0] if len(ors) == 1 else "(" + " OR ".join(ors) + ")")
        return " AND ".join(parts)

    def words(self) -> list[str]:
        """Plain words to emphasise in results."""
        return [w for g in self.groups for t in g for w in re.findall(r"\w+", t.text)]


# One token: an optional minus, an optional field name, then a quoted phrase
# (closed by the end of the input if need be) or a bare word.
_TOKEN = re.compile(r'(?P<neg>-)?(?:(?P<field>[A-Za-z]+):)?(?:"(?P<phrase>[^"]*)(?:"|$)|(?P<bare>[^\s"]+))')
_DATE = re.compile(r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$")
_FIELD_ATTR = {"tag": "tags", "color": "colors", "doc": "docs", "kind": "kinds", "status": "statuses"}


def parse(text: str) -> Query:
    q = Query()
    pending_or = False
    for m in _TOKEN.finditer(text):
        neg = bool(m.group("neg"))
        name = (m.group("field") or "").lower()
        phrase = m.group("phrase")
        tok = phrase if phrase is not None else (m.group("bare") or "")
        if name and name not in FIELDS:  # "http://x" or "note:": the colon was just text
            tok, name = f"{m.group('field')}:{tok}", ""
        if not name and phrase is None and tok == "OR":
            pending_or = bool(q.groups)
            continue
        if name:
            value = tok.strip()
            if not value:
                continue
            if name in ("before", "after"):
                if _DATE.match(value):
                    setattr(q, name, value)
                else:
                    q.problems.append(f"{name}: wants a date like 2026-01-31")
            else:
                getattr(q, _FIELD_ATTR[name]).append(value)
            continue
        words = re.findall(r"\w+", tok)
        if not words:
            continue  # stray operators and punctuation match nothing, and break nothing
        prefix = phrase is None and tok.endswith("*") and len(words) == 1
        term = Term(" ".join(words), phrase=phrase is not None or len(words) > 1, prefix=prefix)
        if neg:
            q.excluded.append(term)
        elif pending_or:
            q.groups[-1].append(term)
        else:
            q.groups.append([term])
        pending_or = False
    return q


@dataclass
class Hit:
    highlight: Highlight
    doc_title: str
    doc_path: str
    rank: float
    passage: str  # with MARK_OPEN/MARK_CLOSE around matched words
    note: str

    def to_json(self) -> dict[str, Any]:
        data = self.highlight.to_json()
        data.update({"document": self.doc_title, "path": self.doc_path, "rank": self.rank,
                     "passage": self.passage.replace(MARK_OPEN, "[").replace(MARK_CLOSE, "]")})
        return data


@dataclass
class Results:
    hits: list[Hit]
    query: Query
    total: int | None  # None when not counted (large result sets)
    elapsed_ms: float
    windowed: bool = False


def search(store: NotesDB, text: str, *, limit: int = 50, order: str = "relevance", related: bool = False) -> Results:
    """Run a query; never raises for what the person typed."""
    t0 = time.perf_counter()
    q = parse(text)
    if q.empty:
        return Results([], q, 0, 0.0)
    table = "highlights_stem" if related else "highlights_fts"
    match = q.match()
    where: list[str] = []
    params: list[Any] = []
    if q.excluded:
        neg = " OR ".join(t.fts() for t in q.excluded)
        where.append(f"h.id NOT IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)")
        params.append(neg)
    for tag in q.tags:
        where.append("h.id IN (SELECT ht.highlight_id FROM highlight_tags ht JOIN tags t ON t.id = ht.tag_id "
                     "WHERE t.name = ? COLLATE NOCASE)")
        params.append(tag)
    if q.colors:
        where.append(f"h.color IN ({','.join('?' * len(q.colors))})")
        params += [c.lower() for c in q.colors]
    for d in q.docs:
        where.append("h.doc_id IN (SELECT id FROM documents WHERE title LIKE ? OR path LIKE ?)")
        params += [f"%{d}%", f"%{d}%"]
    for k in (k.lower() for k in q.kinds):
        if k in ("claim", "quote"):
            where.append("(h.origin = ? OR h.id IN (SELECT ht.highlight_id FROM highlight_tags ht JOIN tags t "
                         "ON t.id = ht.tag_id WHERE t.name = ? COLLATE NOCASE))")
            params += [k, k]
        elif k == "note":
            where.append("h.note != ''")
        else:
            where.append("h.origin = ?")
            params.append(k)
    for st in (s.lower() for s in q.statuses):
        where.append("h.claim_key IN (SELECT key FROM claim_reviews r WHERE r.doc_id = h.doc_id AND r.status = ?)")
        params.append(st)
    if q.before:
        where.append("h.created < ?")
        params.append(q.before)
    if q.after:
        where.append("h.created >= ?")
        params.append(q.after)
    filters = (" AND " + " AND ".join(where)) if where else ""
    rows: list[tuple[int, float]] = []
    windowed = False
    try:
        if match is None:
            sql = f"SELECT h.id, 0.0 FROM highlights h WHERE 1{filters} ORDER BY h.created DESC LIMIT ?"
            rows = list(store.db.execute(sql, [*params, limit]).fetchall())
        elif order == "date":
            sql = (f"SELECT f.rowid, 0.0 FROM {table} f JOIN highlights h ON h.id = f.rowid "
                   f"WHERE {table} MATCH ?{filters} ORDER BY f.rowid DESC LIMIT ?")
            rows = list(store.db.execute(sql, [match, *params, limit]).fetchall())
        else:
            windowed = not filters and _many_matches(store, table, q)
            if windowed:
                # Rank the most recent matches only (rowid order is free in FTS5).
                sql = (f"SELECT rowid, rank FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC LIMIT ?")
                cand = store.db.execute(sql, [match, RANK_WINDOW]).fetchall()
                rows = sorted(cand, key=lambda r: r[1])[:limit]
            else:
                sql = (f"SELECT f.rowid, f.rank FROM {table} f JOIN highlights h ON h.id = f.rowid "
                       f"WHERE {table} MATCH ?{filters} ORDER BY f.rank LIMIT ?")
                rows = list(store.db.execute(sql, [match, *params, limit]).fetchall())
    except sqlite3.OperationalError as exc:  # should not happen: every term is quoted
        log.warning("search %r failed: %s", text, exc)
        q.problems.append("That search could not be run.")
        rows = []
    hits = _hits(store, table, rows, match)
    return Results(hits, q, None, (time.perf_counter() - t0) * 1000, windowed)


def _many_matches(store: NotesDB, table: str, q: Query) -> bool:
    """Cheap estimate from the index's vocabulary: does any AND-group match a lot?"""
    vocab = f"{table}_vocab"
    try:
        smallest = None
        for g in q.groups:
            n = 0
            for t in g:
                first = re.findall(r"\w+", t.text.lower())
                if not first:
                    continue
                w = first[0]
                if t.prefix:
                    row = store.db.execute(f"SELECT SUM(doc) FROM {vocab} WHERE term >= ? AND term < ?",
                                           [w, w + "\uffff"]).fetchone()
                else:
                    row = store.db.execute(f"SELECT doc FROM {vocab} WHERE term = ?", [w]).fetchone()
                n += (row[0] or 0) if row else 0
            smallest = n if smallest is None else min(smallest, n)
        return (smallest or 0) > RANK_WINDOW * 5
    except sqlite3.OperationalError:
        return False


def _hits(store: NotesDB, table: str, rows: list[tuple[int, float]], match: str | None) -> list[Hit]:
    if not rows:
        return []
    ids = [r[0] for r in rows]
    rank = {r[0]: r[1] for r in rows}
    marks = ",".join("?" * len(ids))
    found = {h.id: h for h in store._highlights(store._read(f"SELECT * FROM highlights WHERE id IN ({marks})", ids))}
    docs = {r["id"]: r for r in store._read(
        f"SELECT id, title, path FROM documents WHERE id IN (SELECT doc_id FROM highlights WHERE id IN ({marks}))", ids)}
    marked: dict[int, tuple[str, str]] = {}
    if match is not None:
        for r in store._read(
            f"SELECT rowid AS id, highlight({table}, 0, ?, ?) AS p, highlight({table}, 1, ?, ?) AS n FROM {table} "
            f"WHERE {table} MATCH ? AND rowid IN ({marks})",
            [MARK_OPEN, MARK_CLOSE, MARK_OPEN, MARK_CLOSE, match, *ids],
        ):
            marked[r["id"]] = (r["p"] or "", r["n"] or "")
    out = []
    for i in ids:
        h = found.get(i)
        if h is None:
            continue
        d = docs.get(h.doc_id, {"title": "", "path": ""})
        p, n = marked.get(i, (h.exact, h.note))
        out.append(Hit(h, d["title"], d["path"], rank[i], p, n))
    return out
