"""Attributions by a sequence model: a CRF tags each word of a paragraph as
Source, Cue or Content (BIO), trained by ``scripts/train_attribution.py`` on
PolNeAR (US political news, every attribution marked) and shipped as
``resources/attribution_model.crfsuite`` with its word lists in
``resources/attribution_model_crf.json``.

Why a CRF: the earlier pipeline looked only at words that had been cues in
training and judged each alone; most attributions it missed had a cue it had
rarely or never seen ("attacked", "spoke of", "pointed to"). A CRF tags every
word from its neighbours and from the labels around it (a Source, then a
verb, then a clause is an attribution whatever the verb), and python-crfsuite
tags in C.

A Content run is one attribution; its cue is the nearest Cue run and its
speaker the Source run nearest that cue. The features are the same function
at training and at run time.
"""

from __future__ import annotations

import bisect
import itertools
import json
import logging
import math
import re
import struct
from collections.abc import Sequence
from functools import cached_property, lru_cache
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

from reader.analysis.attribution_base import POSITION_CUES, Found, _shape, in_quotes, tokenize
from reader.analysis.quotes import _CUES, PRONOUNS, SPEAKER_NOUNS

log = logging.getLogger("reader.analysis")

RESOURCES = Path(__file__).resolve().parent.parent.parent / "resources"
MODEL_PATH = RESOURCES / "attribution_model.crfsuite"
LISTS_PATH = RESOURCES / "attribution_model_crf.json"
#: the training articles' word forms as the CRF reads them (``crf_numpy.Tagger.read_table``), written by
#: ``scripts/train_attribution.py crf-forms``
FORMS_PATH = RESOURCES / "attribution_model_crf_forms.npz"

# Verbs of saying and holding written down (not learned): a word in this list is a likely cue even when
# the training articles never used it as one.
LEXICON = frozenset(c for c in _CUES if " " not in c) | POSITION_CUES | frozenset(
    "according told tweeted wrote writes tweets posted blasted slammed accused criticized criticised".split())


def stem(w: str) -> str:
    """A crude lemma: 'attacked', 'attacks', 'attacking' -> 'attack' (the first of -ing, -ed, -es, -s that
    leaves more than two letters)."""
    n = len(w)
    if n > 5 and w.endswith("ing"):
        return w[:-3]
    if n > 4 and (w.endswith("ed") or w.endswith("es")):
        return w[:-2]
    if n > 3 and w.endswith("s"):
        return w[:-1]
    return w


@lru_cache(maxsize=200_000)
def _word_features(w: str, share: float | None, stem_share: float | None) -> tuple[str, ...]:
    """The features of a word on its own (kept: a text repeats its words)."""
    low = w.lower()
    return _own(w, low, stem(low), share, stem_share)


def _own(w: str, low: str, st: str, share: float | None, stem_share: float | None) -> tuple[str, ...]:
    """``_word_features`` given the word's lower case and stem."""
    f = ["b", "w=" + low, "st=" + st, "s3=" + low[-3:], "sh=" + _shape(w)]
    if low in LEXICON:
        f.append("lex")
    if share is not None:
        f.append("cs=" + str(min(9, int(share * 10))))
    if stem_share is not None:
        f.append("css=" + str(min(9, int(stem_share * 10))))
    return tuple(f)


def _context(w: str) -> tuple[str, str, str, str, str, str, str, str]:
    """A word as a neighbour, in the order of ``NEIGHBOUR``: p1=, n1=, p2=, n2=, ps1=, ns1=, psh=, nsh=."""
    low = w.lower()
    st = stem(low)
    sh = _shape(w) if w not in _EDGE else w
    return ("p1=" + low, "n1=" + low, "p2=" + low, "n2=" + low, "ps1=" + st, "ns1=" + st, "psh=" + sh, "nsh=" + sh)


_EDGE = ("<s>", "</s>")
# which neighbour each of _context's features is taken from: -1 the word before, +1 the word after, -2, +2
NEIGHBOUR = (-1, 1, -2, 2, -1, 1, -1, 1)
_FLAGS = ("q=0", "q=1", "first=0", "first=1", "sent0=0", "sent0=1",
          *("dl=" + str(k) for k in range(7)), "dl=x", *("dr=" + str(k) for k in range(7)), "dr=x")


def word_parts(w: str, share: dict[str, float]) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    """A word form's own features (``_word_features``), its features as a neighbour (``_context``) and whether
    it is a likely cue (the numpy tagger asks this once per word form: its lower case and stem made once)."""
    low = w.lower()
    st = stem(low)
    cs = share.get(low)
    sh = _shape(w) if w not in _EDGE else w
    return (_own(w, low, st, cs, share.get("~" + st)),
            ("p1=" + low, "n1=" + low, "p2=" + low, "n2=" + low, "ps1=" + st, "ns1=" + st, "psh=" + sh, "nsh=" + sh),
            low in LEXICON or (cs is not None and cs >= 0.1))


class _Word:
    """What the features need of one word form, as the bytes crfsuite reads (``keep``: only the attributes
    the model knows; b"" stands for one it does not, which crfsuite skips like any unknown attribute)."""

    __slots__ = ("context", "cue", "low", "own")

    def __init__(self, w: str, share: dict[str, float], keep: frozenset[bytes] | None) -> None:
        low = w.lower()
        own = [f.encode() for f in _word_features(w, share.get(low), share.get("~" + stem(low)))]
        ctx = [f.encode() for f in _context(w)]
        if keep is not None:
            own = [f for f in own if f in keep]
            ctx = [f if f in keep else b"" for f in ctx]
        self.own: tuple[bytes, ...] = tuple(own)
        self.context: tuple[bytes, ...] = tuple(ctx)
        self.low = low.encode()
        self.cue = low in LEXICON or share.get(low, 0.0) >= 0.1


def paragraph_tokens(text: str, sent_spans: Sequence[tuple[int, int]], quote_spans: Sequence[tuple[int, int]],
                     toks: list[tuple[int, int, str]] | None = None
                     ) -> tuple[list[tuple[int, int, str]], list[int], list[bool]]:
    """The words of a paragraph (``toks`` when known already), the sentence each is in, and whether each is
    inside a quotation."""
    toks = tokenize(text) if toks is None else toks
    # the words before the first sentence's start are -1; those from sentence k's start to the next one's, k
    at = [bisect.bisect_left(toks, a, key=_START) for a, _ in sent_spans]
    sid = [-1] * (at[0] if at else len(toks))
    for k, (lo, hi) in enumerate(zip(at, [*at[1:], len(toks)], strict=True)):
        sid += [k] * (hi - lo)
    return toks, sid, in_quotes(toks, quote_spans)


_START = itemgetter(0)


def features(toks: Sequence[tuple[int, int, str]], sid: Sequence[int], inq: Sequence[bool],
             share: dict[str, float]) -> list[list[str]]:
    """Each word's features: itself (word, crude lemma, suffix, shape, the cue lists), its neighbours
    two either side, whether it is quoted, opens its sentence or its paragraph's first sentence, and how
    far the nearest likely cue is on each side within its sentence (as training reads them; the tagger
    reads the same, as bytes, from ``encoded``)."""
    return [[f.decode() for f in row] for row in encoded(toks, sid, inq, share, {}, None)]


def encoded(toks: Sequence[tuple[int, int, str]], sid: Sequence[int], inq: Sequence[bool],
            share: dict[str, float], cache: dict[str, _Word], keep: frozenset[bytes] | None
            ) -> list[tuple[bytes, ...]]:
    """``features`` as crfsuite reads them (UTF-8 bytes, in the same order), each word form's own features
    and its features as a neighbour made once (``cache``, kept between calls: a text repeats its words).
    With ``keep``, the attributes the model does not know are left out (own features) or b"" (the rest):
    crfsuite skips those, so the tags are the same. A new feature is one more item in each row."""
    n = len(toks)
    words: list[_Word] = []
    for _, _, w in toks:
        x = cache.get(w)
        if x is None:
            x = cache[w] = _Word(w, share, keep)
        words.append(x)
    flags = {f: f.encode() if keep is None or f.encode() in keep else b"" for f in _FLAGS}
    # the distance to the nearest likely cue on each side, within the sentence
    dl = [flags["dl=x"]] * n
    near = [flags["dl=" + str(k)] for k in range(7)]
    last = -1
    for i in range(n):
        if last >= 0 and sid[last] == sid[i]:
            dl[i] = near[min(6, i - last)]
        if words[i].cue:
            last = i
    dr = [flags["dr=x"]] * n
    near = [flags["dr=" + str(k)] for k in range(7)]
    last = -1
    for i in range(n - 1, -1, -1):
        if last >= 0 and sid[last] == sid[i]:
            dr[i] = near[min(6, last - i)]
        if words[i].cue:
            last = i
    edge_l = cache.get("<s>") or cache.setdefault("<s>", _Word("<s>", share, keep))
    edge_r = cache.get("</s>") or cache.setdefault("</s>", _Word("</s>", share, keep))
    # each word's neighbours, one list per position: the word before, after, two before, two after
    ctx = [x.context for x in words]
    low = [x.low for x in words]
    before = [edge_l.context, *ctx[:-1]]
    after = [*ctx[1:], edge_r.context]
    before2 = ([edge_l.context[2]] * 2 + [c[2] for c in ctx[:-2]])[:n]
    after2 = [c[3] for c in ctx[2:]] + [edge_r.context[3]] * min(2, n)
    p1w = [b"p1w=" + a + b"|" + w for a, w in zip([edge_l.low, *low[:-1]], low, strict=True)]
    wn1 = [b"wn1=" + w + b"|" + a for w, a in zip(low, [*low[1:], edge_r.low], strict=True)]
    if keep is not None:
        p1w = [f if f in keep else b"" for f in p1w]
        wn1 = [f if f in keep else b"" for f in wn1]
    q = [flags["q=1"] if v else flags["q=0"] for v in inq]
    f0, f1, s0, s1 = flags["first=0"], flags["first=1"], flags["sent0=0"], flags["sent0=1"]
    first = [f1] + [f1 if b != a else f0 for a, b in itertools.pairwise(sid)] if n else []
    sent0 = [s1 if k <= 0 else s0 for k in sid]
    return [(*x.own, pc[0], nc[1], p2, n2, pc[4], nc[5], pc[6], nc[7], pw, wn, qi, fi, si, li, ri)
            for x, pc, nc, p2, n2, pw, wn, qi, fi, si, li, ri in zip(words, before, after, before2, after2, p1w, wn1,
                                                                   q, first, sent0, dl, dr, strict=True)]


_CODE = {"O": "O", "B-Source": "S", "I-Source": "s", "B-Cue": "C", "I-Cue": "c", "B-Content": "T", "I-Content": "t"}
_LABEL_OF = {c: label for label, c in _CODE.items()}
#: the labels that make a paragraph's marginals needed (``decode`` reads attributions from its Content runs)
_NEED = ("B-Cue", "B-Content", "I-Content")
#: the verifier's feature of a content's first label: its B, I or O
_CSTART = {c: "cstart=" + label[0] for c, label in _LABEL_OF.items()}


def label_code(labels: Sequence[str]) -> str:
    """Each label as one letter (``_CODE``: what ``decode`` reads)."""
    return "".join(map(_CODE.__getitem__, labels))
_RUN = {role: re.compile(f"[{c}{c.lower()}]{c.lower()}*") for role, c in (("Source", "S"), ("Cue", "C"),
                                                                         ("Content", "T"))}


def _runs(code: str, role: str) -> list[list[int]]:
    """The runs of a role's labels (``code``: each word's label as one letter of ``_CODE``): a B and the I's right
    after it, or I's after something else."""
    return [[*m.span()] for m in _RUN[role].finditer(code)]


_ANY_RUN = re.compile("|".join(r.pattern for r in _RUN.values()))


def _role_runs(code: str) -> dict[str, list[list[int]]]:
    """``_runs`` of the three roles by their letters ("S", "C", "T"), found in one pass over ``code`` (the roles'
    letters differ, so each role's runs are the same as its own pass finds)."""
    out: dict[str, list[list[int]]] = {"S": [], "C": [], "T": []}
    for m in _ANY_RUN.finditer(code):
        out[m.group().upper()[0]].append([*m.span()])
    return out


def known_attributes(model_path: Path) -> frozenset[bytes] | None:
    """The attribute names a CRFsuite model knows, read from its file, or None when the file reads otherwise.
    The names are a CQDB chunk after the header: each as its id, its size and its bytes with a closing NUL,
    one after the other in the order of their ids, and a table from each id to where its entry starts.
    ``Tagger.info()`` tells the same from a text dump of the whole model, 30 times slower."""
    try:
        data = model_path.read_bytes()
        magic, _, kind, _, _, _, n_attrs, _, _, off, _, _ = struct.unpack_from("<4sI4s9I", data, 0)
        chunk, _, _, _, n, bwd = struct.unpack_from("<4s5I", data, off)
        if magic != b"lCRF" or kind != b"FOMC" or chunk != b"CQDB" or n != n_attrs or n == 0:
            return None
        at = [off + a for a in struct.unpack_from(f"<{n}I", data, off + bwd)]
        ends = [a - 1 for a in at[1:]]
        ends.append(data.index(b"\0", at[-1] + 8))
        names = [data[a + 8:e] for a, e in zip(at, ends, strict=True)]
        # each entry runs up to the next one, its name up to the NUL before it: a NUL inside a name would be a
        # file laid out otherwise
        if b"\0" in b"".join(names):
            return None
        return frozenset(names)
    except (OSError, struct.error, ValueError) as exc:
        log.info("attribute names of %s unread (%s): the tagger gets every feature", model_path, exc)
        return None


class CrfAttributor:
    """The shipped CRF, its word lists and the verifier that judges each attribution it decodes. The CRF runs in
    numpy (``crf_numpy``: the same model and labels as crfsuite's, a run of paragraphs at a time); ``tagger``,
    crfsuite's own, is there to check it against."""

    def __init__(self, model_path: Path, lists: dict[str, Any], forms: Path | None = None) -> None:
        from reader.analysis import crf_numpy

        self.path = model_path
        self.share: dict[str, float] = lists["cue_share"]
        self.heads: frozenset[str] = frozenset(lists.get("source_heads", ()))
        self.join_gap = int(lists.get("join_gap", 10))
        self.verify_w: dict[str, float] = lists.get("verify_weights", {})
        self.verify_threshold = float(lists.get("verify_threshold", 0.0))
        self.model = crf_numpy.Model(model_path)
        self.fast = crf_numpy.Tagger(self.model, lambda w: word_parts(w, self.share), _FLAGS, forms, clause_word)
        self._cache: dict[str, _Word] = {}  # each word form's features (for ``encoded``)
        self.letters = label_code(self.model.labels)  # each label's letter, in the model's order
        self._shares: dict[tuple[str, ...], float] = {}  # ``cue_share`` of each cue's words met (a text repeats them)

    @cached_property
    def keep(self) -> frozenset[bytes]:
        """The attributes the model knows (what ``encoded`` feeds crfsuite)."""
        return frozenset(self.model.attrs)

    @cached_property
    def tagger(self) -> Any:
        """crfsuite's tagger of the same model (the reference ``crf_numpy`` is checked against)."""
        import pycrfsuite  # type: ignore[import-untyped]

        tagger = pycrfsuite.Tagger()
        tagger.open(str(self.path))
        return tagger

    def tag_many(self, paragraphs: Sequence[tuple[str, Sequence[tuple[int, int]], Sequence[tuple[int, int]],
                                                  list[tuple[int, int, str]] | None]]
                 ) -> list[tuple[list[tuple[int, int, str]], list[int], list[bool], list[str], list[float]]]:
        """``tag`` of each paragraph (text, sentence spans, quotation spans, words when known), all at once."""
        read = [paragraph_tokens(text, sents, quotes, toks) for text, sents, quotes, toks in paragraphs]
        tagged = iter(self.fast.tag_named([r for r in read if r[0]], _NEED))
        return [(toks, sid, inq, *next(tagged)) if toks else (toks, sid, inq, [], []) for toks, sid, inq in read]

    def tag(self, text: str, sent_spans: Sequence[tuple[int, int]], quote_spans: Sequence[tuple[int, int]],
            toks: list[tuple[int, int, str]] | None = None
            ) -> tuple[list[tuple[int, int, str]], list[int], list[bool], list[str], list[float]]:
        """A paragraph's words, their sentences, whether each is quoted, their labels and, when the labels hold a
        Cue or Content, the marginal of each word's label (1.0 for O)."""
        return self.tag_many([(text, sent_spans, quote_spans, toks)])[0]

    def find_all(self, text: str, sent_spans: Sequence[tuple[int, int]],
                 quote_spans: Sequence[tuple[int, int]], toks: list[tuple[int, int, str]] | None = None
                 ) -> list[Found]:
        """Every attribution decoded, each with its verifier score (none left out)."""
        return self.find_all_many([(text, sent_spans, quote_spans, toks)])[0]

    def find_all_many(self, paragraphs: Sequence[tuple[str, Sequence[tuple[int, int]], Sequence[tuple[int, int]],
                                                       list[tuple[int, int, str]] | None]]) -> list[list[Found]]:
        """``find_all`` of each paragraph, tagged all at once."""
        out: list[list[Found]] = []
        w = self.verify_w
        read = [paragraph_tokens(text, sents, quotes, toks) for text, sents, quotes, toks in paragraphs]
        tagged = iter(self.fast.tag_codes([r for r in read if r[0]], self.letters, _NEED))
        for toks, sid, inq in read:
            code, marg, clauses = next(tagged) if toks else ("", [], [])
            if not marg:
                out.append([])
                continue
            found = decode(toks, sid, code, marg, inq, self, self.join_gap, clauses)
            for f in found:
                z = sum(map(w.get, f.features, repeat(0.0, len(f.features))))
                f.score = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) if w else f.score
            out.append(found)
        return out

    def find_block(self, text: str, sent_spans: Sequence[tuple[int, int]],
                   quote_spans: Sequence[tuple[int, int]], toks: list[tuple[int, int, str]] | None = None
                   ) -> list[Found]:
        """The attributions the verifier keeps: those with a source, not positions (an essay holds many
        sentences shaped like "the party opposes ..." that nobody would call a quote; the linear models,
        more careful, still find positions), that it gives at least ``verify_threshold``."""
        return [f for f in self.find_all(text, sent_spans, quote_spans, toks) if self.keeps(f)]

    def keeps(self, f: Found) -> bool:
        """Whether an attribution the CRF decoded is one to add (``find_block``'s test)."""
        return f.score >= self.verify_threshold and f.source is not None \
            and not (f.cue_text and f.cue_text.split()[-1].lower() in POSITION_CUES)

    def keeps_news(self, f: Found) -> bool:
        """``keeps`` on news (``attribution.reads_like_news``), chosen on dev by scripts/choose_attribution.py:
        a score of 0.5 with a source, 0.7 without, 0.8 for a position."""
        if f.cue_text and f.cue_text.split()[-1].lower() in POSITION_CUES:
            return f.score >= NEWS_POSITION
        return f.score >= (NEWS_WITH_SOURCE if f.source is not None else NEWS_NO_SOURCE)

    def cue_share(self, words: Sequence[str]) -> float:
        """How likely the cue's words are to be a cue, from training (the best of its words, by word or lemma)."""
        key = tuple(words)
        got = self._shares.get(key)
        if got is None:
            if len(self._shares) > 100_000:  # a bound on what a long-running process keeps
                self._shares.clear()
            share = self.share
            got = self._shares[key] = max((max(share.get(w, 0.0), share.get("~" + stem(w), 0.0)) for w in words),
                                          default=0.0)
        return got


NEWS_WITH_SOURCE = 0.5
NEWS_NO_SOURCE = 0.7
NEWS_POSITION = 0.8


_FINITE = frozenset("""is are was were will would could can had has have may might must should did does do
isn’t isn't wasn’t wasn't won’t won't don’t don't didn’t didn't doesn’t doesn't can’t can't""".split())
_FUNCTION = frozenset("the a an and but or so as in on at by for with of to from that this".split())


def clause_word(w: str) -> bool:
    """Whether a word makes its content a clause (``verify_features``): a finite verb or a word in -ed."""
    low = w.lower()
    return low in _FINITE or (len(low) > 4 and low.endswith("ed"))


class _ClauseWords(dict[str, bool]):
    """``clause_word`` made once per word form (a content of many words is read word by word until one is found),
    where the tagger has not counted them (``Tagger.mark``)."""

    def __missing__(self, w: str) -> bool:
        if len(self) > 200_000:  # a bound on what a long-running process keeps
            self.clear()
        v = self[w] = clause_word(w)
        return v


_CLAUSE_WORD = _ClauseWords()
_TEXT = itemgetter(2)


_DIGIT = tuple(str(d) for d in range(10))


def _b(x: float) -> str:
    """A share or a probability in tenths, 9 at most: '0' .. '9'."""
    d = int(x * 10)
    return _DIGIT[d] if 0 <= d <= 9 else str(min(9, d))


def _len(n: int) -> str:
    return "1" if n <= 1 else "3" if n <= 3 else "6" if n <= 6 else "12" if n <= 12 else "25" if n <= 25 else "50"


def verify_features(toks: Sequence[tuple[int, int, str]], code: str, marg: Sequence[float],
                    inq: Sequence[bool], content: tuple[int, int], cue: list[int] | None, src: list[int] | None,
                    model: CrfAttributor, clauses: Sequence[int] = ()) -> list[str]:
    """What the verifier knows of one decoded attribution: how sure the CRF was of each part, the cue's words
    and how often they were cues in training, what the source looks like, and the content's length, side,
    quotation marks and whether it is a clause (``clauses``, when given: a running count of the paragraph's
    ``clause_word``s, ``Tagger.tag_codes``)."""
    a, b = content
    conf = _b(sum(marg[a:b]) / (b - a))
    quoted = sum(inq[a:b]) / (b - a)
    qb = "q0" if quoted < 0.2 else "q2" if quoted > 0.8 else "q1"
    if clauses:
        clause = "V" if clauses[b] > clauses[max(0, a - 1)] else "N"
    else:
        clause = "V" if any(map(_CLAUSE_WORD.__getitem__, map(_TEXT, toks[max(0, a - 1):b]))) else "N"
    first = toks[a][2].lower()
    f = ["b", "conf=" + conf, "clen=" + _len(b - a), "cq=" + qb, "clause=" + clause + qb,
         "cfirst=" + first, "cprev=" + (toks[a - 1][2].lower() if a > 0 else "<s>"),
         _CSTART[code[a]], "para0=True" if a == 0 else "para0=False"]
    if cue is None:
        f += ["cue=none", "cue=none|" + qb]
    else:
        c0, c1 = cue
        words = [w.lower() for _, _, w in toks[c0:c1]]
        head = next((w for w in reversed(words) if w not in _FUNCTION), words[-1])
        side = "R" if c1 <= a else "L" if c0 >= b else "I"
        gap = a - c1 if side == "R" else c0 - b if side == "L" else 0
        share = _b(model.cue_share(words))
        cl = _len(c1 - c0)
        f += ["cuelen=" + cl, "cuecomma=" + str("," in words), "cue|len=" + head + cl,
              "cue|first=" + head + "|" + first,
              "cue=" + head, "cuesh=" + share, "cuelex=" + str(not LEXICON.isdisjoint(words)),
              "cconf=" + _b(sum(marg[c0:c1]) / (c1 - c0)), "cside=" + side + _len(gap), "cue|q=" + head + qb,
              "cuesh|q=" + share + qb, "cuesh|conf=" + share + conf]
    if src is None:
        f += ["src=none", "src=none|" + qb]
        return f
    s0, s1 = src
    words = [w for _, _, w in toks[s0:s1]]
    head = words[-1].lower()
    kind = ("pron" if head in _PRONOUN_HEADS else
            "name" if any(w[:1].isupper() and not (k == 0 and w.lower() in _FUNCTION) for k, w in enumerate(words))
            else "noun" if head in SPEAKER_NOUNS else "word" if head.isalpha() else "mark")
    f += ["src=" + kind, "slen=" + _len(s1 - s0), "shead=" + head, "sknown=" + str(head in model.heads) + kind,
          "sconf=" + _b(sum(marg[s0:s1]) / (s1 - s0)), "src|conf=" + kind + conf,
          "src|cue=" + kind + ("none" if cue is None else ""), "src|q=" + kind + qb,
          "src|cuehead=" + kind + "|" + ("none" if cue is None else toks[cue[1] - 1][2].lower())]
    return f


_PRONOUN_HEADS = frozenset(PRONOUNS) | frozenset(("it", "who", "which", "this", "that", "one"))


ADJACENT_SOURCE = True
_PRONOUN_SOURCES = frozenset("he she they i we".split())


def _adjacent_source(toks: Sequence[tuple[int, int, str]], cue: list[int], content: tuple[int, int]
                     ) -> list[int] | None:
    """A source the CRF did not mark: a pronoun or a run of capitalised words right before the cue
    ("Smith said") or right after it ("said Smith"), outside the content."""
    c0, c1 = cue
    j = c0
    while j > 0 and c0 - j < 4 and not (content[0] <= j - 1 < content[1]) and toks[j - 1][2][:1].isupper():
        j -= 1
    if j < c0:
        return [j, c0]
    if c0 > 0 and toks[c0 - 1][2].lower() in _PRONOUN_SOURCES:
        return [c0 - 1, c0]
    j = c1
    while j < len(toks) and j - c1 < 4 and not (content[0] <= j < content[1]) and toks[j][2][:1].isupper():
        j += 1
    if j > c1:
        return [c1, j]
    if c1 < len(toks) and toks[c1][2].lower() in _PRONOUN_SOURCES:
        return [c1, c1 + 1]
    return None


def decode(toks: Sequence[tuple[int, int, str]], sid: Sequence[int], code: str, marg: Sequence[float],
           inq: Sequence[bool], model: CrfAttributor, join_gap: int = 10, clauses: Sequence[int] = ()
           ) -> list[Found]:
    """Attributions from a paragraph's labels (``code``: one letter each, ``label_code``): each Content run (a run
    that goes on after a cue or source, "“A,” he said, “B”", joins the one before), its nearest Cue and that cue's
    nearest Source. ``clauses``: see ``verify_features``."""
    contents: list[list[int]] = []
    runs = _role_runs(code)
    for a, b in runs["T"]:
        if code[a].islower() and contents and a - contents[-1][1] <= join_gap:
            contents[-1][1] = b
        else:
            contents.append([a, b])
    cues = runs["C"]
    sources = runs["S"]
    cue_ends = [r[1] for r in cues]
    source_starts = [r[0] for r in sources]
    source_ends = [r[1] for r in sources]
    out: list[Found] = []
    used: set[int] = set()
    for a, b in contents:
        if b - a < 2:
            continue
        cue = _nearest(cues, cue_ends, a, b)
        if cue is not None and _dist(cue, a, b) > 40:
            cue = None
        if cue is not None:
            src = _nearest_start(sources, source_starts, cue[0])
        else:
            src = _nearest(sources, source_ends, a, b)
        if src is not None and _dist(src, a, b) > 60:
            src = None
        if src is None and cue is not None and ADJACENT_SOURCE:
            src = _adjacent_source(toks, cue, (a, b))
        source = (toks[src[0]][0], toks[src[1] - 1][1]) if src is not None else None
        if cue is not None:
            cue_span = (toks[cue[0]][0], toks[cue[1] - 1][1])
            cue_text = " ".join(w for _, _, w in toks[cue[0]:cue[1]])
        else:
            cue_span = (toks[a][0], toks[a][0])
            cue_text = ""
        feats = verify_features(toks, code, marg, inq, (a, b), cue, src, model, clauses)
        out.append(Found((toks[a][0], toks[b - 1][1]), source, cue_span, cue_text, features=feats))
        if cue is not None:
            used.add(cue[0])
    if TRAILING:
        out += _trailing(toks, sid, code, marg, inq, model, [c for c in cues if c[0] not in used], sources, clauses)
        out.sort(key=lambda f: f.cue[0])
    return out


def _dist(r: list[int], a: int, b: int) -> int:
    """How many words apart run ``r`` and the words a..b are (0 when they touch or overlap)."""
    return a - r[1] if r[1] <= a else (r[0] - b if r[0] >= b else 0)


def _nearest(runs: list[list[int]], ends: list[int], a: int, b: int) -> list[int] | None:
    """``min(runs, key=dist)``: the first of the runs (in order and apart; ``ends`` theirs) nearest the
    words a..b, found by bisection (a paragraph of one long line holds thousands of runs)."""
    i = bisect.bisect_left(ends, a)  # the first run ending at a or after
    if i < len(runs) and (runs[i][1] == a or runs[i][0] < b):
        return runs[i]  # it touches or overlaps a..b: distance 0, and every run before is further
    left = runs[i - 1] if i > 0 else None  # ends before a
    right = runs[i] if i < len(runs) else None  # starts at b or after
    if left is None or right is None:
        return left or right
    return left if a - left[1] <= right[0] - b else right


def _nearest_start(runs: list[list[int]], starts: list[int], at: int) -> list[int] | None:
    """``min(runs, key=lambda r: abs(r[0] - at))``, by bisection (the runs in order and apart)."""
    j = bisect.bisect_left(starts, at)
    if j == len(runs):
        return runs[j - 1] if j else None
    if j == 0 or starts[j] - at < at - starts[j - 1]:
        return runs[j]
    return runs[j - 1]


TRAILING = True
_ENDS = frozenset(".!?")


def _trailing(toks: Sequence[tuple[int, int, str]], sid: Sequence[int], code: str,
              marg: Sequence[float], inq: Sequence[bool], model: CrfAttributor, cues: list[list[int]],
              sources: list[list[int]], clauses: Sequence[int] = ()) -> list[Found]:
    """'[The plan called for X], sources said.': a cue and its source closing a sentence after a comma, that
    no content of its own was tagged for, report the sentence before them (the CRF gives each word one
    label, so the outer attribution's content is tagged as the inner one's)."""
    out: list[Found] = []
    n = len(toks)
    for cue in cues:
        c0, c1 = cue
        src = next((r for r in sources if r[1] == c0 or r[0] == c1), None)
        if src is None:
            continue
        a0, b0 = min(c0, src[0]), max(c1, src[1])
        if a0 == 0 or toks[a0 - 1][2] != ",":
            continue
        e = b0
        while e < n and e - b0 < 4 and sid[e] == sid[c0] and toks[e][2] not in _ENDS:
            e += 1
        if e < n and sid[e] == sid[c0] and toks[e][2] not in _ENDS:
            continue
        start = a0 - 1
        while start > 0 and sid[start - 1] == sid[c0]:
            start -= 1
        if a0 - 1 - start < 3:
            continue
        a, b = start, a0 - 1
        feats = [*verify_features(toks, code, marg, inq, (a, b), cue, src, model, clauses), "trailing"]
        out.append(Found((toks[a][0], toks[b - 1][1]), (toks[src[0]][0], toks[src[1] - 1][1]),
                         (toks[c0][0], toks[c1 - 1][1]), " ".join(w for _, _, w in toks[c0:c1]), features=feats))
    return out


@lru_cache(maxsize=1)
def load(model_path: Path = MODEL_PATH, lists_path: Path = LISTS_PATH,
         forms_path: Path | None = FORMS_PATH) -> CrfAttributor | None:
    try:
        return CrfAttributor(model_path, json.loads(lists_path.read_text(encoding="utf-8")), forms_path)
    except (OSError, ValueError, KeyError, ImportError, struct.error) as exc:
        log.warning("attribution CRF unavailable (%s)", exc)
        return None
