"""Sources that name nobody, and quotes with no source: repaired from the words around them.

The attribution model sometimes takes for the source words that cannot have
said anything ("including ones", "a con", "Twitter overnight", "speaking to
a veterans group in Virginia"), and sometimes finds the words said but no
source at all. A source is *plausible* when it is a pronoun, a name (a
capitalised word), or a noun phrase whose head is a word that heads sources
in the training articles ("campaign", "officials", "poll": learned by
scripts/source_heads.py into resources/source_heads_model.json). Otherwise,
and where there is no source, the source is looked for where writers put it:

- just before the cue, in the same sentence: "Retired Lt. Gen. Michael Flynn
  said ..."; past an apposition ("Aaron Kall, the director of debate at the
  University of Michigan, compared ..."); after the clause a participle cue
  opens ("Citing an unfounded conspiracy theory, Trump repeatedly accused");
- after a quotation that ends in a comma: "“...,” Blige sings";
  "“...,” Obama's former campaign strategist said in an interview";
- before a colon that introduces the quotation: "Caddell continued:",
  "He said:", "Sanders made the following comment:";
- in the sentence just before, when it ends "..., Schiff said.";
- with the quotation before it in its paragraph, when only the words that
  name that one's speaker lie between ('“…,” X said in an interview. “…”');
- in news (not in a story, where a new paragraph is the other person's
  turn), with the quotation that closed the paragraph before ('“…,”
  Viguerie notes.' then a paragraph that is one quotation).

A source the text writes as the object of a preposition ("Trump took to
Twitter overnight to accuse", "Lamar Alexander of Tennessee, were willing"),
or of one verb before "and" and the cue ("criticized deals such as NAFTA and
called for") gives way, in news, to the subject of its sentence (not after
"from" or "with", nor a poll after "in": "drew criticism from X", "with X
saying", "in a Fox poll" name who speaks); "including
X" to the group before it ("some Republicans, including Senator Lamar
Alexander, were willing"); the city of a dateline ("WASHINGTON -- President
Obama, dedicating ..., said") to the sentence after it. Words in quotation
marks are no source ('duped by “a con”'), nor is a time ("Wednesday").
What cannot be repaired is dropped: no source is better than a wrong one.
A pronoun written with its verb shows the pronoun alone ("I've suggested":
"I"; "she's said": "she").
In news, a quote left with no source is then given the mention near its cue
that a model learned from the training articles prefers (source_rank.py).
A quote whose words run over a later quotation with its own source after it
('... the Middle East. “I have good judgment,” he said.') ends where that one
starts. Everything is a few string scans around one quote: linear in the text.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from reader.analysis import attribution, segment, source_rank
from reader.analysis.attribution import reads_like_news
from reader.analysis.genre import is_story
from reader.analysis.quotes import _CUES, DOCUMENT_NOUNS, SPEAKER_NOUNS, Quote, find_indirect

__all__ = ["SourceRun", "last_look", "plausible", "relative_mentions", "repair_sources", "unpossess"]

_RESOURCE = Path(__file__).resolve().parent.parent.parent / "resources" / "source_heads_model.json"
PRONOUNS = frozenset("he she they we i you who".split())
_DETERMINERS = frozenset("the a an his her their its our my your this that these those some many several few most "
                         "both each every other another two three four five".split())
# Words that end a noun phrase on its left: the phrase starts after them
_STOP_LEFT = frozenset("""of in on at by for with from to into about as than that which who whom whose when where while
and or but if because after before since during said says told and also has have had is are was were be been being
would will could should can may might must do does did not""".split())
_AUX = frozenset("is are was were has have had also once further repeatedly publicly recently previously clearly often then again "
                 "firmly openly later earlier still already would will could should may might must".split())
_CUE_WORDS = frozenset(w for c in _CUES for w in c.split()) | frozenset(
    "sings sang sing continued continues made makes used uses went goes gave gives put puts wrote writes "
    "called calls tweeted tweets posted posts".split())
_OBJECT_START = frozenset("""the a an that this these those his her their its our my your him them it us me to in on at
with for about from into ones one up out down""".split())
_FUNCTION = _STOP_LEFT | _DETERMINERS | _AUX | frozenset("""what why how it there here then your yes no not
oh ah well all some any none""".split())
_LEADING = frozenset("""but and so yet still however meanwhile also instead now then indeed moreover""".split())
_WORD = re.compile(r"[\w’'.()/-]+")
_POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")
_OPENERS = frozenset("“\"‘'«")
_CLOSERS = frozenset("”\"’'»")


@functools.cache
def _heads() -> frozenset[str]:
    try:
        data = json.loads(_RESOURCE.read_text(encoding="utf-8"))
        return frozenset(data["heads"]) | SPEAKER_NOUNS | DOCUMENT_NOUNS
    except (OSError, ValueError, KeyError):
        return frozenset(SPEAKER_NOUNS | DOCUMENT_NOUNS)


def _bare(word: str) -> str:
    return _POSSESSIVE.sub("", word.strip(".,;:()"))


@functools.lru_cache(maxsize=1 << 14)
def plausible(source: str) -> bool:
    """Whether a source can name someone: not an opening participle ('speaking to a veterans group', 'including
    ones'), not a lone abbreviation ('Va.', 'Mr.')."""
    core = source.split(",")[0].strip()
    words = _WORD.findall(core)
    if not words:
        return False
    first = words[0]
    if first[:1].islower() and first.lower().endswith("ing") and len(words) > 1 and words[1].lower() in _OBJECT_START:
        return False  # a verb and its object, not an adjective ("fundraising documents", "ranking member")
    if len(words) == 1 and re.fullmatch(r"(?:[A-Z][a-z]{0,3}\.|Mr|Mrs|Ms|Dr)", first):
        return False
    if all(w.lower().strip(".,") in _WHEN for w in words):
        return False  # "Wednesday", "last week": when, not who
    return True


_WHEN = frozenset("""monday tuesday wednesday thursday friday saturday sunday today yesterday tonight tomorrow
january february march april may june july august september october november december last this next week
month year morning evening night weekend""".split())


def _head_ok(phrase: str) -> bool:
    """A phrase this module finds itself: a pronoun, a name, or a noun phrase whose head heads sources in the
    training articles (learned: 'campaign', 'officials', 'poll')."""
    words = _WORD.findall(phrase.split(",")[0])
    if not words or not plausible(phrase):
        return False
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return True
    if all(w.lower() in _FUNCTION for w in words):
        return False  # "When", "To", "The": a capital at a sentence start, not a name
    head = _bare(words[-1])
    return head[:1].isupper() or head.lower() in _heads()


def _sentence_start(text: str, pos: int, limit: int = 300) -> int:
    lo = max(0, pos - limit)
    best = lo
    for m in _END_MARK.finditer(text, lo, pos):
        if m.group() == "\n" or _SENTENCE_END.match(text, m.start(), pos):
            best = m.end()
        elif "\n" in m.group():  # "FULL TEXT.\nAfter": a line ends there all the same
            best = m.start() + m.group().rfind("\n") + 1
    return best


_END_MARK = re.compile(r"[.!?][”\"’]?\s+(?=[“\"‘]?[A-Z])|\n")  # a likely sentence end, checked with _SENTENCE_END
_ABBREVIATIONS = "Lt Gen Col Gov Sen Rep Mr Mrs Ms Dr St Capt Sgt Jr Sr Prof Rev Adm Maj Inc Co No vs Ft Mt".split()
_SENTENCE_END = re.compile(r"(?<![A-Z])" + "".join(rf"(?<!{a})" for a in _ABBREVIATIONS)  # not "Lt. Gen."
                           + r"[.!?][”\"’]?\s+(?=[“\"‘]?[A-Z])|\n")


def _np_before(text: str, pos: int, lo: int) -> tuple[int, int] | None:
    """The noun phrase that ends just before ``pos`` (past adverbs and auxiliaries, past one apposition set off by
    commas), within text[lo:pos]: a pronoun, a run of capitalised words, or a determiner + words + a source head."""
    toks = [(m.start() + lo, m.end() + lo, m.group()) for m in _WORD.finditer(text[lo:pos])]
    gaps = [text[(toks[k - 1][1] if k else lo):toks[k][0]] for k in range(len(toks))]
    tail = text[toks[-1][1]:pos] if toks else ""
    k = len(toks) - 1
    while k >= 0 and not tail.strip() and (toks[k][2].lower() in _AUX or toks[k][2].lower().endswith("ly")):
        tail = gaps[k]
        k -= 1
    if k < 0:
        return None
    if tail.strip() == ",":  # "Aaron Kall, the director of debate at the University of Michigan, compared"
        return _subject(text, lo, pos)
    if tail.strip():
        return None
    word = toks[k][2]
    if word.lower() in PRONOUNS:
        return toks[k][0], toks[k][1]
    if word[:1].isupper():
        j = k
        while j - 1 >= 0 and not gaps[j].strip() and (
                toks[j - 1][2][:1].isupper() or (toks[j - 1][2] in ("of", "for", "the", "and", "de", "von", "van")
                                                 and j - 2 >= 0 and toks[j - 2][2][:1].isupper())):
            j -= 1
        return toks[j][0], toks[k][1]
    if _bare(word).lower() not in _heads():
        return None
    j = k
    while j - 1 >= 0 and not gaps[j].strip() and k - j < 5 and toks[j - 1][2].lower() not in _STOP_LEFT:
        j -= 1
        if toks[j][2].lower() in _DETERMINERS:
            break
    return toks[j][0], toks[k][1]


def _np_at(text: str, lo: int, end: int) -> tuple[int, int] | None:
    """The noun phrase that opens text[lo:end], the subject of a sentence whose verb comes after an apposition
    ('Paul Porter, a truck driver from Ava, Mo., said'): past a leading 'But', a pronoun, a run of capitalised words
    (with a party label: 'Rep. Bobby Scott (D-Va.)'), or words up to the last one that heads sources."""
    head = re.match(r"[^\S\n]*[A-Z][A-Z.,' ]*[A-Z.]", text[lo:end])
    if head is not None and (dash := _DATELINE.match(text, lo + head.end())) is not None:
        lo = dash.end()  # "WASHINGTON -- President Obama, dedicating the museum, said": past the dateline
    toks = [(m.start() + lo, m.end() + lo, m.group()) for m in _WORD.finditer(text[lo:end])]
    k = 0
    while k < len(toks) and toks[k][2].lower() in _LEADING and not text[toks[k][1]:toks[k][1] + 1].strip():
        k += 1
    if k >= len(toks) or text[lo:toks[k][0]].strip():
        return None
    word = toks[k][2]
    if word.lower() in PRONOUNS:
        return toks[k][0], toks[k][1]
    j = k
    if word[:1].isupper():
        while j + 1 < len(toks) and not text[toks[j][1]:toks[j + 1][0]].strip() and (
                toks[j + 1][2][:1].isupper() or toks[j + 1][2].startswith("(")):
            j += 1
        return toks[k][0], toks[j][1]
    best = None
    while j < len(toks) and j - k < 6 and toks[j][2].lower() not in _STOP_LEFT:
        if _bare(toks[j][2]).lower() in _heads():
            best = (toks[k][0], toks[j][1])
        if text[toks[j][1]:toks[j + 1][0] if j + 1 < len(toks) else end].strip():
            break
        j += 1
    return best


def _np_after(text: str, pos: int, end: int) -> tuple[int, int] | None:
    """'said Caddell', 'Blige sings', 'Obama's former campaign strategist said', 'he said': the source in the
    words after a quotation that ends in a comma, up to ``end``."""
    toks = [(m.start() + pos, m.end() + pos, m.group()) for m in _WORD.finditer(text[pos:end])]
    if not toks or text[pos:toks[0][0]].strip():
        return None
    first = toks[0][2]
    if first.lower() in _CUE_WORDS and len(toks) > 1:  # "said Caddell"
        second = toks[1][2]
        if second.lower() in PRONOUNS:
            return toks[1][0], toks[1][1]
        if second[:1].isupper():
            j = 1
            while j + 1 < len(toks) and toks[j + 1][2][:1].isupper() and not text[toks[j][1]:toks[j + 1][0]].strip():
                j += 1
            return toks[1][0], toks[j][1]
        return None
    for k in range(min(len(toks) - 1, 6)):
        if text[toks[k][1]:toks[k + 1][0]].strip():
            return None  # the phrase is cut by a comma or a mark: not "NAME said"
        nxt = toks[k + 1][2].lower()
        if nxt in _CUE_WORDS or (nxt.endswith(("ed", "s")) and k == 0 and toks[0][2][:1].isupper()):
            span = (toks[0][0], toks[k][1])
            phrase = text[span[0]:span[1]]
            if first.lower() in PRONOUNS and k == 0:
                return span
            return span if _head_ok(phrase) and (first[:1].isupper() or first.lower() in _DETERMINERS) else None
    return None


def _source_before_colon(text: str, start: int) -> tuple[int, int] | None:
    """'Caddell continued:', 'He said:', 'Sanders made the following comment:' just before the quotation."""
    i = start
    while i > 0 and (text[i - 1].isspace() or text[i - 1] in _OPENERS):
        i -= 1
    if i == 0 or text[i - 1] != ":":
        return None
    lo = _sentence_start(text, i - 1, 200)
    clause = text[lo:i - 1]
    toks = [(m.start() + lo, m.end() + lo, m.group()) for m in _WORD.finditer(clause)]
    # the subject: the first noun phrase followed by a verb ("made", "continued", "used", "reports")
    for k in range(1, len(toks)):
        verb = toks[k][2].lower()
        if toks[k][2][:1].isupper() or not (verb in _CUE_WORDS or verb.endswith("ed") or verb in _OPENING_VERBS) \
                or verb in _NO_VERB:
            continue  # (not 'the', 'of', 'on' of a cue's words: 'In the midst of a conversation Anna Pávlovna burst out:')
        rel = _RELATIVE_OPEN.search(text, lo, toks[k][0])
        if rel is not None and "," not in text[rel.end():toks[k][0]]:
            continue  # 'Hélène, who was getting bored, said with a smile:': the relative clause's verb is not it
        # (past the relative clause, the noun phrase before it)
        np = _np_before(text, toks[k][0] if rel is None else rel.start(), lo)
        if np is not None and _head_ok(text[np[0]:np[1]]):
            return np
        if k == 2 and toks[0][2].lower() in _DETERMINERS and toks[0][0] == lo and toks[1][2][:1].islower():
            return toks[0][0], toks[1][1]  # "The piece used one of her quotes as its headline:"
        j = k - 1
        while j > 0 and toks[j][2].lower().endswith("ly"):
            j -= 1
        if j > 0 and toks[j][2].lower() in ("and", "but"):
            # 'Natásha did not answer at once but only looked up with a smile that said reproachfully:': the
            # verb joined to the sentence's first one has its subject
            return _subject(text, lo, toks[j][0])
        return None
    return None


# verbs that open what is said after a colon, neither cues nor in -ed: 'Anna Pávlovna burst out:', 'he began:'
_OPENING_VERBS = frozenset("burst began broke spoke".split())
_NO_VERB = frozenset("the it of on out".split())
_RELATIVE_OPEN = re.compile(r",[^\S\n]*(?:who|which)[^\S\n]")


def _source_said_before(text: str, start: int) -> tuple[int, int] | None:
    """'..., Schiff said. “The other factor ...”': a quotation that follows, in its paragraph, a sentence ending
    in a name (or he, she) and a verb of saying."""
    lo = max(0, text.rfind("\n", max(0, start - 200), start) + 1)  # (a bounded look: a text may have no lines)
    m = re.search(r"(?:^|[\s,])((?:[A-Z][\w’'.-]*[^\S\n]+)*[A-Z][\w’'-]*|he|she|they)[^\S\n]+"
                  r"(said|says|added|adds|wrote|writes|explained|continued|told\s+\w+)\.[^\S\n]*[“\"]?$",
                  text[max(lo, start - 200):start])
    if m is None:
        return None
    base = max(lo, start - 200)
    return base + m.start(1), base + m.end(1)


_CLAUSE_END = re.compile(r"[”\"’]?[^\S\n]*,[^\S\n]*")


def _source_near_cue(text: str, q: Quote, before: Quote | None = None) -> tuple[int, int] | None:
    """The subject of the quote's cue in its sentence: 'Retired Lt. Gen. Michael Flynn said Donald Trump was “...”'."""
    cue = q.cue.strip().lower()
    if not cue or not cue[:1].isalpha():
        return None
    lo = _sentence_start(text, q.start)
    low = text[lo:q.start].lower()
    if cue not in low:  # (the cue as a word of its own is looked for only where it is written at all)
        return None
    k = -1
    for m in re.finditer(rf"\b{re.escape(cue)}\b", low):
        k = m.start()
    if k < 0:
        return None
    at = lo + k
    if cue.endswith("ing") and text[lo:at].rstrip().endswith(",") and before is not None and before.speaker \
            and before.end > lo and "speaker_start" in before.extra:
        # '“General Kutúzov,” said Bolkónski, speaking French': who speaks is who said the words before
        s = int(before.extra["speaker_start"])
        return s, s + len(before.speaker)
    if at == lo or text[lo:at].strip() == "":
        if not cue.endswith("ing"):
            return None
        # "Claiming the criticism is designed to pressure moderators, Trump told Fox": the subject after the clause
        comma = _CLAUSE_END.match(text, q.end, min(len(text), q.end + 6))
        if comma is None:
            return None
        span = _np_at(text, comma.end(), min(len(text), comma.end() + 100))
        nxt = _WORD.match(text, span[1] + 1) if span is not None and text[span[1]:span[1] + 1] == " " else None
        return span if nxt is not None and nxt.group()[:1].islower() else None
    return _np_before(text, at, lo)


def _common_word(text: str, span: tuple[int, int], lower_words: frozenset[str]) -> bool:
    """One capitalised word at a sentence start that the text also writes in lower case: no name."""
    word = text[span[0]:span[1]]
    if " " in word or not word[:1].isupper() or word.lower() not in lower_words:
        return False
    before = text[max(0, span[0] - 3):span[0]].rstrip(" “\"‘")
    return not before or before[-1] in ".!?”\"\n:"


def _goes_on(text: str, q: Quote, before: Quote) -> bool:
    """'“My reaction, that was outrageous,” X said in an interview. “He really should.”': a quotation that follows
    another in its paragraph, with only the words that name its speaker between, is the same person's."""
    if not before.speaker or before.kind != "direct" or before.end > q.start or q.start - before.end > 200:
        return False
    between = text[before.end:q.start]
    return "\n" not in between and before.speaker in between and not any(c in between for c in "“\"‘«")


def _continues(text: str, q: Quote, before: Quote) -> bool:
    """A news quotation that opens a paragraph right after a paragraph whose last quotation was someone's own words
    ('“…,” Viguerie notes.' then '“The number one thing …”'): the same person goes on."""
    start = text.rfind("\n", max(0, q.start - 200), q.start) + 1  # (bounded: a text may have no lines)
    if text[start:q.start].strip() or not before.speaker or before.kind != "direct" or start == 0:
        return False
    previous = text.rfind("\n", 0, start - 1) + 1
    return previous <= before.start and before.end <= start and before.speaker in text[previous:start]


_OBJECT_OF = frozenset("to of for with in on at from into about against during under over".split())


def _quoted(text: str, q: Quote) -> bool:
    """'duped by “a con”': a source that opens a quotation is words quoted, not who speaks."""
    at = int(q.extra.get("speaker_start", -1))
    return at > 0 and bool(q.speaker) and text[at - 1] in "“‘" and "”" not in text[at:at + len(q.speaker or "")]


# 'drawn criticism from fellow GOP hopefuls', 'with top defense officials vowing to', '38 percent support in a Fox
# poll': a preposition that opens who speaks or holds the view (train: the model's source was right in 20 such
# quotes whose source the sentence's subject had replaced, wrong in 1)
_SOURCE_PREPOSITIONS = frozenset(("from", "with"))
_POLL = re.compile(r"(?:poll|survey|study|report)s?$", re.I)


def _object(text: str, q: Quote) -> bool:
    """A source the text writes as the object of a preposition ('took to Twitter', 'Lamar Alexander of Tennessee',
    'in contempt of Congress'): a place or a thing the sentence names, not who speaks ('according to X' and 'in
    the words of X' aside)."""
    if "speaker_start" not in q.extra or not q.speaker or q.cue.startswith("according"):
        return False
    at = int(q.extra["speaker_start"])
    if not text.startswith(q.speaker, at):
        return False
    if _quoted(text, q):
        return True
    after = text[at + len(q.speaker):at + len(q.speaker) + 40]
    cue = q.cue.split()[0] if q.cue.split() else ""
    if cue and after.split(None, 1)[:1] == ["and"] and after[:1].isspace() \
            and re.match(rf"[^\S\n]+and[^\S\n]+(?:\w+ly[^\S\n]+)?{re.escape(cue)}\b", after, re.I):
        left = text[max(0, at - 40):at].rstrip()[-1:]  # (a slice: never the whole text before)
        if left.isalpha() and left.islower():
            return True  # 'criticized deals such as NAFTA and called for': an object of one verb, the subject elsewhere
    if at < 2 or text[at - 1] not in " \xa0\t" or text[max(0, at - 9):at].split()[-1:] == [] or \
            text[max(0, at - 9):at].split()[-1] not in _OBJECT_OF:
        return False  # (cheap test first: most sources follow no preposition)
    m = re.search(r"([A-Za-z]+)[^\S\n]+$", text[max(0, at - 30):at])
    if m is None or m.group(1) not in _OBJECT_OF or m.group(1) in _SOURCE_PREPOSITIONS \
            or (m.group(1) == "in" and _POLL.search(q.speaker)):
        return False
    w = re.search(r"([A-Za-z]+)[^\S\n]+[A-Za-z]+[^\S\n]+$", text[max(0, at - 40):at])
    return not (w is not None and w.group(1).lower() in ("words", "view", "opinion", "according", "accordance"))


def _subject(text: str, lo: int, end: int) -> tuple[int, int] | None:
    """The subject that opens the sentence text[lo:end], past one or two openers set off by commas ('In fact,
    some Republicans, including ..., were willing')."""
    if any(c in text[lo:end] for c in "“”\"«»"):
        return None  # within or after a quotation: its words are not the narration's subject
    for _ in range(3):
        span = _np_at(text, lo, end)
        if span is not None and _head_ok(text[span[0]:span[1]]):
            return span
        comma = text.find(",", lo, min(end, lo + 60))
        if comma < 0:
            return None
        lo = comma + 1
        while lo < end and text[lo].isspace():
            lo += 1
    return None


# (" (AP) -- "; or ") -- " after a source cut inside the parentheses: "WASHINGTON (AP")
_DATELINE = re.compile(r"[^\S\n]*(?:\(?[A-Z]*\)[^\S\n]*)?(?:--|—|–)[^\S\n]*")


def _dateline(text: str, q: Quote) -> int | None:
    """'WASHINGTON -- President Obama, dedicating the museum, said': the city of a dateline is no source; where the
    sentence after it starts, or None."""
    if not q.speaker or not q.speaker.isupper() or "speaker_start" not in q.extra:
        return None
    at = int(q.extra["speaker_start"])
    if not text.startswith(q.speaker, at) or (at and text[at - 1] != "\n"):
        return None
    m = _DATELINE.match(text, at + len(q.speaker))
    return m.end() if m else None


def _whole_group(text: str, q: Quote) -> None:
    """'some Republicans, including Senator Lamar Alexander of Tennessee, were willing': the source is the group,
    not the one it includes."""
    at = int(q.extra["speaker_start"])
    pos = at
    while pos > 0 and ((text[pos - 1].isspace() and text[pos - 1] != "\n") or text[pos - 1] in ",—–-"):
        pos -= 1
    if pos == at or text[pos - 1:pos] == "\n":
        return
    span = _np_before(text, pos, _sentence_start(text, pos))
    if span is not None and _head_ok(text[span[0]:span[1]]):
        q.speaker = text[span[0]:span[1]]
        q.extra["speaker_start"] = span[0]
        q.extra["source_by"] = "rule"  # (what the source ranker knows of it)


def _split_nested(text: str, quotes: list[Quote]) -> None:
    """'... told the forum he was “totally against the war” because it destabilized the Middle East. “I have good
    judgment,” he said.': a quote whose words run over a later quote with its own source ends where that one
    starts (quotes in text order)."""
    for k, q in enumerate(quotes):
        for r in quotes[k + 1:k + 4]:
            if r.start >= q.end:
                break
            if not r.speaker or r.start <= q.start or r.end > q.end or int(r.extra.get("speaker_start", -1)) < r.end:
                continue  # (only a quotation whose source follows it: '“...,” he said')
            e = r.start
            while e > q.start and (text[e - 1].isspace() or text[e - 1] in "“\"‘«—–-"):
                e -= 1
            if e - q.start < 20:
                continue
            if q.content == q.text:
                q.content = text[q.start:e]
            q.text = text[q.start:e]
            q.end = e
            break


# '“This just isn’t right,” Warren said. “You squeezed ...”': a quotation's end, a short clause that says who
# said it, and the next quotation's start
_INNER = re.compile(r"(?<=[,?!.—])([”\"])[^\S\n]+(?P<clause>[^“”\"\n]{2,70}?)[.,:][^\S\n]+[“\"]")
_INNER_NP = re.compile(r"(?P<np>he|she|they|[A-Z][\w’'.-]*(?:[^\S\n]+[A-Z][\w’'.-]*){0,3})")
_AFTER = re.compile(r"[”\"’]?,[^\S\n]+(?P<np>he|she|they|[A-Z][\w’'.-]*(?:[^\S\n]+[A-Z][\w’'.-]*){0,3})[^\S\n]+"
                    r"(?P<verb>[a-z]+)\b")
_SPEECH = frozenset(c for c in _CUES if " " not in c) - {"say", "state", "stress", "point", "put", "make"}


def _inner_source(clause: str) -> tuple[int, int, str] | None:
    """'Warren said', 'he added', 'said Mr. Smith', 'Graham, a former candidate, told CBS News': the span of
    the one who speaks in a clause that says who said a quotation, and its verb; None if it is no such clause."""
    words = clause.split()
    if len(words) > 9:
        return None
    for m in _INNER_NP.finditer(clause):
        rest = clause[m.end():].lstrip(", ")
        head = clause[:m.start()].rstrip()
        verb = rest.split(" ", 1)[0] if rest else ""
        if m.start() == 0 and verb in _SPEECH and ("," not in clause[m.end():] or clause[m.end():].startswith(",")):
            return m.start(), m.end(), verb  # 'Warren said', 'he added, ...'
        if head in _SPEECH and m.end() == len(clause.rstrip()):
            return m.start(), m.end(), head  # 'said Mr. Smith'
        return None
    return None


def _split_inner(text: str, quotes: list[Quote]) -> None:
    """'“This just isn’t right,” Warren said. “You squeezed employees to the breaking point”': one quote over
    two quotations with a clause between them naming who said them becomes two, the second said by the one
    that clause names, the first too unless it had a source of its own outside that clause."""
    out: list[Quote] = []
    todo = quotes[::-1]
    while todo:
        q = todo.pop()
        out.append(q)
        inner = text.find("”", q.start + 1, q.end - 3)
        if inner < 0:
            inner = text.find('"', q.start + 1, q.end - 3)
        m = _INNER.search(text, inner, q.end) if inner > 0 else None
        if m is None or m.end() >= q.end - 2 or q.content not in ("", q.text):
            continue
        found = _inner_source(m.group("clause"))
        if found is None:
            continue
        a, e, verb = found
        np_start = m.start("clause") + a
        at = int(q.extra.get("speaker_start", -1))
        second = Quote(text[m.end() - 1:q.end], text[np_start:m.start("clause") + e], verb, "direct", m.end() - 1,
                       q.end, text[m.end() - 1:q.end] if q.content else "", {"speaker_start": np_start})
        after = _AFTER.match(text, q.end)
        if after is not None and after.group("verb") in _SPEECH:  # '... to drive up the stock price, she said'
            second.speaker, second.cue = after.group("np"), after.group("verb")
            second.extra["speaker_start"] = after.start("np")
        if not q.speaker or m.start() <= at < m.end():
            q.speaker = text[np_start:m.start("clause") + e]
            q.extra["speaker_start"] = np_start
            q.cue = verb
        q.end = m.start() + 1
        q.text = text[q.start:q.end]
        q.content = q.text if q.content else ""
        todo.append(second)  # (which may run over a third)
    quotes[:] = out


# '... the party’s vacancy rules should be modernized, but he said that discussion should wait': a clause
# joined to a reported speech whose own subject reports another
_JOINED = re.compile(r"[,;][^\S\n]+(?:but|though|while|although|and)[^\S\n]+(?P<np>he|she|they|it|we|[A-Z][\w’'.-]*"
                     r"(?:[^\S\n]+[A-Z][\w’'.-]*){0,2})[^\S\n]+(?P<cue>[a-z]+)[^\S\n]+(?!to\b)")


def _split_joined(text: str, quotes: list[Quote]) -> None:
    """'the party’s vacancy rules should be modernized, but he said that discussion should wait': an indirect
    quote that runs over a second clause with its own source and cue ends before it, and that clause's words
    are a quote of their own."""
    out: list[Quote] = []
    for q in quotes:
        out.append(q)
        if q.kind != "indirect" or q.content not in ("", q.text) or text[q.start:q.start + 1] in "“\"‘":
            continue
        m = _JOINED.search(text, q.start + 20, q.end - 10)
        if m is None or m.group("cue") not in _SPEECH:
            continue
        second = Quote(text[m.end():q.end], m.group("np"), m.group("cue"), "indirect", m.end(), q.end,
                       text[m.end():q.end] if q.content else "", {"speaker_start": m.start("np")})
        q.end = m.start()
        q.text = text[q.start:q.end]
        q.content = q.text if q.content else ""
        out.append(second)
    quotes[:] = out


# words that open a clause of their own after a quotation ('“…,” while 73 percent said the same of Trump'): the
# source and cue after them are that clause's, not the quotation's
_NEW_CLAUSE = frozenset("while whereas whilst but although though because unless yet".split())


def _unjoin_next_clause(text: str, quotes: list[Quote]) -> None:
    """A quote whose source and cue come after it, past a word that opens another clause ('… in “good enough
    overall health to serve as president,” while 73 percent said the same of Trump'), has neither: they are what
    the next clause reports."""
    for q in quotes:
        at, cue_at = q.extra.get("speaker_start"), q.extra.get("cue_start")
        if not q.speaker or not isinstance(at, int) or not isinstance(cue_at, int) or at < q.end or cue_at < q.end:
            continue
        between = text[q.end:at].strip(" ,;”\"’'").split()
        if between and between[0].lower() in _NEW_CLAUSE:
            q.speaker = None
            q.cue = ""
            for key in ("speaker_start", "cue_start", "source_conf"):
                q.extra.pop(key, None)
            # the quotation is then part of the clause its own sentence reports ('Only 52 percent of registered
            # voters agreed that Clinton is in “…”'): that clause's source and cue, when the rules read one
            lo = _sentence_start(text, q.start)
            r = find_indirect(text[lo:q.end], lo)
            if r is not None and r.speaker and r.start <= q.start and (k := text.find(r.speaker, lo, r.start)) >= 0:
                q.speaker, q.cue = r.speaker, r.cue
                q.extra["speaker_start"] = k


# what someone says or holds, named by a noun ('Bornstein's earlier missive', 'Trump's remarks'): a possessive
# before one is its source
_SAID_NOUNS = frozenset("""missive missives remark remarks comment comments words message messages memo note notes warning
warnings promise promises pledge pledges argument arguments assertion assertions account view views opinion opinions
position positions proposal proposals admission criticism complaint complaints claim claims statement statements
answer answers reply response testimony tweet tweets speech speeches letter letters email emails interview
interviews book essay op-ed column article report reports prediction predictions forecast""".split())


def unpossess(text: str, quotes: list[Quote]) -> None:
    """A possessive source with a noun after it that never heads a source, and a verb for its cue further on
    ('President Barack Obama's approval rating remains strong, though it has declined …'): the rating declined,
    nobody said anything; the quote has no source. ('Trump's claim that …', 'Mr. Kadzik's refusal': the cue is
    the noun, and the source stays.)"""
    for q in quotes:
        at, cue_at = q.extra.get("speaker_start"), q.extra.get("cue_start")
        if not q.speaker or not _POSSESSIVE.search(q.speaker) or not isinstance(at, int) or not isinstance(cue_at, int) \
                or _bare(q.speaker).lower() in _FUNCTION | PRONOUNS:  # "He’s", "who’s", "Here's": no possessive
            continue
        end = at + len(q.speaker)
        if not 0 < cue_at - end <= 120:
            continue
        words = re.findall(r"[\w’'-]+|[^\w\s]", text[end:cue_at])[:3]
        nouns = [w for w in words if w[:1].isalpha()]
        if not nouns or words[0] != nouns[0] or nouns[0][:1].isupper():
            continue
        if not any(_bare(w).lower() in _heads() or _bare(w).lower() in _SAID_NOUNS for w in nouns):
            q.speaker = None
            q.extra.pop("speaker_start", None)


@dataclass
class SourceRun:
    """A story's quotes given their sources a run at a time, in text order (a long text's, each part as it is
    found: ``repair_sources(text, run_quotes, lower_words, run)``, then ``last_look`` on that run once the next
    run is through: the first quote of a run reads the one before it as it was before its last look). What one
    run hands the next. Only for a story (``is_story(text.split("\\n"))``): neither segment.py nor the source
    ranker reads a story, the two steps that read a text's quotes all at once."""

    before: Quote | None = None
    dropped: set[int] = field(default_factory=set)


def _inside_own_words(text: str, q: Quote) -> bool:
    """Whether a quotation's source lies inside its quotation marks ('Caddell continued: "… “… It was later revealed
    to be pneumonia …”"': 'It' is what he reads out, not who speaks; not '“…,” he said. “…”', one quote of two)."""
    at = q.extra.get("speaker_start")
    if q.kind != "direct" or not q.speaker or not isinstance(at, int) or not q.start < at < q.end:
        return False
    # (a mark after a comma or a full stop, or before a space, closes a quotation, whichever mark it is: '“It's
    # unusual,“ said Larry Noble')
    # (nor a source set off with its verb where the closing mark is missing: '"Absent a … force, he added, "this')
    return text[q.start] in "“\"" and _CLOSING_MARK.search(text, q.start + 1, at) is None \
        and _SET_OFF_SAID.match(text, at + len(q.speaker)) is None


_SET_OFF_SAID = re.compile(r"[^\S\n]+(?:said|says|added|adds|told|tells|asked|asks|continued|explained|noted|wrote)"
                           r"[^\S\n]*,")
_CLOSING_MARK = re.compile(r"[”\"“](?=\s)|(?<=[,.!?])[”\"“]")


def repair_sources(text: str, quotes: list[Quote], lower_words: frozenset[str] = frozenset(),
                   run: SourceRun | None = None) -> None:
    """Give each quote whose source names nobody, or that has none, the source the text gives it (see the module's
    notes); drop a source that names nobody when none is found. ``lower_words``: the words the text writes in lower
    case ('Get' or 'Across' opening a sentence is no name when the text also writes 'get', 'across'). ``run``: the
    quotes are one run of a story's (``SourceRun``), and their ``last_look`` is left to the caller."""
    _split_nested(text, quotes)
    _split_inner(text, quotes)
    _split_joined(text, quotes)
    story: bool | None = None if run is None else True  # read when first needed
    if quotes and segment.ENABLED:
        story = is_story(text.split("\n")) if story is None else story
        if not story and attribution.reads_like_news(text):  # the CRF learned from news: only news is read again
            segment.split_inner(text, quotes, plausible)
    _unjoin_next_clause(text, quotes)
    # the quotes whose source names nobody ('a lawyer in Richmond, Va.'): none is guessed
    dropped: set[int] = set() if run is None else run.dropped
    before: Quote | None = None if run is None else run.before
    for q in quotes:
        if q.speaker and q.speaker.lower().startswith("including ") and "speaker_start" in q.extra:
            _whole_group(text, q)
        inside = _inside_own_words(text, q)
        if inside:  # (looked for where writers put it, as for a quote with none; not guessed by the ranker)
            q.speaker = None
            q.extra.pop("speaker_start", None)
        if q.speaker and plausible(q.speaker) and _dateline(text, q) is None:
            if not _object(text, q):
                before = q
                continue
            story = is_story(text.split("\n")) if story is None else story
            if story:  # '“Thank you, Prince,” answered one of the officers': a story's objects are left alone
                before = q
                continue
        span: tuple[int, int] | None = None
        if q.kind == "direct" or not q.cue:
            span = _source_before_colon(text, q.start)
            if span is None and re.match(r"[^\S\n]*[,]?[”\"’']?[,]?[^\S\n]", text[q.end - 2:q.end + 3]) \
                    and "," in text[q.end - 2:q.end + 2]:
                span = _np_after(text, q.end + (1 if text[q.end:q.end + 1] in _CLOSERS | {","} else 0),
                                 min(len(text), q.end + 120))
            if span is None and not q.speaker:
                span = _source_said_before(text, q.start)
            if span is None and not q.speaker and not q.cue and before is not None and _goes_on(text, q, before):
                q.speaker = before.speaker
                q.extra["source_by"] = "before"  # (what the source ranker knows of it)
                if "speaker_start" in before.extra:
                    q.extra["speaker_start"] = before.extra["speaker_start"]
                before = q
                continue
            if span is None and not q.speaker and not q.cue and before is not None:
                if _continues(text, q, before):
                    story = is_story(text.split("\n")) if story is None else story
                    if not story:  # in a story a new paragraph is the other person's turn
                        q.speaker = before.speaker
                        q.extra["source_by"] = "before"  # (what the source ranker knows of it)
                        if "speaker_start" in before.extra:
                            q.extra["speaker_start"] = before.extra["speaker_start"]
                        before = q
                        continue
        if span is None and q.cue:
            span = _source_near_cue(text, q, before)
        dateline = _dateline(text, q)
        if span is None and dateline is not None:
            span = _subject(text, dateline, max(dateline, q.start))
        if span is None and q.speaker and _object(text, q):
            # "Trump took to Twitter overnight to accuse": the subject of the sentence, not the place it names
            span = _subject(text, _sentence_start(text, int(q.extra["speaker_start"])), int(q.extra["speaker_start"]))
        if span is not None:
            a, e = span
            while e > a and (text[e - 1] in ",;:" or (text[e - 1] == "." and e - a > 2 and text[e - 2].islower()
                                                     and text[e - 3].isalpha())):
                e -= 1  # "Flynn." at a sentence end, not "Jr." or "U.S."
            span = (a, e)
        if span is not None and _head_ok(text[span[0]:span[1]]) and not _common_word(text, span, lower_words):
            q.speaker = text[span[0]:span[1]]
            q.extra["speaker_start"] = span[0]
            q.extra["source_by"] = "rule"  # (what the source ranker knows of it)
        elif q.speaker and (not plausible(q.speaker) or _dateline(text, q) is not None or _quoted(text, q)):
            q.speaker = None
            q.extra.pop("speaker_start", None)
            dropped.add(id(q))
        elif inside:
            dropped.add(id(q))
        before = q
    if run is not None:
        run.before = before
        return
    last_look(text, quotes, lower_words, story, dropped)


def last_look(text: str, quotes: list[Quote], lower_words: frozenset[str], story: bool | None,
              dropped: set[int]) -> None:
    """The last step of ``repair_sources``: the source ranker's choice (news), then each source cut to the words
    that name someone. ``story``: whether the text is a story, if known; ``dropped``: the quotes (ids) whose
    source named nobody."""
    if quotes:  # (the ranker's model read only for a text it reads: a story never needs it)
        story = is_story(text.split("\n")) if story is None else story
        # the ranker learned from news articles: only news is ranked
        if not story and reads_like_news(text) and (source_rank.RANK_HOOK is not None
                                                    or source_rank.load_ranker() is not None):
            source_rank.rank_sources(text, [q for q in quotes if id(q) not in dropped], _heads(), _rule_subjects,
                                     lambda span: _common_word(text, span, lower_words))
            _unfill_later_sources(text, quotes)
    _trim_spans(text, quotes, lower_words)
    for q in quotes:  # "I've (suggested)", "she's (said)": the pronoun is who speaks, the verb is no part of it
        if q.speaker and ("’" in q.speaker or "'" in q.speaker) and (m := _CONTRACTED.fullmatch(q.speaker)):
            q.speaker = m.group(1)
    _relative_sources(text, quotes)
    _past_relative_clause(text, quotes)


_CONTRACTED = re.compile(r"(i|you|he|she|it|we|they|who|that|there)[’'](?:ve|re|ll|d|s|m)", re.I)


def _unfill_later_sources(text: str, quotes: list[Quote]) -> None:
    """A quote with no cue keeps no source the ranker found inside its own words, or after it where that mention
    is the source of a later quote of its own ('(or you're worried about …), the federal government offers
    loans': the government offers, it is not worried): that mention's cue is the later quote's, and nothing ties
    it to this one. A quote that ran on over that later quote ends before its source."""
    if not any(q.extra.get("source_by") == "ranker" and not q.cue.strip() for q in quotes):
        return
    later: dict[int, int] = {}  # where a source ends -> the start of the latest quote it is the source of
    for r in quotes:
        at = r.extra.get("speaker_start")
        if r.speaker and r.cue.strip() and isinstance(at, int):
            later[at + len(r.speaker)] = max(later.get(at + len(r.speaker), -1), r.start)
    for q in quotes:
        at = q.extra.get("speaker_start")
        if q.extra.get("source_by") != "ranker" or not q.speaker or q.cue.strip() or not isinstance(at, int):
            continue
        inside = q.start <= at < q.end
        said_later = later.get(at + len(q.speaker), -1) >= (at if inside else q.end)
        if not (inside or (at >= q.end and said_later)):
            continue
        if inside and said_later:
            cut = len(text[q.start:at].rstrip(" ,;:(—–-"))
            if cut > 0:
                if q.content == q.text:
                    q.content = q.content[:cut]
                q.text = q.text[:cut]
                q.end = q.start + cut
        q.speaker = None
        q.extra.pop("speaker_start", None)
        q.extra.pop("source_by", None)


def _rule_subjects(text: str, cue_at: int, lo: int) -> list[tuple[str, int]]:
    """Where these rules place the subject of a cue at ``cue_at`` in the sentence from ``lo`` (what the source
    ranker knows of them): the noun phrase just before the cue (past an apposition), the subject opening the
    sentence."""
    out: list[tuple[str, int]] = []
    if cue_at > lo:
        span = _np_before(text, cue_at, lo)
        if span is not None:
            out.append(("ruleNp", span[0]))
        span = _subject(text, lo, cue_at)
        if span is not None:
            out.append(("ruleSubj", span[0]))
    return out


# Words that open a sentence, not a name: 'Evidently Natásha', 'When Márya Dmítrievna', 'Then Pierre'
_OPENING = frozenset("""when then while after before as once since until though although because if so and but or
nor yet still now thus hence meanwhile however indeed also again having being where whereupon suddenly evidently
perhaps maybe soon presently finally lastly""".split())
# Words that end in "-ly" and are no adverb: they may end a source ('the Rostóv family', 'an orderly'), and a name
# is not cut before them (speakers.py)
NOUNS_IN_LY = frozenset("""family orderly elderly ally assembly rally supply bully belly lily fly holy ugly early only
daily weekly monthly yearly quarterly nightly friendly deputy reply july italy sicily kelly anomaly monopoly homily
folly jelly melancholy""".split())
# Reflexives after a name ('Prince Andrew to himself', 'Pierre himself'): how, not who
_REFLEXIVE = frozenset("himself herself themselves itself myself yourself ourselves".split())
# Lone words that are no source ('No', 'So', 'again', 'not'): what the model took for one at a sentence start
_NO_SOURCE = frozenset("no yes not so very again well however therefore thus also too even just".split())
_TAIL_CUT = re.compile(r",?[^\S\n]+(?:to[^\S\n]+)?(?:" + "|".join(_REFLEXIVE) + r")\b"
                       r"|,?[^\S\n]+with[^\S\n]+(?!the\b)(?=[a-z])"  # "with a smile", not "with the State Department"
                       r"|,[^\S\n]+(?=(?:[a-z]+ing|with|who|which|and|as|while|whose)\b)")  # ", coughing", ", who was"
_INTENSIFIERS = frozenset("very quite so rather too most more less almost still and".split())


def _name_end(words: list[str]) -> bool:
    """Whether the words kept of a source can end it: a name, a pronoun, or a noun phrase longer than a determiner."""
    if not words:
        return False
    last = words[-1]
    if last.lower() in PRONOUNS or last[:1].isupper():
        return not _POSSESSIVE.search(last) or last.lower() in PRONOUNS
    return len(words) > 1 and last.lower() not in _FUNCTION and not _POSSESSIVE.search(last)


def trim_span(speaker: str, lower_words: frozenset[str] = frozenset()) -> tuple[int, int]:
    """Where the words that name someone lie in a source the attribution ran on past them or began before them:
    'Prince Andrew ironically' and 'Pierre to himself' end at the name, 'Nesvítski with a wave of the hand' and
    'Denísov, coughing angrily' before the phrase that says how; 'Evidently Natásha' and 'When Márya Dmítrievna'
    start at the name (a capitalised word that opens a sentence and is an adverb or a conjunction is no part of
    it). (start, end) within ``speaker``; (0, 0) when nothing of it names anyone ('No', 'similarly')."""
    toks = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(speaker)]
    a = 0
    # the opening words: a capitalised adverb ("Evidently", "Suddenly") or conjunction ("When") before a name
    while a < len(toks) - 1:
        low = toks[a][2].lower()
        if not toks[a][2][:1].isupper() or toks[a + 1][2].lower() in ("’s", "'s"):
            break
        if not (low in _OPENING or (low.endswith("ly") and low not in NOUNS_IN_LY and (not lower_words or low in lower_words)
                                    and toks[a + 1][2][:1].isupper())):  # (not "Nearly eight of 10 voters")
            break
        if speaker[toks[a][1]:toks[a + 1][0]].strip():
            break
        a += 1
    if a and a < len(toks) and toks[a][2][:1].islower() and toks[a][2].lower() not in _DETERMINERS | PRONOUNS:
        return 0, 0  # "Having glanced at Dron", "Equally little": an opening phrase, no one named
    e = len(toks)
    # the closing words: a phrase that says how ("with a smile", ", smiling", "to himself") or an adverb
    m = _TAIL_CUT.search(speaker, toks[a][1] if a < len(toks) else 0)
    if m is not None and m.start() > 0:
        k = next(i for i in range(len(toks) + 1) if i == len(toks) or toks[i][0] >= m.start())
        kept = [t[2] for t in toks[a:k]]
        if _name_end(kept) and not (m.group().startswith(",") and k < len(toks) and toks[k][2][:1].isupper()) \
                and not (m.group().strip(", ") == "" and k < len(toks) and toks[k][2].lower() in _DETERMINERS):
            e = k
    for i in range(a + 1, e):  # "Prince Andrew ironically", "the vicomte contemptuously": a lower-case -ly word
        low = toks[i][2].lower()
        if not (toks[i][2][:1].islower() and low.endswith("ly") and len(low) > 4 and low not in NOUNS_IN_LY):
            continue
        j = i
        while j - 1 > a and toks[j - 1][2].lower() in _INTENSIFIERS | _FUNCTION - PRONOUNS:  # "very naturally"
            j -= 1
        if _name_end([t[2] for t in toks[a:j]]):
            e = j
            break
    if a >= e:
        return 0, 0
    words = [t[2] for t in toks[a:e]]
    if len(words) == 1 and (words[0].lower() in _NO_SOURCE or (words[0].lower().endswith("ly") and words[0][:1].islower()
                                                                and words[0].lower() not in NOUNS_IN_LY)):
        return 0, 0
    return toks[a][0], toks[e - 1][1]


def _trim_spans(text: str, quotes: list[Quote], lower_words: frozenset[str]) -> None:
    """The last look at each quote's source: only the words that name someone (``trim_span``), still words of the
    text; none where none do."""
    for q in quotes:
        if not q.speaker:
            continue
        a, e = trim_span(q.speaker, lower_words)
        if (a, e) == (0, len(q.speaker)):
            continue
        at = q.extra.get("speaker_start")
        if a == e:
            if isinstance(at, int) and re.match(r"[^\S\n]+(?:one|body)\b", text[at + len(q.speaker):]):
                continue  # "No one", "no body": the words after it make a source of it
            q.speaker = None
            q.extra.pop("speaker_start", None)
            continue
        q.speaker = q.speaker[a:e]
        if isinstance(at, int):
            q.extra["speaker_start"] = at + a


# -- a relative pronoun as the source: 'McConnell, now the Senate majority leader, who in 2010 said ...' ----------
# The one who speaks in a relative clause is written "who" (or "which": 'the report, which found'): that is the
# mention, and the noun phrase it attaches to is the person, as for "he". The pronoun just before the cue, past
# adverbs and auxiliaries ("who also said", "which has long argued", "who in 2010 said"):
_RELATIVE_CUE = re.compile(r"(?<![\w’'-])(who|which)(?:[^\S\n]+(?:also|has|have|had|would|will|is|was|were|are|did|"
                           r"does|do|not|never|then|later|once|still|again|earlier|previously|both|now|often|first|"
                           r"[a-z]+ly|(?:in|on)[^\S\n]+(?:\d{4}|[A-Z][a-z]+day)))*[^\S\n]+$")
# words after which "who" asks or reports, and attaches to no noun phrase: 'asked who said', 'unclear which'
_NOT_ANTECEDENT = frozenset("""ask asks asked asking know knows knew unclear clear wonder wonders wondered see saw
tell tells told say says said decide decides decided question matter choose about on of to over and or but""".split())


def _relative_at(text: str, q: Quote) -> tuple[int, str] | None:
    """Where the relative pronoun that is the subject of the quote's cue is written, and the pronoun; None when
    its cue has none ('said', not 'who said')."""
    cue_at = q.extra.get("cue_start")
    cue = q.cue.strip()
    if not isinstance(cue_at, int):
        lo = max(0, q.start - 150)
        if not cue or not cue[:1].isalpha() or ("who" not in text[lo:q.start] and "which" not in text[lo:q.start]):
            return None
        k = text.rfind(cue, lo, q.start)  # a rule's reported speech: 'X said that ...' (its cue before its words)
        between = text[k + len(cue):q.start] if k >= 0 else ""
        if k < 0 or (between.strip(" ,:\xa0") and "that" not in between):
            return None
        cue_at = k
    if cue_at < 5 or not (q.end <= cue_at or cue_at < q.start):
        return None
    near = text[max(0, cue_at - 60):cue_at]
    if "who" not in near and "which" not in near:  # (cheap test first: most cues have no pronoun near)
        return None
    lo = max(_sentence_start(text, cue_at, 200), cue_at - 60)
    m = _RELATIVE_CUE.search(text, lo, cue_at)
    if m is None:
        return None
    before = text[max(0, m.start() - 30):m.start()].split()
    if not before or before[-1].lower().strip(",") in _NOT_ANTECEDENT or m.start() <= lo:
        return None
    return m.start(1), m.group(1)


def _relative_sources(text: str, quotes: list[Quote]) -> None:
    """A quote whose cue follows a relative pronoun: the source, until its person is known (``relative_mentions``
    then prints the pronoun), is the noun phrase the pronoun attaches to (the one the source was, if it ends
    there: 'Marc Morial, the chief executive of the League,'), else the pronoun (speakers.py reads "who" as the
    person named just before it)."""
    for q in quotes:
        found = _relative_at(text, q)
        if found is None:
            continue
        r, word = found
        at = q.extra.get("speaker_start")
        if q.speaker and not isinstance(at, int):
            k = text.rfind(q.speaker, max(0, r - 200), r)
            at = k if k >= 0 else None
        if q.speaker and isinstance(at, int) and at <= r:
            end = at + len(q.speaker)
            if end > r and q.speaker.rstrip().endswith(word) and end - r == len(word):
                kept = q.speaker[:r - at].rstrip(" ,—–(-\xa0")  # 'some far-right commentators who': the phrase
                if kept:
                    q.speaker = kept
                    q.extra["speaker_start"] = at
                    q.extra["relative"] = r
                    continue
            if end <= r and not text[end:r].strip(" ,—–(\xa0"):  # the source is what the pronoun attaches to
                q.extra["speaker_start"] = at
                q.extra["relative"] = r
                continue
        p = r
        while p > 0 and text[p - 1] in " \xa0\t":
            p -= 1
        set_off = p > 0 and text[p - 1] in ",—–(-"
        while p > 0 and text[p - 1] in ",—–(-" and r - p < 4:  # ', which', '-- which'
            p -= 1
        while p > 0 and text[p - 1] in " \xa0\t":
            p -= 1
        # "who" set off by a comma follows a name and, often, a description of that person ('Marc Morial, the chief
        # executive of the League, who'): speakers.py finds the name; 'officials who', 'the report, which': the
        # noun phrase just before
        lo = _sentence_start(text, p, 200)
        span = _np_before(text, p, lo) if p > lo and not (set_off and word == "who") else None
        ahead = [w for w in text[max(0, span[0] - 16):span[0]].lower().split() if w not in _DETERMINERS][-1:] \
            if span is not None else []
        if span is not None and span[1] == p and _head_ok(text[span[0]:span[1]]) \
                and not (ahead and ahead[0] in _OBJECT_OF):  # (not 'the head of the League, which')
            q.speaker = text[span[0]:span[1]]
            q.extra["speaker_start"] = span[0]
        elif word == "who":
            q.speaker = word
            q.extra["speaker_start"] = r
        else:  # 'a tone which showed', 'that smile of his which seemed to say': the quote is left as it was read
            continue
        q.extra["source_by"] = "rule"
        q.extra["relative"] = r


# a relative clause set off and closed before the cue: 'Clinton, who once praised the trade deal, offered' (the cue's
# subject is the sentence's, not the pronoun; not 'Stephens, who, after trading insults, said': no words of its own)
_CLOSED_RELATIVE = re.compile(r"[^\S\n]+[^\s,;:.!?()“”\"—–]+[^;:.!?“”\"]*(?:,|—|–|--)[^\S\n]*$")


def _past_relative_clause(text: str, quotes: list[Quote]) -> None:
    """A quote whose source is a relative pronoun set off by a comma or a dash, and whose cue follows the end of that
    pronoun's clause ('Clinton, who once praised the trade deal, offered her firmest promise'; 'Joyce — who is listed
    as an attorney — told'): the cue's subject is the sentence's subject, which the pronoun only described."""
    for q in quotes:
        at, cue_at = q.extra.get("speaker_start"), q.extra.get("cue_start")
        if not q.speaker or q.speaker.lower() not in ("who", "which") or not isinstance(at, int) \
                or not isinstance(cue_at, int) or not 0 < cue_at - at <= 200 or "relative" in q.extra:
            continue
        if not _CLOSED_RELATIVE.match(text, at + len(q.speaker), cue_at):
            continue
        p = at
        while p > 0 and text[p - 1] in " \xa0\t":
            p -= 1
        if p == 0 or text[p - 1] not in ",—–-":
            continue
        while p > 0 and text[p - 1] in ",—–- \xa0\t":
            p -= 1
        lo = _sentence_start(text, p, 200)
        if p <= lo:
            continue
        # the sentence's subject where its start is known (not in a text with no sentence ends), else the phrase
        span = (_subject(text, lo, p) if lo == 0 or lo > p - 200 else None) or _np_before(text, p, lo)
        if span is None or not _head_ok(text[span[0]:span[1]]):
            continue
        q.speaker = text[span[0]:span[1]]
        q.extra["speaker_start"] = span[0]
        q.extra["source_by"] = "rule"


def relative_mentions(text: str, quotes: list[Quote]) -> None:
    """Once each quote's person is known: a quote whose source is reached through a relative pronoun shows that
    pronoun as its mention ('who', 'which'), as a pronoun's quote shows 'he' (its person stays the one the
    pronoun stands for)."""
    for q in quotes:
        r = q.extra.pop("relative", None)
        at = q.extra.get("speaker_start")
        if not isinstance(r, int) or not q.speaker or not isinstance(at, int) or at > r:
            continue
        m = re.match(r"who|which", text[r:r + 5])
        if m is not None:
            q.speaker = m.group()
            q.extra["speaker_start"] = r
