"""Undo history per document, for as long as Reader runs.

Each document gets a stack of its own the first time it is opened; leaving it
(opening another file) keeps that stack, and coming back to the document makes
it the one Ctrl+Z works on again. So a highlight made in one book can be undone
after a look at another, and Ctrl+Z in the second book never reaches into the
first (which is not on screen: an undo there would change notes one cannot see).
Okular and Zotero keep undo per open document too.

The stack of a document left is kept only for the same text: when the file
changed meanwhile (its highlights were placed again), the old steps' positions
would be wrong, so it starts afresh. A document left lets go of its Session
(the steps keep only ids and words), so a stack holds no document's text.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoGroup, QUndoStack

if TYPE_CHECKING:
    from reader.session import Session

log = logging.getLogger("reader.ui.undo_history")


class UndoHistory(QObject):
    """A QUndoGroup whose active stack is the open document's (Edit > Undo follows the group)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.group = QUndoGroup(self)
        self._none = QUndoStack(self)  # no document open: nothing to undo
        self.group.addStack(self._none)
        self.group.setActiveStack(self._none)
        #: doc id -> (its stack, the hash of the text its steps' positions refer to)
        self._kept: dict[int, tuple[QUndoStack, int]] = {}
        self._doc_id: int | None = None
        self._text_hash = 0

    @property
    def stack(self) -> QUndoStack:
        """The open document's stack (the empty one when none is open)."""
        active = self.group.activeStack()
        return active if active is not None else self._none

    def enter(self, session: Session) -> None:
        """``session``'s document is open: its history (from earlier in this run) is Ctrl+Z's again."""
        self.leave()
        doc_id, text_hash = session.doc_id, hash(session.doc.text)
        kept = self._kept.get(doc_id)
        if kept is not None and kept[1] != text_hash:
            log.info("document %d changed since it was last open: its undo history starts afresh", doc_id)
            self.drop(doc_id)
            kept = None
        if kept is None:
            stack = QUndoStack(self)
            self.group.addStack(stack)
            if doc_id > 0:  # a document the notes file knows (not one opened read-only before it was registered)
                self._kept[doc_id] = (stack, text_hash)
        else:
            stack = kept[0]
        for i in range(stack.count()):
            _bind(stack.command(i), session)
        self._doc_id, self._text_hash = doc_id, text_hash
        self.group.setActiveStack(stack)

    def leave(self) -> None:
        """The open document goes: its stack stays, without the Session (nor the text it holds)."""
        stack = self.stack
        if stack is not self._none:
            for i in range(stack.count()):
                _bind(stack.command(i), None)
            if self._doc_id not in self._kept:  # not kept: gone
                self.group.removeStack(stack)
                stack.deleteLater()
        self._doc_id = None
        self.group.setActiveStack(self._none)

    def drop(self, doc_id: int) -> None:
        """Forget a document's history (it was removed from the Library, its notes read afresh)."""
        kept = self._kept.pop(doc_id, None)
        if kept is None:
            return
        stack = kept[0]
        if self.group.activeStack() is stack:
            stack.clear()  # it stays the open document's, empty
            if self._doc_id is not None:
                self._kept[self._doc_id] = (stack, self._text_hash)
            return
        self.group.removeStack(stack)
        stack.deleteLater()

    def clear(self) -> None:
        """Another notes file (or a backup restored): no step of any document applies any more."""
        self.leave()
        for stack, _ in self._kept.values():
            self.group.removeStack(stack)
            stack.deleteLater()
        self._kept.clear()


def _bind(command: object, session: Session | None) -> None:
    from reader.ui.commands import _Step

    if isinstance(command, _Step):
        command.bind(session)
