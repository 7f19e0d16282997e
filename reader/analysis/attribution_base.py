"""What the attribution models share: the tokens, their shapes, the position cues and a finding."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter

# (possessive: nothing after a part can match what it gave back, so re need not keep its place to backtrack)
TOKEN = re.compile(r"[A-Za-z]\.(?:[A-Za-z]\.)++|\d++(?:[.,]\d++)*+%?|\w++(?:[’'-]\w++)*+|[^\w\s]")
TOKEN_PLAIN = re.compile(r"[A-Za-z]\.(?:[A-Za-z]\.)+|\d+(?:[.,]\d+)*%?|\w+(?:[’'-]\w+)*|[^\w\s]")  # TOKEN as written
QUOTE_CHARS = frozenset("“”\"«»„‘’")
# Attributed positions (what someone wants, believes, plans, or what a poll
# shows) rather than speech: named apart in the panel.
POSITION_CUES = frozenset(
    """want wants wanted wanting believe believes believed believing think thinks thought thinking hope hopes
    hoped hoping plan plans planned planning fear fears feared expect expects expected expecting support supports
    supported supporting oppose opposes opposed opposing show shows showed shown showing find finds found finding
    feel feels felt know knows knew see sees saw seem seems seemed appear appears appeared favor favors favored
    favour favours prefer prefers preferred worry worries worried doubt doubts doubted consider considers
    considered view views viewed intend intends intended seek seeks sought aim aims aimed backs backed backing
    endorse endorses endorsed endorsing regard regards regarded suspect suspects suspected indicate indicates
    indicated suggest suggests suggested suggesting estimate estimates estimated""".split()
)



def tokenize(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m[0]) for m in TOKEN.finditer(text)]


_START = itemgetter(0)


def tokens_within(text: str, toks: list[tuple[int, int, str]], starts: list[int] | None, a: int, b: int
                  ) -> list[tuple[int, int, str]]:
    """``tokenize(text[a:b])`` in ``text``'s coordinates, taken from the tokens of the whole ``text`` (``toks``,
    their ``starts``, or None: the tokens searched by their starts): the same words when no word of the whole
    crosses a or b (the pattern reads each word from its first character, and no word reaches past its end),
    else tokenised again."""
    if starts is None:
        i = bisect.bisect_left(toks, a, key=_START)
        k = bisect.bisect_left(toks, b, i, key=_START)
    else:
        i = bisect.bisect_left(starts, a)
        k = bisect.bisect_left(starts, b, i)
    if (i > 0 and toks[i - 1][1] > a) or (k > i and toks[k - 1][1] > b):
        return [(a + s, a + e, w) for s, e, w in tokenize(text[a:b])]
    return toks[i:k]


def in_quotes(toks: list[tuple[int, int, str]], quote_spans: Sequence[tuple[int, int]]) -> list[bool]:
    """For each word (start, end, text), whether it lies inside one of the quotations (in order and apart, as
    ``quotes.quote_spans`` gives them): after its opening mark and before its closing one. Only the words
    of each quotation are looked at."""
    inside = [False] * len(toks)
    if not quote_spans or not toks:
        return inside
    for qa, qb in quote_spans:
        # the words starting after qa and before qb (searched by their starts), less those that end at qb or after:
        # the last few (the words are in order and apart, so their ends rise too), all marked at once
        i = bisect.bisect_right(toks, qa, key=_START)
        k = bisect.bisect_left(toks, qb, i, key=_START)
        while k > i and toks[k - 1][1] >= qb:
            k -= 1
        inside[i:k] = _TRUE * (k - i)
    return inside


_TRUE = [True]


def _bucket(d: int) -> str:
    """A distance in words as the models read it: 0-3 exactly, then 5, 8, 15, 30 and 99 for anything further."""
    if d <= 3:
        return str(d)
    if d <= 5:
        return "5"
    if d <= 8:
        return "8"
    if d <= 15:
        return "15"
    return "30" if d <= 30 else "99"


@lru_cache(maxsize=65536)
def _shape(w: str) -> str:
    if w[0].isdigit():
        return "9"
    if not w[0].isalnum():
        return "q" if w in QUOTE_CHARS else w
    if w.isupper() and len(w) > 1:
        return "AA"
    if w[0].isupper():
        return "Aa"
    return "a"


@dataclass
class Found:
    """One attribution in block coordinates."""

    content: tuple[int, int]
    source: tuple[int, int] | None
    cue: tuple[int, int]
    cue_text: str
    score: float = 1.0  # the verifier's probability that the attribution is right
    features: list[str] = field(default_factory=list)  # the verifier's features (kept for training)
