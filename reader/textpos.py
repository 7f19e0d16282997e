"""Offsets across the Qt boundary: code points (Reader) <-> UTF-16 units (Qt).

Reader counts characters as Python does, one per code point: ``Document.text``,
anchors in notes_db, claims, find hits. Qt counts UTF-16 code units: a
character outside the Basic Multilingual Plane (emoji, astral CJK, maths
letters) is two units. Every offset that goes into or comes out of a
QTextDocument goes through one :class:`TextPositions` built from the same
text, so a highlight after "😀😀" lands where it was made.

Qt also turns some characters inside inserted text into paragraph breaks
(CR, LF, U+2029 and its two frame markers, U+FDD0/U+FDD1), which would add or
merge blocks; :func:`qt_safe` swaps them for spaces, keeping every length.

No Qt here: this is plain arithmetic, tested on its own.
"""

from __future__ import annotations

import bisect
import re

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# Characters QTextCursor.insertText treats as block separators.
_QT_BREAKS = re.compile("[\r\n\u2029\ufdd0\ufdd1]")


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units."""
    return len(text) + sum(1 for _ in _ASTRAL.finditer(text))


def qt_safe(text: str) -> str:
    """``text`` with the characters Qt would turn into block breaks replaced
    by spaces (same length in code points and in UTF-16 units)."""
    return _QT_BREAKS.sub(" ", text) if _QT_BREAKS.search(text) else text


class TextPositions:
    """Maps offsets in one text between code points and UTF-16 units.

    Built once per text in O(n); each conversion is a binary search over the
    text's astral characters (none in most texts, where both maps are the
    identity and cost nothing)."""

    __slots__ = ("_cp", "_u16", "length", "length16")

    def __init__(self, text: str) -> None:
        #: code-point offsets of the astral characters, ascending
        self._cp: list[int] = [m.start() for m in _ASTRAL.finditer(text)]
        #: their UTF-16 offsets (each earlier astral character adds one unit)
        self._u16: list[int] = [cp + k for k, cp in enumerate(self._cp)]
        self.length = len(text)
        self.length16 = len(text) + len(self._cp)

    @property
    def identity(self) -> bool:
        """True when both counts agree everywhere (no astral characters)."""
        return not self._cp

    def to_qt(self, offset: int) -> int:
        """Code-point offset -> UTF-16 offset (clamped to the text)."""
        offset = max(0, min(offset, self.length))
        if not self._cp:
            return offset
        return offset + bisect.bisect_left(self._cp, offset)

    def from_qt(self, pos: int) -> int:
        """UTF-16 offset -> code-point offset (clamped to the text). A position
        between the two halves of a surrogate pair maps to the character's start."""
        pos = max(0, min(pos, self.length16))
        if not self._u16:
            return pos
        # astral characters that start before pos: each took one extra unit,
        # unless pos falls inside that character (after its first unit)
        k = bisect.bisect_left(self._u16, pos)
        if k and self._u16[k - 1] == pos - 1:
            return self._cp[k - 1]
        return pos - k

    def range_to_qt(self, start: int, end: int) -> tuple[int, int]:
        return self.to_qt(start), self.to_qt(end)

    def range_from_qt(self, start: int, end: int) -> tuple[int, int]:
        """A Qt selection in code points; an end inside a pair takes the whole character."""
        s, e = self.from_qt(start), self.from_qt(end)
        if e < self.length and self.to_qt(e) < max(0, min(end, self.length16)):
            e += 1
        return s, e
