"""Pages whose text layer cannot be read: a PDF whose fonts map their glyphs to no letters gives words
of symbols and control characters ("% % & ! …", TAMReview.pdf's pages 2-22), which look like text to
everything after (search, claims) but say nothing. Found per page from MuPDF's words, in general: most
words (not dot leaders) with no letter or digit, or holding control or private-use characters."""

from __future__ import annotations

import re
from typing import Any

#: Words that are only leaders, bullets or the rules of a text-drawn table or screen ("....", "–", "•",
#: "+-----+", "|", "=", ">"): neither readable nor a sign of trouble.
_LEADERS = re.compile(r"[.·…\-_–—•*|+=<>:/]+")
#: A page is unreadable when fewer than this part of its words read as words ...
READABLE = 0.8
#: ... and it has at least this many (a page with a few symbols is a figure, not a broken text layer).
MIN_WORDS = 20


def _broken(word: str) -> bool:
    return not any(c.isalnum() for c in word) or any(
        ord(c) < 32 or 0xE000 <= ord(c) <= 0xF8FF or c == "\ufffd" for c in word)


def unreadable(words: list[Any]) -> bool:
    """Whether a page's words (MuPDF's, text at index 4) are mostly symbols and unmapped glyphs."""
    texts = [w[4] for w in words if not _LEADERS.fullmatch(w[4])]
    if len(texts) < MIN_WORDS:
        return False
    bad = sum(1 for t in texts if _broken(t))
    return bad > (1 - READABLE) * len(texts)


def page_spans(pages: list[int]) -> str:
    """1-based page numbers as a person writes them: "2–22", "3, 5–7"."""
    spans: list[list[int]] = []
    for p in sorted(set(pages)):
        if spans and p == spans[-1][1] + 1:
            spans[-1][1] = p
        else:
            spans.append([p, p])
    return ", ".join(f"{a}" if a == b else f"{a}–{b}" for a, b in spans)


def warning(pages: list[int], total: int) -> str:
    """The one line a person is told about them."""
    if len(pages) == total:
        return "This PDF has no readable text layer (its fonts map to symbols): search and claims cannot use it."
    which = f"Page {page_spans(pages)} has" if len(pages) == 1 else f"Pages {page_spans(pages)} have"
    return f"{which} no readable text layer (their letters come out as symbols): search and claims cannot use them."
