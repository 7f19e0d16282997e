"""Claims and quotes found before, kept between runs: opening a book again skips the analysis.

Finding the claims and quotes of War and Peace takes a minute of pure Python in
the analysis process, and the answer depends only on the text, its blocks and
the analysis code and models. It is kept beside the document cache (see
``doc_cache.py``), keyed by a hash of all of these; a changed text, a changed
model or a new Reader makes a new key, and stale entries age out (the least
recently used go first). A damaged entry is analysed again. Qt-free: it runs in
the analysis process.

The entries are pickles written by this user into this user's cache folder,
as the analysis process already sends its result to the window.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger("reader.analysis_cache")

#: Bump when what is stored changes shape.
FORMAT = 1
MAX_ENTRIES = 20
MAX_BYTES = 200 * 2**20

_signature: str | None = None


def cache_dir() -> Path:
    from reader.doc_cache import cache_dir as documents

    return documents() / "analysis"


def code_signature() -> str:
    """The analysis code and its shipped models, by name, size and time."""
    global _signature
    if _signature is None:
        here = Path(__file__).resolve().parent
        files = sorted((here / "analysis").glob("*.py")) + sorted((here.parent / "resources").glob("*model*"))
        h = hashlib.sha256(f"format {FORMAT}".encode())
        for f in files:
            st = f.stat()
            h.update(f"{f.name} {st.st_size} {st.st_mtime_ns}\n".encode())
        _signature = h.hexdigest()
    return _signature


def key(*parts: Any) -> str:
    h = hashlib.sha256(code_signature().encode())
    for part in parts:
        h.update(b"\0" + repr(part).encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:32]


def cached(parts: tuple[Any, ...], make: Callable[[], Any]) -> Any:
    """``make()``, or what it gave before for the same ``parts`` and the same analysis code."""
    entry = cache_dir() / f"{key(*parts)}.pickle"
    try:
        with entry.open("rb") as f:
            result = pickle.load(f)
        os.utime(entry)  # recently used
        log.info("claims and quotes read from the cache")
        return result
    except FileNotFoundError:
        pass
    except Exception as exc:  # damaged or from another Python: made again
        log.info("analysis cache entry not used: %r", exc)
    result = make()
    _write(entry, result)
    return result


def _write(entry: Path, result: Any) -> None:
    from reader.doc_cache import store

    try:
        store(entry, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), MAX_ENTRIES, MAX_BYTES)
    except Exception as exc:  # a cache that cannot be written (a full disk) only costs time
        log.info("claims and quotes not cached: %r", exc)
