"""Selecting text snaps to whole words.

A drag that starts or ends inside a word takes the whole word, so a slightly
long drag highlights "...States." and not "...States. Complia". Only mouse
drags snap: Shift+arrows (and Shift+click) still adjust by character.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def snapped(doc: QTextDocument, anchor: int, position: int) -> tuple[int, int]:
    """(anchor, position) in Qt positions, each end moved out to its word's edge."""
    last = max(0, doc.characterCount() - 1)
    start, end = min(anchor, position), max(anchor, position)

    def at(i: int) -> str:
        return doc.characterAt(i) if 0 <= i < last else ""

    while start > 0 and _is_word(at(start - 1)) and _is_word(at(start)):
        start -= 1
    while end < last and end > 0 and _is_word(at(end - 1)) and _is_word(at(end)):
        end += 1
    return (start, end) if anchor <= position else (end, start)


def snap_cursor(cursor: QTextCursor) -> QTextCursor:
    if not cursor.hasSelection():
        return cursor
    a, p = snapped(cursor.document(), cursor.anchor(), cursor.position())
    c = QTextCursor(cursor)
    c.setPosition(a)
    c.setPosition(p, QTextCursor.MoveMode.KeepAnchor)
    return c
