"""Claim reviews and quote corrections brought back by ``reader import`` (reader/importer.py): what the W3C export
writes for them (reader/export/w3c.py: motivation ``assessing`` and ``classifying``), placed on the document's text
like a highlight and stored as the Claims panel and ``reader review`` / ``reader correct`` store them. Qt-free.

A review is the claim's (its key is its words, reader.analysis.Claim.key), with the kind the analysis gives that
claim (a sentence it does not find is a "statement", as ``reader review`` says). A correction is laid on the quote
the analysis finds at that place, with its reading kept, and the library's row of it rewritten, so ``reader
speakers`` and the Speakers window know it; a quote the analysis does not find there is stored all the same and
taken when a later analysis finds it. Each keeps its date, and replaces one here only when it is newer.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from notes_db.store import NotesDB
    from reader.analysis import Analysis
    from reader.importer import ImportReport, Incoming
    from reader.session import Session

log = logging.getLogger("reader.import_claims")

Wanted = list[tuple["Incoming", int, int]]


def newer(incoming: str, local: str) -> bool:
    """Whether an imported review or correction made at ``incoming`` (ISO 8601) is newer than the one here, made at
    ``local``: an older export brought back must not replace later work (sync would then send the older one to
    every other device). One with no date is not newer; one here with none is older."""
    from datetime import UTC, datetime

    def when(stamp: str) -> datetime | None:
        try:
            t = datetime.fromisoformat(stamp.strip())
        except (AttributeError, ValueError):
            return None
        return t if t.tzinfo else t.replace(tzinfo=UTC)

    new, old = when(incoming), when(local)
    return new is not None and (old is None or new > old)


def prepare(claims: dict[int, tuple[Session, Wanted]]) -> dict[int, Analysis]:
    """Each document's analysis (before the write: it takes a while, and the write lock is not held meanwhile), as
    the window's analysis makes it and from the same cache (reader/analysis_cache.py): a document read in the
    window before is not analysed again (War and Peace: a minute)."""
    from reader.workers import analyse_text, analysis_args

    return {doc_id: analyse_text(*analysis_args(session.doc)) for doc_id, (session, _w) in claims.items()}


def store_claims(store: NotesDB, session: Session, result: Analysis, wanted: Wanted, report: ImportReport) -> None:
    """Store one document's reviews and corrections, in the caller's transaction; counted in ``report``."""
    from notes_db import CLAIM_STATUSES
    from notes_db.corrections import correct_quote, quote_corrections
    from notes_db.reviews import set_review
    from reader.analysis import Claim
    from reader.claims_library import remember
    from reader.export import NOT_A_QUOTE
    from reader.quote_fixes import Unchanged, apply_stored, correct

    doc_id, title = session.doc_id, session.record.title
    apply_stored(store, doc_id, result)  # the corrections it already has, as the window lays them
    remember(store, doc_id, result)  # the library's claims and quotes of it (a fresh notes file has none)
    kinds = {c.key: c.kind for c in result.claims}
    have = store.claim_reviews(doc_id)
    fixed = {(c.start, c.end): c for c in quote_corrections(store, doc_id)}
    quotes = {(q.start, q.end): q for q in result.quotes}
    for inc, s, e in wanted:
        if inc.motivation == "assessing":
            status = inc.status if inc.status in CLAIM_STATUSES else "unchecked"
            key = Claim(inc.exact, "", 0.0, s, e).key
            old = have.get(key)
            if old is not None and ((old.status, old.note, old.source) == (status, inc.note, inc.source)
                                    or not newer(inc.updated, old.updated)):  # (this one's is newer: kept)
                report.already += 1
                continue
            set_review(store, doc_id, key, status, inc.note, inc.source, text=inc.exact,
                       kind=kinds.get(key, "statement"), start=s, end=e, updated=inc.updated or None)
            report.reviews[title] = report.reviews.get(title, 0) + 1
            continue
        if not inc.speaker:
            continue  # a classification that names no one: not Reader's
        dismissed = inc.speaker.lower() == NOT_A_QUOTE
        c = fixed.get((s, e))
        if c is not None and ((c.dismissed, c.speaker) == (dismissed, "" if dismissed else inc.speaker)
                              or not newer(inc.updated, c.updated)):
            report.already += 1
            continue
        q = quotes.get((s, e))
        if q is not None:
            try:
                correct(store, doc_id, result, q, speaker=None if dismissed else inc.speaker,
                        dismissed=True if dismissed else None, updated=inc.updated or None)
            except Unchanged:  # the analysis here already names that speaker
                report.already += 1
                continue
        else:  # the analysis here finds no quote at that place (yet): kept for when it does
            log.info("a corrected quote the analysis does not find is kept for a later analysis")
            correct_quote(store, doc_id, s, e, inc.exact, speaker=None if dismissed else inc.speaker,
                          dismissed=True if dismissed else None, updated=inc.updated or None)
        report.corrections[title] = report.corrections.get(title, 0) + 1
