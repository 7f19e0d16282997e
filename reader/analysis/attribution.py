"""Attributions learned from news: who said, wrote or holds what.

Two small linear models trained by ``scripts/train_attribution.py`` on PolNeAR
(US political news, every attribution marked as Source, Cue and Content) and
shipped as ``resources/attribution_model.json``; evaluated here (the role
model's sums as numpy tables over every cue of a run of paragraphs: ``role_tables``):

1. the *cue* model looks at each word that has been a cue in the training
   articles ("said", "according", "told", ":", "wants", "shows", ...) and
   decides from its neighbours whether it introduces an attribution here;
2. the *role* model labels each word of the cue's sentence as Source, Content
   or neither, from its word, its side of and distance to the cue, the
   punctuation and quotation marks between them, and the cue itself.

The content is the run of Content words next to the cue, widened to the whole
quotation when it is one and, after the cue, to the end of its clause; the
speaker is the run of Source words the role model is surest of, preferring one
that can be someone (a name, a pronoun, a speaker noun).

3. the *verifier* judges each attribution as decoded (how sure the cue model
   was, what the source looks like and whether such words headed a source in
   training, the content's side, length, quotation marks and whether it is a
   clause) and keeps those it gives at least ``verify_threshold``.

The same feature functions serve training and run time, so the two cannot
drift apart.

4. a CRF (``attribution_crf``: every word tagged Source, Cue or Content,
   python-crfsuite) then adds the attributions these models missed, those
   apart from what they found: mostly cues they had rarely or never seen.
"""

from __future__ import annotations

import bisect
import json
import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from reader.analysis import cue_tables, reading_choice, role_tables
from reader.analysis.attribution_base import (
    POSITION_CUES,
    QUOTE_CHARS,
    TOKEN,
    Found,
    _bucket,
    in_quotes,
    tokenize,
    tokens_within,
)
from reader.analysis.cue_tables import CueTables
from reader.analysis.forms import FORMS
from reader.analysis.loading import collections_paused, load_arrays
from reader.analysis.loading import names_of as _names
from reader.analysis.loading import text_array as _text
from reader.analysis.quotes import SPEAKER_NOUNS, letter_words
from reader.analysis.role_tables import RoleTables

if TYPE_CHECKING:
    from reader.analysis.attribution_crf import CrfAttributor

__all__ = ["POSITION_CUES", "QUOTE_CHARS", "TOKEN", "Found", "tokenize"]

log = logging.getLogger("reader.analysis")

MODEL_PATH = Path(__file__).resolve().parent.parent.parent / "resources" / "attribution_model.json"
COMPILED_PATH = MODEL_PATH.with_suffix(".npz")  # the same model as arrays (``compile_model``), read first

PRONOUN_WORDS = frozenset("he she they i we you it who this that".split())


# Words that are part of a cue but never its head ("has said", "called for").
FUNCTION_WORDS = frozenset(
    """has have had is are was were be been being will would could should may might can did does do also not n't
    to the a an of in on for with by as at from that this it its and or but just still even only then now never
    already again so up out about over into after before than more most very too all both who which what""".split()
)


_BUCKETS = [_bucket(d) for d in range(100)]


@dataclass
class Sentence:
    """The tokens of one sentence, with what the features need about each."""

    toks: list[tuple[int, int, str]]  # (start, end, word) in block coordinates
    low: list[str]
    shape: list[str]
    in_quote: list[bool]
    para_start: bool  # the sentence opens its paragraph
    quotes: int = 0  # quotation marks in the sentence
    fids: list[int] = field(default_factory=list)  # each word's number in ``forms.FORMS`` (``forms.numbers_of``)
    fgen: int = -1  # and the numbers' generation

    def __post_init__(self) -> None:
        self.quotes = self.shape.count("q")

    def window(self, lo: int, hi: int) -> Sentence:
        return Sentence(self.toks[lo:hi], self.low[lo:hi], self.shape[lo:hi], self.in_quote[lo:hi], self.para_start,
                        fids=self.fids[lo:hi], fgen=self.fgen)

    @classmethod
    def make(cls, block_text: str, a: int, b: int, quote_spans: Sequence[tuple[int, int]],
             para_start: bool, toks: list[tuple[int, int, str]] | None = None) -> Sentence:
        """The sentence block_text[a:b]; ``toks``: its words, when they are known already."""
        if toks is None:
            toks = [(a + s, a + e, w) for s, e, w in tokenize(block_text[a:b])]
        of = FORMS.of
        low, shape, fids = [], [], []
        for _, _, w in toks:
            f = of.get(w)
            if f is None:
                f = FORMS.add(w)
            low.append(f[0])
            shape.append(f[1])
            fids.append(f[2])
        in_quote = in_quotes(toks, quote_spans) if quote_spans else [False] * len(toks)
        return cls(toks, low, shape, in_quote, para_start, fids=fids, fgen=FORMS.generation)


def _cue_window(s: Sentence, i: int) -> tuple[str, str, str, str, str, str, str]:
    """Word i lowered, the two words before and after it (lowered), and the shapes of its neighbours;
    ``<s>`` / ``</s>`` past the sentence's ends. What ``cue_features`` and ``cue_prob`` both read."""
    low, shape = s.low, s.shape
    n = len(low)
    return (low[i],
            low[i - 1] if i > 0 else "<s>",
            low[i - 2] if i > 1 else "<s>",
            low[i + 1] if i + 1 < n else "</s>",
            low[i + 2] if i + 2 < n else "</s>",
            shape[i - 1] if i > 0 else "<s>",
            shape[i + 1] if i + 1 < n else "</s>")


def cue_features(s: Sentence, i: int) -> list[str]:
    w, p1, p2, n1, n2, ps1, ns1 = _cue_window(s, i)
    shape, n, quotes = s.shape, len(s.low), s.quotes
    return [
        "b", "w=" + w, "p1=" + p1, "p2=" + p2, "n1=" + n1, "n2=" + n2, "w|p1=" + w + "|" + p1,
        "w|n1=" + w + "|" + n1, "w|ps1=" + w + "|" + ps1, "w|ns1=" + w + "|" + ns1,
        "w|pos=" + w + "|" + _bucket(i), "w|left=" + w + "|" + _bucket(n - 1 - i),
        "w|inq=" + w + "|" + str(s.in_quote[i]), "w|hasq=" + w + "|" + str(min(quotes, 2)),
        "w|para0=" + w + "|" + str(s.para_start and i < 6), "sh=" + shape[i], "p1|n1=" + p1 + "|" + n1,
        "w|p1|n1=" + w + "|" + p1 + "|" + n1, "w|qnear=" + w + "|" + str("q" in shape[max(0, i - 3):i]),
        "w|qafter=" + w + "|" + str("q" in shape[i + 1:i + 3]), "w|ps2=" + w + "|" + (shape[i - 2] if i > 1 else "<s>"),
    ]


_CUE_TEMPLATES = ("b", "w", "p1", "p2", "n1", "n2", "w|p1", "w|n1", "w|ps1", "w|ns1", "w|pos", "w|left", "w|inq",
                  "w|hasq", "w|para0", "sh", "p1|n1", "w|p1|n1", "w|qnear", "w|qafter", "w|ps2")  # cue_features' order
_HASQ = ("0", "1")


def _cue_tables(cue_w: dict[str, float]) -> tuple[Any, ...]:
    """The cue weights by template, in ``cue_features``' order, each keyed by the feature's parts: "w|p1=said|,"
    as ("said", ","). A part can hold "|" itself, so a name is keyed by every way of cutting it into its parts:
    whatever parts a lookup brings, they find the weight of the feature string they would have made."""
    tabs: dict[str, dict[Any, float]] = {name: {} for name in _CUE_TEMPLATES}
    for f, v in cue_w.items():
        name, _, rest = f.partition("=")
        tab = tabs.get(name)
        if tab is None:
            continue
        parts = name.count("|") + 1
        if parts == 1:
            tab[rest] = v
            continue
        if rest.count("|") == parts - 1:  # one way to cut it (most names)
            tab[tuple(rest.split("|"))] = v
            continue
        bars = [k for k, c in enumerate(rest) if c == "|"]
        for cut in combinations(bars, parts - 1):
            ends = [-1, *cut, len(rest)]
            tab[tuple(rest[ends[m] + 1:ends[m + 1]] for m in range(parts))] = v
    return (cue_w.get("b", 0.0), *(tabs[name] for name in _CUE_TEMPLATES[1:]))


def role_features(s: Sentence, c0: int, c1: int, j: int, punct_before: list[int]) -> list[str]:
    """Features of word j for the cue at tokens c0..c1-1. ``punct_before[k]`` counts
    commas/colons/dashes before token k (prefix sums), so the count between j and
    the cue is a subtraction."""
    low, shape = s.low, s.shape
    cue = low[c0] if c1 - c0 == 1 else low[c0] + "_" + low[c1 - 1]
    if j < c0:
        side, dist = "L", c0 - j
        between = punct_before[c0] - punct_before[j + 1]
    else:
        side, dist = "R", j - c1 + 1
        between = punct_before[j] - punct_before[c1]
    db = _bucket(dist)
    w = low[j]
    n = len(low)
    p1 = low[j - 1] if j > 0 else "<s>"
    n1 = low[j + 1] if j + 1 < n else "</s>"
    sd = side + db
    pb = side + str(min(between, 3))
    q = str(s.in_quote[j]) + side
    return [
        "b", "sd=" + sd, "pb=" + pb, "sd|pb=" + sd + "|" + pb, "w|s=" + w + "|" + side, "sh|s=" + shape[j] + "|" + side,
        "cue|s=" + cue + "|" + side, "cue|sd=" + cue + "|" + sd, "cue|pb=" + cue + "|" + pb, "q=" + q,
        "q|pb=" + q + "|" + pb, "p1|s=" + p1 + "|" + side, "n1|s=" + n1 + "|" + side,
        "sh|sd=" + shape[j] + "|" + sd, "cue|q=" + cue + "|" + q,
        "cp1=" + (low[c0 - 1] if c0 > 0 else "<s>") + "|" + side, "cn1=" + (low[c1] if c1 < n else "</s>") + "|" + side,
        "sh|pb=" + shape[j] + "|" + pb, "cshape=" + (shape[c0 - 1] if c0 > 0 else "<s>") + "|" + sd,
    ]


def punct_prefix(s: Sentence) -> list[int]:
    out = [0]
    for w in s.low:
        out.append(out[-1] + (w in (",", ":", ";", "—", "–", "(", ")") or w in QUOTE_CHARS))
    return out


_CANDIDATE_WORD = re.compile(r"[\w’'-]+|[^\w\s]")


def candidate_pattern(vocab: frozenset[str]) -> re.Pattern[str]:
    """A pattern that finds, in a text, a word of ``_CANDIDATE_WORD``'s (a run of word characters, ’ ' and -,
    or one other mark) that is in ``vocab``: a word of the vocabulary not within a longer run (the lookarounds),
    or one of its marks. The words as a tree of their letters (each letter tried once where words share their
    start); where a word is a prefix of another, the pattern backtracks to it, so any word of the
    vocabulary standing there is found."""
    words = sorted(w for w in vocab if _RUN_WORD.fullmatch(w))
    marks = sorted(w for w in vocab if len(w) == 1 and _CANDIDATE_WORD.fullmatch(w) and not _RUN_WORD.fullmatch(w))
    tree: dict[str, Any] = {}
    for w in words:
        node = tree
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}

    def branch(node: dict[str, Any]) -> str:
        alts = [re.escape(c) + branch(sub) for c, sub in sorted(node.items()) if c]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    parts = ([r"(?<![\w’'-])" + branch(tree) + r"(?![\w’'-])"] if words else []) + \
        (["[" + "".join(re.escape(c) for c in marks) + "]"] if marks else [])
    return re.compile("|".join(parts) if parts else "(?!)")


_RUN_WORD = re.compile(r"[\w’'-]+")
_AZ = re.compile("[a-z]+")
_IN_RUN = frozenset("_’'-")  # (with the letters and digits: what _RUN_WORD's runs are made of)


class _Candidates:
    """``candidate_pattern``'s answer from a text's runs of letters a-z (``letter_words``): a word of the
    vocabulary that stands alone in a text (a run of _RUN_WORD's, not within a longer one) begins no run of
    letters a-z within a longer one either, so its first run of them ("don" of "don’t") is one of the text's.
    Only the words of those runs are looked for, with ``str.find``, each where nothing of a run stands on either
    side (what the pattern's lookarounds ask). A mark of the vocabulary (":") anywhere is one."""

    def __init__(self, by_run: dict[str, tuple[str, ...]], marks: str) -> None:
        self.by_run = by_run
        self.marks = marks

    @classmethod
    def of(cls, vocab: frozenset[str]) -> _Candidates | None:
        """The vocabulary's words by their first run of letters a-z (the words and marks ``candidate_pattern``
        finds); None when a word has no such run (the pattern is searched for then)."""
        by_run: dict[str, list[str]] = {}
        for w in sorted(w for w in vocab if _RUN_WORD.fullmatch(w)):
            run = _AZ.search(w)
            if run is None:
                return None
            by_run.setdefault(run.group(), []).append(w)
        marks = "".join(sorted(w for w in vocab if len(w) == 1 and _CANDIDATE_WORD.fullmatch(w)
                               and not _RUN_WORD.fullmatch(w)))
        return cls({run: tuple(words) for run, words in by_run.items()}, marks)

    def in_text(self, s: str) -> bool:
        if self.marks and any(c in s for c in self.marks):
            return True
        runs = letter_words(s)
        by_run = self.by_run
        if by_run.keys().isdisjoint(runs):
            return False
        for run in runs:
            for w in by_run.get(run, ()):
                if stands_alone(s, w):
                    return True
        return False


def stands_alone(s: str, w: str) -> bool:
    """Whether ``w`` is in ``s`` as a whole run of _RUN_WORD's: no word character, ’, ' or - either side."""
    n = len(w)
    i = s.find(w)
    while i >= 0:
        if (i == 0 or not (s[i - 1].isalnum() or s[i - 1] in _IN_RUN)) \
                and (i + n == len(s) or not (s[i + n].isalnum() or s[i + n] in _IN_RUN)):
            return True
        i = s.find(w, i + 1)
    return False


WINDOW = 40  # words on each side of a cue that can be its source or content


class AttributionModel:
    def __init__(self, data: dict[str, Any]) -> None:
        share = data.get("cue_share")
        least = float(data.get("min_share", 0.0))
        self.cue_vocab: frozenset[str] = frozenset(w for w in data["cue_vocab"]
                                                   if share is None or share.get(w, 0.0) >= least)
        self.cue_threshold = float(data["cue_threshold"])
        self._cue_w: dict[str, float] | None = data["cue_weights"]
        self._cue_tabs: tuple[Any, ...] | None = None  # cue_w by template and parts (``cue_prob``), made when needed
        # the verifier: is this whole attribution (cue, source, content as decoded) right?
        self.verify_w: dict[str, float] = data.get("verify_weights", {})
        self.verify_threshold = float(data.get("verify_threshold", 0.0))
        self.verify_memo: dict[VKey, float] = {}  # a verifier feature's weight by its key (``verify_prob_keys``)
        self.verify_names: dict[VKey, str] = {}  # and its name (the keys of verify_memo, and only those)
        # words that headed a source in the training articles ("spokesman", "poll", "Trump" lowered)
        self.source_heads: frozenset[str] = frozenset(data.get("source_heads", ()))
        self.role_classes: list[str] = data["role_classes"]
        self._role_w: dict[str, list[float]] | None = data["role_weights"]
        self.role_bias: list[float] = data["role_bias"]
        self._tables: RoleTables | None = None
        self._cue_tables: CueTables | None = None
        # cue_vocab and the pattern that finds its words (``has_candidate``), made when needed
        self._candidates: tuple[frozenset[str], _Candidates | re.Pattern[str]] | None = None
        self._source: Path | None = None  # the JSON file the weights are read from when asked (``from_compiled``)
        self.crf: CrfAttributor | None = None  # adds what these models miss (set by load_model)

    @classmethod
    def from_compiled(cls, arrays: dict[str, np.ndarray], source: Path) -> AttributionModel:
        """The model of ``source`` (its JSON file) from the arrays ``compile_model`` made of it: the tables
        the analysis reads, ready; the weights by feature string (``cue_w``, ``role_w``: the slow
        references, training) read from ``source`` only when asked for."""
        self = cls.__new__(cls)
        meta = json.loads(_names(arrays["meta"])[0])
        self.cue_vocab = frozenset(_names(arrays["cue_vocab"]))
        self.cue_threshold = float(meta["cue_threshold"])
        self._cue_w = None
        self._cue_tabs = None
        self.verify_w = dict(zip(_names(arrays["verify.names"]), arrays["verify.w"].tolist(), strict=True))
        self.verify_threshold = float(meta["verify_threshold"])
        self.verify_memo = {}
        self.verify_names = {}
        self.source_heads = frozenset(_names(arrays["source_heads"]))
        self.role_classes = list(meta["role_classes"])
        self._role_w = None
        self.role_bias = list(meta["role_bias"])
        self._tables = RoleTables({k[5:]: v for k, v in arrays.items() if k.startswith("role.")})
        self._cue_tables = CueTables({k[4:]: v for k, v in arrays.items() if k.startswith("cue.")})
        self._candidates = None
        self._source = source
        self.crf = None
        return self

    def _read_weights(self) -> None:
        if self._source is None:
            raise ValueError("the model's weights are not kept")
        data = json.loads(self._source.read_text(encoding="utf-8"))
        self._cue_w, self._role_w = data["cue_weights"], data["role_weights"]

    @property
    def cue_w(self) -> dict[str, float]:
        """The cue model's weights by feature string."""
        if self._cue_w is None:
            self._read_weights()
        assert self._cue_w is not None
        return self._cue_w

    @property
    def role_w(self) -> dict[str, list[float]]:
        """The role model's weights by feature string (a weight per class)."""
        if self._role_w is None:
            self._read_weights()
        assert self._role_w is not None
        return self._role_w

    def has_candidate_slow(self, low: str, a: int, b: int) -> bool:
        """Whether low[a:b] holds a word that can be a cue, as written (the reference for ``has_candidate``)."""
        return not self.cue_vocab.isdisjoint(_CANDIDATE_WORD.findall(low, a, b))

    def has_candidate(self, low: str, a: int, b: int) -> bool:
        """Whether low[a:b] holds a word that can be a cue (sentences without one are not tokenised): one of
        ``cue_vocab`` as a word of ``_CANDIDATE_WORD``'s. Read from the sentence's runs of letters a-z
        (``quotes.letter_words``, which the rules read of each sentence too): a word of the vocabulary can stand
        in it only where its first run of letters is one of them, and is looked for there (``_Candidates``);
        ``candidate_pattern`` searched for where a word has no such run."""
        p = self._candidates
        if p is None or p[0] is not self.cue_vocab:
            found = _Candidates.of(self.cue_vocab)
            p = self._candidates = (self.cue_vocab, found or candidate_pattern(self.cue_vocab))
        finder = p[1]
        if isinstance(finder, _Candidates):
            return finder.in_text(low[a:b])
        return finder.search(low[a:b]) is not None

    def cue_prob_slow(self, s: Sentence, i: int) -> float:
        """The cue model's probability from ``cue_features`` as written (the reference for ``cue_prob``)."""
        w = self.cue_w
        feats = cue_features(s, i)
        z = sum(map(w.get, feats, repeat(0.0, len(feats))))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def cue_prob(self, s: Sentence, i: int) -> float:
        """The cue model's probability that word i is a cue: the weights of ``cue_features`` added in their
        order, each looked up by its parts (``_cue_tables``) instead of by a string made for it."""
        t = self._cue_tabs
        if t is None:
            t = self._cue_tabs = _cue_tables(self.cue_w)
        w, p1, p2, n1, n2, ps1, ns1 = _cue_window(s, i)
        shape, n = s.shape, len(s.low)
        z = 0.0
        z += t[0]
        z += t[1].get(w, 0.0)
        z += t[2].get(p1, 0.0)
        z += t[3].get(p2, 0.0)
        z += t[4].get(n1, 0.0)
        z += t[5].get(n2, 0.0)
        z += t[6].get((w, p1), 0.0)
        z += t[7].get((w, n1), 0.0)
        z += t[8].get((w, ps1), 0.0)
        z += t[9].get((w, ns1), 0.0)
        z += t[10].get((w, _BUCKETS[i] if i < 100 else "99"), 0.0)
        z += t[11].get((w, _BUCKETS[n - 1 - i] if n - 1 - i < 100 else "99"), 0.0)
        z += t[12].get((w, "True" if s.in_quote[i] else "False"), 0.0)
        z += t[13].get((w, _HASQ[s.quotes] if s.quotes < 2 else "2"), 0.0)
        z += t[14].get((w, "True" if s.para_start and i < 6 else "False"), 0.0)
        z += t[15].get(shape[i], 0.0)
        z += t[16].get((p1, n1), 0.0)
        z += t[17].get((w, p1, n1), 0.0)
        z += t[18].get((w, "True" if "q" in shape[max(0, i - 3):i] else "False"), 0.0)
        z += t[19].get((w, "True" if "q" in shape[i + 1:i + 3] else "False"), 0.0)
        z += t[20].get((w, shape[i - 2] if i > 1 else "<s>"), 0.0)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def verify_prob(self, feats: Sequence[str]) -> float:
        """The verifier's probability from its features' names (the reference for ``verify_prob_keys``)."""
        if not self.verify_w:
            return 1.0
        w = self.verify_w
        z = sum(map(w.get, feats, repeat(0.0, len(feats))))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def verify_prob_keys(self, keys: Sequence[VKey]) -> float:
        """``verify_prob`` of the features of ``keys`` (``verify_keys``): each key's weight looked up by its name
        the first time it is seen and kept (``verify_memo``, the name in ``verify_names``), then the weights
        added in the same order."""
        if not self.verify_w:
            return 1.0
        memo = self.verify_memo
        vals: list[Any] = list(map(memo.get, keys))  # a weight per key, None for a key not seen yet
        if None in vals:
            names = self.verify_names
            if len(memo) > 200_000:
                memo.clear()
                names.clear()
            w = self.verify_w
            for k, key in enumerate(keys):
                if vals[k] is None:
                    name = names[key] = _render(key)
                    vals[k] = memo[key] = w.get(name, 0.0)
        z = sum(vals)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def _sum(self, feats: Sequence[str]) -> list[float]:
        """The role weights of ``feats`` added up, class by class, in the order of ``feats``."""
        rw = self.role_w
        if len(self.role_classes) == 3:
            z0 = z1 = z2 = 0.0
            for f in feats:
                v = rw.get(f)
                if v is not None:
                    z0 += v[0]
                    z1 += v[1]
                    z2 += v[2]
            return [z0, z1, z2]
        z = [0.0] * len(self.role_classes)
        for f in feats:
            v = rw.get(f)
            if v is not None:
                for m, x in enumerate(v):
                    z[m] += x
        return z

    def roles_slow(self, s: Sentence, c0: int, c1: int) -> list[list[float]]:
        """Class scores of each word from ``role_features`` as written (the reference for ``roles``)."""
        pp = punct_prefix(s)
        return [self._sum(role_features(s, c0, c1, j, pp)) if not c0 <= j < c1 else [] for j in range(len(s.low))]

    @property
    def cue_tables(self) -> CueTables:
        """The cue weights as numpy tables (``cue_tables``), made the first time they are needed."""
        if self._cue_tables is None:
            self._cue_tables = CueTables(cue_tables.build_arrays(self.cue_w, self.cue_vocab))
        return self._cue_tables

    @property
    def tables(self) -> RoleTables:
        """The role weights as numpy tables (``role_tables``), made the first time they are needed."""
        if self._tables is None:
            self._tables = RoleTables(role_tables.build_arrays(self.role_w, self.role_classes))
        return self._tables

    def roles(self, s: Sentence, c0: int, c1: int) -> tuple[str, list[float]]:
        """Each word's role for the cue at c0..c1 (S, T, O; C for the cue; a letter per word), and how
        far each word is from being a Source (its S score minus the best other): the sums of
        ``role_features``' weights, by ``role_tables`` (``roles_many`` scores many cues at once)."""
        return self.tables.roles_many(self, [(s, c0, c1)])[0]


def compile_model(model: AttributionModel) -> dict[str, np.ndarray]:
    """The model as the arrays of its compiled file (``COMPILED_PATH``, ``loading.save_arrays``): the role and
    cue tables whole, the verifier's weights, the candidate words and source heads, the thresholds."""
    out = {"role." + k: v for k, v in role_tables.build_arrays(model.role_w, model.role_classes).items()}
    out.update({"cue." + k: v for k, v in cue_tables.build_arrays(model.cue_w, model.cue_vocab).items()})
    names = list(model.verify_w)
    out["verify.names"] = _text(names)
    out["verify.w"] = np.array([model.verify_w[n] for n in names], dtype=np.float64)
    out["cue_vocab"] = _text(sorted(model.cue_vocab))
    out["source_heads"] = _text(sorted(model.source_heads))
    out["meta"] = _text([json.dumps({"cue_threshold": model.cue_threshold, "verify_threshold": model.verify_threshold,
                                     "role_classes": model.role_classes, "role_bias": model.role_bias})])
    return out


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> AttributionModel | None:
    """The shipped linear models, with the CRF (``attribution_crf``) beside them when it is there. The shipped
    model is read from its compiled file (``COMPILED_PATH``: numpy arrays, written with the JSON by
    scripts/train_attribution.py) when it is there: its tables are ready, no 4 MB of JSON is parsed."""
    from reader.analysis import attribution_crf

    with collections_paused():
        try:
            if path == MODEL_PATH and COMPILED_PATH.exists():
                model = AttributionModel.from_compiled(load_arrays(COMPILED_PATH), path)
            else:
                model = AttributionModel(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError) as exc:
            log.warning("attribution model unavailable (%s): using rules only", exc)
            return None
        if path == MODEL_PATH:
            model.crf = attribution_crf.load()
        # the tables made now, before a long text's analysis forks a helper (made after, each process would)
        model.tables  # noqa: B018
        model.cue_tables  # noqa: B018
    return model


def _runs(labels: str, want: str, gap: int = 1) -> list[tuple[int, int]]:
    """Maximal runs of ``want`` (token index ranges; ``labels``: one letter per token), bridging gaps of up to
    ``gap`` other tokens."""
    pattern = _T_RUNS if want == "T" and gap == 2 else _S_RUNS if want == "S" and gap == 0 else \
        _RUN_PATTERNS.get((want, gap))
    if pattern is None:
        w = re.escape(want)
        pattern = _RUN_PATTERNS[(want, gap)] = re.compile(f"{w}+(?:[^{w}]{{1,{gap}}}{w}+)*" if gap else f"{w}+")
    return [m.span() for m in pattern.finditer(labels)]


_RUN_PATTERNS: dict[tuple[str, int], re.Pattern[str]] = {}
_T_RUNS = re.compile("T+(?:[^T]{1,2}T+)*")  # decode's: contents, sources (what _runs would make of each)
_S_RUNS = re.compile("S+")
_SPAN = re.Match.span


def cues_in(s: Sentence, model: AttributionModel, probs: list[tuple[int, float]] | None = None
            ) -> list[tuple[int, int, float]]:
    """Cue token ranges of one sentence, with their probability: candidate words the cue model accepts,
    adjacent ones joined ("according to", "has said"). ``probs``: each candidate word's place and
    probability, when they are known already (``CueTables.probs``)."""
    if probs is None:
        probs = model.cue_tables.probs([s])[0]
    least = model.cue_threshold
    out = [(i, i + 1, p) for i, p in probs if p >= least]
    # "according to": the cue runs to the preposition
    return [(a, b + 1, p) if s.low[a] == "according" and b < len(s.low) and s.low[b] == "to" else (a, b, p)
            for a, b, p in out]


_SPEAKER_NOUNS = SPEAKER_NOUNS | frozenset(
    """campaign spokesman aides aide sources source poll polls survey surveys study report reports
    statement letter ad ads video memo filing data analysis""".split())
_SRC_PRONOUNS = frozenset("he she they i we you it who which this that one".split())


def _p_bucket(p: float) -> str:
    if 0.05 <= p <= 1.0:
        return _P_BUCKETS[int(p * 10)]
    return "p" + str(min(9, int(p * 10))) + ("l" if p < 0.05 else "")


_P_BUCKETS = tuple("p" + str(min(9, k)) for k in range(11))  # _p_bucket's names from 0.05 to 1.0


# The verifier's feature templates: (prefix, separator) of each, by number. A feature is a key (template,
# parts...) and its name the prefix and the parts joined (``_render``): "cue|cprev=said|," is (15, "said", ",").
# ``verify_keys`` makes the keys, ``verify_features`` their names (training reads them) and ``verify_prob_keys``
# adds their weights in order, each looked up once per key (``AttributionModel.verify_memo``): the same sum as the
# names' weights, without making ~40 strings per cue.
_V_TEMPLATES: tuple[tuple[str, str], ...] = (
    ("b", ""), ("", ""), ("cue=", ""), ("cue|", ""), ("cs=", ""), ("clen=", ""), ("cgap=", ""),  # 0-6
    ("cq=", ""), ("cprev=", ""), ("cfirst=", ""), ("cfsh=", ""), ("cend=", ""), ("cue|cs=", ""),  # 7-12
    ("cue|cq=", ""), ("cue|cprev=", "|"), ("pb|cs=", ""), ("cueq=", ""), ("sq=", ""), ("para0=", ""),  # 13-18
    ("cp1=", ""), ("cn1=", ""), ("clause=", ""), ("cue|clause=", ""), ("clause|len=", ""),  # 19-23
    ("src=none", ""), ("src=none|", ""), ("src=none|", ""),  # 24-26
    ("src=", ""), ("src|", "="), ("src|cue=", "|"), ("sside=", ""), ("sside|kind=", ""), ("slen=", ""),  # 27-32
    ("shead=", ""), ("sfirst=", ""), ("sprev=", ""), ("snext=", ""), ("scap=", ""), ("sfsh=", ""),  # 33-38
    ("src|cs=", ""), ("sknown=", ""), ("sknown|kind=", ""), ("sknown|", "="),  # 39-42
)
_B_KEY = (0,)
_NONE_KEY = (24,)
_BOOL = {True: "True", False: "False"}
_SMALL = ("0", "1", "2", "3")

VKey = tuple[Any, ...]


def _render(key: VKey) -> str:
    """A verifier feature's name from its key."""
    prefix, sep = _V_TEMPLATES[key[0]]
    return prefix + sep.join(key[1:])


def verify_keys(s: Sentence, c0: int, c1: int, span: tuple[int, int], src: tuple[int, int] | None,
                p: float, heads: frozenset[str] = frozenset()) -> list[VKey]:
    """What the verifier knows of one decoded attribution, as keys (``verify_features`` for their names): how
    sure the cue model was, what the source looks like (a name, a pronoun, a speaker noun, nothing) and where,
    and the content's side, length, quotation marks and first word."""
    low, shape, inq = s.low, s.shape, s.in_quote
    n = len(low)
    cue = low[c0] if c1 - c0 == 1 else low[c0] + "_" + low[c1 - 1]
    pb = _p_bucket(p)
    a, b = span
    side = "R" if a >= c1 else "L"
    clen = _BUCKETS[b - a] if b - a < 100 else "99"
    g = a - c1 if side == "R" else c0 - b
    gap = _BUCKETS[g] if 0 <= g < 100 else _bucket(g)
    quoted = inq[a:b].count(True) / max(1, b - a)
    qb = "q0" if quoted < 0.2 else "q2" if quoted > 0.8 else "q1"
    prev = low[a - 1] if a > 0 else "<s>"
    # a clause ('that the plan will work') or only a thing ('power politics', 'a historic moment')
    words = low[a:b]
    clause = "V" if not _FINITE_WORDS.isdisjoint(words) or any(map(_ED_WORD.__getitem__, words)) else "N"
    f: list[VKey] = [
        _B_KEY, (1, pb), (2, cue), (3, pb), (4, side), (5, side, clen), (6, side, gap), (7, side, qb),
        (8, side, prev), (9, low[a]), (10, shape[a]), (11, side, "E" if b >= n - 1 else "M"), (12, cue, side),
        (13, cue, qb), (14, cue, prev), (15, pb, side), (16, _BOOL[inq[c0]]), (17, _SMALL[min(s.quotes, 3)]),
        (18, _BOOL[s.para_start and c0 < 8]), (19, low[c0 - 1] if c0 > 0 else "<s>"),
        (20, low[c1] if c1 < n else "</s>"), (21, clause, side, qb), (22, cue, clause), (23, clause, clen)]
    if src is None:
        f += [_NONE_KEY, (25, pb), (26, cue)]
        return f
    sa, sb = src
    head = low[sb - 1]
    sside = "L" if sb <= c0 else "R"
    sdist = _bucket(c0 - sb + 1 if sside == "L" else sa - c1 + 1)
    caps = sum(1 for k in range(sa, sb) if shape[k] in ("Aa", "AA") and not (k == 0 and low[k] in _NOT_HEAD_WORDS))
    if head in _SRC_PRONOUNS:
        kind = "pron"
    elif caps:
        kind = "name"
    elif head in _SPEAKER_NOUNS:
        kind = "noun"
    elif head.isalpha():
        kind = "word"
    else:
        kind = "mark"
    f += [(27, kind), (28, pb, kind), (29, kind, cue), (30, sside, sdist), (31, sside, kind), (32, _bucket(sb - sa)),
          (33, head), (34, low[sa]), (35, low[sa - 1] if sa > 0 else "<s>"), (36, low[sb] if sb < n else "</s>"),
          (37, _SMALL[min(caps, 3)]), (38, shape[sa]), (39, kind, side, sside)]
    if heads:
        known = "K" if head in heads else "U"
        f += [(40, known), (41, known, kind), (42, pb, known)]
    return f


class _EdWords(dict[str, bool]):
    """Whether a lowered word is one in -ed of more than four letters (a past tense: the content is a clause),
    made once per word form."""

    def __missing__(self, w: str) -> bool:
        if len(self) > 200_000:  # a bound on what a long-running process keeps
            self.clear()
        v = self[w] = len(w) > 4 and w[-2:] == "ed"
        return v


_ED_WORD = _EdWords()


def verify_features(s: Sentence, c0: int, c1: int, span: tuple[int, int], src: tuple[int, int] | None,
                    p: float, heads: frozenset[str] = frozenset()) -> list[str]:
    """The names of ``verify_keys``: what the verifier is trained on and the reference for its sums."""
    return list(map(_render, verify_keys(s, c0, c1, span, src, p, heads)))


EXTEND = True
SPLIT = True
EXTEND_LEFT = False
SRC_CHOICE = "margin"
_TITLE_ABBREVIATIONS = frozenset("mr mrs ms dr gov sen rep gen st lt col capt prof rev sgt adm maj jr sr".split())
_FINITE_WORDS = frozenset("""is are was were will would could can had has have may might must should did does do
isn’t isn't wasn’t wasn't won’t won't don’t don't didn’t didn't doesn’t doesn't can’t can't
’s 's ’re 're ’ll 'll""".split())
_DETERMINERS = frozenset("the a an his her its their our my your this that these those".split())


def _someone(s: Sentence, r: tuple[int, int]) -> bool:
    """A source run that can be someone: a pronoun, a speaker noun, or a capitalised word not opening the sentence."""
    a, b = r
    low = s.low
    last = low[b - 1]
    if low[a] in _PREPOSITIONS or last in _PREPOSITIONS:  # "In June", "At the Republican", "of the Clean"
        return False
    if last in _SRC_PRONOUNS or last in _SPEAKER_NOUNS:
        return True
    shape = s.shape
    for k in range(a, b):
        if shape[k] in _CAPS and (k > 0 or b - a == 1) and low[k] not in _NOT_NAMES:
            return True
    return False


_CAPS = ("Aa", "AA")


_PREPOSITIONS = frozenset("""in at on of for with from to by after before during since under over about into
through between against among without within across""".split())
_NOT_NAMES = frozenset("""january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday""".split())


_NOT_HEAD_WORDS = frozenset("the a an and but or so as in on at by for with of to from".split())


def decode(s: Sentence, c0: int, c1: int, labels: str, margin: list[float],
           p: float = 1.0, heads: frozenset[str] = frozenset()) -> Found | None:
    """The attribution of the cue at c0..c1 as decoded from its words' roles (``labels``, ``margin``: see
    ``AttributionModel.roles``), with the verifier's features."""
    got = _decode_tokens(s, c0, c1, labels, margin)
    if got is None:
        return None
    return _found(s, c0, c1, *got, verify_features(s, c0, c1, *got, p, heads))


def _found(s: Sentence, c0: int, c1: int, span: tuple[int, int], src_tok: tuple[int, int] | None,
           feats: list[str]) -> Found:
    """The attribution of ``decode`` in the block's coordinates, from its token ranges."""
    toks = s.toks
    source = (toks[src_tok[0]][0], toks[src_tok[1] - 1][1]) if src_tok is not None else None
    a, b = toks[span[0]][0], toks[span[1] - 1][1]
    return Found((a, b), source, (toks[c0][0], toks[c1 - 1][1]),
                 toks[c0][2] if c1 - c0 == 1 else " ".join(w for _, _, w in toks[c0:c1]), features=feats)


def _decode_tokens(s: Sentence, c0: int, c1: int, labels: str, margin: list[float]
                   ) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """``decode``'s content and source as token ranges (the source None when there is none)."""
    content_runs = [r for r in map(_SPAN, _T_RUNS.finditer(labels)) if r[1] <= c0 or r[0] >= c1]  # _runs(, "T", 2)
    if not content_runs:
        return None
    size = lambda r: r[1] - r[0]  # noqa: E731
    best_l: tuple[int, int] | None = None  # the longest run on each side (the first of the longest)
    best_r: tuple[int, int] | None = None
    for r in content_runs:
        if r[1] <= c0:
            if best_l is None or r[1] - r[0] > best_l[1] - best_l[0]:
                best_l = r
        elif r[0] >= c1 and (best_r is None or r[1] - r[0] > best_r[1] - best_r[0]):
            best_r = r
    gap = (0, 0)
    if best_l and best_r and size(best_l) >= 3 and size(best_r) >= 3 and s.in_quote[best_l[0]] and s.in_quote[best_r[0]]:
        span = (best_l[0], best_r[1])  # “part one,” he said, “part two”
        gap = (best_l[1], best_r[0])
    elif SPLIT and best_l and best_r and size(best_l) >= 2 and size(best_r) >= 2 and c1 < len(labels) \
            and s.low[c1] == "," and "," in s.low[best_l[1]:c0]:
        span = (best_l[0], best_r[1])  # "The museum, Mr. Obama said, would make visitors ..."
        gap = (best_l[1], best_r[0])  # the source is between the parts
    else:
        longest = best_l if best_l and (not best_r or size(best_l) >= size(best_r)) else best_r
        assert longest is not None  # content_runs holds a run on one side at least
        span = longest
    if span[0] >= c1 and EXTEND:
        # content after the cue runs on to the end of its clause: "revealed lofty plans [to expand the fleet
        # by 30%]" is one content, whatever the words the role model left out
        b = span[1]
        n = len(labels)
        while b < n and labels[b] not in ("S", "C") and s.low[b] not in (";", ".", "!", "?") \
                and not (s.shape[b] == "q" and not s.in_quote[b - 1]):
            b += 1
        a = span[0]
        while a > c1 and labels[a - 1] == "O" and s.low[a - 1] not in (",", ":", ";", "(", ")"):
            a -= 1
        span = (a, b)
    elif span[1] <= c0 and EXTEND_LEFT:
        # content before the cue starts its sentence: "[Secret Service protocol called for ...], sources said"
        a = span[0]
        while a > 0 and labels[a - 1] not in ("S", "C") and s.low[a - 1] not in (";", ".", "!", "?") \
                and not (s.shape[a - 1] == "q" and not s.in_quote[a]):
            a -= 1
        span = (a, span[1])
    if size(span) < 2:
        return None
    src_runs = [r for r in map(_SPAN, _S_RUNS.finditer(labels)) if (r[1] <= c0 or r[0] >= c1)  # _runs(, "S", 0)
                and (not (span[0] <= r[0] < span[1]) or gap[0] <= r[0] < gap[1])]
    if not src_runs:  # nobody marked: the likeliest word outside the content, and its neighbours
        # the words before the content, in its gap, after it (the gap lies inside the content), in order
        outside = [j for r in (range(span[0]), range(gap[0], gap[1]), range(span[1], len(labels))) for j in r
                   if labels[j] != "C"]
        if outside:
            j = max(outside, key=margin.__getitem__)
            if margin[j] > -4.0:
                a = b = j
                while a - 1 not in range(span[0], span[1]) and a > 0 and labels[a - 1] != "C" and margin[a - 1] > -2.0:
                    a -= 1
                while b + 1 < len(labels) and not (span[0] <= b + 1 < span[1]) and labels[b + 1] != "C" \
                        and margin[b + 1] > -2.0:
                    b += 1
                src_runs = [(a, b + 1)]
    src_tok = None
    if src_runs:
        # the nearest run that looks like someone (a name, a pronoun, a speaker noun), else the nearest
        if len(src_runs) == 1:  # (one run: it, someone or not)
            src_tok = src_runs[0]
        else:
            if SRC_CHOICE == "margin":
                src_runs.sort(key=lambda r: -max(margin[r[0]:r[1]]))
            else:
                src_runs.sort(key=lambda r: c0 - r[1] if r[1] <= c0 else r[0] - c1 + 1)
            for r in src_runs:
                if _someone(s, r):
                    src_tok = r
                    break
            else:
                src_tok = src_runs[0]
        a0, b0 = src_tok
        # "Mr. Deese", "Gov. Chris Christie": a title's full stop does not end the source
        while b0 + 1 < len(labels) and s.low[b0] == "." and s.low[b0 - 1] in _TITLE_ABBREVIATIONS \
                and s.shape[b0 + 1] == "Aa" and not (span[0] <= b0 + 1 < span[1]) and labels[b0 + 1] != "C":
            b0 += 2
            while b0 < len(labels) and s.shape[b0] == "Aa" and labels[b0] != "C" and not (span[0] <= b0 < span[1]):
                b0 += 1
        # "The GOP nominee": a run that stops at a determiner takes the words after it
        while b0 < len(labels) and b0 - a0 < 6 and s.low[b0 - 1] in _DETERMINERS and labels[b0] != "C" \
                and not (span[0] <= b0 < span[1]) and s.low[b0][:1].isalnum():
            b0 += 1
        src_tok = (a0, b0)
    return span, src_tok


Item = tuple[Sentence, int, int, float]  # what the role model reads for one cue: words, cue at c0..c1, its p


def cue_items(s: Sentence, model: AttributionModel, probs: list[tuple[int, float]] | None = None) -> list[Item]:
    """The cues of one sentence, each with the words the role model reads for it: the sentence, or in a long
    sentence only the words near the cue (a quote is at most 600 characters). ``probs``: see ``cues_in``."""
    out: list[Item] = []
    n = len(s.low)
    for c0, c1, p in cues_in(s, model, probs):
        if n > 2 * WINDOW + c1 - c0:
            lo, hi = max(0, c0 - WINDOW), min(n, c1 + WINDOW)
            out.append((s.window(lo, hi), c0 - lo, c1 - lo, p))
        else:
            out.append((s, c0, c1, p))
    return out


class VerifierNames(list[str]):
    """The features of a linear models' attribution: the verifier's names (``_V_TEMPLATES``), none of which
    is a CRF source's confidence ("sconf=..."). A finding that takes the CRF's reading (``reading_choice``)
    takes a plain list of the CRF's features."""

    __slots__ = ()


def _decided(model: AttributionModel, item: Item, roles: tuple[str, list[float]], least: float) -> Found | None:
    """The attribution of one cue as decoded from its words' roles, if the verifier gives it at least ``least``."""
    w, c0, c1, p = item
    got = _decode_tokens(w, c0, c1, *roles)
    if got is None:
        return None
    keys = verify_keys(w, c0, c1, *got, p, model.source_heads)
    score = model.verify_prob_keys(keys)
    if score < least:
        return None
    names = model.verify_names  # the keys' names, kept by verify_prob_keys (unless the verifier has no weights)
    f = _found(w, c0, c1, *got, VerifierNames(map(names.__getitem__, keys) if model.verify_w else map(_render, keys)))
    f.score = score
    return f


def find_in_sentence(s: Sentence, model: AttributionModel, threshold: float | None = None) -> list[Found]:
    """The attributions of one sentence the verifier gives at least ``threshold`` (the model's own when None)."""
    least = model.verify_threshold if threshold is None else threshold
    items = cue_items(s, model)
    roles = model.tables.roles_many(model, [(w, c0, c1) for w, c0, c1, _ in items])
    return [f for it, r in zip(items, roles, strict=True) if (f := _decided(model, it, r, least)) is not None]


Paragraph = tuple[str, Sequence[tuple[int, int]], Sequence[tuple[int, int]], "list[tuple[int, int, str]] | None"]


def find_linear(paragraphs: Sequence[Paragraph], model: AttributionModel, news: bool = False
                ) -> list[list[tuple[int, list[Found]]]]:
    """What the linear models find in each paragraph (text, sentence spans, quotation spans, words or None),
    sentence by sentence: (the sentence's number, its attributions), for the sentences that have some. The
    role model scores the words of every cue of all the paragraphs at once (``RoleTables.roles_many``)."""
    least = NEWS_LINEAR if news else model.verify_threshold
    FORMS.trim()
    sents: list[Sentence] = []
    where_s: list[tuple[int, int]] = []  # (paragraph, sentence) of each sentence with a candidate cue word
    has_cue = model.has_candidate
    for n, (block_text, sent_spans, spans, toks) in enumerate(paragraphs):
        low = block_text.lower()
        if len(low) != len(block_text):
            low = block_text
        for k, (a, b) in enumerate(sent_spans):
            if not has_cue(low, a, b):
                continue
            if toks is None:
                toks = tokenize(block_text)
            sents.append(Sentence.make(block_text, a, b, spans, k == 0, tokens_within(block_text, toks, None, a, b)))
            where_s.append((n, k))
    # the cue model's probabilities of every candidate word of every sentence at once (``CueTables.probs``)
    items: list[Item] = []
    where: list[tuple[int, int]] = []  # (paragraph, sentence) of each item
    for nk, s, probs in zip(where_s, sents, model.cue_tables.probs(sents), strict=True):
        if probs:
            got = cue_items(s, model, probs)
            items += got
            where += [nk] * len(got)
    out: list[list[tuple[int, list[Found]]]] = [[] for _ in paragraphs]
    roles = model.tables.roles_many(model, [(w, c0, c1) for w, c0, c1, _ in items])
    for (n, k), item, r in zip(where, items, roles, strict=True):
        f = _decided(model, item, r, least)
        if f is None:
            continue
        found = out[n]
        if not found or found[-1][0] != k:
            found.append((k, []))
        found[-1][1].append(f)
    return out


def widen_to_quotes(a: int, b: int, cue: tuple[int, int], spans: Sequence[tuple[int, int]],
                    ends: Sequence[int] | None = None) -> tuple[int, int]:
    """A content that runs into a quotation takes the whole quotation (its other
    sentences included), unless the cue itself is inside it. ``spans`` are in
    order and apart (``quote_spans``), ``ends`` their ends: only the
    quotations near the content are looked at."""
    ends = [qb for _, qb in spans] if ends is None else ends
    for qa, qb in spans[bisect.bisect_right(ends, a - 2):]:
        if qa >= b + 2:
            break
        if qb <= a - 2 or qa < cue[1] <= qb:
            continue
        if qa - 2 <= a < qb or qa < b <= qb + 2:
            a, b = min(a, qa), max(b, qb)
    return a, b


def block_sentences(block_text: str, sent_spans: Sequence[tuple[int, int]],
                    spans: Sequence[tuple[int, int]]) -> list[Sentence]:
    return [Sentence.make(block_text, a, b, spans, k == 0) for k, (a, b) in enumerate(sent_spans)]


def find_block(block_text: str, sent_spans: Sequence[tuple[int, int]], spans: Sequence[tuple[int, int]],
               model: Model, toks: list[tuple[int, int, str]] | None = None,
               crf_found: list[Found] | None = None, news: bool = False,
               linear: list[tuple[int, list[Found]]] | None = None) -> list[Found]:
    """Attributions of one paragraph, contents widened to their quotations and
    continued through the quotations that follow ('“A,” said X. “B.”'). ``toks``: the paragraph's words
    (``tokenize``) when they are known already; ``crf_found``: what ``model.crf.find_all`` finds in it,
    when it was asked already (``analyse`` runs the CRF over a run of paragraphs at a time). ``news``: the
    text reads like news reporting (``reads_like_news``), the kind of text the models learned from, where
    they may be looser (``NEWS_LINEAR``, ``CrfAttributor.keeps_news``). ``linear``: what ``find_linear`` finds in
    it, when it was asked already (``analyse`` asks it for a run of paragraphs at a time)."""
    out: list[Found] = []
    ends = [qb for _, qb in spans]
    starts = [qa for qa, _ in spans]
    if linear is None:
        linear = find_linear([(block_text, sent_spans, spans, toks)], model, news)[0]
    for k, found in linear:
        a = sent_spans[k][0]
        for f in found:
            f.content = widen_to_quotes(*f.content, f.cue, spans, ends)
            if k == 0 and f.cue_text == ":" and f.cue[0] - a < 40 and f.content[0] >= f.cue[1]:
                # "PENCE: Well, look, ..." (a transcript's turn) or "Poll: ...": the turn is the paragraph
                stop = f.content[0] + 600
                last = max((e for _, e in sent_spans if e <= stop), default=f.content[1])
                f.content = (f.content[0], max(f.content[1], last))
            out.append(f)
    out = _follow(out, block_text, spans, starts, ends)
    if crf_found is None and model.crf is not None:
        crf_found = model.crf.find_all(block_text, sent_spans, spans, toks)
    if crf_found is not None and model.crf is not None:
        if EXTEND_BY_CRF:
            _extend_by(out, crf_found)
        # the CRF adds the attributions the linear models missed (those apart from what they found)
        keeps = model.crf.keeps_news if news else model.crf.keeps
        kept = [f for f in crf_found if keeps(f)]
        added: list[Found] = []
        again: list[Found] = []
        if kept:  # (what the linear models found made searchable only when there is something to ask)
            found_again = _Again(out)
            for f in kept:
                (again if found_again(f) else added).append(f)
        # where both read one passage, the learned choice may prefer the CRF's reading (its cue may come elsewhere
        # in the text's order, and a content it widened may now hold a CRF attribution that was apart before)
        if again and news and reading_choice.choose(block_text, out, again, reading_choice.load_choice(),
                                                           model.source_heads):
            out.sort(key=lambda f: f.cue[0])
            found_again = _Again(out)
            added = [f for f in added if not found_again(f)]
        if added:
            out = sorted(out + added, key=lambda f: f.cue[0])
    return out


EXTEND_BY_CRF = True


def _extend_by(out: list[Found], crf_found: list[Found], least: float = 0.5) -> None:
    """A content the linear models cut short ('criticized [Tulsa, Okla]., police officer ...') takes the
    CRF's content that holds its start and goes on past its end (a CRF attribution its verifier gives at
    least ``least``, at most 600 characters: a quote, not a paragraph). Dev: recall +0.007, precision
    +0.002; the sample article's quotes are unchanged."""
    # the first such CRF content in crf_found's order; one that holds a (at most 600 characters) starts at most
    # 600 before it: only those are looked at (a block can hold thousands of each)
    if not out or not crf_found:
        return
    order = sorted(range(len(crf_found)), key=lambda k: crf_found[k].content[0])
    starts = [crf_found[k].content[0] for k in order]
    for f in out:
        a, b = f.content
        near = order[bisect.bisect_left(starts, a - 600):bisect.bisect_right(starts, a)]
        for k in sorted(near):
            g = crf_found[k]
            ga, gb = g.content
            if ga <= a < gb and gb > b and g.score >= least and gb - ga <= 600:
                f.content = (ga, gb)
                break


class _Again:
    """``_same(f, g)`` for any g of ``out``, asked of each CRF attribution f without looking at every g
    (a block can hold thousands of each): f inside some g (the widest g starting at or before f), or f's
    cue overlapping a g's cue (the gs whose cue starts at most the longest cue before f's) and their
    contents overlapping."""

    def __init__(self, out: list[Found]) -> None:
        self.out = out
        by_start = sorted(out, key=lambda g: g.content[0])
        self.starts = [g.content[0] for g in by_start]
        self.widest: list[int] = []  # the furthest end of the contents starting at or before each start
        top = -1
        for g in by_start:
            top = max(top, g.content[1])
            self.widest.append(top)
        self.by_cue = sorted(out, key=lambda g: g.cue[0])
        self.cue_starts = [g.cue[0] for g in self.by_cue]
        self.longest_cue = max((g.cue[1] - g.cue[0] for g in out), default=0)

    def __call__(self, f: Found) -> bool:
        a, b = f.content
        if a >= b:  # an empty content: overlap and inside differ at its edges, ask each
            return any(_same(f, g) for g in self.out)
        i = bisect.bisect_right(self.starts, a)
        if i and self.widest[i - 1] >= b:  # some g holds f (and so overlaps it)
            return True
        lo = bisect.bisect_left(self.cue_starts, f.cue[0] - self.longest_cue)
        hi = bisect.bisect_left(self.cue_starts, f.cue[1])
        return any(_same(f, g) for g in self.by_cue[lo:hi])


def _same(f: Found, g: Found) -> bool:
    """Whether the CRF's attribution ``f`` is the linear models' ``g`` again: their contents overlap and
    they share the cue, or f lies inside g (overlapping contents with other cues are two attributions)."""
    if not (g.content[0] < f.content[1] and f.content[0] < g.content[1]):
        return False
    return (g.cue[0] < f.cue[1] and f.cue[0] < g.cue[1]) or (g.content[0] <= f.content[0] and f.content[1] <= g.content[1])


# The operating point on news (``reads_like_news``), chosen on dev (scripts/choose_attribution.py): the
# linear models' verifier threshold; the CRF's (``CrfAttributor.keeps_news``). Elsewhere (essays, novels,
# manuals: text the models did not learn from, where many more sentences look like "X opposes Y") the
# stricter points stored with the models.
NEWS_LINEAR = 0.7
_REPORTING = re.compile(r"\b(?:said|says|told|according to)\b", re.I)
NEWS_RATE = 1.0  # reporting verbs per 1000 words


def reads_like_news(text: str) -> bool:
    """Whether a text reports speech as news does: at least ``NEWS_RATE`` of "said", "says", "told",
    "according to" per 1000 words. 91% of the training articles do (the rest are mostly short items and
    opinion pieces); essays, manuals and the sample article do not."""
    return 1000 * len(_REPORTING.findall(text)) >= NEWS_RATE * len(text.split())


def _follow(out: list[Found], block_text: str, spans: Sequence[tuple[int, int]], starts: list[int],
            ends: list[int]) -> list[Found]:
    for k, f in enumerate(out):
        a, b = f.content
        near = spans[bisect.bisect_right(ends, a):bisect.bisect_left(starts, b)]
        if not any(qa <= a and b <= qb for qa, qb in near) and not any(a <= qa and qb <= b for qa, qb in near):
            continue
        stop = out[k + 1].cue[0] if k + 1 < len(out) else len(block_text)  # cues come in text order
        for qa, qb in spans[bisect.bisect_left(starts, b):]:
            if qb > stop or qa - b > 250 or qb - a > 600:
                break
            b = qb
        f.content = (a, b)
    if NESTED and len(out) > 1:
        # the attributions near each other (cues in text order; a content is at most a few hundred characters)
        cue_at = [f.cue[0] for f in out]

        def neighbours(f: Found) -> list[Found]:
            lo = min(f.cue[0], f.content[0]) - 1500
            hi = max(f.cue[1], f.content[1]) + 1500
            return out[bisect.bisect_left(cue_at, lo):bisect.bisect_right(cue_at, hi)]

        for f in out:  # a content does not run over another attribution's source ('..., sources said')
            for g in neighbours(f):
                if g is not f and g.source is not None and f.content[0] < g.source[0] < f.content[1] \
                        and f.cue[1] <= f.content[0]:
                    end = g.source[0]
                    while end > f.content[0] and block_text[end - 1] in " ,;:—–":
                        end -= 1
                    f.content = (f.content[0], end)
        # an attribution inside another's content ('X issued a letter [... to oppose Y]') is part of what the
        # outer one reports: one quote, the outer
        out = [f for f in out if f.content[1] - f.content[0] > 1 and not any(
            g is not f and g.content[0] <= min(f.cue[0], f.content[0]) and max(f.cue[1], f.content[1]) <= g.content[1]
            and g.score >= f.score for g in neighbours(f))]
    return out


NESTED = True
Model = AttributionModel


def analysis_text(block_text: str) -> str:
    """The block as the models read it: ''doubled apostrophes'' are quotation marks."""
    return block_text.replace("''", '" ') if "''" in block_text else block_text


def kind_of(f: Found, spans: Sequence[tuple[int, int]], ends: Sequence[int] | None = None) -> str:
    """direct (mostly quoted), position (wants, believes, shows ...) or indirect."""
    a, b = f.content
    ends = [qb for _, qb in spans] if ends is None else ends
    quoted = 0
    for qa, qb in spans[bisect.bisect_right(ends, a):]:
        if qa >= b:
            break
        quoted += max(0, min(b, qb) - max(a, qa))
    if quoted >= 0.6 * (b - a):
        return "direct"
    head = f.cue_text.lower().split()
    return "position" if head and head[-1] in POSITION_CUES else "indirect"

