"""One person across the library: the speaker groups of many documents joined under one name.

Each document's analysis names its speakers itself ("Obama" in one article, "Barack Obama" in another, where
that article never gives the full name). Across the library a group that is the last word(s) of fuller names
joins the fuller one when the evidence picks one person:

- never a fuller name of the group's own document: that document's analysis grouped its speakers and left
  these two apart ("Natásha" and the stray "Evidently Natásha" of one novel; "Clinton" beside "Bill Clinton"
  where the article does not say which Clinton), so the library shows the groups the document's panel shows;
- the one fuller name in the library's other documents that holds it and whose gender agrees, the gender read from how
  the quotes name them ("Mrs. Clinton", "she" against "he", "Mr."); two people with one surname and nothing
  to tell them apart ("Clinton" with Bill and Hillary Clinton both quoted, no "she" or "Mrs.") stay apart,
  unless one of them is quoted at least DOMINANT times as often as all the others together.

Only a name joins documents: a group whose name has a capitalised word that is neither a common English word
(pyspellchecker's frequency list) nor a pronoun, an indefinite or a role word ("Jo-Renee Formicola", "O'Neill",
"US", "NBC"; not "Us", "Anyone", "No one", "Security Council", "The count", "Republican nominee"). The pronoun
"us" of a novel is not the US of a news article, nor a novel's council member the UN Security Council: such a
group stays its document's, and is listed with the document's title ("The countess (in War and Peace)",
"Their leaders (in Working Hard to…)"; a copy's with its folder and file too, "(in Working Hard to… —
copy/sample-article.md)"): the list says it is that document's alone, not a person joined across the library.
Names are compared with apostrophes and quote marks folded (fold_marks: "O’Neill" is "O'Neill").

Pure Python over rows the store gives (no Qt, no app imports); linear in the rows.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

#: A fuller name with this many times the quotes of the others holding the same surname takes a lone surname.
DOMINANT = 4
_PARTICLES = frozenset("de von van la le du al bin da del di".split())
_MALE = frozenset("he him his himself mr mr. sir lord king prince".split())
_FEMALE = frozenset("she her hers herself mrs mrs. ms ms. miss madame lady queen princess".split())
_WORD = re.compile(r"[\w’'.-]+")
#: A word this frequent in pyspellchecker's English list (count per word) is a common word, no name: 'council'
#: (22,954), 'security', 'house'; names are rarer: 'mike' (10,596), 'james', 'trump', 'clinton', 'pence'.
COMMON = 15_000
# Capitalised words that are no name, however rare: pronouns, indefinites, affiliations and roles.
_NO_NAME = frozenset("""i me my we us our you your he him his she her it its they them their one ones someone somebody
anyone anybody everyone everybody no nobody none nothing some another other others all both each either neither many
few several most who whom which this that these those the a an by of for in on at to from with and or not mr mrs ms
dr sir madame""".split())
# Words of a body's name that say no one body alone ('Republicans'; 'Republican National Committee' is a name).
_ROLE = frozenset("""republican republicans democrat democrats democratic gop conservative conservatives liberal
liberals officials official spokesman spokeswoman nominee""".split())
_SHOUTED = frozenset("no one me my we he it an all oh ok".split())  # words in capitals, no acronym: 'NO ONE'
_MARK_PAIRS = (("’", "'"), ("‘", "'"), ("ʼ", "'"), ("`", "'"), ("´", "'"), ("′", "'"), ("“", '"'), ("”", '"'), ("„", '"'))
_MARKS = str.maketrans(dict(_MARK_PAIRS))


def fold_marks(text: str) -> str:
    """Apostrophes and quote marks written one way, so a name is one name however the text types it:
    'James O’Neill', 'O‘Neill', 'OʼNeill' -> "James O'Neill"."""
    return text.translate(_MARKS)


@functools.lru_cache(maxsize=1)
def _frequencies() -> Mapping[str, int]:
    from spellchecker import SpellChecker  # ~0.5 s, once, and only when the library has people to join

    return SpellChecker(distance=1).word_frequency.dictionary


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _forms(low: str) -> set[str]:
    """A word and its singular: 'experts' -> {'experts', 'expert'}; 'parties' -> {..., 'party'}."""
    forms = {low}
    if low.endswith("ies"):
        forms.add(low[:-3] + "y")
    elif low.endswith("es"):
        forms.add(low[:-2])
    if low.endswith("s") and not low.endswith("ss"):
        forms.add(low[:-1])
    return forms


def is_name(name: str, lower: Collection[str] = frozenset()) -> bool:
    """Whether a group's name is a real name, which may join the same name in other documents: a capitalised
    word in it that is not a common word (one the library writes in lower case, ``lower``, or a frequent English
    word), a pronoun, an indefinite or a role word ('Natásha', 'Donald Trump', "O'Neill", 'US', 'NBC'), or three
    such capitalised words, a body's name ('International Atomic Energy Agency'); not 'Us', 'Anyone', 'No one',
    'Security Council', 'The count', 'Experts'."""
    freq = _frequencies()
    words = name.split()
    if len(words) > 2 and not any(w[:1].isupper() for w in words[1:]) \
            and sum(w.lower() not in _NO_NAME and w.lower() not in _PARTICLES for w in words[1:]) >= 2:
        return False  # a sentence's capital on a description: 'Personages from political parties' (tryout 13)
    content = 0
    for w in words:
        w = fold_marks(w).strip(".,;:()\"'")
        low = w.lower()
        if w.isupper() and 2 <= len(w) <= 6 and w.isalpha() and low not in _SHOUTED:
            return True  # an acronym: 'US', 'NBC', 'NYPD'
        if not w[:1].isupper() or low in _NO_NAME or low in _PARTICLES:
            continue
        content += 1
        forms = _forms(low.removesuffix("'s"))
        if low not in _ROLE and forms.isdisjoint(lower) and all(freq.get(_plain(f), 0) < COMMON for f in forms):
            return True
    return content >= 3 and name_key(name) is not None


_LOWER = re.compile(r"(?<![\w'’-])[a-zà-öø-ÿ][\w'’-]*")
_CAPITAL_WITHIN = re.compile(r"(?<=[a-z,;] )[A-ZÀ-ÖØ-Þ][\w'’-]*")  # after a word or a comma: not a sentence's first


def lower_words(texts: Iterable[str]) -> set[str]:
    """The words texts write in lower case more often than with a capital within a sentence: common words ('poll',
    'experts', 'council'), not a name a novel also writes in lower case now and then ('china' for 'China')."""
    low: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    it = iter(texts)
    # thousands of texts at a time, one line each (no word of one runs into the next, and neither pattern looks
    # across a line's start), their marks folded by str.replace: a million findings' texts in seconds, not a
    # minute of a translate and two searches per text
    while chunk := list(itertools.islice(it, 5000)):
        t = "\n".join(chunk)
        for mark, plain in _MARK_PAIRS:
            if mark in t:
                t = t.replace(mark, plain)
        low.update(_LOWER.findall(t))
        capital.update(map(str.lower, _CAPITAL_WITHIN.findall(t)))
    return {w for w, n in low.items() if n > capital[w]}


@dataclass
class Group:
    """One document's speaker group: its quotes (positions among them) and what their speakers, as written,
    say of gender."""

    doc_id: int
    name: str
    quotes: int
    male: int = 0
    female: int = 0
    positions: int = 0


@dataclass
class Person:
    """A person across the library: the name shown and the document groups under it."""

    name: str
    groups: list[Group] = field(default_factory=list)

    @property
    def quotes(self) -> int:
        """Everything they are quoted as saying: quotes and positions."""
        return sum(g.quotes for g in self.groups)

    @property
    def positions(self) -> int:
        """Positions ("X supports …"), which a document's panel lists apart from its quotes."""
        return sum(g.positions for g in self.groups)

    @property
    def documents(self) -> int:
        return len({g.doc_id for g in self.groups})


def name_key(name: str) -> tuple[str, ...] | None:
    """The words of a group that is a person's name ('Barack Obama' -> ('barack', 'obama'), 'Donald J. Trump'
    -> ('donald', 'trump')), or None for a description ('Clinton campaign', 'Police officials')."""
    words = name.split()
    if not 1 <= len(words) <= 4 or not all(w[:1].isupper() or w in _PARTICLES for w in words):
        return None
    if words[0] in _PARTICLES and len(words) == 1:
        return None
    key = [fold_marks(w).lower().strip(".,") for w in words]
    # "Donald J. Trump" is "Donald Trump": a middle initial does not make another person
    return tuple(w for i, w in enumerate(key) if not (0 < i < len(key) - 1 and len(w) == 1))


def gender_votes(speaker: str) -> tuple[int, int]:
    """(man, woman) that a speaker as written tells: 'Mr. Obama', 'he' -> (1, 0); 'Mrs. Clinton' -> (0, 1)."""
    words = [w.lower() for w in _WORD.findall(speaker)[:2]]
    return int(any(w in _MALE for w in words)), int(any(w in _FEMALE for w in words))


def _gender(male: int, female: int) -> str | None:
    if male > 2 * female:
        return "m"
    if female > 2 * male:
        return "f"
    return None


def join(groups: Iterable[Group], titles: Mapping[int, str] | None = None,
         lower: Collection[str] = frozenset(), files: Mapping[int, str] | None = None) -> list[Person]:
    """The library's people, most quoted first: each document group under the person it names. A group that is
    no real name (is_name; ``lower``: the words the library writes in lower case) stays its document's;
    ``titles`` (document id -> title) tell apart two groups of one name, and ``files`` (document id -> its folder
    and file, for copies of one title) two copies: "Their leaders (in Working Hard to… — copy/sample-article.md)"."""
    groups = list(groups)
    # each name looked at once, however many documents' groups bear it (580,000 groups, 7,000 names)
    named = {name: is_name(name, lower) for name in {g.name for g in groups}}
    name_keys = {name: name_key(name) if is_named else None for name, is_named in named.items()}
    keyed = [(g, name_keys[g.name]) for g in groups]  # (a description joins by its words)
    # each fuller name, its spelling and gender across the library
    spelling: dict[tuple[str, ...], Counter[str]] = {}
    votes: dict[tuple[str, ...], list[int]] = {}
    quotes: Counter[tuple[str, ...]] = Counter()
    for g, k in keyed:
        if k is None:
            continue
        spelling.setdefault(k, Counter())[g.name] += g.quotes
        v = votes.setdefault(k, [0, 0])
        v[0] += g.male
        v[1] += g.female
        quotes[k] += g.quotes
    holders: dict[tuple[str, ...], list[tuple[str, ...]]] = {}  # last word(s) -> the fuller names ending so
    for k in spelling:
        for i in range(1, len(k)):
            holders.setdefault(k[i:], []).append(k)
    in_doc: dict[int, set[tuple[str, ...]]] = {}
    for g, k in keyed:
        if k is not None:
            in_doc.setdefault(g.doc_id, set()).add(k)

    def whole(g: Group, k: tuple[str, ...]) -> tuple[str, ...]:
        cands = holders.get(k, [])
        if not cands:
            return k
        mine = _gender(g.male, g.female)
        own = in_doc.get(g.doc_id, set())
        cands = [c for c in cands if c not in own and (mine is None or _gender(*votes[c]) in (None, mine))]
        if len(cands) == 1:
            return cands[0]
        if cands:
            top = max(cands, key=lambda c: quotes[c])
            if quotes[top] >= DOMINANT * sum(quotes[c] for c in cands if c != top):
                return top
        return k

    people: dict[tuple[str, int], Person] = {}
    shown: dict[tuple[str, ...], str] = {}  # each fuller name's most quoted spelling
    folded: dict[str, str] = {}
    for g, k in keyed:
        if k is None:
            name, doc = g.name, -1 if named[g.name] else g.doc_id  # no name: this document's alone
        else:
            full = whole(g, k)
            name = shown.get(full) or shown.setdefault(full, spelling[full].most_common(1)[0][0])
            doc = -1
        fold = folded.get(name)
        if fold is None:
            fold = folded[name] = fold_marks(name).lower()
        key = (fold, doc)
        p = people.get(key)
        if p is None:
            p = people[key] = Person(name)
        p.groups.append(g)
    for (_name, doc), p in people.items():
        if doc >= 0:  # "Anyone" of a document: its entry says which ("Anyone" in two documents: two entries)
            copy = (files or {}).get(doc)
            p.name = f"{p.name} (in {_short((titles or {}).get(doc) or f'document {doc}')}{f' — {copy}' if copy else ''})"
    # most quoted first, as listed: quotes, then positions
    return sorted(people.values(), key=lambda p: (p.positions - p.quotes, -p.positions, p.name.lower()))


def _short(title: str, limit: int = 40) -> str:
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    return title[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
