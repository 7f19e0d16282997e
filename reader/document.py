"""The text model every part of Reader shares.

A :class:`Document` is plain text plus structure. ``text`` is the blocks'
texts joined by ``"\\n"``, so an offset into ``text`` is also a position in the
reading view's QTextDocument (one paragraph separator per block) and in
notes_db's anchors. Line breaks inside a block are U+2028, one character each.
PDF documents also carry, for every word, its page and rectangle.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.repair import Repair

LINE_BREAK = "\u2028"


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


@dataclass
class Word:
    """A PDF word: where it is in the text and where it is on its page."""

    start: int
    end: int
    page: int  # 0-based
    rect: tuple[float, float, float, float]


@dataclass
class Document:
    path: Path
    kind: str  # "text" | "markdown" | "pdf"
    title: str
    blocks: list[Block]
    fingerprint: str
    text: str = ""
    page_count: int = 0
    words: list[Word] = field(default_factory=list)
    encoding: str = "utf-8"
    #: Human-readable remarks from loading (repaired PDF, unreadable pages).
    warnings: list[str] = field(default_factory=list)
    #: After repair: the document as loaded, what was changed, and the offset
    #: map (repaired_start, raw_start, length) between the two texts.
    raw: Document | None = None
    repairs: list[Repair] = field(default_factory=list)
    segments: list[tuple[int, int, int]] = field(default_factory=list)

    @cached_property
    def segments_by_raw(self) -> list[tuple[int, int, int]]:
        return sorted((raw, rep, n) for rep, raw, n in self.segments)

    @cached_property
    def _word_starts(self) -> list[int]:
        return [w.start for w in self.words]

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
        i = max(0, bisect.bisect_right(self._word_starts, start) - 1)
        for w in self.words[i:]:
            if w.start >= end:
                break
            if w.end > start:
                out.append([w.page, *w.rect])
        return out

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "kind": self.kind, "pages": self.page_count, "characters": len(self.text)}
