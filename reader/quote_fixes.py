"""A reader's corrections of the quotes (notes_db/corrections.py) laid over an analysis: a quote given to the wrong
person is listed under the right one; a passage that is no quote is listed apart, under ``DISMISSED``, and
the library (speakers, search, export) forgets it. Qt-free: the window and the command line share it.

``apply`` works in place and can be run again on the same analysis (after each correction): each quote first
gets back what the analysis found, then takes its correction, if it has one and its words are the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from reader.speaker_labels import DISMISSED, NO_SPEAKER

if TYPE_CHECKING:
    from notes_db.corrections import Found, QuoteCorrection
    from notes_db.store import NotesDB
    from reader.analysis import Analysis, Quote

_FOUND = "found"  # q.extra[_FOUND]: (speaker, group) as the analysis found them, kept while a correction is laid over


def apply(result: Analysis, corrections: list[QuoteCorrection]) -> int:
    """Lay ``corrections`` over ``result``'s quotes; how many quotes took one."""
    by_place = {(c.start, c.end): c for c in corrections}
    taken = 0
    for q in result.quotes:
        found = q.extra.pop(_FOUND, None)
        if found is not None:  # what the analysis found, back before the corrections are laid again
            q.speaker, group = found
            q.extra["group"] = group
        c = by_place.get((q.start, q.end))
        if c is None or (c.text and c.text != q.text):
            continue
        q.extra[_FOUND] = (q.speaker, q.extra.get("group", ""))
        if c.dismissed:
            q.extra["group"] = DISMISSED
        elif c.speaker:
            q.extra["group"] = c.speaker
            q.speaker = q.speaker or c.speaker  # how the text names them, if it does; else the name given
        taken += 1
    return taken


def out_of_date(result: Analysis, corrections: list[QuoteCorrection]) -> bool:
    """Whether ``apply(result, corrections)`` would change ``result``: its corrections were changed by another
    program (``reader correct``, ``reader sync``) since they were laid."""
    by_place = {(c.start, c.end): c for c in corrections}
    for q in result.quotes:
        c = by_place.get((q.start, q.end))
        if c is not None and c.text and c.text != q.text:
            c = None
        found = q.extra.get(_FOUND)
        if c is None or found is None:
            if (c is None) != (found is None):
                return True
            continue
        if q.extra.get("group") != (DISMISSED if c.dismissed else c.speaker or found[1]):
            return True
    return False


def apply_stored(store: NotesDB, doc_id: int, result: Analysis) -> int:
    """``apply`` with the document's corrections as the notes file holds them."""
    from notes_db.corrections import quote_corrections

    return apply(result, quote_corrections(store, doc_id))


class Unchanged(ValueError):
    """A correction that would change nothing (the quote is that speaker's already)."""


def correct(store: NotesDB, doc_id: int, result: Analysis, quote: Quote, *, speaker: str | None = None,
            dismissed: bool | None = None, undo: bool = False, updated: str | None = None) -> bool:
    """The reader's correction of one quote of ``result``: who said it (``speaker``), that it is no quote
    (``dismissed``), or (``undo``) the analysis's reading again. In ONE transaction: the correction stored, laid
    over ``result``, and the library's row of that quote rewritten (gone for a dismissed passage), not the
    document's every finding. False for ``undo`` of a quote that had no correction (nothing changes). ``updated``:
    when the correction was made (an import keeps its date). A quote named for the speaker the analysis found
    loses its correction (none: :class:`Unchanged`, nothing stored)."""
    from notes_db.corrections import correct_quote, undo_correction
    from notes_db.reviews import known_spelling, replace_quote

    with store.transaction():
        if speaker is not None and not undo:  # "xi jinping" typed: the document's (or library's) "Xi Jinping"
            speaker = known_spelling(store, speaker, speakers_here(result))
            if speaker == found_reading(quote).group and not dismissed:  # the analysis's own reading (tryout 13)
                if not corrected(quote):
                    raise Unchanged(f"That quote is {speaker}'s already: nothing to correct.")
                undo = True  # named back to whom the analysis found: the correction goes
        if undo:
            if not undo_correction(store, doc_id, quote.start, quote.end):
                return False
        else:
            correct_quote(store, doc_id, quote.start, quote.end, quote.text, speaker=speaker, dismissed=dismissed,
                          found=found_reading(quote), updated=updated)
        apply_stored(store, doc_id, result)
        replace_quote(store, doc_id, quote.start, quote.end, quote.kind,
                      None if quote.extra.get("group") == DISMISSED else row(quote))
    return True


def speakers_here(result: Analysis) -> list[str]:
    """The people the analysis's quotes are listed under (as corrected so far), most quoted first."""
    counts: dict[str, int] = {}
    for q in result.quotes:
        group = str(q.extra.get("group") or "")
        if group and group != DISMISSED:
            counts[group] = counts.get(group, 0) + 1
    return sorted(counts, key=lambda g: -counts[g])


def found_row(q: Quote) -> tuple[str, str, str, str, int, int, str]:
    """A quote's library row as the analysis found it, before any correction (:func:`rows_corrected` lays the
    corrections the notes file holds over it when it is written)."""
    found = found_reading(q)
    return q.text, found.speaker, found.group, q.cue, q.start, q.end, q.kind


def rows_corrected(rows: list[tuple[str, str, str, str, int, int, str]],
                   corrections: list[QuoteCorrection]) -> list[tuple[str, str, str, str, int, int, str]]:
    """:func:`apply` for the library's rows of a document's quotes (:func:`found_row`): a quote given to someone
    is under them (its speaker as the text names them, if it does), a dismissed one has no row; a correction of
    other words than the quote's now is not laid."""
    by_place = {(c.start, c.end): c for c in corrections}
    out = []
    for r in rows:
        c = by_place.get((r[4], r[5]))
        if c is not None and not (c.text and c.text != r[0]):
            if c.dismissed:
                continue
            if c.speaker:
                r = (r[0], r[1] or c.speaker, c.speaker, *r[3:])
        out.append(r)
    return out


def row(q: Quote) -> tuple[str, str, str, str, int, int, str]:
    """A quote as the library remembers it (notes_db.reviews.record_findings): text, speaker, group, cue, place,
    kind."""
    return q.text, q.speaker or "", str(q.extra.get("group", "")), q.cue, q.start, q.end, q.kind


class Reading(NamedTuple):
    """How a quote is listed: its group (the heading it is under), the speaker as the text names them, and
    whether the reader corrected it (:func:`corrected`)."""

    group: str
    speaker: str | None
    corrected: str


class QuoteChange(NamedTuple):
    """One quote of an analysis corrected: its number in ``result.quotes``, how it was listed before and now."""

    number: int
    old: Reading
    new: Reading


class QuotesCorrected(NamedTuple):
    """What a correction changed (the controller's ``quotesCorrected``): the analysis, corrected in place, and its
    quotes listed otherwise now (the one corrected; any other whose correction the notes file had meanwhile)."""

    result: Analysis
    changes: list[QuoteChange]


def readings(result: Analysis) -> list[tuple[object, ...]]:
    """How each quote of ``result`` is listed, to compare with :func:`changes` after a correction (plain tuples:
    11,000 quotes are read in a few milliseconds)."""
    return [(q.extra.get("group", NO_SPEAKER), q.speaker, _FOUND in q.extra) for q in result.quotes]


def changes(result: Analysis, before: list[tuple[object, ...]]) -> list[QuoteChange]:
    """The quotes of ``result`` not listed as in ``before`` (:func:`readings` of the same analysis), old and new."""
    def reading(listed: tuple[object, ...]) -> Reading:
        group, speaker, fixed = listed
        state = "" if not fixed else "dismissed" if group == DISMISSED else "speaker"  # (as corrected() says)
        return Reading(str(group), speaker if isinstance(speaker, str) else None, state)

    return [QuoteChange(i, reading(old), reading(new)) for i, (old, new) in enumerate(zip(before, readings(result),
                                                                                          strict=True)) if old != new]


def found_reading(q: Quote) -> Found:
    """How the analysis read the quote, before any correction (kept with a correction: what sync gives the
    library's row back on another device when it is undone)."""
    from notes_db.corrections import Found

    speaker, group = q.extra.get(_FOUND) or (q.speaker, q.extra.get("group", ""))
    return Found(speaker or "", str(group or ""), q.cue, q.kind)


def found_speaker(q: Quote) -> str:
    """The person the analysis named (before any correction): what the panel shows as corrected from."""
    found = found_reading(q)
    return found.group or found.speaker


def found_as_written(q: Quote) -> str:
    """Who the analysis said said it: as the text names them when that holds the person's name ("General
    Secretary Xi Jinping"), else the person it took them for ("he", "Xi": "Xi Jinping"): the detail line's
    "found: …" of a corrected quote."""
    found = q.extra.get(_FOUND)
    if not found:
        return ""
    written, group = str(found[0] or ""), str(found[1] or "")
    if not group or group in (NO_SPEAKER, DISMISSED):
        return written or "no speaker"
    return written if group.lower() in written.lower() else group


def reading(kind: str, who: str) -> str:
    """A quote as the analysis read it, in words a person uses: 'a direct quote by Xi Jinping', 'an indirect quote
    with no speaker named', 'a position taken by the ministry'."""
    what = {"direct": "a direct quote", "indirect": "an indirect quote", "position": "a position"}.get(
        kind, f"a quote ({kind})" if kind else "a quote")
    if not who:
        return f"{what} with no speaker named"
    return f"{what} {'taken by' if kind == 'position' else 'by'} {who}"


def corrected(q: Quote) -> str:
    """'speaker', 'dismissed', or '' for a quote as the analysis found it."""
    if _FOUND not in q.extra:
        return ""
    return "dismissed" if q.extra.get("group") == DISMISSED else "speaker"


def kept(result: Analysis) -> list[Quote]:
    """The quotes the library remembers: not those the reader dismissed."""
    return [q for q in result.quotes if q.extra.get("group") != DISMISSED]
