"""The shipped CRF (``attribution_crf``) run in numpy: the same model, the same labels, without crfsuite.

Why: python-crfsuite reads each word's features as strings (about 25 per word, 5 million per megabyte) that
Python has to build, and tags one paragraph per call. Here the model's weights are read once from its file
into a table (one row of label weights per attribute), each word form is looked up once per process, and a
run of paragraphs is scored and decoded at once, as array operations.

Exactness: a word's score for each label is crfsuite's sum of its attributes' weights, added in the same
order (its own features, summed once per word form, then its neighbours', then the rest); Viterbi takes the
first best predecessor as crfsuite does. Paragraphs are packed into rows of ``width`` words and decoded
row by row at once; a paragraph longer than a row goes on over several, its best scores carried from one
row to the next (``_viterbi``). The marginals come from a scaled forward-backward pass laid out the same way.
``tests/test_crf_numpy.py`` checks labels and marginals against crfsuite itself.

A long text brings thousands of word forms, each made once (its features, their weights): the forms of the
training articles are made already, in a table shipped beside the model (``Tagger.read_table``, written by
``scripts/train_attribution.py crf-forms``), read when a text brings ``TABLE_AT`` new forms at once.

The features are ``attribution_crf.encoded``'s (the strings crfsuite is given at training), made here from
the same functions: each word form's own features and its features as a neighbour (``_Word``); the word
pairs (p1w, wn1); and the flags (quoted, opens a sentence, in the first sentence, distance to a likely cue).
"""

from __future__ import annotations

import bisect
import logging
import math
import os
import struct
import zlib
from collections.abc import Callable, Sequence
from itertools import chain, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any, cast

# numpy's BLAS would start a thread per core when loaded: a process with threads may not fork (the analysis of
# a long text forks a helper, ``parallel.can_fork``), and the products here are 7 by 7
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
import numpy.typing as npt

log = logging.getLogger("reader.analysis.crf_numpy")

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
BOOL = npt.NDArray[np.bool_]

#: which neighbour each of a word form's features as a neighbour (``Word``'s second part: p1, n1, p2, n2, ps1,
#: ns1, psh, nsh) is read from: -1 the word before, +1 the word after, -2, +2
_NEIGHBOUR = (-1, 1, -2, 2, -1, 1, -1, 1)
_TEXT = itemgetter(2)  # a word's text (start, end, text)
NARROW, WIDE = 32, 256  # the fewest and the most words per row (``width``)


def width(words: int) -> int:
    """Words per row for a run of ``words`` words: about the square root of half of them, a multiple of 8 from
    ``NARROW`` to ``WIDE``. A paragraph longer than a row is carried over rows (see _viterbi), at about seven times
    the cost of its words, and each step along the rows costs some 30 microseconds however few rows it runs over:
    a few hundred paragraphs (a part of a long text, a news article) take narrow rows, a thousand wide ones (War and
    Peace's megabyte in runs of 20, 100, 300 and 1,024 paragraphs, Viterbi and forward-backward: 0.46, 0.22, 0.15 and
    0.12 s CPU; 0.69, 0.25, 0.16 and 0.12 with rows of 96 words whatever the run)."""
    return min(WIDE, max(NARROW, -(-math.isqrt(words // 2) // 8) * 8))
TABLE_AT = 1_000  # new word forms in one call that make the tagger read its table of forms (``Tagger.read_table``)


def _cqdb_names(data: bytes, off: int, n: int) -> list[bytes]:
    """The strings of a CQDB chunk at ``off`` holding ``n`` of them, in the order of their ids: each entry is its
    id, its size and its bytes with a closing NUL, one after another, and a table after the hash tables gives
    where each id's entry starts."""
    chunk, _, _, _, count, bwd = struct.unpack_from("<4s5I", data, off)
    if chunk != b"CQDB" or count != n:
        raise ValueError("not a CQDB chunk")
    if n == 0:
        return []
    at = np.frombuffer(data, dtype="<u4", count=n, offset=off + bwd).astype(np.int64) + off
    raw = np.frombuffer(data, dtype=np.uint8)
    size = (raw[at + 4].astype(np.int64) | raw[at + 5].astype(np.int64) << 8 | raw[at + 6].astype(np.int64) << 16
            | raw[at + 7].astype(np.int64) << 24)  # with its NUL
    return [data[a + 8:a + 7 + z] for a, z in zip(at.tolist(), size.tolist(), strict=True)]


class Model:
    """A CRFsuite model (1st-order, crf1d) as arrays: ``labels``, ``attrs`` (name -> id), ``weights`` (one row
    per attribute, one column per label, and a last row of zeros that stands for an attribute the model does
    not know) and ``trans`` (from label, to label)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        data = path.read_bytes()
        magic, _, kind, _, _, n_labels, n_attrs, off_feat, off_labels, off_attrs, _, _ = \
            struct.unpack_from("<4sI4s9I", data, 0)
        if magic != b"lCRF" or kind != b"FOMC":
            raise ValueError(f"{path.name} is not a CRFsuite model")
        self.labels = [x.decode() for x in _cqdb_names(data, off_labels, n_labels)]
        self.names = [x.decode("utf-8", "surrogateescape") for x in _cqdb_names(data, off_attrs, n_attrs)]
        self.ids: dict[str, int] = dict(zip(self.names, range(n_attrs), strict=True))
        chunk, _, n_feat = struct.unpack_from("<4sII", data, off_feat)
        if chunk != b"FEAT":
            raise ValueError(f"{path.name}: no features")
        feats = np.frombuffer(data, dtype=np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("w", "<f8")]),
                              count=n_feat, offset=off_feat + 12)
        k = len(self.labels)
        self.zero = n_attrs  # the row of an attribute the model does not know
        self.weights: F64 = np.zeros((n_attrs + 1, k))
        state = feats[feats["type"] == 0]
        self.weights[state["src"].astype(np.int64), state["dst"].astype(np.int64)] = state["w"]
        self.trans: F64 = np.zeros((k, k))
        edge = feats[feats["type"] == 1]
        self.trans[edge["src"].astype(np.int64), edge["dst"].astype(np.int64)] = edge["w"]

    @property
    def attrs(self) -> dict[bytes, int]:
        """Each attribute's id by its name as bytes (as crfsuite reads it)."""
        return {name.encode("utf-8", "surrogateescape"): i for name, i in self.ids.items()}

    def attr(self, name: str) -> int:
        return self.ids.get(name, self.zero)


#: A word form's features (``attribution_crf.word_parts``): its own features and its features as a neighbour
#: (p1, n1, p2, n2, ps1, ns1, psh, nsh), and whether it is a likely cue.
Word = Callable[[str], tuple[Sequence[str], Sequence[str], bool]]


class Tagger:
    """Tags runs of paragraphs with a ``Model``, given each paragraph's words, sentence ids and quotation flags
    (``attribution_crf.paragraph_tokens``). ``word`` makes a word form's features; ``flags`` names the other
    features (q=, first=, sent0=, dl=, dr=); ``mark``, when given, tells of a word form whether it is one the
    caller counts (``tag_codes`` gives how many of a paragraph's first words are marked)."""

    def __init__(self, model: Model, word: Word, flags: Sequence[str], table: Path | None = None,
                 mark: Callable[[str], bool] | None = None) -> None:
        self.model = model
        self.mark = mark
        self.marked: BOOL = np.zeros(0, dtype=bool)  # each form's mark
        self.table = table  # the word forms of the training articles made already (``write_table``), read when a
        self.table_read = table is None  # text brings ``TABLE_AT`` new forms at once (a long text)
        self.word = word
        self.flags = flags
        self.k = len(model.labels)
        self.exp_trans: F64 = np.exp(model.trans)
        self.flag = {f: model.attr(f) for f in flags}
        self.ids = model.ids
        # each word form seen: its id, its own features' summed weights, its features as a neighbour (attribute
        # ids), whether it is a likely cue, its number in the word pairs' vocabulary (``pid``, below)
        # (each table holds room for more forms than ``form`` has: the rows past ``len(form)`` are never read, and a
        # run that brings new forms writes them into that room; the tables are copied only when it runs out, into
        # twice the room: ``_add``)
        self.form: dict[str, int] = {}
        self.own: F64 = np.zeros((0, self.k))
        self.ctx_t: I64 = np.zeros((8, 0), dtype=np.int64)  # (feature, form): a row per neighbour feature
        self.cue: BOOL = np.zeros(0, dtype=bool)
        # the word pairs the model knows ("p1w=a|b", "wn1=a|b"), as numbers a * len(vocab) + b, in order (a
        # name with more than one "|" is entered at each: a pair (a, b) matches it only if "a|b" is the name)
        split: dict[str, tuple[list[str], list[str], list[int]]] = {}
        for kind in ("p1w=", "wn1="):
            left: list[str] = []
            right: list[str] = []
            attr: list[int] = []
            for i, name in enumerate(model.names):
                if not name.startswith(kind):
                    continue
                rest = name[4:]
                at = rest.find("|")
                while at >= 0:
                    if 0 < at < len(rest) - 1:
                        left.append(rest[:at])
                        right.append(rest[at + 1:])
                        attr.append(i)
                    at = rest.find("|", at + 1)
            split[kind] = (left, right, attr)
        vocab = {w: k for k, w in enumerate(dict.fromkeys(chain.from_iterable(x[0] + x[1] for x in split.values())))}
        found = {kind: list(zip(map(vocab.__getitem__, left), map(vocab.__getitem__, right), attr, strict=True))
                 for kind, (left, right, attr) in split.items()}
        self.vocab = vocab
        self.pairs: dict[str, _PairTable] = {}
        for kind, rows in found.items():
            arr = np.array(rows, dtype=np.int64).reshape(-1, 3)
            self.pairs[kind] = _PairTable(arr[:, 0] * len(vocab) + arr[:, 1], arr[:, 2], model.zero)
        self.pid: I64 = np.zeros(0, dtype=np.int64)  # each form's number in ``vocab`` (-1: in no known pair)
        self._forms(["<s>", "</s>"])

    def _forms(self, words: Sequence[str]) -> None:
        """Add new word forms to the tables."""
        self._add(words, *self.rows(words))

    def rows(self, words: Sequence[str]) -> tuple[F64, I64, BOOL, I64]:
        """What the tables hold of each of ``words``: its own features' summed weights, its features as a neighbour
        (attribute ids), whether it is a likely cue and its number in the word pairs' vocabulary (-1: none)."""
        zero = self.model.zero
        ids = self.ids.get
        made = [self.word(w) for w in words]
        n = len(made)
        count = np.fromiter(map(len, map(itemgetter(0), made)), dtype=np.int64, count=n)
        width = max(1, int(count.max(initial=0)))
        # each form's own features' attribute ids in a row, the rest of the row the zero row: all looked up at once
        own_ids = np.full((n, width), zero, dtype=np.int64)
        flat = list(chain.from_iterable(map(itemgetter(0), made)))
        own_ids[np.arange(width) < count[:, None]] = np.fromiter(map(ids, flat, repeat(zero, len(flat))),
                                                                 dtype=np.int64, count=len(flat))
        # crfsuite's order: the first attribute's weight, plus the second's, ... (an unknown adds 0.0: no change)
        w = self.model.weights
        own = w[own_ids[:, 0]].copy()
        for c in range(1, width):
            own += w[own_ids[:, c]]
        ctx = np.fromiter(map(ids, chain.from_iterable(map(itemgetter(1), made)), repeat(zero, 8 * n)),
                          dtype=np.int64, count=8 * n).reshape(-1, 8)
        pid = np.array([self.vocab.get(w.lower(), -1) for w in words], dtype=np.int64)
        return own, ctx, np.array([c for _, _, c in made], dtype=bool), pid

    def _add(self, words: Sequence[str], own: F64, ctx: I64, cue: BOOL, pid: I64, room: int = 0) -> None:
        """Add forms' rows after the rows there are, in the tables' room (made twice as large, or ``room`` more
        than needed, when it runs out: a long text's runs each bring a few hundred new forms, and copying every
        table for each run cost more than the rows added: War and Peace's megabyte in 14 parts, ~20 ms CPU)."""
        base = len(self.form)
        end = base + len(words)
        if end > len(self.pid):
            size = max(end + room, 2 * len(self.pid))

            def grown(a: npt.NDArray[Any], axis: int = 0) -> npt.NDArray[Any]:
                shape = list(a.shape)
                shape[axis] = size
                out = np.zeros(shape, dtype=a.dtype)
                if axis:
                    out[:, :base] = a[:, :base]
                else:
                    out[:base] = a[:base]
                return out

            self.pid, self.own, self.cue = grown(self.pid), grown(self.own), grown(self.cue)
            self.ctx_t = grown(self.ctx_t, 1)
            if self.mark is not None:
                self.marked = grown(self.marked)
        self.form.update(zip(words, range(base, end), strict=True))
        self.pid[base:end] = pid
        self.own[base:end] = own
        self.ctx_t[:, base:end] = ctx.T
        self.cue[base:end] = cue
        if self.mark is not None:
            self.marked[base:end] = np.fromiter(map(self.mark, words), dtype=bool, count=len(words))

    def read_table(self) -> bool:
        """Add the forms of the table (``write_table``'s file) that are not in the tables yet, once; False when there
        is none or it was made for another model (each form is then made when first met, as without it). Made
        when first met, War and Peace's 11,600 forms cost 0.07-0.12 s CPU; read, the table's 18,000 cost 10-20 ms."""
        if self.table_read or self.table is None:
            return False
        self.table_read = True
        try:
            with np.load(self.table) as z:
                if int(z["model"]) != zlib.crc32(self.model.path.read_bytes()):
                    log.warning("%s was made for another model: not read (scripts/train_attribution.py crf-forms)",
                                self.table.name)
                    return False
                forms = bytes(z["forms"]).decode().split("\n")
                own, ctx, cue, pid = z["own"], z["ctx"].astype(np.int64), z["cue"], z["pid"].astype(np.int64)
        except (OSError, KeyError, ValueError) as exc:
            log.info("table of word forms unread (%s)", exc)
            return False
        if not (len(forms) == len(own) == len(ctx) == len(cue) == len(pid)) or own.shape[1:] != (self.k,) \
                or ctx.shape[1:] != (8,):
            log.warning("%s is not a table of word forms for this model: not read", self.table.name)
            return False
        known = self.form
        new = [i for i, w in enumerate(forms) if w not in known]  # a form made already keeps its row
        if len(new) < len(forms):
            forms, own, ctx, cue, pid = [forms[i] for i in new], own[new], ctx[new], cue[new], pid[new]
        # (room for the forms a long text brings besides: in a forked helper too, each process adding its own)
        self._add(forms, own, ctx, cue.astype(bool), pid, room=len(forms) // 2 + 4096)
        return True

    def write_table(self, words: Sequence[str], path: Path) -> None:
        """The table of ``words`` (the training articles' word forms) that ``read_table`` reads: each form's rows
        as ``rows`` makes them, and the model's checksum."""
        words = list(dict.fromkeys(words))
        if any("\n" in w for w in words):
            raise ValueError("a word form with a line break")
        own, ctx, cue, pid = self.rows(words)
        with path.open("wb") as fh:
            np.savez(fh, forms=np.frombuffer("\n".join(words).encode(), dtype=np.uint8), own=own,
                     ctx=ctx.astype(np.int32), cue=cue, pid=pid.astype(np.int32),
                     model=np.int64(zlib.crc32(self.model.path.read_bytes())))

    def emissions(self, seqs: Sequence[tuple[Sequence[tuple[int, int, str]], Sequence[int], Sequence[bool]]]
                  ) -> F64:
        """Each word's score for each label, the paragraphs one after another (``seqs``: each paragraph's words,
        sentence ids and quotation flags; none empty)."""
        return self._emissions(seqs)[0]

    def _emissions(self, seqs: Sequence[tuple[Sequence[tuple[int, int, str]], Sequence[int], Sequence[bool]]]
                   ) -> tuple[F64, I64]:
        """``emissions`` and each word's form (its number in the tables)."""
        if len(self.form) > 200_000:  # a bound on what a long-running process keeps
            self.__init__(self.model, self.word, self.flags, self.table, self.mark)  # type: ignore[misc]
        form = self.form
        lengths = [len(toks) for toks, _, _ in seqs]
        n, p = sum(lengths), len(seqs)
        # (the words' texts listed first, then looked up: cheaper than one chain of maps, and kept for the misses)
        words = list(map(_TEXT, chain.from_iterable(toks for toks, _, _ in seqs)))
        fids = np.fromiter(map(form.get, words, repeat(-1, n)), dtype=np.int64, count=n)
        miss = np.flatnonzero(fids < 0).tolist()  # the words of forms not met yet (a few in a hundred): only
        if miss:  # they are looked up again
            new = list(dict.fromkeys(map(words.__getitem__, miss)))
            if len(new) >= TABLE_AT and self.read_table():
                new = [w for w in new if w not in form]
            if new:
                self._forms(new)
            fids[miss] = list(map(form.__getitem__, map(words.__getitem__, miss)))
        # the paragraphs laid end to end, each between two <s> and two </s> as crfsuite's features see them
        para = np.repeat(np.arange(p, dtype=np.int64), lengths)
        j = np.arange(n, dtype=np.int64) + 4 * para + 2  # where each word is
        f = np.full(n + 4 * p, form["<s>"], dtype=np.int64)
        after = np.cumsum(lengths) + 4 * np.arange(p, dtype=np.int64) + 2  # the place after each paragraph
        f[after] = form["</s>"]
        f[after + 1] = form["</s>"]
        f[j] = fids  # all known now
        fj = fids  # (f[j])
        # each attribute's row of weights, gathered into one buffer and added in crfsuite's order (``np.take``
        # into a buffer kept: a new array per feature costs twice the time)
        w = self.model.weights
        e = self.own.take(fj, axis=0)
        tmp = np.empty_like(e)

        def add(attr: I64) -> None:
            np.take(w, attr, axis=0, out=tmp, mode="clip")
            np.add(e, tmp, out=e)

        ctx = self.ctx_t
        near_f = {off: f.take(j + off) for off in (-2, -1, 1, 2)}
        for col, off in enumerate(_NEIGHBOUR):
            add(ctx[col].take(near_f[off]))
        add(self._pairs("p1w=", near_f[-1], fj))
        add(self._pairs("wn1=", fj, near_f[1]))
        fl = self.flag
        # (the flags as bytes joined, a C loop per paragraph: fromiter converted each word's flag in Python)
        inq = np.frombuffer(b"".join([bytes(q) for _, _, q in seqs]), dtype=bool)
        add(np.where(inq, fl["q=1"], fl["q=0"]))
        # where each sentence opens and which words are in a paragraph's first sentence (or before it), found by
        # bisecting each paragraph's sentence ids (they rise): a step per sentence, not per word
        starts: list[int] = []
        runs: list[int] = []
        o = 0
        for (_, sids, _), size in zip(seqs, lengths, strict=True):
            starts.append(o)
            lo, hi = sids[0], sids[-1]
            if hi > lo:
                starts += [o + bisect.bisect_left(sids, v) for v in range(lo + 1, hi + 1)]
            pre = bisect.bisect_right(sids, 0)
            runs += (pre, size - pre)
            o += size
        first = np.zeros(n, dtype=bool)
        first[starts] = True
        add(np.where(first, fl["first=1"], fl["first=0"]))
        sent0 = np.repeat(np.tile(np.array([True, False]), p), runs)
        add(np.where(sent0, fl["sent0=1"], fl["sent0=0"]))
        gsid = np.cumsum(first)  # each word's sentence, counted through the paragraphs
        # the distance to the nearest likely cue on each side, within the sentence
        cue = self.cue.take(fj)
        idx = np.arange(n, dtype=np.int64)
        last = np.maximum.accumulate(np.where(cue, idx, -1))
        prev = np.empty(n, dtype=np.int64)
        prev[0] = -1
        prev[1:] = last[:-1]
        near = np.array([fl["dl=" + str(k)] for k in range(7)] + [fl["dl=x"]], dtype=np.int64)
        ok = (prev >= 0) & (gsid[np.maximum(prev, 0)] == gsid)
        add(near[np.where(ok, np.minimum(6, idx - prev), 7)])
        nxt_all = np.minimum.accumulate(np.where(cue, idx, n)[::-1])[::-1]
        nxt = np.empty(n, dtype=np.int64)
        nxt[-1] = n
        nxt[:-1] = nxt_all[1:]
        near = np.array([fl["dr=" + str(k)] for k in range(7)] + [fl["dr=x"]], dtype=np.int64)
        ok = (nxt < n) & (gsid[np.minimum(nxt, n - 1)] == gsid)
        add(near[np.where(ok, np.minimum(6, nxt - idx), 7)])
        return e, fj

    def _pairs(self, kind: str, left: I64, right: I64) -> I64:
        """The attribute of each pair of word forms (left[i], right[i]) as ``kind``, or the zero row."""
        a, b = self.pid.take(left), self.pid.take(right)
        return self.pairs[kind].get(np.where((a >= 0) & (b >= 0), a * len(self.vocab) + b, -2))

    def _best(self, seqs: Sequence[tuple[Sequence[tuple[int, int, str]], Sequence[int], Sequence[bool]]]
              ) -> tuple[list[int], _Grid, F64, I64, I64]:
        """The paragraphs' lengths, the grid they are laid out on, their emissions laid on it, the best labels
        (Viterbi) of all their words in a row, and their forms."""
        lengths = [len(toks) for toks, _, _ in seqs]
        grid = _Grid(lengths, width(sum(lengths)))
        e, forms = self._emissions(seqs)
        et = grid.lay(e)
        return lengths, grid, et, _viterbi(grid, et, self.model.trans), forms

    def tag(self, seqs: Sequence[tuple[Sequence[tuple[int, int, str]], Sequence[int], Sequence[bool]]],
            need_marginals: bool = True) -> list[tuple[list[int], F64 | None]]:
        """Each paragraph's labels (ids into ``model.labels``) and, when asked, its marginals (one row per word,
        one column per label)."""
        if not seqs:
            return []
        lengths, grid, et, labels, _ = self._best(seqs)
        marg = _marginals(grid, et, self.exp_trans) if need_marginals else None
        out: list[tuple[list[int], F64 | None]] = []
        at = 0
        for n in lengths:
            out.append((labels[at:at + n].tolist(), marg[at:at + n] if marg is not None else None))
            at += n
        return out

    def tag_named(self, seqs: Sequence[tuple[Sequence[tuple[int, int, str]], Sequence[int], Sequence[bool]]],
                  need: Sequence[str]) -> list[tuple[list[str], list[float]]]:
        """Each paragraph's labels (names) and, when one of its labels is in ``need``, the marginal of each word's
        label (1.0 for O), else []."""
        names = self.model.labels
        return [([names[i] for i in labels], marg) for labels, marg in self._tag_chosen(seqs, need)]

    def tag_codes(self, seqs: Sequence[tuple[Sequence[tuple[int, int, str]], Sequence[int], Sequence[bool]]],
                  letters: str, need: Sequence[str]) -> list[tuple[str, list[float], list[int]]]:
        """``tag_named`` with each paragraph's labels as a string of one letter per word (``letters``: one per
        label of ``model.labels``), made for the whole run at once, and with its marginals, a running count of its
        marked words (``mark``): words a..b hold ``counts[b] - counts[a]`` ([] without marginals or ``mark``)."""
        lengths, labels, chosen, forms = self._chosen(seqs, need)
        if not lengths:
            return []
        lut = np.frombuffer(letters.encode("ascii"), dtype=np.uint8)
        text = lut[labels].tobytes().decode("ascii")
        counts: list[int] = []
        if self.mark is not None:
            marked = np.zeros(len(forms) + 1, dtype=np.int64)
            np.cumsum(self.marked[forms], out=marked[1:])
            counts = marked.tolist()
        out: list[tuple[str, list[float], list[int]]] = []
        at = 0
        for n, marg in zip(lengths, chosen, strict=True):
            out.append((text[at:at + n], marg, counts[at:at + n + 1] if marg else []))
            at += n
        return out

    def _tag_chosen(self, seqs: Sequence[tuple[Sequence[tuple[int, int, str]], Sequence[int], Sequence[bool]]],
                    need: Sequence[str]) -> list[tuple[list[int], list[float]]]:
        lengths, labels, chosen, _ = self._chosen(seqs, need)
        ids = labels.tolist()
        out: list[tuple[list[int], list[float]]] = []
        at = 0
        for n, marg in zip(lengths, chosen, strict=True):
            out.append((ids[at:at + n], marg))
            at += n
        return out

    def _chosen(self, seqs: Sequence[tuple[Sequence[tuple[int, int, str]], Sequence[int], Sequence[bool]]],
                need: Sequence[str]) -> tuple[list[int], I64, list[list[float]], I64]:
        """The paragraphs' lengths, the best labels of all their words, each paragraph's marginals of its
        words' labels (1.0 for O) when one of its labels is in ``need``, else [], and the words' forms."""
        if not seqs:
            return [], np.zeros(0, dtype=np.int64), [], np.zeros(0, dtype=np.int64)
        lengths, grid, et, labels, forms = self._best(seqs)
        names = self.model.labels
        wanted = np.isin(labels, [names.index(x) for x in need if x in names])
        starts = np.cumsum([0, *lengths[:-1]])
        has = (np.add.reduceat(wanted, starts) > 0).tolist()
        chosen: list[float] = []
        if any(has):
            m = _marginals(grid, et, self.exp_trans, labels)
            if "O" in names:
                m[labels == names.index("O")] = 1.0
            chosen = m.tolist()
        out: list[list[float]] = []
        at = 0
        for n, h in zip(lengths, has, strict=True):
            out.append(chosen[at:at + n] if h else [])
            at += n
        return lengths, labels, out, forms


class _PairTable:
    """The attribute of each pair code (two word numbers, ``a * len(vocab) + b``) the model knows, in a hash table
    read by numpy (open addressing, the next place on a collision): on War and Peace's 400,000 pairs, 7 ms where
    a binary search of the sorted codes took 33 ms."""

    _MULT = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: the top bits of the code times 2**64 / phi

    def __init__(self, codes: I64, attrs: I64, zero: int) -> None:
        if len(np.unique(codes)) != len(codes):
            raise ValueError("a word pair entered twice")
        self.bits = max(4, (8 * len(codes)).bit_length())  # at most one place in eight taken
        size = 1 << self.bits
        self.mask = size - 1
        self.zero = zero
        self.keys: I64 = np.full(size, -1, dtype=np.int64)
        self.vals: I64 = np.full(size, zero, dtype=np.int64)
        place = self._place(codes)
        todo = np.arange(len(codes))
        while len(todo):  # each code at its place or the first free one after it
            at = place[todo]
            free = self.keys[at] == -1
            _, first = np.unique(at[free], return_index=True)  # one code per free place at a time
            put = todo[free][first]
            self.keys[place[put]] = codes[put]
            self.vals[place[put]] = attrs[put]
            left = np.ones(len(codes), dtype=bool)
            left[put] = False
            todo = todo[left[todo]]
            place[todo] = (place[todo] + 1) & self.mask

    def _place(self, codes: I64) -> I64:
        out: I64 = ((codes.astype(np.uint64) * self._MULT) >> np.uint64(64 - self.bits)).astype(np.int64)
        return out

    def get(self, codes: I64) -> I64:
        """The attribute of each code, the zero row for a code not in the table (a negative code is none)."""
        place = self._place(codes)
        k = self.keys.take(place)
        out: I64 = np.where(k == codes, self.vals.take(place), self.zero)
        miss = np.flatnonzero((k != codes) & (k != -1))
        while len(miss):
            at = (place[miss] + 1) & self.mask
            place[miss] = at
            k = self.keys[at]
            hit = k == codes[miss]
            out[miss[hit]] = self.vals[at[hit]]
            miss = miss[~hit & (k != -1)]
        return out


class _Grid:
    """Paragraphs packed into rows of ``width`` words: a paragraph of a row's width or longer starts a row of its own
    and goes on over the next rows (each such row ``cont``: its first word is not a paragraph's first); a shorter
    one goes where it fits best, after the words of the row with the least room left that holds it (else on a new
    row): rows filled in the order of the paragraphs left 20% of the grid empty on War and Peace. Places before or
    after the words are padding, each a paragraph of its own. Arrays over the grid are laid out (place in row,
    label, row): each step along the rows is one contiguous slice, and sums and maxima over labels run over its
    first axis."""

    def __init__(self, lengths: Sequence[int], width: int) -> None:
        room: list[list[int]] = [[] for _ in range(width)]  # the rows with 1 .. width - 1 places left at their end
        sizes: list[int] = []  # the room sizes that some row has, in order (searched instead of every size in turn)
        at: list[int] = []  # each paragraph's first place (row * width + column)
        rows = 0

        def add(left: int, row: int) -> None:
            if not room[left]:
                bisect.insort(sizes, left)
            room[left].append(row)

        for n in lengths:
            if n >= width:
                at.append(rows * width)
                rows += -(-n // width)
                left = rows * width - at[-1] - n
                if left:
                    add(left, rows - 1)
                continue
            i = bisect.bisect_left(sizes, n)  # the least room that holds it
            if i < len(sizes):
                f = sizes[i]
                r = room[f].pop()
                if not room[f]:
                    del sizes[i]
                at.append(r * width + width - f)
                if f > n:
                    add(f - n, r)
            else:
                at.append(rows * width)
                add(width - n, rows)
                rows += 1
        rows = max(1, rows)
        self.rows, self.width = rows, width
        n_words = np.asarray(lengths, dtype=np.int64)
        first = np.asarray(at, dtype=np.int64)
        p = (np.repeat(first - (np.cumsum(n_words) - n_words), n_words)
             + np.arange(int(n_words.sum()), dtype=np.int64))  # each word's place
        self.col, self.row = p % width, p // width
        start = np.ones(rows * width, dtype=bool)  # padding: each place a paragraph of its own
        start[p] = False
        start[first] = True
        self.start: BOOL = np.ascontiguousarray(start.reshape(rows, width).T)  # (place, row)
        self.cont: BOOL = ~self.start[0]  # rows that go on from the row before
        self._starts: dict[int, tuple[I64, list[int]]] = {}

    def _places(self, k: int) -> I64:
        """Where each word's values are in a grid of values (place, label, row) of ``k`` labels, read as one run
        of numbers: a row per word, a column per label (a grid (place, row): ``k`` 0, one column). Gathered
        (``take``) or placed (``put``) by these instead of indexing with (place, row) arrays: the same values,
        numpy's fancy indexing over two arrays and a slice is several times slower."""
        if k == 0:
            flat: I64 = self.col * self.rows + self.row
            return flat
        base = self.col * (k * self.rows) + self.row
        out: I64 = base[:, None] + np.arange(0, k * self.rows, self.rows, dtype=np.int64)[None, :]
        return out

    def starts_at(self, k: int) -> tuple[I64, list[int]]:
        """Where the paragraphs' first places are in a grid of values (place, label, row) of ``k`` labels, read as
        one run of numbers: each such place's ``k`` values, place by place, those of place ``s`` at
        ``[bounds[s]:bounds[s + 1]]``. Set with ``put`` at each step (numpy's ``copyto(..., where=)`` over a step
        cost five times the instructions: a few rows in a hundred start there)."""
        got = self._starts.get(k)
        if got is None:
            s, r = np.nonzero(self.start)
            at: I64 = ((s * (k * self.rows) + r)[:, None] + np.arange(0, k * self.rows, self.rows)[None, :]).reshape(-1)
            bounds = (np.searchsorted(s, np.arange(self.width + 1)) * k).tolist()
            got = self._starts[k] = (at, bounds)
        return got

    def lay(self, e: F64) -> F64:
        """Words' values (word, label) laid out over the grid, 0 at the padding."""
        out = np.zeros((self.width, e.shape[1], self.rows))
        # (assigned by index: numpy's put copies each number with a call to memmove, twice the instructions)
        out.reshape(-1)[self._places(e.shape[1]).reshape(-1)] = e.reshape(-1)
        return out

    def words(self, x: npt.NDArray[Any]) -> npt.NDArray[Any]:
        """The words' values (in order) of a grid of values (place, [label,] row)."""
        out: npt.NDArray[Any] = np.take(x, self._places(x.shape[1] if x.ndim == 3 else 0))
        return out


def _viterbi(grid: _Grid, et: F64, trans: F64) -> I64:
    """crfsuite's Viterbi (``crf1dc_viterbi``) on every row at once: at a paragraph's first word the score is the
    word's own; after it, the best of (score before + transition), the first best on a tie, plus the word's.
    A row that goes on from the row before starts from that row's last scores: those are found first, by
    multiplying out (max, +) each row that the next goes on from."""
    width, k, rows = et.shape
    st = grid.start
    tc = trans[:, :, None]  # (from, to, 1)
    entry = np.zeros((k, rows))
    carry = np.flatnonzero(grid.cont)  # rows going on from the row before
    if len(carry):
        ends = _row_ends(et[:, :, carry - 1], st[:, carry - 1], trans)
        for i, r in enumerate(carry.tolist()):  # in order: a chain of rows carries its scores along
            entry[:, r] = np.maximum.reduce(entry[:, r - 1][:, None] + ends[i], axis=0)
    scores = np.empty((width, k, rows))
    delta = entry
    buf = np.empty((k, k, rows))
    tcb = np.ascontiguousarray(np.broadcast_to(tc, (k, k, rows)))  # (a broadcast operand costs numpy 3 times the work)
    at, bounds = grid.starts_at(k)
    first = et.reshape(-1).take(at)  # a paragraph's first word: its own scores
    flat = scores.reshape(-1)
    for s in range(width):
        np.add(delta[:, None, :], tcb, out=buf)
        delta = scores[s]
        np.maximum.reduce(buf, axis=0, out=delta)
        delta += et[s]
        a, b = bounds[s], bounds[s + 1]
        if a < b:
            flat.put(at[a:b], first[a:b])
    return grid.words(_way_back(scores, st, grid.cont, trans))


def _way_back(scores: F64, st: BOOL, cont: BOOL, trans: F64) -> I64:
    """The best labels (place, row) from Viterbi's scores, walked back from each row's end: at each place the first
    best label given the label after it (its score plus the transition to that label), or, before a paragraph's
    first word, the first best whatever comes after. Only the labels walked are compared (one per row and place).
    A row's last label depends on the next row's first when that one goes on from it (``cont``): such a row is
    walked back from each of the ``k`` labels at once (one column each) and the walk kept that fits the next
    row's first label, found from the last row back."""
    width, k, rows = scores.shape
    tz = np.zeros((k, k + 1))  # the transitions, and a last column of zeros: no transition (a paragraph's start)
    tz[:, :k] = trans
    depends = np.zeros(rows, dtype=bool)
    depends[:-1] = cont[1:]
    free = np.flatnonzero(~depends)
    chain = np.flatnonzero(depends)
    cols = np.concatenate([free, np.repeat(chain, k)])  # the columns walked: a row each, k for a row in a chain
    code = np.concatenate([np.full(len(free), k, dtype=np.intp), np.tile(np.arange(k, dtype=np.intp), len(chain))])
    sc = scores.take(cols, axis=2)
    sv = st.take(cols, axis=1)
    lab = np.empty((width, len(cols)), dtype=np.intp)
    for s in range(width - 1, -1, -1):
        g = tz.take(code, axis=1)
        g += sc[s]
        here = lab[s]
        np.argmax(g, axis=0, out=here)
        code = np.where(sv[s], k, here)
    if not len(chain):
        return lab
    # each row in a chain: the walk from the label that goes on to the next row's first label
    pick = list(range(rows))
    free_at = dict(zip(free.tolist(), range(len(free)), strict=True))
    first = lab[0].tolist()
    base = len(free)
    for i, r in reversed(list(enumerate(chain.tolist()))):
        nxt = pick[r + 1] if depends[r + 1] else free_at[r + 1]
        pick[r] = base + i * k + first[nxt]
    for r, i in free_at.items():
        pick[r] = i
    out: I64 = lab.take(np.array(pick, dtype=np.intp), axis=1)
    return out


def _row_ends(ea: F64, sa: BOOL, trans: F64) -> F64:
    """For each of the rows (``ea``: their words' scores (place, label, row), ``sa``: paragraph starts), its best
    score at its end (to) from each label before it (from), as a (max, +) matrix (row, from, to). A row whose first
    word starts a paragraph (the first row of a long one) does not depend on the label before it: its scores are
    one vector, found like ``_viterbi``'s (k times less work), and the same in every line of its matrix."""
    width, k, n = ea.shape
    out = np.empty((n, k, k))
    tc = trans[:, :, None]
    head = sa[0]
    h = np.flatnonzero(head)
    if len(h):
        eh, sh = ea[:, :, h], sa[:, h]
        d = eh[0]
        tch = np.ascontiguousarray(np.broadcast_to(tc, (k, k, len(h))))  # (contiguous: see _viterbi)
        for s in range(1, width):
            step = np.maximum.reduce(d[:, None, :] + tch, axis=0)
            step += eh[s]
            d = np.where(sh[s], eh[s], step)
        out[h] = d.T[:, None, :]
    m = np.flatnonzero(~head)
    if len(m):
        em, sm = np.ascontiguousarray(ea[:, :, m]), sa[:, m]
        a = tc + em[0][None]  # (from, to, row)
        tv = np.ascontiguousarray(np.broadcast_to(trans[None, :, :, None], (k, k, k, len(m))))  # (from, via, to, row)
        buf = np.empty((k, k, k, len(m)))  # (from, via, to, row): read and written in order
        starts = cast("list[bool]", np.any(sm, axis=1).tolist())
        for s in range(1, width):
            np.add(a[:, :, None, :], tv, out=buf)
            a = np.maximum.reduce(buf, axis=1)
            a += em[s][None]
            if starts[s]:
                np.copyto(a, em[s][None], where=sm[s])
        out[m] = a.transpose(2, 0, 1)
    return out


def _marginals(grid: _Grid, et: F64, exp_trans: F64, labels: I64 | None = None) -> F64:
    """Each word's marginal probability of each label (crfsuite's ``marginal``), by a forward and a backward pass
    scaled at every word, laid out like ``_viterbi``: a row that goes on from the row before starts from its
    end, found by multiplying out the matrices of each row that the next goes on from. Given each word's label
    (``labels``), only the marginal of that label at each word (the same numbers: the grid's products summed
    over labels, and each word's one product divided by its sum; 4 times as fast as every label's)."""
    width, k, rows = et.shape
    st = grid.start
    x = np.exp(et - et.max(axis=1, keepdims=True))  # a word's scores, up to a factor (cancels out)
    q = exp_trans
    qt = np.ascontiguousarray(q.T)
    carry = np.flatnonzero(grid.cont)
    fwd_in = np.ones((k, rows))
    bwd_in = np.ones((k, rows))
    if len(carry):
        # the rows a row goes on from (forward) and the rows that go on (backward), multiplied out
        need = np.union1d(carry - 1, carry)
        prod = dict(zip(need.tolist(), _products(x[:, :, need], st[:, need], q), strict=True))
        for r in carry.tolist():  # in order: a chain of rows carries its vector along
            v = fwd_in[:, r - 1] @ prod[r - 1]
            fwd_in[:, r] = v / v.sum()
        for r in carry.tolist()[::-1]:
            v = prod[r] @ bwd_in[:, r]
            bwd_in[:, r - 1] = v / v.sum()
    # scaled every 8 words (a step shrinks a vector's sum by at most the smallest transition factor, and each
    # word's marginals are scaled to 1 in the end)
    at, bounds = grid.starts_at(k)  # (at a paragraph's first word: its own scores forward, 1 backward before it)
    first = x.reshape(-1).take(at)
    alpha = np.empty((width, k, rows))
    flat = alpha.reshape(-1)
    a = fwd_in
    for s in range(width):
        nxt = alpha[s]
        np.matmul(qt, a, out=nxt)
        nxt *= x[s]
        i, j = bounds[s], bounds[s + 1]
        if i < j:
            flat.put(at[i:j], first[i:j])
        if s % 8 == 7:
            nxt /= nxt.sum(axis=0)
        a = nxt
    beta = np.empty((width, k, rows))
    flat = beta.reshape(-1)
    before = at - k * rows  # the place before each first word
    b = bwd_in
    beta[width - 1] = b
    tmp = np.empty((k, rows))
    for s in range(width - 1, 0, -1):
        nxt = beta[s - 1]
        np.multiply(x[s], b, out=tmp)
        np.matmul(q, tmp, out=nxt)
        i, j = bounds[s], bounds[s + 1]
        if i < j:
            flat.put(before[i:j], 1.0)
        if s % 8 == 0:
            nxt /= nxt.sum(axis=0)
        b = nxt
    m = np.multiply(alpha, beta, out=alpha)
    if labels is not None:
        at = grid._places(0)  # each word's place and row: (place * k + its label) * rows + row, in m
        chosen: F64 = np.take(m, at + (grid.col * (k - 1) + labels) * rows) / np.take(m.sum(axis=1), at)
        return chosen
    m /= m.sum(axis=1, keepdims=True)
    out: F64 = grid.words(m)
    return out


def _products(x: F64, start: BOOL, q: F64) -> F64:
    """For each row (``x``: its words' scores (place, label, row), ``start``: paragraph starts), the product of its
    words' matrices (transitions times the word's scores; at a paragraph's first word, its scores whatever came
    before), scaled: one (label before the row, label at its end) matrix per row. The matrices are laid out
    (from, to, row): each step is seven (to, via) by (via, row) products (numpy's stack of 7 by 7 products, one
    per row, took 8 times as long)."""
    width, k, n = x.shape
    x = np.ascontiguousarray(x)  # a row's words apart (taken from the grid's rows) are 3 times slower to read
    qt = np.ascontiguousarray(q.T)
    p = np.where(start[0], np.broadcast_to(x[0][None], (k, k, n)), q[:, :, None] * x[0][None])
    nxt = np.empty_like(p)
    starts = cast("list[bool]", np.any(start, axis=1).tolist())
    for s in range(1, width):
        np.matmul(qt, p, out=nxt)
        nxt *= x[s][None]
        if starts[s]:
            np.copyto(nxt, p.sum(axis=1, keepdims=True) * x[s][None], where=start[s])
        if s % 4 == 0 or s == width - 1:
            nxt /= nxt.max(axis=(0, 1))
        p, nxt = nxt, p
    out: F64 = p.transpose(2, 0, 1)
    return out
