"""Attributions inside a quote: 'Democrats want policies that create more revenue, and Republicans want
policies that create less' is two attributions, each with its own source.

The CRF gives each word one label, so where one reported clause holds another attribution ('… promising lower
taxes, but he has also intensified the dire warnings …'), it tags the whole as one content, and the second
attribution's words go to the first one's speaker. Read again on its own, a quote's words show the attributions
inside it. One that the verifier gives at least ``LEAST``, whose source (a plausible one: a name, a pronoun, a
noun phrase that heads sources) comes before its cue and starts at least ``MIN_LEAD`` characters into the quote,
outside quotation marks, ends the quote where its source starts (and the 'and'/'but' before it), and is a quote
of its own, with that source, from its content's start to its end. The training articles mark each word as part
of one attribution at most, so 'Ted Cruz said [he knows the consequences]' stays whole: the inner source starts
the quote. Only news is read so (the models learned from news; a story's indirect speech is left alone), and
only indirect quotes (a quotation's words are the speaker's own). Each quote is read once more, all of them
tagged together (``RUN`` at a time: one CRF call per quote cost 4 s CPU on War and Peace's megabyte as one line,
together 0.4 s): linear.

A quotation in two parts whose words between hold a second attribution in a sentence of their own ('“A,” Mr.
Earnest said in the White House briefing. But he added, “B”'), which the rules read as one quote, is read so too:
the second part is a quote of its own, with that source.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from reader.analysis.attribution_base import Found
from reader.analysis.quotes import Quote, quote_spans

log = logging.getLogger("reader.analysis.segment")

#: chosen on train (every fourth article) and dev: see the commit that set them
MIN_LEAD = 20
LEAST = 0.5
ENABLED = True
_NOT_SOURCE = frozenset("that this what his her their its more many".split())
_JOINS = ("and", "but", "while", "though", "although", "as")
_TRIM = " ,;:—–-\n"
RUN = 256  # quotes tagged at once
TWO_PART = True


def split_inner(text: str, quotes: list[Quote], plausible: Callable[[str], bool]) -> None:
    """Split each indirect quote at the first attribution found inside it (see the module's notes); ``quotes``
    stay in text order, a quote's inner part right after it. ``plausible``: whether a source names someone
    (``sources.plausible``)."""
    if not ENABLED or not quotes:
        return
    from reader.analysis import attribution, sentences
    from reader.analysis.attribution_base import tokenize

    model = attribution.load_model()
    crf = model.crf if model is not None else None
    if crf is None:
        return
    out = quotes
    todo = quotes
    for _ in range(3):  # a quote's inner part may hold a third
        reads = [(q, attribution.analysis_text(text[q.start:q.end])) for q in todo
                 if (_two_part(q) or (q.kind != "direct" and q.content in ("", q.text)))
                 and q.end - q.start >= 2 * MIN_LEAD]
        if not reads:
            break
        spans = [quote_spans(sub) for _, sub in reads]
        inner: dict[int, Quote] = {}
        for k in range(0, len(reads), RUN):  # all the quotes' words tagged at once, a run at a time
            part = [(sub, sentences(sub), sp, tokenize(sub)) for (_, sub), sp in zip(reads[k:k + RUN], spans[k:k + RUN],
                                                                                    strict=True)]
            for (q, sub), sp, found in zip(reads[k:k + RUN], spans[k:k + RUN], crf.find_all_many(part), strict=True):
                second = (_split_quotations(text, q, sub, sp, found, plausible) if _two_part(q)
                          else _split(text, q, sub, sp, found, plausible))
                if second is not None:
                    inner[id(q)] = second
        if not inner:
            break
        out = [x for q in out for x in ((q, inner[id(q)]) if id(q) in inner else (q,))]
        todo = list(inner.values())
    quotes[:] = out


def _split(text: str, q: Quote, sub: str, spans: list[tuple[int, int]], found: list[Found],
           plausible: Callable[[str], bool]) -> Quote | None:
    """The first attribution of ``found`` (read in quote ``q``'s words ``sub``) that is one of its own: ``q`` ends
    before it, and it is returned as a quote."""
    for f in sorted(found, key=lambda f: f.cue[0]):
        if f.source is None or f.source[1] > f.cue[0] or f.source[0] < MIN_LEAD or f.score < LEAST:
            continue
        a, b = f.content
        if a < f.cue[1] or b - a < 3 or any(qa <= f.cue[0] < qb for qa, qb in spans):
            continue
        speaker = sub[f.source[0]:f.source[1]].strip(" ,;:")
        if not plausible(speaker) or speaker.lower() in _NOT_SOURCE or speaker == q.speaker:
            continue
        if any(c in ".!?" for c in sub[f.cue[1]:a]):  # '..., his brother added. “He’s a new dad,”': it closed
            continue  # the sentence before
        e = _clause_end(sub, f.source[0])
        if e < MIN_LEAD:
            continue
        inner = Quote(text[q.start + a:q.start + b], speaker, f.cue_text.lower(), q.kind, q.start + a,
                      q.start + b, text[q.start + a:q.start + b] if q.content else "",
                      {"speaker_start": q.start + f.source[0], "cue_start": q.start + f.cue[0]})
        q.end = q.start + e
        q.text = text[q.start:q.end]
        q.content = q.text if q.content else ""
        return inner
    return None


def _clause_end(sub: str, at: int) -> int:
    """Where the clause before ``at`` ends: before the spaces, commas and joining word ('and', 'but') there."""
    e = at
    while e > 0 and sub[e - 1] in _TRIM:
        e -= 1
    for w in _JOINS:
        if sub[:e].endswith(" " + w):
            e -= len(w) + 1
            break
    while e > 0 and sub[e - 1] in _TRIM:
        e -= 1
    return e


def _two_part(q: Quote) -> bool:
    """A quotation in two parts with the words that attribute it between them ('“A,” she said, “B”')."""
    return TWO_PART and q.kind == "direct" and " … " in q.content and q.content != q.text


def _split_quotations(text: str, q: Quote, sub: str, spans: list[tuple[int, int]], found: list[Found],
                      plausible: Callable[[str], bool]) -> Quote | None:
    """'“We are going to resist the urge …,” Mr. Earnest said in the White House briefing. But he added, “We
    don't want …”': the words between the two parts hold a second attribution, in a sentence of its own, so the
    second part is its own quote, with that source."""
    if not spans or spans[0][0] > 1:
        return None
    first_end = spans[0][1]
    for f in sorted(found, key=lambda f: f.cue[0]):
        if f.source is None or f.score < LEAST or f.source[0] < first_end or f.cue[0] < first_end:
            continue
        opened = _OPENING.search(sub, max(f.source[1], f.cue[1]))
        if opened is None or f.content[1] <= opened.start() \
                or not any(c in ".!?" for c in sub[first_end:min(f.source[0], f.cue[0])]):
            continue  # '“A,” she said, “B”': one attribution for both parts
        speaker = sub[f.source[0]:f.source[1]].strip(" ,;:")
        if not plausible(speaker) or speaker.lower() in _NOT_SOURCE:
            continue
        at = opened.start()
        second = Quote(text[q.start + at:q.end], speaker, f.cue_text.lower(), "direct", q.start + at, q.end,
                       _words(sub[at:]), {"speaker_start": q.start + f.source[0], "cue_start": q.start + f.cue[0]})
        q.end = q.start + first_end + (text[q.start + first_end - 1:q.start + first_end + 1] == "''")  # ''…,''
        q.text = text[q.start:q.end]
        q.content = _words(sub[:first_end])
        return second
    return None


_OPENING = re.compile(r"[“\"]|''")


def _words(said: str) -> str:
    """The words of the quotations in ``said`` (as the models read it), without their marks, joined as the rules
    join them."""
    parts = [said[a + 1:b - 1].strip() for a, b in quote_spans(said)]
    return " … ".join(p for p in parts if p) or said.strip(" “”\"'")
