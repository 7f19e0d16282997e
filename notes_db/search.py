"""Search every highlight, note and tag: a forgiving query language over FTS5.

    plain words          all must match (accents ignored)
    "exact phrase"       words in this order
    prefix*              words starting with prefix
    a OR b               either
    a AND b              both (the same as a b: all words must match)
    -word, -"phrase"     must not match (also NOT word, NOT tag:x: FTS5's and Zotero's way)
    a OR NOT b, a OR -b  a, or else anything without b (Zotero's "Match any" with "does not contain")
    tag:name  tag:"two words"  color:red  style:underline  doc:title-word  kind:claim|quote|note|imported
    author:Bob           an imported annotation's author (part of the name)
    status:disputed      claims you reviewed with that status
    before:2026-01-31  after:2025-12-01
    -tag:x  -color:red  -status:false  -before:2026-01-01 ...   a field with a minus excludes

OR joins the two things on either side of it, whatever they are (words,
phrases, fields, dates), and binds tighter than the spaces between the rest,
which all must match: ``tag:a OR before:2026-01-01 kind:note`` finds notes
that are tagged a or older than 2026. A NOT (or minus) on either side of an OR
negates only its own side: ``a OR NOT b`` is the highlights with a together with
all those without b. FTS5 cannot say that in one MATCH (its NOT only subtracts),
so each side is a condition of its own and the OR is their union.

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
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from notes_db.folding import fold as _fold
from notes_db.records import CLAIM_STATUSES, COLORS, STYLES
from notes_db.search_help import HELP as HELP

if TYPE_CHECKING:
    from notes_db.records import Highlight
    from notes_db.store import NotesDB

log = logging.getLogger("notes_db.search")

FIELDS = ("tag", "color", "doc", "kind", "status", "before", "after", "speaker", "style", "author")

#: Relevance is bm25 over the most recent RANK_WINDOW matches. A word with fewer
#: matches is ranked exactly (all its matches are in the window); a word in half
#: a million notes is not ranked over all of them, which would cost half a
#: second and order nothing a person could tell apart.
RANK_WINDOW = 1500
#: For such common queries, how many of the newest matches are scored (in Python).
COMMON_SCORED = 400
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"


@dataclass
class Term:
    text: str
    phrase: bool = False
    prefix: bool = False

    def fts(self) -> str:
        body = '"' + self.text.replace('"', '""') + '"'
        return body + "*" if self.prefix else body


@dataclass(frozen=True)
class Not:
    """One side of an OR that must not match (``a OR NOT b``, ``a OR -tag:x``)."""

    alt: Term | tuple[str, str]


@dataclass
class Query:
    groups: list[list[Term]] = field(default_factory=list)  # AND of OR-groups
    #: OR-groups that join a field with words or another field ("tag:x OR word"), or something negated
    #: with anything ("a OR NOT b"): each alternative is a Term, a (field, value) pair, or a Not of one.
    either: list[list[Term | tuple[str, str] | Not]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)
    #: Fields with a minus (``-tag:x``, ``-color:red``, ``-before:2026-01-01``): none may hold.
    excluded_fields: list[tuple[str, str]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    colors: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)  # style:underline (notes_db.records.STYLES)
    docs: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)  # speaker:"Xi Jinping" (quotes by a person)
    authors: list[str] = field(default_factory=list)  # author:Bob (an imported annotation's author)
    before: str | None = None
    after: str | None = None
    problems: list[str] = field(default_factory=list)
    #: Problems that make the search mean something else than asked (a date that
    #: does not exist): the CLI refuses such a query; also in ``problems``.
    rejected: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.groups or self.either or self.excluded or self.tags or self.colors or self.styles or self.docs
                    or self.kinds
                    or self.statuses or self.before or self.after or self.speakers or self.authors
                    or self.excluded_fields)

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
        terms = [t for g in self.groups for t in g] + [t for g in self.either for t in g if isinstance(t, Term)]
        return [w for t in terms for w in re.findall(r"\w+", t.text)]


# One token: an optional minus, an optional field name, then a quoted phrase
# (closed by the end of the input if need be) or a bare word.
_TOKEN = re.compile(r'(?P<neg>-)?(?:(?P<field>[A-Za-z]+):)?(?:"(?P<phrase>[^"]*)(?:"|$)|(?P<bare>[^\s"]+))')
_DATE = re.compile(r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$")
_FIELD_ATTR = {"tag": "tags", "color": "colors", "doc": "docs", "kind": "kinds", "status": "statuses",
               "speaker": "speakers", "style": "styles", "author": "authors"}


#: kind: values (see _field_condition): claim, quote, note, and the origins of highlights.
KINDS = ("claim", "quote", "note", "user", "imported", "group")
_CHOICES = {"color": COLORS, "status": CLAIM_STATUSES, "kind": KINDS, "style": STYLES}


def _real_date(value: str) -> bool:
    """2026-01-31 or 2026-01 or 2026, and a day that exists (not 2026-13-45)."""
    if not _DATE.match(value):
        return False
    from datetime import date

    parts = [int(x) for x in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def _join_either(q: Query, last: tuple[str, Any], new: Term | tuple[str, str] | Not) -> tuple[str, Any]:
    """``last OR new`` where a field or a NOT is involved: both go into one of ``q.either``."""
    if last[0] == "either":
        q.either[last[1]].append(new)
        return last
    first: list[Term | tuple[str, str] | Not]
    if last[0] == "group":
        group = q.groups.pop(last[1])
        first = list(group)
    elif last[0] == "excluded":  # NOT a OR b: taken back from what must not match
        first = [Not(q.excluded.pop())]
    elif last[0] == "excluded_field":
        first = [Not(q.excluded_fields.pop())]
    elif last[0] == "date":  # a date, taken back from the filters: what it replaced comes back
        name, value, replaced = last[1]
        setattr(q, name, replaced)
        first = [(name, value)]
    else:  # a field value, taken back from its AND list
        name, value = last[1]
        getattr(q, _FIELD_ATTR[name]).pop()
        first = [(name, value)]
    q.either.append([*first, new])
    return ("either", len(q.either) - 1)


def parse(text: str) -> Query:
    q = Query()
    pending_or = False
    # the last item: ("group", i), ("field", (n, v)), ("date", (n, v, replaced)), ("either", i), and the
    # last negated one, when it is the last item: ("excluded", None), ("excluded_field", None)
    last: tuple[str, Any] | None = None
    pending_not = False  # "NOT rhetoric" is -rhetoric (it searched the word "not")
    for m in _TOKEN.finditer(text):
        neg = bool(m.group("neg")) or pending_not
        pending_not = False
        name = (m.group("field") or "").lower()
        phrase = m.group("phrase")
        tok = phrase if phrase is not None else (m.group("bare") or "")
        if name and name not in FIELDS:  # "http://x" or "note:": the colon was just text
            tok, name = f"{m.group('field')}:{tok}", ""
        if not name and phrase is None and tok == "OR":
            pending_or = last is not None
            continue
        if not name and phrase is None and tok == "NOT" and not neg:
            pending_not = True
            continue
        if not name and phrase is None and tok == "AND" and not neg:
            continue  # what every other word already is (tryout s15: it was searched as a word, dropping results)
        if name:
            value = tok.strip()
            if not value:
                continue
            if name in _CHOICES and value.lower() not in _CHOICES[name]:  # still asked for, and why it finds nothing
                q.problems.append(f"{name}:{value} matches nothing; use one of {', '.join(_CHOICES[name])}.")
            if name in ("before", "after"):
                if not _real_date(value):
                    problem = f"{name}:{value} is not a date; write it like {name}:2026-01-31"
                    q.problems.append(problem)
                    q.rejected.append(problem)
                    pending_or = False
                    continue
                value = "-".join(x.zfill(2) for x in value.split("-"))
            if neg and pending_or and last is not None:
                last = _join_either(q, last, Not((name, value)))
            elif neg:
                q.excluded_fields.append((name, value))
                last = ("excluded_field", None)
            elif pending_or and last is not None:
                last = _join_either(q, last, (name, value))
            elif name in ("before", "after"):
                last = ("date", (name, value, getattr(q, name)))
                setattr(q, name, value)
            else:
                getattr(q, _FIELD_ATTR[name]).append(value)
                last = ("field", (name, value))
            pending_or = False
            continue
        words = re.findall(r"\w+", tok)
        if not words:
            continue  # stray operators and punctuation match nothing, and break nothing
        prefix = phrase is None and tok.endswith("*") and len(words) == 1
        term = Term(" ".join(words), phrase=phrase is not None or len(words) > 1, prefix=prefix)
        if neg and pending_or and last is not None:
            last = _join_either(q, last, Not(term))
        elif neg:
            q.excluded.append(term)
            last = ("excluded", None)
        elif pending_or and last is not None and last[0] == "group":
            q.groups[last[1]].append(term)
        elif pending_or and last is not None:
            last = _join_either(q, last, term)
        else:
            q.groups.append([term])
            last = ("group", len(q.groups) - 1)
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
    elapsed_ms: float
    windowed: bool = False
    #: Reviewed claims and quotes found without a highlight on them (notes_db.reviews).
    reviews: list[Any] = field(default_factory=list)
    quotes: list[Any] = field(default_factory=list)


def search(store: NotesDB, text: str, *, limit: int = 50, order: str = "relevance", related: bool = False) -> Results:
    """Run a query; never raises for what the person typed."""
    t0 = time.perf_counter()
    q = parse(text)
    if q.empty:
        return Results([], q, 0.0)
    table = "highlights_stem" if related else "highlights_fts"
    match = q.match()
    where: list[str] = []
    params: list[Any] = []
    if q.excluded:
        neg = " OR ".join(t.fts() for t in q.excluded)
        where.append(f"h.id NOT IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)")
        params.append(neg)
    if q.colors:
        where.append(f"h.color IN ({','.join('?' * len(q.colors))})")
        params += [c.lower() for c in q.colors]
    for name in ("tag", "doc", "kind", "status", "speaker", "style", "author"):
        for value in getattr(q, _FIELD_ATTR[name]):
            cond, values = _field_condition(name, value)
            where.append(cond)
            params += values
    for name, value in q.excluded_fields:  # NULL-safe: a highlight without the field is kept
        cond, values = _field_condition(name, value)
        where.append(f"NOT coalesce({cond}, 0)")
        params += values
    for alternatives in q.either:
        conds = []
        for either in alternatives:
            alt = either.alt if isinstance(either, Not) else either
            if isinstance(alt, Term):
                cond, values = f"h.id IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)", [alt.fts()]
            else:
                cond, values = _field_condition(*alt)
            conds.append(f"NOT coalesce({cond}, 0)" if isinstance(either, Not) else cond)  # NULL-safe, as above
            params += values
        where.append("(" + " OR ".join(conds) + ")")
    if q.before:
        where.append("h.created < ?")
        params.append(q.before)
    if q.after:
        where.append("h.created >= ?")
        params.append(q.after)
    filters = (" AND " + " AND ".join(where)) if where else ""
    rows: list[tuple[int, float]] = []
    read: dict[int, dict[str, Any]] = {}  # highlights rows already read, by id
    windowed = False
    try:
        if match is None:
            sql = f"SELECT h.id, 0.0 FROM highlights h WHERE 1{filters} ORDER BY h.created DESC LIMIT ?"
            rows = list(store.db.execute(sql, [*params, limit]).fetchall())
        elif order == "date":
            source, on_index = _over_index(table, filters)
            sql = f"SELECT f.rowid, 0.0 FROM {source} WHERE {table} MATCH ?{on_index} ORDER BY f.rowid DESC LIMIT ?"
            rows = list(store.db.execute(sql, [match, *params, limit]).fetchall())
        else:
            # Iterating matches in rowid order is cheap in FTS5; bm25 is not (it
            # counts every match of every phrase first). Rare queries get exact
            # bm25; for very common ones the newest matches are scored here.
            source, on_index = _over_index(table, filters)
            sql = f"SELECT f.rowid FROM {source} WHERE {table} MATCH ?{on_index} ORDER BY f.rowid DESC LIMIT ?"
            # the window holds at least as many matches as were asked for (a --limit of 1,000 gets 1,000)
            window = max(RANK_WINDOW, limit)
            cand = [r[0] for r in store.db.execute(sql, [match, *params, window]).fetchall()]
            windowed = len(cand) >= window
            if not cand:
                rows = []
            elif len(cand) <= limit:
                # Every match is shown: order these few here rather than ask
                # FTS5 to count every match again for bm25 (their rows are read once, for both)
                read = _rows_by_id(store, cand)
                rows = _score_common(store, cand, q, read)
            elif not windowed and not filters:
                # "+rank": SQLite sorts, FTS5 does not. Asked to ORDER BY rank itself, FTS5 ranks every
                # match in a statement of its own and then, for the rank column read here, counts every
                # match of every phrase a second time (bm25's statistics are kept per cursor): twice
                # bare FTS5's time. Ties as FTS5's own sort leaves them: the older first.
                sql = f"SELECT rowid, rank FROM {table} WHERE {table} MATCH ? ORDER BY +rank, rowid LIMIT ?"
                rows = list(store.db.execute(sql, [match, limit]).fetchall())
            else:  # filtered (bm25 would rescan every match of the words) or very common
                rows = _score_common(store, cand[:max(COMMON_SCORED, limit)], q)[:limit]
    except sqlite3.OperationalError as exc:  # should not happen: every term is quoted
        log.warning("search %r failed: %s", text, exc)
        q.problems.append("That search could not be run.")
        rows = []
    hits = _hits(store, table, rows, match, q, read)
    from notes_db.reviews import search_quotes, search_reviews

    reviews = search_reviews(store, q, {(h.highlight.doc_id, h.highlight.claim_key or "") for h in hits}, limit)
    quotes = search_quotes(store, q, {(h.highlight.doc_id, h.highlight.start, h.highlight.end) for h in hits}, limit)
    return Results(hits, q, (time.perf_counter() - t0) * 1000, windowed, reviews, quotes)


def _over_index(table: str, filters: str) -> tuple[str, str]:
    """The FROM clause of a walk over the index's matches, and the filters as they apply there.

    The highlights table is joined only when a filter needs more of a highlight
    than its id: looking every match up there costs a page read each (a tag and a
    word in 40,000 notes: 90 ms), while a tag filter or an excluded word needs only
    the rowid. The rowid is written ``+f.rowid`` so that SQLite checks it
    against the filter's list as the matches go by rather than handing the list to
    FTS5, which would run the whole MATCH once per listed id.
    """
    if not filters:
        return f"{table} f", ""
    if set(re.findall(r"\bh\.(\w+)", filters)) <= {"id"}:
        return f"{table} f", re.sub(r"\bh\.id\b", "+f.rowid", filters)
    return f"{table} f JOIN highlights h ON h.id = f.rowid", filters


def _field_condition(name: str, value: str) -> tuple[str, list[Any]]:
    """The SQL condition on highlight ``h`` for one ``field:value`` of a query, and its parameters."""
    if name in ("before", "after"):
        return ("h.created < ?" if name == "before" else "h.created >= ?"), [value]
    if name == "tag":
        return ("h.id IN (SELECT ht.highlight_id FROM highlight_tags ht JOIN tags t ON t.id = ht.tag_id "
                "WHERE t.name = ? COLLATE NOCASE)", [value])
    if name == "color":
        return "h.color = ?", [value.lower()]
    if name == "style":  # (a line, not a band: the partial index of the few such, m024)
        style = value.lower()
        return ("h.style = ?", [style]) if style == "highlight" else ("(h.style != 'highlight' AND h.style = ?)", [style])
    if name == "author":  # (part of the name will do: author:bob finds "Bob Smith"; m024's index of the few with one)
        return "(h.author != '' AND h.author LIKE ?)", [f"%{value}%"]
    if name == "doc":
        return "h.doc_id IN (SELECT id FROM documents WHERE title LIKE ? OR path LIKE ?)", [f"%{value}%"] * 2
    if name == "kind":
        k = value.lower()
        if k in ("claim", "quote"):
            return ("(h.origin = ? OR h.id IN (SELECT ht.highlight_id FROM highlight_tags ht JOIN tags t "
                    "ON t.id = ht.tag_id WHERE t.name = ? COLLATE NOCASE))", [k, k])
        if k == "note":
            return "h.note != ''", []
        return "h.origin = ?", [k]
    if name == "status":
        return ("h.claim_key IN (SELECT key FROM claim_reviews r WHERE r.doc_id = h.doc_id AND r.status = ?)",
                [value.lower()])
    # speaker: a quote highlighted from the panel is tagged "quote" and its speaker
    return ("(h.id IN (SELECT ht.highlight_id FROM highlight_tags ht JOIN tags t ON t.id = ht.tag_id "
            "WHERE t.name LIKE ?) AND (h.origin = 'quote' OR h.id IN (SELECT ht.highlight_id FROM "
            "highlight_tags ht JOIN tags t ON t.id = ht.tag_id WHERE t.name = 'quote' COLLATE NOCASE)))",
            [f"%{value}%"])


def _rows_by_id(store: NotesDB, ids: list[int]) -> dict[int, dict[str, Any]]:
    """The ``highlights`` rows of these ids (those that are there), by id."""
    if not ids:
        return {}
    return {r["id"]: r for r in store.read_rows(f"SELECT * FROM highlights WHERE id IN ({','.join('?' * len(ids))})", ids)}


def _score_common(store: NotesDB, ids: list[int], q: Query,
                  read: dict[int, dict[str, Any]] | None = None) -> list[tuple[int, float]]:
    """BM25-style score (term frequency with saturation and length
    normalisation; the passage counts double) for a query too common for FTS5's
    bm25. Lower is better, as with FTS5's rank. ``read``: the rows, when they were read already."""
    words = [_fold(w) for w in q.words()] or [""]
    rx = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) + r")", re.I)
    if read is not None:
        rows = [(i, r["exact"], r["note"], r["tags_text"]) for i, r in read.items()]
    else:
        marks = ",".join("?" * len(ids))
        rows = store.db.execute(f"SELECT id, exact, note, tags_text FROM highlights WHERE id IN ({marks})", ids).fetchall()
    scored = []
    for hid, exact, note, tags in rows:
        score = 0.0
        for text, weight in ((exact or "", 2.0), (note or "", 1.0), (tags or "", 1.0)):
            if not text:
                continue
            tf = len(rx.findall(_fold(text)))
            length = max(1, text.count(" ") + 1) / 30
            score += weight * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length)) if tf else 0.0
        scored.append((hid, -score - hid * 1e-12))  # ties: newer first
    return sorted(scored, key=lambda r: r[1])


def _hits(store: NotesDB, table: str, rows: list[tuple[int, float]], match: str | None, q: Query,
          read: dict[int, dict[str, Any]] | None = None) -> list[Hit]:
    if not rows:
        return []
    ids = [r[0] for r in rows]
    rank = {r[0]: r[1] for r in rows}
    known = read or {}
    rows_read = [known[i] for i in ids if i in known]
    rows_read += _rows_by_id(store, [i for i in ids if i not in known]).values()
    found = {h.id: h for h in store.highlights_from_rows(rows_read)}
    doc_ids = sorted({h.doc_id for h in found.values()})
    docs = {r["id"]: r for r in store.read_rows(
        f"SELECT id, title, path FROM documents WHERE id IN ({','.join('?' * len(doc_ids))})", doc_ids)}
    marker = _marker(q, related=table == "highlights_stem")
    out = []
    for i in ids:
        h = found.get(i)
        if h is None:
            continue
        d = docs.get(h.doc_id, {"title": "", "path": ""})
        out.append(Hit(h, d["title"], d["path"], rank[i], marker(h.exact), marker(h.note)))
    return out


def _marker(q: Query, related: bool) -> Callable[[str], str]:
    """Wrap the words a query matched in MARK_OPEN/MARK_CLOSE (accents folded,
    prefixes and, for related words, shared stems honoured)."""
    pats = []
    either = [[t for t in g if isinstance(t, Term)] for g in q.either]  # a word of an OR with a field or a NOT too
    for g in [*q.groups, *either]:
        for t in g:
            for w in _fold(t.text).split():
                if t.prefix or (related and len(w) > 4):
                    stem = w if t.prefix else w[: max(4, len(w) - 3)]
                    pats.append(re.escape(stem) + r"\w*")
                else:
                    pats.append(re.escape(w))
    if not pats:
        return lambda text: text
    rx = re.compile(r"\b(?:" + "|".join(sorted(set(pats), key=len, reverse=True)) + r")\b")

    def mark(text: str) -> str:
        folded = _fold(text)
        if len(folded) != len(text):
            return text
        parts, last = [], 0
        for m in rx.finditer(folded):
            parts += [text[last:m.start()], MARK_OPEN, text[m.start():m.end()], MARK_CLOSE]
            last = m.end()
        parts.append(text[last:])
        return "".join(parts)

    return mark
