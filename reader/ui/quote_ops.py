"""Operations on the quotes of the controller's document: the reader says who really said one, or that it is no
quote, or takes that back (notes_db/corrections.py). Each stores the correction in one transaction, lays the
document's corrections over its analysis again (reader/quote_fixes.py) and announces what changed through the
controller's ``quotesCorrected`` (a quote_fixes.QuotesCorrected: which quotes, how they were listed and how now):
the Claims panel moves their entries. The library's row of the quote (speakers, search) is written in the
correction's transaction. No panel is called from here.

A correction made in the window is a step of the document's undo history (:class:`CorrectQuote`): Ctrl+Z gives
the quote back the reading it had before (the status bar says "Undone: correct speaker."), Ctrl+Shift+Z the
correction again (tryout s13: Ctrl+Z after a correction undid an older note instead, off screen)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from notes_db import StorageError
from reader.ui import messages
from reader.ui.commands import _Step

if TYPE_CHECKING:
    from reader.analysis import Analysis
    from reader.session import Session
    from reader.ui.controller import DocumentController

State = tuple[str, bool] | None  # a quote's stored correction: (speaker, dismissed), or None (the analysis's reading)

log = logging.getLogger("reader.ui.quote_ops")


def lay_corrections(ctl: DocumentController, result: Analysis) -> None:
    """The reader's corrections of the document's quotes laid over ``result`` (in place)."""
    if ctl.session is None or ctl.store is None:
        return
    from reader.quote_fixes import apply_stored

    try:
        apply_stored(ctl.store, ctl.session.doc_id, result)
    except StorageError as exc:
        log.warning("corrections of the quotes not read: %s", exc)


def correct_quote(ctl: DocumentController, start: int, end: int, *, speaker: str | None = None,
                  dismissed: bool | None = None, undo: bool = False) -> bool:
    """Store who said the quote at start..end (``speaker``), or that it is no quote (``dismissed``), or
    (``undo``) forget what was said of it (reader/quote_fixes.correct: one transaction, the library's row of that
    quote with it); then announce what changed (``quotesCorrected``: the panel moves that entry; the library has
    it already). False when nothing was stored (the reason is shown)."""
    result = ctl.analysis
    quote = next((q for q in result.quotes if (q.start, q.end) == (start, end)), None) if result else None
    if ctl.session is None or ctl.store is None or result is None or quote is None:
        return False
    from reader.quote_fixes import QuotesCorrected, Unchanged, changes, correct, readings

    before = readings(result)
    try:
        if not correct(ctl.store, ctl.session.doc_id, result, quote, speaker=speaker, dismissed=dismissed, undo=undo):
            messages.status("That quote has no correction to undo.")
            return False
    except Unchanged as exc:  # the quote is that speaker's already
        messages.status(str(exc))
        return False
    except (StorageError, ValueError) as exc:
        messages.error(str(exc))
        lay_corrections(ctl, result)  # (rolled back: what the notes file holds)
        return False
    ctl.quotesCorrected.emit(QuotesCorrected(result, changes(result, before)))
    return True


def take_stored_corrections(ctl: DocumentController) -> bool:
    """Another program changed the open document's corrections (``reader sync`` brought another device's,
    ``reader correct`` made one, or the window's own sync): laid over its analysis again and announced as one made
    here is (``quotesCorrected``). Nothing when the analysis has them already. Whether it was announced."""
    result = ctl.analysis
    if ctl.session is None or ctl.store is None or result is None:
        return False
    from notes_db.corrections import quote_corrections
    from reader.quote_fixes import QuotesCorrected, apply, changes, out_of_date, readings

    try:
        corrections = quote_corrections(ctl.store, ctl.session.doc_id)
    except StorageError as exc:
        log.info("corrections of the quotes not read: %s", exc)
        return False
    if not out_of_date(result, corrections):
        return False
    before = readings(result)
    apply(result, corrections)
    ctl.quotesCorrected.emit(QuotesCorrected(result, changes(result, before)))  # (the quotes whose entries move)
    return True


def _stored(ctl: DocumentController, start: int, end: int) -> State:
    """The quote at start..end's correction as the notes file holds it."""
    if ctl.session is None or ctl.store is None:
        return None
    from notes_db.corrections import quote_corrections

    c = next((c for c in quote_corrections(ctl.store, ctl.session.doc_id) if (c.start, c.end) == (start, end)), None)
    return (c.speaker, c.dismissed) if c is not None else None


class CorrectQuote(_Step):
    """One correction of a quote (a speaker named, no quote, a correction taken back) as an undoable step: undo
    lays the correction the quote had before (or none), redo the one made. ``done``: whether the first doing
    stored it (a step that stored nothing is dropped by the stack)."""

    def __init__(self, ctl: DocumentController, session: Session, text: str, start: int, end: int, *,
                 speaker: str | None = None, dismissed: bool | None = None, undo: bool = False) -> None:
        super().__init__(text, session)
        self.ctl, self.place = ctl, (start, end)
        quote = next((q for q in ctl.analysis.quotes if (q.start, q.end) == (start, end)), None) \
            if ctl.analysis else None
        self.words = quote.text if quote is not None else ""  # (what Ctrl+Z says it changed, when off screen)
        self.change = (speaker, dismissed, undo)
        self.before: State = _stored(ctl, start, end)
        self.after: State = None
        self.done: list[bool] = []  # (a list the caller keeps: the stack deletes a step it drops)

    def _check(self) -> None:
        if self.ctl.session is None or self.ctl.session.doc_id != self.session.doc_id:
            raise RuntimeError(f"{self.text()}: its document is not open")

    def _redo(self) -> None:
        self._check()
        if self.done:
            self._lay(self.after)
            return
        speaker, dismissed, undo = self.change
        ok = correct_quote(self.ctl, *self.place, speaker=speaker, dismissed=dismissed, undo=undo)
        self.done.append(ok)
        if not ok:
            self.setObsolete(True)  # nothing stored: not a step (correct_quote said why)
            return
        self.after = _stored(self.ctl, *self.place)

    def _undo(self) -> None:
        self._check()
        self._lay(self.before)

    def _lay(self, state: State) -> None:
        if state == _stored(self.ctl, *self.place):
            return
        if state is None:
            ok = correct_quote(self.ctl, *self.place, undo=True)
        else:
            ok = correct_quote(self.ctl, *self.place, speaker=state[0] or None, dismissed=state[1])
        if not ok:
            raise RuntimeError(f"{self.text()}: the quote is not in the document's analysis")


STEP_NAMES = {"speaker": "Correct speaker", "dismissed": "Mark as no quote", "undo": "Remove correction",
              "restore": "Restore quote"}


def correct_undoably(ctl: DocumentController, start: int, end: int, what: str, *, speaker: str | None = None,
                     dismissed: bool | None = None, undo: bool = False) -> bool:
    """:func:`correct_quote` as a step of the document's undo history (``what``: a key of ``STEP_NAMES``).
    Whether it was stored."""
    if ctl.session is None or ctl.store is None:
        return False
    try:
        step = CorrectQuote(ctl, ctl.session, STEP_NAMES[what], start, end, speaker=speaker, dismissed=dismissed,
                            undo=undo)
    except StorageError as exc:
        messages.error(str(exc))
        return False
    done = step.done
    ctl.undo_stack.push(step)
    return bool(done and done[0])
