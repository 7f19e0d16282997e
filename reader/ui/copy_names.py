"""The Speakers window's people list: a group of one copy's own, "Their leaders (in Working Hard to… —
copy/sample-article.md)  (1 quote in 1 doc)", too long for the list is cut in its document's title, never in the
folder and file that tell two copies apart (tryout s14: both copies read "Their leaders (in Working Hard to Bring…").

The style cuts what is still too long at its end (the count), as it cuts any name.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from reader.ui.library_title import SPARE, text_room

#: Where a group's document is named: "Their leaders (in Title — copy/file.md)", then the count after two spaces.
IN, COPY, COUNT = " (in ", " — ", "  ("


def cut_title(text: str, fm: QFontMetrics, room: int) -> str:
    """``text`` with the title in its "(in Title — folder/file)" cut to what the name, the folder and file leave
    of ``room`` pixels (to "…" when they leave nothing); ``text`` as it is when it fits or names no copy."""
    start = text.find(IN)
    title_end = text.find(COPY, start + len(IN)) if start >= 0 else -1
    if title_end < 0 or fm.horizontalAdvance(text) <= room:
        return text
    file_end = text.rfind(COUNT)
    if file_end < title_end:
        file_end = len(text)
    head, title, copy, count = text[:start + len(IN)], text[start + len(IN):title_end], text[title_end:file_end], \
        text[file_end:]
    # the count whole if a word of the title stays beside it, else the count is the style's to cut at the end
    # (where its "…" needs room)
    for rest in (fm.horizontalAdvance(count), fm.horizontalAdvance("…") + 2):
        left = room - fm.horizontalAdvance(head) - fm.horizontalAdvance(copy) - rest
        cut = fm.elidedText(title, Qt.TextElideMode.ElideRight, left) if left > 0 else ""
        if len(cut) > 4:
            break
    return head + (cut or "…") + copy + count


class CopyNameDelegate(QStyledItemDelegate):
    """Draws a copy's group with its title cut first (:func:`cut_title`)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        if option.rect.width() <= 0 or COPY not in option.text:  # type: ignore[attr-defined]  # (a size hint: whole)
            return
        room = text_room(option) - SPARE  # (the style lays text out a pixel or two wider than these metrics)
        option.text = cut_title(option.text, option.fontMetrics, room)  # type: ignore[attr-defined]
