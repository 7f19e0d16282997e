"""Text folded for matching: lowercase without accents, one character for one
(offsets into the folded text are offsets into the original)."""

from __future__ import annotations

import unicodedata


class FoldTable(dict[int, str]):
    """str.translate table folding a character to its unaccented lowercase
    base, one character for one; filled on first use of each character."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        base = unicodedata.normalize("NFD", ch)[0].lower()
        self[code] = out = base if len(base) == 1 else ch
        return out


FOLD = FoldTable()


def fold(text: str) -> str:
    """Lowercase without accents, one character for one (offsets stay put)."""
    if text.isascii():
        return text.lower()
    return text.translate(FOLD)
