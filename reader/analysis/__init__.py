"""Claims and quotes: what an article asserts and who it quotes.

``analyse(doc)`` runs on the document's (repaired) text and returns offsets
into it, so every finding can be scrolled to, flashed and highlighted.
Qt-free; the GUI runs it off the GUI thread.
"""

from __future__ import annotations

import bisect
import gc
import logging
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from operator import methodcaller
from typing import Any

# numpy (the role model's tables) would start a BLAS thread on import, and a process running more than one
# thread is never forked (parallel.can_fork): a long text would be analysed on one core. No BLAS is used here.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from reader.analysis import attribution, parallel, passage_order
from reader.analysis.attribution_base import Found, tokenize
from reader.analysis.claims import Claim, ClaimModel, classify, load_model
from reader.analysis.genre import is_story
from reader.analysis.quotes import (
    PASSIVE_AUX,
    Quote,
    Term,
    find_direct,
    find_indirect,
    listener_before,
    not_said,
    passive_cue,
    possessive_position,
    quote_spans,
    source_start,
    trim_to_rules,
)
from reader.analysis.speakers import SourcesFirst, TextRead, assign_people, read_text, warm
from reader.analysis.transcripts import transcript_turns
from reader.document import LINE_BREAK, Block, Document

log = logging.getLogger("reader.analysis")

PROSE = {"paragraph", "list_item", "quote", "caption"}

__all__ = ["Analysis", "Claim", "Quote", "Term", "analyse", "sentences"]


@dataclass
class Analysis:
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    sentences: int = 0
    story: bool = False  # read as a story told in dialogue (genre.is_story): claims only from dates and figures

    def to_json(self) -> dict[str, Any]:
        return {
            "quotes": [q.to_json() for q in self.quotes],
            "claims": [c.to_json() for c in self.claims],
            "terms": [t.to_json() for t in self.terms],
        }


# (the full stop first: the pattern is tried only at a full stop, ! or ?, not at every character; group 1 is the space)
_MISSED_BOUNDARY = re.compile(r"[.!?](?<=[a-z]{4}[.!?])(\s+)(?=[“\"]?[A-Z])")
_LAST_WORD = re.compile(r"([a-z]+)[.!?]$")
_ABBREVIATIONS = {"approx", "incl", "dept", "govt", "assn", "corp", "univ", "resp", "vols", "figs", "eqns", "refs",
                  "ibid", "prof", "ltd", "inc", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "mr", "mrs"}
# a name's last word at a sentence's end, before a capital ('… by Mayor Linda Park. Park told reporters …'): Punkt
# learned many surnames as abbreviations (park, black, kerry, kaine), so it ends no sentence there; a capitalised
# word after another one ends it unless it is a title, a company's or a state's abbreviation (group 1: the space)
_NAME_END = re.compile(r"[.](?<=[A-Z][a-z][a-z][.]|[a-z][a-z][a-z][.])(\s+)(?=[“\"]?[A-Z])")
_TWO_NAMES = re.compile(r"(?<![\w.])[A-Z][a-z]+[.]? [A-Z][a-z]{2,}\Z")
_NAME_ABBREVIATIONS = frozenset("""mrs mr ms dr gov govs sen sens rep reps gen gens rev col capt pres lieut cmdr supt sgt adm
    maj prof messrs hon bros corp inc ltd assn univ dept govt ave blvd bldg natl intl calif ariz colo conn mass mich minn
    tenn wash wisc okla nebr penn kans wyo mont fla ill ind nev ore tex jan feb mar apr aug sept oct nov dec est""".split())


_ENUMERATOR = re.compile(r"[ \t]*\(?(?:\d{1,3}|[A-Za-z]|[ivxlcIVXLC]{1,6})\)?\.")  # nupunkt's list enumerator
_STOP = re.compile("[.!?]")
_PUNKT_WORDS: tuple[frozenset[str], frozenset[str]] | None = None  # its abbreviations, its collocations' first words


def _plain_spans(text: str) -> list[tuple[int, int]] | None:
    """``nupunkt.sent_spans(text)`` without asking it, for a plain paragraph; None for any other. Plain: no …
    or line break, and each stop but the last (only whitespace after it), with the ” that may close a quotation
    after it, then whitespace and a letter or an opening “, is a full stop that ends a word of two or more
    letters (a whole run of non-space) that is no abbreviation of Punkt's and no first word of its
    collocations, not a list's enumerator ("IV.") at the paragraph's start; or a ! or ? after a letter (with no
    ”: one whitespace character after it, and a letter). Punkt's decision at each such stop is a break: at a
    full stop, its first pass finds no abbreviation, initial or number and its second no collocation; a ! or ?
    is a break of its own; after a ” and spaces, a lowercase word continues the sentence ('“Is it?” he
    asked'): no break. Its candidates are these stops only (none followed by anything else), a ” after one
    realigned into its sentence: its spans start at 0 and at the first letter or “ after each break, each
    running to the next's start, the last to the text's end. War and Peace's megabyte: 1,917 of its 2,603
    paragraphs of several sentences. (tests/test_sentences_plain.py holds it to nupunkt on every paragraph of
    War and Peace, the attribution news and CT24)"""
    if "…" in text or "\n" in text:
        return None
    global _PUNKT_WORDS
    if _PUNKT_WORDS is None:
        import nupunkt

        params = nupunkt.load("default").parameters
        _PUNKT_WORDS = frozenset(params.abbrev_types), frozenset(a for a, _ in params.collocations)
    abbreviations, colloc_first = _PUNKT_WORDS
    n = len(text)
    out: list[tuple[int, int]] = []
    start = 0
    for m in _STOP.finditer(text):
        i = m.start()
        closed = i + 1 < n and text[i + 1] == "”"  # a quotation's end: '… he said.” He' or '… he?” she asked'
        k = after = i + 2 if closed else i + 1
        while k < n and text[k].isspace():
            k += 1
        if k == n:
            break  # the last stop, only whitespace after it: a break there or none, the last span runs to the end
        if k == after or (not text[k].isalpha() and text[k] != "“"):
            return None  # a stop inside a run ("U.S.", "etc.,", "?!") or before a mark
        if text[i] != "." and (i == 0 or not text[i - 1].isalpha()):
            return None  # ! or ? after a mark or a space
        if closed:
            if text[after:k] != " " * (k - after):
                return None  # (Punkt looks past spaces and tabs only for a lowercase word)
            if text[k].islower():
                continue  # '“Is it?” he asked': the quotation goes on in its sentence, no break
        elif text[i] != ".":
            if k != i + 2 or text[k] == "“":
                return None  # ! or ? and more than one whitespace character, or before a quotation
        if text[i] == ".":
            j = i
            while j > 0 and text[j - 1].isalpha():
                j -= 1
            if i - j < 2 or (j > 0 and not text[j - 1].isspace()):
                return None  # an initial, a stop after a mark or a digit, or none after a word
            word = text[j:i].lower()
            if word in abbreviations or word in colloc_first or (i <= 12 and _ENUMERATOR.fullmatch(text, 0, i + 1)):
                return None
        out.append((start, k))
        start = k
    out.append((start, n))
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of one block: nupunkt (maintained Punkt, fast), then one
    correction: Punkt takes some rare words ("century.") for abbreviations, so a
    full stop after a lowercase word of four letters or more, before a capital,
    ends a sentence unless the word is a known abbreviation."""
    import nupunkt

    head = text.rstrip(" ”’\"')»…")[:-1]
    if "." not in head and "!" not in head and "?" not in head:  # one terminator at most, at the end: one sentence
        return [(0, len(text))] if text.strip() else []
    out: list[tuple[int, int]] = []
    for a, b in _plain_spans(text) or nupunkt.sent_spans(text):
        start = a
        for m in _MISSED_BOUNDARY.finditer(text, a - 1 if a else 0, b):  # (its stop may be the one before a)
            word = _LAST_WORD.search(text[start:m.start(1)])
            if word and word.group(1) not in _ABBREVIATIONS:
                out.append((start, m.start(1)))
                start = m.end()
        for m in _NAME_END.finditer(text, max(start, a - 1 if a else 0), b):
            names = _TWO_NAMES.search(text, max(start, m.start() - 40), m.start())
            if names and m.start(1) > start and text[names.start():m.start()].rsplit(" ", 1)[-1].lower() \
                    not in _NAME_ABBREVIATIONS:
                out.append((start, m.start(1)))
                start = m.end()
        if b > start:
            out.append((start, b))
    return out


@dataclass
class _Read:
    """What the attribution models read of one block: its text as they read it, its quotations, its words, and
    what the CRF found in it (``_crf_pass``), what the linear models found in it (``_linear_pass``)."""

    atext: str
    spans: list[tuple[int, int]]
    toks: list[tuple[int, int, str]]
    crf_found: list[Found] | None = None
    sents: list[tuple[int, int]] = field(default_factory=list)
    linear: list[tuple[int, list[Found]]] | None = None


def _crf_pass(text: str, sents: list[tuple[int, int]], model: attribution.Model, crf: bool = True) -> _Read:
    """A block read for the attribution models, the CRF run on it unless ``crf`` is False (``analyse`` runs it
    over a run of blocks at once, ``_crf_run``)."""
    atext = attribution.analysis_text(text)
    spans = quote_spans(atext)
    toks = tokenize(atext)
    found = model.crf.find_all(atext, sents, spans, toks) if crf and model.crf is not None else None
    return _Read(atext, spans, toks, found, sents)


def _crf_run(reads: list[tuple[list[tuple[int, int]], _Read]], model: attribution.Model) -> None:
    """The CRF run over blocks read by ``_crf_pass(..., crf=False)`` (each with its sentences), all at once."""
    if model.crf is not None and reads:
        for (_, r), found in zip(reads, model.crf.find_all_many([(r.atext, s, r.spans, r.toks) for s, r in reads]),
                                 strict=True):
            r.crf_found = found


def _linear_pass(reads: list[_Read], model: attribution.Model, news: bool) -> None:
    """The linear models run over a run of blocks read by ``_crf_pass`` at once (their role scores are
    numpy sums over all the cues' words together: ``attribution.find_linear``)."""
    found = attribution.find_linear([(r.atext, r.sents, r.spans, r.toks) for r in reads], model, news)
    for r, f in zip(reads, found, strict=True):
        r.linear = f


def learned_quotes(text: str, base: int, sents: list[tuple[int, int]],
                   model: attribution.Model, read: _Read | None = None, news: bool = False) -> list[Quote]:
    """The attribution model's findings in one block, as quotes (``news``: see ``attribution.find_block``)."""
    if read is None:
        read = _crf_pass(text, sents, model)
    spans = read.spans
    ends = [e for _, e in spans]
    out: list[Quote] = []
    for f in attribution.find_block(read.atext, sents, spans, model, read.toks, read.crf_found, news, read.linear):
        a, e = f.content
        while e > a and text[e - 1] in " ,;:":
            e -= 1
        a += listener_before(f.cue_text, text[a:e])  # 'told reporters [the increase was …]'
        src = (source_start(text, *f.source), f.source[1]) if f.source else None  # its head: 'advisers to Mr. Obama'
        speaker = tidy_source(text[src[0]:src[1]]) if src else None
        if NEED_CLAUSE and "clause=N" in " ".join(f.features) and "q0" in " ".join(f.features):
            continue
        if not_said(f.cue_text, text[a:e]):
            continue  # 'he (long)', 'The president (told): African-Americans this weekend'
        if speaker is not None and (not plausible_source(speaker) or junk_source(speaker)):
            continue  # "It should be noted that ...", "resolutely oppose ...": nobody is speaking
        said = text[a:e]  # its text and its content, one string (a helper process sends it back once)
        kind = attribution.kind_of(f, spans, ends)
        if kind == "indirect" and possessive_position(speaker, f.cue_text):
            kind = "position"  # 'President Obama's decision to …': an act, not words
        q = Quote(said, speaker, negated_cue(text, f.cue[0], f.cue_text.lower()), kind, base + a, base + e, said)
        if src:
            q.extra["speaker_start"] = base + src[0]
            # (the source ranker's; read from the features: a linear finding may take the CRF's, reading_choice)
            q.extra["source_conf"] = "lin" if type(f.features) is attribution.VerifierNames else \
                next(filter(_IS_SCONF, f.features), "lin")
        q.extra["cue_start"] = base + f.cue[0]  # where the cue is (the source ranker's anchor)
        q.extra["score"] = f.score  # the verifier's confidence (passage_order's choice between two readings)
        out.append(q)
    return out


NEED_CLAUSE = False
_IS_SCONF = methodcaller("startswith", "sconf=")
#: A negation just before a cue: "do not want", "did not say", "never said", "can't confirm".
_NEGATION = re.compile(r"(?:\b(?:do|does|did|will|would|could|can|should|may|might|must|shall|is|are|was|were|has|"
                       r"have|had)\s+)?(?:\bnot|\bnever|\bno\s+longer)\s+$|\b\w+n[’']t\s+$|\bcannot\s+$", re.I)


def negated_cue(text: str, start: int, cue: str) -> str:
    """The cue as the panel shows it, with the negation in front of it: "We do not want to ..." is
    a position against, and must not read "We (want)"; with the auxiliary of a verb of saying or naming in the
    passive voice: "Pence was also dubbed the debate winner" reads "Pence (was also dubbed)", not "Pence (dubbed)"
    (someone else named him). (Each negation ends in t or r, then a space: only then is the pattern asked.)"""
    if passive_cue(text, start, cue):
        p = PASSIVE_AUX.search(text, max(0, start - 40), start)
        if p is not None:
            return " ".join([*p.group(0).lower().split(), cue])  # 'Pence (was also dubbed)': named, not speaking
    lo = max(0, start - 24)
    k = start
    while k > lo and text[k - 1].isspace():
        k -= 1
    if k == start or k == lo or text[k - 1] not in "tTrR":
        return cue
    m = _NEGATION.search(text, lo, start)
    return " ".join([*m.group(0).lower().split(), cue]) if m else cue


_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_PARTICIPLE_END = re.compile(r"(?<=\w)\s+(?:released|published|conducted|issued|commissioned|posted|obtained|"
                             r"carried\s+out)$", re.I)
_LEADING = re.compile(r"^(?:(?:and|but|or|so|yet|while|as|because|then|also|though|although|if|when)\s+)+", re.I)
_EMPTY_WORDS = frozenset("the a an this that these those of in on at by for to".split())


@lru_cache(maxsize=4096)
def tidy_source(text: str) -> str | None:
    """A source as the panel shows it: no connective in front ("and reality"), no stray marks; None for
    what cannot name anyone (a lone article, a quotation mark, a number). (Kept: a story names its speakers
    again and again.)"""
    marks = " ,;:—–―-\"“”‘’'"
    s = _LEADING.sub("", text.strip(marks)).strip(marks)
    if s.count("(") != s.count(")"):
        s = s.strip(marks + "()")
    s = _PARTICIPLE_END.sub("", s)  # 'a New York Times/CBS News poll released (last week)': the poll
    words = _WORD.findall(s)
    if not words or all(w.lower() in _EMPTY_WORDS for w in words):
        return None
    return s


@lru_cache(maxsize=4096)
def junk_source(source: str) -> bool:
    """"yet", "perhaps", "of voters", "Wednesday": a source that names nobody (the model's reading is wrong)."""
    words = _WORD.findall(source)
    first = words[0].lower() if words else ""
    return first in _NOT_A_SOURCE or (len(words) == 1 and (first.endswith("ly") or first in _WHEN))


_NOT_A_SOURCE = frozenset("""yet almost then perhaps maybe has have had also still just even now only already
of in on at from with without into onto after before during since until while via through""".split())
_WHEN = frozenset("""monday tuesday wednesday thursday friday saturday sunday today yesterday tonight tomorrow
january february march april june july august september october november december""".split())


_PLAIN_WORD = re.compile(r"[\w’'-]+")
_NOT_HEAD = frozenset("""be is are was were been being nor of their our its his her my your and or but to by in on at
for with from as that what’s what's it’s it's both all""".split())


@lru_cache(maxsize=4096)
def plausible_source(speaker: str) -> bool:
    """A source is a noun phrase: it does not end in a function word or a verb
    of being ("both of which are", "It should be"), and is not a lone adverb."""
    words = _PLAIN_WORD.findall(speaker.lower())
    if not words:
        return False
    return not (words[-1] in _NOT_HEAD or (len(words) == 1 and words[0].endswith("ly")))


class _Spans:
    """Ranges asked whether they overlap a range, in log time (a block can hold thousands of quotes)."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        ranges = sorted(ranges)
        self.starts = [a for a, _ in ranges]
        self.max_end: list[int] = []
        top = -1
        for _, e in ranges:
            top = max(top, e)
            self.max_end.append(top)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)  # ranges starting before ``end``
        return i > 0 and self.max_end[i - 1] > start


def _spans(quotes: list[Quote]) -> _Spans:
    return _Spans([(q.start, q.end) for q in quotes])


def analyse(doc: Document, progress: Callable[[int, int], None] | None = None) -> Analysis:
    with _few_collections():
        return _analyse(doc, progress)


@contextmanager
def _few_collections() -> Iterator[None]:
    """The cyclic garbage collector run rarely while a text is analysed: the analysis makes millions of
    short-lived objects and no cycles to speak of, and each collection walks the models' weights too
    (War and Peace's first megabyte: 430 collections, 0.2 s of 5 at the default threshold; three at
    100,000 objects, ~80 ms CPU, each walking the run of paragraphs read so far; at 1,000,000, none while
    the analysis runs, the same peak memory). What the analysis leaves alive (its findings, the speakers' tables,
    the caches) is then handed to the oldest generation as it is (``gc.freeze`` then ``gc.unfreeze``: two list
    splices), not walked by a collection of the young ones as the threshold is put back (War and Peace's
    megabyte: ~19 ms at the end of the analysis, to find 66 objects of garbage); a full collection looks at it in
    its turn. Not where something else has set objects aside (``gc.freeze``): those stay set aside."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], 1_000_000), *before[1:])
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        gc.set_threshold(*before)


# a long text's speakers' read (People's tables and all), kept after its analysis is returned: freed when the next
# long text's analysis starts (or the process ends), not in the serial tail (War and Peace's megabyte: ~3 ms)
_LAST_READ: list[object] = []


def _analyse(doc: Document, progress: Callable[[int, int], None] | None = None) -> Analysis:
    model = load_model()
    amodel = attribution.load_model()
    turns = transcript_turns([(b.start, b.text) for b in doc.blocks if b.kind in PROSE])
    blocks = doc.blocks
    story = is_story(b.text for b in blocks if b.kind in PROSE)
    news = not story and attribution.reads_like_news(doc.text)
    sizes = [len(b.text) if b.kind in PROSE else 0 for b in blocks]
    parts = parallel.parts(sizes) if parallel.can_fork(sum(sizes)) else []
    strict = not news and not story
    if len(parts) < 2:
        out = _analyse_blocks(blocks, 0, len(blocks), turns, model, amodel, story, progress, news)
        out.quotes.sort(key=lambda q: q.start)
        assign_people(doc.text, out.quotes, strict=strict, story=story)
    else:  # a long text: its parts taken in turn by this process and a helper on the other core
        _LAST_READ.clear()
        if amodel is not None and amodel.crf is not None:
            amodel.crf.fast.read_table()  # read once here, not in each process
        out = Analysis()
        read: list[TextRead] = []
        sourced: list[SourcesFirst] = []

        def read_first() -> None:  # what the speakers read of the text alone, while the helper works
            read.append(read_text(doc.text, story))
            sourced.append(SourcesFirst(doc.text, read[0].lower_words, strict, is_story(doc.text.split("\n")), story))
            passage_order.load_choice()  # (read now, not after the last part)

        for part in _analyse_parts(blocks, parts, lambda lo, hi, p=None: _analyse_blocks(
                blocks, lo, hi, turns, model, amodel, story, p, news), progress, read_first):
            # each part's quotes (in text order: a part's blocks follow the part's before) through the speakers'
            # first step as soon as it and every part before it are found: a story's in runs, while the rest are
            # being found (speakers.SourcesFirst)
            part.quotes.sort(key=lambda q: q.start)
            kept = len(sourced[0].kept)
            sourced[0].add(part.quotes)
            warm(doc.text, sourced[0].kept[kept:], read[0].lower_words)  # (what the tail reads of each, made now)
            out.claims.extend(part.claims)
            out.terms.extend(part.terms)
            out.sentences += part.sentences
        try:
            assign_people(doc.text, out.quotes, read[0], strict, sourced[0], story)
            _ordered(out, story)
            _LAST_READ.extend((read, sourced))
        finally:
            parallel.reap()  # (the helper, ending meanwhile: waited for after the work, not before it)
        return out
    _ordered(out, story)
    return out


def _ordered(out: Analysis, story: bool) -> None:
    out.story = story
    out.quotes = _shares_shown(out.quotes)
    # one passage is one entry: where two readings (the rules' and the models', or a split) give the same or
    # nearly the same words twice, the panel lists them once, with the better-supported reading's speaker; where
    # both stay (one inside the other), the better-supported one first (passage_order)
    out.quotes = passage_order.order(out.quotes)


# a share of people ('54 percent of residents', 'Twelve percent', 'two-thirds of voters'): a figure, no one who speaks
_SHARE = re.compile(r"(?:(?:about|nearly|almost|some|only|just|over|roughly|another|more than|fewer than|less than) )?"
                    r"(?:\d[\d.,]*\s*(?:percent|per cent|%)|[A-Za-z]+(?:-[a-z]+)?\s+(?:percent|per cent)|"
                    r"(?:a|one|two|three)[- ](?:thirds?|quarters?|half)|(?:half|a majority|the majority|most) of)\b", re.I)


def _shares_shown(quotes: list[Quote]) -> list[Quote]:
    """Less the quotes whose speaker is a share of people named inside another quote's words ('A recent poll shows
    that [54 percent of residents support the plan]'): the share is what the poll shows, not a source of its
    own."""
    shares = [q for q in quotes if q.speaker and _SHARE.match(q.speaker) and "speaker_start" in q.extra]
    if not shares:
        return quotes
    drop = set()
    for q in shares:
        at = int(q.extra["speaker_start"])
        if any(r.start <= at < r.end and r is not q and r.speaker and not _SHARE.match(r.speaker) for r in quotes):
            drop.add(id(q))
    return [q for q in quotes if id(q) not in drop]


def _analyse_parts(blocks: list[Block], parts: list[tuple[int, int]], work: Callable[..., Analysis],
                   progress: Callable[[int, int], None] | None,
                   first: Callable[[], object] | None = None) -> Iterator[Analysis]:
    """The analyses of ``parts`` (block ranges), in order, each part taken by whichever of this process and
    a forked helper is free first (``parallel.in_order``): both finish within a part of each other whatever
    each part costs. Each is yielded as soon as it and every part before it are done (what the caller does
    with it runs while the helper goes on). A part the helper took and did not bring back is analysed here.
    ``first``: work this process does before it takes a part (what the speakers read of the text alone: done
    while the helper works, it is not left to do after both)."""
    # the helper reports too (reader/workers.py counts each stretch of blocks once, whoever reports it)
    return parallel.in_order(len(parts), lambda k, _here: work(*parts[k], progress), first)


def _attributed_inside(text: str, base: int, clause: Quote, inner: list[Quote]) -> bool:
    """Whether a clause the model found in a story holds a quotation together with the quotation's own attribution
    ('“Now then, go away …,” said the mother, pushing away her daughter …': the rules' speaker written right after
    the quotation, inside the clause, and the model's speaker another): then the clause is no one thing said,
    the quotation is, with its own speaker."""
    for r in inner:
        if r.speaker and clause.speaker and r.speaker != clause.speaker:
            after = text[r.end - base:min(clause.end, r.end + 40) - base]
            # (the name as a word of its own, no word character, ’, ' or - either side: looked for with str.find,
            # not a pattern made and compiled for each name, ~13 ms of War and Peace's megabyte's first reading)
            if r.speaker in after and attribution.stands_alone(after, r.speaker):
                return True
    return False


def _outside_quotations(text: str, base: int, learned: list[Quote], direct: list[Quote]) -> list[Quote]:
    """A story's learned quotes less those inside a quotation no one is said to say: speech a character reports
    ('“Now about your family. … They say she is amazingly beautiful.”', '“… Our gracious sovereign recognizes his
    high vocation …”') is part of what the character says, and the quotation is the one thing said."""
    whole = [(q.start, q.end) for q in direct if not q.speaker and text[q.start - base:q.start - base + 1] in "“\""]
    if not whole:
        return learned
    return [q for q in learned if not any(a < q.start and q.end <= e for a, e in whole)]  # (not the quotation read)


def _plausible_rules(rules: list[Quote], found: list[Quote]) -> list[Quote]:
    """The rules' quotes, less those whose speaker names nobody ('Still', 'of Mr. Clinton', 'the two-term
    president will') where the model reads the same words with a speaker of its own: its reading is kept."""
    junk = [r for r in rules if r.speaker and (junk_source(r.speaker) or not plausible_source(r.speaker))]
    if not junk:
        return rules
    spans = _spans([q for q in found if q.speaker])
    drop = {id(r) for r in junk if spans.overlaps(r.start, r.end)}
    return [r for r in rules if id(r) not in drop]


def _according_beside(q: Quote, rules: list[Quote]) -> bool:
    """Whether the models' quote ``q``, which overlaps the rules' quotes, stays beside them: an 'according to X'
    reading that names a speaker none of them names. 'according to X' is said of a whole clause, which may hold
    a reading of its own ('Bloomberg reports that the Republican nominee has won …, according to the Roper Center';
    'Police have said they have no immediate plans …, according to attorneys for the family'): the rules read
    the verb inside, the models the adjunct around it, and both are attributions (passage_order orders them).
    Other models' readings that overlap the rules' still give way to them (kept, they named more speakers wrong
    than right: dev 1537 -> 1516 of 1708)."""
    if not q.speaker or "according" not in q.cue.lower():
        return False
    names = _names(q.speaker)
    return not any(r.start < q.end and q.start < r.end and names & _names(r.speaker) for r in rules)


def _names(speaker: str | None) -> set[str]:
    return {w.lower() for w in _WORD.findall(speaker or "")}


PROGRESS_EVERY = 32  # progress(n, total) is called as block n is reached (in a run of blocks: as that share of the
# run's work is done), for each n a multiple of this, by whichever process analyses block n (each such n once in
# all: reader/workers.py counts them)
RUN = 1024  # blocks read at a time, the CRF run over them at once before the rest of their analysis (its numpy
# steps cost about the same for 100 paragraphs as for 1,000: War and Peace's megabyte in one process, 256 -> 1024,
# 2.55-2.60 -> 2.51-2.53 s CPU)


def _analyse_blocks(blocks: list[Block], lo: int, hi: int, turns: dict[int, Quote], model: ClaimModel | None,
                    amodel: attribution.AttributionModel | None, story: bool = False,
                    progress: Callable[[int, int], None] | None = None, news: bool = False) -> Analysis:
    """Claims, quotes and terms of blocks[lo:hi], each block on its own (speakers are not named yet).
    In a story, what the characters say (a sentence with a quotation in it) is not a claim."""
    out = Analysis()
    total = len(blocks)
    read: dict[int, tuple[str, list[tuple[int, int]], _Read | None]] = {}
    told = lo  # progress: the blocks before this one are told of (a run's reading counts for its first half)
    run = range(0)

    def tell(upto: int) -> None:
        nonlocal told
        if progress is not None:
            for k in range(-(-told // PROGRESS_EVERY) * PROGRESS_EVERY, upto, PROGRESS_EVERY):
                progress(k, total)
        told = max(told, upto)

    for n in range(lo, hi):
        b = blocks[n]
        # in a run, its reading and the models' run over it (about half its time) told of its first half of
        # blocks as they go, the rest of its analysis the second half: the figure moves all the while
        tell(n + 1 if n not in run else run.start + (len(run) + n - run.start + 1) // 2)
        if b.kind not in PROSE or not b.text.strip():
            continue
        if n not in read:  # the next run of blocks read, the CRF run over them
            read.clear()
            # (a part's last blocks, fewer than half a run more, are read with the run before: one numpy pass less)
            run = range(n, hi if hi - n < RUN + RUN // 2 else n + RUN)
            for m in run:
                if blocks[m].kind in PROSE and blocks[m].text.strip():
                    t = blocks[m].text.replace(LINE_BREAK, " ")
                    s = sentences(t)
                    read[m] = (t, s, _crf_pass(t, s, amodel, False) if amodel is not None
                               and blocks[m].start not in turns else None)
                tell(n + (m - n + 1) // 4)
            if amodel is not None:
                _crf_run([(s, r) for _, s, r in read.values() if r is not None], amodel)
                tell(n + len(run) * 3 // 8)
                _linear_pass([r for _, _, r in read.values() if r is not None], amodel, news)
            tell(n + len(run) // 2)
        text, sents, block_read = read[n]
        direct, terms = find_direct(text, b.start)
        out.terms.extend(terms)
        # The rules (precise on essays and news alike) first; the learned model adds what they miss
        # and names the speaker of quotations the rules leave unattributed.
        rules = [q for q in direct if q.speaker]
        direct_spans = _spans(direct)
        for a, e in sents:
            q = find_indirect(text[a:e], b.start + a)
            if q is not None and not direct_spans.overlaps(q.start, q.end):
                rules.append(q)
        turn = turns.get(b.start)
        if turn is not None:  # a transcript's turn: the paragraph is what the speaker said
            rules = [turn]
        found = learned_quotes(text, b.start, sents, amodel, block_read, news) if amodel is not None and turn is None else []
        if found and rules:
            # a short quotation the rules found inside a reported clause the model found ('X says he has “big
            # plans” for ...'): the clause is what was said, with the rules' speaker when the model has none
            for q in found:
                inner = [r for r in rules if q.start <= r.start and r.end <= q.end and (r.end - r.start) * 2 < q.end - q.start]
                rest = [r for r in rules if r not in inner]
                # only when the clause is kept: one that meets a quotation the rules keep gives way to it, and
                # then the quotations inside it stay too ('“A,” she said. “A long second part.”')
                if inner and all(r.kind == "direct" for r in inner) and not _spans(rest).overlaps(q.start, q.end) \
                        and not (story and _attributed_inside(text, b.start, q, inner)):
                    q.speaker = q.speaker or inner[0].speaker
                    rules = rest
        if found and rules:
            rules = _plausible_rules(rules, found)
        rule_spans = _spans(rules)
        learned = [q for q in trim_to_rules(found, rules) if not rule_spans.overlaps(q.start, q.end)
                   or _according_beside(q, rules)]
        if story and learned and turn is None:
            learned = _outside_quotations(text, b.start, learned, direct)
        learned_spans = _spans(learned)
        block_quotes = rules + learned + [q for q in direct if not q.speaker and turn is None
                                          and not learned_spans.overlaps(q.start, q.end)]
        out.quotes.extend(block_quotes)
        spoken: _Spans | None = None  # in a story, the block's quotations (looked for when a sentence is a claim)
        for a, e in sents:
            out.sentences += 1
            sent = text[a:e]
            verdict = classify(sent, model, story)
            if verdict and story:
                spoken = _Spans(quote_spans(text)) if spoken is None else spoken
                if spoken.overlaps(a, e):
                    continue  # what a character says, or the sentence that reports it
            if verdict:
                stripped = sent.rstrip()
                out.claims.append(Claim(stripped, verdict[0], verdict[1], b.start + a, b.start + a + len(stripped)))
    return out
