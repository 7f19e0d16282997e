"""The cue model's weights as numpy tables: every candidate cue word of a run of sentences scored at once.

The cue model (``attribution.cue_features``) sums, for a word that has been a cue in training ("said",
"according", ":"), the weights of 21 features made of small parts: the word and its two neighbours on each
side (lowered), the neighbours' shapes, its place in the sentence (a distance bucket), whether it is quoted,
how many quotation marks the sentence holds, whether it opens its paragraph, quotation marks near it. Here
every part is a small integer (a word's id, a shape's id, a bucket, 0/1) and each template a table: dense
(an array indexed by the id) for the one-part templates, sorted keys (the parts' ids combined into one
integer) for the others, so the weights of all the candidates of a run of sentences are a few gathers and
binary searches over arrays instead of 21 dictionary look-ups per word in Python.

The additions are the ones ``AttributionModel.cue_prob`` makes, template by template in ``cue_features``'
order, from the same weights (a feature the model has no weight for adds 0.0, which changes no sum); the
logistic function is then taken with ``math.exp`` on each sum as there: the probabilities are the same
numbers to the last bit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import chain, combinations
from typing import TYPE_CHECKING

import numpy as np

from reader.analysis.attribution_base import _bucket
from reader.analysis.forms import FormColumn, numbers_of
from reader.analysis.loading import names_of as _names
from reader.analysis.loading import text_array as _text

if TYPE_CHECKING:
    from reader.analysis.attribution import Sentence

BUCKETS = ["0", "1", "2", "3", "5", "8", "15", "30", "99"]  # _bucket's values, in order
_BOOL = {"False": 0, "True": 1}
_HASQ = {"0": 0, "1": 1, "2": 2}
# cue_features' templates in order, each with the kinds of its parts: a word (lowered), a shape, a distance
# bucket, a truth value, a count of quotation marks (0, 1, 2 or more)
TEMPLATES: tuple[tuple[str, str], ...] = (
    ("b", ""), ("w", "w"), ("p1", "w"), ("p2", "w"), ("n1", "w"), ("n2", "w"), ("w|p1", "ww"), ("w|n1", "ww"),
    ("w|ps1", "ws"), ("w|ns1", "ws"), ("w|pos", "wb"), ("w|left", "wb"), ("w|inq", "wt"), ("w|hasq", "wh"),
    ("w|para0", "wt"), ("sh", "s"), ("p1|n1", "ww"), ("w|p1|n1", "www"), ("w|qnear", "wt"), ("w|qafter", "wt"),
    ("w|ps2", "ws"),
)
_SMALL = {"b": {b: k for k, b in enumerate(BUCKETS)}, "t": _BOOL, "h": _HASQ}


def _cuts(rest: str, parts: int) -> list[tuple[str, ...]]:
    """Every way of reading ``rest`` as ``parts`` parts joined by "|" (a part can hold "|" itself)."""
    if parts == 1:
        return [(rest,)]
    if rest.count("|") == parts - 1:
        return [tuple(rest.split("|"))]
    bars = [k for k, c in enumerate(rest) if c == "|"]
    out = []
    for cut in combinations(bars, parts - 1):
        ends = [-1, *cut, len(rest)]
        out.append(tuple(rest[ends[m] + 1:ends[m + 1]] for m in range(parts)))
    return out


def build_arrays(cue_w: dict[str, float], vocab: frozenset[str]) -> dict[str, np.ndarray]:
    """The cue weights (feature string -> weight) and the candidate words as the arrays ``CueTables`` reads."""
    by_name = {name: kinds for name, kinds in TEMPLATES}
    parsed: dict[str, list[tuple[tuple[str, ...], float]]] = {name: [] for name, _ in TEMPLATES}
    words: dict[str, int] = {}  # ids from 1 (0: a word no feature names)
    shapes: dict[str, int] = {}
    for f, v in cue_w.items():
        name, _, rest = f.partition("=")
        kinds = by_name.get(name)
        if kinds is None or name == "b":
            continue
        for parts in _cuts(rest, len(kinds)):
            if all(k not in _SMALL or p in _SMALL[k] for k, p in zip(kinds, parts, strict=True)):
                parsed[name].append((parts, v))
                for k, p in zip(kinds, parts, strict=True):
                    if k == "w":
                        words.setdefault(p, len(words) + 1)
                    elif k == "s":
                        shapes.setdefault(p, len(shapes) + 1)
    for w in sorted(vocab):
        words.setdefault(w, len(words) + 1)
    shapes.setdefault("q", len(shapes) + 1)  # a quotation mark's (counted whether or not a feature names it)
    nw, ns = len(words) + 1, len(shapes) + 1
    radix = max(nw, ns, len(BUCKETS), 3) + 1
    is_cue = np.zeros(nw, dtype=bool)
    is_cue[[words[w] for w in vocab]] = True
    out = {"words": _text(list(words)), "shapes": _text(list(shapes)), "is_cue": is_cue,
           "bias": np.array(float(cue_w.get("b", 0.0))), "radix": np.array(radix, dtype=np.int64)}

    def part_id(kind: str, part: str) -> int:
        return words[part] if kind == "w" else shapes[part] if kind == "s" else _SMALL[kind][part]

    # a dense array for a one-part template, sorted keys (the parts' ids combined) and their weights for more
    for name, kinds in TEMPLATES[1:]:
        rows = parsed[name]
        if len(kinds) == 1:
            dense = np.zeros(nw if kinds == "w" else ns)
            for (p,), v in rows:
                dense[part_id(kinds, p)] = v
            out[name] = dense
            continue
        keys = []
        for parts, _ in rows:
            key = 0
            for k, p in zip(kinds, parts, strict=True):
                key = key * radix + part_id(k, p)
            keys.append(key)
        key_a = np.array(keys, dtype=np.int64)
        order = np.argsort(key_a, kind="stable")
        out[name] = key_a[order]
        out[name + ".w"] = np.array([v for _, v in rows], dtype=np.float64)[order]
    return out


class CueTables:
    """The cue weights of a model and its candidate words as arrays (``build_arrays``; made once per model,
    or read from the compiled model file)."""

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self.words = {w: i for i, w in enumerate(_names(arrays["words"]), 1)}
        self.shapes = {h: i for i, h in enumerate(_names(arrays["shapes"]), 1)}
        self.is_cue = arrays["is_cue"]
        self.bias = float(arrays["bias"])
        self.radix = int(arrays["radix"])
        self.w_start, self.w_end = self.words.get("<s>", 0), self.words.get("</s>", 0)
        self._word_of = FormColumn(self.words)
        self._shape_of = FormColumn(self.shapes, of="shape")
        self.s_start, self.s_end = self.shapes.get("<s>", 0), self.shapes.get("</s>", 0)
        self.bucket_id = np.array([BUCKETS.index(_bucket(d)) for d in range(100)], dtype=np.int64)
        # (dense array, None) for one part, (sorted keys, their weights) for more
        self.tables: list[tuple[np.ndarray, np.ndarray | None]] = [
            (arrays[name], arrays[name + ".w"] if len(kinds) > 1 else None) for name, kinds in TEMPLATES[1:]]

    def probs(self, sentences: Sequence[Sentence]) -> list[list[tuple[int, float]]]:
        """For each sentence, its candidate cue words (in ``vocab``) with the cue model's probability:
        ``[(i, model.cue_prob(s, i)) for i, w in enumerate(s.low) if w in vocab]``, for all at once."""
        out: list[list[tuple[int, float]]] = [[] for _ in sentences]
        if not sentences:
            return out
        lens = np.fromiter(map(len, (s.low for s in sentences)), dtype=np.int64, count=len(sentences))
        total = int(lens.sum())
        if total == 0:
            return out
        fid = np.fromiter(chain.from_iterable(map(numbers_of, sentences)), dtype=np.int64, count=total)
        wid = self._word_of.array().take(fid)  # each word's id: self.words.get(lowered, 0)
        where = np.flatnonzero(self.is_cue.take(wid))
        if not len(where):
            return out
        sid = self._shape_of.array().take(fid)  # each word's shape's id: self.shapes.get(shape, 0)
        inq = np.fromiter(chain.from_iterable(s.in_quote for s in sentences), dtype=np.int64, count=total)
        qs = np.zeros(total + 1, dtype=np.int64)  # quotation marks before each word (their shape is "q")
        np.cumsum(sid == self.shapes["q"], out=qs[1:])
        ends = np.cumsum(lens)
        starts = ends - lens
        sent = np.searchsorted(ends, where, side="right")  # each candidate's sentence
        o = starts[sent]
        n = lens[sent]
        g = where
        i = g - o
        para = np.fromiter((s.para_start for s in sentences), dtype=bool, count=len(sentences))[sent]
        quotes = np.fromiter((s.quotes for s in sentences), dtype=np.int64, count=len(sentences))[sent]
        has1, has2 = i > 0, i > 1
        nxt1, nxt2 = i + 1 < n, i + 2 < n
        w = wid[g]
        p1 = np.where(has1, wid[g - 1], self.w_start)
        p2 = np.where(has2, wid[g - 2], self.w_start)
        n1 = np.where(nxt1, wid[np.minimum(g + 1, total - 1)], self.w_end)
        n2 = np.where(nxt2, wid[np.minimum(g + 2, total - 1)], self.w_end)
        ps1 = np.where(has1, sid[g - 1], self.s_start)
        ns1 = np.where(nxt1, sid[np.minimum(g + 1, total - 1)], self.s_end)
        ps2 = np.where(has2, sid[g - 2], self.s_start)
        pos = self.bucket_id[np.minimum(i, 99)]
        left = self.bucket_id[np.minimum(n - 1 - i, 99)]
        hasq = np.minimum(quotes, 2)
        para0 = (para & (i < 6)).astype(np.int64)
        qnear = (qs[g] - qs[g - np.minimum(i, 3)] > 0).astype(np.int64)
        qafter = (qs[np.minimum(g + 3, o + n)] - qs[g + 1] > 0).astype(np.int64)
        parts = {"w": (w,), "p1": (p1,), "p2": (p2,), "n1": (n1,), "n2": (n2,), "w|p1": (w, p1), "w|n1": (w, n1),
                 "w|ps1": (w, ps1), "w|ns1": (w, ns1), "w|pos": (w, pos), "w|left": (w, left),
                 "w|inq": (w, inq[g]), "w|hasq": (w, hasq), "w|para0": (w, para0), "sh": (sid[g],),
                 "p1|n1": (p1, n1), "w|p1|n1": (w, p1, n1), "w|qnear": (w, qnear), "w|qafter": (w, qafter),
                 "w|ps2": (w, ps2)}
        z = np.full(len(g), self.bias)
        for (name, _), (tab, vals) in zip(TEMPLATES[1:], self.tables, strict=True):
            ids = parts[name]
            if vals is None:
                z += tab[ids[0]]
                continue
            key = ids[0]
            for x in ids[1:]:
                key = key * self.radix + x
            if not len(tab):
                z += 0.0
                continue
            at = np.minimum(np.searchsorted(tab, key), len(tab) - 1)
            z += np.where(tab[at] == key, vals[at], 0.0)
        exp = math.exp
        for k, zk, ik in zip(sent.tolist(), z.tolist(), i.tolist(), strict=True):
            out[k].append((ik, 1.0 / (1.0 + exp(-max(-30.0, min(30.0, zk))))))
        return out
