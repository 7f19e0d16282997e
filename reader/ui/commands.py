"""Undoable highlight actions (Ctrl+Z / Ctrl+Shift+Z).

Each command calls the Session (one transaction per step) and then asks the
window to refresh; the stored highlight is the truth, the views follow it.

An exception escaping a Python override of redo()/undo() crashes shiboken, so
every step runs through :meth:`_Step._guard`: a failure (disk full, say) is
kept in ``error``, the command is marked obsolete so the stack drops it, and
the caller shows the message.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from notes_db import Highlight
from reader.session import Session

Refresh = Callable[[int | None], None]
log = logging.getLogger("reader.ui.commands")


class _Step(QUndoCommand):
    def __init__(self, text: str, session: Session, refresh: Refresh) -> None:
        super().__init__(text)
        self.session, self.refresh = session, refresh
        self.error: Exception | None = None

    def _guard(self, fn: Callable[[], None]) -> None:
        self.error = None
        try:
            fn()
        except Exception as exc:
            log.warning("%s failed: %s", self.text(), exc)
            self.error = exc
            self.setObsolete(True)

    def redo(self) -> None:
        self._guard(self._redo)

    def undo(self) -> None:
        self._guard(self._undo)

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class CreateHighlight(_Step):
    def __init__(self, session: Session, refresh: Refresh, start: int, end: int, color: str,
                 note: str = "", tags: list[str] | None = None, origin: str = "user",
                 claim_key: str | None = None) -> None:
        super().__init__(f"Highlight ({color})", session, refresh)
        self.args = (start, end, color, note, tags or [], origin)
        self.claim_key = claim_key
        self.created: Highlight | None = None

    def _redo(self) -> None:
        if self.created is None:
            start, end, color, note, tags, origin = self.args
            self.created = self.session.create(start, end, color, note, tags, origin, self.claim_key)
        else:
            self.session.restore(self.created)
        self.refresh(self.created.id)

    def _undo(self) -> None:
        if self.created is not None:
            self.session.delete(self.created.id)
        self.refresh(None)


class EditHighlight(_Step):
    def __init__(self, session: Session, refresh: Refresh, before: Highlight,
                 color: str | None = None, note: str | None = None, tags: list[str] | None = None) -> None:
        super().__init__("Edit note" if color is None else "Change colour", session, refresh)
        self.highlight_id = before.id
        self.before = (before.color, before.note, list(before.tags))
        self.after = (
            color if color is not None else before.color,
            note if note is not None else before.note,
            list(tags) if tags is not None else list(before.tags),
        )

    def _redo(self) -> None:
        color, note, tags = self.after
        self.session.edit(self.highlight_id, color=color, note=note, tags=tags)
        self.refresh(self.highlight_id)

    def _undo(self) -> None:
        color, note, tags = self.before
        self.session.edit(self.highlight_id, color=color, note=note, tags=tags)
        self.refresh(self.highlight_id)


class DeleteHighlight(_Step):
    def __init__(self, session: Session, refresh: Refresh, highlight: Highlight) -> None:
        super().__init__("Delete highlight", session, refresh)
        self.highlight = highlight

    def _redo(self) -> None:
        self.session.delete(self.highlight.id)
        self.refresh(None)

    def _undo(self) -> None:
        self.session.restore(self.highlight)
        self.refresh(self.highlight.id)
