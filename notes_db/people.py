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

Pure Python over rows the store gives (no Qt, no app imports); linear in the rows.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

#: A fuller name with this many times the quotes of the others holding the same surname takes a lone surname.
DOMINANT = 4
_PARTICLES = frozenset("de von van la le du al bin da del di".split())
_MALE = frozenset("he him his himself mr mr. sir lord king prince".split())
_FEMALE = frozenset("she her hers herself mrs mrs. ms ms. miss madame lady queen princess".split())
_WORD = re.compile(r"[\w’'.-]+")


@dataclass
class Group:
    """One document's speaker group: its quotes and what their speakers, as written, say of gender."""

    doc_id: int
    name: str
    quotes: int
    male: int = 0
    female: int = 0


@dataclass
class Person:
    """A person across the library: the name shown and the document groups under it."""

    name: str
    groups: list[Group] = field(default_factory=list)

    @property
    def quotes(self) -> int:
        return sum(g.quotes for g in self.groups)

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
    key = [w.lower().strip(".,") for w in words]
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


def join(groups: Iterable[Group]) -> list[Person]:
    """The library's people, most quoted first: each document group under the person it names."""
    groups = list(groups)
    keyed = [(g, name_key(g.name)) for g in groups]
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

    people: dict[str, Person] = {}
    for g, k in keyed:
        if k is None:
            name = g.name
        else:
            full = whole(g, k)
            name = spelling[full].most_common(1)[0][0]
        key = name.lower()
        p = people.get(key)
        if p is None:
            p = people[key] = Person(name)
        p.groups.append(g)
    return sorted(people.values(), key=lambda p: (-p.quotes, p.name.lower()))
