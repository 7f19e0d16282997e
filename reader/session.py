"""One open document with its notes: the path from text offsets to notes_db.

Qt-free, so the GUI and the CLI do the same thing the same way:
document -> anchors -> notes_db, and back (re-anchoring on open).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from notes_db import DocumentRecord, Highlight
from reader.anchoring import AMBIGUOUS, PLACED, Anchor, locate, make_anchor
from reader.document import Document
from reader.repair import repair

if TYPE_CHECKING:
    from notes_db.store import NotesDB

log = logging.getLogger("reader.session")


def _center_in(word: tuple[float, float, float, float], r: tuple[float, float, float, float], tol: float = 1.5) -> bool:
    cx, cy = (word[0] + word[2]) / 2, (word[1] + word[3]) / 2
    return r[0] - tol <= cx <= r[2] + tol and r[1] - tol <= cy <= r[3] + tol


def _split_hashtags(content: str) -> tuple[str, list[str]]:
    """'note text\n\n#a #b' -> ('note text', ['a', 'b']): Reader's own export, read back."""
    lines = content.rstrip().split("\n")
    if lines and lines[-1].strip() and all(t.startswith("#") and len(t) > 1 for t in lines[-1].split()):
        return "\n".join(lines[:-1]).strip(), [t[1:] for t in lines[-1].split()]
    return content.strip(), []


class Session:
    def __init__(self, store: NotesDB, doc: Document) -> None:
        self.store = store
        self.doc = doc
        self.record: DocumentRecord = store.register_document(
            doc.fingerprint, str(doc.path), doc.title, doc.kind, len(doc.text), doc.page_count
        )
        if doc.author:
            from notes_db.library import set_author

            set_author(store, self.record.id, doc.author)
        self.restored: list[str] = store.restored_repairs(self.record.id)
        if self.restored and doc.raw is not None:
            self.doc = repair(doc.raw, self.restored)
        self.highlights: list[Highlight] = store.highlights(self.record.id)
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
        sha = hashlib.sha1(self.doc.text.encode("utf-8", "surrogatepass")).hexdigest()
        if sha != self.record.anchored_sha:
            updates: list[tuple[int, int, int, int]] = []
            for h in self.highlights:
                p = locate(self.doc.text, Anchor(h.start, h.end, h.exact, h.prefix, h.suffix))
                if p.state == PLACED:
                    if (p.start, p.end) != (h.start, h.end) or h.orphaned:
                        updates.append((h.id, p.start, p.end, 0))
                    continue
                state = 2 if p.state == AMBIGUOUS else 1
                if not h.orphaned or h.ambiguous != (state == 2):
                    updates.append((h.id, h.start, h.end, state))
            if updates:
                log.info("re-anchored %d highlights of %s", len(updates), self.doc.path.name)
                self.store.set_anchors(updates)
                self.highlights = self.store.highlights(self.record.id)
            self.store.set_anchored_text(self.record.id, sha)
            self.record.anchored_sha = sha
        return sum(1 for h in self.highlights if h.orphaned)

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
        self.restored = sorted(restored)
        self.doc = repair(self.doc.raw, self.restored)
        self.highlights = self.store.highlights(self.record.id)
        self.orphans_found = self._reanchor()
        return self.doc

    def reload(self) -> list[Highlight]:
        self.highlights = self.store.highlights(self.record.id)
        return self.highlights

    def highlight(self, highlight_id: int) -> Highlight | None:
        return next((h for h in self.highlights if h.id == highlight_id), None)

    def highlight_at(self, offset: int) -> Highlight | None:
        hits = [h for h in self.highlights if not h.orphaned and h.start <= offset < h.end]
        return min(hits, key=lambda h: h.end - h.start) if hits else None

    def create(
        self,
        start: int,
        end: int,
        color: str = "yellow",
        note: str = "",
        tags: Iterable[str] = (),
        origin: str = "user",
        claim_key: str | None = None,
    ) -> Highlight:
        a = make_anchor(self.doc.text, start, end)
        if a.end <= a.start:
            raise ValueError("Select some text to highlight.")
        rects = self.doc.rects_for(a.start, a.end) if self.doc.words else []
        h = self.store.add_highlight(
            self.doc_id, a.start, a.end, a.exact, a.prefix, a.suffix, color, note, tags,
            page=self.doc.page_at(a.start), rects=rects, origin=origin, claim_key=claim_key,
        )
        self.reload()
        return h

    def edit(
        self, highlight_id: int, *, color: str | None = None, note: str | None = None,
        tags: Iterable[str] | None = None,
    ) -> Highlight:
        h = self.store.update_highlight(highlight_id, color=color, note=note, tags=tags)
        self.reload()
        return h

    def delete(self, highlight_id: int) -> Highlight | None:
        old = self.store.delete_highlight(highlight_id)
        self.reload()
        return old

    def restore(self, h: Highlight) -> Highlight:
        restored = self.store.restore_highlight(h)
        self.reload()
        return restored

    def import_annotations(self, annotations: Iterable[Any]) -> int:
        """Highlight annotations found in the PDF become Reader highlights
        (origin "imported"), placed on the words under them; returns how many."""
        words = self.doc.words
        pages = {p: [words[i] for i in r] for p, r in words.page_ranges().items()}
        made = 0
        existing = {(h.start, h.end) for h in self.highlights}
        for a in annotations:
            hit = [w for w in pages.get(a.page, []) if any(_center_in(w.rect, r) for r in a.rects)]
            if not hit:
                continue
            start, end = min(w.start for w in hit), max(w.end for w in hit)
            if (start, end) in existing:
                continue
            note, tags = _split_hashtags(a.content)
            self.create(start, end, a.color, note, tags, origin="imported")
            existing.add((start, end))
            made += 1
        return made

    def find(self, passage: str) -> tuple[int, int] | None:
        """The first place ``passage`` occurs, spacing forgiven (for the CLI)."""
        i = self.doc.text.find(passage)
        if i >= 0:
            return i, i + len(passage)
        words = passage.split()
        if not words:
            return None
        m = re.search(r"\s+".join(re.escape(w) for w in words), self.doc.text)
        return (m.start(), m.end()) if m else None

    def save_position(self, offset: int) -> None:
        if offset != self.record.position:
            self.store.set_position(self.doc_id, offset)
            self.record.position = offset
