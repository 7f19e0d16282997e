"""The role model's word scores as numpy tables: every cue of a run of paragraphs scored at once.

The role model (``attribution.role_features``) gives each word near a cue a score per class (Source,
Content, neither): the sum of the weights of its features. Those features are functions of a handful of
small things: the word and its neighbours with the side of the cue ("w|s=", "p1|s=", "n1|s="), the cue
and the words next to it ("cue|s=", "cp1=", "cn1="), and (side, distance bucket, punctuation between,
shape, quoted) alone or with the cue ("sd=", "cue|sd=", "sh|pb=", ...). Each group is a table here,
indexed by small integers (a word's id, a shape's id, a cue's id), so a word's score is a few gathers
and additions over arrays holding every word of every cue of a run of paragraphs, instead of a dozen
dictionary look-ups per word in Python.

The additions are the ones ``roles_slow`` makes over the feature strings, in the same order, from the
same weights (a feature the model has no weight for adds 0.0, which changes no sum): the scores are the
same numbers to the last bit, so every label and margin is the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np

from reader.analysis.attribution_base import QUOTE_CHARS, _bucket
from reader.analysis.forms import FormColumn, numbers_of
from reader.analysis.loading import names_of as _names
from reader.analysis.loading import text_array as _text

if TYPE_CHECKING:
    from reader.analysis.attribution import AttributionModel, Sentence

PUNCT = frozenset((",", ":", ";", "—", "–", "(", ")")) | QUOTE_CHARS  # what attribution.punct_prefix counts
BUCKETS = ["0", "1", "2", "3", "5", "8", "15", "30", "99"]  # _bucket's values, in order
_NB = len(BUCKETS)
# the words of the cues scored at once (``roles_many``): the arrays of one run (a few dozen of 16,384 rows of up
# to three numbers) stay in a core's 2 MB cache; War and Peace's megabyte, 224,000 words in four runs of
# 30,000-78,000: 98 -> 66 ms (at 30,000 words a run: 88 ms, at 8,000: 70)
CHUNK = 16_384


def _bucket_ids() -> np.ndarray:
    return np.array([BUCKETS.index(_bucket(d)) for d in range(100)], dtype=np.intp)


def build_arrays(role_w: dict[str, list[float]], classes: Sequence[str]) -> dict[str, np.ndarray]:
    """The role weights (feature string -> a weight per class) as the arrays ``RoleTables`` reads, every
    table whole: the word tables, the position tables, every cue's own tables and the cue's sums' parts
    ("b", "cue|s=", "cp1=", "cn1="). A feature the model has no weight for is 0.0 in them."""
    k = len(classes)
    zero = np.zeros(k)

    def vec(f: str) -> np.ndarray:
        v = role_w.get(f)
        return zero if v is None else np.asarray(v, dtype=np.float64)

    # the word features by side: "w|s=said|L" -> tables["L"][0]["said"]
    tables: dict[str, tuple[dict[str, list[float]], ...]] = {side: ({}, {}, {}) for side in "LR"}
    for f, v in role_w.items():
        for t, prefix in enumerate(("w|s=", "p1|s=", "n1|s=")):
            if f.startswith(prefix) and f[-2:] in ("|L", "|R"):
                tables[f[-1]][t][f[len(prefix):-2]] = v
    # words (ids from 1; 0: a word no feature names), and the three word tables by side
    words: dict[str, int] = {}
    for side in "LR":
        for tab in tables[side]:
            for w in tab:
                words.setdefault(w, len(words) + 1)
    nwords = len(words) + 1
    word_tab = np.zeros((3, 2 * nwords, k))  # (w, p1, n1), side * nwords + word
    for n_side, side_name in enumerate("LR"):
        for n_tab, tab in enumerate(tables[side_name]):
            for w, v in tab.items():
                word_tab[n_tab, n_side * nwords + words[w]] = v
    # shapes (ids from 1; 0: a shape no feature names)
    shapes: dict[str, int] = {}
    for f in role_w:
        for prefix in ("sh|s=", "sh|sd=", "sh|pb=", "cshape="):
            if f.startswith(prefix):
                h = f[len(prefix):-2] if prefix == "sh|s=" else f[len(prefix):].rsplit("|", 1)[0]
                if h != "<s>":
                    shapes.setdefault(h, len(shapes) + 1)
    sh_names = ["", *shapes]
    sides = "LR"
    sd = [[s + b for b in BUCKETS] for s in sides]
    pb = [[s + str(p) for p in range(4)] for s in sides]
    qs = [["False" + s, "True" + s] for s in sides]
    out = {"classes": _text(classes), "words": _text(list(words)), "shapes": _text(list(shapes)), "word_tab": word_tab}
    # the cue-independent position tables, flattened: index arithmetic in ``roles_many``
    out["t_sd"] = np.array([[vec("sd=" + x) for x in sd[s]] for s in range(2)]).reshape(-1, k)
    out["t_pb"] = np.array([[vec("pb=" + x) for x in pb[s]] for s in range(2)]).reshape(-1, k)
    out["t_sdpb"] = np.array([[[vec("sd|pb=" + x + "|" + y) for y in pb[s]] for x in sd[s]]
                              for s in range(2)]).reshape(-1, k)
    out["t_shs"] = np.array([[vec("sh|s=" + h + "|" + sides[s]) if h else zero for h in sh_names]
                             for s in range(2)]).reshape(-1, k)
    out["t_q"] = np.array([[vec("q=" + x) for x in qs[s]] for s in range(2)]).reshape(-1, k)
    out["t_qpb"] = np.array([[[vec("q|pb=" + x + "|" + y) for y in pb[s]] for x in qs[s]]
                             for s in range(2)]).reshape(-1, k)
    out["t_shsd"] = np.array([[[vec("sh|sd=" + h + "|" + x) if h else zero for x in sd[s]] for h in sh_names]
                              for s in range(2)]).reshape(-1, k)
    out["t_shpb"] = np.array([[[vec("sh|pb=" + h + "|" + y) if h else zero for y in pb[s]] for h in sh_names]
                              for s in range(2)]).reshape(-1, k)
    out["t_csh"] = np.array([[[vec("cshape=" + h + "|" + x) if h else zero for x in sd[s]] for s in range(2)]
                             for h in [*sh_names, "<s>"]]).reshape(-1, k)
    # every cue the weights name (ids from 1; 0: a cue they do not name, all zeros): its own tables
    # (cue|sd, cue|pb, cue|q, flattened as the position tables) and its "cue|s=" weights by side
    cues: dict[str, int] = {}
    for f in role_w:
        if f.startswith(("cue|sd=", "cue|pb=", "cue|q=", "cue|s=")):
            cues.setdefault(f.partition("=")[2].rsplit("|", 1)[0], len(cues) + 1)
    names = ["", *cues]
    out["cues"] = _text(list(cues))
    out["c_sd"] = np.array([[[vec("cue|sd=" + c + "|" + x) if c else zero for x in sd[s]] for s in range(2)]
                            for c in names]).reshape(-1, k)
    out["c_pb"] = np.array([[[vec("cue|pb=" + c + "|" + x) if c else zero for x in pb[s]] for s in range(2)]
                            for c in names]).reshape(-1, k)
    out["c_q"] = np.array([[[vec("cue|q=" + c + "|" + x) if c else zero for x in qs[s]] for s in range(2)]
                           for c in names]).reshape(-1, k)
    out["c_s"] = np.array([[vec("cue|s=" + c + "|" + side) if c else zero for side in sides] for c in names])
    out["b"] = vec("b")
    # the words before and after the cue ("cp1=", "cn1="), by side
    for name in ("cp1", "cn1"):
        near: dict[str, int] = {}
        for f in role_w:
            if f.startswith(name + "=") and f[-2:] in ("|L", "|R"):
                near.setdefault(f[len(name) + 1:-2], len(near) + 1)
        out[name + "_words"] = _text(list(near))
        out[name] = np.array([[vec(name + "=" + w + "|" + side) if w else zero for side in sides]
                              for w in ["", *near]])
    return out


class RoleTables:
    """The role weights of a model as arrays (``build_arrays``; made once per model, or read from the
    compiled model file)."""

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self.classes = _names(arrays["classes"])
        k = self.k = len(self.classes)
        self.si = self.classes.index("S")
        self.bucket_id = _bucket_ids()
        self.words = {w: i for i, w in enumerate(_names(arrays["words"]), 1)}
        self.nwords = len(self.words) + 1
        self.word_tab = arrays["word_tab"]
        self.start_id = self.words.get("<s>", 0)
        self._word_of = FormColumn(self.words)
        self._punct_of = FormColumn(dict.fromkeys(PUNCT, 1))  # 1 for a word in PUNCT, else 0
        self.end_id = self.words.get("</s>", 0)
        self.shapes = {h: i for i, h in enumerate(_names(arrays["shapes"]), 1)}
        self.ns = len(self.shapes) + 1
        self._shape_of = FormColumn(self.shapes, of="shape")
        self.t_sd, self.t_pb, self.t_sdpb = arrays["t_sd"], arrays["t_pb"], arrays["t_sdpb"]
        self.t_shs, self.t_q, self.t_qpb = arrays["t_shs"], arrays["t_q"], arrays["t_qpb"]
        self.t_shsd, self.t_shpb, self.t_csh = arrays["t_shsd"], arrays["t_shpb"], arrays["t_csh"]
        self.t_head = self._head()
        self.csh_start = self.ns  # "<s>": the cue opens the sentence
        self.cue_ids = {c: i for i, c in enumerate(_names(arrays["cues"]), 1)}
        self.c_sd, self.c_pb, self.c_q = arrays["c_sd"], arrays["c_pb"], arrays["c_q"]
        # the parts of the cue's sums ("b", "cue|s=", "cp1=", "cn1="), by side: added for every cue at once
        self.b, self.c_s, self.cp1, self.cn1 = arrays["b"], arrays["c_s"], arrays["cp1"], arrays["cn1"]
        self._cp1_ids = {w: i for i, w in enumerate(_names(arrays["cp1_words"]), 1)}
        self._cn1_ids = {w: i for i, w in enumerate(_names(arrays["cn1_words"]), 1)}
        if any(len(c) != 1 for c in self.classes):
            raise ValueError(f"role classes of one letter each, not {self.classes}")
        self.class_codes = np.frombuffer("".join([*self.classes, "C"]).encode("ascii"), dtype=np.uint8)  # C: the cue
        if k != self.word_tab.shape[-1]:
            raise ValueError("role tables of another model")

    def _head(self) -> np.ndarray:
        """The first four position sums of a word (sd, pb, sd|pb, sh|s: they depend on its side, distance
        bucket, punctuation between and shape only) added in their order for every such (side, bucket,
        punctuation, shape), flattened: one gather in ``roles_many`` instead of four, the same sums."""
        s = np.arange(2)[:, None, None, None]
        db = np.arange(_NB)[None, :, None, None]
        pb = np.arange(4)[None, None, :, None]
        sh = np.arange(self.ns)[None, None, None, :]
        head = self.t_sd[s * _NB + db] + self.t_pb[s * 4 + pb]
        head = head + self.t_sdpb[(s * _NB + db) * 4 + pb]
        head = head + self.t_shs[s * self.ns + sh]
        return np.ascontiguousarray(head.reshape(-1, self.k))

    def cue_id(self, cue: str) -> int:
        return self.cue_ids.get(cue, 0)

    def _bases(self, bias: Sequence[float], cues: list[int], cp1s: list[int], cn1s: list[int]) -> np.ndarray:
        """For each cue (its id, the ids of the words before and after it), the bias and the sums of the cue's
        features ("b", "cue|s=", "cp1=", "cn1=", added in that order, as ``roles_slow`` adds them), by side: what
        ``role_features`` gives every word of a cue alike. Row ``2 * cue + side``."""
        parts = 0.0 + self.b + self.c_s[cues]
        parts += self.cp1[cp1s]
        parts += self.cn1[cn1s]
        return (np.asarray(bias, dtype=np.float64) + parts).reshape(-1, self.k)

    def roles_many(self, model: AttributionModel, items: Sequence[tuple[Sentence, int, int]]
                   ) -> list[tuple[str, list[float]]]:
        """``model.roles(s, c0, c1)`` for each (s, c0, c1) of ``items``, scored all at once: the words of
        every sentence in one array, every cue's words in another; a run of items of about ``CHUNK`` words
        at a time (each item's scores are its own: the same numbers whatever the items scored with it)."""
        out: list[tuple[str, list[float]]] = []
        i, n = 0, len(items)
        while i < n:
            j, words = i, 0
            while j < n and words < CHUNK:
                words += len(items[j][0].low)
                j += 1
            out += self._roles_run(model, items[i:j])
            i = j
        return out

    def _roles_run(self, model: AttributionModel, items: Sequence[tuple[Sentence, int, int]]
                   ) -> list[tuple[str, list[float]]]:
        """``roles_many`` of a run of items, all at once."""
        if not items:
            return []
        k = self.k
        seen: dict[int, int] = {}  # id(sentence) -> the offset of its words in the arrays of all the words
        sents: list[Sentence] = []
        nw = 0
        lens: list[int] = []
        w_off: list[int] = []
        c0s: list[int] = []
        c1s: list[int] = []
        cues: list[int] = []
        cshs: list[int] = []
        cp1s: list[int] = []
        cn1s: list[int] = []
        cue_ids, shapes, cp1_ids, cn1_ids = self.cue_ids, self.shapes, self._cp1_ids, self._cn1_ids
        for s, a, b in items:
            low = s.low
            n = len(low)
            off = seen.get(id(s))
            if off is None:
                off = seen[id(s)] = nw
                sents.append(s)
                nw += n
            lens.append(n)
            w_off.append(off)
            c0s.append(a)
            c1s.append(b)
            cue_name = low[a] if b - a == 1 else low[a] + "_" + low[b - 1]
            cues.append(cue_ids.get(cue_name, 0))
            cshs.append(shapes.get(s.shape[a - 1], 0) if a > 0 else self.csh_start)
            cp1s.append(cp1_ids.get(low[a - 1] if a > 0 else "<s>", 0))
            cn1s.append(cn1_ids.get(low[b] if b < n else "</s>", 0))
        # every word of the sentences: its id, its neighbours' ids, its shape, quoted, punctuation before it
        fid = np.fromiter(chain.from_iterable(map(numbers_of, sents)), dtype=np.intp, count=nw)
        ids = self._word_of.array().take(fid)  # each word's id: self.words.get(lowered, 0)
        firsts = np.cumsum([0] + [len(s.low) for s in sents[:-1]])
        lasts = np.cumsum([len(s.low) for s in sents]) - 1
        prev = np.empty_like(ids)
        prev[1:] = ids[:-1]
        prev[firsts] = self.start_id
        nxt = np.empty_like(ids)
        nxt[:-1] = ids[1:]
        nxt[lasts] = self.end_id
        sh_all = self._shape_of.array().take(fid)  # shapes.get(shape, 0)
        q_all = np.fromiter(chain.from_iterable(s.in_quote for s in sents), dtype=np.intp, count=nw)
        pp_all = np.zeros(nw + 1, dtype=np.intp)  # punctuation before each word (the differences count)
        np.cumsum(self._punct_of.array().take(fid), out=pp_all[1:])  # each word: lowered in PUNCT
        # every word of every cue's sentence
        lens_a = np.array(lens, dtype=np.intp)
        total = int(lens_a.sum())
        item = np.repeat(np.arange(len(items)), lens_a)
        j = np.arange(total) - (np.cumsum(lens_a) - lens_a)[item]
        c0 = np.array(c0s, dtype=np.intp).take(item)
        c1 = np.array(c1s, dtype=np.intp).take(item)
        base = np.array(w_off, dtype=np.intp).take(item)
        g = base + j  # the word's place in the arrays of all the words
        right = j >= c1
        side = right.view(np.int8).astype(np.intp)
        dist = np.where(right, j - c1 + 1, c0 - j)
        between = np.where(right, pp_all.take(g) - pp_all.take(base + c1), pp_all.take(base + c0) - pp_all.take(g + 1))
        db = self.bucket_id.take(np.clip(dist, 0, 99))
        pb = np.clip(between, 0, 3)
        sh = sh_all.take(g)
        q = q_all.take(g)
        cue = np.array(cues, dtype=np.intp).take(item)
        csh = np.array(cshs, dtype=np.intp).take(item)
        c_sd, c_pb, c_q = self.c_sd, self.c_pb, self.c_q
        s_db = side * _NB + db
        s_pb = side * 4 + pb
        s_sh = side * self.ns + sh
        s_q = side * 2 + q
        # the position sums, feature by feature in role_features' order (attribution._position_sums)
        # (each table's rows gathered with ``take``: the same rows as indexing with the array, several times
        # faster for rows of a few numbers; into one buffer, then added)
        kc = self.t_head.take((s_db * 4 + pb) * self.ns + sh, axis=0)  # sd, pb, sd|pb, sh|s, added (``_head``)
        tmp = np.empty_like(kc)

        def add(to: np.ndarray, table: np.ndarray, rows: np.ndarray) -> None:
            np.add(to, table.take(rows, axis=0, out=tmp), out=to)

        add(kc, c_sd, cue * (2 * _NB) + s_db)
        add(kc, c_pb, cue * 8 + s_pb)
        add(kc, self.t_q, s_q)
        add(kc, self.t_qpb, s_q * 4 + pb)
        add(kc, self.t_shsd, s_sh * _NB + db)
        add(kc, c_q, cue * 4 + s_q)
        add(kc, self.t_shpb, s_sh * 4 + pb)
        add(kc, self.t_csh, csh * (2 * _NB) + s_db)
        # the word sums: w|s, then p1|s, then n1|s
        v = self.nwords
        sv = side * v
        ws = self.word_tab[0].take(sv + ids.take(g), axis=0)
        add(ws, self.word_tab[1], sv + prev.take(g))
        add(ws, self.word_tab[2], sv + nxt.take(g))
        z = self._bases(model.role_bias, cues, cp1s, cn1s).take(item * 2 + side, axis=0)  # bias and the cue's
        # sums, then the words', then the position's
        z += ws
        z += kc
        cls = z.argmax(axis=1)
        si = self.si
        others = [m for m in range(k) if m != si]
        best_other = z[:, others[0]].copy() if len(others) == 1 else np.maximum(z[:, others[0]], z[:, others[1]])
        for m in others[2:]:
            np.maximum(best_other, z[:, m], out=best_other)
        margin = z[:, si] - best_other  # the Source score minus the best other (the largest, whatever the order)
        cue_word = (j >= c0) & (j < c1)
        cls[cue_word] = k
        margin[cue_word] = -99.0
        lab = self.class_codes[cls].tobytes().decode("ascii")
        mar = margin.tolist()
        out = []
        a = 0
        for n in lens:
            out.append((lab[a:a + n], mar[a:a + n]))
            a += n
        return out
