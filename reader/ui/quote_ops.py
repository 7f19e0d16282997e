"""Operations on the quotes of the controller's document: the reader says who really said one, or that it is no
quote, or takes that back (notes_db/corrections.py). Each stores the correction in one transaction, lays the
document's corrections over its analysis again (reader/quote_fixes.py) and announces what changed through the
controller's ``quotesCorrected`` (a quote_fixes.QuotesCorrected: which quotes, how they were listed and how now):
the Claims panel moves their entries. The library's row of the quote (speakers, search) is written in the
correction's transaction. No panel is called from here."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from notes_db import StorageError
from reader.ui import messages

if TYPE_CHECKING:
    from reader.analysis import Analysis
    from reader.ui.controller import DocumentController

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
    from reader.quote_fixes import QuotesCorrected, changes, correct, readings

    before = readings(result)
    try:
        if not correct(ctl.store, ctl.session.doc_id, result, quote, speaker=speaker, dismissed=dismissed, undo=undo):
            messages.status("That quote has no correction to undo.")
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
