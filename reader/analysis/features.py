"""Sentence features for the check-worthiness classifier.

The same function feeds training (``scripts/train_claims.py``) and the
shipped model at run time, so the two can never drift apart.
"""

from __future__ import annotations

import itertools
import re

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*%?|[a-z]+(?:'[a-z]+)?|[$€£%]")
_YEAR = re.compile(r"^(1[5-9]|20)\d\d$")
SUPERLATIVES = frozenset(
    """most least best worst largest biggest highest lowest first last only greatest smallest fastest
    record unprecedented never ever always all every none no""".split()
)


def _shape(tok: str) -> str:
    if tok[0].isdigit():
        if tok.endswith("%"):
            return "<pct>"
        if _YEAR.match(tok):
            return "<year>"
        return "<num>"
    return tok


_COMPARISON = re.compile(r"\b(more|less|fewer|higher|lower|larger|smaller)\s+than\b")
_NUMERIC = frozenset(("<num>", "<pct>", "<year>"))


def features(sentence: str) -> list[str]:
    """Unigrams and bigrams over number-shaped tokens, plus a few cues."""
    low = sentence.lower()
    toks = [_shape(t) if t[0].isdigit() else t for t in _TOKEN.findall(low)]
    feats = toks + [a + " " + b for a, b in itertools.pairwise(toks)]
    n = len(toks)
    feats.append(f"<len{min(n // 8, 5)}>")
    bag = set(toks)
    if bag & _NUMERIC:
        feats.append("<has-number>")
    if bag & SUPERLATIVES or any(len(t) > 5 and t.endswith("est") for t in bag):
        feats.append("<superlative>")
    if "than" in bag and _COMPARISON.search(low):
        feats.append("<comparison>")
    if toks and toks[0] in ("i", "we", "you", "let"):
        feats.append(f"<starts-{toks[0]}>")
    if sentence.rstrip().endswith("?"):
        feats.append("<question>")
    return feats
