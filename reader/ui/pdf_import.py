"""A PDF's own highlight annotations, imported into its notes a few per turn of
the event loop (each is one transaction): the window keeps answering while
hundreds come in, and opening another document stops it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

from notes_db import StorageError
from reader.ui import messages

if TYPE_CHECKING:
    from reader.pdf_takeover import Item
    from reader.session import Session

#: Annotations imported per turn of the event loop at most, and the time a turn may take for them.
IMPORT_BATCH = 32
TURN_BUDGET_S = 0.015


class AnnotationImport(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session: Session | None = None
        self._queue: list[Item] = []
        self._keys: list[str] = []  # the annotation each item of the queue is (reader/pdf_takeover.py)
        self._next = self._made = self._replies = 0
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._some)

    def start(self, session: Session, annotations: list[Any]) -> None:
        self.stop()
        self._session = session
        plan = session.plan_import(annotations)
        try:  # (replies to annotations taken over before: a few notes, at once)
            session.take_answers(plan.answers)
            session.take_styles(plan)
        except StorageError as exc:
            messages.error(str(exc))
            plan.replies = 0
        self._queue, self._keys, self._replies = plan.items, plan.keys, plan.replies
        if self._queue:
            self._timer.start()
        else:
            self._done(session)
            if plan.replies:  # only replies to notes taken over before: said too (tryout s14)
                messages.info(f"Imported {kinds_said([], plan.replies)} already in this PDF (marked as imported).")

    def stop(self) -> None:
        self._timer.stop()
        self._session, self._queue, self._keys, self._next, self._made, self._replies = None, [], [], 0, 0, 0

    def finish(self) -> None:
        """The rest at once, in one transaction (another document is opening, or the window closes):
        they are due now, and the person may delete one before the next open (Session.annotations_due)."""
        session, rest, keys = self._session, self._queue[self._next:], self._keys[self._next:]
        self.stop()
        if session is not None and rest:
            try:
                session.create_many(rest, origin="imported", keys=keys)
                self._done(session)
            except StorageError as exc:
                messages.error(str(exc))

    @property
    def active(self) -> bool:
        return self._next < len(self._queue)

    def _some(self) -> None:
        session = self._session
        if session is None or not self.active:
            self.stop()
            return
        batch = self._queue[self._next:self._next + IMPORT_BATCH]
        keys = self._keys[self._next:self._next + IMPORT_BATCH]
        try:  # one transaction and one change for the views per turn, as many as fit in it
            made, used = session.create_many(batch, origin="imported", budget_s=TURN_BUDGET_S, keys=keys)
        except StorageError as exc:
            self.stop()
            messages.error(str(exc))
            return
        self._next += used
        self._made += len(made)
        if not self.active:
            # (an item of no length is only taken over: a reply in its parent's note, a highlight already there)
            n, replies = self._made, self._replies
            said = kinds_said([k for item, k in zip(self._queue[:self._next], self._keys[:self._next], strict=True)
                               if item[1] > item[0]], replies)
            self.stop()
            self._done(session)
            if n or replies:
                messages.info(f"Imported {said} already in this PDF (marked as imported).")

    @staticmethod
    def _done(session: Session) -> None:
        try:
            session.imported_all()
        except StorageError as exc:
            messages.error(str(exc))


def kinds_said(keys: list[str], replies: int = 0) -> str:
    """'2 highlights, 1 underline and 1 sticky note': the annotations imported, by kind, read from their keys
    (``PdfAnnotation.key``: page, place, then the kind unless a highlight; the second tryout s13 saw "Imported 4
    highlights" for a highlight, an underline and two notes), then the replies that came in under notes ("and 1
    reply": tryout s14 saw a reply come in unsaid)."""
    from reader.pdf_takeover import counted

    kinds = []
    for key in keys:
        parts = key.split(":")
        kinds.append(parts[2] if len(parts) > 2 and parts[2] != "re" else "highlight")
    return counted(kinds + ["reply"] * replies)
