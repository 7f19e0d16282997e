"""Documents as read and repaired, kept between runs: opening a file again skips the work.

Reading War and Peace (3.4 MB of hard-wrapped text) into paragraphs and
repairing it takes most of a second of pure Python, every time it is opened.
The result depends only on the file's bytes and on the code that read it, so
it is kept in Reader's cache folder (``READER_CACHE_DIR``, else the user cache
folder), keyed by the file's SHA-256 and a signature of that code; a cached
copy is read back in a few tens of milliseconds. Only text and Markdown files
are kept (PDFs, web pages and EPUBs carry more than text), only with the
default reading (no encoding chosen, every repair applied), and a damaged or
stale entry is simply read again from the file. Qt-free.
"""

from __future__ import annotations

import gc
import hashlib
import importlib.util
import logging
import marshal
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

from reader import loaders
from reader.document import Block, Document, Repair, Span

log = logging.getLogger("reader.doc_cache")

ENV_VAR = "READER_CACHE_DIR"
#: Bump when the stored layout changes.
FORMAT = 1
#: Kept entries, and their size together; the least recently used go first.
MAX_ENTRIES = 40
MAX_BYTES = 200 * 2**20
#: The code whose output is cached: a change to any of it makes every entry stale.
_CODE = ("loaders.py", "repair.py", "document.py", "contents.py", "textpos.py", "titles.py", "doc_cache.py")
_LIBRARIES = ("markdown_it", "charset_normalizer", "chardet")
_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}

_signature: str | None = None
_writer: threading.Thread | None = None


def cache_dir() -> Path:
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("Reader", "Reader")) / "documents"


def code_signature() -> str:
    """What the cached documents were made by: Reader's loading code and the libraries it uses."""
    global _signature
    if _signature is None:
        h = hashlib.sha256(f"format {FORMAT}".encode())
        here = Path(__file__).resolve().parent
        for name in _CODE:
            h.update((here / name).read_bytes())
        for lib in _LIBRARIES:
            spec = importlib.util.find_spec(lib)
            if spec is not None and spec.origin:
                st = os.stat(spec.origin)
                h.update(f"{lib} {spec.origin} {st.st_mtime_ns} {st.st_size}".encode())
        _signature = h.hexdigest()[:16]
    return _signature


def cacheable(path: Path, encoding: str | None = None) -> bool:
    return (path.suffix.lower() in _SUFFIXES and encoding is None and loaders.chosen_encoding(path) is None)


def load(path: str | Path, password: str | None = None, progress: loaders.Progress | None = None) -> Document:
    """``loaders.load(path)``, from the cache when this file was read before."""
    p = Path(path).expanduser()
    if not cacheable(p):
        return loaders.load(p, password=password, progress=progress)
    try:
        data = p.read_bytes()
    except OSError:
        return loaders.load(p, password=password, progress=progress)  # says what is wrong
    if data[:1024].lstrip().startswith(b"%PDF") or data[:4] == b"PK\x03\x04" or data[:15].lower().startswith(
            (b"<!doctype html", b"<html")):
        return loaders.load(p, password=password, progress=progress)  # a PDF, EPUB or page by its content
    fingerprint = loaders.fingerprint_bytes(data)
    # the name too: a text without a title line is titled by its file name
    named = hashlib.sha256(f"{code_signature()} {p.name}".encode()).hexdigest()[:16]
    entry = cache_dir() / f"{fingerprint}-{named}.bin"
    doc = _read(entry, p)
    if doc is not None and doc.fingerprint == fingerprint:
        log.info("%s read from the cache", p.name)
        return doc
    doc = loaders.load(p, password=password, progress=progress)
    if doc.kind in ("text", "markdown") and doc.fingerprint == fingerprint and not doc.words:
        # written beside the window's work, not before it
        global _writer
        _writer = threading.Thread(target=_write, args=(entry, doc), name="reader-doc-cache", daemon=True)
        _writer.start()
    return doc


def wait_written(timeout: float = 30) -> None:
    """Wait until the last document read is in the cache (for tests and scripts)."""
    if _writer is not None:
        _writer.join(timeout)


# -- the stored form: plain tuples, which marshal reads back at C speed -------------------


def _doc_tuple(doc: Document) -> tuple[Any, ...]:
    blocks = tuple((b.kind, len(b.text), b.level, b.page, b.ident,
                    tuple((s.start, s.end, s.kind, s.href, s.title) for s in b.spans)) for b in doc.blocks)
    return (doc.kind, doc.title, doc.fingerprint, doc.text, doc.page_count, doc.encoding, tuple(doc.warnings),
            blocks, tuple((r.kind, r.raw_start, r.raw_end, r.text, r.detail, r.removed) for r in doc.repairs),
            tuple(tuple(s) for s in doc.segments), doc.author, tuple(tuple(t) for t in doc.toc),
            None if doc.raw is None else _doc_tuple(doc.raw))


def _from_tuple(t: tuple[Any, ...], path: Path) -> Document:
    kind, title, fingerprint, text, page_count, encoding, warnings, btab, repairs, segments, author, toc, raw = t
    blocks = []
    pos = 0
    for bkind, n, level, page, ident, spans in btab:
        blocks.append(Block(bkind, text[pos:pos + n], pos, level, page,
                            [Span(*s) for s in spans] if spans else [], ident))
        pos += n + 1
    return Document(path=path, kind=kind, title=title, blocks=blocks, fingerprint=fingerprint, text=text,
                    page_count=page_count, encoding=encoding, warnings=list(warnings),
                    raw=None if raw is None else _from_tuple(raw, path),
                    repairs=[Repair(*r) for r in repairs], segments=[tuple(s) for s in segments],  # type: ignore[misc]
                    author=author, toc=[tuple(x) for x in toc])  # type: ignore[misc]


def _read(entry: Path, path: Path) -> Document | None:
    try:
        raw = entry.read_bytes()
    except OSError:
        return None
    collecting = gc.isenabled()
    gc.disable()  # tens of thousands of new objects, none of them garbage: no collection passes meanwhile
    try:
        doc = _from_tuple(marshal.loads(raw), path)
    except Exception as exc:  # damaged, or from another Python: read the file instead
        log.info("cache entry %s unusable (%r)", entry.name, exc)
        return None
    finally:
        if collecting:
            gc.enable()
    try:
        os.utime(entry)  # recently used: kept longest
    except OSError:
        pass
    return doc


def _write(entry: Path, doc: Document) -> None:
    try:
        store(entry, marshal.dumps(_doc_tuple(doc)), MAX_ENTRIES, MAX_BYTES)
    except Exception as exc:  # a cache that cannot be written only costs time
        log.info("document not cached: %r", exc)


def store(entry: Path, data: bytes, max_entries: int, max_bytes: int) -> None:
    """Write a cache entry whole (beside it, then renamed), then keep only the newest
    ``max_entries`` of its folder's entries with its suffix, within ``max_bytes`` together."""
    entry.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=entry.suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, entry)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    found = ((e, e.stat()) for e in entry.parent.glob(f"*{entry.suffix}"))
    total = 0
    for i, (old, st) in enumerate(sorted(found, key=lambda es: es[1].st_mtime, reverse=True)):
        total += st.st_size
        if i >= max_entries or (i > 0 and total > max_bytes):
            old.unlink(missing_ok=True)
