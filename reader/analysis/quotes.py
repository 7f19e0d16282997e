"""Quotes: who said what, directly ("…", proclaimed X, "…") or reported
("As X pointed out, …", "X stated that …", "according to X, …", "in the words
of X, …"). Quoted words with nobody saying them are *terms* (scare quotes).

Rules over sentences and quotation spans; no parser. Speakers are the noun
phrase next to a speech cue, checked to look like someone who can speak (a
name, a person-or-organisation noun, or a pronoun), so "it should be noted
that" and "according to a report" are not quotes.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from reader.speaker_labels import NO_SPEAKER

# Speech cues in their inflected forms; multi-word cues first.
_CUES = [
    "pointed out", "points out", "point out", "put it", "puts it", "went on", "goes on", "made clear", "makes clear",
    "share the view", "shares the view", "shared the view", "hold the view", "holds the view", "held the view",
    "are of the view", "is of the view", "take the view", "takes the view", "took the view",
    "said", "says", "say", "stated", "states", "state", "stressed", "stresses", "stress", "noted", "notes",
    "added", "adds", "explained", "explains", "declared", "declares", "proclaimed", "proclaims", "announced",
    "announces", "told", "tells", "asked", "asks", "replied", "replies", "answered", "answers", "responded",
    "remarked", "remarks", "observed", "observes", "insisted", "insists", "argued", "argues", "claimed", "claims",
    "warned", "warns", "urged", "urges", "emphasized", "emphasised", "emphasizes", "emphasises", "underlined",
    "underscored", "wrote", "writes", "recalled", "recalls", "acknowledged", "acknowledges", "admitted", "admits",
    "conceded", "suggested", "suggests", "confirmed", "confirms", "denied", "denies", "reiterated", "reiterates",
    "asserted", "asserts", "maintained", "maintains", "contended", "contends", "predicted", "predicts",
    "concluded", "concludes", "agreed", "agree", "agrees", "concur", "concurs", "concurred", "believe", "believes",
    "believed", "rejoined", "cried", "shouted", "whispered", "exclaimed", "murmured", "continued", "repeated",
    "interrupted", "muttered", "called out", "reported", "reports", "testified", "commented", "comments",
    "argue", "insist", "warn", "contend", "estimate", "estimated", "estimates", "predict", "suggest",
]


def _alternation(words: list[str]) -> str:
    """The words as one alternation, longest first, the words of each first letter grouped behind it
    ("s(?:aid|ays|...)|..."): the same matches as the words listed one by one in that order (at any place,
    only the words of its letter can match, tried in the same order), found much faster by Python's re."""
    groups: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):
        groups.setdefault(w[0], []).append(w[1:])
    return "|".join(re.escape(f) + "(?:" + "|".join(re.escape(r) for r in rest) + ")" for f, rest in groups.items())


_CUE_RE = _alternation(_CUES)
_ADVERBS = r"(?:(?:has|have|had|once|also|further|repeatedly|publicly|recently|previously|clearly|often|then|"\
           r"again|firmly|rightly|correctly|solemnly|openly|all|both|both\s+\w+|\w+ly)\s+)*"
CUE = re.compile(rf"\b(?P<cue>{_CUE_RE})\b", re.I)
_CUE_LOWER = re.compile(rf"\b(?P<cue>{_CUE_RE})\b")


# The longest word of each cue: a text holds a cue only if it holds that word as a word of its own (a run of
# letters a-z between characters that are not word characters, on the lowered text), which one C-level
# findall and a set test tell at once; most sentences of a novel hold none, and the cue pattern (a long
# alternation, slow in Python's re) then need not run.
_CUE_KEY_WORDS = frozenset(max(c.split(), key=len) for c in _CUES)
_LETTERS = re.compile(r"[a-z]+")
_LETTER_WORDS: dict[str, list[str]] = {}


def letter_words(low: str) -> list[str]:
    """``_LETTERS.findall(low)``: the runs of letters a-z of a lowered text, kept for the last few thousand
    texts asked (the rules and the claims read each sentence's: ``find_indirect``, ``claims.claim_kind``; the
    linear models read them first, whether a sentence can hold a cue: ``attribution.has_candidate``, a run of
    up to 1,536 paragraphs at once, War and Peace's ~3,800 sentences, before the rules read them).
    Not to be changed by the caller."""
    got = _LETTER_WORDS.get(low)
    if got is None:
        if len(_LETTER_WORDS) >= 16384:
            _LETTER_WORDS.clear()
        got = _LETTER_WORDS[low] = _LETTERS.findall(low)
    return got


def cue_matches(text: str, low: str | None = None) -> list[re.Match[str]]:
    """Speech cues in ``text`` (matched on the lowered text when offsets allow: much faster). ``low``:
    ``text.lower()``, when it is made already."""
    low = text.lower() if low is None else low
    if len(low) != len(text):
        return list(CUE.finditer(text))
    if _CUE_KEY_WORDS.isdisjoint(letter_words(low)):
        return []
    return list(_CUE_LOWER.finditer(low))


def _first_cue(text: str) -> re.Match[str] | None:
    """``CUE.search(text)``, on the lowered text where that is the same (the same offsets, the same matches,
    the cue in lower case: no letter lowered to two, and neither of the two letters re matches to i or s
    without ignoring case, ı and ſ), and only when it holds a cue's longest word (see ``_CUE_KEY_WORDS``)."""
    low = text.lower()
    if len(low) != len(text) or "ı" in text or "ſ" in text:
        return CUE.search(text)
    if _CUE_KEY_WORDS.isdisjoint(_LETTERS.findall(low)):
        return None
    return _CUE_LOWER.search(low)
_AUX_TAIL = re.compile(r"(?:\s+(?:has|have|had|once|also|further|repeatedly|publicly|recently|previously|clearly|often|"
                       r"then|again|firmly|rightly|correctly|solemnly|openly|all|both|(?-i:[a-z]\w*ly)))+\s*$", re.I)

PRONOUNS = {"he", "she", "they", "we", "i", "you"}
SPEAKER_NOUNS = set(
    """leader leaders party parties official officials minister ministers president presidents spokesman spokeswoman
    spokesperson secretary chairman chairwoman chair government governments ministry expert experts analyst analysts
    scientist scientists researcher researchers economist economists critic critics observer observers people
    politician politicians representative representatives ambassador ambassadors diplomat diplomats author authors
    writer writers reporter reporters journalist journalists doctor doctors police witness witnesses commission
    committee council court judge judges lawyer lawyers prosecutor prosecutors ceo director directors manager
    managers professor professors member members citizen citizens resident residents voter voters worker workers
    activist activists organisation organisations organization organizations company companies firm union unions
    group groups agency agencies authorities administration senator senators lawmaker lawmakers mp mps general
    king queen pope bishop mayor governor chancellor premier envoy spokespeople personages statesman statesmen
    scholar scholars historian historians officer officers commander commanders captain colonel prince princess
    count countess man woman men women father mother friend friends nation nations country countries public
    community communities executive executives chief boss founder owner staff employees student students
    teacher teachers parent parents patient patients nurse nurses soldier soldiers troops farmer farmers fan fans
    player players coach survivors victims relatives neighbours neighbors villagers locals investors officials
    negotiators campaigners protesters demonstrators""".split()
)
# Sources that are documents, not speakers: "according to a report" is a claim's source, not a quote.
DOCUMENT_NOUNS = set(
    """report reports study studies survey surveys data statistics figures poll polls index research analysis
    barometer estimate estimates census law laws constitution article articles document documents records website
    book books paper papers chart table map dictionary encyclopedia list""".split()
)
_NOT_SPEAKER = re.compile(
    r"\b(?:it|this|that|there|which|what|be|been|being|is|are|was|were|should|could|would|can|may|might|must)\b", re.I
)
_OPEN = "“\"«„‘"
_CLOSE_FOR = {"“": "”", '"': '"', "«": "»", "„": "“", "‘": "’", "”": "”"}


@dataclass
class Quote:
    text: str
    speaker: str | None
    cue: str
    kind: str  # direct | indirect
    start: int
    end: int
    content: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "speaker": self.speaker, "person": self.extra.get("group"), "cue": self.cue,
                "kind": self.kind, "start": self.start, "end": self.end}


@dataclass
class Term:
    """Quoted words nobody is said to have said: scare quotes, titles, slogans."""

    text: str
    start: int
    end: int
    speaker: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "speaker": self.speaker}


_FUNCTION_WORDS = {"a", "an", "the", "this", "that", "these", "those", "some", "any", "each", "every", "no", "one",
                   "as", "so", "if", "when", "while", "then", "here", "there", "now", "also", "and", "but", "or"}


def valid_speaker(np: str, *, allow_documents: bool = False) -> bool:
    words = np.split()
    if not 1 <= len(words) <= 14:
        return False
    low = [w.strip(",.;:()").lower() for w in words]
    if low[-1] in _FUNCTION_WORDS or any(q in np for q in "“”\"«»„"):
        return False  # a function word, or a quotation, cannot be who spoke
    if len(words) == 1 and low[0].endswith("ing"):
        return False  # "Having said this, …"
    if len(words) == 1 and low[0] in PRONOUNS:
        return True
    if _NOT_SPEAKER.search(np):
        return False
    if not allow_documents and any(w in DOCUMENT_NOUNS for w in low):
        return False
    has_name = any(w[:1].isupper() for w in words[1:]) or (len(words) == 1 and words[0][:1].isupper())
    return has_name or any(w in SPEAKER_NOUNS for w in low) or (low[0] in PRONOUNS and len(words) <= 3)


# A noun that names someone by what they do: 'the harbour master', 'the lighthouse keeper', 'a fisherman'
_AGENT = re.compile(r"^(?:the|a|an|one|two|three|several|some|many|local|his|her|their|our)\s+(?:[\w’'-]+\s+){0,3}?"
                    r"[a-z][\w’'-]*(?:master|keeper|man|men|woman|women|person|people|er|ers|or|ors|ist|ists|ian|"
                    r"ians|ant|ants|ent|ents|ee|ees)$")


def _someone(np: str) -> bool:
    """'according to the harbour master': a noun phrase headed by a noun of someone who does something (a
    document is not: 'according to the paper')."""
    words = np.lower().split()
    return bool(_AGENT.match(np)) and words[-1] not in DOCUMENT_NOUNS | _NOT_AGENTS and len(words) <= 5 and \
        not _NOT_SPEAKER.search(np)


_NOT_AGENTS = frozenset("""water weather order orders number numbers matter power center centre border letter letters
calendar register filter monitor indicator sensor factor factors content event events element elements moment
agreement statement statements document documents""".split())


_RELATIVE = re.compile(r"^(?:who|which|whose|whom|where|when)\b", re.I)
_NAME_ONLY = re.compile(r"^(?:[A-Z][\w'’.-]*\s*){1,4}$")
_APPOSITIVE = re.compile(r"^(?:a|an|the)\s", re.I)


_CLAUSE_SEP = re.compile(r"[,;:]\s+")
#: a phrase set off by commas between a subject and its verb of saying, which names nobody: 'in an interview',
#: 'at the Royal United Services Institute', 'in turn' (not 'in which he', 'at least 21,000'; not 'citing the report':
#: an attribution of its own)
_ASIDE = re.compile(r"^(?:(?:in|at|on|during|after|before|from|with|without|through|via|unlike)\s+"
                    r"(?!(?:which|whom|whose|least|most)\b)|for\s+(?:his|her|their|its)\s+part\b)", re.I)
_CONNECTIVE = re.compile(r"^(?:and|but|yet|so|also|however|moreover|meanwhile|indeed|then|now|thus|still)\s+", re.I)


def clean_speaker(prefix: str) -> str:
    """The noun phrase that ends a sentence prefix: after its last comma, minus
    connectives in front and auxiliaries or adverbs behind ("X has repeatedly").
    "Jones, who chairs the committee," and "Jones, a spokesman," are Jones."""
    parts = [p.strip() for p in _CLAUSE_SEP.split(prefix.strip().rstrip(",")) if p.strip()]
    while len(parts) >= 2 and _ASIDE.match(parts[-1]):
        parts.pop()  # 'Mr. Trump, in a brief interview on Saturday, said': an aside between subject and verb
    if len(parts) >= 2 and (_RELATIVE.match(parts[-1]) or (_APPOSITIVE.match(parts[-1]) and _NAME_ONLY.match(parts[-2]))):
        parts.pop()
    elif len(parts) >= 3 and _APPOSITIVE.match(parts[-1]):
        # 'Jean-Marc Ayrault, the foreign minister of France, a permanent member of the Security Council': the name
        # before a run of appositions
        k = len(parts) - 1
        while k > 0 and (_APPOSITIVE.match(parts[k]) or _RELATIVE.match(parts[k])):
            k -= 1
        if k < len(parts) - 1 and _NAME_ONLY.match(parts[k]):
            del parts[k + 1:]
    part = parts[-1] if parts else ""
    part = _AUX_TAIL.sub("", " " + part).strip()
    part = _CONNECTIVE.sub("", part)
    return part.strip(" ,")


# ” opens a quotation too where only an opening mark can be: at the start or after a space, before a letter
# (”Fear. I am truly afraid ...” in text typed with the wrong mark)
_OPEN_MARK = re.compile("[“\"«„‘]|(?:(?<=\\s)|^)”(?=[^\\W\\d_])")


_MARK = re.compile("[“\"«„‘”]")  # where _OPEN_MARK can match: a plain class, which re scans for fast


def _open_mark(text: str, pos: int) -> int:
    """Where ``_OPEN_MARK.search(text, pos)`` matches, or -1: the first mark that can open a quotation, the
    pattern asked only at a ” (its lookbehind sees the character before, as in a search)."""
    m = _MARK.search(text, pos)
    while m is not None:
        i = m.start()
        if text[i] != "”" or _OPEN_MARK.match(text, i):
            return i
        m = _MARK.search(text, i + 1)
    return -1


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation in a block, marks included. The last few thousand texts' are kept: the
    analysis asks for a block's twice (its models' reading, for a run of blocks at a time, then the rules')."""
    kept = _KEPT_SPANS.get(text)
    if kept is not None:
        return list(kept)
    spans: list[tuple[int, int]] = []
    n = len(text)
    i = _open_mark(text, 0)
    while i != -1:
        ch = text[i]
        if ch == "‘" and i > 0 and text[i - 1].isalnum():
            i = _open_mark(text, i + 1)
            continue
        close = _CLOSE_FOR[ch]
        j = text.find(close, i + 1)
        # a closing ’ inside a word is an apostrophe (“don’t”), not the end
        while close == "’" and j != -1 and j + 1 < n and text[j + 1].isalpha():
            j = text.find(close, j + 1)
        if ch == '"' and j != -1 and "\n" in text[i:j]:
            j = -1
        if ch == "“" and j != -1 and text.count("“", i + 1, j) == 1:
            # a quotation inside it written with the same marks ('“… what he calls “hell” than live …”'): the
            # outer one ends at the next closing mark, when no other quotation opens before it
            k = text.find("”", j + 1)
            if k != -1 and "“" not in text[j + 1:k]:
                j = k
        if j != -1:
            spans.append((i, j + 1))
            i = _open_mark(text, j + 1)
            continue
        if ch in "“«„" and n - i > 20:  # a quotation running on past its paragraph
            spans.append((i, n))
            break
        i = _open_mark(text, i + 1)
    if len(_KEPT_SPANS) >= 4096:
        _KEPT_SPANS.clear()
    _KEPT_SPANS[text] = tuple(spans)
    return spans


_KEPT_SPANS: dict[str, tuple[tuple[int, int], ...]] = {}


_SAID_BY = re.compile(
    r"\b(?P<cue>acclaimed|praised|described|called|hailed|lauded|dubbed|labell?ed|termed|branded|denounced|"
    r"criticized|criticised|portrayed|characterized|characterised|depicted|quoted|cited)\s+(?:\w+\s+)?by\s+"
    r"(?P<spk>[^,.;:“”\"]{2,100}?)\s+as\s*$",
    re.I,
)
_PORTRAYED_AFTER = re.compile(
    r"^\s*(?:as\s+)?(?P<cue>portrayed|described|called|dubbed|labell?ed|termed|branded|used|coined|touted|promoted)"
    r"\s+by\s+(?P<spk>[^,.;:“”\"]{2,80})",
    re.I,
)
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.-]*|the|a|an|of|de|von|van|la|le|du|al|bin)$")


_TITLE_ABBREVIATIONS = {"dr", "mr", "mrs", "ms", "st", "prof", "gen", "sen", "rep", "gov", "col", "capt", "lt", "sgt",
                        "jr", "sr", "rev", "hon", "pres", "adm", "maj", "cmdr", "fr"}


_INITIALS = re.compile(r"(?:[A-Z]\.)+")


def _speaker_after_cue(rest: str) -> str:
    """'General Secretary Xi Jinping in order to…' -> 'General Secretary Xi Jinping'."""
    out: list[str] = []
    for w in rest.split():
        v = w.rstrip(",;:")  # "Jr.," keeps its point
        abbrev = v.endswith(".") and (v[:-1].lower() in _TITLE_ABBREVIATIONS or _INITIALS.fullmatch(v))
        bare = v if abbrev else w.strip(",.;:!?")
        if _NAME_TOKEN.match(bare) or bare.lower() in SPEAKER_NOUNS or (not out and bare.lower() in PRONOUNS):
            out.append(bare)
            if bare != w:
                break
        else:
            break
    while out and out[-1].lower() in ("the", "a", "an", "of"):
        out.pop()
    return " ".join(out)


def _verb_cue(clause: str) -> re.Match[str] | None:
    """The first cue in a clause that is not a noun where it stands ('the former secretary of state … said')."""
    m = _first_cue(clause)
    if m is None or not _noun_cue(clause, m.start(), m.group("cue")):
        return m
    return next((c for c in CUE.finditer(clause, m.end()) if not _noun_cue(clause, c.start(), c.group("cue"))), None)


#: verbs whose object is whom they were said to: '… the statement urged Americans' is the statement's
_TOLD_CUES = frozenset("""told tells tell asked asks urged urges warned warns reminded assured informed promised advised
thanked accused praised blamed""".split())
_WORDISH = re.compile(r"[^\W\d_]")
_DETERMINED = re.compile(r"^(?:the|a|an|this|that|one|another)\s", re.I)


def attribution(clause: str) -> tuple[str, str] | None:
    """(speaker, cue) in a clause such as 'proclaimed General Secretary Xi Jinping' or 'he said'."""
    m = _verb_cue(clause)
    if not m:
        return None
    before = clause[: m.start()].strip(" ,")
    after = clause[m.end():].strip(" ,")
    cue = m.group("cue").lower()
    if before:
        first = before.split(", ", 1)[0].strip()
        # '“…,” Scott Pruitt, the Republican attorney general of Oklahoma, one of the states suing the EPA, said':
        # after a quotation the name that opens the clause speaks, whatever the appositions after it
        spk = first if "," in before and _NAME_ONLY.match(first) and valid_speaker(first) else clean_speaker(before)
        if valid_speaker(spk):
            return spk, cue
        if cue in _TOLD_CUES and _WORDISH.search(spk):  # '“…,” the billionaire business mogul told People'
            words = spk.split()
            return (spk, cue) if _DETERMINED.match(spk) and 2 <= len(words) <= 6 and words[-1][:1].islower() \
                and not _NOT_SPEAKER.search(spk) else None
    spk = _speaker_after_cue(after)
    if spk and valid_speaker(spk):
        return spk, cue
    return None


# A cue in the passive voice, 'Pence was also dubbed the debate winner', 'he was told that', 'is said to be': its
# subject is who was named, told or spoken of, not who spoke. Verbs of saying, naming and judging only: a mental
# state in the passive ('was convinced that', 'is determined to', 'are worried about') is the subject's own position.
_PASSIVE_VERBS = frozenset("""said told asked dubbed called named labeled labelled described known seen viewed regarded
considered thought believed expected reported announced declared charged accused projected rumored rumoured alleged
reputed deemed branded hailed praised criticized criticised nominated predicted estimated urged advised warned
informed quoted cited credited shown depicted portrayed characterized characterised billed touted""".split())
_PASSIVE_BE = frozenset("is are was were be been being am get gets got".split())
#: The auxiliary of a passive cue and what stands between: 'was also (dubbed)', 'were not (told)'.
PASSIVE_AUX = re.compile(r"\b(?:is|are|was|were|be|been|being|am|get|gets|got)\s+(?:(?:also|not|never|now|then|"
                         r"once|still|even|already|widely|often|later|first|\w+ly)\s+)*$", re.I)


def passive_cue(text: str, cue_start: int, cue_text: str) -> bool:
    """Whether a cue found at ``cue_start`` is a verb of saying or naming in the passive voice ('was dubbed',
    'were told', 'is said to'): the noun phrase before it is not its source. 'X was quoted as saying' is X's."""
    words = cue_text.lower().split()
    if not words:
        return False
    if words[0] in _PASSIVE_BE:
        rest = [w for w in words[1:] if w not in ("also", "not", "never", "now", "still", "widely", "often")
                and not w.endswith("ly")]
        verb = rest[0] if rest else ""
    elif words[0] in _PASSIVE_VERBS and PASSIVE_AUX.search(text, max(0, cue_start - 40), cue_start):
        verb = words[0]
    else:
        return False
    if verb == "quoted" and re.match(r"\s+as\b", text[cue_start + len(cue_text):cue_start + len(cue_text) + 4]):
        return False
    return verb in _PASSIVE_VERBS


# A source noun phrase's head before its complement: 'advisers to Mr. Obama say' is the advisers speaking, not
# Mr. Obama; 'Not everyone finds …' is a negated quantifier, not everyone.
_HEAD_BEFORE = re.compile(r"(?:\b(?:the|a|an|some|several|many|two|three|four|other|senior|top|former|close|longtime|"
                          r"his|her|their|its|one|few)\s+)*\b(?P<head>advis[eo]rs?|aides?|allies|ally|associates?|"
                          r"friends?|supporters?|spokes(?:man|woman|person|people)|representatives?|lawyers?|"
                          r"attorneys?|members?|officials?|staff(?:ers)?|relatives?|sources?|people|critics?|"
                          r"leaders?|opponents?|backers?|surrogates?|confidants?|spokesmen|spokeswomen|"
                          r"sons?|daughters?|wife|husband|brothers?|sisters?|fans|voters|donors)\s+"
                          r"(?:close\s+to|familiar\s+with|to|of|for|with|from)\s+$", re.I)
_NOT_QUANTIFIER = re.compile(r"\bnot\s+$", re.I)
_HEAD_LAST = re.compile(r"[ofrhm]", re.I)  # the last letters of _HEAD_BEFORE's last words, as it reads them (re.I)
_QUANTIFIERS = frozenset("everyone everybody all every many most much each both anyone".split())


def source_start(text: str, start: int, end: int) -> int:
    """Where a source found at text[start:end] begins once its head is in: back over 'advisers to ' (the head
    of the noun phrase decides who speaks) and over the 'Not ' of 'Not everyone'."""
    k = start - 1
    if k >= 0 and text[k].isspace():  # _HEAD_BEFORE ends in 'to|of|for|with|from' and spaces: asked only then
        while k > 0 and text[k].isspace():
            k -= 1
        if _HEAD_LAST.match(text[k]):
            m = _HEAD_BEFORE.search(text, max(0, start - 60), start)
            if m is not None:
                return m.start()
    first = text[start:end].split(maxsplit=1)
    if first and first[0].lower() in _QUANTIFIERS:
        n = _NOT_QUANTIFIER.search(text, max(0, start - 5), start)
        if n is not None:
            return n.start()
    return start


_PREPOSITIONS = frozenset("on in at during to for with from by of about".split())
_CUE_TAIL = re.compile(r"(?:\s+[\w’'-]+){0,3}?\s*(?:,\s*)?(?:that\s*)?[:,]?\s*", re.I)


# Cues that are nouns too: after a determiner, 'of' or a possessive (and at most one word more) they are the noun
_NOUN_CUES = frozenset("state states remarks comments claims reports notes answers estimates stress warns".split())
_NOUN_BEFORE = re.compile(r"(?:\b(?:the|a|an|of|this|that|these|those|his|her|their|its|our|my|your|each|every|no)|"
                          r"\w[’']s)\s+(?:[^\W\d_][\w-]*\s+)?$", re.I)


def _noun_cue(text: str, at: int, cue: str) -> bool:
    """Whether a cue that can be a noun ('state', 'remarks') is one where it stands: 'secretary of state'."""
    return cue.lower() in _NOUN_CUES and _NOUN_BEFORE.search(text, max(0, at - 40), at) is not None


_SENTENCE_MARK = re.compile(r"[.!?;“”\"]")
_BE_TO_END = re.compile(r"\b(?:be|been|being|to)\s*$", re.I)


def _prefix_attribution(prefix: str) -> tuple[str, str] | None:
    """Speaker and cue right before a quotation: 'X stressed that “', 'He said: “', 'acclaimed by X as “'."""
    m = _SAID_BY.search(prefix)
    if m:
        spk = m.group("spk").strip()
        if valid_speaker(spk):
            return spk, m.group("cue").lower()
    cues = cue_matches(prefix)
    if not cues:
        return None
    m = cues[-1]
    if not _CUE_TAIL.fullmatch(prefix, m.end()):
        return None
    if _noun_cue(prefix, m.start(), m.group("cue")):
        return None  # 'the former secretary of state', 'Kim's mental state': a noun, nobody says
    tail = prefix[m.end():].strip()
    if tail[:1].isalpha() and tail.split()[0].lower() in _PREPOSITIONS and tail[-1:] not in ":,":
        return None  # 'Pence said on CNN's “State of the Union.”': the quotation names where it was said
    head = _SENTENCE_MARK.split(prefix[: m.start()])[-1]
    if not head.strip() or _BE_TO_END.search(head):
        return None
    spk = clean_speaker(head)
    return (spk, m.group("cue").lower()) if valid_speaker(spk) else None


_DASH_SIGNED = re.compile(r"[^\S\n]*[―—–][^\S\n]*(?P<spk>[A-Z][\w’'.-]*(?:[^\S\n]+(?:[A-Z][\w’'.-]*|de|van|von|del|da))"
                          r"{0,4})[^\S\n.]*\.?[^\S\n]*(?:$|\n|(?=[“”\"]))")


# what follows a quotation up to its sentence's end: "…,” said Rep. G.K. Butterfield (D-N.C.)", "…,'' said Mr.
# Burman." (a title's or an initial's point is no end: news calls everyone Mr., Sen. or Gov.)
# (each abbreviation starts with a capital: the lookahead spares re trying them all at every other character)
_ATTRIBUTION_AFTER_ABBREVIATED = re.compile(r"\s*,?\s*(?P<attr>(?:(?=[A-Z])(?:\b[A-Z]|"
                                            + "|".join(sorted(a.capitalize() for a in _TITLE_ABBREVIATIONS))
                                            + r")\.|[^“”\"«».;!?]){2,100})")


def _doubled_spans(text: str) -> list[tuple[int, int]]:
    """quote_spans for a text that also writes quotation marks as two apostrophes (''…'', as the New York
    Times' archive does): each '' read as one mark. A span ends after the first apostrophe of its closing '',
    where the learned models end what they find, so the two agree on which finds hold which."""
    return quote_spans(text.replace("''", '"\x01'))  # same length: offsets unchanged


def _inner(text: str, s: int, e: int) -> str:
    """The words of the quotation at text[s:e], without its marks (one each side, or '' each side)."""
    if e - s < 2:
        return ""
    if text.startswith("''", s) and text.startswith("''", e - 1) and e - s >= 3:
        return text[s + 2 : e - 1]
    return text[s + 1 : e - 1]


_CLAUSE_OPENERS = frozenset("that his her their its the a an he she they it we i there these those my our your".split())
_TIME_AFTER = frozenset("""week weekend month year morning afternoon evening night day time summer spring fall autumn
winter""".split())


def _reports_a_clause(attr: str) -> bool:
    """'“Fox News Sunday,” Gov. Mike Pence said his running mate's tweet …': the words after the quotation
    are a sentence of their own that reports a clause (what follows the cue starts one), so the quotation is
    not what was said. '“…,” Pence said Friday', '… said this week', '… told reporters' stay attributions."""
    m = _verb_cue(attr)
    if m is None or not attr[: m.start()].strip(" ,") or m.group("cue").lower() in _TOLD:
        return False
    words = [w.strip(",;:").lower() for w in _AUX_TAIL.sub("", attr[m.end():]).split()]
    if not words or attr[m.end():].lstrip()[:1] in ",(":
        return False
    return words[0] == "that" or (words[0] in _CLAUSE_OPENERS and len(words) >= 3 and words[1] not in _TIME_AFTER)


_WORD_OF_LETTERS = re.compile(r"[^\W\d_][\w’'-]*")


def _titled(inner: str) -> bool:
    """'State of the Union.', 'Make America Great Again!': a few words, each long one capitalised (a title, a
    programme, a slogan), not a sentence someone said."""
    words = [m[0] for m in islice(_WORD_OF_LETTERS.finditer(inner), 7)]  # (a seventh word: too long for one)
    long = [w for w in words if len(w) >= 4]
    return 2 <= len(words) <= 6 and bool(long) and all(w[:1].isupper() for w in long)


# quoted words with no letter in them: a number or an id (“783499116076687360” in an embedded tweet), not a term
_NO_LETTER = re.compile(r"[^A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]*")
_BETWEEN_PARTS = re.compile(r"\s*,?\s*(?P<attr>[^“”\"«»!?]{3,100}?)\s*,\s*")
_SENTENCE_END_IN = re.compile(r"[.!?]\s")


def find_direct(block_text: str, base: int) -> tuple[list[Quote], list[Term]]:
    """Quotations in one block: attributed, unattributed (long) and terms (short)."""
    quotes: list[Quote] = []
    terms: list[Term] = []
    spans = _doubled_spans(block_text) if "''" in block_text else quote_spans(block_text)
    k = 0
    while k < len(spans):
        s, e = spans[k]
        inner = _inner(block_text, s, e)
        # “Part one”, proclaimed X, “part two”.
        if k + 1 < len(spans):
            between = block_text[e : spans[k + 1][0]]
            m = _BETWEEN_PARTS.fullmatch(between)
            att = attribution(m.group("attr")) if m else None
            if att:
                e2 = spans[k + 1][1]
                content = inner + " … " + _inner(block_text, spans[k + 1][0], e2)
                quotes.append(Quote(block_text[s:e2], att[0], att[1], "direct", base + s, base + e2, content))
                k += 2
                continue
        # the sentence before the quotation, at most 300 characters back (linear cost on text that never ends a sentence)
        lo = max(0, s - 300)
        sent_start = max(block_text.rfind(". ", lo, s), block_text.rfind("? ", lo, s), block_text.rfind("! ", lo, s))
        prefix = block_text[sent_start + 1 if sent_start >= 0 else lo : s]
        att = _prefix_attribution(prefix)
        if att is None:
            doubled = block_text.startswith("'", e) and block_text.startswith("''", s)  # ''…,'' said Mr. Burman
            after = ((_ATTRIBUTION_AFTER_ABBREVIATED.match(block_text[e + 1:e + 141])
                      if not inner.rstrip().endswith(".") else None) if doubled  # ''Politicking.'' Democrats …
                     else _ATTRIBUTION_AFTER_ABBREVIATED.match(block_text[e:e + 140])
                     if not inner.rstrip().endswith(".") else None)  # “… the timing.” Gov. X said it would …
            # '“…,” X said' (the quotation ends its clause), not '“term” is a word'
            if after and (inner.rstrip()[-1:] in ",.!?…" or block_text[e:e + 2].strip(" ")[:1] == ",") \
                    and not _reports_a_clause(after.group("attr")):
                att = attribution(after.group("attr"))
        if att is None:  # an epigraph: “…” ― Name
            dm = _DASH_SIGNED.match(block_text, e, min(len(block_text), e + 80))
            if dm and not any(w.lower() in _FUNCTION_WORDS for w in dm.group("spk").split()[:1]):
                spk = dm.group("spk")
                att = (spk[:-1] if spk.endswith(".") and len(spk.split()[-1]) > 2 else spk, "―")
        words = len(inner.split())
        sentence_like = inner[:1].isupper() and inner.rstrip()[-1:] in ".!?…" and words >= 2 and not _titled(inner)
        if att is None and sentence_like and quotes and quotes[-1].speaker and base + s - quotes[-1].end < 160 \
                and block_text[max(0, quotes[-1].end - base):s].strip()[-1:] in ".!?:…”\"":
            # “…,” he said. “A second sentence.”: said too, when the words between name that cue; else continued
            # (a new sentence only: not 'Pence said on CNN's “State of the Union.”')
            said = quotes[-1].cue if re.fullmatch(rf"[^.!?]*\b{re.escape(quotes[-1].cue)}\b[^.!?]*[.!?]?\s*",
                                                  block_text[quotes[-1].end - base:s]) else ""
            att = (quotes[-1].speaker, said or "continued")
        if att:
            quotes.append(Quote(block_text[s:e], att[0], att[1], "direct", base + s, base + e, inner))
        elif words >= 5 or _SENTENCE_END_IN.search(inner) or sentence_like:
            quotes.append(Quote(block_text[s:e], None, "", "direct", base + s, base + e, inner))
        elif inner.strip() and not _NO_LETTER.fullmatch(inner):  # “783499116076687360” (a tweet's id) is no term
            pm = _PORTRAYED_AFTER.match(block_text[e:e + 120])
            spk = pm.group("spk").strip() if pm and valid_speaker(pm.group("spk").strip()) else None
            terms.append(Term(inner, base + s + 1, base + e - 1, spk))
        k += 1
    return quotes, terms


def trim_to_rules(found: list[Quote], rules: list[Quote]) -> list[Quote]:
    """Learned quotes that run on over a quotation the rules attributed ('who said they had misgivings about
    Mrs. Clinton. "Making not voting …," Mr. Sharpton said'): each ends before that quotation when a sentence
    of its own is left (its text and content cut alike); the others as they are."""
    starts = sorted(r.start for r in rules if r.kind == "direct")
    for q in found:
        k = bisect.bisect_right(starts, q.start)
        if k == len(starts) or starts[k] >= q.end:
            continue
        cut = q.text[: starts[k] - q.start].rstrip()
        if len(cut) >= 12 and cut[-1:] in ".!?" and not any(c in cut for c in ("“", '"', "«", "''")) \
                and q.speaker and (q.speaker.lower() == "who" or valid_speaker(q.speaker, allow_documents=True)):
            q.text = cut
            q.content = cut if q.content else ""
            q.end = q.start + len(cut)
    return found


# What a reported clause holds that a noun phrase or a gerund does not: a subordinator in front, an auxiliary or a
# verb in the past tense
_CLAUSE_OPENING = re.compile(r"^\W*(?:to|that|whether|if|how|why|what|who|whom|when|where|which)\b", re.I)
_FINITE_IN = re.compile(r"\b(?:is|are|was|were|am|will|would|can|could|has|have|had|should|must|may|might|shall|does|"
                        r"did|do|\w+n[’']t)\b|\s\w{3,}ed\b", re.I)


# -- a story's reported clause ----------------------------------------------------------------------------------

_NOT_VERB_AFTER_TO = frozenset("her him them me us you it its the a an his their my your our one another all this that these "
                               "those".split())
# what a verb acts on before the clause it reports ('told him that …', 'asked Natásha whether …')
_OBJECT_FIRST = re.compile(r"^\W*(?:him|her|them|me|us|you|himself|herself|themselves|[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)\s+")
# a clause's subject: a pronoun, a name, 'the (his, her, …) noun'
_SUBJECT_FIRST = re.compile(r"^\W*(?:[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e|[Ii]t|[Yy]ou|[Tt]here|[Tt]his|[Tt]hat"
                            r"|[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*|(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Aa]n?)\s+[\w’'-]+)\b")
# verbs of going on doing ('continued to speak to another who wished to get away': what he did, not said)
_ASPECT_CUES = frozenset("continued began begun begin begins started start kept ceased stopped tried went".split())
_PASSIVE_BEFORE = frozenset("being was were been is be".split())


def reports_clause(q: Quote) -> bool:
    """Whether a story's reported speech or thought (an indirect quote) is a clause, as what is said or thought is:
    a quotation in it, a subordinator or an infinitive opening it (after who is told: 'told him that …', 'asked
    her to sleep in her room'), or a subject and a verb ('said he would come'). Not what someone did to someone
    or something: 'called Borís to her', 'was about to call him but changed her mind', 'gave her hand to the
    count, who could …', 'explaining his pet theory', 'continued to speak to another who …', nor what 'was being
    said there'."""
    t = q.text
    if q.kind != "indirect" or any(c in t for c in "“”\"‘«"):
        return True
    cue = (q.cue or "").lower().split()
    if len(cue) >= 2 and cue[-2] in _PASSIVE_BEFORE and not re.match(r"\W*(?:that|to)\b", t):
        return False
    m = _OBJECT_FIRST.match(t)
    for s in (t, t[m.end():]) if m else (t,):
        o = _CLAUSE_OPENING.match(s)
        if o is None:
            continue
        if o.group().lower().endswith("to"):
            after = s[o.end():].split()[:1]
            if not after or after[0].lower().strip(",.;:") in _NOT_VERB_AFTER_TO:
                continue  # 'called Borís to her': where, not what
            if cue and cue[-1] in _ASPECT_CUES:
                return False
        return True
    if any(w.endswith("ing") and len(w) > 4 for w in t.split()[1:3]):
        return True  # what was seen or heard: 'noticed cavalrymen leading their horses'
    subject = _SUBJECT_FIRST.match(t)
    return subject is not None and _FINITE_IN.search(" " + " ".join(t[subject.end():].split()[:3])) is not None


# Verbs that do something by saying it (stems): 'called them deplorables', 'blamed', 'disclosed', 'vowed'
SPEECH_ACTS = tuple("""call accus blam critici prais denounc attack condemn describ dub label brand disclos reveal
expos admit promis vow pledg threat demand propos recommend urg invit apolog thank welcom defend deni deny
dismiss reject mock ridicul slam blast hail laud question challeng complain protest boast brag joke joki
lament acknowledg announc argu claim assert insist confirm predict warn tweet post repl respond mention
explain express repeat speak spoke say interject ask tell told""".split())


def said_or_held(q: Quote) -> bool:
    """Whether a quote found outside news is something said, thought or held: a quotation, a cue that is a verb
    of saying or of a position ('stated', 'oppose'), or a cue followed by a clause ('offered to inform China …').
    'certain countries have been busy scapegoating others' (an adjective before a gerund) and 'organisations
    have issued a joint open letter with' (a verb and its object) report what someone did, not said."""
    if q.kind == "direct" or not q.cue:
        return True
    from reader.analysis.attribution_base import POSITION_CUES

    words = q.cue.lower().split()
    if any(CUE.fullmatch(w) or w in POSITION_CUES or w.startswith(SPEECH_ACTS) for w in words) \
            or not words[-1].isalpha():
        return True
    return bool(_CLAUSE_OPENING.match(q.text) or _FINITE_IN.search(q.text))


_ADVERB_CUES = frozenset("long also still even just never always again already soon ever once then now".split())
# adverbs that report: 'Clinton Campaign Reportedly Scrambling …' (the data marks them as cues)
_REPORTING_ADVERBS = frozenset("""reportedly allegedly purportedly reputedly supposedly apparently publicly privately
repeatedly openly""".split())
_ADDRESSEE_CUES = frozenset("told tells".split())  # ('asked about …', 'asked for quick action': the data's content)


def not_said(cue: str, content: str) -> bool:
    """Whether a learned reading names no words at all: its cue is an adverb ('he and many of his supporters have
    long regarded as racist': he (long)), or what follows 'told'/'asked' is only who was told and when ('The
    president told African-Americans this weekend he would …': 'African-Americans this weekend' is not what he
    said)."""
    words = cue.lower().split()
    if words and all(w in _ADVERB_CUES or (w.endswith("ly") and w not in _REPORTING_ADVERBS) for w in words):
        # unless a verb of saying opens the content: 'have long (complained that …)' is a reading
        first = content.split(maxsplit=1)[0].lower() if content.strip() else ""
        return not (CUE.fullmatch(first) or first.startswith(SPEECH_ACTS))
    if not words or words[-1] not in _ADDRESSEE_CUES or any(c in content for c in _OPEN + "”"):
        return False
    return len(content.split()) <= 6 and not _CLAUSE_OPENING.match(content) and not _FINITE_IN.search(content) \
        and not re.search(r"[.!?;:]", content)


# Who is told, before the clause that says what: 'told reporters the increase was …', 'tells CNN he will …'
_LISTENER = re.compile(r"^(?:him|her|them|me|us|you|reporters|journalists|supporters|voters|the\s+[\w’'-]+"
                       r"(?:\s+[A-Z][\w’'.-]*)*|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,4})\s+(?=\S)")
_TELL_CUES = frozenset("told tells tell telling".split())


def listener_before(cue: str, content: str) -> int:
    """Where what was said starts in a learned reading of 'told X …' with no 'that': after who was told ('told
    reporters the increase was “entirely justified”': the increase was …), as the attribution data marks it
    (the listener is never part of the content); 0 when nothing is to be cut."""
    words = cue.lower().split()
    if not words or words[-1] not in _TELL_CUES:
        return 0
    m = _LISTENER.match(content)
    if m is None:
        return 0
    rest = content[m.end():]
    subject = _SUBJECT_FIRST.match(rest)
    if subject is None or subject.end() == 0 or _FINITE_IN.search(" " + " ".join(rest[subject.end():].split()[:3])) \
            is None:
        return 0  # 'told the Biblical story of …', 'told Jeb Bush to quiet down': no clause after a listener
    return m.end()


# Nouns of saying after a possessive: 'Obama's remarks that …', 'Trump's claim that …' (speech); any other noun
# after a possessive is what someone did or holds: 'President Obama's decision to jump-start …', 'the president's
# eagerness to use …'
_SPEECH_NOUNS = frozenset("""remark remarks comment comments statement statements word words speech speeches
testimony claim claims assertion assertions announcement announcements warning warnings promise promises pledge
pledges call calls tweet tweets message messages response reply answer answers argument arguments insistence
suggestion criticism accusation accusations charge charges denial denials admission admissions interview letter
essay post posts question questions remarked account version description view views""".split())
_POSSESSIVE_END = re.compile(r"[’']s?$")


def possessive_position(speaker: str | None, cue: str) -> bool:
    """Whether a reported clause with a possessive source and a noun cue is a position, not a quote: 'President
    Obama's decision to jump-start dormant U.S. relations' (an act, which the data marks as an attribution) is
    listed with what people hold, not with what they said; 'Obama's remarks that …' stays a quote."""
    words = cue.lower().split()
    last_of_source = (speaker.split() or [""])[-1].lower() if speaker else ""
    if not words or not _POSSESSIVE_END.search(last_of_source) or _POSSESSIVE_END.sub("", last_of_source) in \
            _NOT_POSSESSORS:
        return False  # "he’s promoting": he is
    return not any(w in _SPEECH_NOUNS or w in _PASSIVE_BE or w.endswith("ed") or w.startswith(SPEECH_ACTS)
                   or CUE.fullmatch(w) for w in words)  # a verb or a noun of saying: 'Bornsten's (was ridiculed)'


_NOT_POSSESSORS = frozenset("he she it who that there what here where let".split())


_AS_CUE = re.compile(rf"^\s*(?:just\s+)?as\s+(?P<spk>[^,]{{2,120}}?)\s+{_ADVERBS}(?P<cue>{_CUE_RE})\s*(?:it\s*)?,\s*(?P<c>.+)$",
                     re.I | re.S)
_WORDS_OF = re.compile(r"^\s*in\s+the\s+words\s+of\s+(?P<spk>[^,]{2,120}),\s*(?P<c>.+)$", re.I | re.S)
_ACCORDING_PRE = re.compile(r"^\s*according\s+to\s+(?P<spk>[^,]{2,120}),\s*(?P<c>.+)$", re.I | re.S)
_ACCORDING_POST = re.compile(r"^(?P<c>.+?),\s*according\s+to\s+(?P<spk>[^,.;]{2,120})[.!?]?\s*$", re.I | re.S)
_PARTICIPLE_AFTER = re.compile(r"(?<=\w)\s+(?:released|published|conducted|issued|taken|commissioned|posted|"
                               r"filed|obtained|seen|reviewed|cited|carried\s+out)\b.*$", re.I | re.S)
_VIEW_OF = re.compile(r"\b(?:view|opinion|belief|conviction)\s+of\s+(?P<spk>[^,]{2,100}?)\s+that\s+(?P<c>.+)$",
                      re.I | re.S)
_WHEN_WHERE = re.compile(r"\s+(?:on|in|at|during|after|before|last|this|yesterday|today|earlier|later)\b", re.I)
_ZERO_THAT = {"said", "says", "say", "stated", "argued", "argues", "argue", "warned", "warns", "warn", "insist",
              "contend", "estimate", "predict", "suggest", "claimed", "claims",
              "insisted", "insists", "believe", "believes", "believed", "added", "adds", "noted", "notes",
              "estimated", "estimates", "predicted", "predicts", "suggested", "suggests", "concluded"}
_CLAUSE_START = re.compile(r"\s+(?:the|a|an|it|he|she|they|we|i|there|his|her|their|its|our|some|"
                           r"many|most|all|more|fewer|[A-Z][a-z]+|\d)\b")
_FINITE = re.compile(r"\b(?:is|are|was|were|will|would|could|can|had|has|have|may|might|must|should|did|does|do|"
                     r"\w+ed)\b")
_TOLD = {"told", "tells", "asked", "asks", "urged", "urges", "warned", "warns", "reminded", "assured", "informed"}


_FULL_NAME = re.compile(r"(?:[A-Z][\w’'.-]*\s+){1,3}[A-Z][\w’'-]+")
_ROLE = re.compile(r"(?:the|a|an|its|their)\s+(?:[\w’'-]+\s+){0,4}?[\w’'-]+", re.I)


def _according_apposition(sentence: str, a: int, b: int, spk: str) -> tuple[int, str]:
    """'According to the city controller, Tom Reyes, the plan …' (and 'According to Tom Reyes, the city
    controller, the plan …'): the words between the commas name the same source, which is the source with them;
    the content starts after them. Returns the content's start and the source."""
    comma = sentence.find(",", a, b)
    if comma < 0 or not sentence[comma + 1:b].strip():
        return a, spk
    part = sentence[a:comma]
    if _someone(spk) or spk.lower().split()[-1] in SPEAKER_NOUNS:
        if not _FULL_NAME.fullmatch(part):  # a role, then its holder's full name
            return a, spk
    elif _NAME_ONLY.match(spk) and len(spk.split()) >= 2:
        if not (_ROLE.fullmatch(part) and (_someone(part) or part.lower().split()[-1] in SPEAKER_NOUNS)):
            return a, spk  # a full name, then the role it holds
    else:
        return a, spk
    start = comma + 1
    while start < b and sentence[start].isspace():
        start += 1
    return start, f"{spk}, {part}"


def _content(sentence: str, start: int) -> tuple[int, int]:
    """Trim a reported clause to its words (no final full stop)."""
    end = len(sentence.rstrip())
    while end > start and sentence[end - 1] in ".;":
        end -= 1
    while start < end and sentence[start].isspace():
        start += 1
    return start, end


_THAT_NEXT = re.compile(r"\s*(?:,\s*)?(?:that\b|:)\s*")
_THAT_SOON = re.compile(r"\s+(?:[\w’'-]+\s+){1,5}?that\b\s*")
_SPACES = re.compile(r"\s*")
_NOBODY_END = re.compile(r"\b(?:be|been|being|is|are|was|were|to|it)\s*$", re.I)


def find_indirect(sentence: str, base: int) -> Quote | None:
    """Reported speech in one sentence, or None."""
    lowered = sentence.lower()
    cues = cue_matches(sentence, lowered)
    according = "according to" in lowered
    # which of the patterns below can match at all: plain substring tests, much cheaper than the
    # case-insensitive patterns themselves (this runs on every sentence)
    opening = lowered.lstrip()[:5]
    as_cue = opening.startswith(("as", "just"))
    words_of = opening.startswith("in") and "words" in lowered
    view_of = "of" in lowered and ("view" in lowered or "opinion" in lowered or "belief" in lowered
                                     or "conviction" in lowered)
    if not (cues or according or words_of or view_of):
        return None
    for pattern, cue, possible in ((_AS_CUE, None, as_cue), (_WORDS_OF, "in the words of", words_of)):
        if not possible:
            continue
        m = pattern.match(sentence)
        if m and valid_speaker(m.group("spk").strip()):
            a, b = _content(sentence, m.start("c"))
            return Quote(sentence[a:b], m.group("spk").strip(), cue or m.group("cue").lower(), "indirect",
                         base + a, base + b, sentence[a:b])
    for pattern in (_ACCORDING_PRE, _ACCORDING_POST) if according else ():
        m = pattern.match(sentence)
        if m and (valid_speaker(m.group("spk").strip()) or _someone(m.group("spk").strip())):
            a, b = _content(sentence, m.start("c"))
            b = min(b, m.end("c"))
            spk = _PARTICIPLE_AFTER.sub("", m.group("spk").strip())  # 'a … poll released last week': the poll
            if pattern is _ACCORDING_PRE:
                a, spk = _according_apposition(sentence, a, b, spk)
            return Quote(sentence[a:b], spk, "according to", "indirect", base + a, base + b, sentence[a:b])
    m = _VIEW_OF.search(sentence) if view_of else None
    if m and valid_speaker(m.group("spk").strip()):
        a, b = _content(sentence, m.start("c"))
        return Quote(sentence[a:b], m.group("spk").strip(), "view", "indirect", base + a, base + b, sentence[a:b])
    for m in cues:
        cue = m.group("cue").lower()
        head = sentence[: m.start()]
        tail = sentence[m.end():]
        t = _THAT_NEXT.match(tail)
        if t is None:  # "told reporters that", "said on Monday that", "said in a statement that"
            t = _THAT_SOON.match(tail)
            if t is not None and not (cue in _TOLD or _WHEN_WHERE.match(tail)):
                t = None
        if t is None and cue in _ZERO_THAT:  # "officials say the fire was set": a clause follows at once
            z = _CLAUSE_START.match(tail)
            if z and len(tail.split()) >= 4 and _FINITE.search(" ".join(tail.split()[:6])):
                t = _SPACES.match(tail)
        if t is None:
            continue
        # (asked after the tail: either skips the cue)
        if _NOBODY_END.search(_AUX_TAIL.sub("", " " + head)):
            continue  # "it should be noted that", "to say that": nobody is speaking
        a = m.end() + t.end()
        if a >= len(sentence) or sentence[a] in _OPEN:
            return None  # the direct-quote pass owns "X said that “…”"
        spk = clean_speaker(head)
        if not valid_speaker(spk):
            continue
        a, b = _content(sentence, a)
        if b - a < 12:
            continue
        return Quote(sentence[a:b], spk, cue, "indirect", base + a, base + b, sentence[a:b])
    return None


_TITLES = re.compile(
    r"^(?:(?:the|many|some|several|certain|all|most|both|various|a|an|other)\s+)*"
    r"(?:(?:general\s+secretary|secretary[- ]general|prime\s+minister|president|premier|chancellor|minister|"
    r"mr\.?|mrs\.?|ms\.?|dr\.?|prof\.?|professor|sir|lord|lady|king|queen|prince|princess|count|countess|"
    r"chairman|senator|governor|mayor|comrade|general|colonel|captain)\s+)*",
    re.I,
)


_WHERE_FROM = re.compile(
    r"\s+(?:from|around|across|in|of)\s+(?:many|various|several|other|all|the|different)\s+"
    r"(?:countries|nations|world|region|regions|parts of the world)(?:\s+and\s+regions)?$",
    re.I,
)


def speaker_group(speaker: str | None) -> str:
    """What the panel groups by: 'General Secretary Xi Jinping' -> 'Xi Jinping';
    'Political parties and their leaders from many countries' -> 'Political
    parties and their leaders'."""
    if not speaker:
        return NO_SPEAKER
    s = re.sub(r"^(?:and|but|or|as|while|because)\s+", "", speaker.strip(), flags=re.I)
    s = _TITLES.sub("", s).strip() or s
    s = _WHERE_FROM.sub("", s).strip() or s
    return s[0].upper() + s[1:] if s[:1].islower() else s
