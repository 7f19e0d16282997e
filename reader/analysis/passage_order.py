"""One passage, one entry; where two readings of a passage both stay, the better-supported one first.

Two readings often cover the same words: the rules' and the models', the linear models' and the CRF's, a direct
quotation and the reported clause around it ("My name may not be on the ballot …", listed once as direct and
again as indirect, each with its own speaker). The panel listed both, the earlier one first, whichever named the
speaker better. ``order`` decides between the two readings of each overlapping pair with a logistic model over
both (kinds, which model found each, its confidence, what each speaker looks like and whether it is resolved to a
person, the cues' words, whether one's source or cue lies inside the other's content, how much of each the other
covers), learned from the training articles' gold sources by ``scripts/train_passage_order.py`` and shipped as
``resources/passage_order.json``:

- two readings of (nearly) one passage (each covers at least ``SAME`` of the other): one entry, the one the
  model prefers;
- otherwise both stay (nested attributions, "X said Y believes Z", are two), and the later-starting one is listed
  first where the model gives it at least the file's threshold.

The threshold was chosen on held-out folds of the training articles (split by article). Cost: each quote is
compared with the few that follow it (``WINDOW``) and overlap it; linear in the number of quotes.
"""

from __future__ import annotations

import bisect
import functools
import logging
import operator
import re
from collections.abc import Callable
from itertools import islice
from pathlib import Path

from reader.analysis.learned import Choice, bucket, read_choice
from reader.analysis.quotes import Quote

log = logging.getLogger("reader.analysis")

_RESOURCE = Path(__file__).resolve().parent.parent.parent / "resources" / "passage_order.json"

WINDOW = 8  # a quote is compared with the next WINDOW - 1 quotes (sorted by start) that overlap it
SAME = 0.9  # two readings each covering at least this share of the other are one passage

_PRONOUNS = frozenset("he she they it i we you who which that his her them him this one".split())
_SAYING = frozenset("""said says say saying told tells added according wrote asked noted explained stated argued
claimed insisted announced declared reported tweeted warned continued replied responded""".split())
_WORD = re.compile(r"[\w’'-]+")
_CONTENT = re.compile(r"[a-z0-9']+")
_STOP = frozenset("the a an of and in on to for by with his her their its this that these those mr mrs ms dr".split())
UNNAMED = "Speaker not"  # the start of the group of quotes whose speaker is not resolved to a person


@functools.cache
def load_choice() -> Choice | None:
    """The learned choice (its threshold: the probability the later reading must reach to be listed first); None
    without the file (the readings then stay as they are)."""
    return read_choice(_RESOURCE)


def _speaker_kind(q: Quote) -> str:
    words = _WORD.findall(q.speaker or "")
    if not words:
        return "none"
    if words[-1].lower() in _PRONOUNS:
        return "pron"
    return "name" if any(w[:1].isupper() for w in words) else "np"


def _origin(q: Quote) -> str:
    """Who found it: the rules (no model score), the linear models, or the linear models with the CRF's source."""
    if "score" not in q.extra:
        return "rul"
    return "lin" if q.extra.get("source_conf", "lin") == "lin" else "crf"


def _cue_class(q: Quote) -> str:
    words = [w.lower() for w in _WORD.findall(q.cue or "")]
    return ":" if not words else "say" if any(w in _SAYING for w in words) else "oth"


def _cue_word(q: Quote) -> str:
    words = _WORD.findall(q.cue or "")
    return words[-1].lower() if words else ":"


def _inside(at: int | None, q: Quote) -> str:
    return str(at is not None and q.start <= at < q.end)


def _side(q: Quote) -> str:
    s = q.extra.get("speaker_start")
    return "n" if s is None else "L" if s < q.start else "R" if s >= q.end else "I"


def _names(s: str | None) -> set[str]:
    return {w for w in _CONTENT.findall((s or "").lower()) if w not in _STOP}


def _score(q: Quote) -> str:
    s = q.extra.get("score")
    return "r" if s is None else bucket(float(s))


def _unnamed(q: Quote) -> str:
    return str(str(q.extra.get("group", "")).startswith(UNNAMED))


def _own(q: Quote) -> tuple[str, str, str, str, str, str, str, str]:
    """What a reading's features say of it alone: kind, who found it, its speaker's form, its cue's class and
    word, where its source lies, whether its speaker is resolved to a person, the verifier's confidence."""
    return (q.kind[:3], _origin(q), _speaker_kind(q), _cue_class(q), _cue_word(q), _side(q), _unnamed(q), _score(q))


def features(a: Quote, b: Quote, own: Callable[[Quote], tuple[str, ...]] = _own) -> list[str]:
    """The features of a pair of overlapping readings, ``a`` listed before ``b`` (``own``: ``_own``, or a cache
    of it)."""
    la, lb = max(1, a.end - a.start), max(1, b.end - b.start)
    ov = min(a.end, b.end) - max(a.start, b.start)
    if a.start <= b.start and b.end <= a.end:
        rel = "BinAe" if a.end == b.end else "BinA"
    elif b.start <= a.start and a.end <= b.end:
        rel = "AinB"
    else:
        rel = "cross"
    ka, oa, sa, ca, wa, da, ga, pa = own(a)
    kb, ob, sb, cb, wb, db, gb, pb = own(b)
    f = ["lr=" + bucket(lb / la), "ova=" + bucket(ov / la), "ovb=" + bucket(ov / lb),
         "k=" + ka + kb, "o=" + oa + ob, "s=" + sa + sb, "ka=" + ka, "kb=" + kb, "oa=" + oa, "ob=" + ob,
         "sa=" + sa, "sb=" + sb,
         "bsrcinA=" + _inside(b.extra.get("speaker_start"), a), "asrcinB=" + _inside(a.extra.get("speaker_start"), b),
         "bcueinA=" + _inside(b.extra.get("cue_start"), a), "acueinB=" + _inside(a.extra.get("cue_start"), b),
         "side=" + da + db, "cc=" + ca + cb, "ga=" + ga, "gb=" + gb, "sca=" + pa, "scb=" + pb,
         "cwa=" + wa, "cwb=" + wb, "same=" + str(bool(_names(a.speaker) & _names(b.speaker)))]
    return ["rel=" + rel, "bias", *f, *[x + "|" + rel for x in f]]


def overlapping(quotes: list[Quote]) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j < i + WINDOW, of quotes (sorted by start, give or take a few) whose spans overlap."""
    starts = [q.start for q in quotes]
    ends = [q.end for q in quotes]
    n = len(quotes)
    out = []
    # sorted (as they nearly always are), the quotes after i that may overlap it are those starting before it ends:
    # the window stops there (most quotes overlap none)
    ordered = all(map(operator.le, starts, islice(starts, 1, None)))
    for i in range(n - 1):
        a0, a1 = starts[i], ends[i]
        stop = min(n, i + WINDOW)
        if ordered:
            stop = bisect.bisect_left(starts, a1, i + 1, stop)
        for j in range(i + 1, stop):
            if starts[j] < a1 and a0 < ends[j]:
                out.append((i, j))
    return out


def same_passage(a: Quote, b: Quote) -> bool:
    ov = min(a.end, b.end) - max(a.start, b.start)
    return ov >= SAME * max(1, a.end - a.start) and ov >= SAME * max(1, b.end - b.start)


def order(quotes: list[Quote], choice: Choice | None = None) -> list[Quote]:
    """``quotes`` (sorted by start, speakers' groups assigned) with one entry per passage and, where two
    overlapping readings both stay, the one the learned choice prefers first (see the module's doc)."""
    if choice is None:
        choice = load_choice()
    if choice is None:
        first: dict[tuple[int, int], Quote] = {}  # without the file: the first of the readings of the same words
        for q in quotes:
            first.setdefault((q.start, q.end), q)
        return list(first.values())
    dropped: set[int] = set()
    seen: dict[int, tuple[str, ...]] = {}

    def own(q: Quote) -> tuple[str, ...]:  # each reading's own features, once
        got = seen.get(id(q))
        if got is None:
            got = seen[id(q)] = _own(q)
        return got

    keys: list[tuple[float, ...]] = [(float(i),) for i in range(len(quotes))]
    for i, j in overlapping(quotes):
        a, b = quotes[i], quotes[j]
        if i in dropped or j in dropped:
            continue
        p = choice.probability(features(a, b, own))
        if same_passage(a, b):
            dropped.add(i if p >= 0.5 else j)
        elif p >= choice.threshold and keys[j] == (float(j),):  # listed before a (and before what lies between)
            keys[j] = (*keys[i][:-1], keys[i][-1] - 0.5, float(j))
    if not dropped and all(k == (float(n),) for n, k in enumerate(keys)):
        return quotes
    kept = [n for n in range(len(quotes)) if n not in dropped]
    kept.sort(key=keys.__getitem__)
    return [quotes[n] for n in kept]
