"""Find a phrase in a document's text: one Qt-free function for the find bar,
the CLI (``Session.find``) and anything else that looks for words.

Spacing is forgiven (any run of whitespace, line breaks included, matches one
space) and case is ignored unless asked. :func:`iter_find` yields hits a slice
of the text at a time, so a caller on the GUI thread can search a 3 MB book
between keystrokes and drop a search the moment a newer query arrives.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: Characters searched per step of :func:`iter_find`: a few milliseconds of work.
CHUNK = 200_000
OVERLAP = 4_096  # a hit may straddle two slices; longer queries are found by the last resort below


def pattern(query: str, ignore_case: bool = True) -> re.Pattern[str] | None:
    """The query as a pattern (None when it has no words)."""
    words = query.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE if ignore_case else 0)


def iter_find(text: str, query: str, limit: int = 10_000, chunk: int = CHUNK) -> Iterator[list[tuple[int, int]]]:
    """Yield lists of (start, end) hits in order, one list per slice of ``chunk``
    characters (possibly empty), at most ``limit`` hits in all."""
    pat = pattern(query)
    if pat is None:
        return
    found = 0
    pos = 0
    n = len(text)
    last_end = 0
    overlap = max(OVERLAP, len(query) * 4)
    while pos < n and found < limit:
        stop = min(n, pos + chunk)
        batch: list[tuple[int, int]] = []
        # search a little past the slice so a hit across its edge is whole
        for m in pat.finditer(text, max(pos, last_end), min(n, stop + overlap)):
            if m.start() >= stop or found >= limit:
                break
            if m.end() > m.start():
                batch.append((m.start(), m.end()))
                last_end = m.end()
                found += 1
        pos = stop
        yield batch


def find_all(text: str, query: str, limit: int = 10_000) -> list[tuple[int, int]]:
    """Every hit of ``query`` in ``text`` (at most ``limit``), in order."""
    return [hit for batch in iter_find(text, query, limit) for hit in batch]


def find_first(text: str, query: str, ignore_case: bool = True) -> tuple[int, int] | None:
    pat = pattern(query, ignore_case)
    m = pat.search(text) if pat is not None else None
    return (m.start(), m.end()) if m else None
