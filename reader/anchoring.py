"""Anchors: where a highlight is, stored three ways at once (Hypothesis-style).

Position (start, end), quote (exact text with 32 characters of context on
each side) and, for PDFs, page rectangles. When a document's text changes the
quote finds the passage again and its context tells repeats apart.

The rule is never to guess. Every place the quote occurs is a candidate and
its context is compared with the stored context. A candidate is placed only
when it is the one place that could be the passage: a second candidate with
comparable context (a duplicated paragraph, a copied sentence) makes the
highlight *ambiguous*, and a quote that is gone, or found only where nothing
around it matches, is *orphaned*. Both are reported and left where they were,
never put on a look-alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CONTEXT = 32
#: Characters of matching context a candidate needs to count as the passage.
MIN_EVIDENCE = 24
#: A lone candidate needs this much context, unless its quote is long enough
#: (LONG_QUOTE characters) to be evidence by itself.
MIN_LONE_EVIDENCE = 6
LONG_QUOTE = 24
#: Candidates considered at most (a quote of one common word).
MAX_CANDIDATES = 20_000

PLACED, ORPHANED, AMBIGUOUS = "placed", "orphaned", "ambiguous"


@dataclass
class Anchor:
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


@dataclass
class Placement:
    """Where an anchor is in a new text: ``state`` is PLACED, ORPHANED or AMBIGUOUS.

    ``start``/``end`` are the new offsets when placed (otherwise the old
    ones); ``candidates`` is how many places hold the quote.
    """

    state: str
    start: int
    end: int
    candidates: int = 0


def make_anchor(text: str, start: int, end: int) -> Anchor:
    start, end = max(0, start), min(len(text), end)
    # Trim whitespace the selection dragged along, so the quote is what was meant.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Anchor(
        start, end, text[start:end],
        text[max(0, start - CONTEXT):start], text[end:end + CONTEXT],
    )


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _candidates(text: str, exact: str, index: QuoteIndex | None = None) -> list[tuple[int, int]]:
    found = index.find_all(exact) if index is not None else _find_all(text, exact)
    if found:
        return found
    # The same words with different spacing or line breaks (a repair joined a
    # split paragraph, a PDF re-flowed): match word for word.
    words = exact.split()
    if not words:
        return []
    pattern = r"\s+".join(re.escape(w) for w in words)
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)][:MAX_CANDIDATES]


def _evidence(text: str, s: int, e: int, a: Anchor) -> int:
    """Characters of stored context found around text[s:e] (0..2*CONTEXT).

    A side whose stored context is short because the passage was at the start
    (or end) of the document counts in full when the candidate is there too.
    """
    before = text[max(0, s - CONTEXT):s]
    after = text[e:e + CONTEXT]
    left = _common_suffix(before, a.prefix)
    right = _common_prefix(after, a.suffix)
    if left == len(a.prefix) == len(before):
        left = CONTEXT
    if right == len(a.suffix) == len(after):
        right = CONTEXT
    return left + right


_PROBES = (34, 48, 64, 96, 128, 176)
_PROBE_LEN = 10
_SLACK = 24
#: Candidates closer than this are not judged as copies (their surroundings overlap).
_NEAR = 2 * CONTEXT + _PROBE_LEN + _SLACK


def _copies(text: str, one: tuple[int, int], other: tuple[int, int]) -> bool:
    """Whether two places are copies of one passage (a duplicated paragraph or
    section, maybe edited since), judged on text beyond the stored context:
    pieces of one's surroundings found at about the same distance around the other.
    """
    if abs(other[0] - one[0]) < _NEAR:
        return False  # the probes would read the same text around both: the stored context decides
    hits = tried = 0
    for d in _PROBES:
        for side in (-1, 1):
            at = one[0] - d if side < 0 else one[1] + d - _PROBE_LEN
            if at < 0 or at + _PROBE_LEN > len(text):
                continue
            piece = text[at:at + _PROBE_LEN]
            if not piece.strip():
                continue
            tried += 1
            rel = at - (one[0] if side < 0 else one[1])
            base = (other[0] if side < 0 else other[1]) + rel
            lo = max(0, base - _SLACK)
            window = text[lo:base + _PROBE_LEN + _SLACK]
            # found there, and not merely the same piece of text (two candidates close together);
            # non-overlapping finds, as a regex search would make them (a new regex per piece thrashed re's cache)
            i = window.find(piece)
            while i != -1:
                if lo + i != at:
                    hits += 1
                    break
                i = window.find(piece, i + _PROBE_LEN)
    return tried > 0 and hits * 3 >= tried


def _tile(n: int) -> int:
    """The tile length that finds every place of a quote of ``n`` characters (0: find it alone)."""
    return 8 if n >= 15 else 4 if n >= 7 else 0


class QuoteIndex:
    """Every place each of many quotes occurs in one text, found in about one pass.

    Looking for 10,000 quotes one by one reads a 3 MB book 20,000 times (16 s).
    Here the text is cut into tiles of q characters at multiples of q, and only
    tiles that occur inside some quote are kept, by position. A quote of at
    least 2q - 1 characters covers a whole tile wherever it occurs: the place
    starting at s holds the tile at the next multiple of q, s + j, which is the
    quote's own characters j..j+q. So each of the quote's q tiles leads to the
    places it could start, and each place is checked. The places found are
    exactly those ``str.find`` finds, in the same order; quotes of under seven
    characters are looked for one by one.
    """

    def __init__(self, text: str, quotes: list[str]) -> None:
        self.text = text
        self._quotes = set(quotes)
        self._tiles: dict[int, dict[str, list[int]]] = {}
        for q in (8, 4):
            wanted = {qt[j:j + q] for qt in self._quotes if _tile(len(qt)) == q for j in range(q)}
            if not wanted:
                continue
            at: dict[str, list[int]] = {}
            for p in range(0, len(text) - q + 1, q):
                tile = text[p:p + q]
                if tile in wanted:
                    if tile in at:
                        at[tile].append(p)
                    else:
                        at[tile] = [p]
            self._tiles[q] = at

    def find_all(self, exact: str) -> list[tuple[int, int]]:
        """Every place ``exact`` occurs (overlapping ones too), in order, at most MAX_CANDIDATES."""
        q = _tile(len(exact))
        if not q or exact not in self._quotes:
            return _find_all(self.text, exact)
        at, text = self._tiles[q], self.text
        starts = []
        for j in range(q):
            for p in at.get(exact[j:j + q], ()):
                if p >= j and text.startswith(exact, p - j):
                    starts.append(p - j)
        starts.sort()
        n = len(exact)
        return [(s, s + n) for s in starts[:MAX_CANDIDATES]]


def _find_all(text: str, exact: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    i = text.find(exact)
    while i != -1 and len(found) < MAX_CANDIDATES:
        found.append((i, i + len(exact)))
        i = text.find(exact, i + 1)
    return found


def locate_all(text: str, anchors: list[Anchor]) -> list[Placement]:
    """:func:`locate` for many anchors on one text, in about the time of reading it once."""
    index = QuoteIndex(text, [a.exact for a in anchors if a.exact])
    return [locate(text, a, index) for a in anchors]


def locate(text: str, a: Anchor, index: QuoteIndex | None = None) -> Placement:
    """Where the anchored passage is in ``text`` now (which may have been edited).
    ``index``: the quotes of many anchors on this text, found at once (:func:`locate_all`)."""
    if not a.exact:
        return Placement(ORPHANED, a.start, a.end)
    candidates = _candidates(text, a.exact, index)
    if not candidates:
        return Placement(ORPHANED, a.start, a.end)
    scored = sorted(((_evidence(text, s, e, a), s, e) for s, e in candidates), reverse=True)
    best, s, e = scored[0]
    n = len(candidates)
    if n == 1:
        if best >= MIN_LONE_EVIDENCE or len(a.exact.strip()) >= LONG_QUOTE:
            return Placement(PLACED, s, e, 1)
        return Placement(ORPHANED, a.start, a.end, 1)  # a short quote alone in new surroundings
    if best < MIN_EVIDENCE:
        return Placement(AMBIGUOUS, a.start, a.end, n)
    # Any other candidate with a good part of the context could be the passage
    # (the same paragraph twice, one copy edited): do not guess between them.
    rival = scored[1][0]
    if rival * 5 >= best * 2:
        return Placement(AMBIGUOUS, a.start, a.end, n)
    # A weaker candidate in a copy of the best one's surroundings may be the
    # original whose context was edited after the paragraph was duplicated.
    if any(_copies(text, (s, e), (s2, e2)) for _ev, s2, e2 in scored[1:]):
        return Placement(AMBIGUOUS, a.start, a.end, n)
    return Placement(PLACED, s, e, n)


def reanchor(text: str, a: Anchor) -> tuple[int, int] | None:
    """Where the anchored passage is in ``text`` now, or None (orphaned or ambiguous)."""
    p = locate(text, a)
    return (p.start, p.end) if p.state == PLACED else None
