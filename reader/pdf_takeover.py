"""A PDF's own highlight annotations taken over by Reader: which to import, which it draws instead of
MuPDF (notes_db/pdf_annotations.py keeps the record). Qt-free.

Underlines, squiggles and strike-outs come in as highlights of that style (drawn as a line under, a wavy line
under or a line through the words), in their own colour; those an older Reader took over as plain highlights
get their style on the PDF's next open (notes_db.pdf_annotations.RESTYLE_DUE), once. A sticky note (a Text
annotation) comes in as a note on the line of text nearest its icon (the words of that line in the column the
nearest word is in). Each keeps its author as the highlight's author (data: the card, the exports; m023), and a
reply its own as its last line under the note ("— Alice"), the annotation's author then above it: the note card, the search and
every export show it. A sticky note that answers another annotation (/IRT, a reply) comes in under that one's
note, with its own author, not as a note of its own. A sticky note on a page without words is, like a
highlight there, left to MuPDF to draw.

An annotation is taken over when it became a highlight, or when a highlight already covers its words;
from then on Reader draws it (as a highlight the person can recolour or delete) and the page is rendered
without it. One that lands on no words (a page without text) is not taken over: MuPDF keeps drawing it.
Every open looks for annotations not taken over yet (another program added them since Reader last saw
the PDF) and imports those; one taken over is never imported again (a highlight the person deleted stays
deleted, and none comes in twice).
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from notes_db.pdf_annotations import LINE_KINDS, RESTYLE_DUE, UNKNOWN, registered, style_of
from reader.pdf_pages import NOTE_KINDS, author_of, split_hashtags

if TYPE_CHECKING:
    from reader.session import Session

#: A highlight to make: start, end, colour, note, tags, style[, author] (start == end: nothing to make).
Item = tuple[int, int, str, str, list[str], str] | tuple[int, int, str, str, list[str], str, str]


@dataclass
class Plan:
    """What opening the PDF does with its annotations, in the order of :attr:`items`: each item makes a
    highlight (unless its range is empty) and takes over the annotation whose key is beside it."""

    items: list[Item] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    #: Replies another program added to an annotation taken over before: (highlight id, its note with them under
    #: it, the replies' keys), written before the items (Session.take_answers).
    answers: list[tuple[int, str, list[str]]] = field(default_factory=list)
    #: Whether the document's underlines, squiggles and strike-outs taken over before styles still need theirs,
    #: and the highlights (id, style) they became (Session.take_styles).
    restyle: bool = False
    styles: list[tuple[int, str]] = field(default_factory=list)
    #: How many replies come in (under their parent's note, new or taken over before): what the window says.
    replies: int = 0


_KIND_NAMES = {"highlight": ("highlight", "highlights"), "underline": ("underline", "underlines"),
               "squiggly": ("squiggle", "squiggles"), "strikeout": ("strike-out", "strike-outs"),
               "note": ("sticky note", "sticky notes"), "reply": ("reply", "replies"),
               "freetext": ("text box", "text boxes"), "ink": ("drawing", "drawings")}


def counted(kinds: Iterable[str]) -> str:
    """'2 highlights, 1 underline and 1 sticky note': annotations (or highlights) by kind (a key's kind, a
    highlight's style), in the order each kind first comes; what the import summary and the annotated-PDF export
    say (tryout s14 saw "5 highlight annotations" written for underlines and squiggles too)."""
    counts: dict[str, int] = {}
    for kind in kinds:
        counts[kind] = counts.get(kind, 0) + 1
    said = [f"{n} {_KIND_NAMES.get(k, (k, k + 's'))[n != 1]}" for k, n in counts.items()]
    return "" if not said else said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]


def _center_in(word: tuple[float, float, float, float], r: tuple[float, float, float, float], tol: float = 1.5) -> bool:
    cx, cy = (word[0] + word[2]) / 2, (word[1] + word[3]) / 2
    return r[0] - tol <= cx <= r[2] + tol and r[1] - tol <= cy <= r[3] + tol


#: Who made an annotation, under its note (a PDF Reader itself annotated says "Reader": not said again).
BY = "— "


def with_author(note: str, author: str) -> str:
    """``note`` with the annotation's author on its last line ("— Alice"); as it was when no one is named."""
    author = " ".join((author or "").split())
    if not author or author == "Reader" or note.endswith(f"{BY}{author}"):  # (said already: a copy's copy)
        return note
    return f"{note}\n\n{BY}{author}" if note else f"{BY}{author}"


def _nearest_line(t: Any, idx: list[int], r: tuple[float, float, float, float]) -> set[int]:
    """The words of the line nearest a sticky note's icon ``r``: the nearest word (the line nearest the icon's
    centre in height first, a note sits in the margin beside its line; then the word nearest it along that line,
    in the column beside it) and its neighbours in reading order on the same line."""
    if not idx:
        return set()
    cx, cy = (r[0] + r[2]) / 2, (r[1] + r[3]) / 2

    def far(i: int) -> tuple[int, float]:
        dx = max(t.x0[i] - cx, 0.0, cx - t.x1[i])
        dy = max(t.y0[i] - cy, 0.0, cy - t.y1[i])
        return round(dy / 3), dx

    best = min(idx, key=far)
    mid = (t.y0[best] + t.y1[best]) / 2
    tall = max(1.0, (t.y1[best] - t.y0[best]) / 2)
    on_page = set(idx)
    line = {best}
    for step in (-1, 1):  # along the line in reading order, while the words stay on it
        i = best + step
        while i in on_page and abs((t.y0[i] + t.y1[i]) / 2 - mid) <= tall:
            line.add(i)
            i += step
    return line


def by_height(t: Any, ranges: dict[int, range], p: int) -> list[int]:
    """Page ``p``'s words (their indexes) by the height of their centre: the order the nearest line is looked for in."""
    return sorted(ranges.get(p, range(0)), key=lambda i: t.y0[i] + t.y1[i])


def sticky_words(t: Any, annotations: Iterable[Any]) -> dict[str, tuple[int, int]]:
    """The words (start, end) each sticky note (not a reply) came in on, by its key: the line nearest its icon, as
    :func:`plan` placed it. Its highlight is known by them once its note no longer begins with the sticky's text
    (the person edited it): its note sign stays where the icon was (reader/ui/note_signs.py)."""
    ranges: dict[int, range] | None = None
    pages: dict[int, list[int]] = {}
    out: dict[str, tuple[int, int]] = {}
    for a in annotations:
        if getattr(a, "kind", "") != "note" or getattr(a, "reply_to", "") or not a.rects:
            continue
        if ranges is None:
            ranges = t.page_ranges()
        if a.page not in pages:
            pages[a.page] = by_height(t, ranges, a.page)
        hit = _nearest_line(t, pages[a.page], a.rects[0])
        if hit:
            out[a.key] = (min(t.starts[i] for i in hit), max(t.ends[i] for i in hit))
    return out


def plan(session: Session, annotations: Iterable[Any]) -> Plan:
    """Where each annotation not taken over yet lands on the text, as highlights to make; cheap (no
    writes), so the caller can then make them a few at a time. One whose words a highlight already
    covers is only taken over.

    A PDF registered before Reader kept keys (:data:`UNKNOWN`) imported its annotations then: one last
    changed before that, with no highlight over it now, was deleted by the person and is only taken over."""
    t = session.doc.words
    ranges = t.page_ranges()
    x0, y0, x1, y1 = t.x0, t.y0, t.x1, t.y1
    # a page's words by the height of their centre (pages with annotations only):
    # an annotation looks at its own lines, not at every word of its page
    heights: dict[int, tuple[list[float], list[int]]] = {}

    def page(p: int) -> tuple[list[float], list[int]]:
        if p not in heights:
            idx = by_height(t, ranges, p)
            heights[p] = ([(y0[i] + y1[i]) / 2 for i in idx], idx)
        return heights[p]

    annotations = list(annotations)
    taken = session.taken
    before = registered(session.store, session.doc_id) if UNKNOWN in taken else ""
    existing: set[tuple[int, int]] | None = None  # the highlights' places, read once one lands on words
    now: set[tuple[int, int, str]] = set()  # the places (and kinds) this plan imports: a highlight and an
    # underline on the same words both come in, the same highlight twice (a copy's copy) once
    out = Plan(restyle=RESTYLE_DUE in taken)
    planned: set[str] = set()
    for key in sorted(taken_before(taken, annotations)):  # (their records, under today's keys: nothing to place)
        out.items.append((0, 0, "yellow", "", [], "highlight"))
        out.keys.append(key)
        planned.add(key)
    for a in annotations:
        key = a.key
        replies = [r for r in getattr(a, "replies", []) if r[2] not in taken and r[2] not in planned and r[2] != key]
        done = key in taken or key in planned  # (taken over: only replies added since may be new)
        kind = getattr(a, "kind", "highlight")
        restyle = out.restyle and key in taken and kind in LINE_KINDS
        if done and not replies and not restyle:
            continue
        ys, idx = page(a.page)
        hit: set[int] = set()
        if getattr(a, "kind", "highlight") in NOTE_KINDS:  # (its rect is its icon, box or drawing: beside words)
            box = a.rects[0]  # (a text box's own words, which MuPDF reads as the page's, are not its place)
            near = [i for i in idx if not _center_in((x0[i], y0[i], x1[i], y1[i]), box, 0.0)] \
                if getattr(a, "kind", "") == "freetext" else idx
            hit = _nearest_line(t, near, box)
        for r in () if hit else a.rects:
            lo, hi = bisect.bisect_left(ys, r[1] - 1.5), bisect.bisect_right(ys, r[3] + 1.5)
            hit.update(i for i in idx[lo:hi] if _center_in((x0[i], y0[i], x1[i], y1[i]), r))
        if not hit:
            continue
        start, end = min(t.starts[i] for i in hit), max(t.ends[i] for i in hit)
        if existing is None:  # (a long read still under way reads them from the notes file)
            existing = {(h.start, h.end) for h in session.every_highlight()}
        if restyle:  # (the plain highlight an older Reader made of it, if still there as it made it)
            out.styles.extend((h.id, kind) for h in session.every_highlight()
                              if (h.start, h.end) == (start, end) and h.origin == "imported" and h.style == "highlight"
                              and h.color == a.color)
        if done and not replies:
            continue
        if done:
            _answer_later(session, out, a, start, end, replies)
            planned.update(r[2] for r in replies)
            continue
        # (a sticky note is its own: another on that line, or a highlight there, does not make it the same; and
        # no Reader before this one imported notes or underlines, so an old PDF's were not imported then)
        if kind not in NOTE_KINDS and ((start, end) in existing or (start, end, kind) in now
                               or (before and kind == "highlight" and (not a.modified or a.modified < before))):
            out.items.append((start, start, a.color, "", [], "highlight"))  # only taken over
        else:
            note, tags = split_hashtags(a.content)
            answers = [answer for text, author, _key in replies if (answer := with_author(text.strip(), author))]
            if answers:  # (its author said in the note too, above the answers, each with its author)
                note = with_author(note, a.author)
            for answer in answers:
                note = f"{note}\n\n{answer}" if note else answer
                out.replies += 1
            out.items.append((start, end, a.color, note, tags, style_of(kind), author_of(a)))
            now.add((start, end, kind))
        out.keys.append(key)
        planned.add(key)
        for _text, _author, reply_key in replies:  # taken over with it: Reader shows them in its note
            out.items.append((start, start, a.color, "", [], "highlight"))
            out.keys.append(reply_key)
            planned.add(reply_key)
    return out


def _plain(key: str) -> str:
    """A key as Reader wrote it before it held the kind and a reply's marker: page and place."""
    return ":".join(key.split(":", 2)[:2])


def taken_before(taken: Collection[str], annotations: Iterable[Any]) -> set[str]:
    """The keys of the annotations taken over under a key without their kind (an underline, a sticky note or a
    reply Reader imported before its keys held them): their page and place is taken, and no highlight of the PDF
    has that place (it would have had that key; its underline was never imported: D2)."""
    annotations = list(annotations)
    highlights = {a.key for a in annotations if getattr(a, "kind", "highlight") == "highlight"}
    keys = [k for a in annotations for k in (a.key, *(r[2] for r in getattr(a, "replies", [])))]
    return {k for k in keys if k not in taken and _plain(k) != k and _plain(k) in taken
            and _plain(k) not in highlights}


def _answer_later(session: Session, out: Plan, a: Any, start: int, end: int,
                  replies: list[tuple[str, str, str]]) -> None:
    """Replies another program added to annotation ``a`` after Reader took it over (its words: start, end): under
    the note of the highlight it became (the one on its words whose note begins as its own did), else, when the
    person deleted that one, as a note of their own on its words. One whose text that note already holds (taken
    over under an older key) is only taken over."""
    on_words = [h for h in session.every_highlight() if (h.start, h.end) == (start, end)]
    plain = split_hashtags(a.content)[0]
    own = with_author(plain, a.author)
    h = next((h for h in on_words if own and h.note.startswith(own)), None) or next(
        (h for h in on_words if plain and h.note.startswith(plain)), on_words[0] if on_words else None)
    earlier = next((k for k, (hid, _n, _keys) in enumerate(out.answers) if h is not None and hid == h.id), None)
    note = out.answers[earlier][1] if earlier is not None else h.note if h is not None else ""
    added = False
    for text, author, _key in replies:
        answer = with_author(text.strip(), author)
        if answer and answer not in note:
            note = f"{note}\n\n{answer}" if note else answer
            added = True
            out.replies += 1
    keys = [r[2] for r in replies]
    if h is not None and not added and earlier is None:  # (said already: only taken over, the note left as it is)
        out.items.extend((start, start, a.color, "", [], "highlight") for _k in keys)
        out.keys.extend(keys)
    elif h is None:  # (its highlight was deleted: the answers on its words, as a note)
        out.items.append((start, end if added else start, a.color, note, [], "highlight"))
        out.keys.append(keys[0])
        out.items.extend((start, start, a.color, "", [], "highlight") for _k in keys[1:])
        out.keys.extend(keys[1:])
    elif earlier is not None:
        out.answers[earlier] = (h.id, note, out.answers[earlier][2] + keys)
    else:
        out.answers.append((h.id, note, keys))
