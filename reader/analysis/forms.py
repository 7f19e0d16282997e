"""The word forms the linear models have read, numbered: each word of a sentence is a number once, and every
table's ids of it one numpy gather.

``Sentence.make`` (``attribution``) reads each word's lowered form and shape from ``FORMS`` (made the first
time the form is seen) with its number. The cue and role tables look words and shapes up in their own
vocabularies (``CueTables.probs``, ``RoleTables.roles_many``); instead of a dictionary look-up per word and per
table for every run of sentences (five passes over ~180,000 words on War and Peace's megabyte), each table
keeps its id of every form by number (``FormColumn``), made once per form, and gathers the ids of a run's
words from the numbers. The ids are the ones the look-ups give: ``table.get(lowered, 0)`` (or of the shape).
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import repeat
from typing import Protocol

import numpy as np

from reader.analysis.attribution_base import _shape


class Forms:
    """Word forms by number, in the order they were first seen, each with its lowered form and shape."""

    MAX = 200_000  # forms kept before they are forgotten (``trim``, between two runs of sentences)

    def __init__(self) -> None:
        self.of: dict[str, tuple[str, str, int]] = {}  # a form -> (lowered, shape, number)
        self.low: list[str] = []  # by number
        self.shape: list[str] = []
        self.generation = 0  # changed when the forms are forgotten: the columns start again

    def add(self, word: str) -> tuple[str, str, int]:
        f = self.of[word] = (word.lower(), _shape(word), len(self.low))
        self.low.append(f[0])
        self.shape.append(f[1])
        return f

    def numbers(self, words: list[str]) -> list[int]:
        """The number of each of ``words``, forms not seen yet added."""
        of = self.of
        return [(of.get(w) or self.add(w))[2] for w in words]

    def trim(self) -> None:
        """Forget every form when there are more than ``MAX`` (asked before a run of sentences is read:
        no sentence of a run holds numbers of forms forgotten)."""
        if len(self.low) > self.MAX:
            self.of = {}
            self.low = []
            self.shape = []
            self.generation += 1


FORMS = Forms()


class HasForms(Protocol):
    toks: list[tuple[int, int, str]]
    fids: list[int]
    fgen: int


def numbers_of(s: HasForms) -> list[int]:
    """The numbers of a sentence's words: the ones ``Sentence.make`` read, unless they were forgotten since
    (or never read: a sentence made otherwise), then read again from its words."""
    if s.fgen == FORMS.generation and len(s.fids) == len(s.toks):
        return s.fids
    return FORMS.numbers([t[2] for t in s.toks])


class FormColumn:
    """For every form of ``FORMS`` by number, ``table.get(lowered, 0)`` (``of="shape"``: of its shape): an array
    grown as forms are added, a form's id read by one C-level ``map`` of ``dict.get`` over the new forms."""

    def __init__(self, table: Mapping[str, int], of: str = "low") -> None:
        if of not in ("low", "shape"):
            raise ValueError(f"a column of the forms' lowered words or shapes, not {of!r}")
        self.table = table
        self.of = of
        self.values = np.zeros(0, dtype=np.int64)
        self.generation = FORMS.generation

    def array(self) -> np.ndarray:
        if self.generation != FORMS.generation:
            self.values = np.zeros(0, dtype=np.int64)
            self.generation = FORMS.generation
        have, n = len(self.values), len(FORMS.low)
        if have < n:
            keys = (FORMS.low if self.of == "low" else FORMS.shape)[have:n]
            new = np.fromiter(map(self.table.get, keys, repeat(0, n - have)), dtype=np.int64, count=n - have)
            self.values = np.concatenate((self.values, new))
        return self.values
