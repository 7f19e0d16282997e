"""Which of two readings of one passage names its speaker: the CRF's or the linear models'.

``attribution.find_block`` keeps the linear models' attributions and adds the CRF's that lie apart from them. Where
the CRF reads the same passage with another cue and source ("Trump would expand the standard deduction they take,
..., said Batchelder": the linear models give "they take", the CRF "said Batchelder"; "…, a source said" after a
sentence holding a cue of its own; "Other leaders used blunt language to denounce what Turnbull called …"), the
linear reading used to win whatever the two models' confidence. This module decides instead, with a logistic
model over both readings (each model's confidence, the cues' words and whether they are verbs of saying, where
each cue lies against the other reading's content, what each source looks like), learned from the training
articles' gold sources by ``scripts/train_reading_choice.py`` and shipped as ``resources/reading_choice.json``
with the threshold chosen on held-out folds of the training articles (split by article).

The CRF's reading, when preferred, gives the linear attribution its source, cue and verifier features; the content
stays the linear one's (widened to its quotations), except for the CRF's "…, a source said" reading
(``attribution_crf._trailing``), whose content is the whole sentence before the cue.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from pathlib import Path

from reader.analysis.attribution_base import POSITION_CUES, Found
from reader.analysis.learned import Choice, bucket, read_choice

log = logging.getLogger("reader.analysis")

_RESOURCE = Path(__file__).resolve().parent.parent.parent / "resources" / "reading_choice.json"

#: the training script sets it to collect each pair the choice is asked about (block text, CRF's, linear's,
#: features); None in the app.
PAIR_HOOK: Callable[[str, Found, Found, list[str]], None] | None = None

SAYING = frozenset("""said says say saying told tells tell telling added adds add according wrote writes write
asked asks ask noted notes note explained explains stated states argued argues claimed claims insisted insists
announced announces declared declares reported reports tweeted tweets warned warns recalled recalls continued
continues replied replies responded responds acknowledged acknowledges suggested suggests contended contends
admitted admits confirmed confirms conceded concedes testified testifies""".split())
_PRONOUNS = frozenset("he she they i we you it who which that this one".split())
_FUNCTION = frozenset("the a an and but or so as in on at by for with of to from that this also has have had".split())
_QUOTE_MARKS = frozenset("\"“‘'«")
_WORD = re.compile(r"[\w’'-]+")


@functools.cache
def load_choice() -> Choice | None:
    """The learned choice (its threshold: the probability the CRF's reading must reach to replace the linear one's);
    None without the file (the linear reading then stays, as before)."""
    return read_choice(_RESOURCE)


def _cue_head(cue_text: str) -> str:
    words = [w.lower() for w in _WORD.findall(cue_text)]
    if not words:
        return ":" if ":" in cue_text else "none"
    return next((w for w in reversed(words) if w not in _FUNCTION), words[-1])


def _cue_class(head: str) -> str:
    return "say" if head in SAYING else "pos" if head in POSITION_CUES else ":" if head == ":" else \
        "none" if head == "none" else "other"


def _side(cue: tuple[int, int], content: tuple[int, int]) -> str:
    """Where a cue lies against a content: before it, after it or inside it."""
    if cue[1] <= content[0]:
        return "B"
    if cue[0] >= content[1]:
        return "A"
    return "I"


def _source_kind(text: str, source: tuple[int, int] | None) -> str:
    if source is None:
        return "none"
    words = _WORD.findall(text[source[0]:source[1]])
    if not words:
        return "mark"
    if words[-1].lower() in _PRONOUNS:
        return "pron"
    if any(w[:1].isupper() for w in words if w.lower() not in _FUNCTION):
        return "name"
    return "noun"


def _inside(span: tuple[int, int] | None, content: tuple[int, int]) -> bool:
    return span is not None and content[0] <= span[0] and span[1] <= content[1]


def _feat(f: Found, prefix: str) -> str:
    return next((x for x in f.features if x.startswith(prefix)), prefix + "?")


_PREPOSITIONS = frozenset("by of with to for in on at from about against as than like over under into".split())
_SENTENCE_END = frozenset(".!?\n")


def _source_features(text: str, f: Found, tag: str) -> list[str]:
    """What the source of a reading looks like against its cue: the word before it (a preposition or an article
    before "NBC News" in "sponsored by NBC News and said"), whether it opens its sentence, is a possessive,
    how far it lies from the cue and whether a comma lies between."""
    if f.source is None:
        return [tag + "src=none"]
    s0, s1 = f.source
    before = _WORD.findall(text[max(0, s0 - 30):s0])
    prev = before[-1].lower() if before else "<s>"
    head = text[max(0, s0 - 3):s0].strip(" “\"'‘(")
    opens = not head or head[-1] in _SENTENCE_END
    c0, c1 = f.cue
    gap = text[s1:c0] if s1 <= c0 else text[c1:s0] if c1 <= s0 else ""
    n = len(_WORD.findall(gap))
    words = _WORD.findall(text[s0:s1])
    last = words[-1].lower() if words else ""
    return [tag + "prev=" + (prev if prev in _PREPOSITIONS or prev in _FUNCTION or prev == "<s>" else "w"),
            tag + "opens=" + str(opens), tag + "poss=" + str(last.endswith(("’s", "'s"))),
            tag + "gap=" + ("0" if n == 0 else "1" if n == 1 else "3" if n <= 3 else "9"),
            tag + "gapcomma=" + str("," in gap), tag + "len=" + str(min(len(words), 6)),
            tag + "side=" + ("L" if s1 <= c0 else "R")]


def _known(text: str, f: Found, heads: frozenset[str]) -> str:
    """Whether the source's last word headed a source in the training articles ("spokesman", "poll", "trump")."""
    if f.source is None:
        return "none"
    words = _WORD.findall(text[f.source[0]:f.source[1]])
    return str(bool(words) and words[-1].lower() in heads)


def features(text: str, crf: Found, lin: Found, heads: frozenset[str] = frozenset()) -> list[str]:
    """What the choice knows of the CRF's reading ``crf`` and the linear one ``lin`` of one passage (block text)."""
    ch, lh = _cue_head(crf.cue_text), _cue_head(lin.cue_text)
    cc, lc = _cue_class(ch), _cue_class(lh)
    cs, ls = _side(crf.cue, crf.content), _side(lin.cue, lin.content)
    ck, lk = _source_kind(text, crf.source), _source_kind(text, lin.source)
    same_cue = crf.cue[0] < lin.cue[1] and lin.cue[0] < crf.cue[1]
    crf_cue_in_lin = _inside(crf.cue, lin.content)
    lin_cue_in_crf = _inside(lin.cue, crf.content)
    d = crf.score - lin.score
    trailing = "trailing" in crf.features
    out = [
        "b", "cs=" + bucket(crf.score), "ls=" + bucket(lin.score),
        "d=" + ("+" if d > 0.1 else "-" if d < -0.1 else "0"),
        "cc=" + cc, "lc=" + lc, "cc|lc=" + cc + "|" + lc, "ch=" + ch, "lh=" + lh,
        "cside=" + cs, "lside=" + ls, "sides=" + cs + ls, "cc|cside=" + cc + cs, "lc|lside=" + lc + ls,
        "ck=" + ck, "lk=" + lk, "kinds=" + ck + "|" + lk,
        "samecue=" + str(same_cue), "ccue_in_l=" + str(crf_cue_in_lin), "lcue_in_c=" + str(lin_cue_in_crf),
        "csrc_in_l=" + str(_inside(crf.source, lin.content)), "lsrc_in_c=" + str(_inside(lin.source, crf.content)),
        "trailing=" + str(trailing), "cfirst=" + str(crf.cue[0] < lin.cue[0]),
        "earlier=" + str(crf.content[0] < lin.content[0] - 2),
        _feat(crf, "sconf="), _feat(crf, "cconf="), _feat(crf, "conf="), _feat(crf, "cuesh="),
        "lq=" + str(text[lin.content[0]:lin.content[0] + 1] in _QUOTE_MARKS),
        "ccls|lcls|samecue=" + cc + lc + str(same_cue),
        *_source_features(text, crf, "c"), *_source_features(text, lin, "l"),
        "known=" + _known(text, crf, heads) + "|" + _known(text, lin, heads),
    ]
    return out


def prefer_crf(text: str, crf: Found, lin: Found, choice: Choice, heads: frozenset[str] = frozenset()) -> bool:
    feats = features(text, crf, lin, heads)
    if PAIR_HOOK is not None:
        PAIR_HOOK(text, crf, lin, feats)
    return choice.probability(feats) >= choice.threshold


def _words(text: str, span: tuple[int, int] | None) -> set[str]:
    if span is None:
        return set()
    return {w.lower() for w in _WORD.findall(text[span[0]:span[1]])} - _FUNCTION


def choose(text: str, out: list[Found], crf_again: list[Found], choice: Choice | None,
           heads: frozenset[str] = frozenset()) -> bool:
    """For each CRF attribution the linear ones found again (``crf_again``, each kept by the CRF's verifier),
    the linear attribution of ``out`` whose content overlaps it most, when the two name different sources,
    takes the CRF's reading if ``choice`` prefers it (in place). Each linear attribution is looked at for
    the CRF attributions near it only (contents in order by start): linear in the block. Whether any
    linear attribution took the CRF's reading."""
    if not crf_again or not out or (choice is None and PAIR_HOOK is None):
        return False
    import bisect

    by_start = sorted(range(len(out)), key=lambda k: out[k].content[0])
    starts = [out[k].content[0] for k in by_start]
    taken: set[int] = set()
    changed = False
    for f in crf_again:
        a, b = f.content
        lo = bisect.bisect_left(starts, a - 1500)
        hi = bisect.bisect_left(starts, b)
        best, best_overlap = -1, 0
        for k in by_start[lo:hi]:
            g = out[k]
            overlap = min(b, g.content[1]) - max(a, g.content[0])
            if overlap > best_overlap:
                best, best_overlap = k, overlap
        if best < 0 or best in taken:
            continue
        g = out[best]
        if f.source is not None and g.source is not None and _words(text, f.source) & _words(text, g.source):
            continue  # the same source: nothing to choose
        if f.source is None:
            continue
        if choice is None:  # training: the hook sees the pair, nothing changes
            prefer_crf(text, f, g, Choice({}, 2.0), heads)
            continue
        if prefer_crf(text, f, g, choice, heads):
            taken.add(best)
            g.source, g.cue, g.cue_text, g.score = f.source, f.cue, f.cue_text, f.score
            g.features = list(f.features)
            changed = True
            if "trailing" in f.features:
                g.content = (min(g.content[0], f.content[0]), max(g.content[1], f.content[1]))
    return changed
