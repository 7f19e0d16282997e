"""Find a phrase in a document's text: one Qt-free function for the find bar,
the CLI (``Session.find``) and anything else that looks for words.

Spacing is forgiven (any run of whitespace, line breaks included, matches one
space), and case and accents are ignored unless asked, as notes search does
(``notes_db/folding.py``): "borodino" finds "Borodinó", "cafe" finds "Café"
and "Cafe\u0301". The text is folded one character for one, a slice at a time,
so offsets are the text's own and the cost stays linear. :func:`iter_find` yields hits a slice
of the text at a time, so a caller on the GUI thread can search a 3 MB book
between keystrokes and drop a search the moment a newer query arrives.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from notes_db.folding import FOLD, fold

#: Characters searched per step of :func:`iter_find`: a few milliseconds of work.
CHUNK = 200_000
OVERLAP = 4_096  # a hit may straddle two slices; longer queries are found by the last resort below


#: Combining marks a decomposed accent is written with ("e" + U+0301): skipped after any letter.
_MARKS = "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]*"
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def fold_fast(text: str) -> str:
    """:func:`notes_db.folding.fold` (lowercase, no accents, one character for one), quicker on
    mostly-ASCII text: only the runs of other characters go through the fold table."""
    if text.isascii():
        return text.lower()
    out = _NON_ASCII.sub(lambda m: m.group().translate(FOLD), text).lower()
    return out if len(out) == len(text) else fold(text)


def pattern(query: str, ignore_case: bool = True) -> re.Pattern[str] | None:
    """The query as a pattern (None when it has no words). Ignoring case means ignoring
    accents too: the pattern is then for text folded by :func:`fold_fast`."""
    words = query.split()
    if not words:
        return None
    if not ignore_case:
        return re.compile(r"\s+".join(re.escape(w) for w in words))
    return re.compile(r"\s+".join("".join(re.escape(c) + _MARKS for c in fold(w)) for w in words))


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
        begin = max(pos, last_end)
        folded = fold_fast(text[begin:min(n, stop + overlap)])
        for m in pat.finditer(folded):
            start, end = begin + m.start(), begin + m.end()
            if start >= stop or found >= limit:
                break
            if end > start:
                batch.append((start, end))
                last_end = end
                found += 1
        pos = stop
        yield batch


def find_all(text: str, query: str, limit: int = 10_000) -> list[tuple[int, int]]:
    """Every hit of ``query`` in ``text`` (at most ``limit``), in order."""
    return [hit for batch in iter_find(text, query, limit) for hit in batch]


def find_first(text: str, query: str, ignore_case: bool = True) -> tuple[int, int] | None:
    pat = pattern(query, ignore_case)
    m = pat.search(fold_fast(text) if ignore_case else text) if pat is not None else None
    return (m.start(), m.end()) if m else None
