"""Anchors: where a highlight is, stored three ways at once (Hypothesis-style).

Position (start, end), quote (exact text with 32 characters of context on
each side) and, for PDFs, page rectangles. When a document's text changes the
quote finds the passage again; context and distance from the old position pick
between repeats. A quote that is gone is an orphan, never a look-alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CONTEXT = 32


@dataclass
class Anchor:
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


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


def _candidates(text: str, exact: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    i = text.find(exact)
    while i != -1 and len(found) < 1000:
        found.append((i, i + len(exact)))
        i = text.find(exact, i + 1)
    if found:
        return found
    # The same words with different spacing or line breaks (a repair joined a
    # split paragraph, a PDF re-flowed): match word for word.
    words = exact.split()
    if not words:
        return []
    pattern = r"\s+".join(re.escape(w) for w in words)
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)][:1000]


def reanchor(text: str, a: Anchor) -> tuple[int, int] | None:
    """Where the anchored passage is in ``text`` now, or None for an orphan."""
    if 0 <= a.start < a.end <= len(text) and text[a.start:a.end] == a.exact:
        return a.start, a.end
    best: tuple[float, tuple[int, int]] | None = None
    best_ctx = 0
    candidates = _candidates(text, a.exact)
    for s, e in candidates:
        ctx = _common_suffix(text[max(0, s - CONTEXT):s], a.prefix) + _common_prefix(
            text[e:e + CONTEXT], a.suffix
        )
        # Context dominates; distance breaks ties between equally placed repeats.
        score = ctx - abs(s - a.start) / max(len(text), 1)
        if best is None or score > best[0]:
            best, best_ctx = (score, (s, e)), ctx
    if best is None or (len(candidates) > 1 and best_ctx == 0 and (a.prefix or a.suffix)):
        return None  # repeats with no context to tell them apart: do not guess
    return best[1]
