"""What a reader corrects in the quotes the analysis found: the wrong person named as the speaker, or a
passage that is no quote at all. No Qt here.

One row per corrected quote, keyed by its document and its place (start, end) and keeping the quote's words:
a new analysis of the same text finds the same quote at the same place and takes the correction again
(``reader/quote_fixes.py``); a quote whose words changed (the document was edited) is not given another's.
Each write is one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from notes_db.store import NotesDB


@dataclass(frozen=True)
class QuoteCorrection:
    start: int
    end: int
    text: str  # the quote's words when it was corrected
    speaker: str  # the person who said it, as the reader names them ('' when only dismissed)
    dismissed: bool  # not a quote: the panel lists it apart, the library forgets it
    updated: str


def correct_quote(store: NotesDB, doc_id: int, start: int, end: int, text: str, *, speaker: str | None = None,
                  dismissed: bool | None = None) -> QuoteCorrection:
    """Set who said the quote at ``start``..``end`` (``speaker``) or that it is no quote (``dismissed``); what is
    left None stays as it was. Naming a speaker brings a dismissed quote back."""
    from notes_db.records import now

    if speaker is not None:
        speaker = " ".join(speaker.split())
        if not speaker:
            raise ValueError("give the name of the person who said it")
        dismissed = False if dismissed is None else dismissed
    stamp = now()
    with store.transaction() as db:
        db.execute(
            'INSERT INTO quote_corrections (doc_id, start, "end", text, speaker, dismissed, updated) '
            "VALUES (?, ?, ?, ?, coalesce(?, ''), coalesce(?, 0), ?) "
            'ON CONFLICT(doc_id, start, "end") DO UPDATE SET text = excluded.text, '
            "speaker = CASE WHEN ? IS NULL THEN quote_corrections.speaker ELSE excluded.speaker END, "
            "dismissed = CASE WHEN ? IS NULL THEN quote_corrections.dismissed ELSE excluded.dismissed END, "
            "updated = excluded.updated",
            [doc_id, start, end, text, speaker, dismissed, stamp, speaker, dismissed],
        )
        row = db.execute('SELECT speaker, dismissed FROM quote_corrections WHERE doc_id = ? AND start = ? AND "end" = ?',
                         [doc_id, start, end]).fetchone()
        store.notes_changed = True
    return QuoteCorrection(start, end, text, row[0], bool(row[1]), stamp)


def undo_correction(store: NotesDB, doc_id: int, start: int, end: int) -> bool:
    """Forget the correction of the quote at ``start``..``end``: the analysis's reading again. False if there
    was none."""
    with store.transaction() as db:
        gone = db.execute('DELETE FROM quote_corrections WHERE doc_id = ? AND start = ? AND "end" = ?',
                          [doc_id, start, end]).rowcount
        store.notes_changed = store.notes_changed or bool(gone)
    return bool(gone)


def quote_corrections(store: NotesDB, doc_id: int) -> list[QuoteCorrection]:
    """The document's corrected quotes, in the text's order."""
    return [QuoteCorrection(r["start"], r["end"], r["text"], r["speaker"], bool(r["dismissed"]), r["updated"])
            for r in store.read_rows('SELECT start, "end", text, speaker, dismissed, updated FROM quote_corrections '
                                     'WHERE doc_id = ? ORDER BY start, "end"', [doc_id])]
