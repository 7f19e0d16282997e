"""One person, one name: who each quote's speaker is.

A speaker as written ("he", "Xi", "General Secretary Xi Jinping", "Trump")
becomes a *person*, the name the panel groups by:

- names are gathered from the whole text (runs of capitalised words) and
  joined when one is part of another ("Xi" and "Xi Jinping"; "Trump" and
  "Donald Trump") and only one fuller name holds it; an acronym joins the
  one name whose initials it is ("IMF", "International Monetary Fund");
- the person is shown by the fullest *name*: titles, ranks and job
  descriptions before it and a party label after it are left out
  ("Republican vice-presidential nominee Gov. Mike Pence (R-IN)", "New
  Jersey Gov. Chris Christie" and "IMF chief economist Maury Obstfeld" are
  "Mike Pence", "Chris Christie", "Maury Obstfeld"); a name the text writes
  in capitals (a transcript's "WALLACE:") is shown as a name ("Wallace");
- a pronoun ("he", "she") stands for the speaker of the quote just before
  it when that person agrees in gender and nobody else is named between,
  else for the nearest named person before it whose gender agrees; the
  gender of a name is read from the pronouns that follow its mentions
  ("Anna Pávlovna ... she") and from titles (Mrs, Prince). Places ("in
  Moscow"), peoples and families ("the French", "the Rostóvs") are never
  what a pronoun stands for;
- "who" stands for the name just before it ("Marc Morial, the head of the
  League, who said ...");
- a title alone ("the count", "the officer") is the one person the text
  gives that title, or else the title itself ("The count");
- a description set beside a name is that person ("McConnell, now the
  Senate majority leader, who said"; "The daughter of Aung San, ..., Suu
  Kyi"); a mention the attribution ran on into an adverb, a verb or an aside
  is the person named in it ("Cruz exhorted Republicans", "Mr. Obama
  often"); a name cut short is the one fuller name it begins ("Patrick J");
  a surname that is also a title is a surname after Mr. or Dr. ("Mr. King");
  a surname whose other holders are named only in passing and never quoted
  is the one quoted and named first ("Cruz": Ted Cruz, not his father);
- a quote that is a whole sentence ending at ", which X championed" keeps
  only the noun phrase "which" stands for;
- a pronoun with nobody to stand for, and "they", "we", "you", are not a
  person: such quotes go under UNNAMED; quotations nobody is said to have
  said go under NO_SPEAKER.

Before that, a speaker the attribution model cut or misplaced is mended from
the text around it: a name cut short ("British Prime Minister Theresa" before
"May said"; "Monetary Fund" after "International") is made whole, and an
opening adverb or phrase ("Overall, the fund predicted"; "Still, ...";
"Speaking to veterans, Trump said") gives way to the subject after it.

One pass over the text's capitalised words: linear in the text's size.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from reader.analysis.places import PLACES
from reader.analysis.quotes import CUE, Quote, reports_clause, said_or_held, speaker_group, valid_speaker
from reader.analysis.sources import NOUNS_IN_LY, SourceRun, last_look, relative_mentions, repair_sources, unpossess
from reader.analysis.sources import PRONOUNS as SOURCE_PRONOUNS
from reader.analysis.sources import _head_ok as source_head_ok
from reader.analysis.sources import _heads as source_heads
from reader.analysis.sources import _np_at as source_np_at
from reader.speaker_labels import NO_SPEAKER, UNNAMED, is_document

__all__ = ["NO_SPEAKER", "UNNAMED", "People", "assign_people", "core_name", "mend_speaker", "name_words"]

AUTHOR = "The author"
MALE = frozenset("he him his himself".split())
FEMALE = frozenset("she her hers herself".split())
_MALE_TITLES = frozenset("mr mr. monsieur sir lord prince count king duke baron emperor father brother uncle".split())
_FEMALE_TITLES = frozenset("mrs mrs. ms ms. miss madame mme lady princess countess queen duchess baroness empress "
                           "mother sister aunt".split())
TITLES = frozenset(
    """mr mrs ms miss dr prof professor sir lord lady king queen prince princess count countess duke duchess baron
    baroness emperor empress madame monsieur mme mademoiselle general colonel captain major lieutenant sergeant
    admiral private corporal ensign president vice senator sen rep representative gov governor mayor secretary
    minister prime chancellor premier chairman chairwoman judge justice pope bishop father mother sister brother
    uncle aunt comrade speaker leader former the gen col capt lt sgt adm rev hon state attorney chief first
    director""".split()
)
# Words of a job description or affiliation before a name ("IMF chief economist", "Republican nominee",
# "Trump campaign spokesman"): a name starts after the last of them.
_ROLES = TITLES | frozenset(
    """nominee candidate spokesman spokeswoman spokesperson economist adviser advisor aide strategist manager
    chair chairperson member moderator correspondent reporter analyst officer official commissioner ambassador
    democrat democrats republican republicans democratic gop lawmaker congressman congresswoman councilman
    councilwoman counsel author writer editor founder ceo executive host anchor pollster""".split()
)
# Offices held in a place or body ("ambassador to Britain", "governor of New York"): a name after the place is
# the holder's, unlike after "a spokesman for" or "an aide to", where the name is who they speak for.
_OFFICES = frozenset("""ambassador envoy minister secretary governor mayor director head chief president chairman
chairwoman chair commissioner premier consul attorney""".split())
# Capitalised words that are not names at the start of a name run.
_NOT_NAME = frozenset(
    """the a an and but or so if when while then this that these those he she it they we i you his her their our
    my your its there here what who why how where in on at by for from with of to as after before since during
    yes no not all some many most every each one mr mrs ms dr st however meanwhile still yet now also later earlier
    today yesterday tomorrow tonight instead perhaps maybe even only just asked speaking according said says
    unlike like which whom whose whereas although though because i’ll i’m i’ve i’d i'll i'm i've i'd""".split()
)
# months before a name are a date's ('In December Natásha …'); not May, June, August: given names too
_MONTHS = frozenset("january february march april july september october november december".split())
_ARTICLES = frozenset("the a an".split())  # before a people, a calling, a thing ("a Frenchman"), not a name
_PREPOSITIONS = frozenset("of for at with from in on to by".split())
_COURTESY = frozenset("mr mrs ms miss dr sir madame monsieur mme mademoiselle prof".split())
_PARTICLES = frozenset("de von van la le du al bin".split())
_SP = r"[^\S\n]+"  # spaces, no-break spaces included, within a line
_NAME_WORD = r"(?:[A-Z][\w’'-]*\w|[A-Z]\.|(?:Mr|Mrs|Ms|Dr|St|Gen|Gov|Sen|Rep|Lt|Col|Capt|Prof)\.)"  # a name's word, then
_PARTICLE = rf"(?:(?:de|von|van|la|le|du|al|bin){_SP})?"
# '(?=[A-Z])(?:{_NAME_WORD}{_SP}{_PARTICLE})*[A-Z][\w’'-]*\w' (words of a name, then its last word), with the first
# capital taken first: the engine looks only at capitals (a class first; a lookahead first made it try a match at
# every capital it found, 5x faster than at every position; this way ~40% fewer instructions than that), and the
# rest is the first word after its capital, then the rest of the name, or else the last word after its capital, in
# the order the pattern tries them (the same matches)
_NAME_AFTER_CAPITAL = (r"(?:[\w’'-]*\w|\.|(?:(?<=M)(?:r|rs|s)|(?<=D)r|(?<=S)(?:t|en)|(?<=G)(?:en|ov)|(?<=R)ep|(?<=L)t|"
                       r"(?<=C)(?:ol|apt)|(?<=P)rof)\.)")
_NAME = re.compile(rf"[A-Z](?:{_NAME_AFTER_CAPITAL}{_SP}{_PARTICLE}(?:{_NAME_WORD}{_SP}{_PARTICLE})*[A-Z][\w’'-]*\w"
                   rf"|[\w’'-]*\w)")
_WORD = re.compile(r"[A-Za-z]+")
_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z][a-z’'-]*\b")
# a sentence's start: after its stop, after a quotation that ends one ('…?” Presently he added:'), a line's start
_SENTENCE_START = re.compile(r"(?:^|[.!?:;][”\"’)]?\s+|\n|[“\"‘(]\s*)(?=\w)")
_PARENS = re.compile(r"\s*\([^()]*\)")
# words before a mention that make it a place: "in Moscow", "near Smolensk"
_LOCATIVE = frozenset("in into near inside outside through throughout across toward towards within".split())
_NEAR_PLACE = frozenset("at from of".split())  # before places often, before people now and then
_WORD_BEFORE = re.compile(r"([\w’'-]+)[^\S\n]*$")
#: the white space within a line: what [^\S\n] matches (every character str.isspace() holds but the line break)
SPACE_IN_LINE = "\t\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
    "\u2028\u2029\u202f\u205f\u3000"


def word_before(text: str, pos: int, endpos: int) -> str:
    """``_WORD_BEFORE.search(text, pos, endpos)``'s word, or "" for none: the run of word characters, ’, ' or -
    that ends text[pos:endpos] but for white space within the line, read back from its end (the pattern, searched,
    is tried at every place of the stretch, and each word in it is matched and given back character by character:
    ~26,000 instructions a name on War and Peace; this way ~2,000). (A line break at the very end is passed over:
    ``$`` matches before it too.)"""
    before = text[pos:endpos]
    if before.endswith("\n"):
        before = before[:-1]
    before = before.rstrip(SPACE_IN_LINE)
    k = len(before)
    while k and (before[k - 1].isalnum() or before[k - 1] in "_’'-"):
        k -= 1
    return before[k:]


# "comment from Clinton", "a letter from Warren": "from" after what a person says or writes names no place
_SAID_FROM = re.compile(r"\b(?:comments?|statements?|remarks|letters?|word|responses?|replies|reply|calls?|messages?|"
                        r"e-?mails?|testimony|questions?|interviews?|criticism|support|notes?|tweets?|speech|"
                        r"endorsements?|pressure|apology)[^\S\n]+(?:from|of)[^\S\n]*$", re.I)
# a noun before a full name that says a woman or a man: "the first lady, Michelle Obama", "her husband, Bill Clinton"
_WOMAN_NOUNS = frozenset("lady wife mother daughter sister woman actress widow girlfriend grandmother niece".split())
_MAN_NOUNS = frozenset("husband son father brother man actor widower boyfriend grandfather nephew".split())
_KIN_BEFORE = re.compile(rf"\b({'|'.join(sorted(_WOMAN_NOUNS | _MAN_NOUNS))}),?[^\S\n]+$", re.I)


def _words(name: str) -> list[str]:
    words = [w.strip(",;:") for w in _PARENS.sub("", name).split()]
    words = [w[:-1] if w.endswith(".") and len(w) > 2 and w[-2].islower() and w[:-1].lower() not in TITLES
             else w for w in words]  # "Smith." at a sentence end, not "H." or "Gov."
    words = [w[:-2] if w.endswith(("’s", "'s")) else w for w in words]
    return [w for w in words if w]


def name_words(name: str) -> list[str]:
    """The words of the name in a source, as written (see _name_words)."""
    return list(_name_words(name))


@functools.lru_cache(maxsize=1 << 16)
def _name_words(name: str) -> tuple[str, ...]:
    """The words of the name in a source, as written: the run of capitalised words at its end, from after the
    last title or job word ('IMF chief economist Maury Obstfeld' -> Maury Obstfeld; 'New Jersey Gov. Chris
    Christie' -> Chris Christie); a source with no such run loses only its leading titles ('the senator' ->
    nothing, 'Senate leaders' -> Senate leaders)."""
    words = _words(name)
    k = len(words)
    while k > 0 and (words[k - 1][:1].isupper() or (words[k - 1] in _PARTICLES and k < len(words))
                     or (words[k - 1] in _LOWER_IN_NAMES and k < len(words) and k >= 2 and (
                         words[k - 2][:1].isupper()  # "Bank of America", "Committee for a Responsible ..."
                         or (words[k - 2] in _LOWER_IN_NAMES and k >= 3 and words[k - 3][:1].isupper())))):
        k -= 1
    run = words[k:]
    j = k - 1 if k > 0 and words[k - 1].lower() not in ("the", "a", "an") else k - 2
    if j >= 0 and words[j].lower() in _PREPOSITIONS:
        if j >= 1 and words[j - 1].lower() in _OFFICES and 3 <= len(run) <= 4 \
                and run[0].lower().strip(".") not in TITLES and not any(w.lower() in _INSTITUTIONS for w in run) \
                and all(w[1:].replace("-", "").isalpha() and w[1:].islower() for w in run[-2:]):
            return tuple(run[-2:])  # "China's ambassador to Britain Liu Xiaming": the office's place, then its holder
        run = []  # "the chair of the DNC", "a spokesman for Clinton": the name is not who speaks
    inst = next((i for i, w in enumerate(run) if w[:1].isupper() and w.lower() in _INSTITUTIONS), -1)
    if inst >= 0 and not any(w.lower().strip(".") in _ROLES for w in run[inst + 1:-1]):
        # "The Republican National Committee", "Department of Veterans Affairs": the whole name of a body
        while run and (run[0].lower() in _LOWER_IN_NAMES or run[0].lower() in ("former", "nonpartisan")):
            run.pop(0)
        return tuple(run)
    segments: list[list[str]] = [[]]  # "Gov. Earl Ray Tomblin | of | West Virginia", "Secretary | of | State John Kerry"
    for w in run if run and run[-1][:1].isupper() else []:
        if w[:1].isupper() or w in _PARTICLES:
            segments[-1].append(w)
        elif segments[-1]:
            segments.append([])
    for seg in segments:
        if len(seg) >= 2 and seg[-2].lower().strip(".") in _COURTESY:
            return tuple(seg[-1:])  # "Mr. King", "Dr. Major": the surname, though it is also a title
        last_role = max((i for i, w in enumerate(seg) if w.lower().strip(".") in _ROLES), default=-1)
        if last_role + 1 < len(seg):
            return tuple(seg[last_role + 1:])
    rest = list(words)
    while rest and rest[0].lower().strip(".") in TITLES:
        rest.pop(0)
    if rest and rest[0].lower() in _LOWER_IN_NAMES:  # "The chairman of the Conservative Party": a description
        return tuple(words[1:] if words[0].lower() in ("the", "a", "an") else words)
    return tuple(rest)


@functools.lru_cache(maxsize=1 << 16)
def _key(name: str) -> tuple[str, ...]:
    """The words of a name without titles: 'General Secretary Xi Jinping' -> ('xi', 'jinping')."""
    from notes_db.people import fold_marks  # one name however its apostrophes are typed ("O’Neill", "O'Neill")

    return tuple(k for w in _name_words(name) if (k := fold_marks(w).lower().strip(".")))


@dataclass
class Person:
    key: tuple[str, ...]
    display: str
    male: int = 0
    female: int = 0
    mentions: list[int] = field(default_factory=list)
    titles: set[str] = field(default_factory=set)
    placed: float = 0  # mentions after "in", "near" (1) or "at", "from", "of" (0.5): a place
    the: int = 0  # mentions after "the" or "a": a people, a family, a thing ("the French", "the Rostóvs")
    count: int = 0  # mentions, with those of the shorter names joined to this one
    titled: int = 0  # mentions with a title ("Prince Andrew")
    headline: int = 0  # mentions in a headline written in capitals ('Gold Star Mom Corners Obama')
    weak_male: int = 0  # "he" after a mention, with another name or a possessive between: may be another's
    weak_female: int = 0
    place: bool = False  # a country, a state, a continent ('India', 'Ohio'), no person's name in this text

    @property
    def called_he_or_she(self) -> bool:
        """A person's name: a gender is read, or a he or she follows it at all (if only with another name between)."""
        return self.gender is not None or self.weak_male + self.weak_female > 0

    def unlike(self, gender: str) -> bool:
        """Whether what little is read of this person's gender (weak evidence) is the other one."""
        return self.weak_male > self.weak_female if gender == "f" else self.weak_female > self.weak_male

    @property
    def gender(self) -> str | None:
        if self.male > 2 * self.female:
            return "m"
        if self.female > 2 * self.male:
            return "f"
        return None

    @property
    def role_word(self) -> bool:
        """A lone job or title word ('Republicans', 'Chairman'), not a surname that is also one: a name the text
        writes after Mr., Mrs., Dr. ('Mr. King', 'Dr. Major') is a surname."""
        return len(self.key) == 1 and self.key[0] in _ROLES and not self.titles & _COURTESY

    @property
    def not_a_person(self) -> bool:
        """A place, a people, a day, a role word ('Republicans'), a number ('CHAPTER XVI') or a trademark ('Project
        Gutenberg-tm'): what 'he' or 'she' never stands for."""
        n = max(self.count, len(self.mentions))
        return self.place or self.key in _NOT_ANTECEDENTS or self.key[-1:] in _NOT_ANTECEDENTS or self.placed >= 0.15 * n \
            or all(w in _TIME_WORDS for w in self.key) or self.role_word \
            or self.key[-1] in _INSTITUTIONS or (len(self.key) == 1 and _ROMAN.fullmatch(self.display) is not None) \
            or self.key[-1].endswith(("-tm", "™")) \
            or (2 * self.the >= n and not self.display.isupper())  # "the Russians", not "the IMF"


@dataclass(slots=True)
class _Mention:
    """What a run of capitalised words says wherever it is written: the name in it and what its words tell."""

    key: tuple[str, ...]
    display: str
    titles: set[str]
    male: int  # 3 after a man's title ("Prince"), 0 otherwise
    female: int
    dropped: str  # the last word dropped before the name ("in" of "In Moscow"), lower case, or ""
    skip_alone: bool  # a lone word that is no name after a sentence start
    placeable: bool  # not a possessive ("Natásha’s"): the word before it may make it a place
    person: Person | None = None  # who it names, once it is first counted


_UNREAD = _Mention((), "", set(), 0, 0, "", False, False)  # not read yet


def _first_kept(group: str, lower_words: frozenset[str]) -> bool:
    """Whether the run's first word is kept as a name's first word but is written in lower case elsewhere (so
    at a sentence start it is not a name: 'Later')."""
    first = group.split(None, 1)[0]
    low = first.lower()
    return low in lower_words and first.strip(".,").lower() not in _NOT_NAME


def _read_mention(group: str, at_start: bool) -> _Mention | None:
    words = group.split()
    dropped: list[str] = []
    while words and (words[0].strip(".,").lower() in _NOT_NAME or (len(words) > 1 and words[0].lower() in _MONTHS)):
        dropped.append(words.pop(0))  # ('December Natásha': a date, then the name)
    if at_start and words:
        dropped.append(words.pop(0))
    for k, w in enumerate(words):  # "Natásha’s Italian": the name ends at the possessive
        if w.endswith(("’s", "'s")) and k + 1 < len(words):
            words = words[:k + 1]
            break
    if not words:
        return None
    name = " ".join(words)
    shown = _name_words(name)
    courtesy = dropped[-1].strip(".,").lower() if dropped else ""
    if not shown and len(words) == 1 and courtesy in _COURTESY:
        shown = (words[0],)  # "Mr. King", "Dr. Major": a surname that is also a title
    else:
        courtesy = ""
    from notes_db.people import fold_marks  # (as in _key)

    key = tuple(low for w in shown if (low := fold_marks(w).lower().strip(".")))
    if not key or all(w in _NOT_NAME for w in key):
        return None
    display = " ".join(shown) or name
    titles = {t.strip(".,").lower() for t in words[:len(words) - len(shown)]} & TITLES - {"the", "former", "first"}
    if courtesy:
        titles.add(courtesy)
    title = group.split(None, 1)[0].strip(".,").lower()
    return _Mention(key, display, titles, 3 * (title in _MALE_TITLES), 3 * (title in _FEMALE_TITLES),
                    dropped[-1].lower() if dropped else "", len(key) == 1 and name.lower() in _NOT_NAME,
                    not name.endswith(("’s", "'s")))


def _lower_words(text: str) -> frozenset[str]:
    """The words the text writes in lower case. Read token by token: a word never spans white space, and the
    distinct tokens are far fewer than the text's words."""
    found: set[str] = set()
    find = _LOWER_WORD.findall
    for token in set(text.split()):
        if token.isalpha() and token.islower() and token.isascii():
            found.add(token)
        else:
            found.update(find(token))
    return frozenset(found)


# The first "he" or "she" (him, his, her, ...) among the next twelve words, before the sentence ends
_PRONOUN_AHEAD = re.compile(r"(?:[^A-Za-z.!?]*[A-Za-z]+(?![A-Za-z])){0,11}?[^A-Za-z.!?]*"
                            r"(?<![A-Za-z])(he|him|his|himself|she|her|hers|herself)(?![A-Za-z])", re.I | re.A)
# one of those pronouns as a whole run of letters a-z, in either case: its first letter a class of its own, so re
# looks only at an h or an s (a pattern that opens with a look behind, or ignores case, is tried at every character)
_PRONOUN_RUN = re.compile(r"([hHsS](?<![A-Za-z][hHsS])(?:(?<=[hH])(?:[eE](?:[rR](?:[sS](?:[eE][lL][fF])?)?)?|"
                           r"[iI](?:[mM](?:[sS][eE][lL][fF])?|[sS]))|(?<=[sS])[hH][eE]))(?![A-Za-z])")
_LETTER_RUN = re.compile(r"[A-Za-z]+")


def pronoun_ahead(text: str, pos: int, endpos: int) -> re.Match[str] | None:
    """``_PRONOUN_AHEAD.match(text, pos, endpos)`` (group 1 the pronoun), found as the first pronoun that is a whole
    run of letters from pos on, then asked whether a sentence ends before it or more than eleven runs of letters
    come first (then none is: a later one would have them before it too). (The lazy repeat of the pattern saves its
    place at every word: War and Peace's megabyte, 16,500 names, ~480 M instructions; this way ~200 M.)"""
    m = _PRONOUN_RUN.search(text, pos, endpos)
    if m is None:
        return None
    before = text[pos:m.start()]
    if "." in before or "!" in before or "?" in before or (len(before) > 22 and len(_LETTER_RUN.findall(before)) > 11):
        return None  # (twelve runs of letters and the eleven gaps between them need 23 characters)
    return m


#: How far before a fuller name is first written a shorter one may already be that person's ('Clinton' in a
#: headline, 'Hillary Clinton' in the body); earlier mentions, three or more, are someone else's.
_INTRODUCED_WITHIN = 20_000


_NAME_BETWEEN = re.compile(r"(?<![.!?]\s)\b[A-Z][a-z]")  # another name before the pronoun: it may be that one's
_OF_BETWEEN = re.compile(r"[^\S\n]+of[^\S\n]+")
# a number in Roman numerals ('CHAPTER XVI', 'BOOK VII'), with a unit or a ten in it (not 'MD', 'DC')
_ROMAN = re.compile(r"(?=[MDCLXVI]*[XVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


class People:
    """The people named in a text, each mention placed at its offset."""

    def __init__(self, text: str, speakers: set[tuple[str, ...]] | None = None,
                 lower_words: frozenset[str] | None = None, sources: Iterable[str] = (), finish: bool = True) -> None:
        self.speakers = speakers or set()
        self.later: dict[tuple[str, ...], tuple[Person, int]] = {}  # a name another's from an offset on
        self.renamed: dict[tuple[str, ...], tuple[str, ...]] = {}  # a name read with a place before it -> the name
        self.found_at = -1  # where ``before`` found the person it returned
        self._cut: dict[str, Person | None] = {}  # cut_name's answers
        self._described: list[tuple[int, str]] | None = None  # 'the prince', 'the old countess': where, the words
        self._described_at: list[int] = []
        self._roles: list[tuple[int, str]] | None = None  # 'the lad', 'the doctor' (a story's): where, the words
        self._roles_at: list[int] = []
        self.text = text
        self._lowered: str | None = None  # the text in lower case, once needed
        self._q_starts: list[int] = []
        self._q_ends: list[int] = []
        self._r_starts: list[int] = []
        self._r_ends: list[int] = []
        self.people: dict[tuple[str, ...], Person] = {}
        self.positions: list[int] = []
        self.at: list[Person] = []
        lower_words = self.lower_words = _lower_words(text) if lower_words is None else lower_words
        # each distinct run of capitalised words, read once: [its first word may be no name (see below), then
        # what it says where that word is a name, and where it is not]
        groups: dict[str, tuple[bool, list[_Mention | None]]] = {}
        people = self.people
        positions = self.positions
        at = self.at
        sentence_start = _SENTENCE_START.search
        # line start -> whether the line is a title written in capitals (read for lines with a run of two or more
        # capitalised words: a title has one)
        headlines: dict[int, bool] = {}
        self.headlines = headlines
        for m in _NAME.finditer(text):
            group = m.group()
            start = m.start()
            headline = False
            if " " in group:
                line = text.rfind("\n", max(0, start - 400), start) + 1
                if line or start <= 400:  # (no line start near: a long line, no title)
                    cached = headlines.get(line)
                    if cached is None:
                        cached = headlines[line] = title_case_line(text, start)
                    headline = cached
                if headline:
                    group = _cut_headline_verb(group, lower_words)
            entry = groups.get(group)
            if entry is None:
                entry = groups[group] = (_first_kept(group, lower_words), [_UNREAD, _UNREAD])
            # "Later Xi said": a capitalised first word of a sentence that the text also writes in lower case
            slot = 1 if entry[0] and sentence_start(text, start - 3 if start > 3 else 0, start + 1) else 0
            mention = entry[1][slot]
            if mention is _UNREAD:
                mention = entry[1][slot] = _read_mention(group, slot == 1)
            if mention is None:
                continue
            if mention.skip_alone and start > 0 and text[max(0, start - 2):start].strip() in (".", "“", '"', ""):
                continue
            p = mention.person
            if p is None:
                p = people.get(mention.key)
                if p is None:
                    p = people[mention.key] = Person(mention.key, mention.display)
                elif p.display.isupper() and not mention.display.isupper():
                    p.display = mention.display  # "Wallace" as the text writes it elsewhere, not "WALLACE:"
                p.titles |= mention.titles
                mention.person = p
            if mention.titles:
                p.titled += 1
            p.male += mention.male
            p.female += mention.female
            if mention.placeable and not text.startswith(("’s", "'s"), start + len(group)):
                if mention.dropped:
                    w_before = mention.dropped
                else:
                    w_before = word_before(text, start - 20 if start > 20 else 0, start).lower()
                # "in West Virginia"; "at", "from", "of" only for one-word names ("of Prince Nicholas Bolkónski")
                if w_before in _LOCATIVE:
                    p.placed += 1
                elif w_before in _NEAR_PLACE and len(mention.key) == 1 \
                        and not _SAID_FROM.search(text, start - 40 if start > 40 else 0, start):
                    p.placed += 0.5
                elif w_before in _ARTICLES:
                    p.the += 1
                if len(mention.key) >= 2 and (kin := _KIN_BEFORE.search(text, start - 30 if start > 30 else 0, start)):
                    # "the first lady, Michelle Obama", "his wife Hélène Kurágina": a woman (or a man)
                    if kin.group(1).lower() in _WOMAN_NOUNS:
                        p.female += 3
                    else:
                        p.male += 3
            end = start + len(group)
            pronoun = pronoun_ahead(text, end, end + 80)  # the first he or she in this sentence
            if pronoun is not None:
                # after a possessive ('Warren’s grilling he'), or with another name between ('Warren told Stumpf,
                # after he'), the pronoun may well be someone else's: weak evidence, only against a gender
                between = text[end:pronoun.start(1)]
                # (nor is the one in 'Visions of his father' the visions: 'of' then the pronoun)
                weak = group.endswith(("’s", "'s")) or (not between.islower() and _NAME_BETWEEN.search(between) is not None) \
                    or _OF_BETWEEN.fullmatch(between) is not None
                if pronoun.group(1).lower() in MALE:
                    if weak:
                        p.weak_male += 1
                    else:
                        p.male += 1
                elif weak:
                    p.weak_female += 1
                else:
                    p.female += 1
            p.mentions.append(start)
            p.count += 1
            p.headline += headline
            positions.append(start)
            at.append(p)
        if finish:
            self.finish(speakers, sources)

    def finish(self, speakers: set[tuple[str, ...]] | None, sources: Iterable[str]) -> None:
        """What the quotes' sources tell of the people read from the text (``People(..., finish=False)``
        reads the text alone, before the quotes are found: ``read_text``). Once."""
        self.speakers = speakers or set()
        self._split_quoted_names(sources)
        self._drop_place_first()
        self._mark_places()
        self._merge()

    def _mark_places(self) -> None:
        """A country, a state, a continent or a capital ('India', 'Ohio', 'Moscow': places.PLACES) is no one a
        pronoun stands for, unless the text names a person with that word: a longer name read as someone's, by a
        title or a he or she after it ('Rep. Jim Jordan', 'Paris Hilton'), or ending in it after a word the text
        never writes in lower case ('Kerry Washington', 'Jeremy Paris'; not 'Southern California', 'New Mexico')."""
        held: set[tuple[str, ...]] = set()
        for key, p in self.people.items():
            if len(key) < 2 or key in PLACES:
                continue
            if p.titled or p.called_he_or_she:
                held.update(key[i:j] for i in range(len(key)) for j in range(i + 1, min(len(key), i + 3) + 1))
            elif key[0] not in self.lower_words and key[:1] not in PLACES and key[0] not in _ROLES:
                held.update(key[j:] for j in range(1, len(key)))
        for key, p in self.people.items():
            if key in PLACES and key not in held:
                p.place = True

    def _split_quoted_names(self, sources: Iterable[str]) -> None:
        """'Britain Liu Xiaming' read as one run of capitals, where a quote's source gives the name as 'Liu
        Xiaming' ('China's ambassador to Britain Liu Xiaming said'): the mentions are the quoted name's."""
        for source in sources:
            key = _key(core_name(source))
            runs = _NAME.findall(source)
            if not 2 <= len(key) <= 3 or key in self.people or not runs:
                continue
            run = tuple(k for w in _words(runs[-1]) if (k := w.lower().strip(".")))
            p = self.people.get(run)
            if p is None or len(run) <= len(key) or run[-len(key):] != key:
                continue
            del self.people[run]
            p.key = key
            p.display = " ".join(p.display.split()[len(run) - len(key):]) or p.display
            self.people[key] = p

    def _drop_place_first(self) -> None:
        """'the UK Liu Xiaoming' ('China's ambassador to the UK Liu Xiaoming told reporters'), read as one run of
        capitals, where the text writes the first word alone as a place or a people ('the UK', three times or
        more): the name is the rest, when the rest is a name of two words or more written nowhere else alone."""
        starts: dict[str, int] = {}  # a word -> how many longer names it opens ('Republican National Committee')
        for key in self.people:
            if len(key) >= 2:
                starts[key[0]] = starts.get(key[0], 0) + 1
        for key, p in list(self.people.items()):
            rest = key[1:]
            if len(rest) < 2 or rest in self.people or key[0] in _LOWER_IN_NAMES or rest[0] in _LOWER_IN_NAMES \
                    or rest[0] in _PARTICLES or rest[-1] in _INSTITUTIONS \
                    or starts.get(key[0], 0) > 1 or not self._not_a_name(key[:1]):
                continue
            del self.people[key]
            p.key = rest
            p.display = " ".join(p.display.split()[1:]) or p.display
            p.the = 0
            self.people[rest] = p
            self.renamed[key] = rest

    def _merge(self) -> None:
        """'Xi' and 'Jinping' belong to 'Xi Jinping' when only one fuller name holds them.
        A fuller name counts when it is a person's: someone quoted, or someone
        referred to as he or she ('Xi Jinping', not 'Xi Jinping Thought').
        An acronym belongs to the one name whose initials it is ('IMF')."""
        fuller: dict[tuple[str, ...], Person] = {}
        longer = sorted(self.people.values(), key=lambda p: -len(p.key))
        by_part: dict[tuple[str, ...], list[Person]] = {}  # each contiguous part of a name -> the names holding it
        by_initials: dict[str, list[Person]] = {}
        for p in longer:
            n = len(p.key)
            for i in range(n):
                for j in range(i + 1, min(n, i + 4) + 1):
                    if j - i < n:
                        by_part.setdefault(p.key[i:j], []).append(p)
            if n >= 3 and 2 <= len(bare := tuple(w for w in p.key if len(w) > 1)) < n and bare[0] == p.key[0]:
                by_part.setdefault(bare, []).append(p)  # "Loretta Lynch" is "Loretta E. Lynch" (a middle initial)
            if 2 <= n <= 6:
                initials = "".join(w[0] for w in p.key if w not in _LOWER_IN_NAMES)
                if len(initials) >= 2:
                    by_initials.setdefault(initials, []).append(p)
        def root(q: Person) -> Person:
            while (r := fuller.get(q.key)) is not None and r is not q:
                q = r
            return q

        for p in longer:
            if p.not_a_person and (body := self._same_body(p, by_part)) is not None:
                fuller[p.key] = body  # 'The Post has learned' after 'The New York Post reports': one source
                _fold(p, body)
                continue
            if p.not_a_person or p.role_word:
                continue  # "the French", "in December", "Republicans": not part of anyone's name
            rest = self.people.get(p.key[1:]) if len(p.key) >= 2 else None
            if rest is not None and not rest.not_a_person and (self._not_a_name(p.key[:1]) or self._place_first(p, rest) or (
                    len(p.key) >= 3 and rest.key[0] not in _PARTICLES
                    and (p.key[0] in self.lower_words or p.key[:2] in self.people)  # "Crooked Hillary" too
                    and len(rest.mentions) >= 2 * len(p.mentions))):
                # "the Frenchman Tíkhon" is Tíkhon, "Tarútino Kutúzov" ('On approaching Tarútino Kutúzov noticed') is
                # Kutúzov; "Crooked Hillary Clinton", "Miss Universe Alicia Machado",
                # written once beside many "Hillary Clinton": a word put before the name, not a fuller name
                fuller[p.key] = rest
                _fold(p, rest)
                continue
            # a fuller name counts when it is a person's: quoted, or called he or she, or the same
            # surname after a given name ("Tom Clarke" for "Clarke"; not "Xi Jinping Thought" for "Xi Jinping"; four
            # words for a name of two: "Aung San Suu Kyi" for "Suu Kyi")
            cands = [q for q in by_part.get(p.key, []) if not self._place_before(q, p) and (
                q.called_he_or_she or q.key in self.speakers
                or (len(q.key) <= 3 + (len(p.key) >= 2) and q.key[-len(p.key):] == p.key))
                and q.headline < len(q.mentions)]  # a headline's words alone are no fuller name ("Obama Seeks")
            if not cands and len(p.key) == 1 and p.display.isupper() and 2 <= len(p.display) <= 6:
                cands = by_initials.get(p.key[0], [])  # "IMF": the International Monetary Fund
            cands = [root(q) for q in cands]
            # "Mr. Obama" is not Michelle Obama
            roots = {id(q): q for q in cands if (None in (p.gender, q.gender) or p.gender == q.gender) and q is not p}
            if len(roots) > 1 and p.titles and 2 * p.titled >= len(p.mentions):
                # "Prince Andrew" (nearly always with his title) is the prince among the Andrews
                roots = {k: q for k, q in roots.items() if q.titles & p.titles}
                top = max(roots.values(), key=lambda q: q.count, default=None)
                if top is not None and top.count >= 3 * sum(q.count for q in roots.values() if q is not top):
                    roots = {id(top): top}  # the others are named once or twice ("Andrew Nikoláevich")
            if len(roots) > 1 and p.gender is not None:
                # "Clinton ... she" in a text that names Hillary Clinton thirty times and Chelsea Clinton once
                top = max(roots.values(), key=lambda q: q.count)
                if top.gender == p.gender and top.key[-len(p.key):] == p.key and len(top.key) <= 3 \
                        and top.count >= 4 * sum(q.count for q in roots.values() if q is not top):
                    roots = {id(top): top}
            if len(roots) > 1 and p.mentions and all(q.mentions for q in roots.values()):
                # "Sen. Ted Cruz" quoted first, then "Cruz" twenty times; his father Rafael Cruz and his wife Heidi
                # Cruz named once or twice, never quoted: the surname alone is the one quoted and named first
                first = min(roots.values(), key=lambda q: q.mentions[0])
                if first.key in self.speakers and first.key[-len(p.key):] == p.key \
                        and first.mentions[0] <= p.mentions[0] and all(
                            q.count <= 2 and q.key not in self.speakers and q.mentions[0] > first.mentions[0]
                            for q in roots.values() if q is not first):
                    roots = {id(first): first}
            if len(roots) == 1:
                whole = next(iter(roots.values()))
                since = (whole.mentions[0] if whole.mentions else 0) - _INTRODUCED_WITHIN
                if self._someone_else_before(p, whole, since):
                    # "Tíkhon", the old prince's valet, named a hundred times long before the partisan "Tíkhon
                    # Shcherbáty" is: the name is his until the fuller one is written, then the fuller one's
                    self.later[p.key] = (whole, since)
                    continue
                fuller[p.key] = whole
                _fold(p, whole)
        for key in list(fuller):
            fuller[key] = root(fuller[key])
        for key, (whole, since) in self.later.items():
            self.later[key] = (root(whole), since)
        later = self.later
        self.surnames = {k[0] for k, q in fuller.items() if len(k) == 1 and len(q.key) >= 2 and q.key[-1] == k[0]}
        self.at = [later[p.key][0] if p.key in later and at >= later[p.key][1]
                   else p if self._told_apart(p, at) else fuller.get(p.key, p)
                   for p, at in zip(self.at, self.positions, strict=True)]
        self.fuller = fuller
        self.by_part = by_part
        self.speaking = {id(fuller.get(k, self.people[k])) for k in (self.renamed.get(k, k) for k in self.speakers)
                         if k in self.people}
        self.by_head: dict[str, dict[int, Person]] = {}  # the last word of each longer name -> its people
        for k, q in self.people.items():
            if len(k) >= 2:
                r = fuller.get(k, q)
                self.by_head.setdefault(k[-1], {})[id(r)] = r
        # what 'he' or 'she' never stands for (their counts are final now: read once)
        self.nonpersons = {id(p) for p in self.people.values() if p.not_a_person}
        self.titled: dict[str, list[Person]] = {}
        for p in {id(r): r for r in (fuller.get(k, q) for k, q in self.people.items())}.values():
            for t in p.titles:
                self.titled.setdefault(t, []).append(p)

    def _same_body(self, p: Person, by_part: dict[tuple[str, ...], list[Person]]) -> Person | None:
        """'The Post' that says something, in a text where one fuller name ending in it says something too, both
        written after 'the' ('The New York Post'): the same paper, company or body, under its fullest name; None
        otherwise (not an institution's common word: 'the Committee' may be any committee, 'the House' is not the
        White House)."""
        if p.key not in self.speakers or p.place or p.role_word or p.key[-1] in _INSTITUTIONS or p.key in _CHAMBERS \
                or p.key in _NOT_ANTECEDENTS or 2 * p.the < max(p.count, len(p.mentions)):
            return None
        bodies = {id(q): q for q in by_part.get(p.key, []) if q.key[-len(p.key):] == p.key and q.key in self.speakers
                  and not q.place and 2 * q.the >= max(q.count, len(q.mentions))}
        return next(iter(bodies.values())) if len(bodies) == 1 else None

    def _someone_else_before(self, p: Person, whole: Person, since: int) -> bool:
        """Whether a given name ('Tíkhon') written three times or more before ``since`` (a little before the
        fuller name holding it is first written) names someone else there: the fuller name's other words (a
        surname: 'Shcherbáty') are not written at all before then. ('Borís' long before 'Borís Drubetskóy' is
        him: 'Drubetskóy' is written early; 'Alpátych' is a surname, not a given name.)"""
        if len(whole.key) <= len(p.key) or whole.key[:len(p.key)] != p.key or sum(m < since for m in p.mentions) < 3:
            return False
        if self._lowered is None:
            self._lowered = self.text.lower()
        # the surname as written or with one letter more or less at its end ('Bezúkhov' for 'Bezúkhova'), not
        # another family's ('Shcherbátov' is not 'Shcherbáty')
        return not any(_written(self._lowered, w, max(0, since))
                       for w in whole.key[len(p.key):] if w not in _PARTICLES and len(w) >= 3)

    def _told_apart(self, p: Person, at: int) -> bool:
        """Whether a surname with its title at ``at`` follows an epithet ('the little Princess Bolkónskaya', 'The
        young Princess Bolkónskaya'): the epithet tells apart two of one family and title (Andrew's wife, not his
        sister Princess Mary Bolkónskaya, whom the text names first), so that mention is not the fuller name's."""
        return len(p.key) == 1 and bool(p.titles) and p.key[0] in self.surnames \
            and word_before(self.text, at - 20 if at > 20 else 0, at).lower() in _EPITHETS

    def _not_a_name(self, key: tuple[str, ...]) -> bool:
        """A word before a name that is a people, a place or a calling ('the Frenchman', 'in Petersburg')."""
        p = self.people.get(key)
        n = max(p.count, len(p.mentions)) if p is not None else 0
        return p is not None and (key in _NOT_ANTECEDENTS or (n >= 3 and 2 * p.the >= n))

    def _place_first(self, p: Person, rest: Person) -> bool:
        """'Tarútino Kutúzov' ('On approaching Tarútino Kutúzov noticed'): a word the text writes as a place ('in
        Tarútino', 'near Tarútino' twice or more, a place by its share of them), whose gender is not read, then a
        name (not 'Márya Dmítrievna', though 'the Márya' is written once)."""
        first = self.people.get(p.key[:len(p.key) - len(rest.key)])
        return first is not None and first.placed >= 2 and first.gender is None and first.not_a_person

    def _place_before(self, q: Person, p: Person) -> bool:
        """'Petersburg Pierre' ('in Petersburg Pierre saw ...') is not Pierre's full name: the words before the
        surname are a place ('in Petersburg' is written more than rarely)."""
        other = self.people.get(q.key[:len(q.key) - len(p.key)])
        if other is None:
            return False
        if other.key[0] in _TIME_WORDS:
            return True
        # (a given name written once or twice, a place only for an 'of' or 'at' before it - 'co-editor of Debating
        # The Donald', a book's title - is still a given name)
        return other.not_a_person and not (max(other.count, len(other.mentions)) < 3 and other.the == 0
                                           and other.placed < 1 and other.key not in _NOT_ANTECEDENTS)

    def set_quotations(self, spans: Iterable[tuple[int, int]]) -> None:
        """The text's quotations: a name inside one is what a speaker talks about ('“Look at how much
        African-American communities are suffering,” he said'), never whom a pronoun outside stands for."""
        self._q_starts, self._q_ends = _merged(spans)

    def _quoted(self, at: int) -> bool:
        i = bisect.bisect_right(self._q_starts, at) - 1
        return i >= 0 and at < self._q_ends[i]

    def set_reported(self, spans: Iterable[tuple[int, int]]) -> None:
        """What the text's quotes report, with or without quotation marks ('Ham made it clear he had major
        misgivings about the armed forces under President Barack Obama'): see ``before``'s ``reported``."""
        self._r_starts, self._r_ends = _merged(spans)

    def _reported(self, at: int) -> bool:
        i = bisect.bisect_right(self._r_starts, at) - 1
        return i >= 0 and at < self._r_ends[i]

    def is_place(self, word: str) -> bool:
        """A name the text uses as a place or a people ('Petersburg' in 'in Petersburg Pierre said')."""
        p = self.people.get((word.lower(),))
        return p is not None and p.not_a_person

    def person(self, name: str, at: int = -1) -> Person | None:
        """The person a name written at ``at`` names (-1: wherever; a name that is one person's before a fuller
        name is written and another's after it is the first one's)."""
        key = _key(name)
        key = self.renamed.get(key, key)
        p = self.people.get(key)
        if p is None:
            return None
        later = self.later.get(key)
        if later is not None and at >= later[1]:
            return later[0]
        return self.fuller.get(key, p)

    def cut_name(self, name: str) -> Person | None:
        """A name written nowhere in the text as such, that the speaker's mention cut or ran on: the person whose
        name begins with it ('Patrick J' for Patrick J. Leahy), without a particle the text writes in lower case
        ('De Blasio' at a sentence start for Bill de Blasio), or named before an adverb, a verb or an aside the
        mention ran on into ('Obama often', 'Cruz exhorted Republicans', 'Burman (a view', 'Kall -- co-editor')."""
        if name not in self._cut:
            self._cut[name] = self._cut_name(name) if any(w[:1].isupper() for w in name.split()[1:]) or \
                name[:1].isupper() else None
        return self._cut[name]

    def _cut_name(self, name: str) -> Person | None:
        key = _key(name)
        if len(key) >= 2 and key[0] in _PARTICLES:
            p = self.person(" ".join(name.split()[1:]))
            if p is not None and id(p) not in self.nonpersons:
                return p
        if len(key) >= 2 and key not in self.people and all(w[:1].isupper() for w in name.split()):
            found = {id(r): r for q in self.by_part.get(key, []) if q.key[:len(key)] == key
                     for r in (self.fuller.get(q.key, q),)}
            if len(found) == 1 and id(p := next(iter(found.values()))) not in self.nonpersons:
                return p
        words = name.split()
        for k in range(1, len(words)):
            w = words[k]
            low = w.lower()
            if w.startswith(("(", "--", "—", "–")) or (w.isalpha() and w.islower() and (
                    (low.endswith("ly") and len(low) > 4 and low not in NOUNS_IN_LY) or low in _ADVERBS
                    or (low.endswith("ed") and len(low) > 4) or _speech_word(low))):
                if not words[k - 1][:1].isupper() or words[k - 1].endswith(("’s", "'s")) or any(
                        v.islower() and v not in _ARTICLES and v.strip(".,") not in _ROLES for v in words[:k]):
                    return None  # "Scott's family", "a speech Mrs. Clinton delivered": a thing, not the person
                p = self.person(" ".join(words[:k]))
                if p is None or id(p) in self.nonpersons or all(w in self.lower_words for w in p.key):
                    return None  # ('Having glanced at Dron he …': a word the text writes in lower case, no name)
                return p
        return None

    def described(self, source: str) -> Person | None:
        """'the fund' for the International Monetary Fund, 'the committee' for the House Oversight Committee: a
        definite description whose noun ends exactly one longer name in the text."""
        words = source.lower().split()
        if len(words) != 2 or words[0] != "the" or words[1] not in _INSTITUTIONS:
            return None  # not 'the officer': a novel has many officers, and 'Staff Officer' is none of them
        found = self.by_head.get(words[1], {})
        return next(iter(found.values())) if len(found) == 1 else None

    def titled_before(self, description: str, offset: int, window: int = 3000) -> Person | None:
        """'The Democratic senator' after 'Massachusetts Sen. Elizabeth Warren': the nearest person named before
        ``offset`` with the title the description ends in (and no other so titled between)."""
        m = _TITLED_DESCRIPTION.match(description)
        if m is None:
            return None
        wanted = _TITLE_FORMS.get(m.group(1).lower(), {m.group(1).lower()})
        lo = bisect.bisect_left(self.positions, offset - window)
        for i in range(bisect.bisect_left(self.positions, offset) - 1, lo - 1, -1):
            p = self.at[i]
            if p.titles & wanted and id(p) not in self.nonpersons:
                return p
        return None

    def titled_in_scene(self, title: str, offset: int, window: int = 3000) -> Person | None:
        """'replied the prince' in a scene that names one prince ('Prince Vasíli Kurágin … the prince'): the one
        person named with that title ('Prince Vasíli', not 'Kutúzov’s staff') in the ``window`` characters before
        ``offset``, outside quotations; None when none is or two are (a story's bare title, where the text names
        many princes)."""
        lo = bisect.bisect_left(self.positions, offset - window)
        found: Person | None = None
        for i in range(bisect.bisect_left(self.positions, offset) - 1, lo - 1, -1):
            p = self.at[i]
            at = self.positions[i]
            if title in p.titles and self.text[at:at + len(title) + 1].lower() == title + " " \
                    and id(p) not in self.nonpersons and not self._quoted(at):
                if found is not None and p is not found:
                    return None
                found = p
        return found

    def with_title(self, title: str) -> Person | None:
        """The one person the text gives this title ('Count Rostopchín' for 'the count'), or None."""
        found = self.titled.get(title, [])
        return found[0] if len(found) == 1 else None

    def before(self, offset: int, gender: str | None, window: int = 2000, since: int = -1,
               reported: bool = False, subjects: bool = False) -> Person | None:
        """The nearest person named before ``offset`` whose gender agrees: first among
        the people quoted in the text (a pronoun that speaks mostly stands for
        someone who speaks elsewhere), then among everyone named. With ``since``,
        only people named after that offset. With ``reported``, not a name inside what a quote reports (the
        person spoken of, not one who speaks). With ``subjects``, not a name after a preposition ('went up to
        Dólokhov'): the one acted on, not the one a 'he' that follows most likely stands for."""
        lo = bisect.bisect_left(self.positions, max(offset - window, since))
        text = self.text
        hi = bisect.bisect_left(self.positions, offset)
        for speakers_only in (True, False):
            for i in range(hi - 1, lo - 1, -1):
                p = self.at[i]
                if (speakers_only and id(p) not in self.speaking) or id(p) in self.nonpersons \
                        or self._quoted(self.positions[i]) or (reported and self._reported(self.positions[i])) \
                        or (subjects and _OBJECT_BEFORE.search(text, max(0, self.positions[i] - 12),
                                                               self.positions[i]) is not None):
                    continue
                if p.gender == gender if gender is not None else True:
                    self.found_at = self.positions[i]
                    return p
                if speakers_only and p.gender is None and gender is not None and not p.unlike(gender):
                    self.found_at = self.positions[i]
                    return p  # quoted, gender not read: the nearest speaker
        return None

    def read_described(self) -> None:
        """Where the text describes someone by a title alone ('the prince', 'the old countess'), or by a role ('the
        lad', 'the doctor': ``roles``): read once, of the text alone (``read_text`` does it while the quotes are
        being found)."""
        self._described = self._read_described(_DESCRIBED)
        self._described_at = [a for a, _ in self._described]

    def read_roles(self) -> None:
        """Where a story describes someone by a role ('the lad', 'the doctor'): read once, of the text alone."""
        self._roles = self._read_described(_ROLE_DESCRIBED)
        self._roles_at = [a for a, _ in self._roles]

    def _read_described(self, pattern: re.Pattern[str]) -> list[tuple[int, str]]:
        text = self.text
        return [(m.start(1), m.group(1)) for m in pattern.finditer(text)
                if (a := m.start()) > 0 and text[a - 1] in "Tt"
                and not (a > 1 and (text[a - 2].isalnum() or text[a - 2] == "_"))
                and not _AFTER_PREPOSITION.search(text, max(0, a - 13), a - 1)]

    def described_before(self, offset: int, gender: str, after: int, roles: bool = False) -> tuple[int, str] | None:
        """The last person described by a title alone ('the prince', 'the old countess') before ``offset`` and
        after ``after``, outside quotations, whose title is of ``gender``: (where, the words), or None. With
        ``roles`` (a story), a role too: 'The lad was unable to walk … he screamed'."""
        if self._described is None:
            self.read_described()
        assert self._described is not None
        found = self._last_described(self._described, self._described_at, offset, gender, after, _TITLE_GENDER)
        if roles:
            if self._roles is None:
                self.read_roles()
            assert self._roles is not None
            role = self._last_described(self._roles, self._roles_at, offset, gender, after, _ROLE_GENDER)
            if role is not None and (found is None or role[0] > found[0]):
                return role
        return found

    def _last_described(self, described: list[tuple[int, str]], starts: list[int], offset: int, gender: str,
                        after: int, genders: dict[str, str]) -> tuple[int, str] | None:
        i = bisect.bisect_left(starts, offset) - 1
        while i >= 0 and starts[i] > after:
            at, words = described[i]
            if not self._quoted(at) and genders.get(words.split()[-1].lower()) == gender:
                return at, words
            i -= 1
        return None


# 'the Democratic senator', 'the former governor', 'the senator': a description by a title
_TITLED_DESCRIPTION = re.compile(r"^the\s+(?:[\w-]+\s+){0,2}?(senator|governor|congressman|congresswoman|"
                                 r"representative|mayor|president|secretary|minister|general|judge)$", re.I)
_TITLE_FORMS = {"senator": {"senator", "sen"}, "governor": {"governor", "gov"}, "congressman": {"rep", "representative"},
                "congresswoman": {"rep", "representative"}, "representative": {"rep", "representative"},
                "general": {"general", "gen"}}

# Nouns that name one institution in a text ('the fund', 'the committee'), unlike 'the officer' or 'the man'
_INSTITUTIONS = frozenset("""fund bank committee court council agency department ministry company corporation
commission party union association institute university college school foundation board bureau organization
organisation administration center centre network league federation""".split())

# A legislature's chamber named by its common word ('the House', 'the Senate'): that chamber, never a fuller body
# whose name ends in the word ('the White House', 'an Opera House', 'the Senate House')
_CHAMBERS = frozenset({("house",), ("senate",), ("chamber",), ("assembly",), ("parliament",)})

# Words written in lower case inside a name ("Bank of America", "Federal Bureau of Investigation"): not part of
# its initials
_LOWER_IN_NAMES = frozenset("of the and for a an de la von van du on in at to".split())

# Capitalised words that a "he" or "she" never stands for: peoples and languages ("the French army ... he"),
# and the exclamation "Great God!"
_NOT_ANTECEDENTS = frozenset((w,) for w in """french russian russians german germans austrian austrians english
british american americans italian italians polish prussian prussians swedish turkish turks chinese japanese
spanish dutch greek latin european europeans god""".split()) | {("great", "god"), ("good", "god"), ("my", "god")}

_PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
# a person described by a title alone, the subject of what follows: 'The prince turned round', 'said the old
# countess' (not 'the prince’s footsteps', not 'to the prince')
_TITLE_GENDER = {**{t: "m" for t in "prince count king duke baron emperor".split()},
                 **{t: "f" for t in "princess countess queen duchess baroness empress".split()}}
# (scanned from its literal 'he': a pattern opening with a literal is searched for fast; the 'T' or 't' before it,
# at a word start, is checked after)
_DESCRIBED = re.compile(r"he[^\S\n]+((?:(?:old|little|young)[^\S\n]+)?(?:" + "|".join(_TITLE_GENDER)
                        + r"))\b(?![’']|-)")
# a story's person described by a role: 'The lad was unable to walk', 'the doctor asked'
_ROLE_GENDER = {**{t: "m" for t in """lad boy soldier officer doctor sergeant driver coachman footman valet servant
                                     peasant priest monk""".split()},
                **{t: "f" for t in "girl woman maid nurse lady".split()}}
_ROLE_DESCRIBED = re.compile(r"he[^\S\n]+((?:(?:old|little|young)[^\S\n]+)?(?:" + "|".join(_ROLE_GENDER)
                             + r"))\b(?![’']|-)")
_AFTER_PREPOSITION = re.compile(r"\b(?:to|with|at|from|of|by|for|on|in|into|toward|towards|upon|about|than|like|"
                                r"beside|behind|before|after|and|or|nor)[^\S\n]+$", re.I)
# a name after a preposition is the one acted on ('went up to Dólokhov', 'clutched at Pierre')
_OBJECT_BEFORE = re.compile(r"\b(?:to|with|at|from|by|for|on|into|toward|towards|upon|beside|behind)[^\S\n]+$",
                            re.I)
_RELATIVE_WHO = frozenset(("who", "whom"))
# his face, her voice: the one whose face or voice it is speaks or shows what is said
_POSSESSIVE_PRONOUN = {"his": "he", "her": "she"}
_BODY = frozenset("""face eyes eye look looks glance gaze expression voice tone lips mouth smile head hand hands
whole face""".split()) - {"whole"}
_SUBJECT_PRONOUNS = frozenset(("he", "she", "they", "we", "i"))
# what in someone tells them or says something in a story: 'Her maternal instinct told her that …', 'his heart said'
_FACULTIES = frozenset("instinct instincts heart mind conscience soul intuition reason feeling feelings".split())
_INDEFINITE = frozenset("anyone anybody everyone everybody someone somebody nobody whoever".split())
_NOBODY = frozenset(("i", "we", "you", "they", "it", "one", "this", "that", "which"))


@dataclass
class TextRead:
    """What ``assign_people`` reads of the text alone, whatever its quotes: read while they are being found
    (``analyse`` of a long text, in the process that waits for its helper). Used once."""

    lower_words: frozenset[str]
    people: People


def read_text(text: str, story: bool = False) -> TextRead:
    """What the speakers need of the text alone: its words in lower case, its names, where it describes someone by
    a title alone (and, in a ``story``, by a role), the text in lower case (all read here, while the quotes are
    being found, not after)."""
    lower_words = _lower_words(text)
    people = People(text, None, lower_words, finish=False)
    people.read_described()
    if story:
        people.read_roles()
    people._lowered = text.lower()
    return TextRead(lower_words, people)


class SourcesFirst:
    """The first step of ``assign_people``: each quote's source repaired (``repair_sources``), the quotes that
    cannot be anyone's dropped. ``add`` the quotes, in text order, then ``quotes()`` once. ``in_runs`` (a story:
    ``SourceRun``): each run added is repaired when it is added, and looked at last when the next is in (a long
    story's analysis adds each part as it is found, while the rest are being found); otherwise all at once in
    ``quotes()``. Either way the same quotes come out."""

    def __init__(self, text: str, lower_words: frozenset[str], strict: bool, in_runs: bool = False,
                 story: bool = False) -> None:
        self.text = text
        self.story = story  # a novel: what is reported must be a clause (quotes.reports_clause)
        self.lower_words = lower_words
        self.strict = strict
        self.run = SourceRun() if in_runs else None
        self.waiting: list[Quote] = []  # every quote until all are in; in runs, the last run (its last look to come)
        self.kept: list[Quote] = []
        self.direct = 0  # direct quotes (the filter's dropped ones included)
        self.stepped = 0  # a story's kept quotes through ``_story_steps`` already (in runs: as each is kept)

    def add(self, quotes: list[Quote]) -> None:
        if self.run is None:
            self.waiting.extend(quotes)
            return
        repair_sources(self.text, quotes, self.lower_words, self.run)
        last_look(self.text, self.waiting, self.lower_words, True, self.run.dropped)
        self._keep(self.waiting)
        self.waiting = quotes
        if self.story:  # (each quote's first story steps once it is kept, while the rest are being found)
            _story_steps(self.text, self.kept[self.stepped:], self.lower_words)
            self.stepped = len(self.kept)

    def quotes(self) -> list[Quote]:
        if self.run is None:
            repair_sources(self.text, self.waiting, self.lower_words)
        else:
            last_look(self.text, self.waiting, self.lower_words, True, self.run.dropped)
        self._keep(self.waiting)
        self.waiting = []
        # expository prose (a paper, a manual: neither news nor a story, hardly a quotation in it): a source found
        # without quotation marks must be headed by a noun that can speak
        if self.strict and 1000 * self.direct < len(self.text.split()):
            self.kept = [q for q in self.kept if not (q.speaker and q.kind != "direct" and _headless(q.speaker.split()))]
        return self.kept

    def _keep(self, quotes: list[Quote]) -> None:
        text, lower_words, strict = self.text, self.lower_words, self.strict
        for q in quotes:  # 'since other WikiLeaks emails … suggest': the source is what follows the subordinator
            if q.speaker and q.speaker.split(None, 1)[0].lower() in _NOT_SPEAKER_START and " " in q.speaker:
                rest = q.speaker.split(None, 1)[1]
                q.extra["speaker_start"] = int(q.extra.get("speaker_start", q.start)) + len(q.speaker) - len(rest)
                q.speaker = rest
        self.direct += sum(q.kind == "direct" for q in quotes)
        self.kept += [q for q in quotes if not (q.speaker and cannot_speak(q.speaker, lower_words))
                      and not (strict and not said_or_held(q)) and not _no_source_here(text, q)
                      and not (self.story and not reports_clause(q))]


def warm(text: str, quotes: Iterable[Quote], lower_words: frozenset[str]) -> None:
    """What ``assign_people`` reads of each quote alone, made now (each is kept: the functions remember their
    answers): a long text's quotes as each part is through ``SourcesFirst``, while the other process finds the next
    part's, not after the last one is found (War and Peace's megabyte: ~10 ms off the serial tail). The source's
    name and key, whether it is a time, and the pattern of a subject between a comma after it and the cue."""
    for q in quotes:
        speaker = q.speaker
        if not speaker:
            continue
        _key(core_name(speaker))
        _is_time(speaker)
        cue = q.cue
        if cue and cue[:1].isalpha() and (span := _speaker_span(text, q)) is not None \
                and text.startswith(",", span[1]) and _introductory(speaker, lower_words):
            _subject_then(cue)


def assign_people(text: str, quotes: list[Quote], read: TextRead | None = None, strict: bool = False,
                  sourced: SourcesFirst | None = None, story: bool = False) -> None:
    """Mend each quote's speaker from the text around it, and set its ``extra['group']``: the person (fullest
    name) or a group noun phrase, never a pronoun. ``read``: ``read_text(text)``, when it is read already.
    ``strict`` (a text that is neither news nor a story: a paper, a manual): a cue that is no verb of saying must
    report a clause ('organisations have issued a joint open letter' is no quote), and in prose with hardly a
    quotation a lower-case source must be headed by a noun that heads sources ('function calls' is no quote).
    ``sourced``: the quotes were added to a ``SourcesFirst`` (``quotes`` is filled with what it keeps).
    ``story`` (a novel, told in dialogue): a source is a mention of someone, or nobody (``_story_mention``), and
    'said she to Natásha' names the listener, never the one who speaks."""
    lower_words = _lower_words(text) if read is None else read.lower_words
    if sourced is None:
        sourced = SourcesFirst(text, lower_words, strict, story=story)
        sourced.add(quotes)
    quotes[:] = sourced.quotes()
    if story:
        _story_steps(text, quotes[sourced.stepped:], lower_words)
    if not any(q.speaker for q in quotes):
        for q in quotes:
            q.extra["group"] = NO_SPEAKER
        return
    sources = {q.speaker for q in quotes if q.speaker}
    if read is None:
        people = People(text, {_key(core_name(s)) for s in sources}, lower_words, sources)
    else:
        people = read.people
        people.finish({_key(core_name(s)) for s in sources}, sources)
    people.set_quotations((q.start, q.end) for q in quotes if q.kind == "direct" and text[q.start:q.start + 1] in "“\"‘«„")
    people.set_reported((q.start, q.end) for q in quotes)
    for q in quotes:
        _source_outside(text, q)
    before: Quote | None = None
    for q in quotes:
        if q.speaker and _is_time(q.speaker) and not _named_at_cue(text, q):
            # "said this week that ... by the end of March, and suggested that ...": the model took a time for the
            # source; the one who speaks is the speaker of the quote before in the same sentence, if any
            same = before is not None and before.speaker and not _SENTENCE_END.search(text, before.start, q.start)
            q.speaker = before.speaker if same and before is not None else None
            q.extra.pop("speaker_start", None)
        elif q.speaker:
            mend_speaker(text, q, people)
        _cut_at_cue(text, q)
        if q.speaker and _source_noun_near(text, max(q.start, q.end - 60), q.end + 120) \
                and (m := _SOURCE_AFTER.search(text, max(q.start, q.end - 60), q.end + 120)) is not None \
                and m.start() <= q.end and m.group("np") != q.speaker:
            # "Clinton had told police that she didn't want the escort, the source added": the source said it
            # (and the content, if it ran on over those words, ends before them)
            q.speaker = m.group("np")
            q.extra["speaker_start"] = m.start("np")
            if m.start() < q.end:
                q.text = q.text[:m.start() - q.start]
                q.end = m.start()
        before = q
    unpossess(text, quotes)  # (a name the mending made whole may be a possessive: "President Barack Obama's")
    for q in quotes:
        at = q.extra.get("speaker_start")
        if isinstance(at, int) and q.end <= at <= q.end + 12:  # (a source right after the quote's words)
            _antecedent_only(text, q)
    previous: tuple[Quote, Person] | None = None  # the last quote said by a named person, and who
    # the last words of sources that say something with a verb of saying ('the cook asked', 'another said')
    speaking_words = {(q.speaker.split() or [""])[-1].lower() for q in quotes
                      if q.speaker and q.cue and _says((q.cue.split() or [""])[-1])}
    headings = _Headings(text, people)
    # a story's lower-case heads of sources that speak twice or more ('said the cook', 'the maid asked')
    story_heads = _story_heads(quotes) if story else frozenset()
    turns = _turns(quotes)
    turn_starts = [t.start for t in turns]
    for k, q in enumerate(quotes):
        spk = core_name((q.speaker or "").strip())
        low = spk.lower()
        if " " not in low:  # "I’ll", "he’d": the pronoun
            low = re.split(r"[’']", low)[0] or low if "’" in low or "'" in low else low
        else:
            first, rest = spk.split(None, 1)
            if first.lower() in _SUBJECT_PRONOUNS and rest[:1].islower():
                low = first.lower()  # "He alone", "She rose", "He did not": the pronoun and words taken with it
            elif first.lower() in _POSSESSIVE_PRONOUN and (rest.lower() in _BODY or (
                    story and len(rest.split()) <= 2 and rest.split()[-1].lower() in _FACULTIES)):
                low = _POSSESSIVE_PRONOUN[first.lower()]  # "His face expressed …", "her voice said": he, she
        if not spk:
            q.extra["group"] = NO_SPEAKER
            continue
        if story and low not in _PRONOUN_GENDER:
            mention = _story_mention(text, q, spk, people, story_heads)
            if mention is None:
                q.extra["group"] = UNNAMED
                continue
            if mention != spk:
                spk = mention
                low = spk.lower()
        at = min(q.start, _speaker_offset(q))
        p: Person | None = None
        if low in _PRONOUN_GENDER:
            gender = _PRONOUN_GENDER[low]
            if story and k and (answer := _answers(text, quotes[k - 1], q, gender, people)) is not None:
                # '“… Do you want the carriage?” he asked his mother … “Yes, yes, …,” she answered': the one asked
                q.extra["group"] = answer
                continue
            if story and _pronoun_at(q) \
                    and (salient := _salient_subject(text, at, quotes, k, gender, people, story_heads)) is not None \
                    and ((listener := _listener(text, q, people)) is None or listener.display != salient[0]):
                # 'The visitor, compelled to look on, thought it necessary to take some part in it. / “Tell me, my
                # dear,” said she to Natásha': the subject of the sentences before, outranking those they act on
                q.extra["group"] = salient[0]
                if salient[1] is not None:
                    previous = (q, salient[1])
                continue
            if previous is not None and previous[1].gender in (gender, None) and at - previous[0].end < 1500:
                # the speaker of the quote before, unless someone else of this gender is named since, outside
                # what the quotes report: 'Ham made it clear he had major misgivings about the armed forces under
                # President Barack Obama. “Now that I don’t have to be …,” he told the host' (Ham's 'he')
                named = people.before(at, gender, since=previous[0].start, reported=True, subjects=story)
                if named is not None and named is not previous[1] and named.gender == gender:
                    p, named_at = named, people.found_at
                else:
                    p, named_at = previous[1], max(previous[0].end, int(previous[0].extra.get("speaker_start", -1)))
            else:
                p = people.before(at, gender, subjects=story)
                named_at = people.found_at if p is not None else max(0, at - 2000)
            if story and p is not None and (listener := _listener(text, q, people)) is p:
                # '“Tell me, my dear,” said she to Natásha': Natásha listens; she is the woman named before her
                p, k = None, named_at
                for _ in range(8):  # (one whose gender is read thrice or more: not a doll, "Mimi")
                    p = people.before(k, gender)
                    if p is None or (p is not listener and p.gender == gender and p.male + p.female >= 3):
                        break
                    k = people.found_at
                p = None if p is None or p is listener or p.gender != gender or p.male + p.female < 3 else p
                named_at = people.found_at if p is not None else max(0, at - 2000)
            if not story and (lead := _named_just_before(text, people, at, max(at, _speaker_offset(q)), gender,
                                                          p)) is not None:
                p, named_at = lead, people.found_at
            # 'said Tíkhon … The prince went out … “Can a sleigh pass?” he asked': the prince, described since the
            # man last named, is who the pronoun stands for (the one the prince is, if only one man is a prince)
            described = people.described_before(at, gender, named_at, roles=story)
            if described is not None and (p is None or described[1].split()[-1].lower() not in p.titles):
                # (a princess named last, then 'the princess': the same woman, by her name)
                p = _one_titled(people, described[1], story, at)
                q.extra["group"] = p.display if p else _title_group(described[1])
                continue
            q.extra["group"] = p.display if p else UNNAMED
        elif low in _RELATIVE_WHO:
            p = _antecedent_of_who(text, people, _speaker_offset(q))
            q.extra["group"] = p.display if p else UNNAMED
        elif low == "i" and (turn := _turn_at(turns, turn_starts, q.start)) is not None:
            # "PENCE: Well, look, …" then "I think his tweet …" in the same turn: Pence thinks it
            p = people.person(turn.speaker or "", turn.start)
            q.extra["group"] = p.display if p is not None else speaker_group(turn.speaker)
            if p is not None and p.display.isupper() and len(p.display) > 3:
                q.extra["group"] = turn.speaker
        elif low in _NOBODY:
            q.extra["group"] = UNNAMED
        elif not _key(spk):  # a title alone ("Mr.", "the senator", "the count")
            p = _one_titled(people, spk, story, at)
            q.extra["group"] = p.display if p else _title_group(spk)
        elif " and " in spk and (joint := _joint(people, spk, _speaker_offset(q))) is not None:
            q.extra["group"] = joint  # 'Sherrod Brown (D-Ohio) and Robert Menendez (D-N.J.)': both, not the first
        else:
            # (a description all in lower case - 'the architect' - is no name the text capitalises elsewhere: 'the
            # Eternal Architect')
            lowered = spk.islower() and all(w in people.lower_words for w in _key(spk))
            p = (None if lowered else people.person(spk, _speaker_offset(q))) or people.described(spk) \
                or _without_lower_first(spk, people) \
                or _introduced(text, people, spk, at) or people.titled_before(spk, at) or people.cut_name(spk) \
                or _apposed(text, people, spk, (_speaker_span(text, q) or (-1, -1))[0])
            p = _headline_name(text, people, p, spk, _speaker_offset(q))
            if p is not None and all(w in _TIME_WORDS for w in p.key) \
                    and spk.split()[0].islower():
                p = None  # 'a poll released Monday': the poll, not Monday (the one capitalised word in it)
            anonymous = _anonymous(spk, people) if p is None else ""
            if anonymous:
                # "the spokesman" after "spokesman Brian Fallon"; "a source", "the source", "officials": nobody
                p = _named_holder(text, people, anonymous, at) if spk.lower().startswith("the ") else None
                q.extra["group"] = p.display if p is not None else UNNAMED
            elif p is None and " " not in spk and spk.islower() and spk not in source_heads() \
                    and spk not in SOURCE_PRONOUNS and spk not in speaking_words:
                # 'a respectful attitude implying that …', 'offer praise to God', 'these pictures presented
                # themselves': a lone word that heads no source in the training articles and says nothing in this
                # text ('the cook asked') names no one
                q.extra["group"] = UNNAMED
            elif p is None and (owned := _owner_before(text, people, spk, at)) is not None:
                q.extra["group"] = owned  # 'the campaign' after 'Donald Trump’s presidential campaign': Trump's
            elif p is None:
                words = name_words(spk)
                if words and spk[:1].islower() and all(w.lower() in _TIME_WORDS for w in words):
                    words = []  # 'a poll released Monday': the poll's words, not the day's
                if len(words) > 2 and words[1].lower() in _LOWER_IN_NAMES:  # "chairman of the party": as written
                    q.extra["group"] = words[0][:1].upper() + " ".join(words)[1:]
                else:
                    q.extra["group"] = speaker_group(" ".join(words) or spk)
            elif p.display.isupper() and not spk.isupper() and len(p.display) > 3:
                q.extra["group"] = " ".join(name_words(spk))  # a transcript's "WALLACE:" is Wallace
            else:
                q.extra["group"] = p.display
            if headings.holds(_speaker_offset(q), spk) and (span := _speaker_span(text, q)) is not None \
                    and not text[span[0]:span[1]].isupper() and not (  # ('WALLACE:', a transcript's label)
                    p is not None and id(p) not in people.nonpersons and headings.named_outside(p)):
                # 'Retired General Reveals ‘Demoralizing’ Experience Of Serving Under Obama.', 'Success on
                # Signature Issue: Mr. Ban focused …': a heading's words that name no one the text names elsewhere
                q.extra["group"] = UNNAMED
                p = None
                if headings.run_in(_speaker_offset(q)) or (
                        q.cue == ":" and headings.title(_speaker_offset(q)) and len(spk.split()) >= 2
                        and not _TITLE_PREPOSITIONS.isdisjoint(w.lower() for w in spk.split()[1:-1])
                        and spk.split()[-1].lower() not in source_heads()):
                    # (a title's words before its colon that name no one, two nouns joined by a preposition, the
                    # last no noun of someone who speaks: 'Stealth Over Health: Hillary Clinton Was Headed to ER …'
                    # is the headline, no quote; not 'Insiders: Trump will rebound', 'Hacker Guccifer: …')
                    # 'Veto Power Impedes Peace Efforts: Eliminating “the scourge of war” is …': a section's heading
                    # run into its paragraph says nothing; what follows it is the writer's, not a quote of it
                    q.extra["heading_source"] = True
            elif len(spk.split()) >= 3 and headings.run_in(_speaker_offset(q)) and _common_words(spk, people) \
                    and not _NAME_LABEL.match(text, _speaker_offset(q) + len(spk)) and not (
                    p is not None and id(p) not in people.nonpersons and headings.named_outside(p)):
                # 'Red Tape Hampers Relief Work: …': the whole heading, words the text writes in lower case elsewhere
                # (not a label that names someone: 'Mayor Jane Smith: “We will …”', 'Sen. Ted Cruz: Well, …')
                q.extra["group"] = UNNAMED
                p = None
                q.extra["heading_source"] = True
        if p is not None and id(p) not in people.nonpersons:
            previous = (q, p)
    if any(q.extra.get("heading_source") for q in quotes):
        quotes[:] = [q for q in quotes if not q.extra.get("heading_source")]
    relative_mentions(text, quotes)  # 'McConnell, …, who said': the mention is "who", the person McConnell
    if story:
        _one_group_per_role(quotes)
        _no_reading_around_said(text, quotes)
    for q in quotes:
        if isinstance(g := q.extra.get("group"), str) and (g.lower() in _INDEFINITE
                                                            or g.split(" ", 1)[0].lower() in _INDEFINITE):
            q.extra["group"] = UNNAMED  # 'anyone who wanted to see him could come …': no one in particular
    if story:
        _turn_taking(text, quotes)


_EPITHETS = frozenset(("old", "little", "young"))


def _one_titled(people: People, phrase: str, story: bool, at: int = -1) -> Person | None:
    """The one person the text gives the title ``phrase`` ends in ('the count': Count Rostopchín), or None. In a
    story, not for a title with an epithet ('the little princess', 'the old prince'): the epithet sets that one
    apart from whoever else holds the title (the little princess is Lise, not Princess Mary, the one the text
    writes 'Princess' before a name), so that description is a group of its own."""
    words = phrase.lower().split()
    if not words or (story and len(words) >= 2 and words[-2] in _EPITHETS):
        return None
    title = words[-1].strip(".")
    found = people.with_title(title)
    if found is None and story and at >= 0:
        found = people.titled_in_scene(title, at)
    return found


def _pronoun_at(q: Quote) -> bool:
    """Whether the quote's source is written as a pronoun ('said she', not 'Márya Dmítrievna’s deep voice')."""
    return _PRONOUN_WORD.match((q.speaker or "").strip()) is not None


_PRONOUN_WORD = re.compile(r"(?:he|she|He|She)\b(?![’'])")


def _salient_subject(text: str, at: int, quotes: list[Quote], k: int, gender: str, people: People,
                     heads: frozenset[str]) -> tuple[str, Person | None] | None:
    """Whom a story's 'he' or 'she' at ``at`` (a quotation's, ``quotes[k]``) stands for when the sentences before
    say it: the subject of the last sentence outside quotations, past sentences whose subject is the same pronoun
    ('“Heavens!” replied the prince. He had just entered … He went up to Anna Pávlovna, kissed her hand … / “First
    of all, dear friend …,” said he': the prince, not Anna Pávlovna, whom he went up to). That subject is a
    quotation's speaker ('the prince'), a name, or a person described by a title or a role that speaks in the
    story ('The visitor, compelled to look on, thought it necessary to take some part in it'), of the pronoun's
    gender or of none read: (the group it is given, the person if named). None when that sentence's subject is
    anything else (the usual reading stands)."""
    pos = at
    lo = max(0, at - 1500)
    j = k
    for _ in range(6):
        start = _sentence_start_outside(text, pos, lo, people)
        if start is None:
            return None
        while j > 0 and quotes[j - 1].start >= pos:
            j -= 1
        said = None  # the last quotation in the sentence (quotes in text order: looked at back to its start)
        i = j - 1
        while i >= 0 and quotes[i].start >= start:
            if quotes[i].kind == "direct":
                said = quotes[i]
                break
            i -= 1
        if said is not None and said.start < pos:
            group = said.extra.get("group")
            if not isinstance(group, str) or group in (NO_SPEAKER, UNNAMED):
                return None
            spk = core_name((said.speaker or "").strip())
            p = people.person(spk, int(said.extra.get("speaker_start", -1))) if spk else None
            known = p.gender if p is not None else _mention_gender(spk)
            if known not in (gender, None) or spk.lower() in _NOBODY or not spk:
                return None
            return group, (p if p is not None and p.display == group else None)
        m = _last_clause_subject(text, start, pos)
        if m is None:
            return None
        if m.group("pronoun"):
            if _PRONOUN_GENDER[m.group("pronoun").lower()] != gender:
                return None
            # (a later clause's pronoun: the clauses before it in its sentence first, 'Natásha went away, and she
            # wrote')
            pos = start if text[start:m.start()].strip() == "" or m.start() <= start else m.start()
            continue
        if m.group("noun"):
            noun = m.group("noun").lower()
            known = _mention_gender("the " + noun)
            if known not in (gender, None) or (known is None and (noun not in heads or noun.endswith("s"))) \
                    or noun in _NOT_SALIENT:  # (not 'The servants': no he or she)
                return None
            if noun in _TITLE_GENDER:
                titled = _one_titled(people, m.group("noun_phrase"), True, at)
                return (titled.display, titled) if titled is not None else (_title_group(m.group("noun_phrase")), None)
            # (the group the text's 'said the visitor' is given, so that one person is one group)
            same = next((g for i in range(k - 1, max(-1, k - 400), -1) if (r := quotes[i]).speaker
                         and (r.speaker.split() or [""])[-1].lower() == noun
                         and isinstance(g := r.extra.get("group"), str) and g not in (NO_SPEAKER, UNNAMED)), None)
            return same or _title_group(m.group("noun_phrase")), None
        i = bisect.bisect_left(people.positions, m.start("name"))
        if i == len(people.positions) or people.positions[i] != m.start("name"):
            return None
        p = people.at[i]
        if id(p) in people.nonpersons or m.group("name").lower() in people.lower_words \
                or not (p.gender == gender or (
                p.gender is None and id(p) in people.speaking and not p.unlike(gender))):
            return None
        return p.display, p
    return None


def _last_clause_subject(text: str, start: int, end: int) -> re.Match[str] | None:
    """The subject of the last clause of text[start:end] (a sentence) that has one: past a clause a subordinator
    opens ('When she saw Natásha’s fright, Sónya shed tears'), the one after ', and' or ', but' ('Nicholas gave
    the horses the rein, and Zakhár, stretching out his arms, clucked his tongue')."""
    found = None
    if (lead := _SUBORDINATE_FIRST.match(text, start, end)) is not None:
        found = _SUBJECT_FIRST.match(text, lead.end(), end)
    else:
        found = _SUBJECT_FIRST.match(text, start, end)
    for m in _CLAUSE_JOIN.finditer(text, start, end):
        later = _SUBJECT_FIRST.match(text, m.end(), end)
        if later is not None and (later.group("pronoun") or later.group("noun") or later.group("name")):
            found = later
    return found


# a sentence that opens with a subordinate clause, up to its comma: 'When she saw Natásha’s fright,'
_SUBORDINATE_FIRST = re.compile(r"[^\S\n]*(?:When|As|While|Though|Although|If|Since|After|Before|Once)[^\S\n][^,;.!?“”\n]{1,120},")
_SUBORDINATOR = re.compile(r"(?:When|As|While|Though|Although|If|Since|After|Before|Once)[^\S\n]")
_CLAUSE_JOIN = re.compile(r",[^\S\n]+(?:and|but)[^\S\n]+(?=(?:he|she|[A-Z]))")


def _mention_gender(spk: str) -> str | None:
    """The gender a source's words tell, when they are a pronoun, a title or a role ('the colonel', 'the mother')."""
    low = spk.lower()
    if low in _PRONOUN_GENDER:
        return _PRONOUN_GENDER[low]
    last = low.split()[-1] if low.split() else ""
    return _TITLE_GENDER.get(last) or _ROLE_GENDER.get(last) or _KIN_GENDER.get(last)


# nouns of kin and rank a novel describes its people by ('The son noticed', 'said the colonel'), with their gender
_KIN_GENDER = {**{t: "m" for t in """son father brother husband uncle nephew grandfather man gentleman master host
                                     colonel general captain major lieutenant adjutant commander""".split()},
               **{t: "f" for t in "mother daughter sister wife aunt niece grandmother mistress hostess".split()}}
# a subject that stands for someone named before it ('The latter understood'), or for no one in particular
_NOT_SALIENT = frozenset("latter former other others first second one rest".split())


def _sentence_start_outside(text: str, pos: int, lo: int, people: People) -> int | None:
    """Where the sentence that ends before ``pos`` starts (its end and start outside quotations), at or after
    ``lo``; None when there is none."""
    end = pos
    while end > lo and text[end - 1].isspace():
        end -= 1
    if end <= lo:
        return None
    start = lo if lo == 0 else -1
    floor, k = max(lo, end - 700), end
    while k > floor:  # the last stop back from the end (a few string scans, not a pattern tried at every character)
        c = max(text.rfind(".", floor, k), text.rfind("!", floor, k), text.rfind("?", floor, k),
                text.rfind("\n", floor, k), text.rfind(";", floor, k))
        if c < 0:
            break
        m = _CLAUSE_STOP.match(text, c, end)
        if m is not None and m.end() < end and not people._quoted(m.end() - 1):  # (at a quotation's end, or outside)
            start = m.end()
            break
        k = c
    if start < 0 or not text[start:end].strip():
        return None
    return start


# a sentence's subject: a pronoun, 'The visitor' (a title or a role, not 'The visitor’s daughter'), a name
_SUBJECT_FIRST = re.compile(r"[^\S\n]*(?:(?:And|But|Then|So|Yet|Meanwhile|Suddenly|Now)[,]?[^\S\n]+(?:suddenly[^\S\n]+)?)?"
                            r"(?:(?P<pronoun>[Hh]e|[Ss]he)\b(?![’'])|(?P<noun_phrase>[Tt]he[^\S\n]+(?:(?:old|little|young)"
                            r"[^\S\n]+)?(?P<noun>[a-z]+))\b(?![’'-])|(?P<name>[A-Z][\w’'-]*))")


def _no_reading_around_said(text: str, quotes: list[Quote]) -> None:
    """Less a story's reading with no speaker, not a quotation itself, that holds a quotation someone is said to
    say ('… though the question he was about to ask was the chief motive of his visit, “is it true that …?”': the
    prince's question, listed once, not again as narration with no speaker)."""
    said = sorted((q.start, q.end) for q in quotes
                  if q.speaker and q.kind == "direct" and text[q.start:q.start + 1] in "“\"")
    if not said:
        return
    starts = [a for a, _ in said]
    keep = []
    for q in quotes:
        if q.speaker is None and q.extra.get("group") == NO_SPEAKER and text[q.start:q.start + 1] not in "“\"":
            i = bisect.bisect_right(starts, q.start)
            if i < len(said) and said[i][0] < q.end and said[i][1] <= q.end + 2:
                continue
        keep.append(q)
    if len(keep) < len(quotes):
        quotes[:] = keep


def _one_group_per_role(quotes: list[Quote]) -> None:
    """A story's unnamed person described one way, one group: 'Officer' ('said an officer', 'the officer said' read
    as a noun phrase) is 'The officer' where a pronoun or a title made that group too ('The officer', 'The old
    prince'), so the Speakers window lists the role once."""
    groups = {g for q in quotes if isinstance(g := q.extra.get("group"), str)}
    for q in quotes:
        g = q.extra.get("group")
        if isinstance(g, str) and g[:1].isupper() and not g.startswith("The ") and (the := "The " + g.lower()) in groups:
            q.extra["group"] = the


def _turn_taking(text: str, quotes: list[Quote]) -> None:
    """A story's quotation that no one is said to say, a paragraph of its own in a dialogue between two people, is
    the turn of the one of them who did not speak last: '“… a game of chess?” he [Pierre] remarked. / “Yes,” replied
    Prince Andrew, “… on position.” / “But on what then?”': Pierre's. (Among three or more, nobody's: a turn
    cannot be told.)"""
    run: list[Quote] = []  # the dialogue so far: quotations each near the one before
    for q in quotes:
        if run and q.start - run[-1].end > _TURN_GAP:
            run = []
        if q.kind == "direct" and q.speaker is None and q.extra.get("group") == NO_SPEAKER and run \
                and text[q.start:q.start + 1] in "“\"" and (q.start == 0 or text[q.start - 1] == "\n") \
                and "\n" in text[run[-1].end:q.start]:
            last = run[-1].extra.get("group")
            other = next((g for r in reversed(run[-6:]) if (g := r.extra.get("group")) != last), None)
            people = {g for r in run[-6:] if (g := r.extra.get("group")) not in _NOT_A_TURN}
            if last not in _NOT_A_TURN and other is not None and other not in _NOT_A_TURN and len(people) == 2:
                q.extra["group"] = other
        if q.kind == "direct":
            run.append(q)


_TURN_GAP = 400  # characters of narration that end a dialogue
_NOT_A_TURN = (NO_SPEAKER, UNNAMED, None)


def _past_subordinate_clause(text: str, quotes: list[Quote], lower_words: frozenset[str]) -> None:
    """A story's source read in the clause a subordinator opens before its sentence's subject: 'When they had
    emptied the samovar, Rostóv took a pack of cards and proposed that …': Rostóv proposed it, not they."""
    for q in quotes:
        at, cue = q.extra.get("speaker_start"), q.extra.get("cue_start")
        if not q.speaker or not isinstance(at, int) or not isinstance(cue, int) or cue <= at:
            continue
        lo = max(0, at - 140)  # (a clause _SUBORDINATE_FIRST reads is shorter: its sentence starts after this)
        if _SUBORDINATOR.search(text, lo, at) is None:
            continue
        ends = [m.end() for m in _STOP.finditer(text, lo, at + 1) if m.end() <= at]
        if not ends and lo > 0:
            continue
        start = ends[-1] if ends else 0
        lead = _SUBORDINATE_FIRST.match(text, start, cue)
        if lead is None or at >= lead.end():
            continue
        m = _SUBJECT_FIRST.match(text, lead.end(), cue)
        if m is None or not (m.group("pronoun") or m.group("noun") or m.group("name")):
            continue
        words = m.group("pronoun") or m.group("noun_phrase") or m.group("name")
        first = m.start("pronoun") if m.group("pronoun") else m.start("noun_phrase") if m.group("noun") \
            else m.start("name")
        if m.group("name"):  # (a name's other words: 'Prince Andrew', 'Mary Hendríkhovna'; not 'It', 'There')
            run = _NAME_RUN.match(text, first)
            words = run.group(0) if run is not None else words
            if words.split()[0].lower() in lower_words:
                continue
        q.speaker = words
        q.extra["speaker_start"] = first


_NAME_RUN = re.compile(r"[A-Z][\w’'-]*(?:[^\S\n]+[A-Z][\w’'-]*)*")


def _story_steps(text: str, quotes: list[Quote], lower_words: frozenset[str]) -> None:
    """A story's sources the attribution left out or read in a clause before the subject (``_thought_by``,
    ``_past_subordinate_clause``): each quote's own, read from the text around it alone (the same done to all
    the quotes at once, or to each run of them as it is kept: ``SourcesFirst``)."""
    _thought_by(text, quotes)
    _past_subordinate_clause(text, quotes, lower_words)


def _thought_by(text: str, quotes: list[Quote]) -> None:
    """A story's quotation with no source whose words someone thinks: '“How can he talk like that?” thought Pierre.',
    '“What will happen now?” thought she.', '“…” Natásha thought.': theirs."""
    for q in quotes:
        if q.speaker is None and q.kind == "direct" and (m := _THOUGHT_AFTER.match(text, q.end)) is not None:
            q.speaker = m.group("a") or m.group("b")
            q.cue = "thought"
            q.extra["speaker_start"] = m.start("a") if m.group("a") else m.start("b")


_THINKER = r"(?:he|she|[A-Z][\w’'-]+(?:[^\S\n]+[A-Z][\w’'-]+){0,2})"
# (the thinker, then the sentence's end or a comma: 'thought Rostóv, feeling that …')
_THOUGHT_AFTER = re.compile(rf"[^\S\n]*(?:thought[^\S\n]+(?P<a>{_THINKER})|(?P<b>{_THINKER})[^\S\n]+thought)"
                            r"(?=[^\S\n]*(?:[,.;:!?—…]|$))")


# -- a story's sources: a mention of someone, or nobody -----------------------------------------------------------

# words after a name that end the mention: a preposition ('Natásha at the door', 'Berg to his comrade'), a modal
# or an auxiliary ('all Natásha could'), an adverb
_TAIL_AFTER_NAME = frozenset("""to at in on with from into by for near toward towards through after before under over
across behind beside upon again now then also once still too never could would should might must can will shall did does
do was were had has is are be been as so who whom whose which that cannot""".split())
_DETERMINERS = frozenset("the a an his her their its my our your this that these those".split())
_RELATIVES = frozenset("who whom whose which that".split())
# a source written as the object of a preposition: 'cried from the window', 'listening at the door' (the one
# speaking is elsewhere)
_PREPOSITION_BEFORE = re.compile(r"(?<![\w’'-])(?:from|at|in|into|on|near|toward|towards|through|under|upon|within|"
                                 r"behind|beside|over|across|to|with)[^\S\n]+$", re.I)
# ', to Natásha', 'said she to Pierre': the listener, named right after the speaker (or the cue after it)
_TO_LISTENER = re.compile(r"[^“”\"\n.;!?]{0,30}?(?<![\w’'-])to[^\S\n]+([A-Z][\w’'-]*(?:[^\S\n]+[A-Z][\w’'-]*)*)")
# first words of a source that is no one: a relative standing for a thing, a preposition
_THING_FIRST = frozenset("which whatever whichever for by with from after before since into upon among".split())
_ASPECT_VERBS = frozenset("began begun begin begins started kept ceased stopped tried went seemed seems".split())
_WHEN_WORDS = _MONTHS | frozenset("may june august monday tuesday wednesday thursday friday saturday sunday".split())


_STOP = re.compile(r"(?<![A-Z])(?<!Mr)(?<!Mrs)(?<!Ms)(?<!Dr)(?<!St)(?<!Gen)(?<!Sen)(?<!Rep)(?<!Gov)[.!?][”\"’]?\s+"
                   r"(?=[“\"‘]?[A-Z])|\n")
# a sentence's end, or a clause's after a semicolon ('Pierre glanced at Prince Andrew; Prince Andrew rubbed his forehead')
_CLAUSE_STOP = re.compile(_STOP.pattern + r"|;[^\S\n]+")


def _named_just_before(text: str, people: People, at: int, pronoun: int, gender: str,
                       chosen: Person | None) -> Person | None:
    """'Councillor Ahmed Ali disagreed. “We are spending money we do not have,” he said.': a pronoun whose sentence
    names no one before it stands for the person the sentence before starts with (its subject: of the pronoun's
    gender, or a full name whose gender is not read yet), outside quotations and what quotes report, rather than
    someone quoted further back (``chosen``, unless that sentence names ``chosen`` too). None when there is no such
    person, or when ``chosen`` is the one. ``at``: where the quote (or its pronoun, if first) starts; ``pronoun``:
    where the pronoun is (after the quote's words: a name there, outside quotations, is the nearer one)."""
    ends = [m.end() for m in _STOP.finditer(text, max(0, at - 800), at + 2) if m.end() <= at]
    if not ends:
        return None
    s1 = ends[-1]
    if any(not people._quoted(people.positions[i]) for i in range(bisect.bisect_left(people.positions, s1),
                                                                    bisect.bisect_left(people.positions, pronoun))):
        return None  # the pronoun's sentence names someone before it
    s0 = next((e for e in reversed(ends[:-1]) if text[e:s1].strip()), max(0, at - 800))
    if people.headlines.get(s0, False):
        return None  # a title's capitalised words name no one there ('Pastor Wants Girl Scout Leaders …')
    lo, hi = bisect.bisect_left(people.positions, s0), bisect.bisect_left(people.positions, s1)
    if chosen is not None and any(people.at[i] is chosen for i in range(lo, hi)):
        return None
    for i in range(lo, hi):
        p, pos = people.at[i], people.positions[i]
        if id(p) in people.nonpersons or people._quoted(pos) or people._reported(pos) \
                or _OBJECT_BEFORE.search(text, max(0, pos - 12), pos) is not None:
            continue
        if not _LEADING_WORDS.fullmatch(text, s0, pos):
            return None  # a name the sentence starts with (its subject), not one further in
        if p.gender == gender or (p.gender is None and not p.unlike(gender) and len(p.key) >= 2):
            people.found_at = pos
            return None if p is chosen else p
        return None  # the sentence's first person is of the other gender (or a name alone, maybe no person's)
    return None


_LEADING_WORDS = re.compile(r"[“\"‘]?(?:[A-Z][\w.’'-]*\s+){0,3}")


def _story_heads(quotes: list[Quote]) -> frozenset[str]:
    """The lower-case nouns that head two or more sources of a verb of saying in a story ('the cook asked',
    'said the maid'): someone who speaks, though no news article quotes a cook."""
    seen: dict[str, int] = {}
    for q in quotes:
        if q.speaker and q.cue and _says((q.cue.split() or [""])[-1]):
            last = (q.speaker.split() or [""])[-1].lower().strip(",.;:")
            seen[last] = seen.get(last, 0) + 1
    # (not a face, a look or a tone: 'his face expressed' is his, the face itself says nothing)
    return frozenset(w for w, n in seen.items() if n >= 2 and (w not in _BODY or w == "voice"))


def _story_mention(text: str, q: Quote, spk: str, people: People, heads: frozenset[str]) -> str | None:
    """A story's source as a mention of someone: a name, a title or a role ('the maid'), a pronoun; the words the
    attribution ran on into cut off ('Natásha at the door' -> 'Natásha', 'the maid who was holding Natásha’s hair'
    -> 'the maid', 'all Natásha could' -> 'Natásha', 'Natásha’s eyes' -> 'Natásha'). None where it mentions
    nobody: a source written as the object of a preposition ('cried from the window'), a thing or a word that no
    source of a verb of saying is headed by ('the whole', 'voluminous notes', 'words cannot'), a name followed
    by words no mention takes ('Véra all men did', 'Natásha enter')."""
    at = q.extra.get("speaker_start")
    if isinstance(at, int) and q.speaker and text.startswith(q.speaker, at) \
            and _PREPOSITION_BEFORE.search(text, max(0, at - 12), at) \
            and not text[max(0, at - 14):at].rstrip().lower().endswith("according to"):
        return None
    words = spk.split()
    if words[0].lower() in _THING_FIRST:
        return None  # 'which seemed to say', 'for some reason expecting', 'by Karatáev’s advice'
    if len(words) > 1 and words[0][:1].islower() and words[0].endswith("ing") and len(words[0]) > 4:
        # '“…,” said the little princess, taking leave of Anna Pávlovna': what she did, not who; she is
        said_by = _SAID_THEN_COMMA.search(text, max(0, at - 80), at) if isinstance(at, int) else None
        return said_by.group(1) if said_by is not None else None
    while len(words) > 1 and words[0].lower() in ("all", "only", "just", "even") and words[1][:1].isupper():
        words.pop(0)  # 'was all Natásha could say'
    while len(words) > 1 and words[0].lower() in _WHEN_WORDS and words[1][:1].isupper():
        words.pop(0)  # 'December Natásha'
    cut = len(words)
    for k in range(1, len(words)):
        w = words[k].lower().strip(",.;:()")
        before = words[k - 1]
        if before.endswith((",", ";", ":")) or words[k].startswith(("(", "—", "-")) or w in _TAIL_AFTER_NAME \
                or (w.endswith("ing") and before.lower() not in _DETERMINERS and len(w) > 4) \
                or (before.endswith(("’s", "'s")) and before[:1].isupper() and w in _BODY):
            cut = k
            break
    if cut < len(words) and words[cut - 1].endswith(("’s", "'s")) and words[cut].lower().strip(",.;:") in _BODY:
        words = words[:cut]
        words[-1] = words[-1][:-2]  # 'Natásha’s eyes asked': Natásha
    else:
        words = words[:cut]
    while len(words) > 1 and words[-1].lower() in _LOWER_IN_NAMES:
        words.pop()  # 'Dólokhov and (was about to ride away)'
    for k in range(len(words) - 1, 0, -1):
        if words[k].lower() in ("the", "a", "an") and words[k - 1].lower() not in _LOWER_IN_NAMES \
                and words[k - 1].lower() not in ("all", "both", "half"):
            words = words[k:]  # '(After) six rubbers the general': the general
            break
    if not words:
        return None
    mention = " ".join(words).strip(",.;:")
    # (a capitalised first word the text also writes in lower case opens a sentence: 'Many historians')
    named = [w for k, w in enumerate(words) if w[:1].isupper() and w.lower() not in _DETERMINERS
             and w.lower().strip(".") not in TITLES and not (k == 0 and w.lower() in people.lower_words)]
    head = words[-1].lower().strip(",.;:")
    if named and all(w.isupper() and w.lower().strip(",.;:") in people.lower_words for w in named):
        return None  # 'YOU AGREE THAT …' (a licence in capitals): words the text writes in lower case, no name
    if named:
        person = people.person(" ".join(named), at if isinstance(at, int) else -1)
        if person is not None and person.placed >= 0.15 * max(person.count, len(person.mentions), 1):
            return None  # 'the French near Vyázma', 'All Moscow': a place
        first = words.index(named[0])
        odd = next((k for k in range(first + 1, len(words)) if words[k][:1].islower() and (w := words[k].lower())
                    not in _DETERMINERS and w not in _LOWER_IN_NAMES and w.strip(".") not in TITLES
                    and w not in ("old", "young", "little")), None)
        if odd is not None:
            if not (words[odd].endswith("ed") and len(words[odd]) > 4 and words[odd - 1][:1].isupper()):
                return None  # 'Véra all men did', 'Natásha enter': a name and words no mention of her takes
            mention = " ".join(words[:odd])  # 'Bagratión looked round and shouted': the subject of a told act
    if not named:
        if head in MALE | FEMALE or head in SOURCE_PRONOUNS or head in _NOBODY:
            return mention
        if (head not in source_heads() and head not in heads and head not in TITLES) \
                or (head.endswith("ed") and len(head) > 4) or head in _ASPECT_VERBS:
            return None  # 'the whole', 'whose notes', 'voluminous notes': a thing, no one who speaks; 'began
    return mention


# a cue and its source, then a comma, right before a participle ('said the little princess, taking leave of …')
_SAID_THEN_COMMA = re.compile(r"(?<![\w’'-])(?:said|asked|cried|replied|answered|added|exclaimed|whispered|shouted|"
                              r"continued|remarked|muttered|rejoined|observed)[^\S\n]+((?:[Tt]he[^\S\n]+)?"
                              r"(?:[\w’'-]+[^\S\n]+){0,2}[\w’'-]+),[^\S\n]*$")
_REPLIES = frozenset("answered replied rejoined responded retorted".split())
# the one a quotation is put to, after its attribution: 'he asked his mother', 'said he to Natásha', 'turning to Pierre'
_ASKED = re.compile(r"[”\"’]?[^\S\n]*[^“”\"\n.;!?]{0,40}?(?<![\w’'-])(?:asked|to|addressing)[^\S\n]+(?:(his|her)[^\S\n]+("
                    + "|".join(sorted(_WOMAN_NOUNS | _MAN_NOUNS)) + r")\b|([A-Z][\w’'-]*(?:[^\S\n]+[A-Z][\w’'-]*)*))")


def _answers(text: str, before: Quote, q: Quote, gender: str, people: People) -> str | None:
    """Who answers, in a story, when the quotation before was put to someone: '“… Do you want the carriage?” he
    asked his mother with a smile. “Yes, yes, go and tell them …,” she answered' (his mother; 'asked Natásha':
    Natásha). ``q`` says 'she answered' (or replied …) and follows ``before``, a quotation, within a paragraph or
    two; the one asked is of the pronoun's gender. The group (a name, or the words that describe her), or None."""
    if before.kind != "direct" or q.kind != "direct" or not q.cue or q.cue.split()[-1].lower() not in _REPLIES \
            or not 0 <= q.start - before.end <= 200 or text.count("\n\n", before.end, q.start) > 1:
        return None
    m = _ASKED.match(text, before.end, q.start)
    if m is None:
        return None
    if m.group(2):
        noun = m.group(2).lower()
        return f"{m.group(1).capitalize()} {noun}" if (noun in _WOMAN_NOUNS) == (gender == "f") else None
    p = people.person(m.group(3), m.start(3))
    return p.display if p is not None and p.gender == gender and id(p) not in people.nonpersons else None


def _listener(text: str, q: Quote, people: People) -> Person | None:
    """The person a story names as the one spoken to, right after the speaker (or the cue after it): '“Tell me,
    my dear,” said she to Natásha', 'he added, turning to Pierre'."""
    ends = []
    span = _speaker_span(text, q)
    if span is not None:
        ends.append(span[1])
    if q.speaker and q.kind == "direct" and text.find(q.speaker, q.start, q.end + 40) >= 0:
        # '“Tell me, my dear,” said she to Natásha, “is Mimi …”': the attribution after a closing quotation mark
        # (looked for only where the speaker's words are written at all)
        ends += _after_closing_mark(text, q.speaker, q.start, q.end + 40)
    for end in ends:
        m = _TO_LISTENER.match(text, end, end + 80)
        if m is not None:
            return people.person(m.group(1), m.start(1))
    return None


_BESIDE_A_WORD = frozenset("_’'-")  # with the letters and digits: what is no word's edge (\w, ’, ', -)
_NOT_IN_GAP = frozenset("“”\"\n")


def _after_closing_mark(text: str, speaker: str, lo: int, hi: int) -> list[int]:
    r"""Where the first two of 'a closing quotation mark (” or "), up to 24 characters and no quotation mark or line
    break, then ``speaker`` as a word of its own' in text[lo:hi] end: what the pattern
    ``[”"][^“”"\n]{0,24}?(?<![\w’'-])SPEAKER(?![\w’'-])`` finds there, one after another, without a pattern
    compiled for each speaker (~0.3 ms each, one for each speaker a story writes after a quotation)."""
    hi = min(hi, len(text))
    n = len(speaker)
    ends: list[int] = []
    pos = lo
    while len(ends) < 2:
        a, b = text.find("”", pos, hi), text.find('"', pos, hi)
        p = a if b < 0 else b if a < 0 else min(a, b)
        if p < 0:
            break
        x = p + 1  # where the speaker would start: the fewest characters between first
        while x - p - 1 <= 24 and x + n <= hi:
            if text.startswith(speaker, x) and not (text[x - 1].isalnum() or text[x - 1] in _BESIDE_A_WORD) \
                    and (x + n == hi or not (text[x + n].isalnum() or text[x + n] in _BESIDE_A_WORD)):
                break
            if text[x] in _NOT_IN_GAP:
                x = hi + 1
                break
            x += 1
        if x - p - 1 <= 24 and x + n <= hi:
            ends.append(x + n)
            pos = x + n
        else:
            pos = p + 1
    return ends


_OBJECT_OF = re.compile(r"\b(?:with|of|for|from|against|among|alongside|than)[^\S\n]+$", re.I)
_TO_BEFORE = re.compile(r"\bto[^\S\n]+$", re.I)


# a caption's label just before the source: 'Figure 2. State machine describing …', 'Table 3: Programs showing …'
_CAPTION_BEFORE = re.compile(r"(?:^|\n)[^\S\n]*(?:figure|fig\.|table|listing|chart|exhibit)[^\S\n]+[\w.-]{1,6}[.:][^\S\n]*$",
                             re.I)


# 'X, which Mr. Obama championed': the quote's words end at a relative pronoun before its source and cue
_RELATIVE_BEFORE_SOURCE = re.compile(r"[”\"’]?,[^\S\n]*(?:which|that)[^\S\n]+$")
_DETERMINER = re.compile(r"(?<![\w’'-])(?:the|a|an|his|her|its|their|our|this|these|those)[^\S\n]+(?=\w)")
_NP_OF_BEFORE = re.compile(r"(?<![\w’'-])(?:the|a|an|his|her|its|their|our|this|these|those)[^\S\n]+(?:[\w’'-]+[^\S\n]+)"
                           r"{1,3}?of[^\S\n]+$")
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?][”\"’]?\s+|\n\s*)$")


def _antecedent_only(text: str, q: Quote) -> None:
    """'Mr. King and Mr. Morial are also participating in …, such as an overhaul of the criminal justice system,
    which Mr. Obama championed': what the source championed is the noun phrase 'which' stands for, not the whole
    sentence before it (whose subject is other people). A quote whose words are a whole sentence ending at such a
    relative clause keeps only its last noun phrase (an article and its 'of' phrases: 'an overhaul of the
    criminal justice system')."""
    at = q.extra.get("speaker_start")
    cue_at = q.extra.get("cue_start")
    if not q.speaker or not isinstance(at, int) or not isinstance(cue_at, int) or not q.end <= at < cue_at \
            or at - q.end > 12 or not _RELATIVE_BEFORE_SOURCE.search(text, q.end, at) \
            or not _SENTENCE_OPENING.search(text, max(0, q.start - 4), q.start) or q.text.count(" ") < 12:
        return
    dets = [m.start() for m in _DETERMINER.finditer(text, max(q.start, q.end - 120), q.end)]
    if not dets or q.end - dets[-1] > 80:
        return
    start = dets[-1]
    while (m := _NP_OF_BEFORE.search(text, max(q.start, start - 60), start)) is not None:
        start = m.start()  # 'an overhaul of | the criminal justice system'
    if start > q.start:
        q.text = text[start:q.end]
        q.start = start


def _no_source_here(text: str, q: Quote) -> bool:
    """A find whose source opens a figure's or a table's caption ('Figure 2. State machine describing the major
    activities …': a caption says what is shown, nobody says it), or is the object of a preposition with an
    infinitive cue after it ('… have issued a joint open letter with the CPC to oppose the politicisation …': what
    the letter is for; nobody is said to oppose anything): no quote."""
    at = q.extra.get("speaker_start")
    if not q.speaker or not isinstance(at, int):
        return False
    if text[max(0, at - 30):at].rstrip().endswith((".", ":")) and _CAPTION_BEFORE.search(text, max(0, at - 30), at):
        # (a caption's label ends in '.' or ':', then only spaces: the pattern is tried only then)
        return True
    cue_at = q.extra.get("cue_start")
    end = at + len(q.speaker)
    return isinstance(cue_at, int) and cue_at >= end and text[end:cue_at].strip() == "to" \
        and _OBJECT_OF.search(text, max(0, at - 12), at) is not None


def title_case_line(text: str, at: int) -> bool:
    """Whether the line holding ``at`` is a title written in capitals ('Black Lawmakers Rip Donald Trump As A
    ‘Disgusting Fraud.’'): short, and nearly all its words of four letters or more capitalised."""
    # looked for near ``at`` only (a text that is one line of a megabyte is read in linear time)
    lo = text.rfind("\n", max(0, at - 400), at) + 1 if at > 400 else text.rfind("\n", 0, at) + 1
    hi = text.find("\n", at, at + 400)
    hi = hi if hi >= 0 else (len(text) if len(text) - at <= 400 else -1)
    if (lo == 0 and at > 400) or hi < 0 or hi - lo > 400:  # a paragraph, not a title
        return False
    words = [w.strip("‘’“”\"'(),.:;!?") for w in text[lo:hi].split()]
    if not 3 <= len(words) <= 30:
        return False
    long = [w for w in words if len(w) >= 4 and w[:1].isalpha()]
    return len(long) >= 2 and sum(w[:1].isupper() for w in long) >= 0.8 * len(long)


# A heading run into its paragraph: 'Success on Signature Issue: Mr. Ban focused on climate change …' (capitalised
# words, small ones between, then a colon)
_RUN_IN_HEADING = re.compile(r"[^\S\n]*((?:[A-Z][\w’'-]*|[a-z]{1,3})(?:[^\S\n]+(?:[A-Z][\w’'-]*|[a-z]{1,3})){1,8}):[^\S\n]")


def _common_words(phrase: str, people: People) -> bool:
    """Whether most of a phrase's words of four letters or more are words the text also writes in lower case."""
    long = [w.strip(".,’'").lower() for w in phrase.split() if len(w.strip(".,’'")) >= 4]
    return bool(long) and 2 * sum(w in people.lower_words for w in long) > len(long)


# a label's colon before a quotation: 'Mayor Jane Smith: "We will …"' names who speaks, a heading does not
_NAME_LABEL = re.compile(r"[^\S\n]*:[^\S\n]*[“\"‘']")


_TITLE_PREPOSITIONS = frozenset("""over under in on at to with after before from by against about into behind beyond
without versus vs""".split())


class _Headings:
    """Where the text's headings are: lines that are titles written in capitals ('Retired General Reveals
    ‘Demoralizing’ Experience Of Serving Under Obama.') and headings run into a paragraph ('Success on Signature
    Issue: Mr. Ban …'). Asked only of speakers (a few per text); a line is read once."""

    def __init__(self, text: str, people: People) -> None:
        self.text = text
        self.people = people
        self._lines: dict[int, tuple[bool, int]] = {}  # line start -> (a title line, end of a heading run in, or -1)
        self._outside: dict[int, bool] = {}  # id(person) -> named outside headings

    def _line(self, at: int) -> tuple[int, bool, int]:
        text = self.text
        lo = text.rfind("\n", max(0, at - 400), at) + 1
        if lo == 0 and at > 400:
            return -1, False, -1  # (no line start near: a paragraph)
        found = self._lines.get(lo)
        if found is None:
            m = _RUN_IN_HEADING.match(text, lo, min(len(text), lo + 120)) if 0 <= text.find(":", lo, lo + 120) else None
            run_in = m.end(1) if m is not None and sum(w[:1].isupper() for w in m.group(1).split()) >= 2 else -1
            found = self._lines[lo] = (self.people.headlines.get(lo, False), run_in)
        return lo, found[0], found[1]

    def holds(self, at: int, speaker: str = "") -> bool:
        """Whether ``at`` is in a heading; in a heading run in, the speaker is only a part of it (not a transcript's
        label, 'PENCE:' or 'Pat Caddell:')."""
        lo, title, run_in = self._line(at)
        return title or (at < run_in and (not speaker or at + len(speaker) < run_in or at > lo))

    def title(self, at: int) -> bool:
        """Whether ``at`` is in a line that is a title written in capitals."""
        return self._line(at)[1]

    def run_in(self, at: int) -> bool:
        """Whether ``at`` is in a heading run into a paragraph after the text's first line, one that says nothing
        ('Veto Power Impedes Peace Efforts: Eliminating …'; not 'According to HuffPo: “…”' nor a title's 'Poll:')."""
        lo, title, run_in = self._line(at)
        if title or lo <= 0 or at >= run_in:
            return False
        words = [w.strip("‘’“”\"'(),.;!?") for w in self.text[lo:run_in].split()]
        return not any(_says(w.lower()) or w.lower() in ("according", "per") for w in words)

    def named_outside(self, p: Person) -> bool:
        """Whether the text names ``p`` outside its headings (under any of p's names)."""
        found = self._outside.get(id(p))
        if found is None:
            people = self.people
            found = any(q is p and not self.holds(at) for q, at in zip(people.at, people.positions, strict=True))
            self._outside[id(p)] = found
        return found


# Words that open a clause or a quantity, never a noun phrase that speaks ('Although writing to memory …',
# 'Neither call threading nor …', 'Every call to an external function …')
_NOT_SPEAKER_START = frozenset("""although though because while whereas if unless since nor whether once until unlike
despite""".split())
# Words that never speak alone: 'Neither call threading nor inline threading perform …' cut after its first word
_LONE_QUANTIFIERS = frozenset("every neither either".split())
# A part of a document: 'Figure 7 shows', 'This section explains', 'Table 2 lists'
_DOC_LABEL = re.compile(r"^(?:(?:this|the|that|our|each|next|previous|following|above|below)\s+)?(?:figures?|figs?\.?|"
                        r"tables?|sections?|subsections?|chapters?|equations?|eqs?\.?|listings?|algorithms?|appendix|"
                        r"appendices|paragraphs?|footnotes?|lines?|steps?)(?:\s+(?:\d[\w.]*|[IVXivx]+|[A-Z]))?"
                        r"(?:\s*\(\w\))?$", re.I)


def cannot_speak(speaker: str, lower_words: frozenset[str] = frozenset()) -> bool:
    """A source no reader would take for one: a subordinator or a quantifier in front ('Although', 'Every'), a
    part of the document ('Figure 7', 'This section'), a lone verb form ('Dividing'). Such a find is no quote."""
    verdict = _cannot_speak(speaker)
    if verdict is None:  # one word in -ing: a verb form where the text also writes it in lower case
        return speaker.split()[0].lower().strip(",.;:") in lower_words
    return verdict


@functools.lru_cache(maxsize=1 << 14)  # (a text's sources repeat: 'he', 'she', 'Pierre')
def _cannot_speak(speaker: str) -> bool | None:
    """``cannot_speak`` by the source's words alone, None where it depends on the text's words. The text's words
    are no part of the cache's key: a key holding the text's set of words kept every text analysed alive, and
    a text analysed again (the same words, another set) compared two sets of ~20,000 words at each look-up
    (War and Peace's megabyte as one line after its prose: 3.4 -> 4.7 s CPU)."""
    words = speaker.split()
    if not words:
        return False
    first = words[0].lower().strip(",.;:")
    if first in _NOT_SPEAKER_START or _DOC_LABEL.match(speaker.strip(" ,.;:")) or (len(words) == 1 and first in _LONE_QUANTIFIERS):
        return True
    return None if len(words) == 1 and first.endswith("ing") else False


def _headless(words: list[str]) -> bool:
    """A noun phrase headed by a lower-case noun that never heads a source in the training articles ('function',
    'the overhead', 'Some bytecodes', 'One observation'), or a lone verb form ('Dividing'): a thing, not someone
    who speaks or holds a position."""
    from reader.analysis.sources import PRONOUNS as SOURCE_PRONOUNS
    from reader.analysis.sources import _heads as source_heads

    bare = [w.strip(",.;:()’'") for w in words]
    if not bare or not bare[-1] or any(w.lower() in SOURCE_PRONOUNS for w in bare) \
            or any(w[:1].isupper() for w in bare[1:]) or re.search(r"^[A-Z]\w*(?:’s|'s)$", words[0]):
        return False  # someone's: 'Obama and Clinton's gut reaction', 'TraceMonkey's design
    if len(bare) == 1 and bare[0].lower().endswith("ing"):
        return True
    head = re.sub(r"(?:’s|'s|’|')$", "", bare[-1])
    return head[:1].islower() and head.replace("-", "").isalpha() and head.lower() not in source_heads()


#: How far a transcript's turn runs on past its labelled paragraph, at most (the next label ends it first).
_TURN_REACH = 4000


def _turns(quotes: list[Quote]) -> list[Quote]:
    """A transcript's turns ('PENCE: Well, look, …'), in order: direct quotes cued by a label's colon, three
    or more (transcripts.transcript_turns makes them)."""
    found = [q for q in quotes if q.cue == ":" and q.kind == "direct" and q.speaker]
    return found if len(found) >= 3 else []


def _turn_at(turns: list[Quote], starts: list[int], at: int) -> Quote | None:
    """The turn whose paragraphs hold ``at``: the last turn before it, up to the next one (and _TURN_REACH)."""
    i = bisect.bisect_right(starts, at) - 1
    return turns[i] if i >= 0 and at - turns[i].start <= _TURN_REACH else None


def _cut_at_cue(text: str, q: Quote) -> None:
    """A speaker never holds its own cue: in a headline written in capitals ('Black Lawmakers Rip Donald Trump As
    A ‘Disgusting Fraud.’', 'Democrat Voters Worried About …') a name run swallows the verb and the words after it;
    the speaker is what comes before the cue ('Black Lawmakers'). (In prose a capitalised 'cue' is a name: Stevie
    Wonder.)"""
    if not q.speaker or "speaker_start" not in q.extra or "cue_start" not in q.extra:
        return
    a, c = int(q.extra["speaker_start"]), int(q.extra["cue_start"])
    if a < c < a + len(q.speaker) and q.cue and q.speaker[c - a:].lower().startswith(q.cue.split()[-1]) \
            and title_case_line(text, c):
        q.speaker = q.speaker[: c - a].rstrip(" ,;:") or None
        if q.speaker is None:
            q.extra.pop("speaker_start", None)


def _speech_word(word: str) -> bool:
    """'says', 'calls', 'rips': a verb of saying, of a position or a speech act (quotes.said_or_held's words)."""
    from reader.analysis.attribution_base import POSITION_CUES
    from reader.analysis.quotes import CUE, SPEECH_ACTS

    return bool(CUE.fullmatch(word)) or word in POSITION_CUES or word.startswith(SPEECH_ACTS)


def _written(lowered: str, word: str, end: int) -> bool:
    """Whether ``word`` is written in ``lowered[:end]`` as a word, or with one letter more or less at its end."""
    stem = word[:-1]
    i = lowered.find(stem, 0, end)
    while i >= 0:
        if i == 0 or not lowered[i - 1].isalnum():
            k = i + len(stem)
            while k < len(lowered) and lowered[k].isalnum() and k - i <= len(word):
                k += 1
            if lowered[i:k] in (stem, word) or (k - i == len(word) + 1 and lowered[i:k - 1] == word):
                return True
        i = lowered.find(stem, i + 1, end)
    return False


def _headline_name(text: str, people: People, p: Person | None, speaker: str, at: int) -> Person | None:
    """'Elizabeth Warren Hammers Wells Fargo CEO: …': in a headline written in capitals, a run of capitalised words
    that starts with a person's name the text writes elsewhere (Elizabeth Warren, Obama) is that person."""
    key = p.key if p is not None else _key(speaker)
    if len(key) < 2 or (p is not None and len(key) < 3) or not title_case_line(text, at):
        return p
    for n in range(len(key) - 1, 0 if p is None else 1, -1):
        if p is None and not _speech_word(key[n]):
            continue  # 'Clinton Campaign', 'Retired General': a name and a noun, not a name and its verb
        other = people.people.get(key[:n])
        if other is not None:
            other = people.fuller.get(other.key, other)
            if id(other) not in people.nonpersons and len(other.mentions) + other.count > 2:
                return other
    return p


def _cut_headline_verb(group: str, lower_words: frozenset[str]) -> str:
    """'Obama Says African-American Museum Will Tell …' in a headline written in capitals: the name ends before
    the first word the text writes in lower case elsewhere ('says'), so the headline is no name ('Obama')."""
    words = group.split()
    k = next((i for i, w in enumerate(words) if i and w.lower() in lower_words and w.lower() not in _LOWER_IN_NAMES
              and w.lower() not in _PARTICLES), 0)
    return " ".join(words[:k]) if k else group


def _merged(spans: Iterable[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Spans sorted and joined where they overlap: their starts and their ends."""
    merged: list[tuple[int, int]] = []
    for a, e in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((a, e))
    return [a for a, _ in merged], [e for _, e in merged]


def _fold(p: Person, into: Person) -> None:
    """Count what is read of ``p``'s mentions as ``into``'s."""
    into.male += p.male
    into.female += p.female
    into.titles |= p.titles
    into.weak_male += p.weak_male
    into.weak_female += p.weak_female
    into.placed += p.placed
    into.the += p.the
    into.count += p.count


# Who a newspaper quotes without naming: "a source", "the spokesman", "officials"
_ANONYMOUS = frozenset("source sources spokesman spokeswoman spokesperson official aide insider operative".split())
_DETERMINERS = frozenset("the a an another one two three some several".split())
_SOURCE_AFTER = re.compile(r"[”\"’]?,[”\"’]?[^\S\n]+(?P<np>(?:the|a|an|another|one)[^\S\n]+(?:[\w-]+[^\S\n]+){0,3}?"
                           r"(?:source|sources|spokesman|spokeswoman|spokesperson|official|officials|aide|aides))"
                           r"[^\S\n]+(?:added|said|says|told|explained|noted|continued|insisted|wrote)\b")
_CAP_RUN = r"[A-Z][\w’'-]*\w(?:[^\S\n]+(?:[A-Z]\.|[A-Z][\w’'-]*\w))+"
# '…, the losses would outstrip the gains, said Batchelder.': a name right after the verb of saying that follows the
# content ('said Jeffrey N. Trimble, a senior official'), or between the content and that verb ('…, Batchelder said')
_NAMED = r"(?P<np>(?:(?:[A-Z]\.|[A-Z][\w’'-]*\w\.?)[^\S\n]+)*[A-Z][\w’'-]*\w)"
_SAID_THEN_NAME = re.compile(rf"[^\S\n]+{_NAMED}\b")
_NAME_THEN_SAID = re.compile(rf"[”\"’]?,?[”\"’]?[^\S\n]+{_NAMED}[^\S\n]+$")
_SAYING = frozenset("said says told added wrote explained noted continued insisted argued asked".split())


def _source_outside(text: str, q: Quote) -> None:
    """The attribution after a content names its source: '…, the losses would outstrip the gains, said
    Batchelder.' ('said NAME' after a comma: the inverted order leaves no other subject to the verb), or '…, the
    gains, Batchelder said' where the source found lies inside the words it is said to have said ('they' in '…
    the standard deduction they take'). (A content with its cue inside it, 'The benefit, it says, would be …',
    keeps its source.)"""
    at, cue_at = q.extra.get("speaker_start"), q.extra.get("cue_start")
    if not (q.speaker and isinstance(at, int) and isinstance(cue_at, int) and q.end <= cue_at and at < cue_at
            and q.cue.lower() in _SAYING):
        return
    m = None
    if _COMMA_BEFORE.search(text, max(0, cue_at - 4), cue_at) \
            and text[at + len(q.speaker):cue_at].strip(" ,\xa0”\"’") != "":  # ('McConnell, R-Ky., said Tuesday')
        m = _SAID_THEN_NAME.match(text, cue_at + len(q.cue))
    if m is None and q.start <= at < q.end:
        m = _NAME_THEN_SAID.match(text, q.end, cue_at)
    if m is None or m.group("np").split()[0] in _NOT_NAME_START or _is_time(m.group("np")) \
            or m.group("np").endswith(("’s", "'s")):  # ('said Trump’s aide': the aide)
        return
    words = m.group("np").split()
    cut = next((i for i, w in enumerate(words) if i and w in _NOT_NAME_START), len(words))
    q.speaker = " ".join(words[:cut])  # ('replied Nesvítski He …' in a text with no sentence ends: Nesvítski)
    q.extra["speaker_start"] = m.start("np")


_COMMA_BEFORE = re.compile(r",[”\"’]?[^\S\n]*$")
_NOT_NAME_START = frozenset("The A An This That It He She They We I You But And Or So Then".split())


def _source_noun_near(text: str, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] holds a noun _SOURCE_AFTER looks for (a quick test before the pattern is tried)."""
    window = text[lo:hi]
    return "source" in window or "spokes" in window or "official" in window or "aide" in window


def _anonymous(speaker: str, people: People) -> str:
    """The noun of a source that names nobody ('one GOP source in the room' -> 'source'), or ''. A source
    'for' or 'of' someone named ('a spokeswoman for Hillary Clinton') names whose it is: not anonymous."""
    words = speaker.split()
    k = next((i for i, w in enumerate(words) if w.lower() in _PREPOSITIONS or w.lower() in ("who", "familiar")),
             len(words))
    if k == 0 or any(w[:1].isupper() for w in words[k + 1:]):
        return ""
    head = words[k - 1].lower().strip(",.")
    if any(w.lower() in ("his", "her", "their") or (w[:1].isupper() and (o := people.person(w)) is not None
                                                       and id(o) not in people.nonpersons) for w in words[1:k - 1]):
        return ""  # "Clinton aide", "his aide": whose
    return head if head in _ANONYMOUS else ""


@functools.lru_cache(maxsize=64)
def _holder_pattern(noun: str) -> re.Pattern[str]:
    return re.compile(rf"\b{noun}[^\S\n]+(?P<a>{_CAP_RUN})|(?P<b>{_CAP_RUN}),[^\S\n]+(?:a|an|the)[^\S\n]+"
                      rf"(?:[\w-]+[^\S\n]+){{0,3}}?{noun}\b")


def _named_holder(text: str, people: People, noun: str, at: int) -> Person | None:
    """'the spokesman': the one the text named with that noun last, within a few paragraphs before
    ('Clinton campaign spokesman Brian Fallon', 'Hope Hicks, a campaign spokeswoman')."""
    found = None
    for m in _holder_pattern(noun).finditer(text, max(0, at - 3000), at):
        found = m.group("a") or m.group("b")
    return people.person(found) if found else None


_THE_NOUN = re.compile(r"^the[^\S\n]+([a-z][a-z-]+)$", re.I)


# 'Donald Trump’s presidential campaign' (a possessive, then at most one word), 'the Clinton campaign' (a name
# between the article and the noun): the words before the noun
_OWNER = r"((?:[A-Z][\w'’-]*\w[^\S\n]+)*[A-Z][\w'’-]*\w)"
_OWNER_BEFORE_NOUN = re.compile(rf"(?:{_OWNER}(?:’s|'s)(?:[^\S\n]+[a-z][\w-]*)?|\b(?:the|The)[^\S\n]+{_OWNER})[^\S\n]+$")


def _owner_before(text: str, people: People, speaker: str, at: int, window: int = 3000) -> str | None:
    """'the campaign' (a thing that names no one, 'Campaign' as a group) after 'Donald Trump’s presidential campaign'
    or 'the Clinton campaign': whose it is, the last time the text says so, within a few paragraphs before ('Trump
    campaign', 'Trump’s campaign'). Not a poll, a document or a medium (listed apart as such). (The noun is looked
    for as a string, the words before it only where it is written.)"""
    m = _THE_NOUN.match(speaker)
    if m is None:
        return None
    noun = m.group(1).lower()
    lo = max(0, at - window)
    i = text.rfind(noun, lo, at)
    if i <= lo or is_document(m.group(1)):  # (the cheap test first)
        return None
    while i > lo:
        after = i + len(noun)
        if text[i - 1] in " \xa0" and (after >= len(text) or not text[after].isalnum()) \
                and (found := _OWNER_BEFORE_NOUN.search(text, max(lo, i - 80), i)) is not None:
            g = 1 if found.group(1) else 2
            owner = people.person(found.group(g), found.start(g))
            if owner is None or (id(owner) in people.nonpersons and not owner.place) or not (
                    owner.called_he_or_she or id(owner) in people.speaking):
                return None
            return f"{owner.display.split()[-1]}{'’s' if g == 1 else ''} {noun}"
        i = text.rfind(noun, lo, i)
    return None


_JOINT_SPLIT = re.compile(r"[^\S\n]*,[^\S\n]*(?:and[^\S\n]+)?|[^\S\n]+and[^\S\n]+")


@functools.lru_cache(maxsize=1024)
def _says(word: str) -> bool:
    """A verb of saying ('said', 'asked', 'replied'): a cue's last word (they repeat: read once)."""
    return CUE.fullmatch(word) is not None


def _joint(people: People, speaker: str, at: int) -> str | None:
    """'Sherrod Brown (D-Ohio) and Robert Menendez (D-N.J.)', 'both Vindman and Williams', 'Cruz, Rubio and Paul':
    two to four people the text names, each a name of its own, said it together: the group is all of them ('Sherrod
    Brown and Robert Menendez'). Not a name with 'and' in it ('Securities and Exchange Commission'), not a name and
    a description ('Joseph and other community members', 'founder and CEO of …'). Places may say it together too
    ('Argentina and Chile')."""
    bare = _PARENS.sub("", speaker).strip()
    if bare[:5].lower() == "both ":
        bare = bare[5:]
    parts = _JOINT_SPLIT.split(bare)
    if not 2 <= len(parts) <= 4 or not all(part[:1].isupper() for part in parts):
        return None
    found: dict[int, Person] = {}
    for part in parts:
        if not all(w[:1].isupper() or w.lower().strip(".") in TITLES or w in _PARTICLES for w in part.split()):
            return None
        p = people.person(part, at)
        if p is None or (id(p) in people.nonpersons and not p.place) or p.role_word or len(_key(part)) == 0:
            return None
        found[id(p)] = p
    if len(found) != len(parts):
        return None
    names = [p.display for p in found.values()]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _without_lower_first(speaker: str, people: People) -> Person | None:
    """'Rival Hillary Clinton' at a sentence start: the person named after a first word the text writes in lower
    case (someone called he or she)."""
    words = speaker.split()
    if len(words) >= 3 and words[0].lower() in people.lower_words and words[0].lower() not in _NOT_NAME:
        p = people.person(" ".join(words[1:]))
        if p is not None and p.called_he_or_she:
            return p
    return None


def _introduced(text: str, people: People, speaker: str, at: int) -> Person | None:
    """'China's ambassador to Britain said' where the text, near by, writes 'China's ambassador to Britain Liu
    Xiaming': the person that description introduces."""
    words = speaker.split()
    if len(words) < 2 or not any(w.lower() in _ROLES or w.lower() in _OFFICES for w in words):
        return None
    after = re.compile(rf"[^\S\n]+({_CAP_RUN})")
    lo, hi = max(0, at - 3000), min(len(text), at + 3000)
    i = text.find(speaker, lo, hi)
    while i >= 0:
        m = after.match(text, i + len(speaker))
        if m is not None:
            p = people.person(f"{speaker} {m.group(1)}")
            if p is not None:
                return p
        i = text.find(speaker, i + 1, hi)
    return None


def _title_group(speaker: str) -> str:
    """'the count', 'The Count' -> 'The count': a title alone, said of someone the text does not name here."""
    words = [w for w in speaker.split() if w.lower() not in ("the", "a", "an")]
    return "The " + " ".join(words).lower() if words else speaker_group(speaker)


# what lies between a name and the 'who' that stands for it: nothing, a party, an apposition ('Marc Morial, the chief
# executive of the League, who'), a place ('Sen. Tom Udall of New Mexico, who'), a few words and a comma
_BEFORE_WHO = re.compile(r"\.?[^\S\n]*(?:\([^()\n]{0,30}\)[^\S\n]*)?(?:(?:(?:of|from)[^\S\n]+[A-Z][^,;\n]{0,40}|"
                         r"(?:[a-z]+[^\S\n]+){0,2}[a-z]+)?,.*|(?:of|from)[^\S\n]+[A-Z][^,;\n]{0,40})?", re.S)
# a description set after a name: ', the chief executive of the League', ', a Texas developer', ', 59, of Ashton'
# (not ', and …')
_APPOSITION = re.compile(r",[^\S\n]+(?!(?:and|or|but|nor|while|as)\b)(?:[a-z0-9]|(?:[A-Z][\w’'.-]*[^\S\n]+)+[a-z])")
_RELATIVE_WORD = re.compile(r"(?<![\w’'-])(?:who|whom|whose)(?![\w’'-])")


def _antecedent_of_who(text: str, people: People, offset: int) -> Person | None:
    """'Marc Morial, the chief executive of the League, who said': the person named just before 'who', or at the
    head of the apposition before it (Morial, not the League); nobody when the name is not next to the 'who'
    ('Mr. Obama told the lawmakers … and millions watching at home who')."""
    i = bisect.bisect_left(people.positions, offset)
    found: Person | None = None
    while i > 0:
        at = people.positions[i - 1]
        name = _name_at(text, at)  # (a sentence end after the name, not in it: 'Sen. Tom Udall of New Mexico, who')
        if offset - at > 200 or _SENTENCE_END.search(text, at + len(name), offset) \
                or re.search("[;:“”\"]", text[at:offset]) or _RELATIVE_WORD.search(text, at + len(name), offset):
            break  # (not past another 'who': 'Mr. Carson, who claimed …, and Donald J. Trump, who suggested')
        p = people.at[i - 1]
        if p.not_a_person:
            i -= 1
            continue
        if (found is None and _BEFORE_WHO.fullmatch(text, at + len(name), offset)) \
                or _APPOSITION.match(text, at + len(name)):
            found = p
        i -= 1
    return found


_APPOSED_TO = re.compile(rf"({_CAP_RUN}|[A-Z][\w’'-]*\w),[^\S\n]+(?:(?:now|then|also|currently|formerly|once|still|"
                         rf"himself|herself)[^\S\n]+)?$")


def _apposed(text: str, people: People, speaker: str, at: int) -> Person | None:
    """'McConnell, now the Senate majority leader, who said': a description (an article, then words in lower case or
    a title) set beside the name just before it is that person."""
    words = speaker.split()
    if len(words) < 2 or words[0].lower() not in ("the", "a", "an") or not any(
            w.lower().strip(".,") in _ROLES or w.lower().strip(".,") in _OFFICES for w in words[1:]):
        return None
    m = _APPOSED_TO.search(text, max(0, at - 60), at) if at > 0 else None
    if m is None:
        return None
    p = people.person(m.group(1), m.start(1))
    return p if p is not None and id(p) not in people.nonpersons and not p.not_a_person else None


def _name_at(text: str, at: int) -> str:
    m = _NAME.match(text, at)
    return m.group() if m else ""


# Adverbs a speaker's mention may run on into ('Obama often said', 'Mook further argued')
_ADVERBS = frozenset("often further also again still later never always once then now too first alone".split())
_RELATIVE_LEAD = re.compile(r"^(?:which|who|whom|that|unlike|like|as|while|whereas|and|but)\s+", re.I)


@functools.lru_cache(maxsize=1 << 14)
def core_name(speaker: str) -> str:
    """The part of a source that names the person: 'Kevin Barrett, a lawyer at Bailey & Glasser, who ...' ->
    'Kevin Barrett'; 'which Mr. Clarke' -> 'Mr. Clarke'. A source without a name stays as written."""
    s = _RELATIVE_LEAD.sub("", speaker)
    parts = s.split(",")
    head = parts[0].strip()
    last = parts[-1].split()
    if len(parts) >= 2 and head.split()[0].lower() in ("the", "a", "an", "his", "her", "their") and \
            head.split()[1:2] != [] and head.split()[1][:1].islower() and 1 <= len(last) <= 4 and \
            all(w[:1].isupper() for w in last) and last[0].lower() not in _NOT_NAME:
        return " ".join(last)  # 'The daughter of Aung San, the Burmese leader who …, Suu Kyi': the name at the end
    if head != s and re.search(r"\b[A-Z][a-z]", head) and len(head.split()) <= 5:
        return head
    return s


def _speaker_offset(q: Quote) -> int:
    return int(q.extra.get("speaker_start", q.start))


# -- mending a speaker from the text around it ------------------------------------------------------------------

_NAME_AFTER_ABBREVIATION = re.compile(rf"\.{_SP}((?:[A-Z][\w’'-]*\w{_SP})*[A-Z][\w’'-]*\w)(?=[\s,.;:!?)]|$)")
_NAME_BEFORE_PARENTHESIS = re.compile(rf"(?:^|(?<=\s))((?:[A-Z][\w’'.-]*{_SP})*[A-Z][\w’'-]*\w){_SP}\($")
_NAME_BEFORE_COMMA = re.compile(rf"(?:^|(?<=[\s“\"(]))((?:[A-Z][\w’'.-]*{_SP})*[A-Z][\w’'-]*\w),[^\S\n]*$")
_ROLE_THEN_NAME = re.compile(rf"{_SP}(?P<roles>(?:[a-z][\w-]*{_SP}){{1,3}})(?P<name>[A-Z][\w’'-]*\w"
                             rf"(?:{_SP}(?:[A-Z]\.|[A-Z][\w’'-]*\w))*)(?=[\s,.;:!?)])")
_CAP_WORD_AFTER = re.compile(r"[^\S\n]([A-Z][\w’'-]*\w)(?=[\s,.;:!?)]|$)")
_CAP_WORD_BEFORE = re.compile(r"(?:^|(?<=[^\S\n]))([A-Z][\w’'-]*\w)[^\S\n]$")
_SENTENCE_END_BEFORE = re.compile(r"(?:^|[.!?:;“”\"]\s*)$")


def _speaker_span(text: str, q: Quote) -> tuple[int, int] | None:
    """Where the speaker is written in the text: where the model said, or else the nearest place before the
    quote (in its sentence) or just after it."""
    if not q.speaker:
        return None
    n = len(q.speaker)
    if "speaker_start" in q.extra:
        s = int(q.extra["speaker_start"])
        i = text.find(q.speaker, max(0, s - 5), s + n + 40)
    else:
        i = text.rfind(q.speaker, max(0, q.start - 200), q.start)
        if i < 0 or _SENTENCE_END.search(text, i + n, q.start):
            i = text.find(q.speaker, q.end, q.end + 80 + n)
    return (i, i + n) if i >= 0 else None


def _space_then(text: str, at: int, test: Callable[[str], bool]) -> bool:
    """Whether text[at] is a space within the line and text[at + 1] passes ``test``: what the patterns of a word
    after a speaker need, tested before they run."""
    return at + 1 < len(text) and text[at] != "\n" and text[at].isspace() and test(text[at + 1])


def mend_speaker(text: str, q: Quote, people: People) -> None:
    """Make a cut or misplaced speaker whole, from the text around it (see the module's notes)."""
    span = _speaker_span(text, q)
    if span is None or not q.speaker:
        return
    a, e = span
    speaker = q.speaker
    if len(speaker) <= 4 and speaker.isalpha() and speaker[:1].isupper():
        # 'said Del. Stacey Plaskett': an abbreviated title the source was cut at; the name after it speaks
        m = _NAME_AFTER_ABBREVIATION.match(text, e, min(len(text), e + 80))
        if m is not None and m.group(1).split()[0].lower() not in _NOT_NAME:
            q.speaker = m.group(1)
            q.extra["speaker_start"] = m.start(1)
            return
        # 'Attorney General Roy Cooper (D), …, saying': a party in parentheses after a name; the name speaks
        if 0 < a and text[a - 1] == "(" and text.startswith(")", e):
            m = _NAME_BEFORE_PARENTHESIS.search(text, max(0, a - 80), a)
            if m is not None and m.group(1).split()[0].lower() not in _NOT_NAME:
                q.speaker = m.group(1)
                q.extra["speaker_start"] = m.start(1)
                return
    if speaker.split()[0].lower() in ("via", "through"):
        # "Richardson, via USA Today, said": the paper carried it; the name before the comma said it
        m = _NAME_BEFORE_COMMA.search(text, max(0, a - 80), a)
        if m is not None and m.group(1).split()[0].lower() not in _NOT_NAME:
            q.speaker = m.group(1)
            q.extra["speaker_start"] = m.start(1)
        return
    # (_subject_after needs a comma right after the speaker: looked at first, it spares most quotes the rest)
    subject = _subject_after(text, e, q.cue) if text.startswith(",", e) and _introductory(speaker, people.lower_words) \
        else None
    if subject is not None:
        k = text.find(subject, e)
        q.speaker = subject
        q.extra["speaker_start"] = k
        return
    if _space_then(text, e, str.islower) and (opened := _after_opening_clause(text, a, e, speaker, people)) is not None:
        q.speaker = text[opened[0]:opened[1]]
        q.extra["speaker_start"] = opened[0]
        return
    words = speaker.split()
    if words[-1][:1].isupper() and words[-1].strip(".,") == words[-1]:
        # "British Prime Minister Theresa" + " May said": the rest of the name, up to the cue
        while _space_then(text, e, str.isupper) and \
                (m := _CAP_WORD_AFTER.match(text, e, min(len(text), e + 40))) is not None:
            if m.group(1).lower() in _NOT_NAME or people.is_place(m.group(1)):
                break
            e = m.end()
        # "Republican" + " nominee Donald Trump, ... criticized": a job word, then the name it describes
        # (the pattern is tried only where the word after the space is a job word: most speakers have none)
        m = _ROLE_THEN_NAME.match(text, e, min(len(text), e + 80)) if e == span[1] and _space_then(
            text, e, str.islower) and text[e + 1:e + 24].split(None, 1)[0].lower() in _ROLES else None
        if m is not None and all(w.lower() in _ROLES for w in m.group("roles").split()):
            e = m.end()
    if words[0][:1].isupper():
        # "Monetary Fund" after "International": the start of the name, not across a sentence start
        while a > 1 and text[a - 1] != "\n" and text[a - 1].isspace() and (text[a - 2].isalnum() or text[a - 2] == "_"):
            m = _CAP_WORD_BEFORE.search(text, max(0, a - 40), a)  # (only after a space that follows a word)
            if m is None or m.group(1).lower() in _NOT_NAME or m.group(1).lower().strip('.') in TITLES or \
                    people.is_place(m.group(1)):
                break
            if _SENTENCE_END_BEFORE.search(text, max(0, m.start() - 3), m.start()) and \
                    m.group(1).lower() in people.lower_words:
                break  # "Yesterday Monetary Fund ...": a word at a sentence start the text writes in lower case
            a = m.start()
    if (a, e) != span:
        q.speaker = text[a:e]
        q.extra["speaker_start"] = a


_SENTENCE_END = re.compile("(?<![A-Z])[.!?][”\"’]?\\s+[“\"]?[A-Z]|\n")
_TIME_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december week month year morning afternoon evening night day weekend
end start beginning middle today yesterday tonight tomorrow the of in on at by last this next early late earlier
later""".split())


def _named_at_cue(text: str, q: Quote) -> bool:
    """'Day said the radical language …', 'May told MPs': one capitalised word written just before the cue, its
    subject, is a name, not a time."""
    at, cue_at = q.extra.get("speaker_start"), q.extra.get("cue_start")
    return q.speaker is not None and " " not in q.speaker.strip() and q.speaker[:1].isupper() \
        and isinstance(at, int) and isinstance(cue_at, int) and not text[at + len(q.speaker):cue_at].strip()


@functools.lru_cache(maxsize=1 << 14)
def _is_time(speaker: str) -> bool:
    """'the end of March', 'Wednesday', 'In June': when, not who."""
    words = [w.strip(".,").lower() for w in speaker.split()]
    return bool(words) and all(w in _TIME_WORDS for w in words) and any(w not in _NOT_SUBJECT_END for w in words)


def _introductory(speaker: str, lower_words: frozenset[str]) -> bool:
    """An opening adverb or phrase, not a name: 'Overall', 'Still', 'In June', 'Speaking to veterans'."""
    words = speaker.split()
    first = words[0].lower()
    if first.endswith("ing") or first in _OPENING_WORDS:
        return True
    return len(words) == 1 and first in lower_words and not speaker.isupper()


_OPENING_WORDS = frozenset("""overall still instead however meanwhile moreover indeed also yet then now later earlier
today yesterday tonight in on at after before during since by for with without clear asked separately""".split())


def _after_opening_clause(text: str, a: int, e: int, speaker: str, people: People) -> tuple[int, int] | None:
    """'Adopting the recommendations of a hearing officer …, the board of elections on Monday rejected',
    'Reached by phone on Tuesday, Joyce … told': a participle opening the sentence is no source; the subject of the
    clause after the opening phrase's comma is. Where that subject is written, or None."""
    first = speaker.split()[0]
    if not (first[:1].isupper() and first.lower().endswith(("ing", "ed")) and len(first) > 4
            and _introductory(speaker, people.lower_words)) or not _SENTENCE_END_BEFORE.search(text, max(0, a - 3), a):
        return None
    c = text.find(",", e, min(len(text), e + 160))
    if c < 0 or any(ch in text[e:c] for ch in "\n.!?;:“”\"") or not all(w[:1].islower() for w in speaker.split()[1:]):
        return None
    span = source_np_at(text, c + 1, min(len(text), c + 120))
    return span if span is not None and source_head_ok(text[span[0]:span[1]]) else None


def _subject_after(text: str, e: int, cue: str) -> str | None:
    """'Overall, the fund predicted': the noun phrase between a comma after the speaker and the cue."""
    if not cue or not cue[:1].isalpha() or not text.startswith(",", e):
        return None
    m = _subject_then(cue).match(text, e, min(len(text), e + 120))
    if m is None:
        return None
    np = m.group("np").strip()
    words = np.lower().split()
    if not 1 <= len(words) <= 8 or words[0] in _NOT_SUBJECT_START or words[-1] in _NOT_SUBJECT_END:
        return None
    return np if valid_speaker(np) or words[0] in ("the", "a", "an", "its", "his", "her", "their") else None


@functools.lru_cache(maxsize=4096)
def _subject_then(cue: str) -> re.Pattern[str]:
    return re.compile(rf",[^\S\n]*(?P<np>[^,.;:!?“”\"\n]{{2,80}}?)[^\S\n]+(?:(?:has|have|had|also|\w+ly)[^\S\n]+)*"
                      rf"{re.escape(cue)}\b", re.I)


_NOT_SUBJECT_START = frozenset("that which what when where while if as because and but or so to of in on at".split())
_NOT_SUBJECT_END = frozenset("the a an of to in on at by for with and or but is are was were be has have had".split())
