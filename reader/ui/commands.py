"""Undoable highlight actions (Ctrl+Z / Ctrl+Shift+Z).

Each command calls the Session and nothing else (one transaction per step);
the session announces what changed and the views follow (see
``DocumentController.highlightsChanged``).

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
from reader.ui.highlight_styles import label

log = logging.getLogger("reader.ui.commands")


class _Step(QUndoCommand):
    def __init__(self, text: str, session: Session) -> None:
        super().__init__(text)
        self._session: Session | None = session
        self.error: Exception | None = None

    @property
    def session(self) -> Session:
        """The document's Session while it is open (reader/ui/undo_history.py binds it again on return)."""
        if self._session is None:
            raise RuntimeError(f"{self.text()}: its document is not open")
        return self._session

    def bind(self, session: Session | None) -> None:
        self._session = session

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
    def __init__(self, session: Session, start: int, end: int, color: str,
                 note: str = "", tags: list[str] | None = None, origin: str = "user",
                 claim_key: str | None = None, style: str = "highlight") -> None:
        super().__init__(f"Highlight ({color})" if style == "highlight" else f"{label(style)} ({color})", session)
        self.args = (start, end, color, note, tags or [], origin)
        self.claim_key, self.style = claim_key, style
        self.created: Highlight | None = None

    def _redo(self) -> None:
        if self.created is None:
            start, end, color, note, tags, origin = self.args
            self.created = self.session.create(start, end, color, note, tags, origin, self.claim_key, self.style)
        else:
            self.session.restore(self.created)

    def _undo(self) -> None:
        if self.created is not None:
            self.session.delete(self.created.id)


class EditHighlight(_Step):
    def __init__(self, session: Session, before: Highlight,
                 color: str | None = None, note: str | None = None, tags: list[str] | None = None,
                 style: str | None = None) -> None:
        super().__init__("Change colour" if color is not None else "Change style" if style is not None else "Edit note",
                         session)
        self.highlight_id = before.id
        self.before = (before.color, before.note, list(before.tags), before.style)
        self.after = (
            color if color is not None else before.color,
            note if note is not None else before.note,
            list(tags) if tags is not None else list(before.tags),
            style if style is not None else before.style,
        )

    def _redo(self) -> None:
        color, note, tags, style = self.after
        self.session.edit(self.highlight_id, color=color, note=note, tags=tags, style=style)

    def _undo(self) -> None:
        color, note, tags, style = self.before
        self.session.edit(self.highlight_id, color=color, note=note, tags=tags, style=style)


class DeleteHighlight(_Step):
    def __init__(self, session: Session, highlight: Highlight) -> None:
        super().__init__("Delete highlight", session)
        self.highlight = highlight

    def _redo(self) -> None:
        self.session.delete(self.highlight.id)

    def _undo(self) -> None:
        self.session.restore(self.highlight)
