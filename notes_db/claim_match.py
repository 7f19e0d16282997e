"""Is this the same claim? Same figures and key terms, or a near-duplicate sentence.

Two articles report one fact in their own words: "56.1% of them are Party
members" and "Party members make up 56.1 per cent of the total". The figures
are the anchor (normalised: "1.2 million" = "1,200,000", "per cent" = "%");
the key terms (content words, crudely stemmed) say whether the sentences are
about the same thing, so two unrelated sentences that share a number do not
match. Sentences without figures match only when they are near-duplicates.
Pure Python, no Qt, cheap enough to run over every claim in a library.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_SCALES = {"thousand": 1e3, "million": 1e6, "millions": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "billions": 1e9,
           "bn": 1e9, "trillion": 1e12, "tn": 1e12, "hundred": 1e2}
_NUMBER = re.compile(
    r"(?<![\w.,])(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?(?![\w])"
    r"(?P<pct>\s*(?:%|percent\b|per\s+cent\b|percentage points?\b))?"
    r"(?P<scale>\s*(?:thousand|millions?|mn|billions?|bn|trillion|tn|hundred)\b)?",
    re.I,
)
_WORD_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                 "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
                 "dozen": 12}

STOP = frozenset("""
a about above according across after again against all almost along already also although always am among an and
another any are around as at be became because become been before being below between both but by can could did do
does doing down during each either else even ever every few for from further had has have having he her here hers
him his how however i if in into is it its itself just last least less like made make many may me might more most
much must my near nearly new no nor not now of off often on once one only or other our out over own per percent cent
rather said same say says she should since so some still such than that the their them then there these they this
those though through to too under until up upon us very was we were what when where whether which while who whom
whose why will with within without would year years yet you your total number numbers people time times first second
third according reported report reports told tell official officials
""".split())


def _fold(text: str) -> str:
    if text.isascii():  # nothing to decompose (most claims): a tenth of the time
        return text.lower()
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def _stem(w: str) -> str:
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ers", "er"), ("ed", ""), ("es", ""), ("s", ""),
                         ("ly", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: len(w) - len(suffix)] + repl
    return w


def figures(text: str) -> frozenset[str]:
    """Every figure in the text, normalised: {'56.1%', '1200000', '2021'}."""
    out: set[str] = set()
    for m in _NUMBER.finditer(text):
        value = float(m.group("int").replace(",", "") + ("." + m.group("dec") if m.group("dec") else ""))
        if m.group("scale"):
            value *= _SCALES.get(m.group("scale").strip().lower(), 1.0)
        body = f"{value:.6g}" if value < 1e21 else str(value)
        out.add(body + ("%" if m.group("pct") else ""))
    low = _fold(text)
    for w in re.findall(r"[a-z]+", low):
        if w in _WORD_NUMBERS and w not in ("hundred",):
            out.add(f"{_WORD_NUMBERS[w]:.6g}")
    return frozenset(out)


def terms(text: str) -> frozenset[str]:
    """Content words, crudely stemmed, numbers left out."""
    return frozenset(_stem(w) for w in re.findall(r"[a-z][a-z'-]+", _fold(text))
                     if len(w) > 2 and w not in STOP and w not in _WORD_NUMBERS)


@dataclass(frozen=True)
class Signature:
    figures: frozenset[str]
    terms: frozenset[str]


@lru_cache(maxsize=65536)
def signature(text: str) -> Signature:
    return Signature(figures(text), terms(text))


#: Thresholds (chosen on the development half of the pairs in benchmarks/claim_matching.py).
MIN_SHARED_TERMS = 2
FIGURE_TERM_OVERLAP = 0.3  # shared terms / terms of the shorter claim, when the figures agree
DUPLICATE_JACCARD = 0.55  # for claims without figures (or where one left its figure out)


def score(a: str, b: str) -> float:
    """0 (different claims) to 1 (the same words); >= 0.5 means the same claim."""
    return score_signatures(signature(a), signature(b))


def score_signatures(sa: Signature, sb: Signature) -> float:
    """:func:`score` of two texts from their signatures (for callers that keep them)."""
    shared = sa.terms & sb.terms
    union = sa.terms | sb.terms
    if not union:
        return 0.0
    jaccard = len(shared) / len(union)
    overlap = len(shared) / max(1, min(len(sa.terms), len(sb.terms)))
    if sa.figures and sb.figures:
        common = sa.figures & sb.figures
        if not common or len(shared) < MIN_SHARED_TERMS:
            return 0.0
        # a figure one side has and the other contradicts (a different number for the same thing)
        # still counts against: the claims are then related, not the same
        agree = len(common) / min(len(sa.figures), len(sb.figures))
        if agree < 1.0 and overlap < 0.6:
            return 0.0
        return 0.5 + 0.5 * min(1.0, overlap) if overlap >= FIGURE_TERM_OVERLAP else 0.0
    if jaccard >= DUPLICATE_JACCARD:
        return 0.5 + 0.5 * jaccard
    return 0.0


def same_claim(a: str, b: str) -> bool:
    return score(a, b) >= 0.5


def candidates_key(text: str) -> list[str]:
    """Index keys a matching claim is likely to share (its figures and its longest terms),
    so a library is compared against a few candidates, not every claim."""
    return keys_of(signature(text))


def keys_of(s: Signature) -> list[str]:
    """:func:`candidates_key` from a signature."""
    return ["#" + f for f in sorted(s.figures)] + sorted(s.terms, key=lambda t: (-len(t), t))[:6]
