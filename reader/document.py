"""The text model every part of Reader shares.

A :class:`Document` is plain text plus structure. ``text`` is the blocks'
texts joined by ``"\\n"``, so an offset into ``text`` is also a position in the
reading view's QTextDocument (one paragraph separator per block) and in
notes_db's anchors. Line breaks inside a block are U+2028, one character each.
PDF documents also carry, for every word, its page and rectangle.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

LINE_BREAK = "\u2028"


@dataclass
class Repair:
    """One change the repair step made to the text as loaded (reader/repair.py makes them)."""

    kind: str  # front-matter | running-head | header-footer | page-number | footnote | caption | heading | join
    # | hyphen | verse
    raw_start: int
    raw_end: int
    text: str
    detail: str
    removed: bool = False

    @property
    def ident(self) -> str:
        return f"{self.kind}@{self.raw_start}"


@dataclass
class Span:
    """Inline formatting over ``[start, end)`` in document offsets."""

    start: int
    end: int
    kind: str  # "em" | "strong" | "code" | "link" | "sup" | "footref"
    href: str = ""
    #: Shown on hover (a footnote's text at its marker).
    title: str = ""


@dataclass
class Block:
    kind: str  # "heading" | "paragraph" | "list_item" | "quote" | "code" | "page" | "caption" | "front" | "footnote"
    text: str
    start: int = 0
    level: int = 0
    page: int | None = None
    spans: list[Span] = field(default_factory=list)
    #: Stable id of the block (used for footnote targets and anchors).
    ident: str = ""

    @property
    def end(self) -> int:
        return self.start + len(self.text)


class Word(NamedTuple):
    """A PDF word: where it is in the text and where it is on its page."""

    start: int
    end: int
    page: int  # 0-based
    rect: tuple[float, float, float, float]


class WordTable:
    """Every word of a PDF in typed arrays (~36 bytes a word instead of ~230 as
    objects: a 1,000-page PDF has 800,000 words). Indexing yields a Word;
    ``by_page`` holds each page's index range for hit-testing."""

    __slots__ = ("ends", "pages", "starts", "x0", "x1", "y0", "y1")

    def __init__(self) -> None:
        self.starts = array("i")  # offsets up to 2 GB of text
        self.ends = array("i")
        self.pages = array("i")
        self.x0, self.y0, self.x1, self.y1 = array("f"), array("f"), array("f"), array("f")

    def append(self, start: int, end: int, page: int, rect: tuple[float, float, float, float]) -> None:
        self.starts.append(start)
        self.ends.append(end)
        self.pages.append(page)
        self.x0.append(rect[0])
        self.y0.append(rect[1])
        self.x1.append(rect[2])
        self.y1.append(rect[3])

    def __len__(self) -> int:
        return len(self.starts)

    def __bool__(self) -> bool:
        return len(self.starts) > 0

    def __getitem__(self, i: int) -> Word:
        return Word(self.starts[i], self.ends[i], self.pages[i], (self.x0[i], self.y0[i], self.x1[i], self.y1[i]))

    def __iter__(self) -> Iterator[Word]:
        for i in range(len(self.starts)):
            yield self[i]

    def page_ranges(self) -> dict[int, range]:
        """Index range of each page's words (words are in reading order, so a
        page's words are contiguous)."""
        out: dict[int, range] = {}
        pages = self.pages
        n = len(pages)
        i = 0
        while i < n:
            p = pages[i]
            j = i
            while j < n and pages[j] == p:
                j += 1
            if p in out:  # a page split by reordering: keep the larger run
                if j - i > len(out[p]):
                    out[p] = range(i, j)
            else:
                out[p] = range(i, j)
            i = j
        return out


@dataclass
class Document:
    path: Path
    kind: str  # "text" | "markdown" | "pdf"
    title: str
    blocks: list[Block]
    fingerprint: str
    text: str = ""
    page_count: int = 0
    words: WordTable = field(default_factory=WordTable)
    encoding: str = "utf-8"
    #: Human-readable remarks from loading (repaired PDF, unreadable pages).
    warnings: list[str] = field(default_factory=list)
    #: After repair: the document as loaded, what was changed, and the offset
    #: map (repaired_start, raw_start, length) between the two texts.
    raw: Document | None = None
    repairs: list[Repair] = field(default_factory=list)
    #: PDF highlight annotations found while reading the text (imported when not taken over yet: reader/pdf_takeover.py).
    annotations: list[Any] = field(default_factory=list)
    segments: list[tuple[int, int, int]] = field(default_factory=list)
    #: From the file's metadata (EPUB, web page, PDF), for the Library.
    author: str = ""
    #: A table of contents the file carries (EPUB): (level, title, offset).
    toc: list[tuple[int, str, int]] = field(default_factory=list)

    @cached_property
    def segments_by_raw(self) -> list[tuple[int, int, int]]:
        return sorted((raw, rep, n) for rep, raw, n in self.segments)


    @classmethod
    def from_blocks(
        cls, path: Path, kind: str, title: str, blocks: list[Block], fingerprint: str, **kw: object
    ) -> Document:
        """Lay the blocks end to end, giving each its start offset."""
        pos = 0
        for b in blocks:
            b.start = pos
            pos += len(b.text) + 1
        text = "\n".join(b.text for b in blocks)
        return cls(path=path, kind=kind, title=title, blocks=blocks, fingerprint=fingerprint, text=text, **kw)  # type: ignore[arg-type]

    def block_at(self, offset: int) -> Block | None:
        lo, hi = 0, len(self.blocks) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            b = self.blocks[mid]
            if offset < b.start:
                hi = mid - 1
            elif offset > b.end:
                lo = mid + 1
            else:
                return b
        return None

    def page_at(self, offset: int) -> int | None:
        b = self.block_at(offset)
        return b.page if b else None

    def rects_for(self, start: int, end: int) -> list[list[float]]:
        """Page rectangles ``[page, x0, y0, x1, y1]`` of the words in a range."""
        out: list[list[float]] = []
        t = self.words
        i = max(0, bisect.bisect_right(t.starts, start) - 1)
        n = len(t)
        while i < n and t.starts[i] < end:
            if t.ends[i] > start:
                out.append([t.pages[i], t.x0[i], t.y0[i], t.x1[i], t.y1[i]])
            i += 1
        return out
