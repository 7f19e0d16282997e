"""One person, one name: who each quote's speaker is.

A speaker as written ("he", "Xi", "General Secretary Xi Jinping", "Trump")
becomes a *person*, the name the panel groups by:

- names are gathered from the whole text (runs of capitalised words) and
  joined when one is part of another ("Xi" and "Xi Jinping"; "Trump" and
  "Donald Trump"); the person is shown by the fullest form, titles left out
  ("General Secretary Xi Jinping" and "President Xi" are "Xi Jinping");
- a pronoun ("he", "she") stands for the nearest name before it whose
  gender agrees; the gender of a name is read from the pronouns that follow its
  mentions ("Anna Pávlovna ... she") and from titles (Mrs, Prince);
- a pronoun with nobody to stand for, and "they", "we", "you", are not a
  person: such quotes go under "Unnamed".

One pass over the text's capitalised words: linear in the text's size.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from reader.analysis.quotes import Quote, speaker_group

UNNAMED = "Unnamed"
AUTHOR = "The author"
MALE = frozenset("he him his himself".split())
FEMALE = frozenset("she her hers herself".split())
_MALE_TITLES = frozenset("mr mr. monsieur sir lord prince count king duke baron emperor father brother uncle".split())
_FEMALE_TITLES = frozenset("mrs mrs. ms ms. miss madame mme lady princess countess queen duchess baroness empress "
                           "mother sister aunt".split())
TITLES = frozenset(
    """mr mrs ms miss dr prof professor sir lord lady king queen prince princess count countess duke duchess baron
    baroness emperor empress madame monsieur mme general colonel captain major lieutenant sergeant admiral president
    vice senator sen rep representative gov governor mayor secretary minister prime chancellor premier chairman
    chairwoman judge justice pope bishop father mother sister brother uncle aunt comrade speaker leader former the
    gen col capt lt sgt adm rev hon state attorney chief first""".split()
)
# Capitalised words that are not names at the start of a name run.
_NOT_NAME = frozenset(
    """the a an and but or so if when while then this that these those he she it they we i you his her their our
    my your its there here what who why how where in on at by for from with of to as after before since during
    yes no not all some many most every each one mr mrs ms dr st however meanwhile still yet now also later earlier
    today yesterday tomorrow tonight instead perhaps maybe even only just asked speaking according said says
    unlike like which whom whose whereas although though because i’ll i’m i’ve i’d i'll i'm i've i'd""".split()
)
_NAME = re.compile(r"(?:(?:[A-Z][\w’'-]*\w|[A-Z]\.|(?:Mr|Mrs|Ms|Dr|St|Gen|Gov|Sen|Rep|Lt|Col|Capt|Prof)\.)[ \t]+"
                   r"(?:(?:de|von|van|la|le|du|al|bin)[ \t]+)?)*[A-Z][\w’'-]*\w")
_WORD = re.compile(r"[A-Za-z]+")
_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z][a-z’'-]*\b")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n|[“\"‘(]\s*)(?=\w)")


def _key(name: str) -> tuple[str, ...]:
    """The words of a name without titles: 'General Secretary Xi Jinping' -> ('xi', 'jinping')."""
    words = [w.strip(".,").lower() for w in name.split()]
    words = [w[:-2] if w.endswith(("’s", "'s")) else w for w in words]
    while words and words[0] in TITLES:
        words.pop(0)
    return tuple(w for w in words if w)


@dataclass
class Person:
    key: tuple[str, ...]
    display: str
    male: int = 0
    female: int = 0
    mentions: list[int] = field(default_factory=list)

    @property
    def gender(self) -> str | None:
        if self.male > 2 * self.female:
            return "m"
        if self.female > 2 * self.male:
            return "f"
        return None


def _display(name: str) -> str:
    words = name.split()
    while words and words[0].strip(".,").lower() in TITLES and len(words) > 1:
        words.pop(0)
    out = " ".join(words)
    return re.sub(r"[’']s$", "", out)


class People:
    """The people named in a text, each mention placed at its offset."""

    def __init__(self, text: str, speakers: set[tuple[str, ...]] | None = None) -> None:
        self.speakers = speakers or set()
        self.people: dict[tuple[str, ...], Person] = {}
        self.positions: list[int] = []
        self.at: list[Person] = []
        lower_words = set(_LOWER_WORD.findall(text))
        for m in _NAME.finditer(text):
            words = m.group().split()
            while words and words[0].strip(".,").lower() in _NOT_NAME:
                words.pop(0)
            # "Later Xi said": a capitalised first word of a sentence that the text also writes in lower case
            if words and words[0] == m.group().split()[0] and words[0].lower() in lower_words and \
                    _SENTENCE_START.search(text, max(0, m.start() - 3), m.start() + 1):
                words.pop(0)
            for k, w in enumerate(words):  # "Natásha’s Italian": the name ends at the possessive
                if w.endswith(("’s", "'s")) and k + 1 < len(words):
                    words = words[:k + 1]
                    break
            if not words:
                continue
            name = " ".join(words)
            key = _key(name)
            if not key or all(w in _NOT_NAME for w in key):
                continue
            if len(key) == 1 and m.start() > 0 and text[max(0, m.start() - 2):m.start()].strip() in (".", "“", '"', ""):
                if name.lower() in _NOT_NAME:
                    continue
            p = self.people.get(key)
            if p is None:
                p = self.people[key] = Person(key, _display(name))
            title = m.group().split()[0].strip(".,").lower()
            if title in _MALE_TITLES:
                p.male += 3
            elif title in _FEMALE_TITLES:
                p.female += 3
            after = text[m.end():m.end() + 80]
            follow = _WORD.findall(re.split(r"[.!?]", after, maxsplit=1)[0].lower())[:12]  # this sentence only
            for w in follow:
                if w in MALE:
                    p.male += 1
                    break
                if w in FEMALE:
                    p.female += 1
                    break
            p.mentions.append(m.start())
            self.positions.append(m.start())
            self.at.append(p)
        self._merge()

    def _merge(self) -> None:
        """'Xi' and 'Jinping' belong to 'Xi Jinping' when only one fuller name holds them.
        A fuller name counts when it is a person's: someone quoted, or someone
        referred to as he or she ('Xi Jinping', not 'Xi Jinping Thought')."""
        fuller: dict[tuple[str, ...], Person] = {}
        longer = sorted(self.people.values(), key=lambda p: -len(p.key))
        by_part: dict[tuple[str, ...], list[Person]] = {}  # each contiguous part of a name -> the names holding it
        for p in longer:
            n = len(p.key)
            for i in range(n):
                for j in range(i + 1, min(n, i + 4) + 1):
                    if j - i < n:
                        by_part.setdefault(p.key[i:j], []).append(p)
        for p in longer:
            # a fuller name counts when it is a person's: quoted, or called he or she, or the same
            # surname after a given name ("Tom Clarke" for "Clarke"; not "Xi Jinping Thought" for "Xi Jinping")
            cands = [q for q in by_part.get(p.key, []) if q.gender is not None or q.key in self.speakers
                     or (len(q.key) <= 3 and q.key[-len(p.key):] == p.key and not self._place_before(q, p))]
            cands = [fuller.get(q.key, q) for q in cands]
            roots = {id(q): q for q in cands}
            if len(roots) == 1:
                root = next(iter(roots.values()))
                fuller[p.key] = root
                root.male += p.male
                root.female += p.female
        for i, p in enumerate(self.at):
            self.at[i] = fuller.get(p.key, p)
        self.fuller = fuller
        self.speaking = {id(fuller.get(k, self.people[k])) for k in self.speakers if k in self.people}

    def _place_before(self, q: Person, p: Person) -> bool:
        """'Petersburg Pierre' ('in Petersburg Pierre saw ...') is not Pierre's full name: the words before the
        surname are a name of their own, written alone far more often than the pair."""
        other = self.people.get(q.key[:len(q.key) - len(p.key)])
        return other is not None and len(other.mentions) >= max(3, 3 * len(q.mentions))

    def person(self, name: str) -> Person | None:
        key = _key(name)
        p = self.people.get(key)
        if p is None:
            return None
        return self.fuller.get(key, p)

    def before(self, offset: int, gender: str | None, window: int = 2000) -> Person | None:
        """The nearest person named before ``offset`` whose gender agrees: first among
        the people quoted in the text (a pronoun that speaks mostly stands for
        someone who speaks elsewhere), then among everyone named."""
        lo = bisect.bisect_left(self.positions, offset - window)
        hi = bisect.bisect_left(self.positions, offset)
        for speakers_only in (True, False):
            for i in range(hi - 1, lo - 1, -1):
                p = self.at[i]
                if (speakers_only and id(p) not in self.speaking) or p.key in _NOT_ANTECEDENTS:
                    continue
                if p.gender == gender if gender is not None else True:
                    return p
                if speakers_only and p.gender is None and gender is not None:
                    return p  # quoted, gender not read: the nearest speaker
        return None


# Capitalised words that a "he" or "she" never stands for: peoples and languages ("the French army ... he"),
# and the exclamation "Great God!"
_NOT_ANTECEDENTS = frozenset((w,) for w in """french russian russians german germans austrian austrians english
british american americans italian italians polish prussian prussians swedish turkish turks chinese japanese
spanish dutch greek latin european europeans god""".split()) | {("great", "god"), ("good", "god"), ("my", "god")}

_PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}


def assign_people(text: str, quotes: list[Quote]) -> None:
    """Set each quote's ``extra['group']``: the person (fullest name) or a group
    noun phrase, never a pronoun."""
    people: People | None = None
    for q in quotes:
        spk = core_name((q.speaker or "").strip())
        low = spk.lower()
        if " " not in low:  # "I’ll", "he’d": the pronoun
            low = re.split(r"[’']", low)[0] or low
        if not spk:
            q.extra["group"] = "Unattributed"
            continue
        if people is None:
            people = People(text, {_key(q.speaker) for q in quotes if q.speaker})
        if low in _PRONOUN_GENDER:
            p = people.before(q.start if q.start < _speaker_offset(q) else _speaker_offset(q), _PRONOUN_GENDER[low])
            q.extra["group"] = p.display if p else UNNAMED
            continue
        if low in ("i", "we", "you", "they", "it", "one", "who", "this", "that"):
            q.extra["group"] = UNNAMED
            continue
        if not _key(spk):  # a title alone ("Mr.", "the senator", "the prince"): the nearest person quoted
            title = spk.lower().split()[-1].strip(".")
            g = "m" if title in _MALE_TITLES or title + "." in _MALE_TITLES else \
                "f" if title in _FEMALE_TITLES or title + "." in _FEMALE_TITLES else None
            p = people.before(min(q.start, _speaker_offset(q)), g)
            q.extra["group"] = p.display if p else speaker_group(spk)
            continue
        p = people.person(spk)
        q.extra["group"] = p.display if p else speaker_group(spk)


_RELATIVE_LEAD = re.compile(r"^(?:which|who|whom|that|unlike|like|as|while|whereas|and|but)\s+", re.I)


def core_name(speaker: str) -> str:
    """The part of a source that names the person: 'Kevin Barrett, a lawyer at Bailey & Glasser, who ...' ->
    'Kevin Barrett'; 'which Mr. Clarke' -> 'Mr. Clarke'. A source without a name stays as written."""
    s = _RELATIVE_LEAD.sub("", speaker)
    head = s.split(",")[0].strip()
    if head != s and re.search(r"\b[A-Z][a-z]", head) and len(head.split()) <= 5:
        return head
    return s


def _speaker_offset(q: Quote) -> int:
    return int(q.extra.get("speaker_start", q.start))
