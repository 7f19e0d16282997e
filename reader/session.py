"""One open document with its notes: the path from text offsets to notes_db.

Qt-free, so the GUI and the CLI do the same thing the same way:
document -> anchors -> notes_db, and back (re-anchoring on open).
"""

from __future__ import annotations

import bisect
import hashlib
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from notes_db import DocumentRecord, Highlight
from notes_db.pdf_annotations import RESTYLE_DUE
from reader.anchoring import AMBIGUOUS, PLACED, Anchor, locate_all, make_anchor
from reader.document import Document
from reader.find import find_first
from reader.repair import repair

if TYPE_CHECKING:
    from notes_db.store import NotesDB
    from reader.pdf_takeover import Plan

log = logging.getLogger("reader.session")


@dataclass(frozen=True)
class HighlightsChanged:
    """What one action did to a document's highlights: the views repaint only this.

    ``reset`` means "everything may have moved" (re-anchoring after a repair was
    undone); views then read :attr:`Session.highlights` whole.
    """

    added: tuple[Highlight, ...] = ()
    changed: tuple[Highlight, ...] = ()
    removed: tuple[Highlight, ...] = ()
    reset: bool = False
    #: The highlight the action was about (selected in the panel afterwards), if any.
    current: int | None = None
    #: Highlights read from the notes file (a batch of a long read, :meth:`Session.take_loaded`),
    #: not made by an action: nothing to select, nothing the person did.
    loaded: bool = False


def _order(h: Highlight) -> tuple[bool, int, int]:
    return (h.orphaned, h.start, h.id)


def text_sha(text: str) -> str:
    """The hash of a text that highlight positions were made on (``documents.anchored_sha``)."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def anchor_updates(text: str, highlights: list[Highlight]) -> list[tuple[int, int, int, int]]:
    """Where each highlight stands on ``text`` now (reader.anchoring: placed, not found or
    ambiguous), as the (id, start, end, state) changes to store; ``highlights`` are updated to
    match, and put in reading order again. Qt-free and without writing: a thread
    reading a long book's highlights calls it too, and the window stores what it returns."""
    updates: list[tuple[int, int, int, int]] = []
    anchors = [Anchor(h.start, h.end, h.exact, h.prefix, h.suffix) for h in highlights]
    for h, p in zip(highlights, locate_all(text, anchors), strict=True):
        if p.state == PLACED:
            if (p.start, p.end) != (h.start, h.end) or h.orphaned:
                updates.append((h.id, p.start, p.end, 0))
            continue
        state = 2 if p.state == AMBIGUOUS else 1
        if not h.orphaned or h.ambiguous != (state == 2):
            updates.append((h.id, h.start, h.end, state))
    by_id = {h.id: h for h in highlights}
    for hid, start, end, state in updates:
        moved = by_id[hid]
        moved.start, moved.end, moved.orphaned, moved.ambiguous = start, end, bool(state), state == 2
    if updates:
        highlights.sort(key=_order)
    return updates


def loading_order(highlights: list[Highlight], near: int, first: int = 400, size: int = 2000) -> list[list[Highlight]]:
    """A long read's batches: first the highlights around offset ``near`` (where the person will be:
    what the screen shows), then the rest in reading order, ``size`` at a time. ``highlights`` are in
    reading order; each batch is too."""
    if not highlights:
        return []
    starts = [h.start if not h.orphaned else 1 << 62 for h in highlights]
    i = bisect.bisect_left(starts, near)
    lo = max(0, i - first // 4)
    hi = min(len(highlights), lo + first)
    batches = [highlights[lo:hi]]
    rest = highlights[:lo] + highlights[hi:]
    batches += [rest[k:k + size] for k in range(0, len(rest), size)]
    return batches


class Session:
    """One document and its highlights, kept in reading order (orphans last).

    Every write goes to notes_db in one transaction and then updates
    :attr:`highlights` by delta (never by reloading the document's), and every
    listener in :attr:`listeners` hears what changed.
    """

    def __init__(self, store: NotesDB, doc: Document, *, opened: bool = True, read_over: int | None = None) -> None:
        """``opened``: a person opened the document (False: a script writes to it; its Last opened stays).
        ``read_over``: a document with more highlights than that has them read elsewhere (a thread of
        the window's, on a connection of its own: :func:`anchor_updates`, :func:`loading_order`) and
        handed in by :meth:`take_loaded` batch after batch; :attr:`loading` until :meth:`finish_loading`."""
        self.store = store
        self.doc = doc
        self.listeners: list[Callable[[HighlightsChanged], None]] = []
        self._by_id: dict[int, Highlight] = {}
        self._keys: list[tuple[bool, int, int]] = []
        self.record: DocumentRecord = store.register_document(
            doc.fingerprint, str(doc.path), doc.title, doc.kind, len(doc.text), doc.page_count, opened=opened
        )
        if doc.author:
            from notes_db import StorageError
            from notes_db.library import set_author

            try:
                set_author(store, self.record.id, doc.author)
            except StorageError as exc:  # a read-only notes file still shows the document and its notes
                log.info("the author of %s is not saved: %s", doc.path.name, exc)
        self.restored: list[str] = store.restored_repairs(self.record.id)
        if self.restored and doc.raw is not None:
            self.doc = repair(doc.raw, self.restored)
        self.highlights: list[Highlight] = []
        #: How many highlights are still to come from a long read (0: all are in).
        self.loading = 0
        #: Batches of a long read taken so far.
        self.batches_taken = 0
        self._gone: set[int] = set()  # deleted while a long read was under way: never brought back by it
        self._outside_pending = False  # another program wrote while a long read was under way
        self.orphans_found = 0
        #: The PDF's own annotations Reader has taken over (notes_db/pdf_annotations.py), by key.
        self.taken: set[str] = set()
        #: Called when :attr:`taken` grew (the page view then draws the pages without those annotations).
        self.taken_listeners: list[Callable[[], None]] = []
        if doc.kind == "pdf":
            from notes_db.pdf_annotations import taken_over

            self.taken = taken_over(store, self.record.id)
        if read_over is not None and not store.read_only:
            total = store.highlight_count(self.record.id)
            if total > read_over:
                self.loading = total
                return
        self._set_all(store.highlights(self.record.id))
        self.orphans_found = self._reanchor()

    @property
    def doc_id(self) -> int:
        return self.record.id

    def _reanchor(self) -> int:
        """Place every stored highlight on the current text; count those not placed.

        Positions made on this very text are trusted as they are; otherwise each
        highlight is found again by its quote and context (reader.anchoring):
        placed, not found, or ambiguous (more than one place, nothing to choose by).
        """
        sha = text_sha(self.doc.text)
        if sha != self.record.anchored_sha:
            updates = anchor_updates(self.doc.text, self.highlights)  # as the store will hold them
            self._store_anchors(updates, sha)
            if updates:
                self._set_all(self.highlights)
        return sum(1 for h in self.highlights if h.orphaned)

    def _store_anchors(self, updates: list[tuple[int, int, int, int]], sha: str) -> None:
        if updates:
            log.info("re-anchored %d highlights of %s", len(updates), self.doc.path.name)
            self.store.set_anchors(updates)
        self.store.set_anchored_text(self.record.id, sha)
        self.record.anchored_sha = sha

    # -- a long read, batch by batch --------------------------------------------

    def take_loaded(self, batch: list[Highlight]) -> HighlightsChanged | None:
        """A batch of the long read (in reading order, placed on this text) joins the highlights and is
        announced as added (``loaded``). Those already here (made since the read began) or deleted
        meanwhile are left out."""
        if not self.loading:
            return None
        self.batches_taken += 1
        by_id, gone = self._by_id, self._gone
        fresh = [h for h in batch if h.id not in by_id and h.id not in gone]
        if not fresh:
            return None
        keys = [(h.orphaned, h.start, h.id) for h in fresh]  # _order, inline: a batch is thousands
        i = bisect.bisect_left(self._keys, keys[0])
        if i == bisect.bisect_left(self._keys, keys[-1]) and all(a < b for a, b in pairwise(keys)):
            self.highlights[i:i] = fresh  # one run (the usual case): one splice
            self._keys[i:i] = keys
            by_id.update({h.id: h for h in fresh})
        else:
            for h in fresh:
                self._insert(h)
        change = HighlightsChanged(added=tuple(fresh), loaded=True)
        self._announce(change)
        return change

    def finish_loading(self, updates: list[tuple[int, int, int, int]], sha: str) -> bool:
        """The long read is over: store what re-anchoring found (``updates``; the batches were already
        placed so) and the text it was made on. Whether another program wrote meanwhile (its changes
        taken in now)."""
        if not self.loading:
            return False
        self.loading = 0
        self._gone.clear()
        if sha != self.record.anchored_sha:
            self._store_anchors(updates, sha)
        self.orphans_found = sum(1 for h in self.highlights if h.orphaned)
        if self._outside_pending:
            self._outside_pending = False
            self.take_external_changes()
            return True
        return False

    def every_highlight(self) -> list[Highlight]:
        """All of the document's highlights, also while a long read is still bringing them (an
        export, say, wants every one now): read from the notes file then."""
        if not self.loading:
            return self.highlights
        return [h for h in self.store.highlights(self.record.id) if h.id not in self._gone]

    def stop_loading(self) -> None:
        """Read everything now instead (a reset: every listener reads :attr:`highlights` whole)."""
        if self.loading:
            self.loading = 0
            self._gone.clear()
            self._set_all(self.store.highlights(self.record.id))
            self.orphans_found = self._reanchor()
            self._announce(HighlightsChanged(reset=True))

    def set_repair_applied(self, ident: str, applied: bool) -> Document:
        """Undo (or redo) one repair of the converted text; highlights follow their quotes."""
        if self.doc.raw is None:
            return self.doc
        restored = set(self.restored)
        if applied:
            restored.discard(ident)
        else:
            restored.add(ident)
        self.store.set_restored_repairs(self.doc_id, restored)
        self.loading = 0  # read whole below: a long read under way has nothing more to add
        self.restored = sorted(restored)
        self.doc = repair(self.doc.raw, self.restored)
        self._set_all(self.store.highlights(self.record.id))
        self.orphans_found = self._reanchor()
        self._announce(HighlightsChanged(reset=True))
        return self.doc

    # -- the highlights, by delta ---------------------------------------------

    def _set_all(self, highlights: list[Highlight]) -> None:
        keys = [_order(h) for h in highlights]
        if any(a > b for a, b in pairwise(keys)):  # the store reads them in this order already
            ranked = sorted(range(len(keys)), key=keys.__getitem__)
            highlights, keys = [highlights[i] for i in ranked], [keys[i] for i in ranked]
        self.highlights = list(highlights)
        self._keys = keys
        self._by_id = {h.id: h for h in self.highlights}

    def _insert(self, h: Highlight) -> None:
        key = _order(h)
        i = bisect.bisect_left(self._keys, key)
        self._keys.insert(i, key)
        self.highlights.insert(i, h)
        self._by_id[h.id] = h

    def _remove(self, highlight_id: int) -> Highlight | None:
        h = self._by_id.pop(highlight_id, None)
        if h is not None:
            i = bisect.bisect_left(self._keys, _order(h))
            del self._keys[i]
            del self.highlights[i]
        return h

    def _announce(self, change: HighlightsChanged) -> None:
        for listener in list(self.listeners):
            listener(change)

    def reload(self) -> list[Highlight]:
        """Read the highlights again (after a failed write, to be sure what is stored)."""
        self.loading = 0
        self._set_all(self.store.highlights(self.record.id))
        self._announce(HighlightsChanged(reset=True))
        return self.highlights

    def take_external_changes(self) -> HighlightsChanged | None:
        """Take in what another program wrote to this document's highlights (the command
        line, a script, another window), as a delta; None when nothing differs (or not yet: during a
        long read they are taken in once it is over)."""
        if self.loading:
            self._outside_pending = True
            return None
        stored = {h.id: h for h in self.store.highlights(self.record.id)}
        removed = tuple(h for hid, h in self._by_id.items() if hid not in stored)
        added = tuple(h for hid, h in stored.items() if hid not in self._by_id)
        changed = tuple(h for hid, h in stored.items() if hid in self._by_id and h != self._by_id[hid])
        if not (added or changed or removed):
            return None
        for h in removed + changed:
            self._remove(h.id)
        for h in changed + added:
            self._insert(h)
        change = HighlightsChanged(added=added, changed=changed, removed=removed)
        self._announce(change)
        return change

    def index_of(self, highlight_id: int) -> int | None:
        """Where a highlight stands in reading order (its row in the panel)."""
        h = self._by_id.get(highlight_id)
        if h is None:
            return None
        return bisect.bisect_left(self._keys, _order(h))

    def highlight(self, highlight_id: int) -> Highlight | None:
        return self._by_id.get(highlight_id)

    def placed_count(self) -> int:
        """How many highlights have a place in the text (the orphans are sorted after them)."""
        return bisect.bisect_left(self._keys, (True, -1, -1))

    def step(self, direction: int, *, offset: int = 0, from_id: int | None = None) -> Highlight | None:
        """The next (``direction`` 1) or previous (-1) placed highlight in reading order: after or before
        the highlight ``from_id`` when given (overlapping ones one by one), else the first starting at or
        after ``offset`` / the last starting before it. None past either end. Two bisections, whatever the
        number of highlights."""
        placed = self.placed_count()
        i = self.index_of(from_id) if from_id is not None else None
        if i is not None and i < placed:
            j = i + direction
        else:
            j = bisect.bisect_left(self._keys, (False, offset, -1)) - (direction < 0)
        return self.highlights[j] if 0 <= j < placed else None

    def highlight_at(self, offset: int) -> Highlight | None:
        hits = self.highlights_at(offset)
        return hits[0] if hits else None

    def highlights_at(self, offset: int) -> list[Highlight]:
        """Every highlight covering ``offset``, the shortest first (then the oldest)."""
        # Highlights are sorted by start: only those starting at or before the
        # offset can cover it (a scan back, not over all of them).
        i = bisect.bisect_right(self._keys, (False, offset, 1 << 62))
        hits = [h for h in self.highlights[max(0, i - 256):i] if h.start <= offset < h.end]
        if not hits and i > 256:  # a very long highlight starting far before
            hits = [h for h in self.highlights[:i] if h.start <= offset < h.end]
        return sorted(hits, key=lambda h: (h.end - h.start, h.id))

    def create(
        self,
        start: int,
        end: int,
        color: str = "yellow",
        note: str = "",
        tags: Iterable[str] = (),
        origin: str = "user",
        claim_key: str | None = None,
        style: str = "highlight",
    ) -> Highlight:
        a = make_anchor(self.doc.text, start, end)
        if a.end <= a.start:
            raise ValueError("Select some text to highlight.")
        rects = self.doc.rects_for(a.start, a.end) if self.doc.words else []
        h = self.store.add_highlight(
            self.doc_id, a.start, a.end, a.exact, a.prefix, a.suffix, color, note, tags,
            page=self.doc.page_at(a.start), rects=rects, origin=origin, claim_key=claim_key, style=style,
        )
        self._insert(h)
        self._announce(HighlightsChanged(added=(h,), current=h.id))
        return h

    def create_many(self, items: Sequence[tuple[Any, ...]], origin: str = "imported",
                    budget_s: float | None = None, keys: list[str] | None = None) -> tuple[list[Highlight], int]:
        """Highlights (start, end, colour, note, tags[, style[, author]]) made in one transaction and
        announced as one change, in order; with ``budget_s``, as many as that time
        allows (at least one), so a caller can spread many over turns of the event loop.
        ``keys``: the PDF annotation each item is, taken over in the same transaction
        (reader/pdf_takeover.py). Returns those made and how many of ``items`` were
        used (empty ranges are skipped)."""
        import time

        until = None if budget_s is None else time.perf_counter() + budget_s
        made: list[Highlight] = []
        used = 0
        with self.store.transaction():
            for start, end, color, note, tags, *rest in items:
                used += 1
                a = make_anchor(self.doc.text, start, end)
                if a.end <= a.start:
                    continue
                rects = self.doc.rects_for(a.start, a.end) if self.doc.words else []
                made.append(self.store.add_highlight(
                    self.doc_id, a.start, a.end, a.exact, a.prefix, a.suffix, color, note, tags,
                    page=self.doc.page_at(a.start), rects=rects, origin=origin, style=rest[0] if rest else "highlight",
                    author=rest[1] if len(rest) > 1 else ""))
                if until is not None and time.perf_counter() > until:
                    break
            if keys:
                from notes_db.pdf_annotations import take_over

                take_over(self.store, self.doc_id, keys[:used])
        if keys and not self.taken.issuperset(keys[:used]):
            self.taken.update(keys[:used])
            for listener in self.taken_listeners:
                listener()
        for h in made:
            self._insert(h)
        if made:
            self._announce(HighlightsChanged(added=tuple(made)))
        return made, used

    def edit(
        self, highlight_id: int, *, color: str | None = None, note: str | None = None,
        tags: Iterable[str] | None = None, style: str | None = None,
    ) -> Highlight:
        h = self.store.update_highlight(highlight_id, color=color, note=note, tags=tags, style=style)
        old = self._by_id.get(highlight_id)
        if old is not None:
            h.orphaned, h.start, h.end = old.orphaned, old.start, old.end  # where it is placed now
        self._remove(highlight_id)
        self._insert(h)
        self._announce(HighlightsChanged(changed=(h,), current=h.id))
        return h

    def delete(self, highlight_id: int) -> Highlight | None:
        old = self.store.delete_highlight(highlight_id)
        if self.loading:
            self._gone.add(highlight_id)
        gone = self._remove(highlight_id)
        if gone is not None:
            self._announce(HighlightsChanged(removed=(gone,)))
        return old

    def restore(self, h: Highlight) -> Highlight:
        restored = self.store.restore_highlight(h)
        self._insert(restored)
        self._announce(HighlightsChanged(added=(restored,), current=restored.id))
        return restored

    @property
    def annotations_due(self) -> bool:
        """Whether some of the PDF's own highlight annotations are not taken over yet (reader/pdf_takeover.py):
        on its first registration all of them, then those another program added since (Okular, say). Whoever
        opens it (the window, ``reader notes``, an import) brings them in; one taken over is never imported
        again, so a highlight the person deleted stays deleted. Cheap: keys compared, nothing placed."""
        return (self.doc.kind == "pdf" and bool(self.doc.annotations) and not self.store.read_only
                and (RESTYLE_DUE in self.taken
                     or any(a.key not in self.taken or any(r[2] not in self.taken for r in a.replies)
                            for a in self.doc.annotations)))

    def import_own_annotations(self) -> int:
        """The PDF's own highlight annotations, all at once (the command line; the window spreads
        them over turns of its event loop: reader/ui/pdf_import.py) when they are due."""
        return self.import_annotations(self.doc.annotations) if self.annotations_due else 0

    def import_annotations(self, annotations: Iterable[Any]) -> int:
        """Highlight annotations found in the PDF become Reader highlights
        (origin "imported"), placed on the words under them; returns how many."""
        plan = self.plan_import(annotations)
        self.take_answers(plan.answers)
        self.take_styles(plan)
        made, _used = self.create_many(plan.items, origin="imported", keys=plan.keys)
        self.imported_all()
        return len(made)

    def take_answers(self, answers: list[tuple[int, str, list[str]]]) -> None:
        """Replies added to annotations taken over before, under their highlights' notes (Plan.answers): the
        notes and the replies' keys in one transaction."""
        if not answers:
            return
        from notes_db.pdf_annotations import take_over

        with self.store.transaction():
            changed = [self.store.update_highlight(hid, note=note) for hid, note, _keys in answers]
            take_over(self.store, self.doc_id, [k for _hid, _note, keys in answers for k in keys])
        self.taken.update(k for _hid, _note, keys in answers for k in keys)
        for listener in self.taken_listeners:
            listener()
        for h in changed:
            old = self._by_id.get(h.id)
            if old is not None:
                h.orphaned, h.start, h.end = old.orphaned, old.start, old.end
                self._remove(h.id)
                self._insert(h)
        self._announce(HighlightsChanged(changed=tuple(changed)))

    def take_styles(self, plan: Plan) -> None:
        """The style of the highlights an older Reader made of the PDF's underlines, squiggles and strike-outs
        (Plan.styles), written once in one transaction; views are told."""
        if not plan.restyle:
            return
        from notes_db.pdf_annotations import styles_given

        styles_given(self.store, self.doc_id, plan.styles)
        self.taken.discard(RESTYLE_DUE)
        changed = []
        for hid, _style in plan.styles:
            h, old = self.store.highlight(hid), self._by_id.get(hid)
            if h is not None and old is not None:
                h.orphaned, h.start, h.end = old.orphaned, old.start, old.end
                self._remove(hid)
                self._insert(h)
                changed.append(h)
        if changed:
            self._announce(HighlightsChanged(changed=tuple(changed)))

    def plan_import(self, annotations: Iterable[Any]) -> Plan:
        """Where each PDF highlight annotation not taken over yet lands on the text (reader/pdf_takeover.py)."""
        from reader.pdf_takeover import plan

        return plan(self, annotations)

    def imported_all(self) -> None:
        """Every annotation of an old document has been judged: from now on its keys say what was taken over."""
        from notes_db.pdf_annotations import UNKNOWN, keys_known

        if UNKNOWN in self.taken and not self.store.read_only:
            keys_known(self.store, self.doc_id)
            self.taken.discard(UNKNOWN)

    def find(self, passage: str) -> tuple[int, int] | None:
        """The first place ``passage`` occurs, spacing forgiven (for the CLI)."""
        i = self.doc.text.find(passage)
        if i >= 0:
            return i, i + len(passage)
        return find_first(self.doc.text, passage, ignore_case=False)

    def find_all(self, passage: str) -> list[tuple[int, int]]:
        """Every place ``passage`` occurs, in order, spacing forgiven, case kept (for the CLI)."""
        from reader.find import pattern

        pat = pattern(passage, ignore_case=False)
        return [(m.start(), m.end()) for m in pat.finditer(self.doc.text) if m.end() > m.start()] if pat else []

    def save_position(self, offset: int) -> None:
        if offset != self.record.position:
            self.store.set_position(self.doc_id, offset)
            self.record.position = offset
