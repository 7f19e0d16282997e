"""What a reader corrects in the quotes the analysis found: the wrong person named as the speaker, or a
passage that is no quote at all. No Qt here.

One row per corrected quote, keyed by its document and its place (start, end) and keeping the quote's words:
a new analysis of the same text finds the same quote at the same place and takes the correction again
(``reader/quote_fixes.py``); a quote whose words changed (the document was edited) is not given another's.
Each write is one transaction.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from notes_db.store import NotesDB

log = logging.getLogger("notes_db.corrections")


class Found(NamedTuple):
    """How the analysis read a quote, before any correction: what the library's row of it is again after an undo
    (kept with the correction, and synced with it, so another device can give that row back too)."""

    speaker: str
    group: str
    cue: str
    kind: str


@dataclass(frozen=True)
class QuoteCorrection:
    start: int
    end: int
    text: str  # the quote's words when it was corrected
    speaker: str  # the person who said it, as the reader names them ('' when only dismissed)
    dismissed: bool  # not a quote: the panel lists it apart, the library forgets it
    updated: str


def correct_quote(store: NotesDB, doc_id: int, start: int, end: int, text: str, *, speaker: str | None = None,
                  dismissed: bool | None = None, found: Found | None = None,
                  updated: str | None = None) -> QuoteCorrection:
    """Set who said the quote at ``start``..``end`` (``speaker``) or that it is no quote (``dismissed``); what is
    left None stays as it was. Naming a speaker brings a dismissed quote back. ``found``: how the analysis read
    the quote (kept; None keeps what is known). ``updated``: when it was made (an import keeps its date); now if
    None."""
    from notes_db.records import now

    if speaker is not None:
        speaker = " ".join(speaker.split())
        if not speaker:
            raise ValueError("give the name of the person who said it")
        dismissed = False if dismissed is None else dismissed
    stamp = updated or now()
    with store.transaction() as db:
        kept = list(found) if found is not None else [None] * 4
        db.execute(
            'INSERT INTO quote_corrections (doc_id, start, "end", text, speaker, dismissed, updated, found_speaker, '
            "found_group, cue, quote_kind) VALUES (?, ?, ?, ?, coalesce(?, ''), coalesce(?, 0), ?, ?, ?, ?, ?) "
            'ON CONFLICT(doc_id, start, "end") DO UPDATE SET text = excluded.text, '
            "speaker = CASE WHEN ? IS NULL THEN quote_corrections.speaker ELSE excluded.speaker END, "
            "dismissed = CASE WHEN ? IS NULL THEN quote_corrections.dismissed ELSE excluded.dismissed END, "
            "updated = excluded.updated, found_speaker = coalesce(excluded.found_speaker, found_speaker), "
            "found_group = coalesce(excluded.found_group, found_group), cue = coalesce(excluded.cue, cue), "
            "quote_kind = coalesce(excluded.quote_kind, quote_kind)",
            [doc_id, start, end, text, speaker, dismissed, stamp, *kept, speaker, dismissed],
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


def with_readings(store: NotesDB, doc_id: int) -> list[tuple[QuoteCorrection, Found | None]]:
    """The document's corrected quotes, in the text's order, each with the analysis's reading of it (None when it
    was corrected before readings were kept): what an export says of them."""
    rows = store.read_rows('SELECT start, "end", text, speaker, dismissed, updated, found_speaker, found_group, cue, '
                           'quote_kind FROM quote_corrections WHERE doc_id = ? ORDER BY start, "end"', [doc_id])
    return [(QuoteCorrection(r["start"], r["end"], r["text"], r["speaker"], bool(r["dismissed"]), r["updated"]),
             Found(r["found_speaker"] or "", r["found_group"] or "", r["cue"] or "", r["quote_kind"])
             if r["quote_kind"] is not None else None) for r in rows]


@dataclass(frozen=True)
class Stored:
    """A correction as the notes file holds it, with its document and the analysis's reading (for sync)."""

    doc_id: int
    start: int
    end: int
    text: str
    speaker: str
    dismissed: bool
    found: Found | None

    def state(self) -> tuple[str, bool]:
        return ("", True) if self.dismissed else (self.speaker, False)


def stored(store: NotesDB, row_id: int) -> Stored | None:
    """The correction of row ``row_id`` (None if there is none)."""
    rows = store.read_rows('SELECT doc_id, start, "end", text, speaker, dismissed, found_speaker, found_group, cue, '
                           "quote_kind FROM quote_corrections WHERE id = ?", [row_id])
    if not rows:
        return None
    r = rows[0]
    found = (Found(r["found_speaker"] or "", r["found_group"] or "", r["cue"] or "", r["quote_kind"])
             if r["quote_kind"] is not None else None)
    return Stored(r["doc_id"], r["start"], r["end"], r["text"], r["speaker"], bool(r["dismissed"]), found)


def follow_in_library(store: NotesDB, was: Stored | None, now: Stored | None) -> bool:
    """A correction changed here by sync (``was`` -> ``now``; None: no correction, the analysis's reading): the
    library's row of its quote rewritten as ``reader/quote_fixes.correct`` writes it (``notes_db.reviews.
    replace_quote``), so the Speakers window, search and ``reader speakers`` know it. Only on a document this
    notes file has findings of (a document analysed here later takes its corrections then), and only on the quote
    this device's analysis found there, with the same words. Whether the row was rewritten. In the caller's
    transaction."""
    from notes_db.reviews import replace_quote

    c = now or was
    if c is None or (was.state() if was else None) == (now.state() if now else None):
        return False
    if store.db.execute("SELECT 1 FROM findings WHERE doc_id = ? LIMIT 1", [c.doc_id]).fetchone() is None:
        return False  # not analysed here yet
    rows = store.read_rows('SELECT text, speaker, speaker_group, cue, claim_kind FROM findings WHERE doc_id = ? AND '
                           "kind = 'quote' AND start = ? AND \"end\" = ?", [c.doc_id, c.start, c.end])
    here = rows[0] if rows else None
    if here is not None and c.text and here["text"] != c.text:
        return False  # other words at that place: not this quote
    if here is None and not (was is not None and was.dismissed):
        return False  # this device's analysis finds no quote there
    found = c.found
    if found is None:  # corrected before its reading was kept: what the row says of it
        if here is None or now is None:
            log.info("the library's row of a quote is not given back: its analysis's reading is not known")
            return False
        found = Found(here["speaker"], here["speaker_group"], here["cue"], here["claim_kind"])
    if now is not None and now.dismissed:
        quote = None
    elif now is not None:
        quote = (c.text, found.speaker or now.speaker, now.speaker, found.cue, c.start, c.end, found.kind)
    else:
        quote = (c.text, found.speaker, found.group, found.cue, c.start, c.end, found.kind)
    replace_quote(store, c.doc_id, c.start, c.end, here["claim_kind"] if here is not None else found.kind, quote)
    return True
