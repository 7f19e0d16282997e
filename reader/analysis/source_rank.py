"""The source of a quote: the mention near its cue a learned model prefers.

After the attribution models and the repairs in ``sources.py`` some quotes in
news still have no source ("After campaign aides insisted in June that ...":
the sentence opens with "After"; "a doctor had typed “homicidal ideation.”"),
and some have the wrong one (a noun phrase just before the cue that is not its
subject: 'Trump ... has sharply criticized deals such as the North American
Free Trade Agreement and called for'). This module gathers the mentions near
the quote's cue in the cue's sentence and the one before (pronouns and relative
pronouns, runs of capitalised words, noun phrases whose head heads sources in
the training articles, and the current source), describes each (its side of
the cue and its distance in words, whether only adverbs or an apposition lie
between, a comma, a verb or a preposition before it, whether it lies inside the
quote's own words, opens its sentence or is the first mention of the cue's
sentence, whether the rules of sources.py take it for the cue's subject, its
kind, the cue word, and for the current source how it was chosen: the CRF's
confidence in it or the rule that found it), and scores it with a logistic
model learned from the gold Source mentions of the training articles by
``scripts/train_source_ranker.py`` (``resources/source_ranker.json``). A quote
with a source of its own has every feature twice, once as is and once marked
"C|", so that the model weighs them apart for it.

The best candidate becomes the source of a quote with none when its score
reaches the file's threshold (one for quotes with a cue, one for quotes with
none), and replaces a quote's source when it outscores it by the file's margin;
the three are chosen on held-out training articles (split by article), and a
rule not worth it there is switched off (``null``). Replacing is switched off
in the shipped file (``--replace`` switches it on): held out +17 of 14,975
quotes, on dev +2, but it took the "she" of the sentence before for "..., his
brother added. “He’s a new dad,”" (tests/test_sources.py). ``speaker`` stays the words
of the text (a pronoun stays a pronoun); the person is resolved after
(speakers.py).

Only news is ranked (the training articles are news; a story's dialogue and an
essay keep their rules). Each quote looks at a window of a few hundred
characters: linear in the text.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from reader.analysis.quotes import Quote

__all__ = ["RANK_HOOK", "Candidate", "Ranker", "candidates", "features", "load_ranker", "rank_sources"]

_RESOURCE = Path(__file__).resolve().parent.parent.parent / "resources" / "source_ranker.json"
_TOKEN = re.compile(r"\d+(?:[,.]\d+)+|[\w’'.-]*\w|[“”\"‘’«»,;:()—–―-]")  # ("100,000": one token, a number)
_WORDY = re.compile(r"\w")
PRONOUNS = frozenset("he she they we i you it who which that one".split())
_ADVERB_LIKE = frozenset("""also has have had is are was were then again later once repeatedly publicly recently
previously clearly often further still already would will could should may might must not never reportedly
has been had been""".split())
_PREPOSITIONS = frozenset("to of for with in on at from into about against during under over by as like than".split())
_DETERMINERS = frozenset("the a an his her their its our my your this that these those some many several".split())
_NAME_INNER = frozenset("of the for de von van al bin and".split())
_OPEN = frozenset("“‘«\"")
_CLOSE = frozenset("”’»")
_CUE_WORDS = frozenset("""said says say told tells tell added adds according wrote writes asked asks noted notes
explained explains argued argues claimed claims stated states insisted insists warned warns announced announces
continued continues replied replies tweeted tweets believes believe thinks think wants want""".split())
_SENT_END = re.compile(r"[.!?][”\"’]?\s+(?=[“\"‘]?[A-Z])|\n")
_TITLE_ABBR = re.compile(r"(?:^|\s)(?:Lt|Gen|Col|Gov|Sen|Sens|Rep|Reps|Mr|Mrs|Ms|Dr|St|Capt|Sgt|Jr|Sr|Prof|Rev|Adm|Maj"
                         r"|Inc|Co|No|vs|[A-Z])$")

Candidate = tuple[int, int, str]  # start, end (in the text), kind: "pron:he", "name", "np", "cur"

#: Called with (text, quote, candidates, feature lists, the current candidate's index) before the choice; the
#: training script sets it to collect what the ranker sees. None in the app.
RANK_HOOK: Callable[[str, Quote, list[Candidate], list[list[str]], int | None], None] | None = None


class Ranker(NamedTuple):
    """The learned weights and the rules they are used by (chosen on held-out training articles)."""

    weights: dict[str, float]
    threshold: float  # the score (log-odds) the best candidate of a quote with a cue and no source must reach
    threshold_nocue: float  # the same for a quote with neither
    replace_margin: float  # by how much the best candidate must outscore a quote's source to replace it


@functools.cache
def load_ranker() -> Ranker | None:
    """The learned ranker; None without the file."""
    try:
        data = json.loads(_RESOURCE.read_text(encoding="utf-8"))
        margin = data.get("replace_margin")
        nocue = data.get("threshold_nocue")
        return Ranker(dict(data["weights"]), float(data["threshold"]), math.inf if nocue is None else float(nocue),
                      math.inf if margin is None else float(margin))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _sentence_start(text: str, pos: int, lo: int) -> int:
    best = lo
    for m in _SENT_END.finditer(text, lo, pos):
        if m.group() == "\n" or not _TITLE_ABBR.search(text, max(lo, m.start() - 5), m.start()):
            best = m.end()
    return best


def _sentence_end(text: str, pos: int, hi: int) -> int:
    for m in _SENT_END.finditer(text, pos, hi):
        if m.group() == "\n" or not _TITLE_ABBR.search(text, max(0, m.start() - 5), m.start()):
            return m.start() + 1
    return hi


def _cue_at(text: str, q: Quote, lo: int, hi: int) -> tuple[int, int]:
    """Where the quote's cue is: the offset the model found, or the cue's words nearest the quote."""
    at = q.extra.get("cue_start")
    cue = (q.cue or "").split()
    if isinstance(at, int):
        return at, at + len(q.cue or "")
    if not cue or not cue[-1][:1].isalpha():
        return q.start, q.start
    best: tuple[int, int] | None = None
    for m in re.finditer(r"\b" + re.escape(cue[-1]) + r"\b", text[lo:hi]):
        a = lo + m.start()
        if a >= q.start and a < q.end:
            continue
        if best is None or min(abs(a - q.start), abs(a - q.end)) < min(abs(best[0] - q.start), abs(best[0] - q.end)):
            best = (a, lo + m.end())
    return best if best is not None else (q.start, q.start)


_CAPITAL_FUNCTION = frozenset("""the a an this that these those his her their its our my your some many several
in on at for to of by with from as if when while after before but and or so yet then there here it what why how
according asked despite during""".split())


def _joined(text: str, left: tuple[int, int, str], right: tuple[int, int, str]) -> bool:
    """Two words of one name: nothing between but a space, or the full stop of a title ('Sen. David')."""
    gap = text[left[1]:right[0]]
    if not gap.strip():
        return "\n" not in gap
    return gap.startswith(".") and not gap[1:].strip() and "\n" not in gap and len(left[2]) <= 4


def candidates(text: str, toks: list[tuple[int, int, str]], heads: frozenset[str]) -> list[tuple[int, int, str]]:
    """Token-index spans (i, j, kind) of the mentions among ``toks``: pronouns, runs of capitalised words, noun
    phrases ending in a source head."""
    out: list[tuple[int, int, str]] = []
    n = len(toks)
    k = 0
    while k < n:
        w = toks[k][2]
        low = w.lower()
        if low in PRONOUNS and (low != "that" or (k and toks[k - 1][2] == ",")) and (low != "one" or k == 0
                                                                                    or toks[k - 1][2] in ",“\""):
            out.append((k, k + 1, "pron:" + low))
            k += 1
            continue
        if w[:1].isupper() and _WORDY.match(w) and low not in _CAPITAL_FUNCTION:
            j = k + 1
            while j < n and _joined(text, toks[j - 1], toks[j]) and (
                    (toks[j][2][:1].isupper() and _WORDY.match(toks[j][2]))
                    or (toks[j][2] in _NAME_INNER and j + 1 < n and toks[j + 1][2][:1].isupper())):
                j += 1
            out.append((k, j, "name"))
            k = j
            continue
        bare = re.sub(r"(?:’s|'s|’|')$", "", low)
        if bare in heads:
            i = k
            while i - 1 >= 0 and k - i < 4 and _WORDY.match(toks[i - 1][2]) and toks[i - 1][2].lower() not in \
                    _PREPOSITIONS and toks[i - 1][2].lower() not in _ADVERB_LIKE and toks[i - 1][2].lower() \
                    not in _CUE_WORDS and (not toks[i - 1][2][:1].isupper() or toks[i - 1][2].lower() in _DETERMINERS):
                i -= 1
                if toks[i][2].lower() in _DETERMINERS:
                    break
            out.append((i, k + 1, "np"))
        k += 1
    return out


def _bucket(d: int) -> str:
    return "0" if d <= 0 else "1" if d == 1 else "2" if d == 2 else "3-4" if d <= 4 else "5-8" if d <= 8 else \
        "9-16" if d <= 16 else "far"


Subjects = Callable[[str, int, int], list[tuple[str, int]]]  # (text, cue start, sentence start) -> (rule, where)


def features(text: str, q: Quote, heads: frozenset[str], news: bool = True,
             subjects: Subjects | None = None) -> tuple[list[Candidate], list[list[str]], int | None]:
    """The candidates for ``q``'s source, what describes each, and which one is its current source (or None).
    ``subjects``: where the rules of sources.py place the cue's subject (sources._rule_subjects)."""
    first = min(q.start, int(q.extra.get("cue_start", q.start)))
    lo0 = _sentence_start(text, first, max(0, first - 400))
    lo = _sentence_start(text, max(lo0 - 1, 0), max(0, lo0 - 300)) if lo0 > 0 else 0
    last = max(q.end, int(q.extra.get("cue_start", q.end)))
    hi = _sentence_end(text, last, min(len(text), last + 250))
    cue_a, cue_b = _cue_at(text, q, lo, hi)
    toks = [(m.start() + lo, m.end() + lo, m.group()) for m in _TOKEN.finditer(text[lo:hi])]
    spans = candidates(text, toks, heads)
    cur_at = q.extra.get("speaker_start")
    if not isinstance(cur_at, int) and q.speaker:  # (the rules' quotes: the speaker's words nearest the cue)
        near = [m.start() + lo for m in re.finditer(re.escape(q.speaker), text[lo:hi])]
        cur_at = min(near, key=lambda x: abs(x - cue_a)) if near else None
    cur: int | None = None
    cands: list[Candidate] = []
    feats: list[list[str]] = []
    starts = [t[0] for t in toks]
    cue_tok = next((k for k, t in enumerate(toks) if t[1] > cue_a), len(toks))
    cue_end_tok = next((k for k, t in enumerate(toks) if t[0] >= cue_b), len(toks))
    # which sentence each token is in, relative to the cue's
    sent_id = 0
    sents: list[int] = []
    for k in range(len(toks)):
        if k and _SENT_END.match(text, toks[k - 1][1] - 1) and text[toks[k - 1][1] - 1] in ".!?":
            if not _TITLE_ABBR.search(text, max(0, toks[k - 1][1] - 6), toks[k - 1][1] - 1):
                sent_id += 1
        sents.append(sent_id)
    cue_sent = sents[min(cue_tok, len(toks) - 1)] if toks else 0
    quote_marks = [0] * (len(toks) + 1)  # quotation marks open before each token
    depth = 0
    for k, t in enumerate(toks):
        quote_marks[k] = depth
        if t[2] in "“‘«":
            depth += 1
        elif t[2] in "”’»" and depth:
            depth -= 1
        elif t[2] == '"':
            depth = 0 if depth else 1
    quote_marks[len(toks)] = depth
    if q.speaker and isinstance(cur_at, int) and not any(toks[i][0] == cur_at for i, _, _ in spans):
        # the current source as a candidate of its own when no mention starts where it does
        i = next((k for k, s in enumerate(starts) if s >= cur_at), None)
        if i is not None and toks[i][0] == cur_at:
            j = i
            while j < len(toks) and toks[j][1] <= cur_at + len(q.speaker):
                j += 1
            spans.append((i, max(j, i + 1), "cur"))
    rule_at = subjects(text, cue_a, lo0) if subjects is not None else []
    first_left = next((s for s in sorted(range(len(spans)), key=lambda s: spans[s][0])
                       if spans[s][1] <= cue_tok and sents[spans[s][0]] == cue_sent), None) if toks else None
    cue_ing = (q.cue or "").split()[-1:] and (q.cue or "").split()[-1].lower().endswith("ing")
    same_kind_rank: dict[tuple[str, str], int] = {}
    order = sorted(range(len(spans)), key=lambda s: abs(spans[s][0] if spans[s][0] >= cue_end_tok else
                                                        cue_tok - spans[s][1]))
    rank_of = {}
    for s in order:
        i, j, kind = spans[s]
        side = "L" if j <= cue_tok else "R" if i >= cue_end_tok else "X"
        key = (kind.split(":")[0], side)
        rank_of[s] = same_kind_rank.get(key, 0)
        same_kind_rank[key] = rank_of[s] + 1
    for s, (i, j, kind) in enumerate(spans):
        a, b = toks[i][0], toks[j - 1][1]
        words = text[a:b]
        f = ["bias", "k=" + kind]
        kk = kind.split(":")[0]
        side = "L" if j <= cue_tok else "R" if i >= cue_end_tok else "X"
        dist = cue_tok - j if side == "L" else i - cue_end_tok if side == "R" else 0
        f += [f"s={side}", f"d={side}{_bucket(dist)}", f"k={kk}|{side}", f"kd={kk}|{side}{_bucket(dist)}",
              f"rank={kk}|{side}{min(rank_of[s], 3)}"]
        if a >= q.start and b <= q.end:
            f.append("inC")
            f.append(f"inC|{kk}")
        elif b <= q.start:
            f.append("befC")
        elif a >= q.end:
            f.append("aftC")
        else:
            f.append("crossC")
        rel = sents[i] - cue_sent
        f.append(f"sent={max(-2, min(rel, 1))}")
        f.append(f"sent={max(-2, min(rel, 1))}|{kk}")
        between = toks[j:cue_tok] if side == "L" else toks[cue_end_tok:i] if side == "R" else []
        bw = [t[2].lower() for t in between]
        if side == "L" and all(w in _ADVERB_LIKE or w.endswith("ly") for w in bw):
            f.append(f"adjL|{kk}")
        if side == "R" and not bw:
            f.append(f"adjR|{kk}")
        if "," in bw:
            f.append("comma")
            f.append(f"comma|{kk}")
        if any(w in "“”\"‘’«»" for w in bw):
            f.append("qmark")
        if quote_marks[i]:
            f.append("inQ")
            f.append(f"inQ|{kk}")
        prev = toks[i - 1][2].lower() if i else ""
        nxt0 = toks[j][2].lower() if j < len(toks) else ""
        f.append("pw=" + (prev if not prev[:1].isupper() else "CAP"))
        f.append("nw=" + (nxt0 if not toks[j][2][:1].isupper() else "CAP") if j < len(toks) else "nw=END")
        f.append(f"kp={kind}|{side}{_bucket(dist)}")
        f.append(f"qk={q.kind}|{side}")
        if prev in _PREPOSITIONS:
            f.append("prep=" + prev)
        elif prev in (",", "“", '"', ":", "(", "—", "and", "but", "including"):
            f.append("prev=" + prev)
        nxt = toks[j][2].lower() if j < len(toks) else ""
        if nxt in _CUE_WORDS:
            f.append("nextcue")
        elif nxt in (",", "(", "and", "who", "of", ":"):
            f.append("next=" + nxt)
        if i == 0 or sents[i - 1] != sents[i]:
            f.append("sInit")
            f.append(f"sInit|{kk}")
        if re.search(r"(?:’s|'s)$", words):
            f.append("poss")
        n = j - i
        f.append(f"len={min(n, 4)}")
        last_word = re.sub(r"(?:’s|'s|’|')$", "", toks[j - 1][2].lower())
        if last_word in heads:
            f.append("head")
        if words.isupper() and len(words) > 3:
            f.append("caps")
        cue_word = (q.cue or "").split()[-1:] or [""]
        cw = cue_word[0].lower()
        f.append(f"cue={cw}|{side}")
        f.append(f"cue={cw}|{kk}|{side}")
        f.append(f"qk={q.kind}|{kk}")
        for tag, at in rule_at:
            if at == a:
                f.append(tag)
                f.append(f"{tag}|{kk}")
                f.append(f"{tag}|ing={bool(cue_ing)}")
        if s == first_left:
            f.append("firstL")
            f.append(f"firstL|{kk}")
            f.append(f"firstL|ing={bool(cue_ing)}")
        if side == "L" and bw:
            core = bw
            while core and (core[-1] in _ADVERB_LIKE or core[-1].endswith("ly")):
                core = core[:-1]
            if core and core[0] == "," and core[-1] == "," and len(core) <= 25 and not any(
                    w in "“”\"‘’«»" for w in core):
                f.append(f"appos|{kk}")
                if "who" in core[:3] or "which" in core[:3]:
                    f.append("apposWho")
            if any(w.endswith("ed") or w in _FINITE for w in core if w.isalpha()):
                f.append(f"verbBetween|{kk}")
        if prev.isalpha() and prev not in _PREPOSITIONS and prev not in _DETERMINERS and prev not in _ADVERB_LIKE \
                and (prev.endswith("ed") or prev in _FINITE):
            f.append(f"afterVerb|{kk}")
        if isinstance(cur_at, int) and q.speaker and (a == cur_at or (a < cur_at < b and not any(
                toks[x][0] == cur_at for x, _, _ in spans))):
            cur = len(cands)
            f.append("cur")
            f.append(f"cur|{kind}")
            by = str(q.extra.get("source_by") or q.extra.get("source_conf") or "none")
            f.append(f"cur|by={by}")
            f.append(f"cur|by={by}|{kk}|{side}")
        if not news:
            f.append("notnews")
        cands.append((a, b, kind))
        feats.append(f)
    if cur is not None:  # a quote with a source of its own: each feature again, weighed apart ("C|")
        feats = [[*f, *("C|" + x for x in f)] for f in feats]
    return cands, feats, cur


_FINITE = frozenset("""is are was were has have had said says told criticized called made took gave
""".split())


def rank_sources(text: str, quotes: list[Quote], heads: frozenset[str], subjects: Subjects | None = None,
                 common_word: Callable[[tuple[int, int]], bool] | None = None) -> None:
    """Give each quote the mention the learned model prefers: a quote with no source when the best candidate is
    sure enough, a quote with a source when the best outscores it by the learned margin. ``common_word``: whether
    a one-word name is a common word (a capitalised word opening a sentence that the text also writes in lower
    case, 'Maybe', 'Part': not chosen)."""
    model = load_ranker()
    if model is None and RANK_HOOK is None:
        return
    ranker = model if model is not None else Ranker({}, math.inf, math.inf, math.inf)
    weights = ranker.weights
    for q in quotes:
        if q.speaker and RANK_HOOK is None and math.isinf(ranker.replace_margin):
            continue  # (the training script describes every quote)
        cands, feats, cur = features(text, q, heads, subjects=subjects)
        if RANK_HOOK is not None:
            RANK_HOOK(text, q, cands, feats, cur)
        if not cands:
            continue
        scores = [sum(weights.get(x, 0.0) for x in f) for f in feats]
        best = max(range(len(cands)), key=lambda k: (cands[k][2] != "name" or " " in text[cands[k][0]:cands[k][1]]
                                                     or k == cur or common_word is None
                                                     or not common_word(cands[k][:2]),
                                                     scores[k]))
        if q.speaker:
            if cur is None or best == cur or scores[best] - scores[cur] < ranker.replace_margin:
                continue
        elif scores[best] < (ranker.threshold if q.cue.strip() else ranker.threshold_nocue):
            continue
        a, b, _ = cands[best]
        q.speaker = text[a:b]
        q.extra["speaker_start"] = a
        q.extra["source_by"] = "ranker"
