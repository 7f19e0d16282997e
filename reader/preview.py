"""The first part of a long plain text, read and repaired ahead of the whole.

A 3.4 MB book takes a fifth of a second to read into paragraphs and repair,
and Qt a tenth more to take its text in, while a person sees only its first
screen. :func:`first_part` reads the beginning of the file exactly as the
loader reads the whole (the same decoding of the whole file, the same
paragraphs, the same repairs) and drops its last paragraphs, whose repair
could depend on what follows. The window shows it while the whole is read in
the background; :func:`same_start` tells whether the whole begins with exactly
these blocks (then the text is swapped in without a visible change).

:func:`highlights_on` keeps the stored highlights that are on the part exactly
as the whole will place them: their quote and its context are there, at their
stored offsets. Qt-free.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from pathlib import Path

from notes_db import Highlight
from reader import doc_cache, loaders
from reader.document import Block, Document
from reader.errors import DocumentError

log = logging.getLogger("reader.preview")

#: About this many characters are read first: a few screens of text.
PART_CHARS = 24_000
#: Paragraphs at the end of the part that are left out: a repair may join them with what follows.
SPARE_BLOCKS = 3
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def first_part(path: Path, chars: int = PART_CHARS) -> Document | None:
    """The beginning of a plain-text file as :func:`loaders.load` will read it, or
    None when that cannot be promised (not plain text, an encoding chosen by hand,
    a short file, a text with no paragraph break after ``chars``)."""
    p = Path(path)
    if p.suffix.lower() not in loaders.TEXT_SUFFIXES or not doc_cache.cacheable(p):
        return None
    try:
        data = p.read_bytes()
    except OSError:
        return None
    if len(data) < 2 * chars or data[:1024].lstrip().startswith(b"%PDF") or data[:4] == b"PK\x03\x04" or \
            data[:15].lower().startswith((b"<!doctype html", b"<html")):
        return None
    try:
        text, found = loaders.decode_only(data, p.name)  # the whole file decides the encoding
    except DocumentError:
        return None  # the loader says what is wrong
    # line ends made plain on the beginning only: each change is local (a cut "\r\n" is not near the break)
    begin = loaders.normalise_newlines(text[:3 * chars])
    brk = _PARAGRAPH_BREAK.search(begin, chars, len(begin) - 2)
    if brk is None:
        return None
    try:
        raw = loaders.parse_plain_text(begin[:brk.start()], p, loaders.fingerprint_bytes(data))
    except DocumentError:
        return None
    if len(raw.blocks) <= SPARE_BLOCKS + 1:
        return None
    raw = Document.from_blocks(p, raw.kind, raw.title, raw.blocks[:-SPARE_BLOCKS], raw.fingerprint,
                               author=raw.author)
    raw.encoding = found
    from reader.repair import repair

    part = repair(raw)
    log.debug("first part of %s: %d characters", p.name, len(part.text))
    return part


def _block_key(b: Block) -> tuple[object, ...]:
    return (b.kind, b.level, b.text, b.start, tuple((s.start, s.end, s.kind, s.href) for s in b.spans))


def same_start(part: Document, whole: Document) -> bool:
    """Whether ``whole`` begins with exactly ``part``: its text, blocks and their formats."""
    if part.fingerprint != whole.fingerprint or part.path != whole.path or not whole.text.startswith(part.text):
        return False
    n = len(part.blocks)
    return len(whole.blocks) >= n and all(_block_key(a) == _block_key(b) for a, b in zip(part.blocks, whole.blocks[:n],
                                                                                      strict=True))


def highlights_on(part: Document, highlights: Iterable[Highlight]) -> list[Highlight]:
    """The highlights placed on ``part`` where their quote and context stand at their offsets."""
    text = part.text
    out = []
    for h in highlights:
        if h.orphaned or h.end > len(text) or text[h.start:h.end] != h.exact:
            continue
        before = text[max(0, h.start - len(h.prefix)):h.start]
        after = text[h.end:h.end + len(h.suffix)]
        if before == h.prefix and after == h.suffix:
            out.append(h)
    return out
