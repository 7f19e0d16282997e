"""Notes into Reader: W3C Web Annotation JSON(-LD) and Hypothesis' JSON export.

Each annotation is attached to its document by content hash
(``urn:sha256:...``, the identity Reader exports) or by address (a file URI),
or to the document given with ``into``, and is placed on that document's
text by its quote and context (reader.anchoring, as on every open). What
cannot be placed (no document, a quote that is not in the text, a quote found
in several places with nothing to choose between them) is listed, never
guessed. Qt-free.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from notes_db import COLORS, StorageError
from notes_db.records import STYLES
from reader.anchoring import Anchor, make_anchor, reanchor
from reader.deeplinks import LinkError, parse_link

if TYPE_CHECKING:
    from notes_db.store import NotesDB
    from reader.session import Session

log = logging.getLogger("reader.importer")

#: A document's annotations another notes file took over: the document's sources and the annotations' keys.
Taken = tuple[list[str], list[str]]

MAX_BYTES = 200 * 1024 * 1024


class ImportProblem(Exception):
    """The file cannot be imported at all; one sentence says why. ``whole``: it also says what was and was not
    imported (a caller adds nothing such as "Nothing was imported")."""

    def __init__(self, message: str, *, whole: bool = False) -> None:
        super().__init__(message)
        self.whole = whole


@dataclass
class Incoming:
    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None
    note: str = ""
    tags: list[str] = field(default_factory=list)
    color: str = "yellow"
    #: notes_db.records.STYLES: Reader's W3C export says it in the styleClass ("red-underline")
    style: str = "highlight"
    created: str = ""
    updated: str = ""
    sources: list[str] = field(default_factory=list)
    title: str = ""
    wanted_id: int | None = None
    #: "assessing": a claim's review (``status``, ``note``, ``source``); "classifying": a quote's correction
    #: (``speaker``: who said it, or reader.export.NOT_A_QUOTE); else a highlight (reader/export/w3c.py).
    motivation: str = ""
    status: str = ""
    source: str = ""
    speaker: str = ""
    #: A highlight's origin as Reader's own JSON export says it ("user", "imported"); else the import's.
    origin: str = ""
    #: Who made it (W3C ``creator``: a name, or a Person with its name), when another program did.
    author: str = ""


@dataclass
class Unplaced:
    where: str  # document title or source address
    quote: str
    reason: str


@dataclass
class ImportReport:
    added: dict[str, int] = field(default_factory=dict)  # document title (and file, if titles repeat) -> added
    own: dict[str, int] = field(default_factory=dict)  # of those, the PDF's own highlight annotations
    reviews: dict[str, int] = field(default_factory=dict)  # document title -> claim reviews added
    corrections: dict[str, int] = field(default_factory=dict)  # document title -> quote corrections added
    already: int = 0
    unplaced: list[Unplaced] = field(default_factory=list)

    @property
    def total_added(self) -> int:
        return sum(self.added.values())

    def lines(self) -> list[str]:
        def own(title: str, n: int) -> str:
            mine = self.own.get(title, 0)
            return "" if not mine else ", from the PDF's own annotations" if mine == n else \
                f", {mine} of them from the PDF's own annotations"

        def counted(n: int, noun: str) -> list[str]:
            return [f"{n} {noun}{'s' if n != 1 else ''}"] if n else []

        out = []  # a line per document (its long title said once): what came in
        for title in dict.fromkeys([*self.added, *self.reviews, *self.corrections]):
            n = self.added.get(title, 0)
            parts = counted(n, "highlight") + counted(self.reviews.get(title, 0), "claim review") + \
                counted(self.corrections.get(title, 0), "quote correction")
            if len(parts) > 1 and own(title, n):  # (which of the highlights: said beside them)
                parts[0] += f" ({own(title, n)[2:]})"
            said = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0] if parts else "nothing"
            out.append(f"added {said} to {title}{own(title, n) if len(parts) == 1 else ''}")
        if self.already:
            out.append(f"{self.already} already in the notes file")
        for u in self.unplaced:
            q = " ".join(u.quote.split())
            q = q[:79] + "…" if len(q) > 80 else q
            out.append(f"not placed: {u.where}: “{q}” ({u.reason})")
        if not out:
            out.append("nothing to import")
        return out


# -- reading the file ------------------------------------------------------------------------


def _as_list(v: Any) -> list[Any]:
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def _text(v: Any) -> str:
    return v if isinstance(v, str) else ""


def annotations_in(data: Any) -> list[dict[str, Any]]:
    """The annotations in any of the shapes people export them in."""
    if isinstance(data, list):
        return [a for item in data for a in annotations_in(item)] if any(
            isinstance(x, dict) and x.get("type") in ("AnnotationPage", "AnnotationCollection") for x in data
        ) else [a for a in data if isinstance(a, dict)]
    if not isinstance(data, dict):
        return []
    kind = data.get("type")
    if kind == "AnnotationCollection":
        first = data.get("first")
        return annotations_in(first) if isinstance(first, dict) else []
    if kind == "AnnotationPage":
        return [a for a in _as_list(data.get("items")) if isinstance(a, dict)]
    for key in ("annotations", "rows", "items"):  # Hypothesis export, Hypothesis API, a bare page
        if isinstance(data.get(key), list):
            return [a for a in data[key] if isinstance(a, dict)]
    if kind == "Annotation" or "target" in data:
        return [data]
    return []


def _source_ids(src: Any) -> list[str]:
    if isinstance(src, str):
        return [src]
    if isinstance(src, dict):
        return [s for s in (_text(src.get("id")), _text(src.get("canonical")), _text(src.get("sameAs"))) if s]
    return []


def style_class(name: str, color: str = "yellow", style: str = "highlight") -> tuple[str, str]:
    """(colour, style) of a W3C target's styleClass as Reader writes it (reader/export/w3c.py): "red" is a red
    band, "red-underline" a red underline; what is neither leaves ``color`` and ``style`` as they are."""
    shade, _dash, kind = name.strip().lower().partition("-")
    if shade not in COLORS:
        return color, style
    return shade, (kind if kind in STYLES else style) if kind else "highlight"  # (a style unknown here: the colour)


def parse_annotation(a: dict[str, Any]) -> Incoming | None:
    """One W3C or Hypothesis annotation; None when it has no target passage."""
    inc = Incoming(exact="")
    targets = _as_list(a.get("target"))
    for t in targets:
        if isinstance(t, str):
            inc.sources.append(t)
            continue
        if not isinstance(t, dict):
            continue
        inc.sources += _source_ids(t.get("source"))
        inc.color, inc.style = style_class(_text(t.get("styleClass")), inc.color, inc.style)
        for sel in _as_list(t.get("selector")):
            if not isinstance(sel, dict):
                continue
            kind = sel.get("type")
            if kind == "TextQuoteSelector" and not inc.exact:
                inc.exact = _text(sel.get("exact"))
                inc.prefix, inc.suffix = _text(sel.get("prefix")), _text(sel.get("suffix"))
            elif kind == "TextPositionSelector" and inc.start is None:
                s, e = sel.get("start"), sel.get("end")
                if isinstance(s, int) and isinstance(e, int) and 0 <= s < e:
                    inc.start, inc.end = s, e
    # Hypothesis: the page address and the document's other addresses
    inc.sources += [s for s in (_text(a.get("uri")),) if s]
    raw_doc = a.get("document")
    doc: dict[str, Any] = raw_doc if isinstance(raw_doc, dict) else {}
    for link in _as_list(doc.get("link")):
        if isinstance(link, dict) and _text(link.get("href")):
            inc.sources.append(link["href"])
    titles = _as_list(doc.get("title"))
    inc.title = _text(titles[0]) if titles else ""
    # W3C bodies: the note and the tags; a review's status and source; a correction's speaker
    motivations = [m for m in _as_list(a.get("motivation")) if isinstance(m, str)]
    inc.motivation = next((m for m in motivations if m in ("assessing", "classifying")), "")
    notes: list[str] = []
    for b in _as_list(a.get("body")):
        if isinstance(b, str):
            notes.append(b)
        elif isinstance(b, dict):
            value = _text(b.get("value"))
            purpose = b.get("purpose")
            if purpose == "tagging":
                if value.strip():
                    inc.tags.append(value.strip())
            elif purpose == "assessing" and inc.motivation == "assessing":
                inc.status = value.strip().lower()
            elif purpose == "linking" and inc.motivation == "assessing":
                inc.source = value or _text(b.get("source")) or _text(b.get("id"))
            elif purpose == "classifying" and inc.motivation == "classifying":
                inc.speaker = " ".join(value.split())
            elif value:
                notes.append(value)
    # Hypothesis: text and tags
    if _text(a.get("text")):
        notes.append(a["text"])
    inc.tags += [t for t in _as_list(a.get("tags")) if isinstance(t, str) and t.strip()]
    inc.note = "\n\n".join(notes)
    inc.origin = _text(a.get("origin")) if a.get("origin") in ("user", "imported") else ""
    creator = a.get("creator")
    inc.author = " ".join((creator if isinstance(creator, str) else _text(creator.get("name"))
                           if isinstance(creator, dict) else "").split()) or hypothesis_user(a.get("user"))
    inc.created = _text(a.get("created"))
    inc.updated = _text(a.get("modified")) or _text(a.get("updated")) or inc.created
    ident = _text(a.get("id"))
    if ident.startswith("reader:"):
        try:
            inc.wanted_id = parse_link(ident).highlight
        except LinkError:
            pass
    if not inc.exact:
        return None if not targets else inc
    return inc


def hypothesis_user(user: Any) -> str:
    """The author a Hypothesis annotation names in its ``user`` ("acct:bob@hypothes.is" -> "bob"), '' when none."""
    if not isinstance(user, str):
        return ""
    name = user.strip().removeprefix("acct:").rpartition("@")
    return " ".join((name[0] if name[1] else name[2]).split())


#: What ``reader import`` reads, said with any file it cannot (a PDF given by mistake, say).
EXPECTED = ("import reads notes exported as W3C Web Annotation or Hypothesis JSON, or Reader's own JSON export "
            "(.json, .jsonld)")


def _load(path: Path) -> Any:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ImportProblem(f"{path.name} is larger than {MAX_BYTES // 2**20} MB")
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError as exc:
        raise ImportProblem(f"file not found: {path}") from exc
    except OSError as exc:
        raise ImportProblem(f"{path} cannot be read: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise ImportProblem(f"{path.name} is not UTF-8 text: {EXPECTED}") from exc
    except json.JSONDecodeError as exc:
        raise ImportProblem(f"{path.name} is not JSON (line {exc.lineno}: {exc.msg}): {EXPECTED}") from exc


def _annotations(path: Path, data: Any) -> list[dict[str, Any]]:
    from reader.import_json import as_w3c, is_reader_json

    if is_reader_json(data):  # Reader's own JSON export: as the W3C export would say it
        return as_w3c(data)[0]
    found = annotations_in(data)
    if not found and not (isinstance(data, dict) and data.get("type") == "AnnotationCollection"):
        raise ImportProblem(f"{path.name} holds no W3C Web Annotations, Hypothesis annotations or Reader JSON export"
                            + _what_it_is(data))
    return found


def read_file(path: Path) -> list[dict[str, Any]]:
    return _annotations(path, _load(path))


def taken_over_in(data: Any) -> list[Taken]:
    """The PDFs' own annotations a Reader export says it took over (reader/export/w3c.py, ``takenOver``): each
    document's sources (its file URI and content hash) and the annotations' keys."""
    from reader.export.w3c import TAKEN_OVER
    from reader.import_json import as_w3c, is_reader_json

    if is_reader_json(data):
        return as_w3c(data)[1]
    out: list[Taken] = []
    for entry in _as_list(data.get(TAKEN_OVER) if isinstance(data, dict) else None):
        if not isinstance(entry, dict):
            continue
        keys = [k for k in _as_list(entry.get("keys")) if isinstance(k, str) and k[:1].isdigit()]
        sources = _source_ids(entry.get("source"))
        if keys and sources:
            out.append((sources, keys))
    return out


def _what_it_is(data: Any) -> str:
    """What a JSON file that holds no annotations is, when it is one of Reader's own other exports, and
    how to export notes that import reads."""
    graph = data.get("@graph") if isinstance(data, dict) else None
    if isinstance(graph, list) and any(isinstance(g, dict) and g.get("@type") == "ClaimReview" for g in graph):
        return (": it is a ClaimReview export (reviewed claims, not notes); to import notes, export them with "
                "--format w3c (File > Export… > W3C Web Annotation) and import that file")
    return ""


# -- finding the document and the passage ----------------------------------------------------


def _local_path(uri: str) -> Path | None:
    parts = urlsplit(uri)
    if parts.scheme.lower() == "file" and parts.netloc in ("", "localhost"):
        return Path(unquote(parts.path))
    return None


def _sha(uri: str) -> str | None:
    m = re.match(r"^urn:sha256:([0-9a-fA-F]{64})$", uri.strip())
    return m.group(1).lower() if m else None


class _Documents:
    """Open each document once; remember which sources lead nowhere."""

    def __init__(self, store: NotesDB, password: str | None, taken: list[Taken] | None = None) -> None:
        self.store = store
        self.password = password
        self.taken = taken or []
        self.sessions: dict[str, Session] = {}  # resolved path -> session
        self.problems: dict[str, str] = {}
        self.own: dict[int, int] = {}  # document id -> the PDF's own highlights brought in when it was opened

    def open(self, path: Path) -> Session:
        from reader.errors import DocumentError
        from reader.loaders import load
        from reader.session import Session

        key = str(path.resolve())
        if key not in self.sessions:
            try:
                doc = load(path, password=self.password)
            except DocumentError as exc:
                raise ImportProblem(str(exc)) from exc
            session = Session(self.store, doc, opened=False)  # notes brought in, not a reading
            self._take_over(session, path)
            # a PDF registered here first: its own highlights too, counted in the summary (a W3C copy of
            # one is then "already in the notes file", and the lines added up to fewer than were added)
            own = session.import_own_annotations()
            if own:
                self.own[session.doc_id] = own
            self.sessions[key] = session
        return self.sessions[key]

    def _take_over(self, session: Session, path: Path) -> None:
        """What the export's notes file took over of this PDF's own annotations (the ones the person deleted
        there among them), recorded as taken over here before the PDF's own are read: none comes back."""
        if session.doc.kind != "pdf":
            return
        keys = {k for sources, ks in self.taken
                if any(_sha(u) == session.doc.fingerprint or _local_path(u) == path.resolve() for u in sources)
                for k in ks} - session.taken
        if keys:
            from notes_db.pdf_annotations import take_over

            take_over(self.store, session.doc_id, sorted(keys))
            session.taken.update(keys)

    def failed(self, why: str) -> ImportProblem:
        """The import stopped (``why``): what it says, with the PDFs' own highlights that are in the notes file
        all the same (each was stored when its PDF was opened, in a transaction of its own)."""
        own = [(s.record.title, self.own[s.doc_id]) for s in self.sessions.values() if self.own.get(s.doc_id)]
        if not own:
            return ImportProblem(f"nothing was imported: {why}", whole=True)
        n = sum(count for _t, count in own)
        return ImportProblem(
            f"the file's highlights were not imported: {why}; only the PDF's own highlight{'s' if n != 1 else ''} "
            f"came in, when the PDF was first opened ({', '.join(f'{count} in {t}' for t, count in own)})", whole=True)

    def find(self, sources: list[str]) -> Session | None:
        for uri in sources:  # the content hash first: it survives moves and renames
            sha = _sha(uri)
            if sha is None:
                continue
            rec = self.store.document_by_fingerprint(sha)
            if rec is not None and rec.path and Path(rec.path).is_file():
                return self.open(Path(rec.path))
        for uri in sources:
            p = _local_path(uri)
            if p is not None and p.is_file():
                return self.open(p)
            if uri.startswith(("http://", "https://")):
                rec = self.store.document_by_path(uri)
                if rec is not None and Path(rec.path).is_file():
                    return self.open(Path(rec.path))
        return None


def place(text: str, inc: Incoming, fingerprint: str = "") -> tuple[int, int] | str:
    """Where the quote is in ``text``, or why it cannot be placed. ``fingerprint``:
    the SHA-256 of the document's content, when the annotation names the same one,
    the text is the one it was made on and its position is certain."""
    if not inc.exact.strip():
        return "no quoted text to place it by"
    exact_here = inc.start is not None and inc.end is not None and text[inc.start:inc.end] == inc.exact
    same_text = bool(fingerprint) and any(_sha(u) == fingerprint for u in inc.sources)
    if exact_here and same_text and inc.start is not None and inc.end is not None and \
            text[max(0, inc.start - len(inc.prefix)):inc.start].endswith(inc.prefix) and \
            text[inc.end:inc.end + len(inc.suffix)] == inc.suffix:
        return inc.start, inc.end  # the very text it was made on: even a passage repeated word for word is this one
    if not inc.prefix and not inc.suffix and not exact_here:
        n = text.count(inc.exact)
        if n > 1:  # no context, and the position does not point at it: do not guess
            return f"the quote is in {n} places and nothing tells them apart"
    start = inc.start if inc.start is not None else -1
    end = inc.end if inc.end is not None else -1
    where = reanchor(text, Anchor(start, end, inc.exact, inc.prefix, inc.suffix))
    if where is None:
        return "the quote is not in this document" if inc.exact not in text and not _loose_in(text, inc.exact) \
            else "the quote is in several places and its context matches none"
    return where


def _loose_in(text: str, exact: str) -> bool:
    words = exact.split()
    return bool(words) and re.search(r"\s+".join(re.escape(w) for w in words), text) is not None


def import_file(store: NotesDB, path: Path, *, into: Path | None = None, password: str | None = None) -> ImportReport:
    data = _load(path)
    annotations = _annotations(path, data)
    return import_annotations(store, annotations, into=into, password=password, taken=taken_over_in(data))


def import_annotations(
    store: NotesDB, annotations: list[dict[str, Any]], *, into: Path | None = None, password: str | None = None,
    taken: list[Taken] | None = None,
) -> ImportReport:
    """``taken``: the PDFs' own annotations the export's notes file took over (:func:`taken_over_in`)."""
    from notes_db.transfer import NewHighlight, add_highlights
    from reader.import_claims import prepare, store_claims

    report = ImportReport()
    docs = _Documents(store, password, taken)
    target = None
    if into is not None:
        if not into.is_file():
            raise ImportProblem(f"file not found: {into}")
        target = docs.open(into)
    for sources, _keys in docs.taken:  # (a PDF whose every annotation the person deleted: none of its own come in)
        if target is None:
            try:
                docs.find(sources)
            except ImportProblem as exc:
                log.info("a PDF the export took annotations over from is not opened: %s", exc)
    pending: dict[int, list[NewHighlight]] = {}
    claims: dict[int, tuple[Session, list[tuple[Incoming, int, int]]]] = {}
    titles: dict[int, str] = {}
    paths: dict[int, Path] = {}
    for a in annotations:
        inc = parse_annotation(a)
        if inc is None:
            continue
        try:
            session = target or docs.find(inc.sources)
        except ImportProblem as exc:  # a document that cannot be read: an earlier PDF's own highlights are in
            if docs.own:
                raise docs.failed(str(exc)) from exc
            raise
        if session is None:
            where = inc.title or (inc.sources[0] if inc.sources else "an unnamed document")
            report.unplaced.append(Unplaced(where, inc.exact, "its document is not here; give it with --into PATH"))
            continue
        where_or_why = place(session.doc.text, inc, session.doc.fingerprint)
        title = session.record.title
        if isinstance(where_or_why, str):
            report.unplaced.append(Unplaced(title, inc.exact, where_or_why))
            continue
        s, e = where_or_why
        if inc.motivation:  # a claim's review or a quote's correction (reader/import_claims.py)
            claims.setdefault(session.doc_id, (session, []))[1].append((inc, s, e))
            continue
        queued = pending.setdefault(session.doc_id, [])
        if any(h.start == s and h.end == e and not h.orphaned for h in session.highlights) or any(
            q.start == s and q.end == e for q in queued
        ):
            report.already += 1
            continue
        doc = session.doc
        anchor = make_anchor(doc.text, s, e)
        queued.append(NewHighlight(
            session.doc_id, anchor.start, anchor.end, anchor.exact, anchor.prefix, anchor.suffix,
            color=inc.color, style=inc.style, note=inc.note, tags=inc.tags, page=doc.page_at(s),
            rects=doc.rects_for(anchor.start, anchor.end) if doc.words else [], created=inc.created, updated=inc.updated,
            wanted_id=inc.wanted_id, origin=inc.origin or "imported", author=inc.author,
        ))
        titles[session.doc_id] = title
        paths[session.doc_id] = Path(session.record.path)
    items = [h for hs in pending.values() for h in hs]
    readings = prepare(claims)  # each document's analysis, before the write (it takes a while)
    if items or claims:
        try:
            with store.transaction():  # the highlights, reviews and corrections: all or none
                if items:
                    add_highlights(store, items)
                for session, wanted in claims.values():
                    store_claims(store, session, readings[session.doc_id], wanted, report)
        except (StorageError, ValueError) as exc:
            raise docs.failed(str(exc)) from exc
    # a line per document, named by its title, and by its file when titles repeat (three "Two-Column Document"
    # shared one line, and the lines added up to fewer highlights than were added)
    for session in docs.sessions.values():
        if docs.own.get(session.doc_id):
            titles.setdefault(session.doc_id, session.record.title)
            paths.setdefault(session.doc_id, Path(session.record.path))
    named = [(titles[doc_id], paths[doc_id], len(pending.get(doc_id, [])), docs.own.get(doc_id, 0))
             for doc_id in titles if pending.get(doc_id) or docs.own.get(doc_id)]
    repeated = Counter(title for title, _p, _n, _o in named)
    for title, path, n, own in named:
        label = title if repeated[title] == 1 else f"{title} ({path.name})"
        label = str(path) if label in report.added else label
        report.added[label] = n + own
        if own:
            report.own[label] = own
    for opened in docs.sessions.values():
        opened.reload()
    log.info("imported %d highlights, %d unplaced", report.total_added, len(report.unplaced))
    return report
